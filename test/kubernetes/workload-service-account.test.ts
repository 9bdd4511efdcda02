import { TerraformStack, TerraformVariable, type App } from "cdktf";
import { EntraKubernetesProvider, SecureNamespace, WORKLOAD_IDENTITY_USE_LABEL, WorkloadIdentity, WorkloadServiceAccount } from "hardened-aks";
import { PLACEMENT, TENANT_ID, TEST_API_SERVER, kubernetesTestStack, only, synth, testCluster, testStack } from "../helpers";

const CLIENT_ID = "66666666-6666-6666-6666-666666666666";

describe("WorkloadServiceAccount", () => {
  test("is annotated with the workload identity's client id and mounts no API token (IAM-4)", () => {
    const stack = kubernetesTestStack();
    const ns = new SecureNamespace(stack, "Payments", { name: "payments" });
    const sa = new WorkloadServiceAccount(stack, "Api", { namespace: ns, name: "payments-api", clientId: CLIENT_ID });
    const json = synth(stack);
    const account = only(json, "kubernetes_service_account_v1");
    expect(account.metadata).toEqual({
      name: "payments-api",
      namespace: "payments",
      annotations: { "azure.workload.identity/client-id": CLIENT_ID },
    });
    expect(account.automount_service_account_token).toBe(false);
    expect(account.depends_on).toEqual([`kubernetes_namespace_v1.${Object.keys(json.resource.kubernetes_namespace_v1)[0]}`, `kubernetes_default_service_account_v1.${Object.keys(json.resource.kubernetes_default_service_account_v1)[0]}`]);
    expect(sa.federatedSubject).toBe("system:serviceaccount:payments:payments-api");
  });

  test("computes the federated credential's subject from plain strings, for the Azure stack", () => {
    expect(WorkloadServiceAccount.federatedSubject("payments", "payments-api")).toBe("system:serviceaccount:payments:payments-api");
  });

  test("puts the use label on pods, not on the service account", () => {
    const stack = kubernetesTestStack();
    new WorkloadServiceAccount(stack, "Api", { namespace: "payments", name: "api", clientId: CLIENT_ID, tenantId: TENANT_ID, labels: { app: "api" } });
    const account = only(synth(stack), "kubernetes_service_account_v1");
    expect(WORKLOAD_IDENTITY_USE_LABEL).toBe("azure.workload.identity/use");
    expect(account.metadata.labels).toEqual({ app: "api" });
    expect(account.metadata.annotations).toEqual({
      "azure.workload.identity/client-id": CLIENT_ID,
      "azure.workload.identity/tenant-id": TENANT_ID,
    });
    expect(account.depends_on).toBeUndefined();
  });

  test("mounts an API token only when asked", () => {
    const stack = kubernetesTestStack();
    new WorkloadServiceAccount(stack, "Api", { namespace: "payments", name: "api", clientId: CLIENT_ID, automountServiceAccountToken: true });
    expect(only(synth(stack), "kubernetes_service_account_v1").automount_service_account_token).toBe(true);
  });

  test("takes the client id as a token (a cross-stack reference to the identity)", () => {
    const stack = kubernetesTestStack();
    const clientId = new TerraformVariable(stack, "client", { type: "string" }).stringValue;
    new WorkloadServiceAccount(stack, "Api", { namespace: "payments", name: "api", clientId });
    expect(only(synth(stack), "kubernetes_service_account_v1").metadata.annotations["azure.workload.identity/client-id"]).toBe("${var.client}");
  });

  test.each([
    [{ name: "Payments API" }, /name must be a DNS-1123 label/],
    [{ namespace: "Payments" }, /namespace must be a DNS-1123 label/],
    [{ clientId: "my-identity" }, /clientId must be a GUID/],
    [{ tenantId: "contoso" }, /tenantId must be a GUID/],
  ])("rejects %p", (props, message) => {
    expect(() => new WorkloadServiceAccount(kubernetesTestStack(), "Api", { namespace: "payments", name: "api", clientId: CLIENT_ID, ...props })).toThrow(message);
  });
});

describe("WorkloadServiceAccount.forIdentity", () => {
  function identityInAzureStack() {
    const azure = testStack();
    const cluster = testCluster(azure);
    const identity = new WorkloadIdentity(azure, "PaymentsIdentity", {
      ...PLACEMENT,
      name: "id-payments-api",
      namespace: "payments",
      serviceAccountName: "payments-api",
      oidcIssuerUrl: cluster.oidcIssuerUrl,
    });
    const baseline = new TerraformStack(azure.node.scope as App, "baseline");
    new EntraKubernetesProvider(baseline, "Kubernetes", TEST_API_SERVER);
    return { azure, baseline, identity };
  }

  test("takes namespace, name and client id from the workload identity, so the federated credential matches (IAM-4)", () => {
    const { azure, baseline, identity } = identityInAzureStack();
    const ns = new SecureNamespace(baseline, "Payments", { name: "payments" });
    const sa = WorkloadServiceAccount.forIdentity(baseline, "Api", identity, { namespace: ns });
    for (const stack of [azure, baseline]) stack.prepareStack();
    const account = only(synth(baseline), "kubernetes_service_account_v1");
    expect(account.metadata.name).toBe("payments-api");
    expect(account.metadata.namespace).toBe("payments");
    expect(account.metadata.annotations["azure.workload.identity/client-id"]).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test\.outputs\.cross-stack-output-azurerm_user_assigned_identity.*client_id\}$/,
    );
    expect(account.depends_on).toHaveLength(2);
    expect(sa.federatedSubject).toBe(identity.subject);
    expect(only(synth(azure), "azurerm_federated_identity_credential").subject).toBe(sa.federatedSubject);
  });

  test("rejects a namespace the identity does not trust", () => {
    const { baseline, identity } = identityInAzureStack();
    const other = new SecureNamespace(baseline, "Other", { name: "other" });
    expect(() => WorkloadServiceAccount.forIdentity(baseline, "Api", identity, { namespace: other })).toThrow(
      /namespace 'other' is not the namespace the identity's federated credential trusts \('payments'\)/,
    );
  });
});

describe("WorkloadServiceAccount from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no namespace", { namespace: undefined }, /^namespace is required and must be a namespace's name or a SecureNamespace, e\.g\. 'payments'; got nothing/],
    ["an empty namespace", { namespace: "" }, /^namespace is required and must be a non-empty string/],
    ["no name", { name: undefined }, /^name is required and must be a non-empty string, e\.g\. 'payments-api'; got nothing/],
    ["a null client id", { clientId: null }, /^clientId is required and must be a non-empty string, e\.g\. identity\.clientId; got null/],
    ["a tenant id that is a number", { tenantId: 1 }, /^tenantId must be a non-empty string when given.*got 1/],
    ["labels that are a string", { labels: "team=payments" }, /^labels must be an object of label keys to string values.*got 'team=payments'/],
  ])("names the prop for %s", (_name, fields, message) => {
    expect(() => new WorkloadServiceAccount(kubernetesTestStack(), "Api", { namespace: "payments", name: "payments-api", clientId: CLIENT_ID, ...fields } as any)).toThrow(message);
  });

  test("names the props object, and the identity of forIdentity, when there is none", () => {
    expect(() => new WorkloadServiceAccount(kubernetesTestStack(), "Api", undefined as any)).toThrow(/^props is required and must be an object/);
    expect(() => WorkloadServiceAccount.forIdentity(kubernetesTestStack(), "Api", undefined as any)).toThrow(/^identity is required and must be an object, e\.g\. a WorkloadIdentity; got nothing/);
  });
});
