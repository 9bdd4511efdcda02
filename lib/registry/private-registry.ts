import { Construct } from "../private/cdktf";
import { ContainerRegistry, RoleAssignment } from "../private/azurerm";
import { describe, integerBetween, isToken, matches, optionalOfKind, placementVerdicts, required, throwIfInvalid, type Verdict } from "../private/validate";
import { ValidationError } from "../errors";
import type { Grantee } from "../identity/principal";
import { grantedPrincipal } from "../identity/grantee";
import { throwIfPropsInvalid } from "../private/prop-paths";
import { isCatchAll, overlaps, parseIpv4Cidr } from "../private/cidr";
import { PrivateEndpoint } from "../network/private-endpoint";
import type { AzureResourceOptions } from "../resource-options";
import { AZURE_ROLES, PRIVATE_DNS_ZONE_NAMES, PRIVATE_LINK_SUBRESOURCES } from "../facts";

/** The private DNS zone of Azure Container Registry's private endpoints. */
export const REGISTRY_PRIVATE_DNS_ZONE = PRIVATE_DNS_ZONE_NAMES.containerRegistry;

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
  /**
   * Public IPv4 addresses or ranges (a trial deployer's egress, `deployer.allowedIpRanges`)
   * allowed to reach the registry over its public endpoint. Setting it turns public network
   * access on, restricted to exactly these ranges by a deny-by-default network rule set: an
   * opt-out of IMG-1 to acknowledge with the deployer's reason, and to remove once the
   * deployer runs inside the network. Single addresses are written as /32 (ACR takes CIDRs).
   *
   * @default - none: public network access off
   */
  readonly deployerIpRanges?: readonly string[];
}

/** Options of {@link PrivateRegistry.grantPull}. */
export interface RegistryGrantOptions {
  /**
   * Construct id of the role assignment, unique within the registry. Give one per principal
   * when several pull from the registry.
   *
   * @default "KubeletAcrPull"
   */
  readonly id?: string;
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
  /** Azure resource ID of the registry, the scope of `AcrPull` and other role assignments on it. */
  public readonly registryId: string;
  /** `<name>.azurecr.io`. */
  public readonly loginServer: string;
  /** Pull grants by principal, so granting the same identity twice gives one assignment. */
  private readonly pullGrants = new Map<string, RoleAssignment>();

