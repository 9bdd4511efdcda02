import { Construct, type IConstruct, type ITerraformDependable, type TerraformResource } from "../private/cdktf";
import {
  NetworkSecurityGroup,
  NetworkSecurityRule,
  Subnet,
  SubnetNetworkSecurityGroupAssociation,
  VirtualNetwork,
} from "../private/azurerm";
import { allocateSubnets, findOverlap, contains, parseIpv4Cidr, type Ipv4Block } from "../private/cidr";
import { azureResourceName, integerBetween, isToken, placementVerdicts, required, throwIfInvalid } from "../private/validate";
import {
  API_SERVER_SUBNET_MAX_PREFIX,
  addressSpaceFitsLayout,
  apiServerSubnetSize,
  ipv4CidrOnly,
  isInside,
  outsideReservedRanges,
  platformAddressPlanVerdicts,
  type PlatformAddressPlanInput,
} from "./address-plan";
import { ValidationError } from "../errors";
import type { AzureResourceOptions } from "../resource-options";
import { deepFreeze } from "../private/freeze";

/** The roles a subnet of the cluster's network plays. */
export type SubnetRole = "systemNodes" | "userNodes" | "applicationGateway" | "privateEndpoints" | "apiServer";

/** Every role, in the order the library lays them out and names them. */
export const SUBNET_ROLES: readonly SubnetRole[] = ["systemNodes", "userNodes", "applicationGateway", "privateEndpoints", "apiServer"];

/**
 * Prefix length of each role's subnet when the layout is carved from the address space.
 * Node subnets hold node IPs only (pods get overlay addresses), so a /24 fits the system
 * pool and a /20 fits 4,000 user nodes; Application Gateway v2 asks for a /24; private
 * endpoints need one address each; the API server's VNet integration needs a /28.
 */
export const DEFAULT_SUBNET_PREFIX_LENGTHS: Readonly<Record<SubnetRole, number>> = deepFreeze({
  systemNodes: 24,
  userNodes: 20,
  applicationGateway: 24,
  privateEndpoints: 24,
  apiServer: 28,
});

/** Azure's smallest subnet: a /29 (Azure reserves five addresses in every subnet). */
const SMALLEST_SUBNET_PREFIX = 29;

/** Azure's limits on VNet names (2-64 characters) and NSG names (at most 80 characters). */
const VNET_NAME_MIN_LENGTH = 2;
const NSG_NAME_MAX_LENGTH = 80;

/** Azure resource names per role: `snet-<role>` by the Cloud Adoption Framework's abbreviations. */
const SUBNET_NAMES: Readonly<Record<SubnetRole, string>> = {
  systemNodes: "snet-system-nodes",
  userNodes: "snet-user-nodes",
  applicationGateway: "snet-appgw",
  privateEndpoints: "snet-private-endpoints",
  apiServer: "snet-api-server",
};

/** The service AKS delegates the API server's subnet to (API server VNet integration). */
export const API_SERVER_SUBNET_DELEGATION = "Microsoft.ContainerService/managedClusters";

/** Where one role's subnet goes: an explicit CIDR, or a prefix length to carve. */
export interface SubnetPlacement {
  /**
   * The subnet's CIDR, inside the address space. Overrides `prefixLength`.
   *
   * @default - carved from the address space with `prefixLength`
   */
  readonly cidr?: string;
  /**
   * Prefix length to carve from the address space when no `cidr` is given.
   *
   * @default - DEFAULT_SUBNET_PREFIX_LENGTHS for the role
   */
  readonly prefixLength?: number;
}

