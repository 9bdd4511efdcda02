import type { ITerraformDependable } from "../private/cdktf";
import { PrivateDnsZone } from "../private/azurerm";
import { regionEndpointName } from "../private/names";
import { authorizedIpRanges, describe, isToken, type Verdict } from "../private/validate";
import { ValidationError } from "../errors";
import type { ApiServerFragment, ApiServerNeeds, ClusterBinding, SubnetGrant } from "./cluster-binding";

/** Where a private API server's name is registered, once bound. */
interface BoundDnsZone {
  /** The cluster's `private_dns_zone_id`: a zone id, `System` or `None`. */
  readonly privateDnsZoneId: string;
  /** The roles AKS needs to write the zone, to wait for. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Whether AKS links the zone to the cluster's network (it then needs the network's role). */
  readonly linksNetwork: boolean;
  /** The zone, when the library created it. */
  readonly created?: PrivateDnsZone;
}

type DnsZoneBinder = (cluster: ClusterBinding) => BoundDnsZone;
type AccessBinder = (cluster: ClusterBinding, needs: ApiServerNeeds) => ApiServerFragment;

/**
 * The `private_dns_zone_id` values that are modes rather than zone ids. AKS takes them in
 * this spelling; `privateOnly(...)` still accepts them for code written before the typed
 * factories.
 */
const AKS_MANAGED_DNS_ZONE = "System";
const NO_PRIVATE_DNS_ZONE = "None";

/** An Azure private DNS zone's resource id. */
const PRIVATE_DNS_ZONE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+$/i;

/**
 * How the Kubernetes API server is reached. A closed choice: private by default (API-1);
 * public only with an explicit list of authorized ranges (API-2). Each choice knows what it
 * creates: the cluster asks it to bind instead of interpreting its fields.
 *
 * @see https://learn.microsoft.com/azure/aks/private-clusters
 */
export class ApiServerAccess {
  /**
   * Private cluster: the API server has a private IP in the cluster's network and no
   * public FQDN. Reach it from a peered network, a VPN, a jump host or a runner inside
   * the network.
   *
   * @param privateDnsZoneId where the API server's private name is registered: omit it for
   *   a zone the library creates (`privatelink.<region>.azmk8s.io`, in the cluster's
   *   resource group, so you can link it to your runners' and hub networks), or pass the id
   *   of a zone you manage (that name or a subzone of it); the control plane gets Private
   *   DNS Zone Contributor on it and Network Contributor on the VNet, to link it. `"System"`
   *   and `"None"` still work and mean `privateWithAksManagedDnsZone()` and
   *   `privateWithoutPrivateDnsZone()`.
   */
  public static privateOnly(privateDnsZoneId?: string): ApiServerAccess {
    if (privateDnsZoneId === AKS_MANAGED_DNS_ZONE) return ApiServerAccess.privateWithAksManagedDnsZone();
    if (privateDnsZoneId === NO_PRIVATE_DNS_ZONE) return ApiServerAccess.privateWithoutPrivateDnsZone();
    if (privateDnsZoneId === undefined) return ApiServerAccess.private(undefined, createdZone);
    return ApiServerAccess.private(privateDnsZoneId, (cluster) => zoneOutsideAks(cluster, privateDnsZoneId), ownZoneVerdict(privateDnsZoneId));
  }

  /**
   * Private cluster whose DNS zone AKS creates and owns, in the node resource group
   * (`private_dns_zone_id = "System"`). AKS links it to the cluster's network only: other
   * networks (your runners', your hub) cannot resolve the API server unless you link them
   * to a zone you do not manage. Prefer `privateOnly()` when anything outside the cluster's
   * network deploys to it.
   */
  public static privateWithAksManagedDnsZone(): ApiServerAccess {
    return ApiServerAccess.private(AKS_MANAGED_DNS_ZONE, () => modeOnly(AKS_MANAGED_DNS_ZONE));
  }

  /**
   * Private cluster with no private DNS zone at all (`private_dns_zone_id = "None"`): AKS
   * registers the API server's name nowhere, and the public FQDN stays off. Your own DNS
   * servers must resolve the cluster's private FQDN to its private endpoint, for the nodes
   * too, or nodes cannot reach the API server after provisioning. Only for networks whose
   * DNS you run yourself.
   */
  public static privateWithoutPrivateDnsZone(): ApiServerAccess {
    return ApiServerAccess.private(NO_PRIVATE_DNS_ZONE, () => modeOnly(NO_PRIVATE_DNS_ZONE));
  }

  /**
   * Public API server, reachable only from the listed ranges. Catch-all ranges
   * (`0.0.0.0/0`, `::/0`, `*`) are rejected.
   */
  public static publicWithAuthorizedRanges(ranges: readonly string[]): ApiServerAccess {
    // A JavaScript caller may pass anything: the cluster reports it, naming the factory.
    const list = Array.isArray(ranges) || (isToken(ranges) && typeof ranges !== "string");
    const authorized = list ? [...ranges] : [];
    const verdict = list
      ? authorizedIpRanges("apiServerAccess authorized ranges", authorized)
      : `apiServerAccess authorized ranges must be a list, e.g. ApiServerAccess.publicWithAuthorizedRanges(['203.0.113.0/24']); got ${describe(ranges)}.`;
    return new ApiServerAccess(false, authorized, undefined, [verdict], (cluster, needs) => {
      const integration = bindVnetIntegration(cluster, needs);
      return {
        config: {
          privateClusterEnabled: false,
          privateClusterPublicFqdnEnabled: false,
          apiServerAccessProfile: { authorizedIpRanges: [...authorized], ...integration.profile },
        },
        networkContributor: { subnets: integration.subnets },
      };
    });
  }