  constructor(scope: Construct, id: string, props: PrivateRegistryProps) {
    super(scope, id);
    // JavaScript callers: every required prop present and of its type before anything reads one.
    throwIfInvalid(this, required("props", props, "object", "{ name, privateEndpointSubnetId, virtualNetworkIds, resourceGroupName, location }"));
    throwIfPropsInvalid(
      this,
      props,
      required("name", props.name, "string", "'craksprod'"),
      ...placementVerdicts(props),
      optionalOfKind("privateEndpointSubnetId", props.privateEndpointSubnetId, "string", "network.privateEndpointsSubnetId"),
      required("virtualNetworkIds", props.virtualNetworkIds, "array", "[network.virtualNetworkId]"),
      typed("untaggedRetentionDays", props.untaggedRetentionDays, "number"),
      typed("zoneRedundancyEnabled", props.zoneRedundancyEnabled, "boolean"),
      props.deployerIpRanges === undefined || isToken(props.deployerIpRanges) ? undefined : required("deployerIpRanges", props.deployerIpRanges, "array", "['203.0.113.7']"),
      optionalOfKind("privateDnsZoneId", props.privateDnsZoneId, "string", "the zone's resource id"),
    );
    const retention = props.untaggedRetentionDays ?? 7;
    throwIfPropsInvalid(
      this,
      props,
      matches("name", props.name, /^[a-zA-Z0-9]{5,50}$/, "5-50 letters or digits (Azure's rule for container registries; no hyphens)"),
      integerBetween("untaggedRetentionDays", retention, 0, 365, "Azure Container Registry's retention range"),
      props.privateEndpointSubnetId === undefined
        ? "privateEndpointSubnetId is required; got undefined. The registry's public network access is off, so its private endpoint is the only way in: pass the network's privateEndpointsSubnetId (ClusterNetwork creates one; with ClusterNetwork.fromExisting, set privateEndpointsSubnetId)."
        : undefined,
      linkedNetworks(props),
      ...publicRanges(props.deployerIpRanges ?? []),
    );
    const deployerIpRanges = props.deployerIpRanges ?? [];
    const publicAccess = isToken(deployerIpRanges) || deployerIpRanges.length > 0;
    this.resource = new ContainerRegistry(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: "Premium",
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: publicAccess,
      // Export needs public access off (the provider's CustomizeDiff refuses it otherwise).
      exportPolicyEnabled: publicAccess ? undefined : false,
      networkRuleSet: publicAccess
        ? [
            {
              defaultAction: "Deny",
              ipRule: deployerIpRanges.map((range) => ({ action: "Allow", ipRange: isToken(range) || range.includes("/") ? range : `${range}/32` })),
            },
          ]
        : undefined,
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
   * Lets a principal pull images: `AcrPull` on this registry, nothing more. Pass a
   * `HardenedCluster`, which is granted through its kubelet identity (what pulls images for
   * its nodes). Granting the same principal again returns the existing assignment (Azure
   * refuses a duplicate).
   *
   * @param principal a cluster, or e.g. `Principal.servicePrincipal('<object id>')`
   */
  public grantPull(principal: Grantee, options: RegistryGrantOptions = {}): RoleAssignment {
    const { principalId, principalType } = grantedPrincipal(this, "grantPull(principal)", principal);
    // The id used to be the second argument: a JavaScript caller passing it so gets told.
    throwIfInvalid(this, optionalOfKind("grantPull options", options, "object", "{ id: 'KubeletAcrPull' }"));
    const existing = this.pullGrants.get(principalId);
    if (existing) return existing;
    const id = options.id ?? "KubeletAcrPull";
    if (this.node.tryFindChild(id)) {
      throw new ValidationError(
        `a role assignment with id '${id}' already exists in ${this.node.path}: this registry grants AcrPull to another principal there. Pass a distinct options.id for each principal.`,
        this,
      );
    }
    const assignment = new RoleAssignment(this, id, {
      scope: this.registryId,
      roleDefinitionName: AZURE_ROLES.acrPull.name,
      principalId,
      principalType,
    });
    this.pullGrants.set(principalId, assignment);
    return assignment;
  }
}

/** Private and special ranges, which a registry's public endpoint never sees. */
const NON_PUBLIC_IPV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10"].map((cidr) => parseIpv4Cidr(cidr)!);

/** Registry IP rules: public IPv4 addresses or CIDRs, no catch-all. */
function publicRanges(ranges: readonly string[]): Verdict[] {
  if (isToken(ranges)) {
    return ["deployerIpRanges must be a literal list (its entries may be tokens); got a list known only when Terraform runs. Each range becomes its own ip_rule block, so the registry needs the list itself at synthesis."];
  }
  return ranges.map((range, i) => {
    if (isToken(range)) return undefined;
    const block = parseIpv4Cidr(range.includes("/") ? range : `${range}/32`);
    if (isCatchAll(range) || !block || NON_PUBLIC_IPV4.some((net) => overlaps(net, block))) {
      return `deployerIpRanges[${i}] must be a public IPv4 address or CIDR, not a catch-all or private range; got '${range}'. Give your deployer's egress address, such as '203.0.113.7', or leave deployerIpRanges out and deploy from inside the network.`;
    }
    return undefined;
  });
}

/** A created zone must be linked to at least one network, or nothing resolves the registry. */
function linkedNetworks(props: PrivateRegistryProps): Verdict {
  if (props.privateDnsZoneId !== undefined || isToken(props.virtualNetworkIds)) return undefined;
  return props.virtualNetworkIds.length === 0
    ? `virtualNetworkIds must not be empty; got []. The created ${REGISTRY_PRIVATE_DNS_ZONE} zone resolves the registry only in the networks it is linked to: pass the cluster's network id, or give privateDnsZoneId for a zone you link yourself.`
    : undefined;
}

/** An optional prop of a JavaScript caller is of its type: `'7'` is not compared as 7. */
function typed(prop: string, value: unknown, kind: "number" | "boolean"): Verdict {
  if (value === undefined || isToken(value) || typeof value === kind) return undefined;
  return `${prop} must be a ${kind}; got ${describe(value)}.`;
}
