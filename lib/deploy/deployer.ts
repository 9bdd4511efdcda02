import { Construct, TerraformStack } from "../private/cdktf";
import { PrivateDnsZoneVirtualNetworkLink, VirtualNetworkPeering } from "../private/azurerm";
import { ValidationError } from "../errors";
import { describe, isToken, optionalOfKind, reason as reasonVerdict, required, resourceGroupName, type Verdict } from "../private/validate";
import { contains, isCatchAll, parseIpv4Cidr } from "../private/cidr";
import { DeployerPrincipal } from "./deployer-principal";
import { declaredDeployer, installDeploymentCheck, recordDeclaration } from "../private/deploy/deployment-check";

/** `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>`. */
const VIRTUAL_NETWORK_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)$/i;

/**
 * Ranges a public endpoint never sees as a source: private (RFC 1918), shared address space
 * (RFC 6598), loopback and link-local.
 */
const NOT_PUBLIC_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"];

/** The shortest reason `publicIpRanges` accepts: a sentence, not a placeholder. */

/** Throws the first failed verdict of a static factory (no construct exists yet: the message names the call). */
function failFactory(...verdicts: Verdict[]): void {
  const failed = verdicts.find((verdict) => verdict !== undefined);
  // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
  if (failed !== undefined) throw new ValidationError(failed);
}

/** An optional prop, when given, is a non-empty string (or a token). */
function optionalString(prop: string, value: unknown, example: string): Verdict {
  return optionalOfKind(prop, value, "string", example);
}

/** A principal, when given, is one `DeployerPrincipal` made (a plain object has no object id to grant). */
function principalVerdict(prop: string, value: unknown): Verdict {
  if (value === undefined || value instanceof DeployerPrincipal) return undefined;
  return `${prop} must be a DeployerPrincipal, e.g. DeployerPrincipal.servicePrincipal('<object id>') or DeployerPrincipal.current(); got ${describe(value)}.`;
}

/** Props of {@link Deployer.runnerInNetwork}. */
export interface RunnerInNetworkProps {
  /**
   * The runner's VNet, as an ARM id. A literal id is checked and gives the runner-side
   * peering its name and resource group; with a token, pass `virtualNetworkName` and
   * `resourceGroupName` too, or `connect` cannot create the runner-side peering.
   */
  readonly virtualNetworkId: string;
  /**
   * The runner's VNet name, when `virtualNetworkId` is a token.
   *
   * @default - the last segment of a literal `virtualNetworkId`
   */
  readonly virtualNetworkName?: string;
  /**
   * The runner's VNet resource group, when `virtualNetworkId` is a token.
   *
   * @default - the resource group segment of a literal `virtualNetworkId`
   */
  readonly resourceGroupName?: string;
  /**
   * Who the runner deploys as.
   *
   * @default DeployerPrincipal.current()
   */
  readonly principal?: DeployerPrincipal;
}

/** Props of {@link Deployer.publicIpRanges}. */
export interface PublicIpRangesProps {
  /** Why the deployer runs outside the network (a trial, say): recorded with the weakening. */
  readonly reason: string;
  /**
   * Who deploys from these ranges.
   *
   * @default DeployerPrincipal.current()
   */
  readonly principal?: DeployerPrincipal;
}

/** A network the runner is peered with by {@link Deployer.connect}. */
export interface DeployerNetworkTarget {
  /** The network's VNet id (the runner side's peering points at it). */
  readonly virtualNetworkId: string;
  /** The network's VNet name (its side's peering is created in it). */
  readonly virtualNetworkName: string;
  /** The resource group of the network's VNet. */
  readonly resourceGroupName: string;
}

/** A private DNS zone {@link Deployer.connect} links to the runner's VNet. */
export interface DeployerZoneTarget {
  /** The zone's name, e.g. `privatelink.vaultcore.azure.net`. */
  readonly zoneName: string;
  /** The zone's resource group (its links are created there). */
  readonly resourceGroupName: string;
}

/** What {@link Deployer.connect} created, so the resources that need the path can wait for it. */
export interface DeployerConnection {
  /** The peerings, both directions for each network. */
  readonly peerings: readonly VirtualNetworkPeering[];
  /** The zone links to the runner's VNet. */
  readonly dnsZoneLinks: readonly PrivateDnsZoneVirtualNetworkLink[];
}

/**
 * Where a declared deployer runs, as the synthesis-time checks read it: a runner's VNet, or
 * public ranges with the weakening's reason.
 */
export type DeployerLocation =
  | {
      /** A runner inside a virtual network. */
      readonly kind: "network";
      /** Azure resource ID of the runner's virtual network. */
      readonly virtualNetworkId: string;
    }
  | {
      /** A trial: the deployer reaches the vault and registry over their public endpoints. */
      readonly kind: "public";
      /** The public IP ranges the deployer's traffic leaves from, which the vault and registry allow. */
      readonly ranges: readonly string[];
      /** Why the deployer runs from public ranges, recorded with the acknowledged weakening. */
      readonly reason: string;
    };

