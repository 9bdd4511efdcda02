import { Construct } from "../private/cdktf";
import {
  Firewall,
  FirewallPolicy,
  FirewallPolicyRuleCollectionGroup,
  PrivateDnsZoneVirtualNetworkLink,
  PublicIp,
  Subnet,
  VirtualNetwork,
  VirtualNetworkDnsServers,
  VirtualNetworkPeering,
} from "../private/azurerm";
import type { TerraformResource } from "../private/cdktf";
import type { IPrivateDnsZoneOwner } from "../network/private-endpoint";
import { allocateSubnets, catchAllIn, contains, findOverlap, parseIpv4Cidr } from "../private/cidr";
import { uncoveredSpokeSpace } from "./validate-egress";
import { AKS_FQDN_TAG, RESERVED_SUBNETS } from "../facts";
import {
  availabilityZones,
  azureResourceName,
  describe,
  ipv4Cidr,
  isToken,
  nonEmpty,
  optionalList,
  optionalOfKind,
  placementVerdicts,
  reason,
  required,
  stringEntries,
  throwIfInvalid,
  type Verdict,
} from "../private/validate";
import { asWritten, throwIfPropsInvalid } from "../private/prop-paths";
import { derivedName } from "../private/names";
import { ValidationError } from "../errors";
import { Compliance } from "../compliance/compliance";
import type { AzureResourceOptions } from "../resource-options";
import type { IClusterMonitoring } from "../monitoring/cluster-monitoring";
import { sendAllLogs } from "../monitoring/all-logs";
import {
  REQUIRED_NETWORK_RULES,
  allowedFqdn,
  networkRuleVerdicts,
  requiredFqdnRules,
  type EgressFqdnRule,
  type EgressNetworkRule,
} from "./egress-rules";
import { unverifiable } from "./validate-egress";
import { deepFreeze } from "../private/freeze";

/** Azure Firewall's tiers the library supports (Basic has no DNS proxy). */
export const FIREWALL_TIERS = deepFreeze(["Standard", "Premium"]);

/** Azure Firewall's tiers the library supports. */
export type FirewallTier = (typeof FIREWALL_TIERS)[number];

/** Azure requires the firewall's subnet to be at least a /26. */
export const FIREWALL_SUBNET_MAX_PREFIX = 26;

/** Props of {@link EgressFirewall}. */
export interface EgressFirewallProps extends AzureResourceOptions {
  /** Name of the firewall; the hub network, policy and public IP are named after it. */
  readonly name: string;
  /**
   * Address space of the hub network the firewall lives in, e.g. `10.200.0.0/24`. Must not
   * overlap the spokes it serves.
   */
  readonly hubAddressSpace: string;
  /**
   * CIDR of `AzureFirewallSubnet` inside the hub, at least a /26.
   *
   * @default - the first /26 of the hub address space
   */
  readonly firewallSubnetCidr?: string;
  /**
   * Address spaces whose traffic the firewall lets out (the clusters' networks). Everything
   * else is denied, so `peerWith` refuses a spoke these do not cover; a catch-all is refused.
   */
  readonly sourceAddressSpaces: readonly string[];
  /** Where the firewall's logs go (EGR-2). */
  readonly monitoring: IClusterMonitoring;
  /**
   * Runs the firewall on the Standard tier, which has no intrusion detection (IDPS), with the
   * reason recorded as EGR-4's acknowledgement. Without it the firewall is Premium with IDPS
   * in deny mode, as Microsoft's AKS baseline runs it: signature-based detection of exploits,
   * command-and-control and malware on every port and protocol of unencrypted traffic, on top
   * of the allow list. Premium costs more per hour; a development environment is where
   * Standard is usually accepted (`SecurityProfile.development`).
   *
   * Switching tiers later is a safe apply: the firewall changes tier in place, and the policy,
   * whose tier Azure cannot change, is replaced by a new one named after the tier, created
   * before the old one is deleted.
   *
   * @default - Premium with intrusion detection in deny mode
   */
  readonly withoutIntrusionDetection?: {
    /** Why the firewall runs without intrusion detection (at least 10 characters), recorded with the EGR-4 acknowledgement. */
    readonly reason: string;
  };
  /**
   * Availability zones of the firewall and its public IP.
   *
   * @default ["1", "2", "3"]
   */
  readonly zones?: readonly string[];
  /**
   * Extra HTTPS destinations your workloads need, e.g. `["api.github.com", "*.example.com"]`.
   * `*` and wildcards over a public suffix (`*.com`, `*.co.uk`, `*.github.io`,
   * `*.blob.core.windows.net`: every account anyone can create there) are rejected; name the
   * storage account (`mystorage.blob.core.windows.net`) instead.
   *
   * @default - none
   */
  readonly allowedFqdns?: readonly string[];
  /**
   * Extra non-HTTP destinations your workloads need. Catch-all destinations and ports are
   * rejected, also when the entries only add up to one (`0.0.0.0/1` + `128.0.0.0/1`, ports
   * `1-1024` + `1025-65535`).
   *
   * @default - none
   */
  readonly allowedNetworkRules?: readonly EgressNetworkRule[];
}

