// The public API of hardened-aks: named exports only, so that every name a user can import is
// chosen here and shows in the API report (etc/hardened-aks.api.md). Helpers the constructs
// share (verdicts, resolvers, block builders, report writers) are not exported; the `exports`
// map of package.json keeps them out of reach. Export lines only.

// Errors and process-wide switches.
export { ValidationError } from "./errors";
export { disableTokenStackTraces } from "./performance";
export type { AzureResourceOptions } from "./resource-options";

// One environment's whole platform: the Azure side and the in-cluster baseline.
export { HardenedPlatform } from "./platform/hardened-platform";
export type {
  ExistingHub,
  ExistingPlatformNetwork,
  HardenedPlatformProps,
  PlatformAddressPlan,
  PlatformBackupOptions,
  PlatformHubOptions,
  PlatformMonitoringOptions,
  PlatformNetworkOptions,
  PlatformResourceGroupOptions,
  PlatformWorkload,
} from "./platform/hardened-platform";
export { PlatformBaseline } from "./platform/platform-baseline";
export type { BaselineDevelopers, BaselineNamespace, BaselinePlatform, PlatformBaselineProps } from "./platform/platform-baseline";

// Many environments from one definition, their state, and the parity exceptions they allow.
export { Environment, PlatformEnvironments } from "./environments/platform-environments";
export type { EnvironmentDefinition, PlatformEnvironmentsProps, PlatformSizing } from "./environments/platform-environments";
export { EnvironmentState } from "./environments/environment-state";
export type { AzurermStateOptions } from "./environments/environment-state";
export type { ParityException } from "./environments/parity";
export { ProfileChoices, SecurityProfile } from "./platform/security-profile";
export type { DevelopmentProfileOptions, ProfileChoice, ProfileChoiceKind, ProfileChoiceProp, ProfileParityDifference } from "./platform/security-profile";

// The cluster, its pools and its closed choices (API server access, encryption, egress).
export { CLUSTER_DEFAULTS, DEFAULT_POD_SECURITY_EXCLUDED_NAMESPACES, HardenedCluster } from "./cluster/hardened-cluster";
export type {
  ClusterSkuTier,
  HardenedClusterProps,
  NetworkDataplane,
  NetworkPolicyEngine,
  NodeOsUpgradeChannel,
  PodSecurityExclusions,
  PolicyEffect,
  SystemPoolOptions,
  UpgradeChannel,
} from "./cluster/hardened-cluster";
export { NodePool } from "./cluster/node-pool";
export type { NodePoolProps } from "./cluster/node-pool";
export { NODE_POOL_DEFAULTS } from "./cluster/node-pool-options";
export type { NodeOsSku, NodePoolOptions, OsDiskType } from "./cluster/node-pool-options";
export { DEFAULT_NODE_OS_WINDOW, DEFAULT_UPGRADE_WINDOW } from "./cluster/maintenance-window";
export type { MaintenanceWindow, WeekDay } from "./cluster/maintenance-window";
export { ApiServerAccess } from "./cluster/api-server-access";
export { ClusterEncryption } from "./cluster/cluster-encryption";
export type { CustomerManagedKeysOptions } from "./cluster/cluster-encryption";
export { ClusterEgress } from "./egress/cluster-egress";

// Networking: the spoke, private endpoints, the egress firewall and route, the WAF ingress.
export { ClusterNetwork, DEFAULT_SUBNET_PREFIX_LENGTHS } from "./network/cluster-network";
export type { ClusterNetworkProps, ExistingNetworkAttributes, IClusterNetwork, SubnetPlacement, SubnetRole } from "./network/cluster-network";
export { PrivateEndpoint } from "./network/private-endpoint";
export type { IPrivateDnsZoneOwner, PrivateDnsZoneRef, PrivateEndpointProps } from "./network/private-endpoint";
export { EgressFirewall, FIREWALL_TIERS } from "./egress/egress-firewall";
export type { EgressFirewallProps, FirewallTier, IEgressFirewall, PeeredSpoke, PeerWithOptions } from "./egress/egress-firewall";
export { NETWORK_RULE_PROTOCOLS } from "./egress/egress-rules";
export type { EgressFqdnRule, EgressNetworkRule } from "./egress/egress-rules";
export { EgressRoute } from "./egress/egress-route";
export type { EgressRouteProps } from "./egress/egress-route";
export { DEFAULT_MANAGED_RULE_SETS, WAF_MODES, WafIngress } from "./ingress/waf-ingress";
export type { IWafIngress, ManagedRuleSet, WafIngressProps } from "./ingress/waf-ingress";
export { CURRENT_CORE_RULE_SETS, MODERN_SSL_POLICIES, RETIRED_NODE_OS_SKUS } from "./facts";

