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
    expect(only(json, "kubernetes_service_account_v1").depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\.Orders_/)]);
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