/** A spoke network the firewall peers with. */
export interface PeeredSpoke {
  /** Resource id of the spoke's virtual network. */
  readonly virtualNetworkId: string;
  /** Name of the spoke's virtual network. */
  readonly virtualNetworkName: string;
  /** Resource group of the spoke's virtual network. */
  readonly resourceGroupName: string;
  /**
   * The spoke's address spaces (a `ClusterNetwork` has them): `peerWith` refuses a spoke the
   * firewall's `sourceAddressSpaces` do not cover, whose egress the firewall would deny.
   *
   * @default - not checked
   */
  readonly addressSpaces?: readonly string[];
  /**
   * Records a setting nodes must not race; a `ClusterNetwork` has it, and its clusters and
   * pools then wait for the spoke's DNS servers, also those created before `peerWith`.
   *
   * @default - the cluster does not learn of the DNS servers: pass `spokeDnsServers` to it
   */
  addDependable?(dependable: TerraformResource): void;
}

/** Options of {@link EgressFirewall.peerWith}. */
export interface PeerWithOptions {
  /**
   * Whether the spoke's VNet DNS servers point at the firewall, whose DNS proxy then
   * answers the spoke: nodes and the firewall resolve every name alike (what FQDN network
   * rules need), and private DNS zones linked to the hub (`linkPrivateDnsZones`) resolve in
   * the spoke. Set before the cluster exists: nodes read their DNS servers when they boot,
   * and a later change needs a node image upgrade of every pool.
   *
   * @default true
   */
  readonly useFirewallDns?: boolean;
}

/** What the cluster's egress route needs of a firewall, whoever runs it. */
export interface IEgressFirewall {
  /** Private IP the node subnets route 0.0.0.0/0 to. */
  readonly privateIpAddress: string;
}

/**
 * Azure Firewall in a hub network, the cluster's only way out (EGR-1, EGR-2): a firewall
 * policy with DNS proxy on and threat intelligence in deny mode, rule collection groups that
 * allow what AKS and the library's add-ons need (the `AzureKubernetesService` FQDN tag,
 * Azure Monitor, Azure Policy, Defender, the Key Vault CSI driver; reconciled with
 * Microsoft's outbound rules page, see `requiredFqdnRules`) plus your own typed list, and
 * nothing else; its logs go to the workspace. Peer it with a cluster network with
 * `peerWith(network)` (which also points the spoke's DNS at the firewall's DNS proxy),
 * link every private DNS zone the platform creates to the hub with `linkPrivateDnsZones`,
 * and route the node subnets to it with an `EgressRoute`.
 *
 * To use a firewall you already run, give its private IP to `EgressRoute` instead.
 */
