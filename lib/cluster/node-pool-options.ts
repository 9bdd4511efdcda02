import { integerBetween, availabilityZones, minNotAboveMax, nodePoolName, type Verdict } from "../private/validate";

/** Operating system images the library allows for Linux node pools. */
export type NodeOsSku = "AzureLinux" | "AzureLinux3" | "Ubuntu" | "Ubuntu2204";

/** How a node's OS disk is provisioned. */
export type OsDiskType = "Ephemeral" | "Managed";

/** Sizing and placement of one node pool. */
export interface NodePoolOptions {
  /**
   * VM size of the nodes. Pick a size with a local temporary disk (a `d` in the name, e.g.
   * `Standard_D4ds_v5`) large enough for `osDiskSizeGiB`, so the OS disk can be ephemeral.
   * Changing it rotates the pool through its temporary pool (`temporary_name_for_rotation`)
   * rather than replacing it; the rotation does not cordon and drain the old nodes.
   */
  readonly vmSize: string;
  /**
   * Fewest nodes the autoscaler keeps.
   *
   * @default 3 - one node per availability zone
   */
  readonly minCount?: number;
  /**
   * Most nodes the autoscaler adds.
   *
   * @default 6 for the system pool, 10 for user pools
   */
  readonly maxCount?: number;
  /**
   * Availability zones to spread nodes across. Pass `[]` only in a region without zones.
   *
   * @default ["1", "2", "3"]
   */
  readonly zones?: readonly string[];
  /**
   * Most pods per node. Azure CNI accepts 10-250; 110 is the Kubernetes upstream
   * recommendation and leaves headroom for daemon sets during surge upgrades.
   *
   * @default 110
   */
  readonly maxPods?: number;
  /**
   * Size of each node's OS disk. Must fit the VM size's temporary disk for ephemeral disks.
   *
   * @default 128
   */
  readonly osDiskSizeGiB?: number;
  /**
   * OS disk type. Ephemeral disks live on the host: faster, cheaper, and reset on every
   * reimage, so nothing written by a compromised node survives it (NODE-3).
   *
   * @default "Ephemeral"
   */
  readonly osDiskType?: OsDiskType;
  /**
   * Node OS image. Azure Linux is Microsoft's minimal, hardened container host (NODE-3);
   * `AzureLinux` follows the major version AKS supports for the cluster's Kubernetes version.
   * Between `AzureLinux` and `Ubuntu` a change is in place; to or from any other value it
   * rotates the system pool through its temporary pool, and changing it replaces a user pool
   * (azurerm 4.55, `os_sku` CustomizeDiff).
   *
   * @default "AzureLinux"
   */
  readonly osSku?: NodeOsSku;
  /**
   * Extra nodes added during an upgrade, as a count or a percentage of the pool. 33% keeps
   * workloads up while upgrading in reasonable time (Microsoft's production guidance).
   *
   * @default "33%"
   */
  readonly maxSurge?: string;
  /**
   * Minutes to wait for pods to drain from a node during an upgrade before failing it.
   *
   * @default 30
   */
  readonly drainTimeoutInMinutes?: number;
  /**
   * Kubernetes labels on every node of the pool.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Kubernetes taints on every node of the pool, e.g. `sku=gpu:NoSchedule`, so only pods
   * that tolerate them schedule there. User pools only: the system pool carries AKS's
   * `CriticalAddonsOnly` taint.
   *
   * @default - none
   */
  readonly taints?: readonly string[];
  /**
   * Tags on the pool, added to the cluster's tags (a pool's own value wins).
   *
   * @default - the cluster's tags
   */
  readonly tags?: Record<string, string>;
}

/** Every value of a pool, defaults applied. */
export interface ResolvedNodePool {
  readonly vmSize: string;
  readonly minCount: number;
  readonly maxCount: number;
  readonly zones: string[];
  readonly maxPods: number;
  readonly osDiskSizeGiB: number;
  readonly osDiskType: OsDiskType;
  readonly osSku: NodeOsSku;
  readonly maxSurge: string;
  readonly drainTimeoutInMinutes: number;
  readonly labels?: Record<string, string>;
}

