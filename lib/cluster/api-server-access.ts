/**
 * How the Kubernetes API server is reached. A closed choice: private by default (API-1);
 * public only with an explicit list of authorized ranges (API-2).
 */
export class ApiServerAccess {
  /**
   * Private cluster: the API server has a private IP in the cluster's network and no
   * public FQDN. Reach it from a peered network, a VPN, a jump host or a runner inside
   * the network.
   *
   * @param privateDnsZoneId `"System"` for an AKS-managed private DNS zone, or the id of a
   *   zone you manage (name `privatelink.<region>.azmk8s.io` or a subzone of it).
   */
  public static privateOnly(privateDnsZoneId: string = "System"): ApiServerAccess {
    return new ApiServerAccess(true, [], privateDnsZoneId);
  }

  /**
   * Public API server, reachable only from the listed ranges. Catch-all ranges
   * (`0.0.0.0/0`, `::/0`, `*`) are rejected.
   */
  public static publicWithAuthorizedRanges(ranges: readonly string[]): ApiServerAccess {
    return new ApiServerAccess(false, [...ranges], undefined);
  }

  private constructor(
    /** Whether the API server is private. */
    public readonly isPrivate: boolean,
    /** Ranges allowed to reach a public API server. */
    public readonly authorizedIpRanges: readonly string[],
    /** Private DNS zone of a private API server. */
    public readonly privateDnsZoneId: string | undefined,
  ) {}
}
