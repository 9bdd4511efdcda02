import { Construct, Fn, type ITerraformDependable } from "../private/cdktf";
import {
  KubernetesCluster,
  PrivateDnsZone,
  ResourcePolicyAssignment,
  RoleAssignment,
  SecurityCenterSubscriptionPricing,
  UserAssignedIdentity,
} from "../private/azurerm";
import { AZURE_ROLES, POD_SECURITY_RESTRICTED_INITIATIVE } from "../facts";
import {
  azureLocation,
  clusterName,
  describe,
  dnsPrefix,
  guid,
  integerBetween,
  isToken,
  kubernetesVersion,
  nodePoolName,
  nonEmpty,
  oneOf,
  optionalOfKind,
  reason,
  required,
  resourceGroupName,
  tags,
  throwIfInvalid,
  type Verdict,
} from "../private/validate";
import { RESERVED_NAMESPACES, dns1123Label } from "../kubernetes/validate";
import { apiServerDnsZoneName, madeByFactory, rotationInterval } from "./validate-cluster";
import { derivedName } from "../private/names";
import type { AzureResourceOptions } from "../resource-options";
import { Principal, type IGrantable, type IPrincipal } from "../identity/principal";
import type { IClusterNetwork } from "../network/cluster-network";
import { DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR, clusterAddressPlanVerdicts, clusterRangeVerdicts, derivedDnsServiceIp } from "../network/address-plan";
import type { IPrivateDnsZoneOwner, PrivateDnsZoneRef } from "../network/private-endpoint";
import { ClusterMonitoring, type IClusterMonitoring } from "../monitoring/cluster-monitoring";
import { ControlPlaneLogs } from "../monitoring/control-plane-logs";
import { ContainerInsights } from "../monitoring/container-insights";
import { clusterMetricsConfig, clusterMetricsVerdicts } from "../monitoring/cluster-metrics";
import { ApiServerAccess } from "./api-server-access";
import type { ClusterEgress } from "../egress/cluster-egress";
import type { IWafIngress } from "../ingress/waf-ingress";
import type { DiskEncryption } from "../secrets/disk-encryption";
import type { EncryptionKey } from "../secrets/encryption-key";
import type { ClusterEncryption } from "./cluster-encryption";
import {
  grantNetworkContributor,
  mergeFragments,
  type ClusterBinding,
  type ClusterConfig,
  type ClusterFragment,
  type ClusterNetworkProfile,
  type NetworkContributorNeed,
} from "./cluster-binding";
import {
  DEFAULT_NODE_OS_WINDOW,
  DEFAULT_UPGRADE_WINDOW,
  maintenanceWindowVerdicts,
  weeklyWindowBlock,
  type MaintenanceWindow,
} from "./maintenance-window";
import { DEFAULT_USER_POOL_MAX_COUNT, NodePool } from "./node-pool";
import { Compliance } from "../compliance/compliance";
import { sleepDuration, waitForRoleAssignments, type Sleep } from "../private/time";
import { DEFAULT_ROLE_PROPAGATION_WAIT } from "../secrets/encryption-key";
import {
  nodePoolShapeVerdicts,
  nodePoolVerdicts,
  poolRotationName,
  resolveNodePool,
  taintVerdicts,
  type NodePoolOptions,
  type ResolvedNodePool,
} from "./node-pool-options";
import { deepFreeze } from "../private/freeze";

/** Channels AKS upgrades the cluster's Kubernetes version on. */
export type UpgradeChannel = "patch" | "stable" | "rapid" | "node-image";
/** Channels AKS patches the nodes' OS on. */
export type NodeOsUpgradeChannel = "NodeImage" | "SecurityPatch" | "Unmanaged";
/** Network policy engines AKS offers. */
export type NetworkPolicyEngine = "azure" | "calico" | "cilium";
/** The data plane of Azure CNI. */
export type NetworkDataplane = "azure" | "cilium";
/** Whether Azure Policy denies non-compliant pods or only reports them. */
export type PolicyEffect = "deny" | "audit";
/** Control-plane tiers of AKS. */
export type ClusterSkuTier = "Standard" | "Free" | "Premium";

/** The values of each union-typed prop, checked at construct time for JavaScript callers. */
const ALLOWED = {
  automaticUpgradeChannel: ["patch", "stable", "rapid", "node-image"] as UpgradeChannel[],
  nodeOsUpgradeChannel: ["NodeImage", "SecurityPatch", "Unmanaged"] as NodeOsUpgradeChannel[],
  networkPolicy: ["azure", "calico", "cilium"] as NetworkPolicyEngine[],
  networkDataplane: ["azure", "cilium"] as NetworkDataplane[],
  podSecurityPolicyEffect: ["deny", "audit"] as PolicyEffect[],
  skuTier: ["Standard", "Free", "Premium"] as ClusterSkuTier[],
};

/**
 * Workload namespaces the Pod Security initiative leaves alone, and why: an opt-out. Every
 * pod in an excluded namespace may run privileged, as root or in the host's namespaces, so
 * the reason is part of the design and the compliance report flags such exclusions of a
 * namespace the stack creates (POL-1).
 */
export interface PodSecurityExclusions {
  /** Namespaces to exclude besides the platform's (`DEFAULT_POD_SECURITY_EXCLUDED_NAMESPACES`, which stay excluded). */
  readonly namespaces: readonly string[];
  /** Why these namespaces cannot run under the restricted profile, in at least 10 characters. */
  readonly reason: string;
}
/**
 * Built-in initiative "Kubernetes cluster pod security restricted standards for Linux-based
 * workloads": the Pod Security Standards `restricted` profile as Azure Policy (POL-1).
 */
export const POD_SECURITY_RESTRICTED_INITIATIVE_ID = `/providers/Microsoft.Authorization/policySetDefinitions/${POD_SECURITY_RESTRICTED_INITIATIVE}`;

/** Built-in role ids the cluster's identities are granted (IAM-5). */
export const BUILT_IN_ROLES = {
  /** Lets the control plane assign the kubelet identity to the node VMs. */
  managedIdentityOperator: AZURE_ROLES.managedIdentityOperator.name,
  /** Lets the control plane join nodes and load balancers to the node subnets. */
  networkContributor: AZURE_ROLES.networkContributor.name,
  /** Lets the control plane register the private API server's name. */
  privateDnsZoneContributor: AZURE_ROLES.privateDnsZoneContributor.name,
  /** Lets the ingress controller rewrite the gateway's listeners, pools and rules. */
  contributor: AZURE_ROLES.contributor.name,
  /** Lets the ingress controller find the gateway in its resource group. */
  reader: AZURE_ROLES.reader.name,
} as const;