// Monitoring: the workspace, control-plane logs, Container Insights, managed Prometheus.
export { ClusterMonitoring } from "./monitoring/cluster-monitoring";
export type { ClusterMonitoringProps, IClusterMonitoring } from "./monitoring/cluster-monitoring";
export { AKS_LOG_CATEGORIES, ControlPlaneLogs, DEFAULT_CONTROL_PLANE_LOG_CATEGORIES, REQUIRED_AUDIT_CATEGORIES } from "./monitoring/control-plane-logs";
export type { ControlPlaneLogsProps } from "./monitoring/control-plane-logs";
export { ContainerInsights } from "./monitoring/container-insights";
export type { ContainerInsightsProps } from "./monitoring/container-insights";
export { ManagedPrometheus } from "./monitoring/managed-prometheus";
export type { ManagedGrafanaOptions, ManagedPrometheusPrivateEndpointOptions, ManagedPrometheusProps } from "./monitoring/managed-prometheus";

// Registry, secrets, keys and workload identity.
export { PrivateRegistry } from "./registry/private-registry";
export type { PrivateRegistryProps, RegistryGrantOptions } from "./registry/private-registry";
export { SecretsVault } from "./secrets/secrets-vault";
export type { GrantKeyAdministrationOptions, GrantSecretsReadOptions, SecretsVaultProps, VaultSku } from "./secrets/secrets-vault";
export { DEFAULT_KEY_ROTATION_POLICY, EncryptionKey, KeyUsage } from "./secrets/encryption-key";
export type { EncryptionKeyOptions, EncryptionKeyProps, KeyGrantOptions, KeyRotationPolicy, KmsAccessOptions } from "./secrets/encryption-key";
export { DiskEncryption } from "./secrets/disk-encryption";
export type { DiskEncryptionGrantOptions, DiskEncryptionKeyOptions, DiskEncryptionProps, DiskEncryptionType } from "./secrets/disk-encryption";
export { PRINCIPAL_TYPES, Principal } from "./identity/principal";
export type { Grantee, IGrantable, IPrincipal, PrincipalType } from "./identity/principal";
export { WorkloadIdentity } from "./identity/workload-identity";
export type { WorkloadIdentityProps } from "./identity/workload-identity";

// Backup (opt-in).
export { CLUSTER_BACKUP_DEFAULTS, ClusterBackup } from "./backup/cluster-backup";
export type {
  BackupStorageReplication,
  BackupTarget,
  BackupVaultImmutability,
  BackupVaultRedundancy,
  BackupVaultSoftDelete,
  ClusterBackupProps,
} from "./backup/cluster-backup";

