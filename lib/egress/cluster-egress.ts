import type { ITerraformDependable } from "../private/cdktf";
import type { EgressRoute } from "./egress-route";

/**
 * How the cluster's traffic leaves its network: a closed choice that must be made
 * explicitly. Through the firewall is the hardened path (EGR-1); the load balancer is an
 * opt-out that lets nodes and pods reach any internet address.
 */
export class ClusterEgress {
  /**
   * All egress through the firewall the route points at (`userDefinedRouting`). The cluster
   * is created only after the route is in place, and after `waitFor`: pass the hub peerings
   * (`firewall.peerWith(network)` returns them), without which nodes cannot reach the
   * firewall and fail to provision.
   */
  public static throughFirewall(route: EgressRoute, options: { readonly waitFor?: readonly ITerraformDependable[] } = {}): ClusterEgress {
    return new ClusterEgress("userDefinedRouting", [...route.dependables, ...(options.waitFor ?? [])], route.routeTableId);
  }

  /**
   * Opt-out: egress through the cluster's standard load balancer, unfiltered. For throwaway
   * clusters or while a firewall is being planned; the compliance report flags it.
   */
  public static loadBalancerUnrestricted(): ClusterEgress {
    return new ClusterEgress("loadBalancer", [], undefined);
  }

  private constructor(
    /** The cluster's `outbound_type`. */
    public readonly outboundType: "userDefinedRouting" | "loadBalancer",
    /** What the cluster must be created after. */
    public readonly dependables: readonly ITerraformDependable[],
    /** The route table, when egress goes through a firewall. */
    public readonly routeTableId: string | undefined,
  ) {}
}
