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
   * @param privateDnsZoneId where the API server's private name is registered: omit it for
   *   a zone the library creates (`privatelink.<region>.azmk8s.io`, in the cluster's
   *   resource group, so you can link it to your runners' and hub networks), pass the id of
   *   a zone you manage (that name or a subzone of it), or `"System"` for a zone AKS
   *   creates in the node resource group.
   */
  public static privateOnly(privateDnsZoneId?: string): ApiServerAccess {
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
    /** Private DNS zone of a private API server; undefined for one the library creates. */
    public readonly privateDnsZoneId: string | undefined,
  ) {}
}
