import { Construct, TerraformStack } from "../private/cdktf";
import { AzurermProvider, ResourceGroup, VirtualNetworkPeering } from "../private/azurerm";
import { azureLocation, describe, guid, ipv4Cidr, isToken, matches, nonEmpty, required as requiredProp, resourceGroupName, tags as tagsVerdict, throwIfInvalid, underProp, type Verdict } from "../private/validate";
import { derivedName } from "../private/names";
import { ValidationError } from "../errors";
import { idFromName } from "./construct-ids";
import { ClusterNetwork, type ClusterNetworkProps, type ExistingNetworkAttributes, type IClusterNetwork } from "../network/cluster-network";
import { ClusterMonitoring, type ClusterMonitoringProps, type IClusterMonitoring } from "../monitoring/cluster-monitoring";
import { EgressFirewall, type EgressFirewallProps } from "../egress/egress-firewall";
import { EgressRoute } from "../egress/egress-route";
import { ClusterEgress } from "../egress/cluster-egress";
import { WafIngress, type WafIngressProps } from "../ingress/waf-ingress";
import { PrivateRegistry, type PrivateRegistryProps } from "../registry/private-registry";
import { SecretsVault, type SecretsVaultProps } from "../secrets/secrets-vault";
import { HardenedCluster, type HardenedClusterProps } from "../cluster/hardened-cluster";
import { ManagedPrometheus, type ManagedPrometheusProps } from "../monitoring/managed-prometheus";
import { ClusterEncryption } from "../cluster/cluster-encryption";
import { WorkloadIdentity } from "../identity/workload-identity";
import { Compliance } from "../compliance/compliance";
import type { Deployer, DeployerNetworkTarget, DeployerZoneTarget } from "../deploy/deployer";
import { PLATFORM_MARKER } from "../private/prop-paths";
import type { ITerraformDependable } from "../private/cdktf";
import { ClusterBackup, type ClusterBackupProps } from "../backup/cluster-backup";
import { PROFILE_CHOICE_APPLICATIONS, SecurityProfile, type ProfileChoice } from "./security-profile";

/** The address ranges of one platform, declared once: what the network, the hub and the environments' checks read. */
export interface PlatformAddressPlan {
  /** The spoke network's IPv4 address space (the cluster's nodes, gateway, endpoints and API server), e.g. `10.240.0.0/16`. */
  readonly spoke: string;
  /**
   * The hub network's IPv4 address space, where the egress firewall lives. Needed when the
   * platform creates the hub; omit it with `hub.existing`.
   *
   * @default - none: required unless `hub.existing` is given
   */
  readonly hub?: string;
}

/** The resource group the platform's resources go in. */
export interface PlatformResourceGroupOptions {
  /**
   * Name of the group.
   *
   * @default `rg-aks-<name>`
   */
  readonly name?: string;
  /**
   * Whether the group already exists (created outside this stack): the platform then
   * creates nothing and places its resources in it by name.
   *
   * @default false - the platform creates the group
   */
  readonly existing?: boolean;
}

/** A network the user built, with what the platform needs to peer it with the hub. */
export interface ExistingPlatformNetwork extends ExistingNetworkAttributes {
  /** Name of the virtual network (its hub peering is created in it). */
  readonly virtualNetworkName: string;
  /** Resource group of the virtual network. */
  readonly resourceGroupName: string;
}

/** The spoke network: made by the platform, or brought. */
export interface PlatformNetworkOptions extends Partial<Omit<ClusterNetworkProps, "addressSpace" | "resourceGroupName" | "location">> {
  /**
   * A network the user built (`ClusterNetwork.fromExisting` is made from it): the platform
   * creates no spoke network, and peers this one with the hub.
   *
   * @default - the platform creates the spoke network `vnet-aks-<name>` over `addressPlan.spoke`
   */
  readonly existing?: ExistingPlatformNetwork;
}

/** A hub (with its firewall) the user runs: the platform routes egress to it and peers the spoke with it. */
export interface ExistingHub {
  /** Private IP of the hub's firewall: the next hop of the spoke's default route. */
  readonly firewallPrivateIp: string;
  /** Resource id of the hub's virtual network. */
  readonly virtualNetworkId: string;
  /** Name of the hub's virtual network. */
  readonly virtualNetworkName: string;
  /** Resource group of the hub's virtual network. */
  readonly resourceGroupName: string;
}

/** The hub and its egress firewall. */
export interface PlatformHubOptions {
  /**
   * A hub the user runs: the platform creates no firewall, routes the spoke's egress to the
   * given firewall IP and peers the spoke with the hub both ways. Allow AKS's required egress
   * on that firewall (`requiredFqdnRules(location)` and `REQUIRED_NETWORK_RULES`, what
   * `EgressFirewall` writes). The deployer is connected to the spoke only: the hub is another
   * team's network, and the runner needs only the spoke's private endpoints.
   *
   * @default - the platform creates a hub over `addressPlan.hub` with an `EgressFirewall`
   */
  readonly existing?: ExistingHub;
  /**
   * Props of the firewall the platform creates.
   *
   * @default - `afw-aks-<name>`, Premium tier with intrusion detection in deny mode over zones 1-3, AKS's required egress only
   */
  readonly firewall?: Partial<Omit<EgressFirewallProps, "resourceGroupName" | "location" | "hubAddressSpace" | "sourceAddressSpaces" | "monitoring">>;
}

