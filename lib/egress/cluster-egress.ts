import type { ITerraformDependable } from "../private/cdktf";
import type { ClusterBinding, ClusterFragment } from "../cluster/cluster-binding";
import type { EgressRoute } from "./egress-route";

type EgressBinder = (cluster: ClusterBinding) => ClusterFragment;

/**
 * How the cluster's traffic leaves its network: a closed choice that must be made
 * explicitly. Through the firewall is the hardened path (EGR-1); the load balancer is an
 * opt-out that lets nodes and pods reach any internet address. Each choice sets the
 * cluster's outbound type itself when the cluster binds it.
 */
export class ClusterEgress {
  /**
   * All egress through the firewall the route points at (`userDefinedRouting`). The cluster
   * is created only after the route is in place, and after `waitFor`: pass the hub peerings
   * (`firewall.peerWith(network)` returns them), without which nodes cannot reach the
   * firewall and fail to provision.
   */
  public static throughFirewall(route: EgressRoute, options: { readonly waitFor?: readonly ITerraformDependable[] } = {}): ClusterEgress {
    const dependables = [...route.dependables, ...(options.waitFor ?? [])];
    return new ClusterEgress("userDefinedRouting", dependables, route.routeTableId, () => ({
      networkProfile: { outboundType: "userDefinedRouting" },
      dependsOn: dependables,
    }));
  }

  /**
   * Opt-out: egress through the cluster's standard load balancer, unfiltered. For throwaway
   * clusters or while a firewall is being planned; the compliance report flags it.
   */
  public static loadBalancerUnrestricted(): ClusterEgress {
    return new ClusterEgress("loadBalancer", [], undefined, () => ({ networkProfile: { outboundType: "loadBalancer" } }));
  }

  private constructor(
    /** The cluster's `outbound_type`. */
    public readonly outboundType: "userDefinedRouting" | "loadBalancer",
    /** What the cluster must be created after. */
    public readonly dependables: readonly ITerraformDependable[],
    /** The route table, when egress goes through a firewall. */
    public readonly routeTableId: string | undefined,
    private readonly binder: EgressBinder,
  ) {}

  /**
   * Creates what this egress needs in the cluster's scope and returns the cluster's
   * outbound settings and what the cluster must wait for.
   *
   * @internal
   */
  public _bind(cluster: ClusterBinding): ClusterFragment {
    return this.binder(cluster);
  }
}
