// Quickstart: one environment of the hardened AKS platform, as two stacks.
// - `quickstart` (Azure): the whole wired platform (spoke network, hub with the egress
//   firewall, WAF ingress, private registry, vault with the cluster's keys, workspace,
//   cluster) and one application's workload identity.
// - `quickstart-baseline` (in-cluster): the application's locked-down namespace, its
//   service account and the developers' read-only role, then the application itself.
// `npm run synth` writes both to cdktf.out/stacks/. State is local, for trying it out; see
// examples/multi-env for remote state and several environments.
import { App, TerraformStack } from "cdktf";
import {
  Compliance,
  Deployer,
  EgressAllow,
  EnvironmentState,
  HardenedPlatform,
  KeyVaultSecretProviderClass,
  PlatformBaseline,
  RestrictedDeployment,
  disableTokenStackTraces,
} from "hardened-aks";
import { DEVELOPERS_GROUP_ID, ORDERS_TEAM_GROUP_ID, PLATFORM_ADMINS_GROUP_ID, RUNNER_NETWORK_ID, TENANT_ID } from "../placeholders";

/** Local state files, recorded in the compliance report as an acknowledged opt-out (OPS-2). */
const state = EnvironmentState.localForTrial("Quickstart for trying the library out; shared environments use remote state (examples/multi-env).");

/**
 * Builds the quickstart app (stacks `<id>` and `<id>-baseline`); exported so tests and the
 * benchmark synthesize exactly what users run. The compliance check fails synthesis on any
 * weakened control and writes its reports next to each stack's Terraform.
 */
export function buildQuickstart(app: App = new App(), id = "quickstart"): App {
  // Synthesis speed over the creation traces of unresolvable tokens (see disableTokenStackTraces).
  disableTokenStackTraces();
  const azure = new TerraformStack(app, id);
  state.configure(azure, id);
  const platform = new HardenedPlatform(azure, {
    name: "quickstart",
    location: "westeurope",
    tenantId: TENANT_ID,
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
    addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" },
    // Terraform runs from a runner in this network: it reaches the private endpoints.
    deployer: Deployer.runnerInNetwork({ virtualNetworkId: RUNNER_NETWORK_ID }),
    hub: { firewall: { allowedFqdns: ["api.github.com"] } },
    // An application that reads one secret, with its own identity.
    workloads: { orders: { namespace: "orders", serviceAccountName: "orders-api", secrets: ["orders-db-password"] } },
  });

  const inCluster = new TerraformStack(app, `${id}-baseline`);
  state.configure(inCluster, `${id}-baseline`);
  const baseline = new PlatformBaseline(inCluster, {
    platform,
    // The orders pods reach api.github.com alone, below what the firewall allows the cluster
    // (a Cilium FQDN policy, enforced by the cluster's Advanced Container Networking Services).
    namespaces: { orders: { allowEgressTo: [EgressAllow.fqdns(["api.github.com"], [{ port: 443 }])], adminGroupObjectIds: [ORDERS_TEAM_GROUP_ID] } },
    developers: { groupObjectIds: [DEVELOPERS_GROUP_ID] },
  });

  // The application: its secret mounted by the CSI driver, read with its workload identity.
  const orders = baseline.namespaces.orders;
  const secrets = new KeyVaultSecretProviderClass(inCluster, "OrdersSecrets", {
    namespace: orders,
    name: "orders-secrets",
    keyVaultName: platform.vault.vaultName,
    tenantId: TENANT_ID,
    clientId: platform.workloads.orders.clientId,
    objects: [{ name: "orders-db-password", type: "secret" }],
  });
  new RestrictedDeployment(inCluster, "OrdersApi", {
    namespace: orders,
    name: "orders-api",
    // Pinned by digest (IMG-4): replace with your image's (az acr repository show --image orders/api:<tag> --query digest).
    image: "craksquickstart.azurecr.io/orders/api@sha256:0000000000000000000000000000000000000000000000000000000000000000",
    containerPort: 8080,
    readinessProbe: { path: "/ready", port: 8080 },
    livenessProbe: { path: "/healthz", port: 8080 },
    serviceAccount: baseline.serviceAccounts.orders,
    secretProviderClass: secrets,
  });

  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildQuickstart().synth();
}
