// Quickstart: one environment of a hardened AKS platform in one stack.
// `npm run synth` writes its Terraform to cdktf.out/stacks/quickstart.
import { App, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { ClusterMonitoring, ClusterNetwork, HardenedCluster } from "hardened-aks";

/** Placeholders: replace with your tenant and your Entra admin group. */
const TENANT_ID = "00000000-0000-0000-0000-000000000000";
const PLATFORM_ADMINS_GROUP_ID = "11111111-1111-1111-1111-111111111111";

export class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // An explicit relative path: the default local backend would write this machine's
    // absolute path into the synthesized JSON. Use a remote backend for shared environments.
    new LocalBackend(this, { path: "terraform.quickstart.tfstate" });
    new AzurermProvider(this, "azurerm", { features: [{}] });

    const location = "westeurope";
    const group = new ResourceGroup(this, "ResourceGroup", { name: "rg-aks-quickstart", location });
    const placement = { resourceGroupName: group.name, location };

    const network = new ClusterNetwork(this, "Network", {
      ...placement,
      name: "vnet-aks-quickstart",
      addressSpace: "10.240.0.0/16",
    });
    const monitoring = new ClusterMonitoring(this, "Monitoring", {
      ...placement,
      workspaceName: "log-aks-quickstart",
    });

    new HardenedCluster(this, "Cluster", {
      ...placement,
      name: "aks-quickstart",
      tenantId: TENANT_ID,
      adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
      network,
      monitoring,
      userPools: {
        apps: { vmSize: "Standard_D4ds_v5" },
      },
    });
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