/** Defaults the cluster applies where a prop is not given, and where each comes from. */
export const CLUSTER_DEFAULTS = deepFreeze({
  /** AKS's own default service range; must not overlap the VNet. */
  serviceCidr: DEFAULT_SERVICE_CIDR,
  /** AKS's own default overlay pod range; must not overlap the VNet or the service range. */
  podCidr: DEFAULT_POD_CIDR,
  /** Patch releases carry the security fixes; minor versions stay a reviewed change. */
  automaticUpgradeChannel: "patch" as UpgradeChannel,
  /** Weekly node images with the OS security patches, tested by AKS. */
  nodeOsUpgradeChannel: "NodeImage" as NodeOsUpgradeChannel,
  /** Microsoft's recommended engine; Azure NPM is being retired. */
  networkPolicy: "cilium" as NetworkPolicyEngine,
  /** The control-plane tier with the uptime SLA, whose control plane scales with the cluster (NODE-4). */
  skuTier: "Standard" as const,
  /** Name of the system pool, which runs only critical add-ons. */
  systemPoolName: "system",
  /** VM size of the system pool: its local temporary disk holds the ephemeral OS disk. */
  systemPoolVmSize: "Standard_D4ds_v5",
  /** Most nodes the autoscaler adds to the system pool. */
  systemPoolMaxCount: 6,
  /** Hours between image cleaner runs, which remove unused, possibly vulnerable images (IMG-2). */
  imageCleanerIntervalHours: 168,
  /** How often the Secrets Store CSI driver re-reads mounted secrets (AKS's default). */
  secretRotationInterval: "2m",
  /** The Pod Security restricted initiative rejects non-compliant pods rather than only reporting them (POL-1). */
  podSecurityPolicyEffect: "deny" as PolicyEffect,
});

/** Options of the system node pool. */
export interface SystemPoolOptions extends Partial<Omit<NodePoolOptions, "taints">> {
  /**
   * Name of the system pool. A token name needs `rotationPoolName`: the library cannot
   * derive the rotation pool's name from it.
   *
   * @default "system"
   */
  readonly name?: string;
}

/** Props of {@link HardenedCluster}. */
export interface HardenedClusterProps extends AzureResourceOptions {
  /** Name of the AKS cluster (1-63 letters, digits, underscores, hyphens). Changing it replaces the cluster. */
  readonly name: string;
  /**
   * DNS prefix of the API server's FQDN. Changing it replaces the cluster.
   *
   * @default - the cluster name, underscores as hyphens, cut to 54 characters
   */
  readonly dnsPrefix?: string;
  /** Entra ID tenant that authenticates users of the cluster (IAM-1). */
  readonly tenantId: string;
  /**
   * Object ids of the Entra groups that are cluster admins. At least one: with local
   * accounts disabled they are the only way in (IAM-1, IAM-2).
   */
  readonly adminGroupObjectIds: readonly string[];
  /** The network the cluster lives in: a `ClusterNetwork`, or `ClusterNetwork.fromExisting(...)`. */
  readonly network: IClusterNetwork;
  /**
   * Where logs, insights and Defender data go.
   *
   * @default - a new `ClusterMonitoring` workspace named `log-<cluster name>`
   */
  readonly monitoring?: IClusterMonitoring;
  /**
   * How the API server is reached (API-1, API-2). Changing it between private and public,
   * or to another private DNS zone, replaces the cluster (`private_cluster_enabled` and
   * `private_dns_zone_id` are ForceNew in azurerm 4.55); authorized ranges change in place.
   *
   * @default ApiServerAccess.privateOnly()
   */
  readonly apiServerAccess?: ApiServerAccess;
  /**
   * Kubernetes version at creation, `MAJOR.MINOR` (recommended with an upgrade channel) or
   * `MAJOR.MINOR.PATCH`. After creation the upgrade channel owns the version.
   *
   * @default - AKS's default version
   */
  readonly kubernetesVersion?: string;
  /**
   * Channel of automatic Kubernetes upgrades (UPG-1).
   *
   * @default "patch"
   */
  readonly automaticUpgradeChannel?: UpgradeChannel;
  /**
   * Channel of automatic node OS patching (UPG-1).
   *
   * @default "NodeImage"
   */
  readonly nodeOsUpgradeChannel?: NodeOsUpgradeChannel;
  /**
   * Planned window for Kubernetes upgrades (UPG-2).
   *
   * @default DEFAULT_UPGRADE_WINDOW (Sunday 00:00-04:00 UTC)
   */
  readonly upgradeWindow?: MaintenanceWindow;
  /**
   * Planned window for node OS patching (UPG-2).
   *
   * @default DEFAULT_NODE_OS_WINDOW (Saturday 00:00-04:00 UTC)
   */
  readonly nodeOsWindow?: MaintenanceWindow;
  /**
   * Network policy engine (NET-2). `cilium` runs on the Cilium data plane; `calico` and
   * `azure` on the Azure data plane (Azure NPM is being retired by Microsoft). Changing it
   * replaces the cluster: azurerm 4.55 forces a new cluster on any change of a network
   * policy once one is set (`network_profile.0.network_policy`, CustomizeDiff).
   *
   * @default "cilium"
   */
  readonly networkPolicy?: NetworkPolicyEngine;
  /**
   * Data plane of Azure CNI Overlay (NET-1). `cilium` is Azure CNI powered by Cilium, which
   * Microsoft recommends for network policy. Changing it replaces the cluster: azurerm 4.55
   * forces a new cluster on any change once set (`network_profile.0.network_data_plane`,
   * CustomizeDiff), and the provider always records a value.
   *
   * @default - "cilium" with the cilium policy engine, "azure" with the others
   */
  readonly networkDataplane?: NetworkDataplane;
  /**
   * Kubernetes service range. Must not overlap the VNet or the pod range. Changing it
   * replaces the cluster.
   *
   * @default "10.0.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * Cluster DNS service address, inside `serviceCidr`. Changing it replaces the cluster.
   *
   * @default - the .10 address of `serviceCidr`
   */
  readonly dnsServiceIp?: string;
  /**
   * Overlay pod range. Must not overlap the VNet or the service range. Changing it replaces
   * the cluster.
   *
   * @default "10.244.0.0/16"
   */
  readonly podCidr?: string;
  /**
   * How traffic leaves the cluster: `ClusterEgress.throughFirewall(route)` (EGR-1), or the
   * explicit opt-out `ClusterEgress.loadBalancerUnrestricted()`. Required: there is no
   * safe default the library could create without your hub's address plan.
   */
  readonly egress: ClusterEgress;
  /**
   * The WAF-protected Application Gateway that is the cluster's only ingress (ING-1). Turns
   * on the Application Gateway Ingress Controller add-on and grants it exactly the roles it
   * needs (ING-4).
   *
   * @default - no ingress add-on; nothing in the cluster is reachable from the internet
   */
  readonly ingress?: IWafIngress;
  /**
   * Whose keys encrypt etcd secrets and node disks: `ClusterEncryption.customerManagedKeys(vault)`
   * (SEC-3, SEC-4), or the explicit opt-out `ClusterEncryption.platformManagedKeys()`.
   * Required, like `egress`: the keys live in your vault. Changing it between the two
   * replaces the cluster (`disk_encryption_set_id` is ForceNew); a rotated key does not.
   */
  readonly encryption: ClusterEncryption;
  /**
   * Whether every pool encrypts its hosts' temporary disks, caches and ephemeral OS disks
   * (SEC-4). Needs the `Microsoft.Compute/EncryptionAtHost` feature on the subscription.
   *
   * @default true
   */
  readonly hostEncryptionEnabled?: boolean;
  /**
   * How often the Secrets Store CSI driver refreshes mounted Key Vault secrets (SEC-1).
   *
   * @default "2m"
   */
  readonly secretRotationInterval?: string;
  /**
   * Further resources the cluster must be created after.
   *
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * How long the cluster's creation waits after the control plane's role assignments
   * (Managed Identity Operator on the kubelet identity, Network Contributor, Private DNS
   * Zone Contributor, Key Vault Crypto User and the other key roles) for Azure RBAC to
   * propagate, as a `time_sleep` duration (`"120s"`, `"2m"`). AKS checks some of these
   * roles when it creates the cluster and fails on one it cannot see yet. `"0s"` waits not
   * at all.
   *
   * @default "120s" (DEFAULT_ROLE_PROPAGATION_WAIT)
   */
  readonly roleAssignmentPropagationWait?: string;
  /**
   * Control-plane tier. `Standard` carries the uptime SLA and scales the control plane
   * (NODE-4); `Free` is for throwaway clusters only.
   *
   * @default "Standard"
   */
  readonly skuTier?: ClusterSkuTier;
  /**
   * The system node pool, which runs only critical add-ons (NODE-1).
   *
   * @default - "system", Standard_D4ds_v5, 3 to 6 nodes over zones 1-3
   */
  readonly systemPool?: SystemPoolOptions;
  /**
   * User node pools for workloads, by name. At least one is needed, here or through
   * `addNodePool`.
   *
   * @default - none
   */
  readonly userPools?: Record<string, NodePoolOptions>;
  /**
   * Whether `az aks command invoke` may run commands in the cluster. It bypasses the
   * private network path, so it is off unless asked for (API-3).
   *
   * @default false
   */
  readonly runCommandEnabled?: boolean;
  /**
   * Hours between image cleaner runs, which remove unused, possibly vulnerable images
   * from nodes (IMG-2).
   *
   * @default 168
   */
  readonly imageCleanerIntervalHours?: number;
  /**
   * Effect of the Pod Security `restricted` initiative assigned to the cluster (POL-1).
   * `deny` rejects non-compliant pods; `audit` only reports them.
   *
   * @default "deny"
   */
  readonly podSecurityPolicyEffect?: PolicyEffect;
  /**
   * Namespaces the Pod Security initiative leaves alone. Platform namespaces only (those
   * `RESERVED_NAMESPACES` lists, but `default`, where pods land that name no namespace); to
   * exclude any other, use `podSecurityExclusions` with a reason. Replaces the default list.
   *
   * @default ["kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"]
   */
  readonly podSecurityExcludedNamespaces?: readonly string[];
  /**
   * Opt-out: workload namespaces the Pod Security initiative leaves alone as well, with the
   * reason. They are excluded in addition to `podSecurityExcludedNamespaces` (or its
   * default); the compliance report fails POL-1 when one of them is a namespace the stack
   * creates, until it is acknowledged.
   *
   * @default - no workload namespace is excluded
   */
  readonly podSecurityExclusions?: PodSecurityExclusions;
  /**
   * Whether to turn on the Defender for Containers plan for the whole subscription. Only
   * for a subscription you own: the plan is subscription-wide. The cluster's Defender
   * profile is on either way (MON-3).
   *
   * @default false
   */
  readonly enableDefenderPlan?: boolean;
  /**
   * Control-plane log categories sent to the workspace (MON-2).
   *
   * @default DEFAULT_CONTROL_PLANE_LOG_CATEGORIES
   */
  readonly controlPlaneLogCategories?: readonly string[];
  /**
   * Whether the cluster runs the Managed Prometheus metrics add-on (`monitor_metrics`, MON-4).
   * The add-on ships nothing until a data collection rule is associated with the cluster:
   * `HardenedPlatform` creates a `ManagedPrometheus` for it; a cluster built on its own
   * needs one too. Turning it on or off updates the cluster in place.
   *
   * @default true
   */
  readonly managedPrometheusEnabled?: boolean;
  /**
   * Whether AKS cost analysis is on (`cost_analysis_enabled`, MON-5): cost by namespace and
   * workload in Azure Cost Management. AKS runs it on the Standard and Premium tiers only, so
   * on the Free tier it is off unless asked for, and asking for it there is refused. Changes
   * update the cluster in place.
   *
   * @default true (false on the Free tier)
   */
  readonly costAnalysisEnabled?: boolean;
  /**
   * Opt-out: no Advanced Container Networking Services (`network_profile.advanced_networking`,
   * NET-6), with the reason, recorded as NET-6's acknowledgement on the cluster. By default
   * ACNS is on with both parts: security (Cilium FQDN egress policies, which
   * `EgressAllow.fqdns` in `SecureNamespace` needs) and observability (network flow logs and
   * metrics). ACNS is a paid add-on, billed per node of the cluster: opt out where that
   * cost is not worth it, e.g. a throwaway cluster. AKS offers ACNS on the Cilium data
   * plane only, so `networkPolicy` 'calico' or 'azure' needs this opt-out. Turning ACNS on
   * or off updates the cluster in place (azurerm 4.55 PATCHes the network profile's
   * advanced networking; it is not ForceNew).
   *
   * @default - ACNS on, security and observability (with the Cilium data plane, the default)
   */
  readonly withoutAdvancedNetworking?: {
    /** Why the cluster runs without ACNS (at least 10 characters), recorded with the NET-6 acknowledgement. */
    readonly reason: string;
  };
}

