// RestrictedDeployment's bad-input families: image references, environment variables, and
// the props a JavaScript caller can leave out.
import { TerraformVariable } from "cdktf";
import { RestrictedDeployment, SecureNamespace, type RestrictedDeploymentProps } from "hardened-aks";
import { kubernetesTestStack, only, synth } from "../helpers";

const IMAGE = "craksprod.azurecr.io/payments/api:1.4.2";

function build(overrides: Partial<RestrictedDeploymentProps> = {}) {
  const stack = kubernetesTestStack();
  const namespace = new SecureNamespace(stack, "Payments", { name: "payments" });
  new RestrictedDeployment(stack, "Api", { namespace, name: "payments-api", image: IMAGE, ...overrides });
  return synth(stack);
}

describe("RestrictedDeployment image references", () => {
  test.each<[string, RegExp]>([
    // An empty image is a missing one: the required-prop rule names it first.
    ["", /^image is required and must be a non-empty string.*got ''/],
    ["   ", /^image is required and must be a non-empty string.*got ' {3}'/],
    ["craksprod.azurecr.io/payments/api: 1.4.2", /got 'craksprod\.azurecr\.io\/payments\/api: 1\.4\.2': it contains whitespace\./],
    ["craksprod.azurecr.io/Payments/API:1.4.2", /got 'craksprod\.azurecr\.io\/Payments\/API:1\.4\.2': its repository part 'Payments' has upper case; repositories are lower case\./],
    ["craksprod.azurecr.io/payments/api@sha256:1234", /its digest 'sha256:1234' is not 'sha256:' and 64 lower-case hex digits\./],
    [`craksprod.azurecr.io/payments/api:${"v".repeat(129)}`, /its tag 'v{129}' must be 1-128 letters/],
    ["craksprod.azurecr.io/payments//api:1", /its repository has an empty path part/],
    // A well-formed reference still has to be pinned.
    ["craksprod.azurecr.io/payments/api", /^image must be pinned by a tag other than 'latest' or by digest/],
    ["craksprod.azurecr.io/payments/api:latest", /^image must be pinned by a tag other than 'latest' or by digest/],
  ])("rejects %p", (image, message) => {
    expect(() => build({ image })).toThrow(message);
  });

  test.each([IMAGE, `craksprod.azurecr.io/payments/api@sha256:${"ab".repeat(32)}`, "localhost:5000/api:1.0-RC1", "nginx:1.27"])("takes %p", (image) => {
    expect(only(build({ image }), "kubernetes_deployment_v1").spec.template.spec.container[0].image).toBe(image);
  });

  test("takes a Terraform variable as the image without checking it", () => {
    const stack = kubernetesTestStack();
    const image = new TerraformVariable(stack, "image", { type: "string" }).stringValue;
    new RestrictedDeployment(stack, "Api", { namespace: "payments", name: "payments-api", image });
    expect(only(synth(stack), "kubernetes_deployment_v1").spec.template.spec.container[0].image).toBe("${var.image}");
  });
});

describe("RestrictedDeployment environment variables", () => {
  test.each<[Record<string, unknown>, RegExp]>([
    [{ "A=B": "x" }, /^env has an invalid variable name 'A=B': a name is one or more printable ASCII characters other than '=', e\.g\. 'LOG_LEVEL'\./],
    [{ PORT: 8080 }, /^env\.PORT must be a string \(write '8080'\); got 8080\./],
  ])("rejects %p", (env, message) => {
    expect(() => build({ env: env as any })).toThrow(message);
  });

  test("writes good names and token values", () => {
    const stack = kubernetesTestStack();
    const level = new TerraformVariable(stack, "level", { type: "string" }).stringValue;
    new RestrictedDeployment(stack, "Api", { namespace: "payments", name: "payments-api", image: IMAGE, env: { LOG_LEVEL: level, "app.mode": "prod" } });
    expect(only(synth(stack), "kubernetes_deployment_v1").spec.template.spec.container[0].env).toEqual([
      { name: "LOG_LEVEL", value: "${var.level}" },
      { name: "app.mode", value: "prod" },
    ]);
  });
});

describe("RestrictedDeployment from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no namespace", { namespace: undefined }, /^namespace is required and must be a namespace's name or a SecureNamespace, e\.g\. 'payments'; got nothing/],
    ["a namespace that is a number", { namespace: 3 }, /^namespace is required .*got 3/],
    ["no name", { name: undefined }, /^name is required and must be a non-empty string, e\.g\. 'payments-api'; got nothing/],
    ["no image", { image: undefined }, /^image is required and must be a non-empty string, e\.g\. 'craksprod\.azurecr\.io\/payments\/api:1\.4\.2'; got nothing/],
    ["an image that is null", { image: null }, /^image is required .*got null/],
    ["a service account that is a name", { serviceAccount: "payments-api" }, /^serviceAccount is required and must be an object, e\.g\. a WorkloadServiceAccount; got 'payments-api'/],
  ])("names the prop for %s", (_name, fields, message) => {
    expect(() => new RestrictedDeployment(kubernetesTestStack(), "Api", { namespace: "payments", name: "payments-api", image: IMAGE, ...fields } as any)).toThrow(message);
  });

  test("names the props object when there is none", () => {
    expect(() => new RestrictedDeployment(kubernetesTestStack(), "Api", undefined as any)).toThrow(/^props is required and must be an object/);
  });
});
