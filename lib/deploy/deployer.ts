import { Construct, type TerraformStack } from "../private/cdktf";
import { PrivateDnsZoneVirtualNetworkLink, VirtualNetworkPeering } from "../private/azurerm";
import { DeployerPrincipal } from "./deployer-principal";

/** A network the deployer's runner must reach. */
export interface DeployerNetworkTarget {
  /** Resource id of the network. */
  readonly virtualNetworkId: string;
  /** Name of the network. */
  readonly virtualNetworkName: string;
  /** Resource group of the network. */
  readonly resourceGroupName: string;
}

/** A private DNS zone the deployer's runner must resolve. */
export interface DeployerZoneTarget {
  /** Name of the zone, e.g. `privatelink.vaultcore.azure.net`. */
  readonly zoneName: string;
  /** Resource group of the zone. */
  readonly resourceGroupName: string;
}

/** Where Terraform runs from and as whom, declared once per platform. */
export class Deployer {
  /** A runner inside a virtual network that is peered with the platform's networks. */
  public static runnerInNetwork(props: { readonly virtualNetworkId: string; readonly principal?: DeployerPrincipal }): Deployer {
    return new Deployer(props.principal ?? DeployerPrincipal.current(), [], props.virtualNetworkId);
  }

  /** Opt-out: runners reaching the platform's public endpoints from these public ranges. */
  public static publicIpRanges(ranges: readonly string[], props: { readonly reason: string; readonly principal?: DeployerPrincipal }): Deployer {
    return new Deployer(props.principal ?? DeployerPrincipal.current(), [...ranges], undefined);
  }

  private constructor(
    /** Who runs Terraform. */
    public readonly principal: DeployerPrincipal,
    /** Public ranges the runners come from; empty for a runner in a network. */
    public readonly allowedIpRanges: readonly string[],
    private readonly runnerNetworkId: string | undefined,
  ) {}

  /** Records the deployer for synth-time checks. */
  public declare(stack: TerraformStack): void {
    void stack;
  }

  /** Peers the runner's network with each network and links each zone to it. */
  public connect(
    scope: Construct,
    id: string,
    targets: { readonly networks: readonly DeployerNetworkTarget[]; readonly privateDnsZones: readonly DeployerZoneTarget[] },
  ): void {
    if (this.runnerNetworkId === undefined) return;
    const connection = new Construct(scope, id);
    targets.networks.forEach((network, i) => {
      new VirtualNetworkPeering(connection, `Peering${i}`, {
        name: `peer-${i}-to-deployer`,
        resourceGroupName: network.resourceGroupName,
        virtualNetworkName: network.virtualNetworkName,
        remoteVirtualNetworkId: this.runnerNetworkId!,
        allowVirtualNetworkAccess: true,
      });
    });
    targets.privateDnsZones.forEach((zone, i) => {
      new PrivateDnsZoneVirtualNetworkLink(connection, `ZoneLink${i}`, {
        name: `link-${i}-deployer`,
        resourceGroupName: zone.resourceGroupName,
        privateDnsZoneName: zone.zoneName,
        virtualNetworkId: this.runnerNetworkId!,
      });
    });
  }
}
