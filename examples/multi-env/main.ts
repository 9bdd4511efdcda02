// Three environments of the hardened platform from one definition: dev, stage and prod, each
// with an Azure stack and an in-cluster stack, each stack with its own remote state.
// Only names, sizes and address ranges differ, and what dev's security profile documents;
// synthesis fails if the security posture of the environments drifts apart otherwise.
//
// Deploy per environment, Azure stack first:
//   cdktf deploy dev-platform && cdktf deploy dev-baseline
import { App } from "cdktf";
import {
  Compliance,
  Deployer,
  EgressAllow,
  EnvironmentState,
  HardenedPlatform,
  PlatformBaseline,
  PlatformEnvironments,
  SecurityProfile,
  disableTokenStackTraces,
  type Environment,
} from "hardened-aks";
import { DEVELOPERS_GROUP_ID, ORDERS_TEAM_GROUP_ID, PLATFORM_ADMINS_GROUP_ID, TENANT_ID, runnerNetworkId } from "../placeholders";

/** Remote state: one storage account, one blob per stack (`<env>-<role>.tfstate`). */
const state = EnvironmentState.azurerm({
  resourceGroupName: "rg-platform-tfstate",
  storageAccountName: "stplatformtfstate",
  containerName: "tfstate",
});

/**
 * The platform's one definition, called for each environment: its Azure stack, then its
 * in-cluster stack. Exported so the benchmark builds any number of environments with it.
 */
export function defineEnvironment(env: Environment): void {
  const platform = new HardenedPlatform(env.stack("platform"), {
    name: env.name,
    location: "westeurope",
    tenantId: TENANT_ID,
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
    addressPlan: env.addressPlan,
    deployer: Deployer.runnerInNetwork({ virtualNetworkId: runnerNetworkId(env.name) }),
    hub: { firewall: { allowedFqdns: ["api.github.com"] } },
    cluster: env.sizing,
    workloads: { orders: { namespace: "orders", serviceAccountName: "orders-api", secrets: ["orders-db-password"] } },
  });
  new PlatformBaseline(env.stack("baseline"), {
    platform,
    namespaces: { orders: { allowEgressTo: [EgressAllow.internet([{ port: 443 }])], adminGroupObjectIds: [ORDERS_TEAM_GROUP_ID] } },
    developers: { groupObjectIds: [DEVELOPERS_GROUP_ID] },
  });
}

/** Builds the multi-environment app; exported so tests and the benchmark synthesize it. */
export function buildMultiEnv(app: App = new App()): App {
  // Synthesis speed over the creation traces of unresolvable tokens (see disableTokenStackTraces).
  disableTokenStackTraces();
  new PlatformEnvironments(app, {
    environments: [
      {
        name: "dev",
        // Standard firewall without IDPS and a Free-tier control plane, each acknowledged with
        // the library's reason; parity accepts exactly these differences from stage and prod.
        profile: SecurityProfile.development(),
        addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" },
        sizing: { userPools: { apps: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 6 } } },
        state,
      },
      {
        name: "stage",
        addressPlan: { spoke: "10.241.0.0/16", hub: "10.200.1.0/24" },
        sizing: { userPools: { apps: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 10 } } },
        state,
      },
      {
        name: "prod",
        production: true,
        addressPlan: { spoke: "10.242.0.0/16", hub: "10.200.2.0/24" },
        sizing: { userPools: { apps: { vmSize: "Standard_D8ds_v5", minCount: 3, maxCount: 30 } } },
        state,
      },
    ],
    define: defineEnvironment,
  });
  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildMultiEnv().synth();
}
