// Address plan rules: what AKS, Azure and the library's own layout demand of the ranges a
// user declares (VNet address spaces, subnets, the Kubernetes service and pod ranges), and
// how the ranges of one platform (spoke, hub, other environments) must relate. Pure functions
// returning verdicts, so every rule is tested directly; the constructs call them with the
// prop paths the user wrote. Unresolved tokens are never checked.
import { isIPv6 } from "node:net";
import { Fn } from "../private/cdktf";
import {
  contains,
  containsAddress,
  findOverlap,
  formatIpv4Address,
  overlaps,
  parseAddressRange,
  parseIpv4Address,
  parseIpv4Cidr,
  type Ipv4Block,
} from "../private/cidr";
import { describe, isToken, required, type Verdict } from "../private/validate";
import { resolveNodePool, type NodePoolOptions } from "../cluster/node-pool-options";
import { DEFAULT_USER_POOL_MAX_COUNT } from "../cluster/node-pool";
import type { IClusterNetwork, SubnetPlacement, SubnetRole } from "./cluster-network";

/**
 * Ranges AKS refuses for the service range, the pod range and the cluster's virtual network
 * ("AKS CNI networking prerequisites", articles/aks/concepts-network-cni-overview.md in
 * MicrosoftDocs/azure-aks-docs: "AKS rejects pod CIDRs that overlap a reserved range").
 */
export const AKS_RESERVED_RANGES: readonly string[] = ["169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"];

/**
 * Largest Kubernetes service range AKS accepts, as a prefix length: "It must be smaller than
 * `/12`" (articles/aks/concepts-network-azure-cni-overlay.md, "Kubernetes service address
 * range"; the same rule in articles/aks/concepts-network-ip-address-planning.md).
 */
export const SERVICE_CIDR_LARGEST_PREFIX = 13;

/**
 * Smallest subnet API Server VNet Integration accepts, as a prefix length: "The minimum
 * supported API server subnet size is `/28`" (articles/aks/api-server-vnet-integration.md).
 */
export const API_SERVER_SUBNET_MAX_PREFIX = 28;

/**
 * Addresses Azure keeps in every subnet: the first four and the last
 * (articles/aks/concepts-network-azure-cni-overlay.md, "Cluster nodes").
 */
export const AZURE_RESERVED_ADDRESSES_PER_SUBNET = 5;

/**
 * The block Azure CNI Overlay gives each node from the pod range, as a prefix length: "The
 * `/24` size that Azure CNI Overlay assigns is fixed" (concepts-network-azure-cni-overlay.md, "Pods").
 */
export const OVERLAY_NODE_POD_PREFIX = 24;

/** AKS's own default Kubernetes service range, which the cluster uses unless told otherwise. */
export const DEFAULT_SERVICE_CIDR = "10.0.0.0/16";

/** AKS's own default overlay pod range, which the cluster uses unless told otherwise. */
export const DEFAULT_POD_CIDR = "10.244.0.0/16";

/** A prop and the value the user gave it (or the default the library applies). */
export interface NamedRange {
  /** How a message names the range: the prop path the user wrote, e.g. `addressPlan.hub`. */
  readonly prop: string;
  /** The range, a CIDR or a token. */
  readonly value: string;
  /**
   * Whether the value is the library's default, which the user never set: messages say so.
   *
   * @default false
   */
  readonly isDefault?: boolean;
}

/** A named range as a message shows it: `podCidr '10.244.0.0/16' (the default)`. */
export function shown(range: NamedRange): string {
  return `${range.prop} '${range.value}'${range.isDefault ? " (the default)" : ""}`;
}

/** The node counts one pool can reach, for sizing the ranges its nodes draw from. */
export interface PoolDemand {
  /** The prop path of the pool, e.g. `userPools.apps` or `systemPool`. */
  readonly prop: string;
  /** The autoscaler's maximum. */
  readonly maxCount: number;
  /** The pool's max surge: a count (`'1'`) or a percentage of the pool (`'33%'`). */
  readonly maxSurge: string;
}

/**
 * An IPv4 CIDR with no host bits set, and a message that says why when it is not: IPv6 is
 * refused as such (the library builds single-stack IPv4 clusters and networks), host bits
 * set get the network address to use instead.
 */