export class EgressFirewall extends Construct implements IEgressFirewall {
  /** The firewall (escape hatch). */
  public readonly resource: Firewall;
  /** The firewall's and its policy's tier: Premium unless `withoutIntrusionDetection` says why not. */
  public readonly tier: FirewallTier;
  /** The firewall policy: DNS proxy, threat intelligence in deny mode (escape hatch). */
  public readonly policy: FirewallPolicy;
  /** The policy's rule collection group: the allow-list of FQDNs and network rules (escape hatch). */
  public readonly ruleCollectionGroup: FirewallPolicyRuleCollectionGroup;
  /** The hub virtual network the firewall sits in, which spokes peer with. */
  public readonly hubNetwork: VirtualNetwork;
  /** The hub's `AzureFirewallSubnet` (at least /26), which Azure Firewall requires by that name. */
  public readonly firewallSubnet: Subnet;
  /** The firewall's public IP: the source address the internet sees for the cluster's egress. */
  public readonly publicIp: PublicIp;
  public readonly privateIpAddress: string;
  /** Azure resource ID of the firewall. */
  public readonly firewallId: string;
  /** The spokes' DNS servers settings `peerWith` created, by spoke id. */
  public readonly spokeDnsServers: Record<string, VirtualNetworkDnsServers> = {};
  /** Links from private DNS zones to the hub network, by zone id. */
  private readonly hubZoneLinks = new Map<string, PrivateDnsZoneVirtualNetworkLink>();
  private readonly hubZoneNames = new Map<string, string>();
  private readonly props: EgressFirewallProps;

  constructor(scope: Construct, id: string, props: EgressFirewallProps) {
    super(scope, id);
    // JavaScript callers: every required prop present and of its type before anything reads one.
    throwIfInvalid(this, required("props", props, "object", "{ name, hubAddressSpace, sourceAddressSpaces, monitoring, resourceGroupName, location }"));
    throwIfPropsInvalid(
      this,
      props,
      required("name", props.name, "string", "'afw-hub'"),
      ...placementVerdicts(props),
      required("hubAddressSpace", props.hubAddressSpace, "string", "'10.200.0.0/24'"),
      required("sourceAddressSpaces", props.sourceAddressSpaces, "array", "['10.240.0.0/16']"),
      required("monitoring", props.monitoring, "object", "a ClusterMonitoring, or ClusterMonitoring.fromExistingWorkspace(id)"),
      typeof props.monitoring !== "object" || props.monitoring === null ? undefined : required("monitoring.workspaceId", props.monitoring.workspaceId, "string", "the workspace's resource id"),
      optionalList("zones", props.zones, "['1', '2', '3']"),
      optionalList("allowedFqdns", props.allowedFqdns, "['api.github.com']"),
      optionalList("allowedNetworkRules", props.allowedNetworkRules, "[{ name, protocols, destinationPorts, destinationAddresses, description }]"),
      stringEntries("zones", props.zones),
      stringEntries("sourceAddressSpaces", props.sourceAddressSpaces),
      stringEntries("allowedFqdns", props.allowedFqdns),
    );
    this.props = props;
    const tier: FirewallTier = props.withoutIntrusionDetection === undefined ? "Premium" : "Standard";
    this.tier = tier;
    const zones = [...(props.zones ?? ["1", "2", "3"])];
    const userRules = props.allowedNetworkRules ?? [];
    throwIfPropsInvalid(
      this,
      props,
      azureResourceName("name", props.name, 56),
      ipv4Cidr("hubAddressSpace", props.hubAddressSpace),
      ipv4Cidr("firewallSubnetCidr", props.firewallSubnetCidr),
      retiredTierProp(props),
      props.withoutIntrusionDetection === undefined
        ? undefined
        : (optionalOfKind("withoutIntrusionDetection", props.withoutIntrusionDetection, "object", "{ reason: 'development environment: no IDPS' }") ??
          reason("withoutIntrusionDetection.reason", props.withoutIntrusionDetection.reason, "why this firewall runs without intrusion detection")),
      availabilityZones("zones", zones),
      nonEmpty("sourceAddressSpaces", props.sourceAddressSpaces, "list the address spaces of the networks whose egress goes through the firewall."),
      // A whole list may be a token (a variable): its entries are known only at apply time.
      ...entries(props.sourceAddressSpaces).map((space, i) => ipv4Cidr(`sourceAddressSpaces[${i}]`, space)),
      sourceCatchAll(entries(props.sourceAddressSpaces)),
      isToken(props.allowedFqdns) ? unverifiable("allowedFqdns", "['api.github.com']") : undefined,
      ...entries(props.allowedFqdns ?? []).map((fqdn, i) => allowedFqdn(`allowedFqdns[${i}]`, fqdn)),
      isToken(userRules) ? unverifiable("allowedNetworkRules", "[{ name: 'ntp', ... }]") : undefined,
      ...(isToken(userRules) ? [] : userRules.flatMap((rule, i) => networkRuleVerdicts(`allowedNetworkRules[${i}]`, rule))),
      duplicateRuleName(userRules),
    );
    const firewallSubnetCidr = this.planFirewallSubnet();

    const names = {
      hub: derivedName(["vnet", props.name, "hub"], 64),
      // The tier is in the name: Azure cannot change a policy's tier (the provider's `sku` is
      // ForceNew) and a policy in use cannot be deleted, so a tier change creates a policy of
      // another name before the old one goes (hashicorp/terraform-provider-azurerm#29114).
      policy: derivedName(["afwp", props.name, tier.toLowerCase()], 80),
      publicIp: derivedName(["pip", props.name], 80),
    };
    this.hubNetwork = new VirtualNetwork(this, "HubNetwork", {
      name: names.hub,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      addressSpace: [props.hubAddressSpace],
      tags: props.tags,
    });
    this.firewallSubnet = new Subnet(this, "FirewallSubnet", {
      // Azure's fixed name for the firewall's subnet; it takes no NSG.
      name: RESERVED_SUBNETS.firewall,
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: this.hubNetwork.name,
      addressPrefixes: [firewallSubnetCidr],
    });
    this.publicIp = new PublicIp(this, "PublicIp", {
      name: names.publicIp,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      allocationMethod: "Static",
      sku: "Standard",
      zones,
      tags: props.tags,
    });
    this.policy = new FirewallPolicy(this, "Policy", {
      name: names.policy,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: tier,
      lifecycle: { createBeforeDestroy: true },
      // The firewall answers the spokes' DNS, so FQDNs in network rules resolve to the same
      // addresses the clients see.
      dns: { proxyEnabled: true },
      threatIntelligenceMode: "Deny",
      intrusionDetection: tier === "Premium" ? { mode: "Deny" } : undefined,
      tags: props.tags,
    });
    this.ruleCollectionGroup = this.allowList(userRules);
    this.resource = new Firewall(this, "Resource", {
      // The allow list is in place before the firewall, so before anything routed through it
      // (the route table takes the firewall's IP, the cluster waits for the route): nodes
      // that boot behind a firewall with no rules yet cannot reach MCR and provisioning fails.
      // It also keeps Terraform from updating the policy and the firewall at the same time.
      dependsOn: [this.ruleCollectionGroup],
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      skuName: "AZFW_VNet",
      skuTier: tier,
      firewallPolicyId: this.policy.id,
      zones,
      ipConfiguration: [{ name: "ipconfig", subnetId: this.firewallSubnet.id, publicIpAddressId: this.publicIp.id }],
      tags: props.tags,
    });
    this.firewallId = this.resource.id;
    if (props.withoutIntrusionDetection) Compliance.acknowledge(this, "EGR-4", props.withoutIntrusionDetection.reason);
    this.privateIpAddress = this.resource.ipConfiguration.get(0).privateIpAddress;

    // Every category: allowed and denied flows, DNS proxy queries, threat intelligence hits.
    sendAllLogs(this, "Logs", { name: "firewall-logs", targetResourceId: this.resource.id, workspaceId: props.monitoring.workspaceId });
  }