/**
 * Where `cdktf deploy` runs, declared: a runner inside a network you name, or (for a trial)
 * public IP ranges. Synthesis checks against it that the deployer can reach every data plane
 * the stack's Terraform calls (Key Vault keys and secrets, the disk encryption set's key read,
 * the registry, the Kubernetes API of an in-cluster stack), and writes the deploy plan from
 * it. There is no default: a plan that works only from someone's laptop is not a plan.
 */
export class Deployer {
  /**
   * A runner (self-hosted CI runner, VM, container) inside a VNet you name; the platform peers
   * that VNet with the networks that hold private endpoints and links every private DNS zone
   * it creates to it. A runner VNet in another resource group or subscription works: the
   * runner-side peering is created in the runner's resource group, named from a literal
   * `virtualNetworkId` (or from `virtualNetworkName` and `resourceGroupName`).
   *
   * @throws ValidationError when a literal `virtualNetworkId` is not a VNet's ARM id
   */
  public static runnerInNetwork(props: RunnerInNetworkProps): Deployer {
    failFactory(
      required("Deployer.runnerInNetwork(props)", props, "object", "{ virtualNetworkId: '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>' }"),
      props &&
        required(
          "Deployer.runnerInNetwork: virtualNetworkId",
          props.virtualNetworkId,
          "string",
          "'/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>' (az network vnet show --query id)",
        ),
      props && optionalString("Deployer.runnerInNetwork: virtualNetworkName", props.virtualNetworkName, "'vnet-runners'"),
      props && optionalString("Deployer.runnerInNetwork: resourceGroupName", props.resourceGroupName, "'rg-runners'"),
      props && resourceGroupName("Deployer.runnerInNetwork: resourceGroupName", props.resourceGroupName),
      props && principalVerdict("Deployer.runnerInNetwork: principal", props.principal),
    );
    const id = props.virtualNetworkId;
    let name = props.virtualNetworkName;
    let group = props.resourceGroupName;
    if (!isToken(id)) {
      const match = VIRTUAL_NETWORK_ID.exec(id ?? "");
      if (!match) {
        // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
        throw new ValidationError(
          `Deployer.runnerInNetwork: virtualNetworkId must be a virtual network's ARM id, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>; got '${id}'. Pass the id of the VNet your runner is in (az network vnet show --query id).`,
        );
      }
      group ??= match[2];
      name ??= match[3];
    }
    return new Deployer({ kind: "network", virtualNetworkId: id }, props.principal ?? DeployerPrincipal.current(), [], name, group);
  }

  /**
   * For a trial: the deployer reaches the vault and registry over their public endpoints from
   * exactly these ranges; recorded as an acknowledged weakening with the reason. Pass
   * `allowedIpRanges` to the vault's and registry's `deployerIpRanges`, and acknowledge their
   * rules (SEC-2, IMG-1) with `reason`.
   *
   * @param ranges public IPv4 addresses or CIDRs, e.g. your egress address `203.0.113.7`
   * @throws ValidationError for no range, a catch-all, a non-IPv4 or non-public range (private, shared, loopback, link-local), or a reason under 10 characters
   */
  public static publicIpRanges(ranges: readonly string[], props: PublicIpRangesProps): Deployer {
    failFactory(
      required("Deployer.publicIpRanges(ranges)", ranges, "array", "['203.0.113.7']"),
      required("Deployer.publicIpRanges(ranges, props)", props, "object", "{ reason: 'Trial from a laptop; the runner network comes next sprint.' }"),
      props && principalVerdict("Deployer.publicIpRanges: principal", props.principal),
      ...(Array.isArray(ranges) ? ranges : []).map((range, i) =>
        typeof range === "string" || isToken(range) ? undefined : `Deployer.publicIpRanges: ranges[${i}] must be a string such as '203.0.113.7'; got ${describe(range)}.`,
      ),
    );
    if (!isToken(ranges)) {
      if (ranges.length === 0) {
        // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
        throw new ValidationError("Deployer.publicIpRanges: ranges must not be empty; got []. List the public addresses your deployer's traffic leaves from, or use Deployer.runnerInNetwork.");
      }
      ranges.forEach((range, i) => {
        if (isToken(range)) return;
        const block = parseIpv4Cidr(range.includes("/") ? range : `${range}/32`);
        if (isCatchAll(range) || !block) {
          // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
          throw new ValidationError(
            `Deployer.publicIpRanges: ranges[${i}] must be one public IPv4 address or CIDR, not a catch-all; got '${range}'. Give your deployer's egress address, such as '203.0.113.7' or '203.0.113.0/28'.`,
          );
        }
        const notPublic = NOT_PUBLIC_RANGES.find((reserved) => contains(parseIpv4Cidr(reserved)!, block) || contains(block, parseIpv4Cidr(reserved)!));
        if (notPublic) {
          // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
          throw new ValidationError(
            `Deployer.publicIpRanges: ranges[${i}] '${range}' overlaps ${notPublic}, which is not a public range: the vault's and registry's public endpoints never see traffic from it. Give the public address your deployer's traffic leaves from (its NAT or egress IP, e.g. '203.0.113.7'), or, for a runner inside a network, use Deployer.runnerInNetwork.`,
          );
        }
      });
    }
    const reasonRule = reasonVerdict("Deployer.publicIpRanges: reason", props.reason, "why the deployer runs outside the network");
    if (reasonRule !== undefined) {
      // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
      throw new ValidationError(reasonRule);
    }
    const reason = isToken(props.reason) ? props.reason : props.reason.trim();
    return new Deployer({ kind: "public", ranges: [...ranges], reason }, props.principal ?? DeployerPrincipal.current(), [...ranges]);
  }