export function ipv4CidrOnly(prop: string, value: unknown, example = "10.240.0.0/16"): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "string") return `${prop} must be an IPv4 CIDR such as '${example}'; got ${describe(value)}.`;
  if (parseIpv4Cidr(value)) return undefined;
  const range = parseAddressRange(value);
  if (range?.version === 6 || isIPv6(value.split("/")[0])) {
    return `${prop} must be an IPv4 CIDR: the library supports IPv4 only (single-stack IPv4 networks and clusters); got the IPv6 range '${value}'. Use an IPv4 range such as '${example}'.`;
  }
  if (range?.version === 4 && value.includes("/")) {
    const network = `${formatIpv4Address(Number(range.first))}/${value.split("/")[1]}`;
    return `${prop} must be an IPv4 CIDR with no host bits set; got '${value}'. Did you mean '${network}'?`;
  }
  return `${prop} must be an IPv4 CIDR with no host bits set, such as '${example}'; got '${value}'.`;
}

/** An IPv4 address, with IPv6 refused as such. */
export function ipv4AddressOnly(prop: string, value: unknown, example: string): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value === "string" && parseIpv4Address(value) !== undefined) return undefined;
  if (typeof value === "string" && isIPv6(value)) {
    return `${prop} must be an IPv4 address: the library supports IPv4 only; got the IPv6 address '${value}'. Use an IPv4 address such as '${example}'.`;
  }
  return `${prop} must be an IPv4 address such as '${example}'; got ${describe(value)}.`;
}

/**
 * A range clear of {@link AKS_RESERVED_RANGES}. `what` says what the range is ("the service
 * range"); AKS refuses all three kinds alike.
 */
export function outsideReservedRanges(prop: string, value: string | undefined, what: string): Verdict {
  const block = literalBlock(value);
  if (!block) return undefined;
  const reserved = AKS_RESERVED_RANGES.find((r) => overlaps(block, parseIpv4Cidr(r)!));
  if (reserved === undefined) return undefined;
  return `${prop} '${value}' overlaps '${reserved}', which AKS reserves: AKS refuses ${what} that touches ${AKS_RESERVED_RANGES.join(", ")}. Pick a range outside them (a private range such as '10.0.0.0/16').`;
}

/** The Kubernetes service range: IPv4, smaller than a /12, clear of the reserved ranges. */
export function serviceCidrVerdicts(prop: string, value: string | undefined): Verdict[] {
  const shape = ipv4CidrOnly(prop, value, "10.0.0.0/16");
  if (shape) return [shape];
  const block = literalBlock(value);
  return [
    block && block.prefix < SERVICE_CIDR_LARGEST_PREFIX
      ? `${prop} must be smaller than a /12 (AKS's limit for the Kubernetes service range); got '${value}' (${block.size.toLocaleString("en-US")} addresses). Use a /${SERVICE_CIDR_LARGEST_PREFIX} or smaller: a /16 holds 65,536 services.`
      : undefined,
    outsideReservedRanges(prop, value, "a service range"),
  ];
}

/** The overlay pod range: IPv4, clear of the reserved ranges, at least one node's /24. */
export function podCidrVerdicts(prop: string, value: string | undefined): Verdict[] {
  const shape = ipv4CidrOnly(prop, value, "10.244.0.0/16");
  if (shape) return [shape];
  const block = literalBlock(value);
  return [
    block && block.prefix > OVERLAY_NODE_POD_PREFIX
      ? `${prop} must be a /${OVERLAY_NODE_POD_PREFIX} or larger: Azure CNI Overlay gives each node a /${OVERLAY_NODE_POD_PREFIX} of it; got '${value}'. Use e.g. '10.244.0.0/16' (256 nodes).`
      : undefined,
    outsideReservedRanges(prop, value, "a pod range"),
  ];
}

/**
 * The cluster DNS service address. Given: an IPv4 address inside the service range, not its
 * network, broadcast or first address. Not given: the library derives the .10 address, so
 * the service range must have one. azurerm 4.55 refuses `service_cidr` without
 * `dns_service_ip` ("should all be empty or both should be set",
 * internal/services/containers/kubernetes_cluster_validate.go:validateKubernetesCluster).
 *
 * @param service the service range, as messages name it
 */