/** The Pod Security initiative's default exclusions: platform namespaces. */
export const DEFAULT_POD_SECURITY_EXCLUDED_NAMESPACES: readonly string[] = deepFreeze([
  "kube-system",
  "gatekeeper-system",
  "azure-arc",
  "azure-extensions-usage-system",
]);

/**
 * An AKS cluster with every cluster-level control of the hardening catalogue on by default:
 * Entra ID with Azure RBAC and no local accounts, private API server, user-assigned managed
 * identities with least-privilege roles, Azure CNI Overlay with a network policy engine,
 * Advanced Container Networking Services on the Cilium data plane (FQDN egress policies,
 * flow observability), a system pool for critical add-ons only, autoscaled zonal pools with ephemeral Azure
 * Linux disks and no public IPs, automatic upgrades in planned windows, Container Insights,
 * control-plane audit logs, Defender, the Pod Security restricted initiative, and the image
 * cleaner. Routine changes never replace the cluster: the system pool rotates through a
 * temporary pool, and values the platform owns (version, node counts) are left to it. The
 * props whose change does replace it say so (`name`, `dnsPrefix`, `apiServerAccess`,
 * `encryption`, `networkPolicy`, `networkDataplane`, the service and pod ranges).
 */
export class HardenedCluster extends Construct implements IPrivateDnsZoneOwner, IGrantable {
  /** The `azurerm_kubernetes_cluster` (escape hatch). */
  public readonly resource: KubernetesCluster;
  /** The control plane's user-assigned identity. */
  public readonly controlPlaneIdentity: UserAssignedIdentity;
  /** The kubelet's user-assigned identity (pulls images, e.g. `AcrPull` on a registry). */
  public readonly kubeletIdentity: UserAssignedIdentity;
  /** The workspace the cluster reports to. */
  public readonly monitoring: IClusterMonitoring;
  /** User node pools, by name. */
  public readonly nodePools: Record<string, NodePool> = {};
  /** Azure resource ID of the cluster, the scope of role assignments on it. */
  public readonly clusterId: string;
  /** Name of the AKS cluster, as `az aks get-credentials --name` takes it. */
  public readonly clusterName: string;
  /** Issuer URL for workload identity federated credentials (IAM-4). */
  public readonly oidcIssuerUrl: string;
  /** Object ID of the kubelet's identity: the principal to grant image pulls and other node-level access to. */
  public readonly kubeletIdentityObjectId: string;
  /** Client ID of the kubelet's identity, as clients on the nodes name it when they request a token. */
  public readonly kubeletIdentityClientId: string;
  /** Principal ID of the control plane's identity: the principal to grant what AKS itself manages (its subnets, private DNS zone, keys, backup snapshots). */
  public readonly controlPlaneIdentityPrincipalId: string;
  /**
   * The kubelet identity as a principal: what pulls images for the nodes. Grants to the
   * cluster itself go to it (`registry.grantPull(cluster)`).
   */
  public readonly kubeletPrincipal: IPrincipal;
  /**
   * The control-plane identity as a principal: what KMS, the disk encryption set and the
   * cluster's network roles are granted to (`key.grantKmsAccess(cluster.controlPlanePrincipal)`).
   */
  public readonly controlPlanePrincipal: IPrincipal;
  /** Resource group AKS puts the nodes in. */
  public readonly nodeResourceGroup: string;
  /** The etcd encryption key, with customer-managed keys. */
  public readonly etcdKey?: EncryptionKey;
  /** The disk encryption set, with customer-managed keys. */
  public readonly diskEncryption?: DiskEncryption;
  /**
   * The private DNS zone of the API server, when the library created it. Link it to the
   * networks your deployment runners resolve from.
   */
  public readonly apiServerDnsZone?: PrivateDnsZone;
  /**
   * The `time_sleep` the cluster is created after: it starts once every role assignment
   * the control plane needs at creation exists.
   */
  public readonly roleAssignmentPropagation: Sleep;
  /**
   * The private DNS zones the cluster created (the API server's, with the default access):
   * pass the cluster to `EgressFirewall.linkPrivateDnsZones` so the hub resolves it too.
   */
  public readonly privateDnsZones: readonly PrivateDnsZoneRef[];