/** What the cluster needs to know of its network, whoever built it. */
export interface IClusterNetwork {
  /** Resource id of the virtual network. */
  readonly virtualNetworkId: string;
  /** Subnet id of the system node pool. */
  readonly systemNodesSubnetId: string;
  /** Subnet id of the user node pools. */
  readonly userNodesSubnetId: string;
  /** Subnet id of the Application Gateway, when the network has one. */
  readonly applicationGatewaySubnetId?: string;
  /** Subnet id for private endpoints, when the network has one. */
  readonly privateEndpointsSubnetId?: string;
  /**
   * Subnet delegated to AKS for the API server's VNet integration, when the network has
   * one. Needed for etcd encryption with a key in a private vault.
   */
  readonly apiServerSubnetId?: string;
  /**
   * The network's address spaces, when known at synth time: the cluster checks its
   * service and pod CIDRs against them. Empty when unknown.
   */
  readonly addressSpaces: readonly string[];
  /**
   * The subnets' ranges by role, when known at synth time: the cluster checks that the node
   * subnets hold its pools at their peak.
   *
   * @default - unknown: no subnet size check
   */
  readonly subnetCidrs?: Partial<Readonly<Record<SubnetRole, string>>>;
  /**
   * What must be in place before nodes join the network: the subnets' NSG and route table
   * associations, and the network's DNS servers. The cluster and its user pools depend on
   * them, so AKS never updates a subnet while Terraform associates something with it.
   *
   * @default - none
   */
  readonly dependables?: readonly ITerraformDependable[];
  /**
   * Records a resource that waits for `dependables`, so one added later (the DNS servers of
   * a firewall peered after the cluster was created) is waited for too.
   *
   * @internal
   */
  _waitedForBy?(resource: TerraformResource): void;
}