export function dnsServiceIpVerdict(prop: string, value: string | undefined, service: NamedRange): Verdict {
  const block = literalBlock(service.value);
  if (value === undefined) {
    if (!block || block.size >= 16) return undefined;
    return `${shown(service)} has no .10 address, which the library gives the cluster DNS service when dnsServiceIp is not set (AKS needs both). Give serviceCidr a /28 or larger, or set dnsServiceIp to an address inside it.`;
  }
  if (isToken(value)) return undefined;
  const shape = ipv4AddressOnly(prop, value, block ? formatIpv4Address(block.start + 10) : "10.0.0.10");
  if (shape || !block) return shape;
  const address = parseIpv4Address(value)!;
  if (!containsAddress(block, address)) {
    const conventional = `conventionally the .10 address${block.size >= 16 ? `, '${formatIpv4Address(block.start + 10)}'` : ""}`;
    return service.isDefault
      ? `${prop} must lie inside ${service.prop} '${service.value}'; got '${value}'. ${service.prop} is not set, so its default applies: pick an address in it (${conventional}), or set ${service.prop} to the range ${prop} belongs to.`
      : `${prop} must lie inside ${service.prop} '${service.value}'; got '${value}'. Pick an address in that range (${conventional}).`;
  }
  if (address === block.start || address === block.start + block.size - 1) {
    return `${prop} must not be the network or broadcast address of ${shown(service)}; got '${value}'.`;
  }
  if (address === block.start + 1) {
    return `${prop} must not be the first address of ${shown(service)} (Kubernetes gives it to the kubernetes.default service); got '${value}'. Use the .10 address.`;
  }
  return undefined;
}

/**
 * The DNS service address the library uses when none is given: the .10 address of the
 * service range. For a range from a Terraform variable or attribute, Terraform's
 * `cidrhost(range, 10)`, so the synthesized network profile always carries both (azurerm
 * refuses one without the other). Undefined for a literal range too small to have a .10.
 */
export function derivedDnsServiceIp(serviceCidr: string): string | undefined {
  if (isToken(serviceCidr)) return Fn.cidrhost(serviceCidr, 10);
  const block = parseIpv4Cidr(serviceCidr);
  return block && block.size >= 16 ? formatIpv4Address(block.start + 10) : undefined;
}

/**
 * Extra nodes a pool adds while it upgrades, at its largest: a count as given, a percentage
 * of `maxCount` rounded up, at least one ("a minimum of one additional node for upgrade
 * operations", articles/aks/concepts-network-ip-address-planning.md). Zero for a surge
 * that does not parse: its own rule reports it.
 */
export function surgeNodes(maxCount: number, maxSurge: string): number {
  if (isToken(maxSurge) || typeof maxSurge !== "string") return 1;
  const percent = /^(\d+)%$/.exec(maxSurge);
  if (percent) return Math.max(1, Math.ceil((maxCount * Number(percent[1])) / 100));
  return /^\d+$/.test(maxSurge) ? Math.max(1, Number(maxSurge)) : 0;
}

/** The autoscaler's largest max count, which the pools' own rules enforce. */
const MAX_POOL_NODES = 1000;

/** The most nodes pools can run at once: each at its max count plus its surge. */
function peakNodes(pools: readonly PoolDemand[]): { total: number; parts: string[] } | undefined {
  // A count that breaks the pool's own rule (a whole number up to 1,000) is that rule's to report.
  if (pools.some((p) => isToken(p.maxCount) || !Number.isInteger(p.maxCount) || p.maxCount < 0 || p.maxCount > MAX_POOL_NODES)) return undefined;
  const parts = pools.map((p) => `${p.prop} ${p.maxCount} + ${surgeNodes(p.maxCount, p.maxSurge)} surge`);
  return { total: pools.reduce((sum, p) => sum + p.maxCount + surgeNodes(p.maxCount, p.maxSurge), 0), parts };
}

/** The longest prefix whose block holds `count` units of 2^(32-unitPrefix) addresses. */
function prefixHolding(count: number, unitPrefix: number): number {
  return unitPrefix - Math.ceil(Math.log2(Math.max(1, count)));
}

/**
 * A node subnet holds its pools at their peak. The library runs Azure CNI Overlay
 * (`network_plugin_mode = "overlay"` in the cluster's network profile), so a node takes one
 * subnet address and its pods none: the subnet needs the nodes at max count plus surge,
 * plus the five addresses Azure keeps. (Flat Azure CNI would need nodes × (maxPods + 1).)
 *
 * @param subnet how messages name the subnet, e.g. "the network's user nodes subnet"
 * @param fix how the user gives the subnet more room
 */