  private readonly network: IClusterNetwork;
  /** Subnet associations (NSGs, route tables) and network settings nodes must not race. */
  private readonly networkDependables: readonly ITerraformDependable[];
  private readonly upgradeChannelOwnsVersion: boolean;
  private readonly hostEncryptionEnabled: boolean;
  private readonly tags?: Record<string, string>;
  /** Every pool name taken, the rotation pools' included, and what took it, for messages. */
  private readonly poolNames = new Map<string, string>();

  constructor(scope: Construct, id: string, props: HardenedClusterProps) {
    super(scope, id);
    // What JavaScript callers can omit or mistype, before anything reads it.
    throwIfInvalid(this, ...requiredPropVerdicts(props));
    this.network = props.network;
    const settings = resolveSettings(props);
    this.validate(props, settings);
    throwIfInvalid(this, ...clusterMetricsVerdicts(props));
    this.upgradeChannelOwnsVersion = settings.upgradeChannel !== "node-image";
    this.hostEncryptionEnabled = props.hostEncryptionEnabled ?? true;
    this.tags = props.tags;
    this.takePoolName(settings.systemPoolName, `the system pool '${settings.systemPoolName}'`);
    if (settings.systemRotationName !== undefined) {
      this.takePoolName(settings.systemRotationName, `the system pool's rotation pool '${settings.systemRotationName}'`);
    }

    // Identities: user-assigned, so they exist before the cluster and can be granted
    // exactly the roles they need (IAM-3, IAM-5).
    this.controlPlaneIdentity = this.identity("ControlPlaneIdentity", props, "control-plane");
    this.kubeletIdentity = this.identity("KubeletIdentity", props, "kubelet");
    // Managed identities are service principals.
    this.controlPlanePrincipal = Principal.servicePrincipal(this.controlPlaneIdentity.principalId);
    this.kubeletPrincipal = Principal.servicePrincipal(this.kubeletIdentity.principalId);
    const identities: ClusterFragment = {
      dependsOn: [this.grant("ControlPlaneManagesKubeletIdentity", BUILT_IN_ROLES.managedIdentityOperator, this.kubeletIdentity.id)],
    };

    // The strategies bind themselves in the cluster's scope. The keys bind first: what they
    // need of the API server (VNet integration, for KMS) is the API server access's to give.
    const binding = this.binding(props);
    const encryption = props.encryption._bind(binding);
    const access = settings.access._bind(binding, { vnetIntegrationReason: encryption.apiServerVnetIntegrationReason });
    const egress = props.egress._bind(binding);
    const network: ClusterFragment = {
      dependsOn: grantNetworkContributor(binding, [this.nodeSubnetsNeed(), access.networkContributor, encryption.networkContributor, egress.networkContributor]),
    };
    this.etcdKey = encryption.etcdKey;
    this.diskEncryption = encryption.diskEncryption;
    this.apiServerDnsZone = access.apiServerDnsZone;
    const zone = access.apiServerDnsZone;
    this.privateDnsZones = zone ? [{ name: zone.nameInput ?? zone.name, resourceGroupName: props.resourceGroupName, id: zone.id, resource: zone }] : [];

    this.monitoring = props.monitoring ?? this.createMonitoring(props);

    // The cluster: its own settings, and the parts the strategies own.
    // Every association on the cluster's subnets (and the spoke's DNS servers) is in place
    // before AKS puts nodes there: AKS and Terraform updating one subnet at once fail.
    this.networkDependables = [...(props.network.dependables ?? []), ...props.egress.dependables];
    const parts = mergeFragments([identities, access, network, encryption, egress, { dependsOn: [...(props.network.dependables ?? []), ...(props.dependsOn ?? [])] }]);
    // The library's own grants only: a role assignment the user passes in dependsOn is waited
    // for, but is no trigger, so replacing it does not replace the wait.
    const own = mergeFragments([identities, access, network, encryption, egress]);
    const grants = [...new Set(own.dependsOn.filter((d): d is RoleAssignment => d instanceof RoleAssignment))];
    this.roleAssignmentPropagation = waitForRoleAssignments(
      this,
      "RoleAssignmentPropagation",
      grants,
      props.roleAssignmentPropagationWait ?? DEFAULT_ROLE_PROPAGATION_WAIT,
    );
    this.resource = new KubernetesCluster(this, "Resource", {
      ...this.clusterConfig(props, settings),
      ...parts.config,
      networkProfile: { ...networkProfile(settings, props.withoutAdvancedNetworking === undefined), ...parts.networkProfile },
      dependsOn: [...new Set(parts.dependsOn), this.roleAssignmentPropagation],
      lifecycle: { ignoreChanges: this.ignoredChanges() },
    });
    props.network._waitedForBy?.(this.resource);
    // The opt-out is the acknowledgement: NET-6 fails a cluster without ACNS, and this
    // reason (on the cluster alone) is what the report shows for it.
    if (props.withoutAdvancedNetworking !== undefined) {
      Compliance.acknowledge(this.resource, "NET-6", props.withoutAdvancedNetworking.reason);
    }
    this.clusterId = this.resource.id;
    this.clusterName = this.resource.name;
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
    this.nodeResourceGroup = this.resource.nodeResourceGroup;
    this.kubeletIdentityObjectId = this.kubeletIdentity.principalId;
    this.kubeletIdentityClientId = this.kubeletIdentity.clientId;
    this.controlPlaneIdentityPrincipalId = this.controlPlaneIdentity.principalId;

    // Add-ons, logs and policy on the finished cluster.
    if (props.ingress) this.grantIngressController(props.ingress);
    this.sendLogs(props);
    this.assignPodSecurity(props);
    if (props.enableDefenderPlan) {
      new SecurityCenterSubscriptionPricing(this, "DefenderForContainers", {
        tier: "Standard",
        resourceType: "Containers",
      });
    }

    // Pools: the system pool is part of the cluster resource; user pools are their own.
    for (const [name, options] of Object.entries(props.userPools ?? {})) {
      this.addPool(name, options, { prop: `userPools.${name}`, name: "userPools key", declared: `userPools.${name}` });
    }
    this.node.addValidation({
      validate: () =>
        Object.keys(this.nodePools).length === 0
          ? [
              `HardenedCluster '${props.name}' has no user node pool: the system pool runs only critical add-ons, so workloads would never schedule. Pass userPools or call addNodePool().`,
            ]
          : [],
    });
  }

