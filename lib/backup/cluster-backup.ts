import { Construct } from "../private/cdktf";
import {
  DataAzurermClientConfig,
  DataProtectionBackupInstanceKubernetesCluster,
  DataProtectionBackupPolicyKubernetesCluster,
  DataProtectionBackupVault,
  KubernetesClusterExtension,
  KubernetesClusterTrustedAccessRoleBinding,
  RoleAssignment,
  StorageAccount,
  StorageContainer,
} from "../private/azurerm";
import { waitForRoleAssignments, type Sleep } from "../private/time";
import { azureLocation, describe, integerBetween, isToken, oneOf, required, resourceGroupName, tags, throwIfInvalid, type Verdict } from "../private/validate";
import { PrivateEndpoint } from "../network/private-endpoint";
import { DEFAULT_ROLE_PROPAGATION_WAIT } from "../secrets/encryption-key";
import type { AzureResourceOptions } from "../resource-options";
import { backupIntervalHours, backupVaultName, namespaceFilterOverlap, namespaceNames, storageAccountName } from "./validate-backup";
import { deepFreeze } from "../private/freeze";

/** The private DNS zone of blob storage's private endpoints. */
export const BLOB_PRIVATE_DNS_ZONE = "privatelink.blob.core.windows.net";

/**
 * What AKS backup names, as Microsoft documents them: the extension's type and namespace, and
 * the Trusted Access role the vault is bound to.
 *
 * @see https://learn.microsoft.com/azure/backup/azure-kubernetes-service-cluster-backup-concept
 */
export const AKS_BACKUP = {
  /** Type of the backup cluster extension. */
  extensionType: "microsoft.dataprotection.kubernetes",
  /** Name the extension is installed under on the cluster. */
  extensionName: "azure-aks-backup",
  /** Release train of the extension: its generally available versions. */
  releaseTrain: "stable",
  /** Kubernetes namespace the extension runs in. */
  releaseNamespace: "dataprotection-microsoft",
  /** The Trusted Access role that lets the Backup vault operate the cluster's backups. */
  trustedAccessRole: "Microsoft.DataProtection/backupVaults/backup-operator",
} as const;

/**
 * Built-in roles AKS backup needs ("Required roles and permissions" of Microsoft's AKS backup
 * prerequisites). The extension gets Storage Blob Data Contributor rather than the Storage
 * Account Contributor of older pages: it authenticates with Entra ID (`useAAD`) and only
 * reads and writes blobs, while Storage Account Contributor manages the whole account and
 * lists its keys (which this account refuses anyway).
 * The cluster's identity gets Disk Snapshot Contributor on the snapshot group where the
 * prerequisites say Contributor: it only writes disk snapshots there, and Contributor on a
 * resource group is what IAM-5 refuses.
 */
const BACKUP_ROLES = {
  extensionOnStorage: "Storage Blob Data Contributor",
  vaultOnCluster: "Reader",
  vaultOnSnapshotGroup: "Reader",
  clusterOnSnapshotGroup: "Disk Snapshot Contributor",
} as const;

/** Redundancy of the Backup vault's storage. */
export type BackupVaultRedundancy = "GeoRedundant" | "ZoneRedundant" | "LocallyRedundant";
/**
 * Soft delete of the vault's backups: `On` keeps deleted backups recoverable for 14 days;
 * `AlwaysOn` also stops anyone turning it off, for good (Azure never allows it back).
 */
export type BackupVaultSoftDelete = "On" | "AlwaysOn";
/**
 * Immutability of the vault: `Unlocked` refuses operations that would lose recovery points
 * before they expire, and can still be turned off; `Locked` can never be turned off again.
 */
export type BackupVaultImmutability = "Unlocked" | "Locked";
/** Replication of the storage account the extension writes cluster resources to. */
export type BackupStorageReplication = "ZRS" | "GZRS" | "GRS" | "LRS";