  private constructor(
    /** Where the deployer runs, as the checks read it. */
    public readonly location: DeployerLocation,
    /** Who deploys. */
    public readonly principal: DeployerPrincipal,
    /** Public ranges the vault and registry must allow (empty for a runner in a network). */
    public readonly allowedIpRanges: readonly string[],
    private readonly runnerNetworkName?: string,
    private readonly runnerResourceGroupName?: string,
  ) {}

  /** The runner's VNet id, for a runner in a network. */
  public get virtualNetworkId(): string | undefined {
    return this.location.kind === "network" ? this.location.virtualNetworkId : undefined;
  }

  /** The weakening's reason, for public ranges. */
  public get reason(): string | undefined {
    return this.location.kind === "public" ? this.location.reason : undefined;
  }

  /**
   * Records this deployer as the one that deploys `stack`, for the line-of-sight check and
   * the deploy plan (works for hand-wired stacks too).
   *
   * @throws ValidationError when another deployer was declared for the stack
   */
  public declare(stack: TerraformStack): void {
    const other = declaredDeployer(stack);
    if (other && other !== this) {
      throw new ValidationError(`a different deployer is already declared for stack '${stack.node.id}': a stack is deployed from one place. Declare one Deployer per stack.`, stack);
    }
    recordDeclaration(stack, this);
    installDeploymentCheck(stack);
  }

  /** The deployer in words, for the deploy plan and messages. */
  public describe(): string {
    const who = this.principal.describe();
    if (this.location.kind === "public") {
      return `a machine whose public address is in ${this.location.ranges.join(", ")}, as ${who} (a weakening: ${this.location.reason})`;
    }
    const vnet = isToken(this.location.virtualNetworkId) ? "the runner's VNet" : this.location.virtualNetworkId;
    return `a runner inside the VNet ${vnet}, as ${who}`;
  }

  /**
   * Gives a runner-in-network deployer line of sight: peers its VNet with each network (both
   * directions; construct ids derived from `id`) and links each private DNS zone to its VNet.
   * Nothing for public ranges. Make the resources that the deployer writes through a private
   * endpoint wait for what it returns (`SecretsVault.addKeyPrerequisite`).
   *
   * @throws ValidationError when the runner's VNet is a token and its name or resource group was not given
   */
  public connect(
    scope: Construct,
    id: string,
    targets: { readonly networks: readonly DeployerNetworkTarget[]; readonly privateDnsZones: readonly DeployerZoneTarget[] },
  ): DeployerConnection {
    if (this.location.kind !== "network") return { peerings: [], dnsZoneLinks: [] };
    const runnerId = this.location.virtualNetworkId;
    if (targets.networks.length > 0 && (this.runnerNetworkName === undefined || this.runnerResourceGroupName === undefined)) {
      throw new ValidationError(
        `Deployer.connect: the runner-side peering needs the runner VNet's name and resource group, but virtualNetworkId is a token. Pass virtualNetworkName and resourceGroupName to Deployer.runnerInNetwork.`,
        scope,
      );
    }
    const peerings: VirtualNetworkPeering[] = [];
    targets.networks.forEach((network, i) => {
      peerings.push(
        new VirtualNetworkPeering(scope, `${id}-ToRunner-${i}`, {
          name: `peer-${network.virtualNetworkName}-to-deployer`,
          virtualNetworkName: network.virtualNetworkName,
          resourceGroupName: network.resourceGroupName,
          remoteVirtualNetworkId: runnerId,
          allowVirtualNetworkAccess: true,
          // The runner reaches endpoints in this network; it forwards nothing.
          allowForwardedTraffic: false,
        }),
        new VirtualNetworkPeering(scope, `${id}-FromRunner-${i}`, {
          // Named after the target: environments that share one runner VNet each add their own.
          name: `peer-deployer-to-${network.virtualNetworkName}`,
          virtualNetworkName: this.runnerNetworkName!,
          resourceGroupName: this.runnerResourceGroupName!,
          remoteVirtualNetworkId: network.virtualNetworkId,
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: false,
        }),
      );
    });
    const dnsZoneLinks = targets.privateDnsZones.map(
      (zone, i) =>
        new PrivateDnsZoneVirtualNetworkLink(scope, `${id}-DnsLink-${i}`, {
          name: `link-deployer-${this.runnerNetworkName ?? i}`,
          privateDnsZoneName: zone.zoneName,
          resourceGroupName: zone.resourceGroupName,
          virtualNetworkId: runnerId,
          registrationEnabled: false,
        }),
    );
    return { peerings, dnsZoneLinks };
  }
}