/** The Log Analytics workspace: made by the platform, or brought. */
export interface PlatformMonitoringOptions extends Partial<Omit<ClusterMonitoringProps, "resourceGroupName" | "location">> {
  /**
   * Resource id of a workspace the user runs (`ClusterMonitoring.fromExistingWorkspace`).
   *
   * @default - the platform creates the workspace `log-aks-<name>`
   */
  readonly existingWorkspaceId?: string;
}

/** An application that runs with its own Azure identity (workload identity federation). */
export interface PlatformWorkload {
  /** Kubernetes namespace of the application's service account. */
  readonly namespace: string;
  /** Name of the application's service account. */
  readonly serviceAccountName: string;
  /**
   * Names of the vault secrets the application reads (Key Vault Secrets User on each).
   *
   * @default - none
   */
  readonly secrets?: readonly string[];
  /**
   * Name of the user-assigned identity.
   *
   * @default `id-<serviceAccountName>`
   */
  readonly identityName?: string;
}

/**
 * Azure Backup for the platform's cluster: a `ClusterBackup` in the platform's resource group,
 * its storage account's private endpoint in the network's private endpoints subnet, the blob
 * zone linked to the spoke, the deployer's network and the hub.
 */
export interface PlatformBackupOptions extends Partial<Omit<ClusterBackupProps, "cluster" | "resourceGroupName" | "location" | "privateEndpointSubnetId" | "virtualNetworkIds" | "snapshotResourceGroupName">> {
  /**
   * Name of the Backup vault.
   *
   * @default `bv-aks-<name>`
   */
  readonly vaultName?: string;
  /**
   * Name of the storage account the backup extension writes to: globally unique, so pick
   * your own when the default is taken.
   *
   * @default `staksbk<name>`
   */
  readonly storageAccountName?: string;
  /**
   * The resource group of the volume snapshots, apart from the cluster's (the cluster's
   * identity gets Disk Snapshot Contributor there).
   *
   * @default - the platform creates `rg-aks-<name>-snapshots`
   */
  readonly snapshotResourceGroup?: PlatformResourceGroupOptions;
}

