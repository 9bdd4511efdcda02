// The contract between HardenedCluster and the strategies it takes (ApiServerAccess,
// ClusterEncryption, ClusterEgress). Not public API: users pick a strategy through its
// factories; the cluster asks the strategy to bind, and the strategy creates what it needs
// in the cluster's scope and hands back the part of the cluster it owns. A new mode (a NAT
// gateway, another key source) is a new factory, not a new branch in the cluster.
import type { Construct, ITerraformDependable } from "../private/cdktf";
import type { KubernetesCluster, PrivateDnsZone, RoleAssignment } from "../private/azurerm";
import type { IClusterNetwork } from "../network/cluster-network";
import type { DiskEncryption } from "../secrets/disk-encryption";
import type { EncryptionKey } from "../secrets/encryption-key";
import type { BUILT_IN_ROLES } from "./hardened-cluster";

/**
 * The cluster resource's config, as the provider's bindings type it.
 *
 * @internal
 */
export type ClusterConfig = ConstructorParameters<typeof KubernetesCluster>[2];

/**
 * The cluster's `network_profile` block.
 *
 * @internal
 */
export type ClusterNetworkProfile = NonNullable<ClusterConfig["networkProfile"]>;

/**
 * A built-in role the control plane can be granted, by its key in `BUILT_IN_ROLES`.
 *
 * @internal
 */
export type ControlPlaneRole = keyof typeof BUILT_IN_ROLES;

/**
 * What a strategy binds to: the cluster construct and the facts about it a strategy may need.
 *
 * @internal
 */
export interface ClusterBinding {
  /**
   * The cluster construct. Strategies create their resources here, so their Terraform
   * addresses are the cluster's (`<cluster>/EtcdKey`, `<cluster>/ApiServerDnsZone`, ...).
   */
  readonly scope: Construct;
  /** The cluster's name, which names what a strategy creates. */
  readonly clusterName: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /** Region of the cluster. */
  readonly location: string;
  /** Tags of the cluster, for what a strategy creates. */
  readonly tags?: Record<string, string>;
  /** The network the cluster lives in. */
  readonly network: IClusterNetwork;
  /** Principal id of the control plane's identity. */
  readonly controlPlanePrincipalId: string;
  /** Grants the control plane's identity a built-in role on a scope, in the cluster's scope. */
  grant(id: string, role: ControlPlaneRole, scope: string): RoleAssignment;
}

/**
 * A subnet the control plane joins resources to, which needs Network Contributor on it.
 *
 * @internal
 */
export interface SubnetGrant {
  /** The subnet's id. */
  readonly subnetId: string;
  /** Construct id of the role assignment (a Terraform address: never rename one). */
  readonly grantId: string;
}

/**
 * Where the control plane needs Network Contributor.
 *
 * @internal
 */
export interface NetworkContributorNeed {
  /**
   * Subnets the control plane joins resources to.
   *
   * @default - none
   */
  readonly subnets?: readonly SubnetGrant[];
  /**
   * Whether the control plane needs the whole virtual network (it links a private DNS zone
   * to it), which covers every subnet in it.
   *
   * @default false
   */
  readonly virtualNetwork?: boolean;
}

/**
 * The part of the cluster a strategy owns.
 *
 * @internal
 */
export interface ClusterFragment {
  /**
   * Attributes of the cluster resource the strategy sets.
   *
   * @default - none
   */
  readonly config?: Partial<ClusterConfig>;
  /**
   * Attributes of the cluster's `network_profile` the strategy sets.
   *
   * @default - none
   */
  readonly networkProfile?: Partial<ClusterNetworkProfile>;
  /**
   * What the cluster must be created after.
   *
   * @default - nothing
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Where the strategy needs the control plane to have Network Contributor.
   *
   * @default - nowhere
   */
  readonly networkContributor?: NetworkContributorNeed;
}

/**
 * What other strategies need of the API server.
 *
 * @internal
 */
export interface ApiServerNeeds {
  /**
   * Why the API server must be integrated into the cluster's network, when something needs
   * it (customer-managed keys do: KMS reaches a private vault only from inside the network).
   * Named in the error when the network has no API server subnet.
   *
   * @default - no VNet integration
   */
  readonly vnetIntegrationReason?: string;
}

/**
 * The API server's part of the cluster: its endpoint, its DNS and its network roles.
 *
 * @internal
 */
export interface ApiServerFragment extends ClusterFragment {
  /** The private DNS zone the access created, if it created one. */
  readonly apiServerDnsZone?: PrivateDnsZone;
}

/**
 * The keys' part of the cluster: etcd and disk encryption settings, the roles to wait for,
 * and what the API server must provide for them.
 *
 * @internal
 */
export interface EncryptionFragment extends ClusterFragment {
  /**
   * Why the API server must be integrated into the cluster's network, when the keys need
   * it; undefined when they do not.
   */
  readonly apiServerVnetIntegrationReason?: string;
  /** The etcd encryption key, with customer-managed keys. */
  readonly etcdKey?: EncryptionKey;
  /** The disk encryption set, with customer-managed keys. */
  readonly diskEncryption?: DiskEncryption;
}

/**
 * Grants the control plane Network Contributor on the narrowest scopes that cover every
 * need: the virtual network alone when any need covers it, else each distinct subnet once,
 * in the order needed.
 *
 * @internal
 */
export function grantNetworkContributor(cluster: ClusterBinding, needs: readonly (NetworkContributorNeed | undefined)[]): RoleAssignment[] {
  if (needs.some((need) => need?.virtualNetwork)) {
    return [cluster.grant("ControlPlaneLinksNetwork", "networkContributor", cluster.network.virtualNetworkId)];
  }
  const granted = new Map<string, RoleAssignment>();
  for (const { subnetId, grantId } of needs.flatMap((need) => need?.subnets ?? [])) {
    // A brought network may put system and user nodes in one subnet: one grant covers both.
    if (!granted.has(subnetId)) granted.set(subnetId, cluster.grant(grantId, "networkContributor", subnetId));
  }
  return [...granted.values()];
}

/**
 * Fragments merged into what the cluster resource takes.
 *
 * @internal
 */
export interface MergedFragments {
  /** Attributes of the cluster resource. */
  readonly config: Partial<ClusterConfig>;
  /** Attributes of the cluster's `network_profile`. */
  readonly networkProfile: Partial<ClusterNetworkProfile>;
  /** What the cluster must be created after, in the fragments' order. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The fragments merged in order: later attributes win, dependencies and needs add up.
 *
 * @internal
 */
export function mergeFragments(fragments: readonly ClusterFragment[]): MergedFragments {
  return {
    config: Object.assign({}, ...fragments.map((f) => f.config ?? {})),
    networkProfile: Object.assign({}, ...fragments.map((f) => f.networkProfile ?? {})),
    dependsOn: fragments.flatMap((f) => f.dependsOn ?? []),
  };
}
