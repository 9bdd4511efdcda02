// The one place the library imports azurerm provider classes from.
// Each class is imported by its deep path: loading the provider package root pulls in
// every one of its ~1,500 resources (seconds and hundreds of MB per process), and the
// same holds for type-checking. Never import "@cdktf/provider-azurerm" itself.
export { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
export { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
export type {
  KubernetesClusterConfig,
  KubernetesClusterDefaultNodePool,
  KubernetesClusterMaintenanceWindowAutoUpgrade,
  KubernetesClusterMaintenanceWindowNodeOs,
  KubernetesClusterNetworkProfile,
} from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
export { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
export { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
export { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
export { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
export { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
export { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
export type { NetworkSecurityGroupSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-group";
export { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
export { ResourcePolicyAssignment } from "@cdktf/provider-azurerm/lib/resource-policy-assignment";
export { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
export { SecurityCenterSubscriptionPricing } from "@cdktf/provider-azurerm/lib/security-center-subscription-pricing";
export { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
export { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
export { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
export { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
export { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
export { ApplicationGateway } from "@cdktf/provider-azurerm/lib/application-gateway";
export { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
export { Firewall } from "@cdktf/provider-azurerm/lib/firewall";
export { FirewallPolicy } from "@cdktf/provider-azurerm/lib/firewall-policy";
export { FirewallPolicyRuleCollectionGroup } from "@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group";
export type {
  FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRule,
  FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRule,
} from "@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group";
export { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
export { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
export { PrivateEndpoint as AzurermPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
export { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
export { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
export { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
export { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
export { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
export { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
export { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
export { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
export { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