/** Defaults that apply to every pool; the count defaults differ by pool mode. */
export const NODE_POOL_DEFAULTS = {
  minCount: 3,
  zones: ["1", "2", "3"],
  maxPods: 110,
  osDiskSizeGiB: 128,
  osDiskType: "Ephemeral",
  osSku: "AzureLinux",
  maxSurge: "33%",
  drainTimeoutInMinutes: 30,
} as const;

/** Applies the defaults to a pool's options. */
export function resolveNodePool(options: NodePoolOptions, defaultMaxCount: number): ResolvedNodePool {
  return {
    vmSize: options.vmSize,
    minCount: options.minCount ?? NODE_POOL_DEFAULTS.minCount,
    maxCount: options.maxCount ?? Math.max(defaultMaxCount, options.minCount ?? 0),
    zones: [...(options.zones ?? NODE_POOL_DEFAULTS.zones)],
    maxPods: options.maxPods ?? NODE_POOL_DEFAULTS.maxPods,
    osDiskSizeGiB: options.osDiskSizeGiB ?? NODE_POOL_DEFAULTS.osDiskSizeGiB,
    osDiskType: options.osDiskType ?? NODE_POOL_DEFAULTS.osDiskType,
    osSku: options.osSku ?? NODE_POOL_DEFAULTS.osSku,
    maxSurge: options.maxSurge ?? NODE_POOL_DEFAULTS.maxSurge,
    drainTimeoutInMinutes: options.drainTimeoutInMinutes ?? NODE_POOL_DEFAULTS.drainTimeoutInMinutes,
    labels: options.labels,
  };
}

/** The rules every node pool obeys. `prop` is the prop path the pool came from. */
export function nodePoolVerdicts(prop: string, name: string, pool: ResolvedNodePool, minimumNodes: number): Verdict[] {
  return [
    nodePoolName(`${prop}.name`, name),
    integerBetween(`${prop}.minCount`, pool.minCount, minimumNodes, 1000, minimumNodes > 0 ? "a system pool needs at least one node" : "AKS's autoscaler bounds"),
    integerBetween(`${prop}.maxCount`, pool.maxCount, Math.max(1, minimumNodes), 1000, "AKS's autoscaler bounds"),
    minNotAboveMax(`${prop}.minCount`, pool.minCount, `${prop}.maxCount`, pool.maxCount),
    availabilityZones(`${prop}.zones`, pool.zones),
    integerBetween(`${prop}.maxPods`, pool.maxPods, 10, 250, "the range Azure CNI accepts per node"),
    integerBetween(`${prop}.osDiskSizeGiB`, pool.osDiskSizeGiB, 30, 2048, "the OS disk sizes AKS accepts"),
    integerBetween(`${prop}.drainTimeoutInMinutes`, pool.drainTimeoutInMinutes, 1, 1440, "AKS's drain timeout range"),
    maxSurgeVerdict(`${prop}.maxSurge`, pool.maxSurge),
  ];
}

function maxSurgeVerdict(prop: string, value: string): Verdict {
  const percent = /^(\d+)%$/.exec(value);
  if (percent && Number(percent[1]) >= 1 && Number(percent[1]) <= 100) return undefined;
  if (/^[1-9]\d*$/.test(value)) return undefined;
  return `${prop} must be a node count ('1') or a percentage from 1% to 100% ('33%'); got '${value}'.`;
}

/**
 * A name for the temporary pool AKS creates while rotating a pool (VM size, zones and
 * other changes that would otherwise replace it): the pool's name with a `tmp` suffix,
 * cut to Azure's 12 characters.
 */
export function rotationName(poolName: string): string {
  return `${poolName.slice(0, 9)}tmp`;
}
