import {
  availabilityZones,
  describe,
  integerBetween,
  isToken,
  minNotAboveMax,
  nodePoolName,
  oneOf,
  optionalOfKind,
  required,
  tags,
  type Verdict,
} from "../private/validate";
import { nodeLabels, nodeOsSku, taint, vmSize, zoneStrings } from "./validate-cluster";
import { deepFreeze } from "../private/freeze";

/**
 * Operating system images the library allows for Linux node pools: the Linux values azurerm
 * 4.55 accepts. `Ubuntu2204` is supported by AKS until 2027-06-30 (then use `Ubuntu`); the
 * retired images (Azure Linux 2.0 as `CBLMariner`/`Mariner`, Ubuntu 18.04) are refused.
 */
export type NodeOsSku = "AzureLinux" | "AzureLinux3" | "Ubuntu" | "Ubuntu2204";

/** How a node's OS disk is provisioned. */
export type OsDiskType = "Ephemeral" | "Managed";

/** The OS disk types AKS offers. */
const OS_DISK_TYPES: readonly OsDiskType[] = ["Ephemeral", "Managed"];

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
  /**
   * Name of the temporary pool AKS creates while it rotates this pool (VM size, zones and
   * the other changes that would otherwise replace it): 1-12 lowercase letters or digits,
   * and no other pool's name or rotation name. Required when the pool's name is a token,
   * which the library cannot derive a name from.
   *
   * @default - the pool's name cut to 9 characters, then "tmp"
   */
  readonly rotationPoolName?: string;
}

/** Every value of a pool, defaults applied. @internal */
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
export const NODE_POOL_DEFAULTS = deepFreeze({
  /** Fewest nodes the autoscaler keeps: one per availability zone. */
  minCount: 3,
  /** Availability zones the nodes spread across, so one zone's outage leaves the pool running. */
  zones: ["1", "2", "3"],
  /** Most pods per node: the Kubernetes upstream recommendation, with headroom for surge upgrades. */
  maxPods: 110,
  /** Size of each node's OS disk in GiB; it must fit the VM size's temporary disk to be ephemeral. */
  osDiskSizeGiB: 128,
  /** OS disks on the host, reset on every reimage, so nothing a compromised node wrote survives it. */
  osDiskType: "Ephemeral",
  /** Node OS image: Azure Linux, Microsoft's minimal container host. */
  osSku: "AzureLinux",
  /** Extra nodes added during an upgrade, as a share of the pool (Microsoft's production guidance). */
  maxSurge: "33%",
  /** Minutes an upgrade waits for a node's pods to drain before it fails. */
  drainTimeoutInMinutes: 30,
});

/** Applies the defaults to a pool's options. @internal */
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

/**
 * The shape of a pool's options, checked before anything reads them: an object with a
 * `vmSize`, and lists and maps where the types say so. For JavaScript callers and casts.
 *
 * @internal
 */
export function nodePoolShapeVerdicts(prop: string, options: unknown, vmSizeRequired = true): Verdict[] {
  const shape = required(prop || "props", options, "object", "{ vmSize: 'Standard_D4ds_v5' }");
  if (shape !== undefined) return [shape];
  const o = options as Record<string, unknown>;
  return [
    vmSizeRequired ? required(sub(prop, "vmSize"), o.vmSize, "string", "'Standard_D4ds_v5'") : optionalOfKind(sub(prop, "vmSize"), o.vmSize, "string", "'Standard_D4ds_v5'"),
    zoneStrings(sub(prop, "zones"), o.zones),
    optionalOfKind(sub(prop, "taints"), o.taints, "array", "['sku=gpu:NoSchedule']"),
    isToken(o.labels) ? undefined : optionalOfKind(sub(prop, "labels"), o.labels, "object", "{ workload: 'batch' }"),
    isToken(o.tags) ? undefined : optionalOfKind(sub(prop, "tags"), o.tags, "object", "{ team: 'payments' }"),
    optionalOfKind(sub(prop, "rotationPoolName"), o.rotationPoolName, "string", "'appstmp'"),
    ...(["minCount", "maxCount", "maxPods", "osDiskSizeGiB", "drainTimeoutInMinutes"] as const).map((key) =>
      o[key] === undefined || typeof o[key] === "number" ? undefined : `${sub(prop, key)} must be a number; got ${describe(o[key])}.`,
    ),
    o.maxSurge === undefined || typeof o.maxSurge === "string" ? undefined : `${sub(prop, "maxSurge")} must be a string such as '33%' or '1'; got ${describe(o.maxSurge)}.`,
  ];
}