/** Props of {@link HardenedPlatform}. */
export interface HardenedPlatformProps {
  /**
   * Short name in every resource's name (`aks-<name>`, `kv-aks-<name>`, `craks<name>`): 1-17
   * lowercase letters or digits, starting with a letter, e.g. `quickstart` or `prod`.
   */
  readonly name: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** Entra ID tenant of the cluster's users and the vault (a GUID). */
  readonly tenantId: string;
  /** Object ids of the Entra groups whose members are cluster admins (at least one). */
  readonly adminGroupObjectIds: readonly string[];
  /** The platform's address ranges. */
  readonly addressPlan: PlatformAddressPlan;
  /**
   * Where Terraform runs from and as whom: `Deployer.runnerInNetwork(...)` (its network is
   * peered with the platform's and linked to its private DNS zones) or, as an opt-out,
   * `Deployer.publicIpRanges(...)`. It gets key administration on the vault.
   */
  readonly deployer: Deployer;
  /**
   * The resource group.
   *
   * @default - the platform creates `rg-aks-<name>`
   */
  readonly resourceGroup?: PlatformResourceGroupOptions;
  /**
   * Tags on every resource the platform creates, node pools included.
   *
   * @default - none
   */
  readonly tags?: Record<string, string>;
  /**
   * The spoke network.
   *
   * @default - `vnet-aks-<name>` over `addressPlan.spoke`, the library's subnet layout
   */
  readonly network?: PlatformNetworkOptions;
  /**
   * The hub and its egress firewall.
   *
   * @default - a hub over `addressPlan.hub` with an `EgressFirewall`, peered with the spoke
   */
  readonly hub?: PlatformHubOptions;
  /**
   * The Log Analytics workspace.
   *
   * @default - `log-aks-<name>`, 90 days of retention
   */
  readonly monitoring?: PlatformMonitoringOptions;
  /**
   * Props of the WAF ingress gateway.
   *
   * @default - `agw-aks-<name>` in the network's gateway subnet, WAF in Prevention mode
   */
  readonly ingress?: Partial<Omit<WafIngressProps, "resourceGroupName" | "location" | "subnetId" | "monitoring">>;
  /**
   * Props of the private registry.
   *
   * @default - `craks<name>`, Premium, reachable only through its private endpoint
   */
  readonly registry?: Partial<Omit<PrivateRegistryProps, "resourceGroupName" | "location" | "privateEndpointSubnetId" | "virtualNetworkIds">>;
  /**
   * Props of the vault that holds the cluster's keys and the applications' secrets.
   *
   * @default - `kv-aks-<name>`, private, purge protection on
   */
  readonly vault?: Partial<Omit<SecretsVaultProps, "resourceGroupName" | "location" | "tenantId" | "privateEndpointSubnetId" | "virtualNetworkIds">>;
  /**
   * Props of the cluster. Its user pools are `cluster.userPools`.
   *
   * @default - `aks-<name>`, egress through the hub's firewall, ingress through the WAF,
   *   customer-managed keys from the vault, one user pool `apps` of Standard_D4ds_v5
   */
  readonly cluster?: Partial<Omit<HardenedClusterProps, "resourceGroupName" | "location" | "tenantId" | "adminGroupObjectIds" | "network" | "monitoring">>;
  /**
   * The applications that run with their own Azure identity, by a short key (the identity's
   * construct id is `<Key>Identity`); `PlatformBaseline` creates their service accounts.
   *
   * @default - none
   */
  readonly workloads?: Record<string, PlatformWorkload>;
  /**
   * Props of the cluster's Managed Prometheus (MON-4): the Azure Monitor workspace, its data
   * collection rule associated with the cluster, the recording and alert rules, and opt-in
   * Grafana. Created unless `cluster.managedPrometheusEnabled` is false.
   *
   * @default - `amw-aks-<name>`, query endpoint not public, a private endpoint in the network's
   *   private endpoints subnet, alerts paging nobody, no Grafana
   */
  readonly prometheus?: Partial<Omit<ManagedPrometheusProps, "resourceGroupName" | "location" | "clusterId" | "clusterName">>;
  /**
   * The security profile: a named set of choices on top of the library's defaults, applied
   * to the parts the platform builds. A prop you set yourself wins over the profile's choice
   * for it. Acknowledgements the profile causes carry its name in the compliance report.
   *
   * @default - the environment's profile when the stack is a `PlatformEnvironments`
   *   environment's, else `SecurityProfile.production()` (no choice)
   */
  readonly profile?: SecurityProfile;
  /**
   * Azure Backup for the cluster (OPS-6). It also configures the azurerm provider the platform
   * creates for the backup's private storage account (`storage_use_azuread`, no data-plane reads).
   *
   * @default - none, unless the profile turns it on (`SecurityProfile.regulated()`)
   */
  readonly backup?: PlatformBackupOptions;
}

const PLATFORM_NAME = /^[a-z][a-z0-9]{0,16}$/;

/** The user pool of a platform that names none. */
export const DEFAULT_PLATFORM_USER_POOLS = {
  /** One pool for the applications, with the node pool defaults. */
  apps: {
    /** A general-purpose size with a local temporary disk for the ephemeral OS disk. */
    vmSize: "Standard_D4ds_v5",
  },
} as const;

/**
 * The whole hardened platform of one environment, wired, from one props object: resource
 * group, spoke network, hub with the egress firewall and both peerings, the egress route,
 * the WAF ingress, the private registry with AcrPull for the cluster's kubelet, the vault
 * with key administration for the deployer, the workspace, the cluster and its pools, and
 * the applications' workload identities. Each part is a property; each part's props are
 * adjustable through the platform's props; network, hub and workspace can be brought.
 *
 * It configures the azurerm provider (`features {}`, plus the storage settings a private
 * storage account needs when `backup` is on) unless the stack already has one.
 *
 * A security profile (`profile`, by default its environment's) sets the parts' props it
 * names, where the user set none: `SecurityProfile.development()` runs the firewall on
 * Standard and the cluster on the Free tier, each acknowledged with the profile's reason;
 * `SecurityProfile.regulated()` turns on `backup` and a year of log retention.
 *
 * One platform per stack: it takes the id `Default`, which cdktf leaves out of Terraform
 * addresses, so its parts keep the addresses they have as the stack's own children
 * (`Cluster`, `Network`, `Vault`, ...) and a stack built from the constructs by hand can move
 * to the platform without replacing anything.
 */
export class HardenedPlatform extends Construct {
  /** The construct id the platform takes in its stack. */
  public static readonly ID = "Default";