// Inside the cluster: the Entra ID provider, namespaces and their traffic, roles, workloads.
export { EntraKubernetesProvider, KubeloginLogin, clusterEndpoint } from "./kubernetes/cluster-access";
export type { ClusterEndpoint, EntraKubernetesProviderProps } from "./kubernetes/cluster-access";
export type { INamespace, NamespaceRef } from "./kubernetes/namespace-ref";
export { SECURE_NAMESPACE_DEFAULTS, SecureNamespace } from "./kubernetes/secure-namespace";
export type { NamespaceQuota, ResourceAmounts, SecureNamespaceProps, ServiceAllowance } from "./kubernetes/secure-namespace";
export { EgressAllow, IngressAllow } from "./kubernetes/network-rules";
export type { CidrPeer, EgressAllowRule, FqdnPeer, IngressAllowRule, NamespacePeer, NetworkPort } from "./kubernetes/network-rules";
export { DeveloperReadOnlyRole } from "./kubernetes/developer-read-only-role";
export type { DeveloperReadOnlyRoleProps } from "./kubernetes/developer-read-only-role";
export { NamespaceRoleAssignments } from "./kubernetes/namespace-role-assignments";
export type { NamespaceRoleAssignmentsProps } from "./kubernetes/namespace-role-assignments";
export { WORKLOAD_IDENTITY_USE_LABEL, WorkloadServiceAccount } from "./kubernetes/workload-service-account";
export type { WorkloadIdentityBinding, WorkloadServiceAccountOptions, WorkloadServiceAccountProps } from "./kubernetes/workload-service-account";
export { KeyVaultSecretProviderClass, SECRETS_STORE_CSI_DRIVER } from "./kubernetes/key-vault-secret-provider-class";
export type { KeyVaultObject, KeyVaultSecretProviderClassProps, KubernetesSecretSync } from "./kubernetes/key-vault-secret-provider-class";
export { RESTRICTED_POD_DEFAULTS, restrictedPodSecurity } from "./kubernetes/restricted-pod-security";
export type { RestrictedPodSecurity, RestrictedPodSecurityOptions } from "./kubernetes/restricted-pod-security";
export { RestrictedDeployment, SECRETS_MOUNT_PATH } from "./kubernetes/restricted-deployment";
export type { ContainerProbe, RestrictedDeploymentProps } from "./kubernetes/restricted-deployment";

// Where cdktf deploy runs, who runs it, and what a subscription needs once.
export { Deployer } from "./deploy/deployer";
export type { DeployerConnection, DeployerLocation, DeployerNetworkTarget, DeployerZoneTarget, PublicIpRangesProps, RunnerInNetworkProps } from "./deploy/deployer";
export { DeployerPrincipal } from "./deploy/deployer-principal";
export type { DeployerPrincipalType } from "./deploy/deployer-principal";
export { DEFAULT_DEFENDER_FOR_CONTAINERS_EXTENSIONS, SubscriptionPrerequisites } from "./deploy/subscription-prerequisites";
export type { SubscriptionPrerequisitesProps } from "./deploy/subscription-prerequisites";

// Compliance at synth: the check, the library's rule pack, the types to write rules and
// packs of your own, and the reports.
export { Compliance } from "./compliance/compliance";
export type { ComplianceCheckOptions, ComplianceReportOptions } from "./compliance/compliance";
export { HARDENED_AKS_PACK } from "./compliance/hardened-aks-pack";
export type { ComplianceRule, PendingControl, RuleContext, RuleMappings, RulePack, RuleReference, RuleSeverity } from "./compliance/rule";
export type { JsonObject, TerraformResource } from "./compliance/terraform-json";
export { evaluateTerraform } from "./compliance/evaluate";
export type {
  Acknowledgement,
  ComplianceReport,
  ComplianceSummary,
  EvaluateOptions,
  SourceLocation,
  ResourceResult,
  ResourceStatus,
  RuleInfo,
  RuleResult,
  RuleStatus,
} from "./compliance/evaluate";
export { COMPLIANCE_REPORT_FILES, COMPLIANCE_SUMMARY_FILE, renderComplianceSummary, renderJsonReport, renderMarkdownReport, renderSarifReport } from "./compliance/reports";
export { recordCreationSites } from "./compliance/record-creation-sites";

// The Kubernetes versions AKS supports, as the library checks a pinned version (UPG-4).
export { AKS_MINOR_VERSIONS, AKS_VERSION_BULLETINS, KUBERNETES_VERSIONS_CHECKED, KUBERNETES_VERSION_SOURCES, supportedFloor } from "./kubernetes-versions";
export type { AksMinorVersion, BulletinFeature, VersionBulletin } from "./kubernetes-versions";