  /**
   * Peers the hub with a spoke network both ways, forwarding allowed so the spoke's
   * traffic can reach the internet through the firewall, and points the spoke's DNS servers
   * at the firewall (`useFirewallDns`, on by default): the DNS proxy is on, and this is what
   * makes the spoke use it (Microsoft's Azure Firewall DNS settings: the proxy needs the
   * VNet's DNS servers set to the firewall's private IP). With a `ClusterNetwork` its
   * clusters and pools wait for that setting; with another spoke, pass `spokeDnsServers[id]`
   * in the cluster's `dependsOn`.
   *
   * Name resolution then happens in the hub: link every private DNS zone the spoke's
   * workloads resolve (the vault's, the registry's, the API server's) to the hub with
   * {@link linkPrivateDnsZones}, or those names resolve to public addresses.
   */
  public peerWith(spoke: PeeredSpoke, id = "Spoke", options: PeerWithOptions = {}): VirtualNetworkPeering[] {
    throwIfInvalid(this, required(`peerWith(${id}): spoke`, spoke, "object", "a ClusterNetwork, or { virtualNetworkId, virtualNetworkName, resourceGroupName }"));
    throwIfInvalid(
      this,
      required(`peerWith(${id}): spoke.virtualNetworkId`, spoke.virtualNetworkId, "string", "network.virtualNetworkId"),
      required(`peerWith(${id}): spoke.virtualNetworkName`, spoke.virtualNetworkName, "string", "'vnet-aks-prod'"),
      required(`peerWith(${id}): spoke.resourceGroupName`, spoke.resourceGroupName, "string", "'rg-aks-prod'"),
      optionalList(`peerWith(${id}): spoke.addressSpaces`, spoke.addressSpaces, "['10.240.0.0/16']"),
      options.useFirewallDns === undefined || typeof options.useFirewallDns === "boolean" || isToken(options.useFirewallDns)
        ? undefined
        : `peerWith(${id}): useFirewallDns must be a boolean; got ${describe(options.useFirewallDns)}.`,
    );
    // The route sends every packet of the spoke's node subnets to the firewall, which allows
    // only its sources: a spoke outside them has all egress denied, and its nodes never join.
    const uncovered = spoke.addressSpaces ? uncoveredSpokeSpace(spoke.addressSpaces, this.props.sourceAddressSpaces) : undefined;
    if (uncovered !== undefined) {
      throw new ValidationError(
        `peerWith(${id}): the spoke's address space '${uncovered}' is not covered by sourceAddressSpaces [${this.props.sourceAddressSpaces.map((s) => `'${s}'`).join(", ")}]: the firewall would deny all of its egress, and nodes there never come up. Add '${uncovered}' (or a range containing it) to sourceAddressSpaces.`,
        this,
      );
    }
    // Peering names are unique per network: the hub holds one peering per spoke, so each is
    // named after the spoke's id ("peer-<firewall>-to-spoke" for the default id).
    const spokeName = id.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
    const toHub = new VirtualNetworkPeering(this, `${id}ToHub`, {
      name: derivedName(["peer", spokeName, "to", this.props.name], 80),
      resourceGroupName: spoke.resourceGroupName,
      virtualNetworkName: spoke.virtualNetworkName,
      remoteVirtualNetworkId: this.hubNetwork.id,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
    });
    const fromHub = new VirtualNetworkPeering(this, `HubTo${id}`, {
      name: derivedName(["peer", this.props.name, "to", spokeName], 80),
      resourceGroupName: this.props.resourceGroupName,
      virtualNetworkName: this.hubNetwork.name,
      remoteVirtualNetworkId: spoke.virtualNetworkId,
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
    });
    if (options.useFirewallDns ?? true) {
      // A separate resource rather than the VNet's inline dns_servers, so it works for a
      // spoke this stack does not create; the spoke reaches the firewall once peered.
      const dnsServers = new VirtualNetworkDnsServers(this, `${id}DnsServers`, {
        virtualNetworkId: spoke.virtualNetworkId,
        dnsServers: [this.privateIpAddress],
        dependsOn: [toHub, fromHub],
      });
      this.spokeDnsServers[id] = dnsServers;
      spoke.addDependable?.(dnsServers);
    }
    return [toHub, fromHub];
  }