  /** The resource group, when the platform created it. */
  public readonly resourceGroup?: ResourceGroup;
  /** Name of the resource group the platform's resources are in. */
  public readonly resourceGroupName: string;
  /** Azure region. */
  public readonly location: string;
  /** Entra ID tenant of the platform. */
  public readonly tenantId: string;
  /** The workspace (created or brought). */
  public readonly monitoring: IClusterMonitoring;
  /** The spoke network (created or brought). */
  public readonly network: IClusterNetwork;
  /** The egress firewall, when the platform created the hub. */
  public readonly firewall?: EgressFirewall;
  /** The peerings between the spoke and the hub (spoke to hub first). */
  public readonly hubPeerings: readonly VirtualNetworkPeering[];
  /** The spoke's default route to the firewall. */
  public readonly egressRoute: EgressRoute;
  /** The WAF ingress gateway. */
  public readonly ingress: WafIngress;
  /** The private container registry. */
  public readonly registry: PrivateRegistry;
  /** The vault of the cluster's keys and the applications' secrets. */
  public readonly vault: SecretsVault;
  /** The cluster. */
  public readonly cluster: HardenedCluster;
  /** The cluster's Managed Prometheus, unless `cluster.managedPrometheusEnabled` is false. */
  public readonly prometheus?: ManagedPrometheus;
  /** The applications' workload identities, by key. */
  public readonly workloads: Readonly<Record<string, WorkloadIdentity>>;
  /** Where Terraform runs from and as whom. */
  public readonly deployer: Deployer;
  /** The cluster's backup, when `backup` is given or the profile turns it on. */
  public readonly backup?: ClusterBackup;
  /** The security profile the platform was built with. */
  public readonly profile: SecurityProfile;
  /** The profile's choices the platform applied: those whose prop the user left unset, for parts it built. */
  public readonly appliedProfileChoices: readonly ProfileChoice[];

