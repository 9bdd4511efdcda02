// A platform with a GPU pool next to the application pool. The GPU nodes carry a taint, so
// only pods that tolerate it (and ask for a GPU) land there; everything else stays on the
// `apps` pool. Taints, labels and tags are node pool options wherever a pool is declared.
import { App, TerraformStack } from "cdktf";
import { Compliance, Deployer, EnvironmentState, HardenedPlatform, disableTokenStackTraces } from "hardened-aks";
import { PLATFORM_ADMINS_GROUP_ID, RUNNER_NETWORK_ID, TENANT_ID } from "../placeholders";

/** Remote state: one blob per stack. */
const state = EnvironmentState.azurerm({ resourceGroupName: "rg-platform-tfstate", storageAccountName: "stplatformtfstate", containerName: "tfstate" });

/** Builds the app (one stack `<id>`); exported so a test synthesizes what users run. */
export function buildGpuPool(app: App = new App(), id = "gpu"): App {
  disableTokenStackTraces();
  const stack = new TerraformStack(app, id);
  state.configure(stack, id);
  new HardenedPlatform(stack, {
    name: "gpu",
    location: "westeurope",
    tenantId: TENANT_ID,
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
    addressPlan: { spoke: "10.60.0.0/16", hub: "10.201.0.0/24" },
    deployer: Deployer.runnerInNetwork({ virtualNetworkId: RUNNER_NETWORK_ID }),
    tags: { costCenter: "ml-platform" },
    cluster: {
      userPools: {
        apps: { vmSize: "Standard_D4ds_v5" },
        gpu: {
          // NC-series with a local disk for the ephemeral OS disk.
          vmSize: "Standard_NC4as_T4_v3",
          osDiskSizeGiB: 128,
          minCount: 0,
          maxCount: 4,
          labels: { "accelerator": "nvidia-t4" },
          taints: ["sku=gpu:NoSchedule"],
          tags: { workload: "inference" },
        },
      },
    },
  });
  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildGpuPool().synth();
}