/** Subnets and VNet of a network the user already has (bring your own). */
export interface ExistingNetworkAttributes {
  /** Resource id of the existing virtual network. */
  readonly virtualNetworkId: string;
  /** Existing subnet for the system node pool. */
  readonly systemNodesSubnetId: string;
  /** Existing subnet for user node pools. */
  readonly userNodesSubnetId: string;
  /**
   * Existing subnet for the Application Gateway.
   *
   * @default - none
   */
  readonly applicationGatewaySubnetId?: string;
  /**
   * Existing subnet for private endpoints.
   *
   * @default - none
   */
  readonly privateEndpointsSubnetId?: string;
  /**
   * Existing subnet (at least a /28, delegated to `Microsoft.ContainerService/managedClusters`)
   * for the API server's VNet integration.
   *
   * @default - none
   */
  readonly apiServerSubnetId?: string;
  /**
   * The VNet's address spaces, so the cluster can check that its service and pod CIDRs do
   * not overlap them.
   *
   * @default [] - no overlap check against the VNet
   */
  readonly addressSpaces?: readonly string[];
  /**
   * The existing subnets' ranges by role, so the cluster can check that the node subnets
   * hold its pools at their peak (max count plus surge), and that the API server's subnet is
   * at least the /28 VNet integration needs.
   *
   * @default - none: no subnet size check
   */
  readonly subnetCidrs?: Partial<Record<SubnetRole, string>>;
  /**
   * Resources of your own that must exist before the cluster's nodes join the network:
   * NSG and route table associations on its subnets, its DNS servers setting. The cluster
   * and its user pools depend on them.
   *
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Props of {@link ClusterNetwork}. */
export interface ClusterNetworkProps extends AzureResourceOptions {
  /** Name of the virtual network (1-64 characters). */
  readonly name: string;
  /**
   * The one IPv4 address space the whole layout is carved from, e.g. `10.240.0.0/16`.
   * Required: only you know which ranges are free in your address plan and which networks
   * it will be peered with. It must not overlap the cluster's service or pod CIDRs.
   */
  readonly addressSpace: string;
  /**
   * Per-role overrides of the layout.
   *
   * @default - every role carved from `addressSpace` with DEFAULT_SUBNET_PREFIX_LENGTHS
   */
  readonly subnets?: Partial<Record<SubnetRole, SubnetPlacement>>;
}

interface SecurityRuleSpec {
  readonly name: string;
  readonly priority: number;
  readonly access: "Allow" | "Deny";
  readonly protocol: "Tcp" | "Udp" | "*";
  readonly sourceAddressPrefix: string;
  readonly destinationPortRange: string;
  /**
   * What the rule lets traffic reach: the role's subnet, or any destination where Azure
   * documents that it requires one.
   *
   * @default "subnet"
   */
  readonly destination?: "subnet" | "any";
  readonly description: string;
}

/**
 * Inbound rules each role's NSG carries on top of Azure's defaults (allow VNet, allow
 * Azure Load Balancer, deny everything else). Node and endpoint subnets need nothing more:
 * the defaults already deny inbound traffic from the internet.
 *
 * @internal
 */
export const SUBNET_INBOUND_RULES: Readonly<Record<SubnetRole, readonly SecurityRuleSpec[]>> = {
  systemNodes: [],
  userNodes: [],
  applicationGateway: [
    {
      name: "AllowGatewayManagerInbound",
      priority: 100,
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix: "GatewayManager",
      destinationPortRange: "65200-65535",
      // Azure documents this rule with destination Any: the gateway manager reaches the
      // instances through the gateway's frontend, not only the subnet's own addresses, and
      // Application Gateway refuses to deploy when the NSG blocks it. The ports are locked
      // down by Azure certificates.
      destination: "any",
      description: "Application Gateway v2 infrastructure health probes (required by Azure).",
    },
    {
      name: "AllowAzureLoadBalancerInbound",
      priority: 110,
      access: "Allow",
      protocol: "*",
      sourceAddressPrefix: "AzureLoadBalancer",
      destinationPortRange: "*",
      description: "Azure Load Balancer health probes (required by Application Gateway v2).",
    },
    {
      name: "AllowHttpsInbound",
      priority: 200,
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix: "Internet",
      destinationPortRange: "443",
      description: "HTTPS to the WAF-protected listener; the only internet-facing port.",
    },
    {
      // AGIC keeps an HTTP listener on port 80 whenever no Ingress declares one. The internet
      // cannot reach it (the default DenyAllInBound), but the default AllowVnetInBound lets the
      // virtual network and every peered network in; this closes it for all of them (ING-3).
      // Application Gateway v2 needs only the two allows above (Microsoft's NSG requirements).
      name: "DenyHttpInbound",
      priority: 300,
      access: "Deny",
      protocol: "Tcp",
      sourceAddressPrefix: "*",
      destinationPortRange: "80",
      destination: "any",
      description: "No plain HTTP to the gateway from any network: HTTPS only, behind the WAF.",
    },
  ],
  privateEndpoints: [],
  apiServer: [],
};

/**
 * Resolves the subnet layout: explicit CIDRs kept, the rest carved from the address space.
 * Pure, so the layout rules are tested directly.
 *
 * @param scope the construct the layout is for: a bad layout throws a ValidationError with
 *   its path
 * @throws ValidationError naming the subnet, the value, the rule and the fix
 */
export function planSubnetLayout(
  addressSpace: string,
  placements: Partial<Record<SubnetRole, SubnetPlacement>> = {},
  scope?: IConstruct,
  addressSpaceProp = "addressSpace",
): Record<SubnetRole, string> {
  const reject = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  const shape = ipv4CidrOnly(addressSpaceProp, addressSpace) ?? outsideReservedRanges(addressSpaceProp, addressSpace, "a cluster virtual network range");
  if (shape) reject(shape);
  const space = parseIpv4Cidr(addressSpace)!;
  const unknown = Object.keys(placements).filter((key) => !(SUBNET_ROLES as readonly string[]).includes(key));
  if (unknown.length > 0) {
    reject(`subnets has no role named ${unknown.map((key) => `'${key}'`).join(", ")}. The roles are ${SUBNET_ROLES.join(", ")}.`);
  }
  const explicit: { name: string; block: Ipv4Block }[] = [];
  const toCarve: { name: SubnetRole; prefix: number; isDefault: boolean }[] = [];
  for (const role of SUBNET_ROLES) {
    const placement = placements[role] ?? {};
    if (placement.cidr !== undefined) {
      if (isToken(placement.cidr)) {
        reject(
          `subnets.${role}.cidr must be known at synth time (a literal CIDR such as '10.240.0.0/24'): the subnet layout is checked and carved around it.`,
        );
      }
      const verdict = ipv4CidrOnly(`subnets.${role}.cidr`, placement.cidr, "10.240.0.0/24");
      if (verdict) reject(verdict);
      const block = parseIpv4Cidr(placement.cidr)!;
      if (role === "apiServer") {
        const tooSmall = apiServerSubnetSize("subnets.apiServer.cidr", block.prefix, `'${placement.cidr}'`);
        if (tooSmall) reject(tooSmall);
      }
      if (block.prefix > SMALLEST_SUBNET_PREFIX) {
        reject(
          `subnets.${role}.cidr must be a /${SMALLEST_SUBNET_PREFIX} or larger (Azure's smallest subnet, as Azure reserves five addresses in each); got '${placement.cidr}'.`,
        );
      }
      if (!contains(space, block)) {
        reject(
          `subnets.${role}.cidr must lie inside ${addressSpaceProp} '${addressSpace}'; got '${placement.cidr}'. Pick a range inside the address space, or widen the address space.`,
        );
      }
      explicit.push({ name: role, block });
    } else {
      const isDefault = placement.prefixLength === undefined;
      const prefix = placement.prefixLength ?? DEFAULT_SUBNET_PREFIX_LENGTHS[role];
      if (isToken(prefix)) {
        reject(
          `subnets.${role}.prefixLength must be known at synth time (a literal number such as 24): the subnet layout is computed from it.`,
        );
      }
      // A default prefix larger than the space is the space's fault, reported below with the
      // size it needs; only a prefix the user set is blamed on subnets.<role>.prefixLength.
      if (!isDefault) {
        const verdict =
          integerBetween(
            `subnets.${role}.prefixLength`,
            prefix,
            space.prefix,
            role === "apiServer" ? API_SERVER_SUBNET_MAX_PREFIX : SMALLEST_SUBNET_PREFIX,
            role === "apiServer"
              ? `API Server VNet Integration needs a delegated subnet of at least /${API_SERVER_SUBNET_MAX_PREFIX}, and a subnet cannot be larger than ${addressSpaceProp} '${addressSpace}'`
              : `Azure's smallest subnet is a /29 and a subnet cannot be larger than ${addressSpaceProp} '${addressSpace}'`,
          );
        if (verdict) reject(verdict);
      }
      toCarve.push({ name: role, prefix, isDefault });
    }
  }
  const overlap = findOverlap(explicit);
  if (overlap) {
    reject(`subnets.${overlap[0]}.cidr and subnets.${overlap[1]}.cidr overlap. Give each role its own range.`);
  }
  const fits = toCarve.every((c) => c.prefix >= space.prefix);
  const carved =
    (fits ? allocateSubnets(space, toCarve, explicit.map((e) => e.block)) : undefined) ??
    reject(addressSpaceFitsLayout(addressSpaceProp, addressSpace, toCarve.map((c) => ({ role: c.name, prefix: c.prefix, isDefault: c.isDefault })), explicit.length));
  const layout = {} as Record<SubnetRole, string>;
  for (const role of SUBNET_ROLES) {
    layout[role] = (explicit.find((e) => e.name === role)?.block ?? carved[role]).text;
  }
  return layout;
}

/**
 * The cluster's virtual network, laid out by role: system nodes, user nodes, Application
 * Gateway and private endpoints, each in its own subnet with its own network security group
 * (NET-1, NET-3). Subnets have Azure's default outbound access off, so nothing leaves except
 * through the cluster's chosen outbound path (load balancer, or the egress firewall).
 *
 * To use a network you already have, pass `ClusterNetwork.fromExisting({...})` to the
 * cluster instead.
 */
export class ClusterNetwork extends Construct implements IClusterNetwork {
  /**
   * A network the user built: the library creates nothing and uses the given ids.
   */
  public static fromExisting(attributes: ExistingNetworkAttributes): IClusterNetwork {
    const addressSpaces = attributes.addressSpaces ?? [];
    // The cluster checks its service and pod ranges against these; a malformed one would
    // otherwise be skipped silently and the overlap check with it.
    const verdicts = isToken(addressSpaces)
      ? []
      : addressSpaces.flatMap((space, i) => [
          ipv4CidrOnly(`addressSpaces[${i}]`, space) ?? outsideReservedRanges(`addressSpaces[${i}]`, space, "a cluster virtual network range"),
        ]);
    for (const [role, cidr] of Object.entries(attributes.subnetCidrs ?? {})) {
      const prop = `subnetCidrs.${role}`;
      const shape = (SUBNET_ROLES as readonly string[]).includes(role)
        ? ipv4CidrOnly(prop, cidr, "10.240.0.0/24")
        : `subnetCidrs has no role named '${role}'. The roles are ${SUBNET_ROLES.join(", ")}.`;
      const block = shape || isToken(cidr) ? undefined : parseIpv4Cidr(cidr);
      const outside = isToken(addressSpaces) || addressSpaces.length === 0 || !block ? false : addressSpaces.every((space) => isInside(cidr, space) === false);
      verdicts.push(
        shape,
        role === "apiServer" ? apiServerSubnetSize(prop, block?.prefix, `'${cidr}'`) : undefined,
        outside ? `${prop} '${cidr}' lies outside every addressSpaces entry (${addressSpaces.map((a) => `'${a}'`).join(", ")}). Give the subnet's own range, inside the VNet.` : undefined,
      );
    }
    const failed = verdicts.find((v) => v !== undefined);
    // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet
    if (failed) throw new ValidationError(`ClusterNetwork.fromExisting: ${failed}`);
    const { dependsOn, ...ids } = attributes;
    return { ...ids, addressSpaces: isToken(addressSpaces) ? [] : [...addressSpaces], ...(dependsOn ? { dependables: [...dependsOn] } : {}) };
  }