  /**
   * @param stack the stack the platform fills (one platform per stack)
   */
  constructor(stack: TerraformStack, givenProps: HardenedPlatformProps) {
    if (stack.node.tryFindChild(HardenedPlatform.ID)) {
      throw new ValidationError(
        `HardenedPlatform: stack '${stack.node.id}' already has a platform (or a child with id '${HardenedPlatform.ID}'). Give each platform its own stack, e.g. env.stack("platform") per environment.`,
        stack,
      );
    }
    super(stack, HardenedPlatform.ID);
    // Lets the parts it creates name their props as written here (lib/private/prop-paths.ts).
    (this as { [PLATFORM_MARKER]?: boolean })[PLATFORM_MARKER] = true;
    // What a JavaScript caller may leave out, named as written, before anything reads it.
    throwIfInvalid(this, ...requiredPlatformProps(givenProps));
    // The address plan across the parts (spoke layout, hub, cluster ranges against the hub),
    // named as written here (addressPlan.spoke, cluster.serviceCidr), before a part names its own prop.
    ClusterNetwork._checkPlatformAddressPlan(this, {
      addressPlan: givenProps?.addressPlan,
      createsSpoke: !givenProps?.network?.existing,
      subnets: givenProps?.network?.subnets,
      cluster: givenProps?.cluster,
    });
    validate(this, givenProps);
    this.profile = resolveProfile(this, stack, givenProps.profile);
    // The profile's choices become props, where the user set none: the parts then validate,
    // build and acknowledge them as if written here.
    const { props, applied } = withProfile(this.profile, givenProps);
    this.appliedProfileChoices = applied;
    const { name, location, tags } = props;
    this.location = location;
    this.tenantId = props.tenantId;
    this.deployer = props.deployer;
    props.deployer.declare(stack);

    if (!stack.node.children.some((c) => c instanceof AzurermProvider)) {
      // The backup's storage account has no shared keys and no public access: the provider
      // must use Entra ID for storage and skip its data-plane reads (see ClusterBackup).
      new AzurermProvider(this, "azurerm", props.backup ? { features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true } : { features: [{}] });
    }

    const groupName = props.resourceGroup?.name ?? `rg-aks-${name}`;
    if (props.resourceGroup?.existing) {
      this.resourceGroupName = groupName;
    } else {
      this.resourceGroup = new ResourceGroup(this, "ResourceGroup", { name: groupName, location, tags });
      this.resourceGroupName = this.resourceGroup.name;
    }
    const placement = { resourceGroupName: this.resourceGroupName, location, tags };

    const { existingWorkspaceId, ...monitoringProps } = props.monitoring ?? {};
    this.monitoring =
      existingWorkspaceId !== undefined
        ? ClusterMonitoring.fromExistingWorkspace(existingWorkspaceId)
        : underProp(this, "monitoring", monitoringProps, () => new ClusterMonitoring(this, "Monitoring", { ...placement, workspaceName: `log-aks-${name}`, ...given(monitoringProps) }));

    const { existing: existingNetwork, ...networkProps } = props.network ?? {};
    let spoke: DeployerNetworkTarget;
    if (existingNetwork) {
      this.network = ClusterNetwork.fromExisting({ addressSpaces: [props.addressPlan.spoke], ...existingNetwork });
      spoke = existingNetwork;
    } else {
      const network = underProp(this, "network", networkProps, () => new ClusterNetwork(this, "Network", { ...placement, name: `vnet-aks-${name}`, ...given(networkProps), addressSpace: props.addressPlan.spoke }));
      this.network = network;
      spoke = network;
    }

    // Egress: every packet leaving the node subnets goes through the hub's firewall, which
    // the nodes reach only once the spoke and the hub are peered.
    const networks: DeployerNetworkTarget[] = [spoke];
    let firewallPrivateIp: string;
    const existingHub = props.hub?.existing;
    if (existingHub) {
      this.hubPeerings = peerWithExistingHub(this, spoke, existingHub, name);
      firewallPrivateIp = existingHub.firewallPrivateIp;
    } else {
      const firewall = underProp(this, "hub.firewall", props.hub?.firewall, () =>
        new EgressFirewall(this, "EgressFirewall", {
          ...placement,
          name: `afw-aks-${name}`,
          ...given(props.hub?.firewall),
          hubAddressSpace: props.addressPlan.hub!,
          sourceAddressSpaces: this.network.addressSpaces,
          monitoring: this.monitoring,
        }),
      );
      this.firewall = firewall;
      this.hubPeerings = firewall.peerWith(spoke);
      firewallPrivateIp = firewall.privateIpAddress;
      networks.push({ virtualNetworkId: firewall.hubNetwork.id, virtualNetworkName: firewall.hubNetwork.name, resourceGroupName: this.resourceGroupName });
    }
    this.egressRoute = new EgressRoute(this, "EgressRoute", {
      ...placement,
      name: `rt-aks-${name}-egress`,
      firewallPrivateIp,
      subnetIds: [this.network.systemNodesSubnetId, this.network.userNodesSubnetId],
    });

    // Ingress: only through the WAF.
    const applicationGatewaySubnetId = required(this, "network.existing.applicationGatewaySubnetId", this.network.applicationGatewaySubnetId);
    this.ingress = underProp(this, "ingress", props.ingress, () =>
      new WafIngress(this, "Ingress", {
        ...placement,
        name: `agw-aks-${name}`,
        ...given(props.ingress),
        subnetId: applicationGatewaySubnetId,
        monitoring: this.monitoring,
      }),
    );

    const privateEndpointSubnetId = required(this, "network.existing.privateEndpointsSubnetId", this.network.privateEndpointsSubnetId);
    // A public-IP deployer (a trial) reaches the registry and the vault from exactly its ranges.
    const allowedIpRanges = props.deployer.allowedIpRanges;
    this.registry = underProp(this, "registry", props.registry, () =>
      new PrivateRegistry(this, "Registry", {
        ...placement,
        name: `craks${name}`,
        ...(allowedIpRanges.length > 0 ? { deployerIpRanges: allowedIpRanges } : {}),
        ...given(props.registry),
        privateEndpointSubnetId,
        virtualNetworkIds: [this.network.virtualNetworkId],
      }),
    );

    // Terraform writes the cluster's keys into the vault, so the deployer needs key
    // administration there before any key is created.
    this.vault = underProp(this, "vault", props.vault, () =>
      new SecretsVault(this, "Vault", {
        ...placement,
        name: `kv-aks-${name}`,
        ...(allowedIpRanges.length > 0 ? { deployerIpRanges: allowedIpRanges } : {}),
        ...given(props.vault),
        tenantId: props.tenantId,
        privateEndpointSubnetId,
        virtualNetworkIds: [this.network.virtualNetworkId],
      }),
    );
    // A public-IP deployer's opening is a weakening of SEC-2 and IMG-1, acknowledged with the
    // reason the deployer was declared with, so the report shows it and nothing else does.
    if (allowedIpRanges.length > 0) {
      const reason = `Public access for the deployer's ranges only (${allowedIpRanges.join(", ")}): ${props.deployer.reason ?? ""}`;
      Compliance.acknowledge(this.vault, "SEC-2", reason);
      Compliance.acknowledge(this.registry, "IMG-1", reason);
    }
    const principal = props.deployer.principal;
    this.vault.grantKeyAdministration(principal);
    // Named secrets are checked to exist at every plan, by listing the vault's secret names.
    if (Object.values(props.workloads ?? {}).some((workload) => (workload.secrets ?? []).length > 0)) {
      this.vault.grantMetadataRead(principal);
    }

    const waitFor: ITerraformDependable[] = [...this.hubPeerings];
    this.cluster = underProp(this, "cluster", props.cluster, () =>
      new HardenedCluster(this, "Cluster", {
        ...placement,
        name: `aks-${name}`,
        egress: ClusterEgress.throughFirewall(this.egressRoute, { waitFor }),
        ingress: this.ingress,
        encryption: ClusterEncryption.customerManagedKeys(this.vault),
        userPools: DEFAULT_PLATFORM_USER_POOLS,
        ...given(props.cluster),
        tags: tags || props.cluster?.tags ? { ...tags, ...props.cluster?.tags } : undefined,
        tenantId: props.tenantId,
        adminGroupObjectIds: props.adminGroupObjectIds,
        network: this.network,
        monitoring: this.monitoring,
      }),
    );
    this.registry.grantPull(this.cluster);
    // A choice whose prop takes no reason (the Free tier) is acknowledged here, on its part.
    for (const choice of applied) {
      const target = PROFILE_CHOICE_APPLICATIONS[choice.prop].acknowledgeOn?.(this);
      if (target) Compliance.acknowledge(target, choice.controlId, this.profile.reportedReason(choice));
    }
    if (props.cluster?.managedPrometheusEnabled !== false) {
      this.prometheus = new ManagedPrometheus(this, "Prometheus", {
        ...placement,
        // Queried privately from the spoke: the workspace's public query endpoint is closed.
        privateEndpoint: { subnetId: privateEndpointSubnetId, virtualNetworkIds: [this.network.virtualNetworkId] },
        ...given(props.prometheus),
        clusterId: this.cluster.clusterId,
        // The name as written, not the resource's attribute: it names the rule groups.
        clusterName: props.cluster?.name ?? `aks-${name}`,
      });
    }

    const workloads: Record<string, WorkloadIdentity> = {};
    for (const [key, workload] of Object.entries(props.workloads ?? {})) {
      const identity = new WorkloadIdentity(this, `${idFromName(key)}Identity`, {
        ...placement,
        name: workload.identityName ?? `id-${workload.serviceAccountName}`,
        namespace: workload.namespace,
        serviceAccountName: workload.serviceAccountName,
        oidcIssuerUrl: this.cluster.oidcIssuerUrl,
      });
      if (workload.secrets && workload.secrets.length > 0) this.vault.grantSecretsRead(identity, { secretNames: workload.secrets });
      workloads[key] = identity;
    }
    this.workloads = workloads;

    if (props.backup) this.backup = buildBackup(this, name, props.backup, privateEndpointSubnetId, tags);

    const zones: DeployerZoneTarget[] = [this.vault.privateEndpoint.dnsZone, this.registry.privateEndpoint.dnsZone, this.cluster.apiServerDnsZone, this.prometheus?.privateEndpoint?.dnsZone]
      .filter((zone) => zone !== undefined)
      .map((zone) => ({ zoneName: zone.name, resourceGroupName: zone.resourceGroupName }));
    // With the firewall's DNS proxy as the spoke's DNS, the hub resolves every private name
    // the platform creates (a brought hub's DNS is its owner's).
    this.firewall?.linkPrivateDnsZones([
      this.vault.privateEndpoint,
      this.registry.privateEndpoint,
      this.cluster,
      ...(this.prometheus?.privateEndpoint ? [this.prometheus.privateEndpoint] : []),
      ...(this.backup ? [this.backup.privateEndpoint] : []),
    ]);

    // The keys are written over the runner's peering and resolved through its DNS links: on
    // the first apply they must exist before the first key.
    const lineOfSight = props.deployer.connect(this, "Deployer", { networks, privateDnsZones: zones });
    this.vault.addKeyPrerequisite(...lineOfSight.peerings, ...lineOfSight.dnsZoneLinks);
  }
}

