// Errors name the prop the user wrote. A construct the platform creates gets most of its props
// from the platform's own (`hub.firewall.tier`, `ingress.wafMode`), some from elsewhere
// (`addressPlan.hub`); its messages name them so, not as the construct's bare props.
import type { IConstruct } from "./cdktf";
import { throwIfInvalid, type Verdict } from "./validate";

/** How the props of one construct are written by whoever creates it. */
interface PropPaths {
  /** Put before a prop the user set through the parent, e.g. `hub.firewall.`. */
  readonly prefix: string;
  /** Props the parent fills from elsewhere, with the path the user wrote them at. */
  readonly props: Readonly<Record<string, string>>;
}

const PLACEMENT = { resourceGroupName: "resourceGroup.name", location: "location", tags: "tags" };

/**
 * The parts `HardenedPlatform` creates, by construct id (ids are Terraform addresses and never
 * change), and where their props come from in `HardenedPlatformProps`.
 */
const PLATFORM_PARTS: Readonly<Record<string, PropPaths>> = {
  EgressFirewall: {
    prefix: "hub.firewall.",
    props: { ...PLACEMENT, hubAddressSpace: "addressPlan.hub", sourceAddressSpaces: "addressPlan.spoke", monitoring: "monitoring" },
  },
  EgressRoute: { prefix: "", props: { ...PLACEMENT, firewallPrivateIp: "hub.existing.firewallPrivateIp" } },
  Ingress: { prefix: "ingress.", props: { ...PLACEMENT, subnetId: "network.existing.applicationGatewaySubnetId", monitoring: "monitoring" } },
  Registry: {
    prefix: "registry.",
    props: { ...PLACEMENT, privateEndpointSubnetId: "network.existing.privateEndpointsSubnetId", virtualNetworkIds: "network.existing.virtualNetworkId" },
  },
  Monitoring: { prefix: "monitoring.", props: PLACEMENT },
};

/**
 * Marks the platform (`HardenedPlatform` sets it on itself): these constructs cannot import
 * the platform, which imports them, and a class name would not survive a subclass or a
 * minifier.
 */
export const PLATFORM_MARKER: unique symbol = Symbol.for("hardened-aks.HardenedPlatform");

function pathsOf(scope: IConstruct): PropPaths | undefined {
  const parent = scope.node.scope as (IConstruct & { readonly [PLATFORM_MARKER]?: boolean }) | undefined;
  if (!parent || parent[PLATFORM_MARKER] !== true) return undefined;
  return PLATFORM_PARTS[scope.node.id];
}

/**
 * A message with its leading prop (`tier must be ...`, `allowedFqdns[0] must ...`) written as
 * the user wrote it when the construct was created by the platform; unchanged otherwise, and
 * for messages that do not start with one of the construct's props.
 */
export function asWritten(scope: IConstruct, message: string, propNames: readonly string[]): string {
  const paths = pathsOf(scope);
  if (!paths) return message;
  const match = /^([A-Za-z]\w*)(?=[\s.[']|$)/.exec(message);
  if (!match || !(propNames.includes(match[1]) || match[1] in paths.props)) return message;
  const written = paths.props[match[1]] ?? `${paths.prefix}${match[1]}`;
  return `${written}${message.slice(match[1].length)}`;
}

/**
 * `throwIfInvalid` for a construct's props: the first failed verdict, its prop named as the
 * user wrote it.
 */
export function throwIfPropsInvalid(scope: IConstruct, props: object | undefined, ...verdicts: Verdict[]): void {
  const names = typeof props === "object" && props !== null ? Object.keys(props) : [];
  throwIfInvalid(scope, ...verdicts.map((verdict) => (verdict === undefined ? undefined : asWritten(scope, verdict, names))));
}
