// The hardened platform of one environment, as the examples build it: one function for the
// Azure stack and one for the in-cluster stack, so the quickstart and every environment of
// the multi-environment example are built by the same code.
import type { TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import {
  ClusterEgress,
  ClusterEncryption,
  ClusterMonitoring,
  ClusterNetwork,
  DeveloperReadOnlyRole,
  EgressAllow,
  EgressFirewall,
  EgressRoute,
  EntraKubernetesProvider,
  HardenedCluster,
  KeyVaultSecretProviderClass,
  KubeloginLogin,
  PrivateRegistry,
  RestrictedDeployment,
  SecretsVault,
  SecureNamespace,
  WafIngress,
  WorkloadIdentity,
  WorkloadServiceAccount,
  clusterEndpoint,
  type NodePoolOptions,
} from "hardened-aks";

/** Placeholders: replace with your tenant and your Entra groups. */
export const TENANT_ID = "00000000-0000-0000-0000-000000000000";
export const PLATFORM_ADMINS_GROUP_ID = "11111111-1111-1111-1111-111111111111";
export const ORDERS_TEAM_GROUP_ID = "22222222-2222-2222-2222-222222222222";
export const DEVELOPERS_GROUP_ID = "33333333-3333-3333-3333-333333333333";

/** What distinguishes one environment's platform from another's: names, ranges and sizes. */
export interface PlatformOptions {
  /** Short name used in every resource name, e.g. `quickstart` or `prod`. */
  readonly suffix: string;
  /** Azure region. */
  readonly location: string;
  /** The spoke network's address space. */
  readonly spokeAddressSpace: string;
  /** The hub network's address space. */
  readonly hubAddressSpace: string;
  /** The application pool's size. */
  readonly appPool: NodePoolOptions;
}

/** What the in-cluster stack needs from the Azure stack. */
export interface Platform {
  readonly cluster: HardenedCluster;
  readonly vault: SecretsVault;
  readonly ordersIdentity: WorkloadIdentity;
}

/**
 * The Azure side: spoke network, hub with the egress firewall, WAF ingress, private
 * registry, vault with the cluster's keys, workspace, cluster, and one application's
 * workload identity.
 */
export function buildPlatform(stack: TerraformStack, options: PlatformOptions): Platform {
  const { suffix, location } = options;
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const group = new ResourceGroup(stack, "ResourceGroup", { name: `rg-aks-${suffix}`, location });
  const placement = { resourceGroupName: group.name, location };

  const monitoring = new ClusterMonitoring(stack, "Monitoring", { ...placement, workspaceName: `log-aks-${suffix}` });
  const network = new ClusterNetwork(stack, "Network", { ...placement, name: `vnet-aks-${suffix}`, addressSpace: options.spokeAddressSpace });

  // Egress: every packet leaving the node subnets goes through the hub's firewall.
  const firewall = new EgressFirewall(stack, "EgressFirewall", {
    ...placement,
    name: `afw-aks-${suffix}`,
    hubAddressSpace: options.hubAddressSpace,
    sourceAddressSpaces: network.addressSpaces,
    monitoring,
    allowedFqdns: ["api.github.com"],
  });
  const peerings = firewall.peerWith(network);
  const route = new EgressRoute(stack, "EgressRoute", {
    ...placement,
    name: `rt-aks-${suffix}-egress`,
    firewallPrivateIp: firewall.privateIpAddress,
    subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId],
  });

  // Ingress: only through the WAF.
  const ingress = new WafIngress(stack, "Ingress", { ...placement, name: `agw-aks-${suffix}`, subnetId: network.applicationGatewaySubnetId, monitoring });

  const registry = new PrivateRegistry(stack, "Registry", {
    ...placement,
    name: `craks${suffix}`,
    privateEndpointSubnetId: network.privateEndpointsSubnetId,
    virtualNetworkIds: [network.virtualNetworkId],
  });

  // Secrets and keys: a private vault; the cluster keeps its etcd and disk keys there.
  // Terraform writes those keys, so whoever runs it needs key administration on the vault
  // and line of sight to the vault's private endpoint (run from inside the network).
  const deployer = new DataAzurermClientConfig(stack, "Deployer", {});
  const vault = new SecretsVault(stack, "Vault", {
    ...placement,
    name: `kv-aks-${suffix}`,
    tenantId: TENANT_ID,
    privateEndpointSubnetId: network.privateEndpointsSubnetId,
    virtualNetworkIds: [network.virtualNetworkId],
  });
  vault.grantKeyAdministration(deployer.objectId);

  const cluster = new HardenedCluster(stack, "Cluster", {
    ...placement,
    name: `aks-${suffix}`,
    tenantId: TENANT_ID,
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP_ID],
    network,
    monitoring,
    egress: ClusterEgress.throughFirewall(route, { waitFor: peerings }),
    ingress,
    encryption: ClusterEncryption.customerManagedKeys(vault),
    userPools: { apps: options.appPool },
  });
  registry.grantPull(cluster);
  firewall.linkPrivateDnsZones([vault.privateEndpoint, registry.privateEndpoint, cluster]);

  // An application that reads one secret: its identity, bound to its service account.
  const ordersIdentity = new WorkloadIdentity(stack, "OrdersIdentity", {
    ...placement,
    name: "id-orders-api",
    namespace: "orders",
    serviceAccountName: "orders-api",
    oidcIssuerUrl: cluster.oidcIssuerUrl,
  });
  ordersIdentity.grantSecretsRead(vault, ["orders-db-password"]);
  return { cluster, vault, ordersIdentity };
}

/**
 * The in-cluster side: nothing here is an Azure resource. Values from the Azure stack (API
 * server host and CA, the identity's client id, the vault's name) arrive as cdktf
 * cross-stack references, read from the Azure stack's state. It reaches the private API
 * server with Entra ID, so it is deployed after the Azure stack, from a runner inside the
 * network.
 */
export function buildBaseline(stack: TerraformStack, platform: Platform, options: { readonly registryLoginServer: string }): void {
  new EntraKubernetesProvider(stack, "Kubernetes", {
    ...clusterEndpoint(platform.cluster),
    // A runner in the network with a managed identity that is in an admin group.
    login: KubeloginLogin.managedIdentity(),
    tenantId: TENANT_ID,
  });

  const orders = new SecureNamespace(stack, "Orders", {
    name: "orders",
    allowEgressTo: [EgressAllow.internet([{ port: 443 }])],
    adminGroupObjectIds: [ORDERS_TEAM_GROUP_ID],
  });
  new DeveloperReadOnlyRole(stack, "Developers", { groupObjectIds: [DEVELOPERS_GROUP_ID], namespaces: [orders] });

  const serviceAccount = WorkloadServiceAccount.forIdentity(stack, "OrdersApiAccount", platform.ordersIdentity, { namespace: orders });
  const secrets = new KeyVaultSecretProviderClass(stack, "OrdersSecrets", {
    namespace: orders,
    name: "orders-secrets",
    keyVaultName: platform.vault.vaultName,
    tenantId: TENANT_ID,
    clientId: platform.ordersIdentity.clientId,
    objects: [{ name: "orders-db-password", type: "secret" }],
  });
  new RestrictedDeployment(stack, "OrdersApi", {
    namespace: orders,
    name: "orders-api",
    image: `${options.registryLoginServer}/orders/api:1.0.0`,
    containerPort: 8080,
    serviceAccount,
    secretProviderClass: secrets,
  });
}
