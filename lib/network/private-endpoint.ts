import { Construct, type ITerraformDependable } from "../private/cdktf";
import { AzurermPrivateEndpoint, PrivateDnsZone, PrivateDnsZoneVirtualNetworkLink } from "../private/azurerm";
import { derivedName } from "../private/names";
import { isToken } from "../private/validate";
import { ValidationError } from "../errors";
import type { AzureResourceOptions } from "../resource-options";

/** A private DNS zone the library created, as what links to it need. */
export interface PrivateDnsZoneRef {
  /** The zone's name, e.g. `privatelink.vaultcore.azure.net`, as written in the code. */
  readonly name: string;
  /** The zone's resource group. */
  readonly resourceGroupName: string;
  /** The zone's resource id. */
  readonly id: string;
  /**
   * The resource that creates the zone: links to the zone are created after it.
   *
   * @default - the zone exists already
   */
  readonly resource?: ITerraformDependable;
}

/** Something that created private DNS zones (a private endpoint, a cluster). */
export interface IPrivateDnsZoneOwner {
  /** The zones it created; none when it registers in zones you manage. */
  readonly privateDnsZones: readonly PrivateDnsZoneRef[];
}

/** Props of {@link PrivateEndpoint}. */
export interface PrivateEndpointProps extends AzureResourceOptions {
  /** Name of the private endpoint. */
  readonly name: string;
  /** Resource id of the service the endpoint connects to (registry, vault, ...). */
  readonly targetResourceId: string;
  /** The service's sub-resource, e.g. `registry` or `vault`. */
  readonly subresourceName: string;
  /**
   * Subnet the endpoint's network interface goes in: the network's private endpoints subnet.
   * Required; a missing subnet is reported with how to get one.
   */
  readonly subnetId: string | undefined;
  /**
   * The private DNS zone that resolves the service's name to the endpoint, e.g.
   * `privatelink.azurecr.io`. Created and linked to `virtualNetworkIds` unless
   * `privateDnsZoneId` is given.
   */
  readonly privateDnsZoneName: string;
  /**
   * An existing private DNS zone to register the endpoint in (e.g. one zone shared by
   * several vaults, or your central DNS hub's zone). No zone or link is created then.
   *
   * @default - a zone named `privateDnsZoneName` is created
   */
  readonly privateDnsZoneId?: string;
  /**
   * Networks whose workloads resolve the service privately: the created zone is linked to
   * each.
   *
   * @default - none; pass the cluster's network
   */
  readonly virtualNetworkIds?: readonly string[];
}

/**
 * A private endpoint with the DNS that makes it work: the endpoint in the private endpoints
 * subnet, a private DNS zone (or yours), links from the zone to the networks that resolve
 * it, and the zone group that keeps the A record in step with the endpoint's IP. Used alike
 * by the registry, Key Vault and anything later.
 */
export class PrivateEndpoint extends Construct implements IPrivateDnsZoneOwner {
  /** The private endpoint (escape hatch). */
  public readonly resource: AzurermPrivateEndpoint;
  /** The zone the library created, when it created one. */
  public readonly dnsZone?: PrivateDnsZone;
  /** Id of the zone the endpoint is registered in. */
  public readonly privateDnsZoneId: string;
  /** Links from the created zone to the networks. */
  public readonly dnsZoneLinks: PrivateDnsZoneVirtualNetworkLink[] = [];
  /**
   * The zone the library created, as a list (empty with `privateDnsZoneId`): pass this
   * endpoint to `EgressFirewall.linkPrivateDnsZones` so the hub resolves it too.
   */
  public readonly privateDnsZones: readonly PrivateDnsZoneRef[];

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    if (props.subnetId === undefined) {
      throw new ValidationError(
        `subnetId is required for the private endpoint '${props.name}'; got undefined. Pass the network's privateEndpointsSubnetId (ClusterNetwork creates one; with ClusterNetwork.fromExisting, set privateEndpointsSubnetId).`,
        this,
      );
    }
    if (props.privateDnsZoneId !== undefined) {
      this.privateDnsZoneId = props.privateDnsZoneId;
    } else {
      if (isToken(props.virtualNetworkIds)) {
        throw new ValidationError(
          "virtualNetworkIds must be a list written in the code (its entries may be references such as network.virtualNetworkId): one DNS zone link is created per network, so the number of networks must be known at synth time.",
          this,
        );
      }
      this.dnsZone = new PrivateDnsZone(this, "DnsZone", {
        name: props.privateDnsZoneName,
        resourceGroupName: props.resourceGroupName,
        tags: props.tags,
      });
      this.privateDnsZoneId = this.dnsZone.id;
      // A network is linked to a zone once at most (Azure refuses a second link).
      [...new Set(props.virtualNetworkIds ?? [])].forEach((virtualNetworkId, i) => {
        this.dnsZoneLinks.push(
          new PrivateDnsZoneVirtualNetworkLink(this, `DnsZoneLink${i}`, {
            name: derivedName([props.name, "link", String(i)], 80),
            resourceGroupName: props.resourceGroupName,
            privateDnsZoneName: this.dnsZone!.name,
            virtualNetworkId,
            registrationEnabled: false,
            tags: props.tags,
          }),
        );
      });
    }
    this.privateDnsZones = this.dnsZone
      ? [{ name: props.privateDnsZoneName, resourceGroupName: props.resourceGroupName, id: this.dnsZone.id, resource: this.dnsZone }]
      : [];
    this.resource = new AzurermPrivateEndpoint(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.subnetId,
      tags: props.tags,
      privateServiceConnection: {
        name: derivedName([props.name, "connection"], 80),
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresourceName],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: "default", privateDnsZoneIds: [this.privateDnsZoneId] },
    });
  }
}
