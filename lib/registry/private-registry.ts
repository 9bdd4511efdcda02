import { Construct } from "../private/cdktf";
import { ContainerRegistry, RoleAssignment } from "../private/azurerm";
import { integerBetween, isToken, matches, throwIfInvalid, type Verdict } from "../private/validate";
import { PrivateEndpoint } from "../network/private-endpoint";
import type { AzureResourceOptions } from "../resource-options";
import { AZURE_ROLES, PRIVATE_LINK_SUBRESOURCES } from "../facts";

/** The private DNS zone of Azure Container Registry's private endpoints. */
export const REGISTRY_PRIVATE_DNS_ZONE = "privatelink.azurecr.io";

/** Props of {@link PrivateRegistry}. */
export interface PrivateRegistryProps extends AzureResourceOptions {
  /** Registry name: 5-50 letters or digits, globally unique (it becomes `<name>.azurecr.io`). */
  readonly name: string;
  /**
   * Subnet of the registry's private endpoint: the network's private endpoints subnet.
   * Required: with public network access off, the endpoint is the only way in.
   */
  readonly privateEndpointSubnetId: string | undefined;
  /**
   * Networks that resolve the registry privately (the created DNS zone is linked to them).
   * At least one unless `privateDnsZoneId` is given: an unlinked zone resolves nothing, and
   * the cluster would get the registry's public address, which refuses it.
   */
  readonly virtualNetworkIds: readonly string[];
  /**
   * An existing `privatelink.azurecr.io` zone to register the endpoint in instead of
   * creating one (e.g. a central DNS hub's zone).
   *
   * @default - a zone is created and linked to `virtualNetworkIds`
   */
  readonly privateDnsZoneId?: string;
  /**
   * Days untagged manifests are kept before the registry deletes them, so stale
   * vulnerable images do not linger.
   *
   * @default 7
   */
  readonly untaggedRetentionDays?: number;
  /**
   * Whether the registry is replicated across the region's availability zones.
   *
   * @default true
   */
  readonly zoneRedundancyEnabled?: boolean;
}

/** What pulls images: anything with a kubelet identity (a HardenedCluster). */
export interface IImagePuller {
  /** Object id of the identity that pulls images. */
  readonly kubeletIdentityObjectId: string;
}

/**
 * A private container registry (IMG-1): Premium, admin user, anonymous pull, public network
 * access and export all off, reachable only through a private endpoint in the endpoints
 * subnet, with untagged manifests cleaned up. Protected from accidental destroy: it holds
 * your images. Grant a cluster pull rights with `grantPull(cluster)`: `AcrPull` and nothing
 * more.
 */
export class PrivateRegistry extends Construct {
  /** The registry (escape hatch). */
  public readonly resource: ContainerRegistry;
  /** The registry's private endpoint. */
  public readonly privateEndpoint: PrivateEndpoint;
  public readonly registryId: string;
  /** `<name>.azurecr.io`. */
  public readonly loginServer: string;
  /** Pull grants by principal, so granting the same identity twice gives one assignment. */
  private readonly pullGrants = new Map<string, RoleAssignment>();

  constructor(scope: Construct, id: string, props: PrivateRegistryProps) {
    super(scope, id);
    const retention = props.untaggedRetentionDays ?? 7;
    throwIfInvalid(
      this,
      matches("name", props.name, /^[a-zA-Z0-9]{5,50}$/, "5-50 letters or digits (Azure's rule for container registries; no hyphens)"),
      integerBetween("untaggedRetentionDays", retention, 0, 365, "Azure Container Registry's retention range"),
      props.privateEndpointSubnetId === undefined
        ? "privateEndpointSubnetId is required; got undefined. The registry's public network access is off, so its private endpoint is the only way in: pass the network's privateEndpointsSubnetId (ClusterNetwork creates one; with ClusterNetwork.fromExisting, set privateEndpointsSubnetId)."
        : undefined,
      linkedNetworks(props),
    );
    this.resource = new ContainerRegistry(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: "Premium",
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: false,
      exportPolicyEnabled: false,
      // Trusted Microsoft services (Defender's image scanning among them) still reach the
      // registry; everything else must come through the private endpoint.
      networkRuleBypassOption: "AzureServices",
      dataEndpointEnabled: true,
      zoneRedundancyEnabled: props.zoneRedundancyEnabled ?? true,
      retentionPolicyInDays: retention,
      tags: props.tags,
      lifecycle: { preventDestroy: true },
    });
    this.registryId = this.resource.id;
    this.loginServer = this.resource.loginServer;
    this.privateEndpoint = new PrivateEndpoint(this, "PrivateEndpoint", {
      name: `pe-${props.name}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
      subnetId: props.privateEndpointSubnetId,
      targetResourceId: this.registryId,
      subresourceName: PRIVATE_LINK_SUBRESOURCES.containerRegistry,
      privateDnsZoneName: REGISTRY_PRIVATE_DNS_ZONE,
      privateDnsZoneId: props.privateDnsZoneId,
      virtualNetworkIds: props.virtualNetworkIds,
    });
  }

  /**
   * Lets a cluster's kubelet pull images: `AcrPull` on this registry, nothing more. Granting
   * the same identity again returns the existing assignment (Azure refuses a duplicate).
   */
  public grantPull(puller: IImagePuller, id = "KubeletAcrPull"): RoleAssignment {
    const existing = this.pullGrants.get(puller.kubeletIdentityObjectId);
    if (existing) return existing;
    const assignment = new RoleAssignment(this, id, {
      scope: this.registryId,
      roleDefinitionName: AZURE_ROLES.acrPull.name,
      principalId: puller.kubeletIdentityObjectId,
      principalType: "ServicePrincipal",
    });
    this.pullGrants.set(puller.kubeletIdentityObjectId, assignment);
    return assignment;
  }
}

/** A created zone must be linked to at least one network, or nothing resolves the registry. */
function linkedNetworks(props: PrivateRegistryProps): Verdict {
  if (props.privateDnsZoneId !== undefined || isToken(props.virtualNetworkIds)) return undefined;
  return props.virtualNetworkIds.length === 0
    ? `virtualNetworkIds must not be empty; got []. The created ${REGISTRY_PRIVATE_DNS_ZONE} zone resolves the registry only in the networks it is linked to: pass the cluster's network id, or give privateDnsZoneId for a zone you link yourself.`
    : undefined;
}