  /**
   * Links private DNS zones to the hub network, where the firewall's DNS proxy resolves
   * the spokes' queries: without the link, a spoke whose DNS points at the firewall gets
   * the public address of a private endpoint (and a 403). Pass everything that created a
   * zone: `vault.privateEndpoint`, `registry.privateEndpoint`, the cluster. Zones you manage
   * yourself (given by id) are yours to link. Linking the same zone twice links it once.
   */
  public linkPrivateDnsZones(owners: readonly IPrivateDnsZoneOwner[]): PrivateDnsZoneVirtualNetworkLink[] {
    const links: PrivateDnsZoneVirtualNetworkLink[] = [];
    for (const zone of owners.flatMap((owner) => owner.privateDnsZones)) {
      const existing = this.hubZoneLinks.get(zone.id);
      if (existing) {
        links.push(existing);
        continue;
      }
      if (!isToken(zone.name)) {
        const other = this.hubZoneNames.get(zone.name.toLowerCase());
        if (other !== undefined) {
          throw new ValidationError(
            `linkPrivateDnsZones: two different zones are named '${zone.name}' (one in resource group '${other}', one in '${zone.resourceGroupName}'); Azure links a network to one zone of a name only. Use one zone for both (give the second its id, e.g. privateDnsZoneId), or resolve one elsewhere.`,
            this,
          );
        }
        this.hubZoneNames.set(zone.name.toLowerCase(), zone.resourceGroupName);
      }
      // Named after the zone when its name is known, so adding a zone never renames another.
      const linkId = isToken(zone.name) ? `HubDnsLink${this.hubZoneLinks.size}` : `HubDnsLink-${zone.name.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`;
      const link = new PrivateDnsZoneVirtualNetworkLink(this, linkId, {
        name: derivedName(["link", this.props.name, "hub"], 80),
        resourceGroupName: zone.resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: this.hubNetwork.id,
        registrationEnabled: false,
        tags: this.props.tags,
        dependsOn: zone.resource ? [zone.resource] : undefined,
      });
      this.hubZoneLinks.set(zone.id, link);
      links.push(link);
    }
    return [...new Set(links)];
  }

