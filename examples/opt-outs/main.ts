// A throwaway load-test environment that weakens its controls on purpose, each opt-out
// acknowledged with its reason: the compliance report lists them as acknowledged instead
// of failing synthesis, so a reviewer sees every one.
import { App, TerraformStack } from "cdktf";
import { ClusterEncryption, Compliance, Deployer, EnvironmentState, HardenedPlatform, disableTokenStackTraces } from "hardened-aks";
import { PLATFORM_ADMINS_GROUP_ID, TENANT_ID } from "../placeholders";

/** OPS-2: local state, acknowledged by the state itself with this reason. */
const state = EnvironmentState.localForTrial("Load test run from one workstation and destroyed the same day (change LT-42).");

/** Builds the app (one stack `<id>`); exported so a test synthesizes what users run. */
export function buildOptOuts(app: App = new App(), id = "loadtest"): App {
  disableTokenStackTraces();
  const stack = new TerraformStack(app, id);
  state.configure(stack, id);
  const platform = new HardenedPlatform(stack, {
    name: "loadtest",
    location: "westeurope",
    tenantId: TENANT_ID,
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
    addressPlan: { spoke: "10.70.0.0/16", hub: "10.202.0.0/24" },
    // Terraform runs from a hosted runner outside the network: the vault's and the registry's
    // public endpoints open to the runner's public address only (SEC-2 and IMG-1, which the
    // platform acknowledges with this reason).
    deployer: Deployer.publicIpRanges(["203.0.113.10"], { reason: "Hosted runners until the load-test subscription has a runner network." }),
    // The WAF only logs while the load test's traffic shapes its exclusions.
    ingress: { wafMode: "Detection" },
    // No uptime SLA needed for a cluster that lives a day; and AKS's KMS cannot use a vault
    // that is open to selected addresses (the public-IP deployer's), so Microsoft's keys.
    // No Advanced Container Networking Services either: billed per node, and the load test's
    // namespaces use no FQDN egress (NET-6, acknowledged by the opt-out with its reason).
    cluster: {
      skuTier: "Free",
      encryption: ClusterEncryption.platformManagedKeys(),
      withoutAdvancedNetworking: { reason: "ACNS is billed per node, and the load test uses no FQDN egress (change LT-42)." },
    },
  });
  Compliance.acknowledge(platform.cluster, "NODE-4", "Load-test cluster on the Free tier, destroyed after the run (change LT-42).");
  Compliance.acknowledge(platform.cluster, "SEC-3", "etcd with Microsoft's keys: KMS cannot reach a vault opened to the hosted runner (change LT-42).");
  Compliance.acknowledge(platform.cluster, "SEC-4", "Disks with Microsoft's keys for a cluster destroyed after the run (change LT-42).");
  Compliance.acknowledge(platform.ingress, "ING-2", "WAF in Detection while the load test tunes its exclusions, until the run ends (change LT-42).");
  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildOptOuts().synth();
}