  private static private(privateDnsZoneId: string | undefined, bindZone: DnsZoneBinder, verdict?: Verdict): ApiServerAccess {
    return new ApiServerAccess(true, [], privateDnsZoneId, [verdict], (cluster, needs) => {
      const zone = bindZone(cluster);
      const integration = bindVnetIntegration(cluster, needs);
      return {
        config: {
          privateClusterEnabled: true,
          privateClusterPublicFqdnEnabled: false,
          privateDnsZoneId: zone.privateDnsZoneId,
          apiServerAccessProfile: integration.profile,
        },
        dependsOn: zone.dependsOn,
        networkContributor: { virtualNetwork: zone.linksNetwork, subnets: integration.subnets },
        apiServerDnsZone: zone.created,
      };
    });
  }

  private constructor(
    /** Whether the API server is private. */
    public readonly isPrivate: boolean,
    /** Ranges allowed to reach a public API server. */
    public readonly authorizedIpRanges: readonly string[],
    /**
     * Private DNS zone of a private API server: a zone id, `"System"` or `"None"`;
     * undefined for one the library creates, and for a public API server.
     */
    public readonly privateDnsZoneId: string | undefined,
    private readonly verdicts: readonly Verdict[],
    private readonly binder: AccessBinder,
  ) {}

  /**
   * What is wrong with this choice, for the cluster's validation step.
   *
   * @internal
   */
  public _verdicts(): readonly Verdict[] {
    return this.verdicts;
  }

  /**
   * Creates what this access needs in the cluster's scope and returns the cluster's API
   * server settings, the roles to wait for, and where the control plane needs Network
   * Contributor.
   *
   * @internal
   */
  public _bind(cluster: ClusterBinding, needs: ApiServerNeeds = {}): ApiServerFragment {
    return this.binder(cluster, needs);
  }
}

/**
 * The zone the library creates: in the cluster's resource group, so you can link it to the
 * networks your deployment runners resolve from.
 */
function createdZone(cluster: ClusterBinding): BoundDnsZone {
  const zone = new PrivateDnsZone(cluster.scope, "ApiServerDnsZone", {
    name: `privatelink.${regionEndpointName(cluster.location)}.azmk8s.io`,
    resourceGroupName: cluster.resourceGroupName,
    tags: cluster.tags,
  });
  return { ...zoneOutsideAks(cluster, zone.id), created: zone };
}

/**
 * A zone outside AKS's control: AKS registers the API server in it and links it to the
 * cluster's network, which needs Private DNS Zone Contributor on the zone and Network
 * Contributor on the network (and nothing at a wider scope).
 */
function zoneOutsideAks(cluster: ClusterBinding, privateDnsZoneId: string): BoundDnsZone {
  return {
    privateDnsZoneId,
    dependsOn: [cluster.grant("ControlPlaneRegistersApiServerName", "privateDnsZoneContributor", privateDnsZoneId)],
    linksNetwork: true,
  };
}

/** A mode AKS handles itself: no zone to write, no network link to grant. */
function modeOnly(mode: string): BoundDnsZone {
  return { privateDnsZoneId: mode, dependsOn: [], linksNetwork: false };
}

/**
 * API server VNet integration, when another strategy needs it: the API server gets an
 * address in its delegated subnet, which the control plane joins.
 */
function bindVnetIntegration(cluster: ClusterBinding, needs: ApiServerNeeds): { profile?: { virtualNetworkIntegrationEnabled: true; subnetId: string }; subnets: SubnetGrant[] } {
  if (needs.vnetIntegrationReason === undefined) return { subnets: [] };
  const subnetId = cluster.network.apiServerSubnetId;
  if (subnetId === undefined) {
    throw new ValidationError(
      `network.apiServerSubnetId is required with ${needs.vnetIntegrationReason}. Use a ClusterNetwork (it creates the subnet), or give ClusterNetwork.fromExisting an apiServerSubnetId (a /28 or larger delegated to Microsoft.ContainerService/managedClusters).`,
      cluster.scope,
    );
  }
  return {
    profile: { virtualNetworkIntegrationEnabled: true, subnetId },
    subnets: [{ subnetId, grantId: "ControlPlaneJoinsApiServerSubnet" }],
  };
}

/** A zone id that is not one: most often a mode in another spelling. */
function ownZoneVerdict(privateDnsZoneId: string): Verdict {
  if (isToken(privateDnsZoneId)) return undefined;
  if (typeof privateDnsZoneId !== "string") {
    return `apiServerAccess privateDnsZoneId must be the resource id of a private DNS zone; got ${describe(privateDnsZoneId)}. Omit it for a zone the library creates.`;
  }
  if (PRIVATE_DNS_ZONE_ID.test(privateDnsZoneId)) return undefined;
  const mode = [AKS_MANAGED_DNS_ZONE, NO_PRIVATE_DNS_ZONE].find((m) => m.toLowerCase() === privateDnsZoneId.trim().toLowerCase());
  const fix = mode === AKS_MANAGED_DNS_ZONE
    ? "Use ApiServerAccess.privateWithAksManagedDnsZone() for a zone AKS manages"
    : mode === NO_PRIVATE_DNS_ZONE
      ? "Use ApiServerAccess.privateWithoutPrivateDnsZone() for no private zone"
      : "Pass the id of your zone, or omit it for a zone the library creates";
  return `apiServerAccess privateDnsZoneId must be the resource id of a private DNS zone (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<name>); got '${privateDnsZoneId}'. ${fix}.`;
}