/** Defaults of {@link ClusterBackup}, and where each comes from. */
export const CLUSTER_BACKUP_DEFAULTS = deepFreeze({
  /** Backups survive the loss of a region (the Azure portal's default for a Backup vault). */
  redundancy: "GeoRedundant" as BackupVaultRedundancy,
  /** Deleted backups stay recoverable; reversible, unlike `AlwaysOn`. */
  softDelete: "On" as BackupVaultSoftDelete,
  /** Recovery points cannot be deleted before they expire; reversible, unlike `Locked`. */
  immutability: "Unlocked" as BackupVaultImmutability,
  /** Copies in three zones of the region. */
  storageReplication: "ZRS" as BackupStorageReplication,
  /** Every 4 hours: the shortest interval AKS backup schedules. */
  backupIntervalHours: 4,
  /** Two weeks of recovery points in the operational tier. */
  retentionDays: 14,
  /**
   * First backup of the schedule. A constant: the schedule is ForceNew, and a computed start
   * (today's date) would replace the policy at every synthesis.
   */
  scheduleStart: "2025-01-01T02:00:00+00:00",
});

/** The cluster a {@link ClusterBackup} protects: a {@link HardenedCluster} has both. */
export interface BackupTarget {
  /** Resource id of the AKS cluster. */
  readonly clusterId: string;
  /**
   * Principal id of the cluster's control plane identity, which writes the volume snapshots
   * to the snapshot resource group.
   */
  readonly controlPlaneIdentityPrincipalId: string;
}

/** Props of {@link ClusterBackup}. */
export interface ClusterBackupProps extends AzureResourceOptions {
  /** The cluster to back up, e.g. a {@link HardenedCluster}. Same region as the vault. */
  readonly cluster: BackupTarget;
  /** Name of the Backup vault: 2-50 letters, digits or hyphens. Changing it replaces the vault. */
  readonly vaultName: string;
  /**
   * Name of the storage account the extension writes the cluster's resources to: 3-24
   * lowercase letters or digits, globally unique.
   */
  readonly storageAccountName: string;
  /**
   * An existing resource group for the volume snapshots, kept apart from the cluster's and
   * the vault's: the cluster's identity gets Disk Snapshot Contributor on it. Azure cannot
   * change it once the backup is configured.
   */
  readonly snapshotResourceGroupName: string;
  /**
   * Subnet of the storage account's private endpoint: the network's private endpoints
   * subnet. Required: the account's public network access is off, so the extension in the
   * cluster reaches it through this endpoint only.
   */
  readonly privateEndpointSubnetId: string | undefined;
  /**
   * Networks that resolve the storage account privately (the created DNS zone is linked to
   * them): the cluster's network, and the one your Terraform runners resolve from. At least
   * one unless `privateDnsZoneId` is given. When the spoke resolves through the egress
   * firewall's DNS proxy (`EgressFirewall.peerWith`, the platform's default), link the zone
   * to the hub as well: `firewall.linkPrivateDnsZones([backup.privateEndpoint])`.
   *
   * @default - none; required unless `privateDnsZoneId` is given
   */
  readonly virtualNetworkIds?: readonly string[];
  /**
   * An existing `privatelink.blob.core.windows.net` zone to register the endpoint in instead
   * of creating one (e.g. a central DNS hub's zone).
   *
   * @default - a zone is created and linked to `virtualNetworkIds`
   */
  readonly privateDnsZoneId?: string;
  /**
   * Hours between backups: 4, 6, 8, 12 or 24. Changing it replaces the policy and the backup instance (azurerm v4.55.0 marks the policy's arguments and the instance's `backup_policy_id` ForceNew), which an immutable vault with recovery points refuses: set it once.
   *
   * @default 4
   */
  readonly backupIntervalHours?: number;
  /**
   * Days each recovery point is kept in the operational tier (snapshots in your
   * subscription): 1-360. Changing it replaces the policy and the backup instance (azurerm v4.55.0 marks the policy's arguments and the instance's `backup_policy_id` ForceNew), which an immutable vault with recovery points refuses: set it once.
   *
   * @default 14
   */
  readonly retentionDays?: number;
  /**
   * Redundancy of the vault's storage. Changing it replaces the vault, which its
   * `prevent_destroy` turns into a failed plan: choose it once.
   *
   * @default "GeoRedundant"
   */
  readonly redundancy?: BackupVaultRedundancy;
  /**
   * Soft delete of backups. Turning it off is not offered: a deleted backup would be gone at
   * once (OPS-6 fails `soft_delete = "Off"` set by an override).
   *
   * @default "On"
   */
  readonly softDelete?: BackupVaultSoftDelete;
  /**
   * Immutability of the vault. Turning it off is not offered (OPS-6 fails
   * `immutability = "Disabled"` set by an override).
   *
   * @default "Unlocked"
   */
  readonly immutability?: BackupVaultImmutability;
  /**
   * Replication of the extension's storage account. Changing between some values replaces
   * the account.
   *
   * @default "ZRS"
   */
  readonly storageReplication?: BackupStorageReplication;
  /**
   * Namespaces to back up. AKS backup always skips kube-system, kube-node-lease and
   * kube-public. Changing it replaces the backup instance (ForceNew): set it once.
   *
   * @default - every namespace
   */
  readonly includedNamespaces?: readonly string[];
  /**
   * Namespaces to leave out. Changing it replaces the backup instance (ForceNew): set it once.
   *
   * @default - none
   */
  readonly excludedNamespaces?: readonly string[];
}