  /**
   * Checks a platform's address plan across its parts (spoke, hub, the spoke's layout, the
   * cluster's ranges against the hub), naming the props as the platform's user wrote them.
   *
   * @internal
   */
  public static _checkPlatformAddressPlan(scope: IConstruct, input: PlatformAddressPlanInput): void {
    throwIfInvalid(scope, ...platformAddressPlanVerdicts(input));
    // The layout the platform will carve from the spoke, so "too small" names addressPlan.spoke.
    if (input.createsSpoke && !isToken(input.addressPlan!.spoke)) {
      planSubnetLayout(input.addressPlan!.spoke, input.subnets, scope, "addressPlan.spoke");
    }
  }

  /** The virtual network (escape hatch). */
  public readonly resource: VirtualNetwork;
  /** The subnets, by role. */
  public readonly subnets: Readonly<Record<SubnetRole, Subnet>>;
  /** The network security groups, by role. Add rules with `NetworkSecurityRule` resources. */
  public readonly securityGroups: Readonly<Record<SubnetRole, NetworkSecurityGroup>>;
  /** The CIDR of each role's subnet, as laid out. */
  public readonly subnetCidrs: Readonly<Record<SubnetRole, string>>;
  public readonly virtualNetworkId: string;
  /** Name of the virtual network, for resources that address it by name (peerings, subnets). */
  public readonly virtualNetworkName: string;
  /** Resource group of the network (where peerings from it are created). */
  public readonly resourceGroupName: string;
  public readonly systemNodesSubnetId: string;
  public readonly userNodesSubnetId: string;
  public readonly applicationGatewaySubnetId: string;
  public readonly privateEndpointsSubnetId: string;
  public readonly apiServerSubnetId: string;
  public readonly addressSpaces: readonly string[];
  /** The NSG associations, by role; the cluster and its user pools depend on them. */
  public readonly securityGroupAssociations: Readonly<Record<SubnetRole, SubnetNetworkSecurityGroupAssociation>>;
  /** Further settings nodes must not race (the DNS servers an egress firewall sets). */
  private readonly extraDependables: ITerraformDependable[] = [];
  /** Resources that wait for the dependables: the clusters and pools in this network. */
  private readonly dependents: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    throwIfInvalid(
      this,
      required("name", props?.name, "string", "'vnet-aks-prod'"),
      required("addressSpace", props?.addressSpace, "string", "'10.240.0.0/16'"),
      ...placementVerdicts(props ?? {}),
    );
    throwIfInvalid(this, azureResourceName("name", props.name, 64), vnetNameLength(props.name));
    if (isToken(props.addressSpace)) {
      throw new ValidationError(
        "addressSpace must be known at synth time (a literal CIDR such as '10.240.0.0/16'): the subnet layout is computed from it.",
        this,
      );
    }
    this.subnetCidrs = planSubnetLayout(props.addressSpace, props.subnets, this);
    this.addressSpaces = [props.addressSpace];