/**
 * The platform's `ClusterBackup`: the snapshot group (created unless brought), the storage
 * account's endpoint in the private endpoints subnet, its blob zone linked to the spoke and,
 * for a runner in a network, to the runner's network (the hub's link is the firewall's).
 */
function buildBackup(platform: HardenedPlatform, name: string, options: PlatformBackupOptions, privateEndpointSubnetId: string, tags: Record<string, string> | undefined): ClusterBackup {
  const { snapshotResourceGroup, ...backupProps } = options;
  throwIfInvalid(
    platform,
    snapshotResourceGroup === undefined ? undefined : requiredProp("backup.snapshotResourceGroup", snapshotResourceGroup, "object", "{ name: 'rg-aks-prod-snapshots', existing: true }"),
  );
  throwIfInvalid(
    platform,
    snapshotResourceGroup?.name === undefined ? undefined : requiredProp("backup.snapshotResourceGroup.name", snapshotResourceGroup.name, "string", "'rg-aks-prod-snapshots'"),
    resourceGroupName("backup.snapshotResourceGroup.name", snapshotResourceGroup?.name),
  );
  const snapshotGroupName = snapshotResourceGroup?.name ?? `rg-aks-${name}-snapshots`;
  const snapshotGroup = snapshotResourceGroup?.existing
    ? snapshotGroupName
    : new ResourceGroup(platform, "BackupSnapshots", { name: snapshotGroupName, location: platform.location, tags: backupProps.tags ?? tags }).name;
  const runner = platform.deployer.virtualNetworkId;
  return underProp(platform, "backup", options, () =>
    new ClusterBackup(platform, "Backup", {
      resourceGroupName: platform.resourceGroupName,
      location: platform.location,
      vaultName: `bv-aks-${name}`,
      storageAccountName: `staksbk${name}`,
      tags,
      ...given(backupProps),
      cluster: platform.cluster,
      snapshotResourceGroupName: snapshotGroup,
      privateEndpointSubnetId,
      virtualNetworkIds: [platform.network.virtualNetworkId, ...(runner === undefined ? [] : [runner])],
    }),
  );
}