export function nodeSubnetHoldsPools(subnet: string, cidr: string | undefined, pools: readonly PoolDemand[], fix: string): Verdict {
  const block = literalBlock(cidr);
  const peak = peakNodes(pools);
  if (!block || !peak || pools.length === 0) return undefined;
  const usable = block.size - AZURE_RESERVED_ADDRESSES_PER_SUBNET;
  if (peak.total <= usable) return undefined;
  const needed = prefixHolding(peak.total + AZURE_RESERVED_ADDRESSES_PER_SUBNET, 32);
  return `${subnet} '${cidr}' holds ${Math.max(0, usable)} nodes (${block.size} addresses less the ${AZURE_RESERVED_ADDRESSES_PER_SUBNET} Azure keeps), but its pools reach ${peak.total} nodes during an upgrade (${peak.parts.join(", ")}; each node takes one address under Azure CNI Overlay). ${fix.replace("{prefix}", `/${needed}`)}, or lower the pools' maxCount or maxSurge.`;
}

/**
 * The overlay pod range has a /24 for every node the pools can run at once (max count plus
 * surge, over every pool of the cluster).
 */
export function podCidrHoldsPools(pod: NamedRange, pools: readonly PoolDemand[]): Verdict {
  const block = literalBlock(pod.value);
  const peak = peakNodes(pools);
  if (!block || !peak || block.prefix > OVERLAY_NODE_POD_PREFIX) return undefined;
  const blocks = 2 ** (OVERLAY_NODE_POD_PREFIX - block.prefix);
  if (peak.total <= blocks) return undefined;
  return `${shown(pod)} has room for ${blocks} nodes (Azure CNI Overlay gives each node a /${OVERLAY_NODE_POD_PREFIX} of it), but the pools reach ${peak.total} nodes during an upgrade (${peak.parts.join(", ")}). Give ${pod.prop} a /${prefixHolding(peak.total, OVERLAY_NODE_POD_PREFIX)} or larger, or lower the pools' maxCount or maxSurge.`;
}

/**
 * The service and pod ranges overlap neither each other nor any network the cluster's
 * traffic can reach: its own VNet, the hub, peered networks. Pods and services that share
 * addresses with a reachable network cut it off (overlay pods SNAT only outside the pod range).
 */
export function clusterRangesApart(cluster: readonly NamedRange[], networks: readonly NamedRange[]): Verdict {
  const named = (ranges: readonly NamedRange[]) =>
    ranges.flatMap((r) => {
      const block = literalBlock(r.value);
      return block ? [{ name: shown(r), block }] : [];
    });
  const own = named(cluster);
  const others = named(networks);
  const pair = findOverlap(own) ?? own.flatMap((c) => others.filter((n) => overlaps(c.block, n.block)).map((n): [string, string] => [c.name, n.name]))[0];
  if (!pair) return undefined;
  const taken = [...own, ...others].map((r) => r.block);
  const suggestion = FREE_RANGE_CANDIDATES.find((c) => !taken.some((t) => overlaps(t, parseIpv4Cidr(c)!)));
  return `${pair[0]} overlaps ${pair[1]}: the Kubernetes service and pod ranges must not overlap each other, the cluster's network, the hub or any peered network. Pick ranges outside them${suggestion ? ` (e.g. '${suggestion}' is free)` : ""}.`;
}

/** Private ranges the overlap message suggests when one is free. */
const FREE_RANGE_CANDIDATES = ["10.0.0.0/16", "10.244.0.0/16", "172.16.0.0/16", "172.20.0.0/16", "192.168.0.0/16", "100.64.0.0/16"];

/**
 * Named ranges that must not share addresses (the networks peered together), identical
 * entries of `shared` props excepted: two environments naming the same hub range mean one
 * shared hub.
 */
export function rangesApart(ranges: readonly NamedRange[], fix: string, shared: (a: NamedRange, b: NamedRange) => boolean = () => false): Verdict {
  const literal = ranges.flatMap((r) => {
    const block = literalBlock(r.value);
    return block ? [{ range: r, block }] : [];
  });
  for (let i = 0; i < literal.length; i++) {
    for (let j = i + 1; j < literal.length; j++) {
      const [a, b] = [literal[i], literal[j]];
      if (!overlaps(a.block, b.block)) continue;
      if (a.range.value === b.range.value && shared(a.range, b.range)) continue;
      return `${shown(a.range)} overlaps ${shown(b.range)}: ${fix}`;
    }
  }
  return undefined;
}

