import { INSTANCE_METADATA_CIDR } from "./validate";

export { INSTANCE_METADATA_CIDR, RESERVED_NAMESPACES } from "./validate";

/** A port a network policy rule opens. */
export interface NetworkPort {
  /** A port number (1-65535) or a named container port. */
  readonly port: number | string;
  /**
   * The protocol.
   *
   * @default "TCP"
   */
  readonly protocol?: "TCP" | "UDP" | "SCTP";
  /**
   * The last port of a range that starts at `port` (numeric ports only).
   *
   * @default - the single port
   */
  readonly endPort?: number;
}

/** Traffic to or from pods of a namespace (and, optionally, only pods with given labels). */
export interface NamespacePeer {
  /** Namespace name. Use the namespace's own name for traffic inside it. */
  readonly namespace: string;
  /**
   * Labels the peer pods carry.
   *
   * @default - every pod of the namespace
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Ports the rule opens (on the destination pods).
   *
   * @default - every port
   */
  readonly ports?: readonly NetworkPort[];
}

/** Traffic to or from an IPv4 range. */
export interface CidrPeer {
  /** An IPv4 CIDR with no host bits set. */
  readonly cidr: string;
  /**
   * Ranges inside `cidr` the rule does not cover. An egress range that contains the
   * instance metadata address 169.254.169.254 must list it (or a range around it).
   *
   * @default []
   */
  readonly except?: readonly string[];
  /** Ports the rule opens: at least one, so a range is never opened on every port. */
  readonly ports: readonly NetworkPort[];
}

/**
 * Traffic to hosts outside the cluster, by name: a Cilium FQDN policy (`toFQDNs`). Cilium
 * learns the addresses from the pods' own DNS answers, so the rule follows a name whose
 * addresses change (a SaaS API, a CDN), which an IP range cannot.
 */
export interface FqdnPeer {
  /**
   * Host names (`api.github.com`), or one domain's direct subdomains (`*.example.com`, one
   * label, as Cilium matches it). No catch-all: not `*`, nor a wildcard over a public
   * suffix (`*.com`, `*.blob.core.windows.net`), nor a cluster-internal name or an address.
   */
  readonly fqdns: readonly string[];
  /** Ports the rule opens, numeric: at least one, so a host is never opened on every port. */
  readonly ports: readonly NetworkPort[];
}

/** What a namespace may receive traffic from, beyond its default deny. */
export type IngressAllowRule = NamespacePeer | CidrPeer;
/** Where a namespace may send traffic to, beyond its default deny and DNS. */
export type EgressAllowRule = NamespacePeer | CidrPeer | FqdnPeer;

/** Typed egress rules for `SecureNamespace.allowEgressTo`. */
export class EgressAllow {
  /** Pods of a namespace (optionally only those with `podLabels`) on the given ports. */
  public static toNamespace(namespace: string, options: Omit<NamespacePeer, "namespace"> = {}): NamespacePeer {
    return { namespace, ...options };
  }

  /** An IPv4 range on the given ports. */
  public static toCidr(cidr: string, ports: readonly NetworkPort[], except: readonly string[] = []): CidrPeer {
    return { cidr, except, ports };
  }

  /**
   * Anywhere (0.0.0.0/0) on the given ports, except the instance metadata endpoint. With
   * the cluster's egress through Azure Firewall (EGR-1), the firewall still decides which
   * destinations are reachable; this only lets the pods' packets leave the namespace.
   */
  public static internet(ports: readonly NetworkPort[]): CidrPeer {
    return { cidr: "0.0.0.0/0", except: [INSTANCE_METADATA_CIDR], ports };
  }

  /**
   * Hosts outside the cluster by name, on the given ports: e.g.
   * `EgressAllow.fqdns(["api.github.com"], [{ port: 443 }])`. `SecureNamespace` writes
   * these rules as one `CiliumNetworkPolicy` (cilium.io/v2) with `toFQDNs`, next to the
   * DNS rule Cilium needs to learn the names' addresses.
   *
   * The cluster must run Advanced Container Networking Services with security on
   * (`HardenedCluster`'s default, NET-6): without it AKS blocks FQDN policies. The cluster's
   * egress firewall (EGR-1) still applies: this narrows a namespace below what the firewall
   * allows for the whole cluster, it never opens a host the firewall denies.
   *
   * @param fqdns host names, or `*.<domain>` for a domain's direct subdomains
   * @param ports the ports to open, numeric (at least one)
   */
  public static fqdns(fqdns: readonly string[], ports: readonly NetworkPort[]): FqdnPeer {
    return { fqdns, ports };
  }
}

/** Typed ingress rules for `SecureNamespace.allowIngressFrom`. */
export class IngressAllow {
  /** Pods of a namespace (optionally only those with `podLabels`), to the given ports. */
  public static fromNamespace(namespace: string, options: Omit<NamespacePeer, "namespace"> = {}): NamespacePeer {
    return { namespace, ...options };
  }

  /** An IPv4 range (e.g. the Application Gateway subnet), to the given ports. */
  public static fromCidr(cidr: string, ports: readonly NetworkPort[], except: readonly string[] = []): CidrPeer {
    return { cidr, except, ports };
  }
}

/** Whether a rule is a CIDR rule. */
export function isCidrPeer(rule: IngressAllowRule | EgressAllowRule): rule is CidrPeer {
  return (rule as CidrPeer).cidr !== undefined;
}

/** Whether a rule is an FQDN rule. */
export function isFqdnPeer(rule: IngressAllowRule | EgressAllowRule): rule is FqdnPeer {
  return (rule as FqdnPeer).fqdns !== undefined;
}