  /** A message whose leading prop is named as the user wrote it (the platform's hub.firewall.*). */
  private written(message: string): string {
    return asWritten(this, message, Object.keys(this.props));
  }

  private planFirewallSubnet(): string {
    const { hubAddressSpace, firewallSubnetCidr, sourceAddressSpaces } = this.props;
    if (isToken(hubAddressSpace)) {
      // The subnet cannot be carved from a range known only at apply, but one given is used as
      // is: Terraform and Azure check that it lies in the hub.
      if (firewallSubnetCidr !== undefined) return this.checkedSubnetPrefix(firewallSubnetCidr);
      throw new ValidationError(
        this.written(
          "hubAddressSpace must be known at synth time (a literal CIDR such as '10.200.0.0/24'), or firewallSubnetCidr must be given: the firewall's subnet is carved from the hub's range.",
        ),
        this,
      );
    }
    const hub = parseIpv4Cidr(hubAddressSpace)!;
    // The hub against each source: sources may overlap one another (a network and one of
    // its subnets), which a firewall rule's source list allows.
    const overlap = (isToken(sourceAddressSpaces) ? [] : sourceAddressSpaces)
      .map((space, i) =>
        isToken(space)
          ? undefined
          : findOverlap([
              { name: `hubAddressSpace '${hubAddressSpace}'`, block: hub },
              { name: `sourceAddressSpaces[${i}] '${space}'`, block: parseIpv4Cidr(space)! },
            ]),
      )
      .find((found) => found !== undefined);
    if (overlap) {
      throw new ValidationError(this.written(`${overlap[0]} overlaps ${overlap[1]}: peered networks need distinct address spaces. Pick a hub range outside the spokes.`), this);
    }
    if (firewallSubnetCidr === undefined) {
      const carved = allocateSubnets(hub, [{ name: "firewall", prefix: FIREWALL_SUBNET_MAX_PREFIX }]);
      if (!carved) {
        throw new ValidationError(this.written(
          `hubAddressSpace '${hubAddressSpace}' is too small for AzureFirewallSubnet, which must be at least a /${FIREWALL_SUBNET_MAX_PREFIX}. Use a /26 or larger hub (a /24 leaves room for a gateway and Bastion).`),
          this,
        );
      }
      return carved.firewall.text;
    }
    this.checkedSubnetPrefix(firewallSubnetCidr);
    if (isToken(firewallSubnetCidr)) return firewallSubnetCidr;
    const block = parseIpv4Cidr(firewallSubnetCidr)!;
    if (!contains(hub, block)) {
      throw new ValidationError(this.written(`firewallSubnetCidr must lie inside hubAddressSpace '${hubAddressSpace}'; got '${firewallSubnetCidr}'.`), this);
    }
    return firewallSubnetCidr;
  }

  /** A given firewall subnet is at least Azure's minimum; a token is returned unchecked. */
  private checkedSubnetPrefix(firewallSubnetCidr: string): string {
    if (isToken(firewallSubnetCidr)) return firewallSubnetCidr;
    const block = parseIpv4Cidr(firewallSubnetCidr)!;
    if (block.prefix > FIREWALL_SUBNET_MAX_PREFIX) {
      throw new ValidationError(this.written(
        `firewallSubnetCidr must be a /${FIREWALL_SUBNET_MAX_PREFIX} or larger (Azure's minimum for AzureFirewallSubnet); got '${firewallSubnetCidr}'.`),
        this,
      );
    }
    return firewallSubnetCidr;
  }