/**
 * The platform's profile: the one given, else its environment's, else production. A given
 * profile other than the environment's is refused: the environments' parity check reads the
 * environment's, and would fail the differences this one causes.
 */
function resolveProfile(scope: Construct, stack: TerraformStack, given: unknown): SecurityProfile {
  const ofEnvironment = SecurityProfile.ofStack(stack);
  if (given === undefined) return ofEnvironment ?? SecurityProfile.production();
  if (!SecurityProfile.isSecurityProfile(given)) {
    throw new ValidationError(
      `profile must be a SecurityProfile, e.g. SecurityProfile.development(); got ${describe(given)}. The built-in profiles are SecurityProfile.production(), SecurityProfile.regulated() and SecurityProfile.development(); SecurityProfile.custom(name, choices) makes your own.`,
      scope,
    );
  }
  if (ofEnvironment !== undefined && ofEnvironment !== given && (ofEnvironment.name !== given.name || !sameChoices(ofEnvironment, given))) {
    throw new ValidationError(
      `profile '${given.name}' differs from the profile '${ofEnvironment.name}' of the environment this stack belongs to: the environments' parity check reads the environment's profile. Remove profile here and set the environment's profile (EnvironmentDefinition.profile) instead.`,
      scope,
    );
  }
  return given;
}

function sameChoices(a: SecurityProfile, b: SecurityProfile): boolean {
  return JSON.stringify(a.choices) === JSON.stringify(b.choices);
}

/**
 * The props with the profile's choices set where the user left them unset (an explicit prop
 * wins: it is a decision about that one part, made next to it), and the choices applied.
 * A choice for a part the platform does not build (a brought hub or workspace) is not applied.
 */
function withProfile(profile: SecurityProfile, props: HardenedPlatformProps): { props: HardenedPlatformProps; applied: ProfileChoice[] } {
  const applied: ProfileChoice[] = [];
  let result: HardenedPlatformProps = props;
  for (const choice of profile.choices) {
    const application = PROFILE_CHOICE_APPLICATIONS[choice.prop];
    if (application.skip(props)) continue;
    result = application.apply(result, choice, profile.reportedReason(choice));
    applied.push(choice);
  }
  return { props: result, applied };
}

/** Both peerings between a spoke and a hub the user runs, forwarding allowed so egress reaches the firewall. */
function peerWithExistingHub(scope: Construct, spoke: DeployerNetworkTarget, hub: ExistingHub, name: string): VirtualNetworkPeering[] {
  const toHub = new VirtualNetworkPeering(scope, "SpokeToHub", {
    name: peeringName(["peer", "aks", name, "to", "hub"]),
    resourceGroupName: spoke.resourceGroupName,
    virtualNetworkName: spoke.virtualNetworkName,
    remoteVirtualNetworkId: hub.virtualNetworkId,
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: true,
  });
  const fromHub = new VirtualNetworkPeering(scope, "HubToSpoke", {
    name: peeringName(["peer", "hub", "to", "aks", name]),
    resourceGroupName: hub.resourceGroupName,
    virtualNetworkName: hub.virtualNetworkName,
    remoteVirtualNetworkId: spoke.virtualNetworkId,
    allowVirtualNetworkAccess: true,
    allowForwardedTraffic: true,
  });
  return [toHub, fromHub];
}

/**
 * A part's props as the user gave them, without the keys set to `undefined`: those mean "the
 * default", so they must not override the platform's defaults (`name`, `userPools`) when
 * spread over them.
 */