    this.resource = new VirtualNetwork(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      addressSpace: [props.addressSpace],
      tags: props.tags,
    });
    this.virtualNetworkId = this.resource.id;
    this.virtualNetworkName = this.resource.name;
    this.resourceGroupName = props.resourceGroupName;

    const subnets = {} as Record<SubnetRole, Subnet>;
    const groups = {} as Record<SubnetRole, NetworkSecurityGroup>;
    const associations = {} as Record<SubnetRole, SubnetNetworkSecurityGroupAssociation>;
    for (const role of SUBNET_ROLES) {
      const subnet = new Subnet(this, `${role}Subnet`, {
        name: SUBNET_NAMES[role],
        resourceGroupName: props.resourceGroupName,
        virtualNetworkName: this.resource.name,
        addressPrefixes: [this.subnetCidrs[role]],
        // Private subnet: no implicit internet egress. Outbound goes through the path the
        // cluster declares (load balancer or firewall), never Azure's default SNAT.
        defaultOutboundAccessEnabled: false,
        // Network policies on private endpoints, so the subnet's NSG applies to them too.
        privateEndpointNetworkPolicies: role === "privateEndpoints" ? "Enabled" : undefined,
        delegation:
          role === "apiServer"
            ? [{ name: "aks-api-server", serviceDelegation: { name: API_SERVER_SUBNET_DELEGATION, actions: ["Microsoft.Network/virtualNetworks/subnets/join/action"] } }]
            : undefined,
      });
      const group = new NetworkSecurityGroup(this, `${role}SecurityGroup`, {
        name: securityGroupName(props.name, role),
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        tags: props.tags,
      });
      for (const rule of SUBNET_INBOUND_RULES[role]) {
        new NetworkSecurityRule(this, `${role}${rule.name}`, {
          name: rule.name,
          description: rule.description,
          resourceGroupName: props.resourceGroupName,
          networkSecurityGroupName: group.name,
          priority: rule.priority,
          direction: "Inbound",
          access: rule.access,
          protocol: rule.protocol,
          sourcePortRange: "*",
          sourceAddressPrefix: rule.sourceAddressPrefix,
          destinationPortRange: rule.destinationPortRange,
          destinationAddressPrefix: rule.destination === "any" ? "*" : this.subnetCidrs[role],
        });
      }
      associations[role] = new SubnetNetworkSecurityGroupAssociation(this, `${role}SecurityGroupAssociation`, {
        subnetId: subnet.id,
        networkSecurityGroupId: group.id,
      });
      subnets[role] = subnet;
      groups[role] = group;
    }
    this.subnets = subnets;
    this.securityGroups = groups;
    this.securityGroupAssociations = associations;
    this.systemNodesSubnetId = subnets.systemNodes.id;
    this.userNodesSubnetId = subnets.userNodes.id;
    this.applicationGatewaySubnetId = subnets.applicationGateway.id;
    this.privateEndpointsSubnetId = subnets.privateEndpoints.id;
    this.apiServerSubnetId = subnets.apiServer.id;
  }

  /** The NSG associations of every subnet, then what was added with `addDependable`. */
  public get dependables(): ITerraformDependable[] {
    return [...SUBNET_ROLES.map((role) => this.securityGroupAssociations[role]), ...this.extraDependables];
  }

  /**
   * Makes the clusters in this network (and their user pools) wait for a setting of it,
   * e.g. its DNS servers, also those created before the call. `EgressFirewall.peerWith`
   * calls it.
   */
  public addDependable(dependable: TerraformResource): void {
    if (this.extraDependables.includes(dependable)) return;
    this.extraDependables.push(dependable);
    // Resources created before this call take it too; depends_on wants a bare address.
    const address = `${dependable.terraformResourceType}.${dependable.friendlyUniqueId}`;
    for (const resource of this.dependents) {
      const current = resource.dependsOn ?? [];
      if (!current.includes(address)) resource.dependsOn = [...current, address];
    }
  }

  /** @internal */
  public _waitedForBy(resource: TerraformResource): void {
    if (!this.dependents.includes(resource)) this.dependents.push(resource);
  }
}

/**
 * Length limits of the VNet name beyond the character rule: Azure wants at least 2
 * characters, and the NSGs are named `nsg-<name>-<role>`, which must fit in 80.
 */
function vnetNameLength(name: string): string | undefined {
  if (isToken(name)) return undefined;
  if (name.length < VNET_NAME_MIN_LENGTH) {
    return `name must be at least ${VNET_NAME_MIN_LENGTH} characters (Azure's rule for virtual networks); got '${name}'.`;
  }
  const longest = Math.max(...SUBNET_ROLES.map((role) => securityGroupName(name, role).length));
  const max = name.length - (longest - NSG_NAME_MAX_LENGTH);
  if (longest > NSG_NAME_MAX_LENGTH) {
    return `name must be at most ${max} characters: the network security groups are named 'nsg-<name>-<role>' and Azure caps NSG names at ${NSG_NAME_MAX_LENGTH}; got '${name}' (${name.length} characters).`;
  }
  return undefined;
}

/** The NSG name of a role: `nsg-<vnet name>-<role>`. */
function securityGroupName(vnetName: string, role: SubnetRole): string {
  return `nsg-${vnetName}-${SUBNET_NAMES[role].replace(/^snet-/, "")}`;
}