/**
 * The smallest address space (as a prefix length) that holds subnets of the given prefix
 * lengths carved largest first: the sum of their sizes, rounded up to a power of two.
 */
export function smallestSpaceFor(prefixes: readonly number[]): number {
  const total = prefixes.reduce((sum, p) => sum + 2 ** (32 - p), 0);
  return 32 - Math.ceil(Math.log2(Math.max(1, total)));
}

/** Whether an API server subnet is large enough for VNet integration. */
export function apiServerSubnetSize(prop: string, prefix: number | undefined, shown: string): Verdict {
  if (prefix === undefined || isToken(prefix) || prefix <= API_SERVER_SUBNET_MAX_PREFIX) return undefined;
  return `${prop} must be a /${API_SERVER_SUBNET_MAX_PREFIX} or larger: API Server VNet Integration needs a delegated subnet of at least /${API_SERVER_SUBNET_MAX_PREFIX} (Microsoft's minimum); got ${shown}.`;
}

/** Whether `inner` lies inside `outer`, both literal CIDRs (undefined when either is not). */
export function isInside(inner: string, outer: string): boolean | undefined {
  const a = literalBlock(inner);
  const b = literalBlock(outer);
  return a && b ? contains(b, a) : undefined;
}

/** The block of a literal IPv4 CIDR; undefined for tokens and for what does not parse. */
export function literalBlock(value: string | undefined): Ipv4Block | undefined {
  return value === undefined || isToken(value) || typeof value !== "string" ? undefined : parseIpv4Cidr(value);
}

/** The cluster's own ranges as the user set them, and as the defaults resolved them. */
export interface ClusterRanges {
  /** `serviceCidr` as given. */
  readonly serviceCidr?: string;
  /** `podCidr` as given. */
  readonly podCidr?: string;
  /** `dnsServiceIp` as given. */
  readonly dnsServiceIp?: string;
}

/** A cluster range as the user set it, or its default. */
function clusterRange(prop: string, given: string | undefined, resolved: string): NamedRange {
  return { prop, value: resolved, isDefault: given === undefined };
}

/**
 * The cluster's service range, pod range and DNS service address, each on its own.
 *
 * @param given the props as the user set them
 * @param resolved the ranges with the defaults applied
 */
export function clusterRangeVerdicts(given: ClusterRanges, resolved: { readonly serviceCidr: string; readonly podCidr: string }): Verdict[] {
  return [
    ...serviceCidrVerdicts("serviceCidr", resolved.serviceCidr),
    ...podCidrVerdicts("podCidr", resolved.podCidr),
    dnsServiceIpVerdict("dnsServiceIp", given.dnsServiceIp, clusterRange("serviceCidr", given.serviceCidr, resolved.serviceCidr)),
  ];
}

/** What {@link clusterAddressPlanVerdicts} checks: the cluster's ranges against its network and pools. */
export interface ClusterAddressPlan {
  /** The ranges as the user set them. */
  readonly given: ClusterRanges;
  /** The service and pod ranges with the defaults applied. */
  readonly serviceCidr: string;
  /** The pod range with the default applied. */
  readonly podCidr: string;
  /** The cluster's network: its address spaces and, when known, its subnets' ranges. */
  readonly network: Pick<IClusterNetwork, "addressSpaces" | "subnetCidrs" | "systemNodesSubnetId" | "userNodesSubnetId">;
  /** The system pool's peak. */
  readonly systemPool: PoolDemand;
  /** The user pools as given, by name (their defaults are applied here). */
  readonly userPools?: Readonly<Record<string, NodePoolOptions>>;
}

/** The demand of user pools as the user gave them, with the pool defaults applied. */
export function userPoolDemands(userPools: Readonly<Record<string, NodePoolOptions>> | undefined, prefix = "userPools"): PoolDemand[] {
  if (userPools === undefined || userPools === null || typeof userPools !== "object" || isToken(userPools)) return [];
  return Object.entries(userPools).map(([name, options]) => {
    const pool = resolveNodePool(options ?? ({} as NodePoolOptions), DEFAULT_USER_POOL_MAX_COUNT);
    return { prop: `${prefix}.${name}`, maxCount: pool.maxCount, maxSurge: pool.maxSurge };
  });
}

/**
 * The cluster's ranges together: service and pod ranges apart from each other and from the
 * network's address spaces, the pod range holding a /24 per node, the node subnets holding
 * their pools (when the network knows their ranges).
 */
