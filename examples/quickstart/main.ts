// Quickstart: one environment of the hardened AKS platform in one stack: the spoke network,
// the hub with the egress firewall, the WAF ingress, the private registry, the vault with
// the cluster's keys, the workspace, the cluster and one application's workload identity. `npm run synth` writes its Terraform to cdktf.out/stacks/quickstart.
import { App, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import {
  ClusterEgress,
  ClusterEncryption,
  ClusterMonitoring,
  ClusterNetwork,
  Compliance,
  EgressFirewall,
  EgressRoute,
  HardenedCluster,
  PrivateRegistry,
  SecretsVault,
  WafIngress,
  WorkloadIdentity,
  DeveloperReadOnlyRole,
  EgressAllow,
  EntraKubernetesProvider,
  KeyVaultSecretProviderClass,
  KubeloginLogin,
  RestrictedDeployment,
  SecureNamespace,
  WorkloadServiceAccount,
  clusterEndpoint,
} from "hardened-aks";

/** Placeholders: replace with your tenant and your Entra admin group. */
const TENANT_ID = "00000000-0000-0000-0000-000000000000";
const PLATFORM_ADMINS_GROUP_ID = "11111111-1111-1111-1111-111111111111";
const ORDERS_TEAM_GROUP_ID = "22222222-2222-2222-2222-222222222222";
const DEVELOPERS_GROUP_ID = "33333333-3333-3333-3333-333333333333";

/**
 * Local state for trying the example out, at the project root (where cdktf puts it by
 * default) but as a relative path: an absolute one would put this machine's path into the
 * synthesized JSON. Both stack directories sit side by side under cdktf.out/stacks, so the
 * baseline stack's remote-state lookup of the Azure stack resolves to the same file. Use a
 * remote backend for shared environments.
 */
function localState(stack: TerraformStack, id: string): void {
  new LocalBackend(stack, { path: `../../../terraform.${id}.tfstate` });
}

export class QuickstartStack extends TerraformStack {
  public readonly cluster: HardenedCluster;
  public readonly vault: SecretsVault;
  public readonly ordersIdentity: WorkloadIdentity;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    localState(this, id);
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

    // Secrets and keys: a private vault; the cluster keeps its etcd and disk keys there.
    // Terraform writes those keys, so whoever runs it needs key administration on the vault
    // and line of sight to the vault's private endpoint (run from inside the network).
    const deployer = new DataAzurermClientConfig(this, "Deployer", {});
    const vault = (this.vault = new SecretsVault(this, "Vault", {
      ...placement,
      name: "kv-aks-quickstart",
      tenantId: TENANT_ID,
      privateEndpointSubnetId: network.privateEndpointsSubnetId,
      virtualNetworkIds: [network.virtualNetworkId],
    }));
    vault.grantKeyAdministration(deployer.objectId);

    const cluster = (this.cluster = new HardenedCluster(this, "Cluster", {
      ...placement,
      name: "aks-quickstart",
      tenantId: TENANT_ID,
      adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
      network,
      monitoring,
      egress: ClusterEgress.throughFirewall(route),
      ingress,
      encryption: ClusterEncryption.customerManagedKeys(vault),
      userPools: {
        apps: { vmSize: "Standard_D4ds_v5" },
      },
    }));
    registry.grantPull(cluster);

    // An application that reads one secret: its identity, bound to its service account.
    const orders = (this.ordersIdentity = new WorkloadIdentity(this, "OrdersIdentity", {
      ...placement,
      name: "id-orders-api",
      namespace: "orders",
      serviceAccountName: "orders-api",
      oidcIssuerUrl: cluster.oidcIssuerUrl,
    }));
    orders.grantSecretsRead(vault, ["orders-db-password"]);
  }
}

/**
 * What runs in the cluster: nothing here is an Azure resource. Values from the Azure stack
 * (API server host and CA, the identity's client id, the vault's name) arrive as cdktf
 * cross-stack references, read from the Azure stack's state.
 */
export class QuickstartBaselineStack extends TerraformStack {
  constructor(scope: Construct, id: string, platform: QuickstartStack) {
    super(scope, id);
    localState(this, id);
    new EntraKubernetesProvider(this, "Kubernetes", {
      ...clusterEndpoint(platform.cluster),
      // A runner in the network with a managed identity that is in an admin group.
      login: KubeloginLogin.managedIdentity(),
      tenantId: TENANT_ID,
    });

    const orders = new SecureNamespace(this, "Orders", {
      name: "orders",
      allowEgressTo: [EgressAllow.internet([{ port: 443 }])],
      adminGroupObjectIds: [ORDERS_TEAM_GROUP_ID],
    });
    new DeveloperReadOnlyRole(this, "Developers", { groupObjectIds: [DEVELOPERS_GROUP_ID], namespaces: [orders] });

    const serviceAccount = WorkloadServiceAccount.forIdentity(this, "OrdersApiAccount", platform.ordersIdentity, { namespace: orders });
    const secrets = new KeyVaultSecretProviderClass(this, "OrdersSecrets", {
      namespace: orders,
      name: "orders-secrets",
      keyVaultName: platform.vault.vaultName,
      tenantId: TENANT_ID,
      clientId: platform.ordersIdentity.clientId,
      objects: [{ name: "orders-db-password", type: "secret" }],
    });
    new RestrictedDeployment(this, "OrdersApi", {
      namespace: orders,
      name: "orders-api",
      image: "craksquickstart.azurecr.io/orders/api:1.0.0",
      containerPort: 8080,
      serviceAccount,
      secretProviderClass: secrets,
    });
  }
}

/**
 * Builds the quickstart app; exported so tests synthesize exactly what users run. The
 * compliance check fails synthesis on any weakened control and writes its reports next to
 * the stack's Terraform.
 */
export function buildQuickstart(app: App = new App()): App {
  const platform = new QuickstartStack(app, "quickstart");
  new QuickstartBaselineStack(app, "quickstart-baseline", platform);
  Compliance.check(app);
  return app;
}

if (require.main === module) {
  buildQuickstart().synth();
}
