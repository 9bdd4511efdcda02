import { Testing, TerraformStack } from "cdktf";
import { EgressAllow, HardenedPlatform, PlatformBaseline, ValidationError, type PlatformBaselineProps } from "hardened-aks";
import { only, resources, synthApp } from "../helpers";
import { platformProps } from "./platform-props";
const DEVELOPERS = "33333333-3333-3333-3333-333333333333";

/** A platform in one stack and a baseline stack next to it, as an environment has them. */
function build(baseline: Omit<PlatformBaselineProps, "platform">) {
  const app = Testing.app();
  const azure = new TerraformStack(app, "azure");
  const platform = new HardenedPlatform(azure, platformProps({ workloads: { orders: { namespace: "orders", serviceAccountName: "orders-api" } } }));
  const stack = new TerraformStack(app, "baseline");
  return { app, create: () => new PlatformBaseline(stack, { platform, ...baseline }) };
}

describe("PlatformBaseline", () => {
  const { app, create } = build({
    namespaces: { orders: { allowEgressTo: [EgressAllow.internet([{ port: 443 }])] }, payments: {} },
    developers: { groupObjectIds: [DEVELOPERS], namespaces: ["orders"] },
  });
  const baseline = create();
  const { json } = synthApp(app).baseline;

  test("reaches the platform's cluster with Entra ID through cross-stack references", () => {
    const provider = json.provider.kubernetes[0];
    expect(provider.host).toMatch(/cross-stack-output-azurerm_kubernetes_cluster/);
    expect(provider.exec[0].args).toEqual(expect.arrayContaining(["--login", "msi"]));
  });

  test("locks down each namespace under its name", () => {
    expect(resources(json, "kubernetes_namespace_v1").map((n) => n.metadata.name).sort()).toEqual(["orders", "payments"]);
    expect(Object.keys(baseline.namespaces).sort()).toEqual(["orders", "payments"]);
  });

  test("creates each workload's service account in its namespace, annotated with its identity", () => {
    expect(only(json, "kubernetes_service_account_v1").metadata).toMatchObject({
      name: "orders-api",
      namespace: "orders",
      annotations: { "azure.workload.identity/client-id": expect.stringContaining("cross-stack-output-azurerm_user_assigned_identityOrdersIdentity") },
    });
    // Created after its namespace, not merely named after it.
    expect(only(json, "kubernetes_service_account_v1").depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\.Orders_/), expect.stringMatching(/^kubernetes_default_service_account_v1\.Orders_DefaultServiceAccount_/)]);
    expect(baseline.serviceAccounts.orders).toBeDefined();
  });

  test("binds the developers' read-only role only in the namespaces named", () => {
    const bindings = resources(json, "kubernetes_role_binding_v1").filter((b) => b.metadata.name === "developer-read-only");
    expect(bindings.map((b) => b.metadata.namespace)).toEqual(["orders"]);
    expect(bindings[0].subject).toEqual([expect.objectContaining({ name: DEVELOPERS })]);
  });
});

