// Quickstart: one environment of the hardened AKS platform in one stack: the spoke network,
// the hub with the egress firewall, the WAF ingress, the private registry, the workspace
// and the cluster. `npm run synth` writes its Terraform to cdktf.out/stacks/quickstart.
import { App, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import {
  ClusterEgress,
  ClusterMonitoring,
  ClusterNetwork,
  EgressFirewall,
  EgressRoute,
  HardenedCluster,
  PrivateRegistry,
  WafIngress,
} from "hardened-aks";

/** Placeholders: replace with your tenant and your Entra admin group. */
const TENANT_ID = "00000000-0000-0000-0000-000000000000";
const PLATFORM_ADMINS_GROUP_ID = "11111111-1111-1111-1111-111111111111";

export class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // An explicit relative path: the default local backend would write this machine's
    // absolute path into the synthesized JSON. Use a remote backend for shared environments.
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AzurermProvider(this, "azurerm", { features: [{}] });

    const location = "westeurope";
    const group = new ResourceGroup(this, "ResourceGroup", { name: "rg-aks-quickstart", location });
    const placement = { resourceGroupName: group.name, location };

    const monitoring = new ClusterMonitoring(this, "Monitoring", { ...placement, workspaceName: "log-aks-quickstart" });
    const network = new ClusterNetwork(this, "Network", { ...placement, name: "vnet-aks-quickstart", addressSpace: "10.240.0.0/16" });

    // Egress: every packet leaving the node subnets goes through the hub's firewall.
    const firewall = new EgressFirewall(this, "EgressFirewall", {
      ...placement,
      name: "afw-aks-quickstart",
      hubAddressSpace: "10.200.0.0/24",
      sourceAddressSpaces: network.addressSpaces,
      monitoring,
      allowedFqdns: ["api.github.com"],
    });
    firewall.peerWith(network);
    const route = new EgressRoute(this, "EgressRoute", {
      ...placement,
      name: "rt-aks-quickstart-egress",
      firewallPrivateIp: firewall.privateIpAddress,
      subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId],
    });

    // Ingress: only through the WAF.
    const ingress = new WafIngress(this, "Ingress", {
      ...placement,
      name: "agw-aks-quickstart",
      subnetId: network.applicationGatewaySubnetId,
      monitoring,
    });

    const registry = new PrivateRegistry(this, "Registry", {
      ...placement,
      name: "craksquickstart",
      privateEndpointSubnetId: network.privateEndpointsSubnetId,
      virtualNetworkIds: [network.virtualNetworkId],
    });

    const cluster = new HardenedCluster(this, "Cluster", {
      ...placement,
      name: "aks-quickstart",
      tenantId: TENANT_ID,
      adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
      network,
      monitoring,
      egress: ClusterEgress.throughFirewall(route),
      ingress,
      userPools: {
        apps: { vmSize: "Standard_D4ds_v5" },
      },
    });
    registry.grantPull(cluster);
  }
}

/** Builds the quickstart app; exported so tests synthesize exactly what users run. */
export function buildQuickstart(app: App = new App()): App {
  new QuickstartStack(app, "quickstart");
  return app;
}

if (require.main === module) {
  buildQuickstart().synth();
}