/** The rules every node pool obeys. `prop` is the prop path the pool came from. @internal */
export function nodePoolVerdicts(prop: string, pool: ResolvedNodePool, minimumNodes: number, poolTags?: Readonly<Record<string, string>>): Verdict[] {
  return [
    vmSize(sub(prop, "vmSize"), pool.vmSize, pool.osDiskType, sub(prop, "osDiskType")),
    oneOf(sub(prop, "osDiskType"), pool.osDiskType, OS_DISK_TYPES),
    nodeOsSku(sub(prop, "osSku"), pool.osSku),
    nodeLabels(sub(prop, "labels"), pool.labels),
    tags(sub(prop, "tags"), poolTags),
    integerBetween(sub(prop, "minCount"), pool.minCount, minimumNodes, 1000, minimumNodes > 0 ? "a system pool needs at least one node" : "AKS's autoscaler bounds"),
    integerBetween(sub(prop, "maxCount"), pool.maxCount, Math.max(1, minimumNodes), 1000, "AKS's autoscaler bounds"),
    minNotAboveMax(sub(prop, "minCount"), pool.minCount, sub(prop, "maxCount"), pool.maxCount),
    availabilityZones(sub(prop, "zones"), pool.zones),
    integerBetween(sub(prop, "maxPods"), pool.maxPods, 10, 250, "the range Azure CNI accepts per node"),
    integerBetween(sub(prop, "osDiskSizeGiB"), pool.osDiskSizeGiB, 30, 2048, "the OS disk sizes AKS accepts"),
    integerBetween(sub(prop, "drainTimeoutInMinutes"), pool.drainTimeoutInMinutes, 1, 1440, "AKS's drain timeout range"),
    maxSurgeVerdict(sub(prop, "maxSurge"), pool.maxSurge),
  ];
}

/** A prop path under `prop`; `prop` is empty for a construct's own props. @internal */
export function sub(prop: string, key: string): string {
  return prop === "" ? key : `${prop}.${key}`;
}

/** Taints: only on user pools (the system pool carries AKS's own). @internal */
export function taintVerdicts(prop: string, taints: readonly string[] | undefined): Verdict[] {
  if (taints === undefined || isToken(taints)) return [];
  return taints.map((t, i) => taint(`${prop}[${i}]`, t));
}

function maxSurgeVerdict(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  const percent = /^(\d+)%$/.exec(value);
  if (percent && Number(percent[1]) >= 1 && Number(percent[1]) <= 100) return undefined;
  if (/^[1-9]\d*$/.test(value)) return undefined;
  return `${prop} must be a node count ('1') or a percentage from 1% to 100% ('33%'); got '${value}'.`;
}

/**
 * A name for the temporary pool AKS creates while rotating a pool (VM size, zones and
 * other changes that would otherwise replace it): the pool's name with a `tmp` suffix,
 * cut to Azure's 12 characters. Undefined for a token name, which must not be sliced: such
 * a pool needs an explicit `rotationPoolName`.
 *
 * @internal
 */
export function rotationName(poolName: string): string | undefined {
  return isToken(poolName) ? undefined : `${poolName.slice(0, 9)}tmp`;
}

/**
 * The pool's rotation name: the explicit one, else the derived one. A token pool name with
 * no explicit rotation name is a verdict: the library cannot derive one from it.
 *
 * @internal
 */
export function poolRotationName(prop: string, namePath: string, name: string, explicit: string | undefined): { name?: string; verdicts: Verdict[] } {
  if (explicit !== undefined) {
    return {
      name: explicit,
      verdicts: [
        nodePoolName(sub(prop, "rotationPoolName"), explicit),
        !isToken(explicit) && !isToken(name) && explicit === name
          ? `${sub(prop, "rotationPoolName")} must differ from the pool's own name '${name}': AKS creates the temporary pool next to it. Pick another name.`
          : undefined,
      ],
    };
  }
  const derived = rotationName(name);
  if (derived === undefined) {
    return {
      verdicts: [
        `${namePath} is a token (known only when Terraform runs), so the library cannot derive the name of the pool's rotation pool from it; got ${describe(name)}. Set ${sub(prop, "rotationPoolName")} to a literal name (1-12 lowercase letters or digits), e.g. 'rotatetmp'.`,
      ],
    };
  }
  if (derived === name) {
    return {
      name: derived,
      verdicts: [`${namePath} '${name}' is its own derived rotation name (its first 9 characters and 'tmp'), so AKS could not create the temporary pool next to it. Set ${sub(prop, "rotationPoolName")} to another name, e.g. 'rotatetmp'.`],
    };
  }
  return { name: derived, verdicts: [nodePoolName(`${prop || "the pool's"} rotation name (derived from the pool's name; set ${sub(prop, "rotationPoolName")} to choose another)`, derived)] };
}