/**
 * Azure Backup for the cluster (opt-in): a Backup vault with soft delete and immutability on,
 * a backup policy (operational tier: snapshots every few hours, kept for days), the backup
 * extension in the cluster, the Trusted Access binding that lets the vault reach a private
 * cluster, the role assignments Microsoft's AKS backup prerequisites list, and the backup
 * instance. The extension writes the cluster's resources to a storage account of its own
 * that is private: no public network access, no shared keys (Entra ID only), TLS 1.2,
 * infrastructure encryption, reached through a private endpoint. The vault and the account
 * are protected from destroy.
 *
 * Before deploying: register the `Microsoft.KubernetesConfiguration` and
 * `Microsoft.DataProtection` resource providers; configure the azurerm provider with
 * `storage_use_azuread = true` (the account refuses shared keys) and the feature
 * `storage { data_plane_available = false }`: at v4.55.0 the provider reads the account's
 * queue and static-website properties on every refresh (storage_account_resource.go,
 * resourceStorageAccountRead), which the blob private endpoint alone does not reach, so
 * the first apply fails without it; let the cluster pull the extension's images from MCR. Only Azure Disk CSI
 * volumes are backed up; the cluster's CSI snapshot controller must stay on.
 *
 * @see https://learn.microsoft.com/azure/backup/azure-kubernetes-service-cluster-backup-concept
 * @see https://learn.microsoft.com/azure/backup/azure-kubernetes-service-cluster-backup-support-matrix
 */
export class ClusterBackup extends Construct {
  /** The `azurerm_data_protection_backup_vault` (escape hatch). */
  public readonly resource: DataProtectionBackupVault;
  /** The backup policy. */
  public readonly policy: DataProtectionBackupPolicyKubernetesCluster;
  /** The backup extension installed in the cluster. */
  public readonly extension: KubernetesClusterExtension;
  /** The Trusted Access binding of the vault to the cluster. */
  public readonly trustedAccess: KubernetesClusterTrustedAccessRoleBinding;
  /** The storage account the extension writes to. */
  public readonly storageAccount: StorageAccount;
  /** The blob container of the backups. */
  public readonly container: StorageContainer;
  /** The storage account's private endpoint. */
  public readonly privateEndpoint: PrivateEndpoint;
  /** The role assignments backup needs, by purpose. */
  public readonly roleAssignments: {
    /** Storage Blob Data Contributor for the extension's identity on the storage account, where it writes the backups. */
    readonly extensionOnStorage: RoleAssignment;
    /** Reader for the vault's identity on the cluster it backs up. */
    readonly vaultOnCluster: RoleAssignment;
    /** Reader for the vault's identity on the resource group of the volume snapshots. */
    readonly vaultOnSnapshotGroup: RoleAssignment;
    /** Disk Snapshot Contributor for the cluster's control plane identity on the snapshot group, where it writes the volume snapshots. */
    readonly clusterOnSnapshotGroup: RoleAssignment;
  };
  /** What the backup instance waits for: the role assignments, given time to propagate. */
  public readonly roleAssignmentPropagation: Sleep;
  /** The backup instance: what protects the cluster. */
  public readonly instance: DataProtectionBackupInstanceKubernetesCluster;
  /** Azure resource ID of the Backup vault, the source of the cluster's Trusted Access binding. */
  public readonly vaultId: string;
  /** Principal id of the vault's system-assigned identity. */
  public readonly vaultPrincipalId: string;

