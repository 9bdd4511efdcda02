// RestrictedDeployment's bad-input families: image references, environment variables, and
// the props a JavaScript caller can leave out.
import { TerraformVariable } from "cdktf";
import { Compliance, RestrictedDeployment, SecureNamespace, type RestrictedDeploymentProps } from "hardened-aks";
import { kubernetesTestStack, only, synth, PROBES } from "../helpers";

const IMAGE = "craksprod.azurecr.io/payments/api:1.4.2";

function build(overrides: Partial<RestrictedDeploymentProps> = {}) {
  const stack = kubernetesTestStack();
  const namespace = new SecureNamespace(stack, "Payments", { name: "payments" });
  new RestrictedDeployment(stack, "Api", { ...PROBES, namespace, name: "payments-api", image: IMAGE, ...overrides });
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
    new RestrictedDeployment(stack, "Api", { ...PROBES, namespace: "payments", name: "payments-api", image });
    const container = only(synth(stack), "kubernetes_deployment_v1").spec.template.spec.container[0];
    expect(container.image).toBe("${var.image}");
    // Nothing says it is pinned by digest, so it is pulled as a tag would be.
    expect(container.image_pull_policy).toBe("Always");
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
    new RestrictedDeployment(stack, "Api", { ...PROBES, namespace: "payments", name: "payments-api", image: IMAGE, env: { LOG_LEVEL: level, "app.mode": "prod" } });
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
    ["a service account that is a name", { serviceAccount: "payments-api" }, /^serviceAccount must be an object when given, e\.g\. a WorkloadServiceAccount; got 'payments-api'/],
  ])("names the prop for %s", (_name, fields, message) => {
    expect(() => new RestrictedDeployment(kubernetesTestStack(), "Api", { ...PROBES, namespace: "payments", name: "payments-api", image: IMAGE, ...fields } as any)).toThrow(message);
  });

  test("names the props object when there is none", () => {
    expect(() => new RestrictedDeployment(kubernetesTestStack(), "Api", undefined as any)).toThrow(/^props is required and must be an object/);
  });
});

describe("RestrictedDeployment probes (K8S-8)", () => {
  test("writes an HTTP readiness probe and a TCP liveness probe", () => {
    const container = only(build({ readinessProbe: { path: "/ready", port: 8080 }, livenessProbe: { port: 8080, periodSeconds: 20 } }), "kubernetes_deployment_v1").spec.template.spec
      .container[0];
    expect(container.readiness_probe).toEqual({ http_get: { path: "/ready", port: "8080" }, initial_delay_seconds: 5, period_seconds: 10 });
    expect(container.liveness_probe).toEqual({ tcp_socket: [{ port: "8080" }], initial_delay_seconds: 30, period_seconds: 20 });
  });

  test.each<[Partial<RestrictedDeploymentProps>, RegExp]>([
    [{ readinessProbe: undefined, livenessProbe: undefined }, /^readinessProbe and livenessProbe are required \(K8S-8\)/],
    [{ livenessProbe: undefined }, /^livenessProbe is required \(K8S-8\)/],
    [{ readinessProbe: { path: "ready", port: 8080 } }, /^readinessProbe\.path must be an HTTP path starting with '\/', e\.g\. '\/healthz'; got "ready"\./],
    [{ livenessProbe: { port: 70000 } }, /^livenessProbe\.port must be a whole number from 1 to 65535/],
    [{ withoutProbes: { reason: "no health endpoint yet" } }, /^withoutProbes and readinessProbe\/livenessProbe contradict each other/],
  ])("rejects %p", (overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });

  test("withoutProbes needs a reason, and records it as K8S-8's acknowledgement on the deployment", () => {
    expect(() => build({ readinessProbe: undefined, livenessProbe: undefined, withoutProbes: { reason: "tbd" } })).toThrow(
      /^withoutProbes\.reason must say why the workload runs without probes, in at least 10 characters; got 'tbd'/,
    );
    const stack = kubernetesTestStack();
    const namespace = new SecureNamespace(stack, "Payments", { name: "payments" });
    const deployment = new RestrictedDeployment(stack, "Api", { namespace, name: "worker", image: IMAGE, withoutProbes: { reason: "a queue worker with no port to probe" } });
    expect(Compliance.acknowledgementsOf(stack)).toEqual([expect.objectContaining({ ruleId: "K8S-8", reason: "a queue worker with no port to probe", scopePath: deployment.resource.node.path })]);
  });
});

describe("RestrictedDeployment image pinning (IMG-4)", () => {
  test("pulls an image pinned by digest only when it is not on the node, and a tagged one always", () => {
    const digest = `craksprod.azurecr.io/payments/api@sha256:${"ab".repeat(32)}`;
    const policyOf = (image: string) => only(build({ image }), "kubernetes_deployment_v1").spec.template.spec.container[0].image_pull_policy;
    expect(policyOf(digest)).toBe("IfNotPresent");
    expect(policyOf("craksprod.azurecr.io/payments/api:1.4.2")).toBe("Always");
  });
});