  private allowList(userRules: readonly EgressNetworkRule[]): FirewallPolicyRuleCollectionGroup {
    const sources = [...this.props.sourceAddressSpaces];
    const https = [{ type: "Https", port: 443 }];
    const fqdnRules: EgressFqdnRule[] = [...requiredFqdnRules(this.props.location)];
    const applicationRules = [
      {
        name: "aks-core",
        description: "AKS core dependencies: Microsoft Container Registry, Azure management, Entra ID, packages, CNI binaries",
        sourceAddresses: sources,
        destinationFqdnTags: [AKS_FQDN_TAG],
        protocols: [
          { type: "Http", port: 80 },
          { type: "Https", port: 443 },
        ],
      },
      ...fqdnRules.map((rule) => ({ name: rule.name, description: rule.description, sourceAddresses: sources, destinationFqdns: [...rule.fqdns], protocols: https })),
    ];
    const userFqdns = this.props.allowedFqdns ?? [];
    const toNetworkRule = (rule: EgressNetworkRule) => ({
      name: rule.name,
      description: rule.description,
      protocols: [...rule.protocols],
      sourceAddresses: sources,
      destinationPorts: [...rule.destinationPorts],
      destinationFqdns: rule.destinationFqdns ? [...rule.destinationFqdns] : undefined,
      destinationAddresses: rule.destinationAddresses ? [...rule.destinationAddresses] : undefined,
    });
    return new FirewallPolicyRuleCollectionGroup(this, "AllowList", {
      name: "aks-egress",
      firewallPolicyId: this.policy.id,
      priority: 200,
      // Replaced with the policy (its policy id is ForceNew): the new allow list exists before
      // the firewall moves to the new policy, so egress is never without rules.
      lifecycle: { createBeforeDestroy: true },
      networkRuleCollection: [
        { name: "aks-required-network", priority: 100, action: "Allow", rule: REQUIRED_NETWORK_RULES.map(toNetworkRule) },
        ...(userRules.length > 0 ? [{ name: "user-network", priority: 300, action: "Allow", rule: userRules.map(toNetworkRule) }] : []),
      ],
      applicationRuleCollection: [
        { name: "aks-required-fqdns", priority: 200, action: "Allow", rule: applicationRules },
        ...(userFqdns.length > 0
          ? [
              {
                name: "user-fqdns",
                priority: 400,
                action: "Allow",
                rule: [{ name: "user-allowed-fqdns", description: "Destinations the platform team allowed", sourceAddresses: sources, destinationFqdns: [...userFqdns], protocols: https }],
              },
            ]
          : []),
      ],
    });
  }
}

/** `tier` (0.1) became `withoutIntrusionDetection`: say so to JavaScript callers that still pass it. */
function retiredTierProp(props: EgressFirewallProps): Verdict {
  const tier = (props as { tier?: unknown }).tier;
  if (tier === undefined) return undefined;
  return `tier is no longer a prop (got ${describe(tier)}): the firewall is Premium with intrusion detection in deny mode by default. Remove tier; for Standard, pass withoutIntrusionDetection: { reason } (EGR-4's acknowledgement).`;
}

/** Rule names are unique in their collection: Azure rejects a collection that repeats one. */
function duplicateRuleName(rules: readonly EgressNetworkRule[]): string | undefined {
  if (isToken(rules)) return undefined;
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    if (typeof rule?.name !== "string" || isToken(rule.name)) continue;
    if (seen.has(rule.name)) {
      return `allowedNetworkRules[${i}].name must be unique among allowedNetworkRules; got '${rule.name}' twice.`;
    }
    seen.add(rule.name);
  }
  return undefined;
}

/** The firewall's sources must name networks: a catch-all lets any network out, the hub's and a peer's too. */
function sourceCatchAll(spaces: readonly string[]): Verdict {
  const catchAll = catchAllIn(spaces.filter((space) => !isToken(space)));
  return catchAll === undefined
    ? undefined
    : `sourceAddressSpaces must not contain or add up to a catch-all; got ${catchAll}. List the address spaces of the cluster networks whose egress goes through the firewall.`;
}

/** The entries of a literal list; none for a list that is a token as a whole. */
function entries(values: readonly string[]): readonly string[] {
  return isToken(values) ? [] : values;
}