  /**
   * Adds a user node pool for workloads, in the network's user nodes subnet. The name and
   * the pool's rotation name must differ from every other pool's name and rotation name;
   * errors name this call (`addNodePool('<name>') options.<prop>`).
   *
   * @param name pool name: 1-12 lowercase letters or digits, starting with a letter; a
   *   token needs `options.rotationPoolName`
   */
  public addNodePool(name: string, options: NodePoolOptions): NodePool {
    const call = `addNodePool(${isToken(name) || typeof name !== "string" ? "name" : `'${name}'`})`;
    return this.addPool(name, options, { prop: `${call} options`, name: "addNodePool name", declared: call });
  }

  /**
   * A user pool, checked under the prop path the user wrote (`userPools.<name>` or the
   * `addNodePool` call), its name and its rotation pool's name against every name taken.
   */
  private addPool(name: string, options: NodePoolOptions, where: { prop: string; name: string; declared: string }): NodePool {
    throwIfInvalid(this, required(where.name, name, "string", "'apps'"), ...nodePoolShapeVerdicts(where.prop, options));
    const pool = resolveNodePool(options, DEFAULT_USER_POOL_MAX_COUNT);
    const rotation = poolRotationName(where.prop, where.name, name, options.rotationPoolName);
    throwIfInvalid(
      this,
      nodePoolName(where.name, name),
      ...nodePoolVerdicts(where.prop, pool, 0, options.tags),
      ...taintVerdicts(`${where.prop}.taints`, options.taints),
      ...rotation.verdicts,
      this.poolNameVerdict(name, `${where.name} '${name}'`),
      rotation.name === undefined ? undefined : this.poolNameVerdict(rotation.name, `the rotation pool name '${rotation.name}' of ${where.declared}`),
    );
    const node = new NodePool(this, `NodePool-${name}`, {
      ...options,
      name,
      clusterId: this.clusterId,
      subnetId: this.network.userNodesSubnetId,
      upgradeChannelOwnsVersion: this.upgradeChannelOwnsVersion,
      hostEncryptionEnabled: this.hostEncryptionEnabled,
      tags: this.tags || options.tags ? { ...this.tags, ...options.tags } : undefined,
      dependsOn: this.networkDependables,
    });
    this.network._waitedForBy?.(node.resource);
    this.takePoolName(name, `the pool '${name}' (${where.declared})`);
    if (rotation.name !== undefined) this.takePoolName(rotation.name, `the rotation pool '${rotation.name}' of ${where.declared}`);
    this.nodePools[name] = node;
    return node;
  }

  /** A name already taken by a pool or a rotation pool, naming both sides. */
  private poolNameVerdict(name: string, prop: string): Verdict {
    if (isToken(name)) return undefined;
    const owner = this.poolNames.get(name);
    if (owner === undefined) return undefined;
    return `${prop} collides with ${owner}: AKS needs every pool name in the cluster, the rotation pools' included, to be distinct, or the pool's creation or its next rotation fails. Pick another pool name, or set rotationPoolName on one of them.`;
  }

  private takePoolName(name: string, owner: string): void {
    if (!isToken(name)) this.poolNames.set(name, owner);
  }

  /** Rejects bad props before anything is created. */
  private validate(props: HardenedClusterProps, settings: ClusterSettings): void {
    throwIfInvalid(
      this,
      // The union props first: a value outside the union says nothing a later rule could read.
      ...Object.entries(ALLOWED).map(([prop, allowed]) => oneOf(prop, props[prop as keyof typeof ALLOWED], allowed as string[])),
      clusterName("name", props.name),
      dnsPrefix("dnsPrefix", settings.dnsPrefix),
      guid("tenantId", props.tenantId),
      nonEmpty(
        "adminGroupObjectIds",
        props.adminGroupObjectIds,
        "local accounts are disabled, so an Entra admin group is the only way to administer the cluster. Pass the object id of at least one group.",
      ),
      ...(isToken(props.adminGroupObjectIds) ? [] : props.adminGroupObjectIds.map((g, i) => guid(`adminGroupObjectIds[${i}]`, g))),
      kubernetesVersion("kubernetesVersion", props.kubernetesVersion),
      ...clusterRangeVerdicts(props, settings),
      ...settings.access._verdicts(),
      settings.networkPolicy === "cilium" && settings.dataplane !== "cilium" && !isToken(settings.dataplane)
        ? `networkPolicy 'cilium' needs networkDataplane 'cilium'; got networkDataplane '${settings.dataplane}'. Set networkDataplane to 'cilium', or pick networkPolicy 'calico' or 'azure'.`
        : undefined,
      settings.dataplane === "cilium" && settings.networkPolicy !== "cilium" && !isToken(settings.networkPolicy)
        ? `networkDataplane 'cilium' enforces policy with Cilium itself: networkPolicy must be 'cilium'; got '${settings.networkPolicy}'.`
        : undefined,
      integerBetween("imageCleanerIntervalHours", props.imageCleanerIntervalHours, 24, 2160, "AKS's image cleaner interval"),
      sleepDuration("roleAssignmentPropagationWait", props.roleAssignmentPropagationWait),
      nodePoolName("systemPool.name", settings.systemPoolName),
      ...nodePoolVerdicts("systemPool", settings.systemPool, 1, props.systemPool?.tags),
      ...settings.systemRotation.verdicts,
      ...maintenanceWindowVerdicts("upgradeWindow", settings.upgradeWindow),
      ...maintenanceWindowVerdicts("nodeOsWindow", settings.nodeOsWindow),
      resourceGroupName("resourceGroupName", props.resourceGroupName),
      azureLocation("location", props.location),
      rotationInterval("secretRotationInterval", props.secretRotationInterval),
      tags("tags", props.tags),
      settings.access.isPrivate
        ? apiServerDnsZoneName("apiServerAccess privateDnsZoneId", zoneIdOf(settings.access), props.location, props.encryption.vault !== undefined)
        : undefined,
      ...podSecurityVerdicts(props),
      ...advancedNetworkingVerdicts(props, settings),
    );
    this.checkAddressPlan(props, settings);
  }

