// The prebuilt bindings' generated classes under the names lib/private/azurerm gives its
// own resources: the reference the library's output is compared with (see
// provider-bindings.test.ts and jest.bindings.config.js).
export { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
export { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
export { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
export { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
export { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
export { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
export { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
export { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
export { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
export { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
export { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
export { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
export { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
export { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
export { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
export { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
export { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
export { PrivateEndpoint as AzurermPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
export { Firewall } from "@cdktf/provider-azurerm/lib/firewall";
export { FirewallPolicy } from "@cdktf/provider-azurerm/lib/firewall-policy";
export { FirewallPolicyRuleCollectionGroup } from "@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group";
export { ApplicationGateway } from "@cdktf/provider-azurerm/lib/application-gateway";
export { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
export { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
export { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
export { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
export { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
export { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
export { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
export { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
export { ResourcePolicyAssignment } from "@cdktf/provider-azurerm/lib/resource-policy-assignment";
export { SecurityCenterSubscriptionPricing } from "@cdktf/provider-azurerm/lib/security-center-subscription-pricing";
