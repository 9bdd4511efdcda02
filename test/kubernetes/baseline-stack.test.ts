import { TerraformStack, type App } from "cdktf";
import {
  DeveloperReadOnlyRole,
  EgressAllow,
  EntraKubernetesProvider,
  IngressAllow,
  KeyVaultSecretProviderClass,
  KubeloginLogin,
  RestrictedDeployment,
  SecureNamespace,
  WorkloadServiceAccount,
  clusterEndpoint,
} from "hardened-aks";
import { ADMIN_GROUP_ID, TENANT_ID, resources, synth, testCluster, testStack, PROBES } from "../helpers";

const DEV_GROUP_ID = "55555555-5555-5555-5555-555555555555";
const CLIENT_ID = "66666666-6666-6666-6666-666666666666";

/** The Azure stack and an in-cluster baseline stack beside it, as an application would write them. */
function baselineBesideCluster() {
  const azure = testStack();
  const cluster = testCluster(azure);
  const app = azure.node.scope as App;
  const baseline = new TerraformStack(app, "baseline");
  new EntraKubernetesProvider(baseline, "Kubernetes", {
    ...clusterEndpoint(cluster),
    login: KubeloginLogin.managedIdentity(),
    tenantId: TENANT_ID,
  });
  const payments = new SecureNamespace(baseline, "Payments", {
    name: "payments",
    podSecurityVersion: "v1.33",
    allowIngressFrom: [IngressAllow.fromNamespace("app-routing-system", { ports: [{ port: 8080 }] })],
    allowEgressTo: [EgressAllow.internet([{ port: 443 }])],
    adminGroupObjectIds: [ADMIN_GROUP_ID],
  });
  const reporting = new SecureNamespace(baseline, "Reporting", { name: "reporting", readerGroupObjectIds: [DEV_GROUP_ID] });
  new DeveloperReadOnlyRole(baseline, "Developers", { groupObjectIds: [DEV_GROUP_ID], namespaces: [payments, reporting] });
  const serviceAccount = new WorkloadServiceAccount(baseline, "PaymentsApi", { namespace: payments, name: "payments-api", clientId: CLIENT_ID });
  const secrets = new KeyVaultSecretProviderClass(baseline, "PaymentsSecrets", {
    namespace: payments,
    name: "payments-secrets",
    keyVaultName: "kv-payments-prod",
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    objects: [{ name: "db-password", type: "secret" }],
  });
  new RestrictedDeployment(baseline, "Api", { ...PROBES,
    namespace: payments,
    name: "payments-api",
    image: "craksprod.azurecr.io/payments/api:1.4.2",
    containerPort: 8080,
    serviceAccount,
    secretProviderClass: secrets,
  });
  for (const stack of app.node.children) (stack as TerraformStack).prepareStack();
  return { azure: synth(azure), baseline: synth(baseline), serviceAccount };
}

describe("an in-cluster baseline stack beside the cluster stack", () => {
  const { azure, baseline, serviceAccount } = baselineBesideCluster();

  test("synthesizes namespaces, policies, quotas, roles, a service account and a SecretProviderClass", () => {
    const count = (type: string) => resources(baseline, type).length;
    expect(count("kubernetes_namespace_v1")).toBe(2);
    expect(count("kubernetes_network_policy_v1")).toBe(2 + 2 + 2); // deny + dns each, ingress + egress for payments
    expect(count("kubernetes_limit_range_v1")).toBe(2);
    expect(count("kubernetes_resource_quota_v1")).toBe(2);
    expect(count("kubernetes_cluster_role_v1")).toBe(1);
    expect(count("kubernetes_role_binding_v1")).toBe(2 + 2); // admins + readers, developer role in two namespaces
    expect(count("kubernetes_service_account_v1")).toBe(1);
    expect(count("kubernetes_manifest")).toBe(1);
    expect(count("kubernetes_deployment_v1")).toBe(1);
  });

  test("keeps Azure resources and in-cluster resources in their own stacks", () => {
    expect(Object.keys(baseline.resource).every((type) => type.startsWith("kubernetes_"))).toBe(true);
    expect(Object.keys(azure.resource).some((type) => type.startsWith("kubernetes_"))).toBe(false);
    expect(baseline.provider.azurerm).toBeUndefined();
    expect(Object.keys(baseline.provider)).toEqual(["kubernetes"]);
  });

  test("reaches the cluster with kubelogin, with host and CA from the cluster stack", () => {
    const provider = baseline.provider.kubernetes[0];
    expect(provider.host).toMatch(/^\$\{data\.terraform_remote_state\./);
    expect(provider.exec[0].args).toEqual([
      "get-token", "--login", "msi", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630", "--tenant-id", TENANT_ID,
    ]);
  });

  test("gives the federated credential a subject the Azure stack can use without referencing this stack", () => {
    expect(serviceAccount.federatedSubject).toBe("system:serviceaccount:payments:payments-api");
  });
});