  private createMonitoring(props: HardenedClusterProps): ClusterMonitoring {
    return new ClusterMonitoring(this, "Monitoring", {
      workspaceName: derivedName(["log", props.name], 63),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
  }

  private identity(id: string, props: HardenedClusterProps, role: string): UserAssignedIdentity {
    return new UserAssignedIdentity(this, id, {
      name: derivedName(["id", props.name, role], 128),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
  }

  /** What the strategies bind to: this construct, and what they may need to know of it. */
  private binding(props: HardenedClusterProps): ClusterBinding {
    return {
      scope: this,
      clusterName: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
      network: props.network,
      controlPlanePrincipalId: this.controlPlaneIdentity.principalId,
      grant: (id, role, scope) => this.grant(id, BUILT_IN_ROLES[role], scope),
    };
  }

  /** The control plane joins nodes and load balancers to the node subnets. */
  private nodeSubnetsNeed(): NetworkContributorNeed {
    return {
      subnets: [
        { subnetId: this.network.systemNodesSubnetId, grantId: "ControlPlaneJoinsSystemNodesSubnet" },
        { subnetId: this.network.userNodesSubnetId, grantId: "ControlPlaneJoinsUserNodesSubnet" },
      ],
    };
  }

  /** The cluster's own settings: everything but what the strategies own. */
  private clusterConfig(props: HardenedClusterProps, settings: ClusterSettings): ClusterConfig {
    const systemPool = settings.systemPool;
    return {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      dnsPrefix: settings.dnsPrefix,
      kubernetesVersion: props.kubernetesVersion,
      skuTier: props.skuTier ?? CLUSTER_DEFAULTS.skuTier,
      tags: props.tags,

      // Identity and access (IAM-1 to IAM-4)
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: {
        azureRbacEnabled: true,
        tenantId: props.tenantId,
        adminGroupObjectIds: [...props.adminGroupObjectIds],
      },
      localAccountDisabled: true,
      identity: { type: "UserAssigned", identityIds: [this.controlPlaneIdentity.id] },
      kubeletIdentity: {
        clientId: this.kubeletIdentity.clientId,
        objectId: this.kubeletIdentity.principalId,
        userAssignedIdentityId: this.kubeletIdentity.id,
      },
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,

      // API server (API-3; API-1 and API-2 are the access's)
      runCommandEnabled: props.runCommandEnabled ?? false,

      // System pool (NODE-1 to NODE-3, NET-4, UPG-3, OPS-4)
      defaultNodePool: {
        name: settings.systemPoolName,
        type: "VirtualMachineScaleSets",
        onlyCriticalAddonsEnabled: true,
        vmSize: systemPool.vmSize,
        vnetSubnetId: props.network.systemNodesSubnetId,
        autoScalingEnabled: true,
        minCount: systemPool.minCount,
        maxCount: systemPool.maxCount,
        zones: systemPool.zones,
        maxPods: systemPool.maxPods,
        osDiskSizeGb: systemPool.osDiskSizeGiB,
        osDiskType: systemPool.osDiskType,
        osSku: systemPool.osSku,
        nodePublicIpEnabled: false,
        hostEncryptionEnabled: this.hostEncryptionEnabled,
        nodeLabels: systemPool.labels,
        tags: props.tags || props.systemPool?.tags ? { ...props.tags, ...props.systemPool?.tags } : undefined,
        temporaryNameForRotation: settings.systemRotationName,
        upgradeSettings: { maxSurge: systemPool.maxSurge, drainTimeoutInMinutes: systemPool.drainTimeoutInMinutes },
      },

      // Upgrades (UPG-1, UPG-2)
      automaticUpgradeChannel: settings.upgradeChannel,
      nodeOsUpgradeChannel: props.nodeOsUpgradeChannel ?? CLUSTER_DEFAULTS.nodeOsUpgradeChannel,
      maintenanceWindowAutoUpgrade: weeklyWindowBlock(settings.upgradeWindow),
      maintenanceWindowNodeOs: weeklyWindowBlock(settings.nodeOsWindow),

      // Secrets (SEC-1; SEC-3 and SEC-4 are the encryption's)
      keyVaultSecretsProvider: {
        secretRotationEnabled: true,
        secretRotationInterval: props.secretRotationInterval ?? CLUSTER_DEFAULTS.secretRotationInterval,
      },

      // Monitoring, threat protection, policy, images (MON-1, MON-3, POL-1, IMG-2)
      omsAgent: { logAnalyticsWorkspaceId: this.monitoring.workspaceId, msiAuthForMonitoringEnabled: true },
      microsoftDefender: { logAnalyticsWorkspaceId: this.monitoring.workspaceId },
      azurePolicyEnabled: true,
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: props.imageCleanerIntervalHours ?? CLUSTER_DEFAULTS.imageCleanerIntervalHours,

      ingressApplicationGateway: props.ingress ? { gatewayId: props.ingress.gatewayId } : undefined,

      // Managed Prometheus and cost analysis (MON-4, MON-5): both update in place in azurerm
      // 4.55 (neither is ForceNew; Update sends AzureMonitorProfile and MetricsProfile).
      ...clusterMetricsConfig(this, props),
    };
  }

  /** Values the platform owns after creation: node counts, and versions under an upgrade channel. */
  private ignoredChanges(): string[] {
    const ignored = ["default_node_pool[0].node_count"];
    if (this.upgradeChannelOwnsVersion) ignored.push("kubernetes_version", "default_node_pool[0].orchestrator_version");
    return ignored;
  }

  /** Control-plane logs and Container Insights into the workspace (MON-1, MON-2). */
  private sendLogs(props: HardenedClusterProps): void {
    new ControlPlaneLogs(this, "ControlPlaneLogs", {
      clusterId: this.clusterId,
      workspaceId: this.monitoring.workspaceId,
      categories: props.controlPlaneLogCategories,
    });
    new ContainerInsights(this, "ContainerInsights", {
      name: derivedName(["dcr", props.name, "container-insights"], 64),
      clusterId: this.clusterId,
      workspaceId: this.monitoring.workspaceId,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
  }

  /** The Pod Security restricted initiative on the cluster (POL-1). */
  private assignPodSecurity(props: HardenedClusterProps): void {
    new ResourcePolicyAssignment(this, "PodSecurityRestricted", {
      name: "pod-security-restricted",
      displayName: "Pod Security Standards: restricted (hardened-aks)",
      resourceId: this.clusterId,
      policyDefinitionId: POD_SECURITY_RESTRICTED_INITIATIVE_ID,
      parameters: JSON.stringify({
        effect: { value: props.podSecurityPolicyEffect ?? CLUSTER_DEFAULTS.podSecurityPolicyEffect },
        excludedNamespaces: {
          value: [
            ...new Set([...(props.podSecurityExcludedNamespaces ?? DEFAULT_POD_SECURITY_EXCLUDED_NAMESPACES), ...(props.podSecurityExclusions?.namespaces ?? [])]),
          ],
        },
      }),
    });
  }

  /** The principal grants to the cluster go to: its kubelet identity (see {@link IGrantable}). */
  public get grantPrincipal(): IPrincipal {
    return this.kubeletPrincipal;
  }

  private grant(id: string, role: string, scope: string, principalId: string = this.controlPlaneIdentity.principalId): RoleAssignment {
    return new RoleAssignment(this, id, {
      scope,
      roleDefinitionName: role,
      principalId,
      principalType: "ServicePrincipal",
    });
  }

  /**
   * The roles the ingress controller's identity (created by AKS with the add-on) needs, and
   * no more (ING-4): Contributor on the gateway itself, Reader on its resource group, and
   * Network Contributor on its subnet.
   */
  private grantIngressController(ingress: IWafIngress): void {
    const agic = this.resource.ingressApplicationGateway.ingressApplicationGatewayIdentity.get(0).objectId;
    // The gateway's resource group id is the first five segments of its resource id.
    const gatewayResourceGroupId = Fn.join("/", Fn.slice(Fn.split("/", ingress.gatewayId), 0, 5));
    this.grant("IngressControllerManagesGateway", BUILT_IN_ROLES.contributor, ingress.gatewayId, agic);
    this.grant("IngressControllerReadsGatewayGroup", BUILT_IN_ROLES.reader, gatewayResourceGroupId, agic);
    this.grant("IngressControllerJoinsGatewaySubnet", BUILT_IN_ROLES.networkContributor, ingress.subnetId, agic);
  }

  /** The service and pod ranges against the network and the pools (lib/network/address-plan.ts). */
  private checkAddressPlan(props: HardenedClusterProps, settings: ClusterSettings): void {
    throwIfInvalid(this, ...clusterAddressPlanVerdicts({ given: props, ...settings, network: this.network, systemPool: { prop: "systemPool", ...settings.systemPool }, userPools: props.userPools }));
  }
}

/** The DNS prefix derived from a cluster name: Azure allows no underscores and 54 characters. */
export function defaultDnsPrefix(clusterName: string): string {
  return isToken(clusterName) ? clusterName : derivedName([clusterName], 54);
}

/** The conventional DNS service address: the .10 address of the service range (`cidrhost(range, 10)` for a token). */
export function defaultDnsServiceIp(serviceCidr: string): string | undefined {
  return derivedDnsServiceIp(serviceCidr);
}

/** The props with every default applied: what the cluster is built from. */
interface ClusterSettings {
  readonly access: ApiServerAccess;
  readonly upgradeChannel: UpgradeChannel;
  readonly networkPolicy: NetworkPolicyEngine;
  readonly dataplane: NetworkDataplane;
  readonly serviceCidr: string;
  readonly podCidr: string;
  readonly dnsServiceIp: string | undefined;
  readonly upgradeWindow: MaintenanceWindow;
  readonly nodeOsWindow: MaintenanceWindow;
  readonly systemPoolName: string;
  readonly systemPool: ResolvedNodePool;
  /** The system pool's rotation pool, and what is wrong with its name. */
  readonly systemRotation: { readonly name?: string; readonly verdicts: Verdict[] };
  readonly systemRotationName: string | undefined;
  readonly dnsPrefix: string;
}

function resolveSettings(props: HardenedClusterProps): ClusterSettings {
  const networkPolicy = props.networkPolicy ?? CLUSTER_DEFAULTS.networkPolicy;
  const serviceCidr = props.serviceCidr ?? CLUSTER_DEFAULTS.serviceCidr;
  const systemPoolName = props.systemPool?.name ?? CLUSTER_DEFAULTS.systemPoolName;
  const systemRotation = poolRotationName("systemPool", "systemPool.name", systemPoolName, props.systemPool?.rotationPoolName);
  return {
    access: props.apiServerAccess ?? ApiServerAccess.privateOnly(),
    upgradeChannel: props.automaticUpgradeChannel ?? CLUSTER_DEFAULTS.automaticUpgradeChannel,
    networkPolicy,
    dataplane: props.networkDataplane ?? (networkPolicy === "cilium" ? "cilium" : "azure"),
    serviceCidr,
    podCidr: props.podCidr ?? CLUSTER_DEFAULTS.podCidr,
    dnsServiceIp: props.dnsServiceIp ?? defaultDnsServiceIp(serviceCidr),
    upgradeWindow: props.upgradeWindow ?? DEFAULT_UPGRADE_WINDOW,
    nodeOsWindow: props.nodeOsWindow ?? DEFAULT_NODE_OS_WINDOW,
    systemPoolName,
    systemPool: resolveNodePool(
      { ...props.systemPool, vmSize: props.systemPool?.vmSize ?? CLUSTER_DEFAULTS.systemPoolVmSize },
      CLUSTER_DEFAULTS.systemPoolMaxCount,
    ),
    systemRotation,
    systemRotationName: systemRotation.name,
    dnsPrefix: props.dnsPrefix ?? defaultDnsPrefix(props.name),
  };
}

/**
 * The network profile's settings the cluster owns; the egress owns the outbound type.
 * Advanced Container Networking Services (NET-6) come with both parts: security alone
 * leaves no flow records, observability alone enforces no FQDN policy.
 */
function networkProfile(settings: ClusterSettings, advancedNetworking: boolean): ClusterNetworkProfile {
  return {
    networkPlugin: "azure",
    networkPluginMode: "overlay",
    networkPolicy: settings.networkPolicy,
    networkDataPlane: settings.dataplane,
    podCidr: settings.podCidr,
    serviceCidr: settings.serviceCidr,
    dnsServiceIp: settings.dnsServiceIp,
    loadBalancerSku: "standard",
    advancedNetworking: advancedNetworking ? { securityEnabled: true, observabilityEnabled: true } : undefined,
  };
}

/**
 * ACNS (NET-6): the opt-out's reason, and the opt-out where AKS cannot run ACNS. azurerm
 * 4.55 refuses `advanced_networking` unless `network_data_plane` is 'cilium' and
 * `network_plugin` 'azure' (kubernetes_cluster_resource.go, CustomizeDiff); the plugin is
 * always 'azure' here, so only the data plane decides. A data plane known only when
 * Terraform runs is left to the provider's check.
 */
function advancedNetworkingVerdicts(props: HardenedClusterProps, settings: ClusterSettings): Verdict[] {
  const optOut = props.withoutAdvancedNetworking;
  if (optOut !== undefined) {
    return [
      optionalOfKind("withoutAdvancedNetworking", optOut, "object", "{ reason: 'throwaway load-test cluster, ACNS not worth its per-node cost' }") ??
        reason("withoutAdvancedNetworking.reason", optOut.reason, "why the cluster runs without Advanced Container Networking Services (NET-6)", "remove withoutAdvancedNetworking to keep ACNS on"),
    ];
  }
  if (isToken(settings.dataplane) || settings.dataplane === "cilium") return [];
  const prop = props.networkDataplane !== undefined ? `networkDataplane '${settings.dataplane}'` : `networkPolicy '${settings.networkPolicy}' (networkDataplane '${settings.dataplane}')`;
  return [
    `${prop} cannot run Advanced Container Networking Services, which AKS offers on the Cilium data plane only; NET-6 requires them (Cilium FQDN egress policies and flow observability). Keep the default networkPolicy 'cilium', or opt out with the reason: withoutAdvancedNetworking: { reason: '<why the cluster runs without ACNS>' }.`,
  ];
}

/**
 * The props a JavaScript caller can omit, null or mistype, each named as written: checked
 * before anything reads them, so no TypeError or message about a derived value comes first.
 */
function requiredPropVerdicts(props: HardenedClusterProps): Verdict[] {
  const shape = required("props", props, "object", "{ name, resourceGroupName, location, tenantId, adminGroupObjectIds, network, egress, encryption }");
  if (shape !== undefined) return [shape];
  return [
    required("name", props.name, "string", "'aks-prod'"),
    required("resourceGroupName", props.resourceGroupName, "string", "'rg-aks-prod'"),
    required("location", props.location, "string", "'westeurope'"),
    required("tenantId", props.tenantId, "string", "'00000000-0000-0000-0000-000000000000'"),
    required("adminGroupObjectIds", props.adminGroupObjectIds, "array", "['<Entra group object id>']"),
    required("network", props.network, "object", "new ClusterNetwork(this, 'Network', {...}) or ClusterNetwork.fromExisting(...)"),
    madeByFactory("egress", props.egress, "ClusterEgress.throughFirewall(route) or ClusterEgress.loadBalancerUnrestricted()"),
    madeByFactory("encryption", props.encryption, "ClusterEncryption.customerManagedKeys(vault) or ClusterEncryption.platformManagedKeys()"),
    props.apiServerAccess === undefined ? undefined : madeByFactory("apiServerAccess", props.apiServerAccess, "ApiServerAccess.privateOnly() or another ApiServerAccess factory")?.replace(" is required and must be ", " must be "),
    optionalOfKind("monitoring", props.monitoring, "object", "new ClusterMonitoring(this, 'Monitoring', {...})"),
    optionalOfKind("systemPool", props.systemPool, "object", "{ vmSize: 'Standard_D4ds_v5' }"),
    ...(props.systemPool === undefined ? [] : nodePoolShapeVerdicts("systemPool", props.systemPool, false)),
    (props.systemPool as NodePoolOptions | undefined)?.taints === undefined
      ? undefined
      : "systemPool.taints is not a system pool option: the system pool carries AKS's CriticalAddonsOnly taint so that only critical add-ons run there. Put the taints on a user pool (userPools.<name>.taints).",
    optionalOfKind("systemPool.name", props.systemPool?.name, "string", "'system'"),
    optionalOfKind("userPools", props.userPools, "object", "{ apps: { vmSize: 'Standard_D4ds_v5' } }"),
    // Optional scalars of the wrong type: a later rule would show them as if they were right
    // ("must be a whole number ...; got 168" for the string '168').
    ...(["dnsPrefix", "kubernetesVersion", "roleAssignmentPropagationWait"] as const).map((prop) => optionalOfKind(prop, props[prop], "string", "a string")),
    optionalOfKind("imageCleanerIntervalHours", props.imageCleanerIntervalHours, "number", "168"),
    ...(["hostEncryptionEnabled", "runCommandEnabled", "enableDefenderPlan"] as const).map((prop) => optionalOfKind(prop, props[prop], "boolean", "true or false")),
    optionalOfKind("podSecurityExcludedNamespaces", props.podSecurityExcludedNamespaces, "array", "['kube-system']"),
    optionalOfKind("podSecurityExclusions", props.podSecurityExclusions, "object", "{ namespaces: ['legacy-app'], reason: 'runs a vendor daemon that needs host networking' }"),
    // Given the exclusions, their namespaces are required.
    props.podSecurityExclusions === undefined ? undefined : required("podSecurityExclusions.namespaces", props.podSecurityExclusions?.namespaces, "array", "['legacy-app']"),
  ];
}

/** The zone id of a private API server the user manages, if any: not a mode, not one the library creates. */
function zoneIdOf(access: ApiServerAccess): string | undefined {
  const id = access.privateDnsZoneId;
  return id === undefined || id === "System" || id === "None" ? undefined : id;
}

/**
 * Namespaces the platform owns, which the Pod Security initiative may leave alone without a
 * reason: those the library reserves, but `default`, where pods that name no namespace land.
 */
function isPlatformNamespace(namespace: string): boolean {
  if (namespace === "default") return false;
  return RESERVED_NAMESPACES.includes(namespace) || DEFAULT_POD_SECURITY_EXCLUDED_NAMESPACES.includes(namespace) || namespace.startsWith("kube-");
}

/** Exclusions from the Pod Security initiative: platform namespaces, or workload ones with a reason (POL-1). */
function podSecurityVerdicts(props: HardenedClusterProps): Verdict[] {
  const verdicts: Verdict[] = [];
  const excluded = props.podSecurityExcludedNamespaces;
  if (excluded !== undefined && !isToken(excluded)) {
    excluded.forEach((namespace, i) => {
      const prop = `podSecurityExcludedNamespaces[${i}]`;
      if (isToken(namespace)) return;
      const label = typeof namespace === "string" ? dns1123Label(prop, namespace) : `${prop} must be a namespace name; got ${describe(namespace)}.`;
      verdicts.push(
        label ??
          (isPlatformNamespace(namespace)
            ? undefined
            : `${prop} '${namespace}' is not a namespace the platform owns, and the Pod Security initiative leaves every pod in an excluded namespace unchecked (privileged, root, host namespaces). Remove it, or exclude it as an opt-out with its reason: podSecurityExclusions: { namespaces: ['${namespace}'], reason: '<why its pods cannot run restricted>' }.`),
      );
    });
  }
  const exclusions = props.podSecurityExclusions;
  if (exclusions !== undefined && !isToken(exclusions.namespaces)) {
    verdicts.push(
      nonEmpty("podSecurityExclusions.namespaces", exclusions.namespaces, "name the workload namespaces to exclude, or drop podSecurityExclusions."),
      ...exclusions.namespaces.map((namespace, i) =>
        typeof namespace === "string" || isToken(namespace)
          ? dns1123Label(`podSecurityExclusions.namespaces[${i}]`, namespace)
          : `podSecurityExclusions.namespaces[${i}] must be a namespace name; got ${describe(namespace)}.`,
      ),
      reason("podSecurityExclusions.reason", exclusions.reason, "why these namespaces cannot run under the Pod Security restricted profile", "remove podSecurityExclusions"),
    );
  }
  return verdicts;
}