function given<T extends object>(props: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(props ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * A peering's name, cut to Azure's 80 characters. A token name is passed through whole:
 * cutting it could cut the token itself (its value is known only when Terraform runs).
 */
function peeringName(parts: readonly string[]): string {
  return parts.some(isToken) ? parts.join("-") : derivedName(parts, 80);
}

function required(scope: Construct, prop: string, value: string | undefined): string {
  if (value === undefined) {
    throw new ValidationError(`${prop} is missing: the platform places its WAF gateway and private endpoints in the network's own subnets. Give the subnet's resource id.`, scope);
  }
  return value;
}


/**
 * The props TypeScript requires, for JavaScript callers (missing, null or mistyped), and the
 * type of the optional objects the platform reads into: each named as the caller wrote it.
 */
function requiredPlatformProps(props: HardenedPlatformProps): Verdict[] {
  const top = requiredProp("HardenedPlatform props", props, "object", "{ name: 'prod', location: 'westeurope', tenantId, adminGroupObjectIds, addressPlan, deployer }");
  if (top !== undefined) return [top];
  const verdicts: Verdict[] = [
    requiredProp("name", props.name, "string", "'prod'"),
    requiredProp("location", props.location, "string", "'westeurope'"),
    requiredProp("tenantId", props.tenantId, "string", "'00000000-0000-0000-0000-000000000000'"),
    requiredProp("adminGroupObjectIds", props.adminGroupObjectIds, "array", "['00000000-0000-0000-0000-000000000000']"),
    requiredProp("addressPlan", props.addressPlan, "object", "{ spoke: '10.240.0.0/16', hub: '10.200.0.0/24' }"),
    props.addressPlan && typeof props.addressPlan === "object" ? requiredProp("addressPlan.spoke", props.addressPlan.spoke, "string", "'10.240.0.0/16'") : undefined,
    deployerVerdict(props.deployer),
  ];
  for (const key of ["resourceGroup", "network", "hub", "monitoring", "ingress", "registry", "vault", "cluster", "workloads", "backup"] as const) {
    const value: unknown = props[key];
    if (value !== undefined) verdicts.push(requiredProp(key, value, "object", "{ ... }"));
  }
  // A brought hub is peered and routed to by name: each field is used as given.
  const existingHub: unknown = isObject(props.hub) ? (props.hub as PlatformHubOptions).existing : undefined;
  if (existingHub !== undefined) {
    const whole = requiredProp("hub.existing", existingHub, "object", "{ firewallPrivateIp, virtualNetworkId, virtualNetworkName, resourceGroupName }");
    verdicts.push(whole);
    if (whole === undefined) {
      const hub = existingHub as ExistingHub;
      verdicts.push(
        requiredProp("hub.existing.firewallPrivateIp", hub.firewallPrivateIp, "string", "'10.200.0.4'"),
        requiredProp("hub.existing.virtualNetworkId", hub.virtualNetworkId, "string", "'/subscriptions/.../resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub'"),
        requiredProp("hub.existing.virtualNetworkName", hub.virtualNetworkName, "string", "'vnet-hub'"),
        requiredProp("hub.existing.resourceGroupName", hub.resourceGroupName, "string", "'rg-hub'"),
      );
    }
  }
  if (Array.isArray(props.adminGroupObjectIds)) {
    props.adminGroupObjectIds.forEach((id, i) => verdicts.push(requiredProp(`adminGroupObjectIds[${i}]`, id, "string", "'00000000-0000-0000-0000-000000000000'")));
  }
  for (const [key, workload] of Object.entries<PlatformWorkload>(isObject(props.workloads) ? (props.workloads as Record<string, PlatformWorkload>) : {})) {
    const whole = requiredProp(`workloads.${key}`, workload, "object", "{ namespace: 'orders', serviceAccountName: 'orders-api' }");
    verdicts.push(
      whole,
      whole ?? requiredProp(`workloads.${key}.namespace`, workload.namespace, "string", "'orders'"),
      whole ?? requiredProp(`workloads.${key}.serviceAccountName`, workload.serviceAccountName, "string", "'orders-api'"),
      whole ?? (workload.secrets === undefined ? undefined : requiredProp(`workloads.${key}.secrets`, workload.secrets, "array", "['db-password']")),
    );
  }
  return verdicts;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The deployer is one a `Deployer` factory made: the platform calls its methods. */
function deployerVerdict(value: unknown): Verdict {
  const shaped = isObject(value) && typeof (value as { declare?: unknown }).declare === "function" && typeof (value as { connect?: unknown }).connect === "function";
  return shaped
    ? undefined
    : `deployer is required and must be a Deployer, e.g. Deployer.runnerInNetwork({ virtualNetworkId: '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>' }); got ${describe(value)}.`;
}

function validate(scope: Construct, props: HardenedPlatformProps): void {
  throwIfInvalid(
    scope,
    matches("name", props.name, PLATFORM_NAME, "1-17 lowercase letters or digits starting with a letter (it is part of the registry's and the vault's names), e.g. 'prod'"),
    azureLocation("location", props.location),
    tagsVerdict("tags", props.tags),
    props.resourceGroup?.name === undefined ? undefined : requiredProp("resourceGroup.name", props.resourceGroup.name, "string", "'rg-aks-prod'"),
    resourceGroupName("resourceGroup.name", props.resourceGroup?.name),
    guid("tenantId", props.tenantId),
    nonEmpty("adminGroupObjectIds", props.adminGroupObjectIds, "give at least one Entra group whose members administer the cluster."),
    ...props.adminGroupObjectIds.map((id, i) => guid(`adminGroupObjectIds[${i}]`, id)),
    ipv4Cidr("addressPlan.spoke", props.addressPlan.spoke),
    ipv4Cidr("addressPlan.hub", props.addressPlan.hub),
  );
  if (props.addressPlan.hub === undefined && !props.hub?.existing) {
    throw new ValidationError(
      "addressPlan.hub is missing: the platform creates the hub with its egress firewall there. Give the hub a range that does not overlap the spoke (e.g. '10.200.0.0/24'), or pass hub.existing for a hub you run.",
      scope,
    );
  }
  for (const [key] of Object.entries(props.workloads ?? {})) {
    throwIfInvalid(scope, matches(`workloads.${key}`, key, /^[a-z][a-z0-9-]{0,30}$/, "a short lowercase key such as 'orders' (it names the identity's construct id)"));
  }
}
