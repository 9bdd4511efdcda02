// The platform in a network and behind a hub that another team runs: the platform creates
// no spoke network and no firewall. It routes the node subnets' egress to the hub's
// firewall, peers the spoke with the hub both ways, and places everything else in the
// given subnets. The hub's firewall must allow AKS's required egress (AKS_REQUIRED_FQDNS).
import { App, TerraformStack } from "cdktf";
import { Compliance, Deployer, EnvironmentState, HardenedPlatform, disableTokenStackTraces } from "hardened-aks";
import { PLATFORM_ADMINS_GROUP_ID, RUNNER_NETWORK_ID, TENANT_ID } from "../placeholders";

/** Resource ids of the network team's spoke and hub: replace with yours. */
const SPOKE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke-orders";
const HUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";

/** Remote state: one blob per stack. */
const state = EnvironmentState.azurerm({ resourceGroupName: "rg-platform-tfstate", storageAccountName: "stplatformtfstate", containerName: "tfstate" });

/** Builds the app (one stack `<id>`); exported so a test synthesizes what users run. */
export function buildBringYourOwnNetwork(app: App = new App(), id = "byo-network"): App {
  disableTokenStackTraces();
  const stack = new TerraformStack(app, id);
  state.configure(stack, id);
  new HardenedPlatform(stack, {
    name: "byonet",
    location: "westeurope",
    tenantId: TENANT_ID,
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
    // The existing spoke's range; the hub's is the network team's.
    addressPlan: { spoke: "10.50.0.0/16" },
    deployer: Deployer.runnerInNetwork({ virtualNetworkId: RUNNER_NETWORK_ID }),
    resourceGroup: { name: "rg-aks-orders" },
    network: {
      existing: {
        virtualNetworkId: SPOKE,
        virtualNetworkName: "vnet-spoke-orders",
        resourceGroupName: "rg-network-spoke",
        systemNodesSubnetId: `${SPOKE}/subnets/snet-aks-system`,
        userNodesSubnetId: `${SPOKE}/subnets/snet-aks-user`,
        applicationGatewaySubnetId: `${SPOKE}/subnets/snet-agw`,
        privateEndpointsSubnetId: `${SPOKE}/subnets/snet-endpoints`,
        apiServerSubnetId: `${SPOKE}/subnets/snet-aks-apiserver`,
      },
    },
    hub: {
      existing: { firewallPrivateIp: "10.0.1.4", virtualNetworkId: HUB, virtualNetworkName: "vnet-hub", resourceGroupName: "rg-network-hub" },
    },
  });
  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildBringYourOwnNetwork().synth();
}