  constructor(scope: Construct, id: string, props: ClusterBackupProps) {
    super(scope, id);
    // Required props first, so a JavaScript caller that omits one hears about that prop.
    throwIfInvalid(
      this,
      required("props", props, "object", "{ cluster, vaultName, storageAccountName, snapshotResourceGroupName, ... }"),
    );
    throwIfInvalid(
      this,
      required("cluster", props.cluster, "object", "a HardenedCluster"),
      required("vaultName", props.vaultName, "string", "'bv-aks-prod'"),
      required("storageAccountName", props.storageAccountName, "string", "'staksbackupprod'"),
      required("snapshotResourceGroupName", props.snapshotResourceGroupName, "string", "'rg-aks-prod-snapshots'"),
      required("resourceGroupName", props.resourceGroupName, "string", "'rg-aks-prod'"),
      required("location", props.location, "string", "'westeurope'"),
    );
    throwIfInvalid(
      this,
      required("cluster.clusterId", props.cluster.clusterId, "string", "cluster.clusterId of a HardenedCluster"),
      required("cluster.controlPlaneIdentityPrincipalId", props.cluster.controlPlaneIdentityPrincipalId, "string", "a HardenedCluster's controlPlaneIdentityPrincipalId"),
      props.privateEndpointSubnetId === undefined
        ? "privateEndpointSubnetId is required; got nothing (the prop is missing). The backup storage account's public network access is off, so its private endpoint is the only way in: pass the network's privateEndpointsSubnetId (ClusterNetwork creates one; with ClusterNetwork.fromExisting, set privateEndpointsSubnetId)."
        : required("privateEndpointSubnetId", props.privateEndpointSubnetId, "string", "network.privateEndpointsSubnetId"),
    );
    const settings = {
      redundancy: props.redundancy ?? CLUSTER_BACKUP_DEFAULTS.redundancy,
      softDelete: props.softDelete ?? CLUSTER_BACKUP_DEFAULTS.softDelete,
      immutability: props.immutability ?? CLUSTER_BACKUP_DEFAULTS.immutability,
      storageReplication: props.storageReplication ?? CLUSTER_BACKUP_DEFAULTS.storageReplication,
      backupIntervalHours: props.backupIntervalHours ?? CLUSTER_BACKUP_DEFAULTS.backupIntervalHours,
      retentionDays: props.retentionDays ?? CLUSTER_BACKUP_DEFAULTS.retentionDays,
    };
    throwIfInvalid(
      this,
      backupVaultName("vaultName", props.vaultName),
      storageAccountName("storageAccountName", props.storageAccountName),
      resourceGroupName("snapshotResourceGroupName", props.snapshotResourceGroupName),
      sameGroup(props),
      resourceGroupName("resourceGroupName", props.resourceGroupName),
      azureLocation("location", props.location),
      tags("tags", props.tags),
      oneOf("redundancy", settings.redundancy, ["GeoRedundant", "ZoneRedundant", "LocallyRedundant"]),
      oneOf("softDelete", settings.softDelete, ["On", "AlwaysOn"], "Soft delete cannot be turned off through ClusterBackup: a deleted backup would be lost at once."),
      oneOf("immutability", settings.immutability, ["Unlocked", "Locked"], "Immutability cannot be turned off through ClusterBackup: recovery points could be deleted before they expire."),
      oneOf("storageReplication", settings.storageReplication, ["ZRS", "GZRS", "GRS", "LRS"]),
      backupIntervalHours("backupIntervalHours", settings.backupIntervalHours),
      integerBetween("retentionDays", settings.retentionDays, 1, 360, "the operational tier keeps recovery points up to 360 days"),
      ...namespaceNames("includedNamespaces", props.includedNamespaces),
      ...namespaceNames("excludedNamespaces", props.excludedNamespaces),
      namespaceFilterOverlap(props.includedNamespaces, props.excludedNamespaces),
      linkedNetworks(props),
    );

    const where = { resourceGroupName: props.resourceGroupName, location: props.location, tags: props.tags };
    const client = new DataAzurermClientConfig(this, "ClientConfig", {});
    const snapshotGroupId = `/subscriptions/${client.subscriptionId}/resourceGroups/${props.snapshotResourceGroupName}`;

    this.resource = new DataProtectionBackupVault(this, "Resource", {
      ...where,
      name: props.vaultName,
      // The vault's own datastore type (required, ForceNew at azurerm v4.55.0: changing it
      // replaces the vault, which prevent_destroy refuses). The cluster's recovery points live
      // in the operational tier (the policy's OperationalStore life cycle), not here.
      datastoreType: "VaultStore",
      redundancy: settings.redundancy,
      softDelete: settings.softDelete,
      immutability: settings.immutability,
      // Trusted Access binds the vault's system-assigned identity.
      identity: { type: "SystemAssigned" },
      lifecycle: { preventDestroy: true },
    });
    this.vaultId = this.resource.id;
    this.vaultPrincipalId = this.resource.identity.principalId;

    this.storageAccount = new StorageAccount(this, "StorageAccount", {
      ...where,
      name: props.storageAccountName,
      // The extension supports general-purpose v2 accounts only, not premium ones.
      accountKind: "StorageV2",
      accountTier: "Standard",
      accountReplicationType: settings.storageReplication,
      minTlsVersion: "TLS1_2",
      httpsTrafficOnlyEnabled: true,
      publicNetworkAccessEnabled: false,
      networkRules: { defaultAction: "Deny", bypass: ["AzureServices"] },
      // Entra ID only: the extension authenticates with its identity (useAAD below).
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      allowNestedItemsToBePublic: false,
      crossTenantReplicationEnabled: false,
      infrastructureEncryptionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
    // storage_account_id creates the container through Resource Manager, which neither the
    // disabled shared keys nor the closed public endpoint stop.
    this.container = new StorageContainer(this, "Container", {
      name: "aks-backup",
      storageAccountId: this.storageAccount.id,
      containerAccessType: "private",
    });
    this.privateEndpoint = new PrivateEndpoint(this, "PrivateEndpoint", {
      ...where,
      name: `pe-${props.storageAccountName}`,
      subnetId: props.privateEndpointSubnetId,
      targetResourceId: this.storageAccount.id,
      subresourceName: "blob",
      privateDnsZoneName: BLOB_PRIVATE_DNS_ZONE,
      privateDnsZoneId: props.privateDnsZoneId,
      virtualNetworkIds: props.virtualNetworkIds,
    });

    this.extension = new KubernetesClusterExtension(this, "Extension", {
      name: AKS_BACKUP.extensionName,
      clusterId: props.cluster.clusterId,
      extensionType: AKS_BACKUP.extensionType,
      releaseTrain: AKS_BACKUP.releaseTrain,
      releaseNamespace: AKS_BACKUP.releaseNamespace,
      configurationSettings: {
        "configuration.backupStorageLocation.bucket": this.container.name,
        "configuration.backupStorageLocation.config.resourceGroup": props.resourceGroupName,
        "configuration.backupStorageLocation.config.storageAccount": this.storageAccount.name,
        "configuration.backupStorageLocation.config.subscriptionId": client.subscriptionId,
        "credentials.tenantId": client.tenantId,
        // Entra ID instead of account keys, which the account refuses.
        "configuration.backupStorageLocation.config.useAAD": "true",
        "configuration.backupStorageLocation.config.storageAccountURI": this.storageAccount.primaryBlobEndpoint,
      },
      // The extension must reach the account through its private endpoint from the start.
      dependsOn: [this.privateEndpoint.resource, ...this.privateEndpoint.dnsZoneLinks],
    });

    this.trustedAccess = new KubernetesClusterTrustedAccessRoleBinding(this, "TrustedAccess", {
      name: "backup-vault",
      kubernetesClusterId: props.cluster.clusterId,
      roles: [AKS_BACKUP.trustedAccessRole],
      sourceResourceId: this.vaultId,
    });

    const grant = (grantId: string, role: string, scopeId: string, principalId: string) =>
      new RoleAssignment(this, grantId, { scope: scopeId, roleDefinitionName: role, principalId, principalType: "ServicePrincipal" });
    this.roleAssignments = {
      extensionOnStorage: grant(
        "ExtensionStorageAccess",
        BACKUP_ROLES.extensionOnStorage,
        this.storageAccount.id,
        this.extension.aksAssignedIdentity.get(0).principalId,
      ),
      vaultOnCluster: grant("VaultClusterReader", BACKUP_ROLES.vaultOnCluster, props.cluster.clusterId, this.vaultPrincipalId),
      vaultOnSnapshotGroup: grant("VaultSnapshotGroupReader", BACKUP_ROLES.vaultOnSnapshotGroup, snapshotGroupId, this.vaultPrincipalId),
      clusterOnSnapshotGroup: grant(
        "ClusterSnapshotGroupContributor",
        BACKUP_ROLES.clusterOnSnapshotGroup,
        snapshotGroupId,
        props.cluster.controlPlaneIdentityPrincipalId,
      ),
    };
    // "Role assignments take a few minutes to take effect" (the support matrix): configuring
    // the backup before they do fails with a permission error.
    this.roleAssignmentPropagation = waitForRoleAssignments(this, "RolePropagation", Object.values(this.roleAssignments), DEFAULT_ROLE_PROPAGATION_WAIT);

    const lifeCycle = { dataStoreType: "OperationalStore", duration: `P${settings.retentionDays}D` };
    this.policy = new DataProtectionBackupPolicyKubernetesCluster(this, "Policy", {
      name: `${props.vaultName}-aks`,
      resourceGroupName: props.resourceGroupName,
      vaultName: this.resource.name,
      backupRepeatingTimeIntervals: [`R/${CLUSTER_BACKUP_DEFAULTS.scheduleStart}/PT${settings.backupIntervalHours}H`],
      defaultRetentionRule: { lifeCycle: [lifeCycle] },
    });

    this.instance = new DataProtectionBackupInstanceKubernetesCluster(this, "Instance", {
      name: `${props.vaultName}-aks`,
      location: props.location,
      vaultId: this.vaultId,
      backupPolicyId: this.policy.id,
      kubernetesClusterId: props.cluster.clusterId,
      snapshotResourceGroupName: props.snapshotResourceGroupName,
      backupDatasourceParameters: {
        // The provider defaults both to false: without them, no volume and no cluster-scoped
        // resource (CRDs, ClusterRoles, storage classes) would be in the backup.
        volumeSnapshotEnabled: true,
        clusterScopedResourcesEnabled: true,
        includedNamespaces: props.includedNamespaces ? [...props.includedNamespaces] : undefined,
        excludedNamespaces: props.excludedNamespaces ? [...props.excludedNamespaces] : undefined,
      },
      dependsOn: [this.roleAssignmentPropagation, this.trustedAccess, this.extension],
    });
  }
}

/** The snapshot group must not be the vault's: the cluster's identity may write and delete snapshots in it. */
function sameGroup(props: ClusterBackupProps): Verdict {
  if (isToken(props.snapshotResourceGroupName) || isToken(props.resourceGroupName)) return undefined;
  return props.snapshotResourceGroupName.toLowerCase() === props.resourceGroupName.toLowerCase()
    ? `snapshotResourceGroupName must differ from resourceGroupName; got ${describe(props.snapshotResourceGroupName)} for both. The cluster's identity gets Disk Snapshot Contributor on the snapshot group, and the vault, its storage and their snapshots are best kept out of each other's reach: give the snapshots a group of their own.`
    : undefined;
}

function linkedNetworks(props: ClusterBackupProps): Verdict {
  if (props.privateDnsZoneId !== undefined || isToken(props.virtualNetworkIds)) return undefined;
  return props.virtualNetworkIds === undefined || props.virtualNetworkIds.length === 0
    ? `virtualNetworkIds must list at least one network; got ${describe(props.virtualNetworkIds)}. The created ${BLOB_PRIVATE_DNS_ZONE} zone resolves the storage account only in the networks it is linked to: pass the cluster's network id, or give privateDnsZoneId for a zone you link yourself.`
    : undefined;
}
