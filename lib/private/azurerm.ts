// The one place the library takes azurerm resources from: the prebuilt bindings' generated
// classes, so every construct's `resource` is the class users know (`instanceof`, setters,
// `put*`/`reset*`, iterators, HCL output). Each is imported by its deep path: the package
// root "@cdktf/provider-azurerm" loads every one of its ~1,500 resources (seconds and
// hundreds of MB per process, and the same again for type-checking). A test keeps it so.
export { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
export type {
  KubernetesClusterConfig,
  KubernetesClusterDefaultNodePool,
  KubernetesClusterMaintenanceWindowAutoUpgrade,
  KubernetesClusterMaintenanceWindowNodeOs,
  KubernetesClusterNetworkProfile,
} from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
export { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";

// Monitoring
export { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
export { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
export { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
export { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
export { MonitorWorkspace } from "@cdktf/provider-azurerm/lib/monitor-workspace";
export { MonitorDataCollectionEndpoint } from "@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint";
export { MonitorAlertPrometheusRuleGroup } from "@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group";
export type { MonitorAlertPrometheusRuleGroupRule } from "@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group";
export { DashboardGrafana } from "@cdktf/provider-azurerm/lib/dashboard-grafana";
export { DashboardGrafanaManagedPrivateEndpoint } from "@cdktf/provider-azurerm/lib/dashboard-grafana-managed-private-endpoint";

// Network
export { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
export { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
export { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
export type { NetworkSecurityGroupSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-group";
export { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
export { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
export { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
export { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
export { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
export { VirtualNetworkDnsServers } from "@cdktf/provider-azurerm/lib/virtual-network-dns-servers";
export { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
export { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
export { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
// The library's own construct is PrivateEndpoint.
export { PrivateEndpoint as AzurermPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";

// Perimeter
export { Firewall } from "@cdktf/provider-azurerm/lib/firewall";
export { FirewallPolicy } from "@cdktf/provider-azurerm/lib/firewall-policy";
export { FirewallPolicyRuleCollectionGroup } from "@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group";
export type {
  FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRule,
  FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRule,
} from "@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group";
export { ApplicationGateway } from "@cdktf/provider-azurerm/lib/application-gateway";
export { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
export { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";

// Identity, keys and governance
export { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
export { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
export { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
export { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
export { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
export { DataAzurermKeyVaultKey } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault-key";
export { DataAzurermKeyVaultSecrets } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secrets";
export { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
export { ResourcePolicyAssignment } from "@cdktf/provider-azurerm/lib/resource-policy-assignment";
export { SecurityCenterSubscriptionPricing } from "@cdktf/provider-azurerm/lib/security-center-subscription-pricing";

// Platform: resource groups and the identity Terraform runs as
export { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
export { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
export { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";

// Backup: the Backup vault, its AKS policy and instance, the extension and trusted access it
// needs, and the storage account the extension writes to
export { DataProtectionBackupVault } from "@cdktf/provider-azurerm/lib/data-protection-backup-vault";
export { DataProtectionBackupPolicyKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-protection-backup-policy-kubernetes-cluster";
export { DataProtectionBackupInstanceKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-protection-backup-instance-kubernetes-cluster";
export { KubernetesClusterExtension } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-extension";
export { KubernetesClusterTrustedAccessRoleBinding } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-trusted-access-role-binding";
export { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
export { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
