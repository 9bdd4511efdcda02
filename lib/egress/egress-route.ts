import { Construct, type ITerraformDependable } from "../private/cdktf";
import { RouteTable, SubnetRouteTableAssociation } from "../private/azurerm";
import { parseIpv4Address } from "../private/cidr";
import { azureResourceName, isToken, nonEmpty, placementVerdicts, required, throwIfInvalid, type Verdict } from "../private/validate";
import { throwIfPropsInvalid } from "../private/prop-paths";
import type { AzureResourceOptions } from "../resource-options";

/** Props of {@link EgressRoute}. */
export interface EgressRouteProps extends AzureResourceOptions {
  /** Name of the route table. */
  readonly name: string;
  /**
   * Private IP of the firewall: an `EgressFirewall`'s `privateIpAddress`, or the address of
   * a firewall you already run.
   */
  readonly firewallPrivateIp: string;
  /** Subnets whose traffic must leave through the firewall: the node subnets. */
  readonly subnetIds: readonly string[];
}

/**
 * The route table that sends everything leaving the node subnets (0.0.0.0/0) to the
 * firewall, with BGP route propagation off so no learned route bypasses it (EGR-1). Give it
 * to the cluster with `ClusterEgress.throughFirewall(route)`: the cluster then uses
 * `userDefinedRouting` and is created only after the route is in place.
 */
export class EgressRoute extends Construct {
  /** The route table (escape hatch). */
  public readonly resource: RouteTable;
  /** The subnet associations; the cluster depends on them. */
  public readonly associations: SubnetRouteTableAssociation[];
  /** Azure resource ID of the route table. */
  public readonly routeTableId: string;

  constructor(scope: Construct, id: string, props: EgressRouteProps) {
    super(scope, id);
    // JavaScript callers: every required prop present and of its type before anything reads one.
    throwIfInvalid(this, required("props", props, "object", "{ name, firewallPrivateIp, subnetIds, resourceGroupName, location }"));
    throwIfPropsInvalid(
      this,
      props,
      required("name", props.name, "string", "'rt-aks-egress'"),
      ...placementVerdicts(props),
      required("firewallPrivateIp", props.firewallPrivateIp, "string", "firewall.privateIpAddress"),
      required("subnetIds", props.subnetIds, "array", "[network.systemNodesSubnetId, network.userNodesSubnetId]"),
    );
    throwIfPropsInvalid(
      this,
      props,
      azureResourceName("name", props.name, 80),
      ipv4Address("firewallPrivateIp", props.firewallPrivateIp),
      nonEmpty("subnetIds", props.subnetIds, "pass the node subnets (system and user) whose egress goes through the firewall."),
      isToken(props.subnetIds)
        ? "subnetIds must be a list written in the code (its entries may be references such as network.systemNodesSubnetId): one association is created per subnet, so the number of subnets must be known at synth time."
        : undefined,
    );
    this.resource = new RouteTable(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      bgpRoutePropagationEnabled: false,
      route: [{ name: "default-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopInIpAddress: props.firewallPrivateIp }],
      tags: props.tags,
    });
    this.routeTableId = this.resource.id;
    const subnets = [...new Set(props.subnetIds)];
    this.associations = subnets.map(
      (subnetId, i) => new SubnetRouteTableAssociation(this, `Association${i}`, { subnetId, routeTableId: this.resource.id }),
    );
  }

  /** What must exist before nodes start: the associations. */
  public get dependables(): ITerraformDependable[] {
    return [...this.associations];
  }
}

/** An IPv4 address with every octet from 0 to 255 (a next hop takes no prefix length). */
function ipv4Address(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  return parseIpv4Address(value) === undefined
    ? `${prop} must be an IPv4 address such as '10.200.0.4' (the firewall's private IP); got '${value}'.`
    : undefined;
}