export function clusterAddressPlanVerdicts(plan: ClusterAddressPlan): Verdict[] {
  const users = userPoolDemands(plan.userPools);
  const cidrs = plan.network.subnetCidrs ?? {};
  const shared = !isToken(plan.network.systemNodesSubnetId) && plan.network.systemNodesSubnetId === plan.network.userNodesSubnetId;
  const spaces = isToken(plan.network.addressSpaces) ? [] : plan.network.addressSpaces;
  const fix = (role: SubnetRole) => `Give it a {prefix} or larger (subnets.${role}.prefixLength or subnets.${role}.cidr of the network)`;
  return [
    clusterRangesApart(
      [
        clusterRange("serviceCidr", plan.given.serviceCidr, plan.serviceCidr),
        clusterRange("podCidr", plan.given.podCidr, plan.podCidr),
      ],
      spaces.map((space) => ({ prop: "the network's address space", value: space })),
    ),
    podCidrHoldsPools(clusterRange("podCidr", plan.given.podCidr, plan.podCidr), [plan.systemPool, ...users]),
    ...(shared
      ? [nodeSubnetHoldsPools("the network's node subnet (shared by the system and user pools)", cidrs.systemNodes, [plan.systemPool, ...users], fix("systemNodes"))]
      : [
          nodeSubnetHoldsPools("the network's system nodes subnet", cidrs.systemNodes, [plan.systemPool], fix("systemNodes")),
          nodeSubnetHoldsPools("the network's user nodes subnet", cidrs.userNodes, users, fix("userNodes")),
        ]),
  ];
}

/**
 * Whether a network's subnet layout fits its address space, naming the address space as the
 * user set it (`addressSpace`, `addressPlan.spoke`): the layout's own checks report the
 * subnets, this one only "the space is too small", with the smallest space that fits.
 *
 * @param carved the prefix lengths carved from the space by role, and whether each is the default
 */
export function addressSpaceFitsLayout(
  prop: string,
  addressSpace: string,
  carved: ReadonlyArray<{ readonly role: SubnetRole; readonly prefix: number; readonly isDefault: boolean }>,
  explicitCount: number,
): string {
  const list = carved.map((c) => `${c.role} /${c.prefix}${c.isDefault ? " (default)" : ""}`).join(", ");
  const smallest = smallestSpaceFor(carved.map((c) => c.prefix));
  const fix =
    explicitCount === 0
      ? `Give ${prop} a /${smallest} or larger`
      : `Give ${prop} more room than a /${smallest} beside the explicit CIDRs, or move them`;
  return `${prop} '${addressSpace}' is too small for the subnet layout (${list}${explicitCount ? `, beside ${explicitCount} explicit CIDR${explicitCount > 1 ? "s" : ""}` : ""}). ${fix}, or carve smaller subnets through subnets.<role>.prefixLength.`;
}

/** A platform's address plan as {@link platformAddressPlanVerdicts} reads it. */
export interface PlatformAddressPlanInput {
  /** `addressPlan` as given (may be missing or malformed for JavaScript callers). */
  readonly addressPlan: { readonly spoke: string; readonly hub?: string } | undefined;
  /** Whether the platform creates the spoke network (false with `network.existing`). */
  readonly createsSpoke: boolean;
  /** The spoke network's subnet overrides, when the platform creates the spoke. */
  readonly subnets?: Partial<Record<SubnetRole, SubnetPlacement>>;
  /** The cluster's props as given (`cluster.serviceCidr`, `cluster.podCidr`). */
  readonly cluster?: ClusterRanges;
}

/**
 * A platform's ranges: the spoke and hub each IPv4, the spoke clear of AKS's reserved
 * ranges, the two apart, and the cluster's service and pod ranges apart from both, named as
 * the platform's props (the cluster checks them against its network again, under its own).
 */