describe("PlatformBaseline rejects bad input", () => {
  test("two workloads whose service accounts share a name (valid in two namespaces) get a clear error, not a construct clash", () => {
    const app = Testing.app();
    const workloads = {
      orders: { namespace: "orders", serviceAccountName: "api" },
      payments: { namespace: "payments", serviceAccountName: "api" },
    };
    const platform = new HardenedPlatform(new TerraformStack(app, "azure"), platformProps({ workloads }));
    const create = () => new PlatformBaseline(new TerraformStack(app, "baseline"), { platform, namespaces: { orders: {}, payments: {} } });
    let error: unknown;
    try {
      create();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/workload 'payments': its service account 'api' would take the construct id 'ApiAccount'.*Give the service account a name/);
  });

  test("a workload whose namespace the baseline does not declare, naming the namespace to add", () => {
    const { create } = build({ namespaces: { payments: {} } });
    expect(create).toThrow(/namespaces has no 'orders', the namespace of the platform's workload 'orders'.*Add namespaces\['orders'\]/);
    expect(create).toThrow(ValidationError);
  });

  test("a developer namespace that is not one of the baseline's", () => {
    const { create } = build({ namespaces: { orders: {} }, developers: { groupObjectIds: [DEVELOPERS], namespaces: ["billing"] } });
    expect(create).toThrow(/developers\.namespaces names 'billing', which is not one of the baseline's namespaces \(orders\)/);
  });

  test("a developer group that is not a GUID", () => {
    const { create } = build({ namespaces: { orders: {} }, developers: { groupObjectIds: ["devs"] } });
    expect(create).toThrow(/developers\.groupObjectIds\[0\] must be a GUID/);
  });
});

describe("PlatformBaseline namespace names and construct ids", () => {
  test("a namespace called kubernetes, whose id would be the provider's", () => {
    const { create } = build({ namespaces: { orders: {}, kubernetes: {} } });
    let error: unknown;
    try {
      create();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(() => {
      throw error;
    }).toThrow(/^namespaces key 'kubernetes' would take the construct id 'Kubernetes', which the baseline uses for the Kubernetes provider \(construct ids come from names\)\. Name the namespace for its team or application instead, e\.g\. 'kubernetes-apps'\./);
  });

  test("a namespace called developers, with the developer role", () => {
    const { create } = build({ namespaces: { orders: {}, developers: {} }, developers: { groupObjectIds: [DEVELOPERS] } });
    expect(create).toThrow(/^namespaces key 'developers' would take the construct id 'Developers', which the baseline uses for the developers' read-only role \(developers\)/);
  });

  test("a namespace called developers without the developer role keeps working, at its address", () => {
    const { app, create } = build({ namespaces: { orders: {}, developers: {} } });
    create();
    expect(Object.keys(synthApp(app).baseline.json.resource.kubernetes_namespace_v1)).toEqual(expect.arrayContaining([expect.stringMatching(/^Developers_/)]));
  });

  test("two namespace names with the same id", () => {
    const { create } = build({ namespaces: { orders: {}, "team-a": {}, "team-a-": {} } });
    // The second name is not a DNS-1123 label: its own rule names it before the ids are compared.
    expect(create).toThrow(/^namespaces key 'team-a-' must be a DNS-1123 label/);
  });

  test.each<[string, RegExp]>([
    ["Orders", /^namespaces key 'Orders' must be a DNS-1123 label.*got 'Orders'/],
    ["kube-system", /^namespaces key 'kube-system' must not be a namespace the platform owns/],
  ])("a namespace key %p, named as the key", (name, message) => {
    const { create } = build({ namespaces: { orders: {}, [name]: {} } });
    expect(create).toThrow(message);
  });
});

describe("PlatformBaseline from JavaScript", () => {
  const app = Testing.app();
  const platform = new HardenedPlatform(new TerraformStack(app, "azure"), platformProps({ workloads: { orders: { namespace: "orders", serviceAccountName: "orders-api" } } }));
  let n = 0;
  const create = (props: unknown) => () => new PlatformBaseline(new TerraformStack(app, `baseline${n++}`), props as PlatformBaselineProps);

  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no platform", { platform: undefined }, /^platform is required and must be an object, e\.g\. the HardenedPlatform; got nothing/],
    ["no cluster", { platform: { ...platform, cluster: undefined } }, /^platform\.cluster is required and must be an object/],
    ["a cluster without its resource", { platform: { ...platform, cluster: {} } }, /^platform\.cluster\.resource is required and must be an object/],
    ["no tenant", { platform: { ...platform, tenantId: undefined } }, /^platform\.tenantId is required and must be a non-empty string/],
    ["no workloads", { platform: { ...platform, workloads: null } }, /^platform\.workloads is required and must be an object.*got null/],
    ["no deployer", { platform: { ...platform, deployer: undefined } }, /^platform\.deployer is required and must be a Deployer, e\.g\. Deployer\.runnerInNetwork\(\.\.\.\); got nothing/],
    ["no namespaces", { namespaces: undefined }, /^namespaces is required and must be an object, e\.g\. \{ orders: \{\} \}; got nothing/],
    ["a namespace given as null", { namespaces: { orders: null } }, /^namespaces\['orders'\] is required and must be an object, e\.g\. \{\} for the defaults; got null/],
    ["developers without groups", { developers: {} }, /^developers\.groupObjectIds is required and must be an array/],
  ])("names the prop for %s", (_name, fields, message) => {
    expect(create({ platform, namespaces: { orders: {} }, ...fields })).toThrow(message);
  });

  test("names the props object when there is none", () => {
    expect(create(undefined)).toThrow(/^props is required and must be an object/);
  });
});