export function platformAddressPlanVerdicts(input: PlatformAddressPlanInput): Verdict[] {
  const plan = input.addressPlan;
  const shape = required("addressPlan", plan, "object", "{ spoke: '10.240.0.0/16', hub: '10.200.0.0/24' }");
  if (shape) return [shape];
  const spoke =
    required("addressPlan.spoke", plan!.spoke, "string", "'10.240.0.0/16'") ??
    (input.createsSpoke && isToken(plan!.spoke)
      ? "addressPlan.spoke must be known at synth time (a literal CIDR such as '10.240.0.0/16'): the spoke's subnets are carved from it."
      : undefined) ??
    ipv4CidrOnly("addressPlan.spoke", plan!.spoke);
  const hub = ipv4CidrOnly("addressPlan.hub", plan!.hub, "10.200.0.0/24");
  if (spoke || hub) return [spoke, hub];
  const given = input.cluster ?? {};
  const cluster = (prop: string, value: string | undefined, fallback: string) => clusterRange(`cluster.${prop}`, value, value ?? fallback);
  return [
    outsideReservedRanges("addressPlan.spoke", plan!.spoke, "a cluster virtual network range"),
    rangesApart(
      [{ prop: "addressPlan.spoke", value: plan!.spoke }, ...(plan!.hub === undefined ? [] : [{ prop: "addressPlan.hub", value: plan!.hub }])],
      "the spoke and the hub are peered, so they need distinct ranges. Give the hub a range outside the spoke (e.g. '10.200.0.0/24').",
    ),
    // Against the spoke too, so a spoke that takes a default range (10.0.0.0/16 is the
    // default service range) is named as the platform's props, not the cluster's.
    clusterRangesApart(
      [cluster("serviceCidr", given.serviceCidr, DEFAULT_SERVICE_CIDR), cluster("podCidr", given.podCidr, DEFAULT_POD_CIDR)],
      [{ prop: "addressPlan.spoke", value: plan!.spoke }, ...(plan!.hub === undefined ? [] : [{ prop: "addressPlan.hub", value: plan!.hub }])],
    ),
  ];
}

/** One environment's address plan, with its position and name, for the environments' checks. */
export interface EnvironmentAddressPlan {
  /** The environment's name. */
  readonly name: string;
  /** `addressPlan` as given. */
  readonly addressPlan: { readonly spoke: string; readonly hub?: string } | undefined;
}

/**
 * Every environment's spoke and hub: IPv4, the spoke clear of AKS's reserved ranges, spoke
 * and hub apart, and (when the environments are peered) no range of one environment
 * overlapping another's. Environments that give the very same hub range share one hub,
 * which is no overlap. Props are named `environments[<i>].addressPlan.<field>`.
 */
export function environmentAddressPlanVerdicts(environments: readonly EnvironmentAddressPlan[], peered: boolean): Verdict[] {
  const verdicts: Verdict[] = [];
  const ranges: (NamedRange & { readonly hub: boolean })[] = [];
  for (const [i, env] of environments.entries()) {
    const at = `environments[${i}].addressPlan`;
    const shape = required(at, env.addressPlan, "object", "{ spoke: '10.240.0.0/16', hub: '10.200.0.0/24' }");
    if (shape) return [shape];
    const plan = env.addressPlan!;
    const spoke = required(`${at}.spoke`, plan.spoke, "string", "'10.240.0.0/16'") ?? ipv4CidrOnly(`${at}.spoke`, plan.spoke);
    const hub = ipv4CidrOnly(`${at}.hub`, plan.hub, "10.200.0.0/24");
    if (spoke || hub) return [spoke, hub];
    verdicts.push(
      outsideReservedRanges(`${at}.spoke`, plan.spoke, "a cluster virtual network range"),
      rangesApart(
        [{ prop: `${at}.spoke`, value: plan.spoke }, ...(plan.hub === undefined ? [] : [{ prop: `${at}.hub`, value: plan.hub }])],
        `in environment '${env.name}' the spoke and the hub are peered, so they need distinct ranges. Give the hub a range outside the spoke.`,
      ),
    );
    ranges.push({ prop: `${at}.spoke`, value: plan.spoke, hub: false });
    if (plan.hub !== undefined) ranges.push({ prop: `${at}.hub`, value: plan.hub, hub: true });
  }
  if (peered) {
    const names = environments.map((env) => `'${env.name}'`).join(", ");
    verdicts.push(
      rangesApart(
        ranges,
        `peered environments (${names}) need distinct ranges: give each environment its own (e.g. '10.240.0.0/16' for dev, '10.241.0.0/16' for stage), give environments that share one hub the same hub range, or set peered: false if they are never connected.`,
        (a, b) => ranges.find((r) => r.prop === a.prop)?.hub === true && ranges.find((r) => r.prop === b.prop)?.hub === true,
      ),
    );
  }
  return verdicts;
}
