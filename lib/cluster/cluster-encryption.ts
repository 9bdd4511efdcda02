import type { SecretsVault } from "../secrets/secrets-vault";
import { Principal } from "../identity/principal";
import { EncryptionKey, KeyUsage, type KeyRotationPolicy } from "../secrets/encryption-key";
import { DiskEncryption, type DiskEncryptionType } from "../secrets/disk-encryption";
import { derivedName } from "../private/names";
import { describe, oneOf, required, throwIfInvalid } from "../private/validate";
import type { ClusterBinding, EncryptionFragment } from "./cluster-binding";

type EncryptionBinder = (cluster: ClusterBinding) => EncryptionFragment;

/** Options of customer-managed keys for a cluster. */
export interface CustomerManagedKeysOptions {
  /**
   * RSA size of the etcd and disk keys.
   *
   * @default 3072
   */
  readonly keySize?: number;
  /**
   * Rotation and expiry of both keys' versions.
   *
   * @default DEFAULT_KEY_ROTATION_POLICY
   */
  readonly rotationPolicy?: KeyRotationPolicy;
  /**
   * How node disks are encrypted at rest.
   *
   * @default "EncryptionAtRestWithPlatformAndCustomerKeys"
   */
  readonly diskEncryptionType?: DiskEncryptionType;
}

/**
 * Whose keys protect the cluster's data: a closed choice that must be made explicitly.
 * Customer-managed keys are the hardened path: etcd secrets encrypted by KMS with a key in
 * your private vault (SEC-3) and node disks by a disk encryption set with its own key
 * (SEC-4). Platform-managed keys are the opt-out. Each choice creates its own keys when the
 * cluster binds it.
 */
export class ClusterEncryption {
  /**
   * Keys in your vault, which must have purge protection on. The cluster creates an etcd
   * key and a disk encryption set (with its own key) there, grants its control plane
   * exactly the roles KMS and the set need, and turns on API server VNet integration, which
   * KMS needs to reach a private vault.
   */
  public static customerManagedKeys(vault: SecretsVault, options: CustomerManagedKeysOptions = {}): ClusterEncryption {
    return new ClusterEncryption(vault, options, (cluster) => bindCustomerManagedKeys(cluster, vault, options));
  }

  /**
   * Opt-out: Microsoft-managed keys for etcd and disks. Data is still encrypted at rest,
   * but you cannot revoke or rotate the keys, and the compliance report flags it.
   */
  public static platformManagedKeys(): ClusterEncryption {
    // AKS's defaults: nothing to create, nothing to set.
    return new ClusterEncryption(undefined, {}, () => ({}));
  }

  private constructor(
    /** The vault holding the keys, for customer-managed keys. */
    public readonly vault: SecretsVault | undefined,
    /** Options of the keys. */
    public readonly options: CustomerManagedKeysOptions,
    private readonly binder: EncryptionBinder,
  ) {}

  /**
   * Creates the keys in the cluster's scope and returns the cluster's encryption settings,
   * the roles to wait for, and what the API server must provide.
   *
   * @internal
   */
  public _bind(cluster: ClusterBinding): EncryptionFragment {
    return this.binder(cluster);
  }
}

/** The disk encryption types a cluster's disk encryption set may use. */
const DISK_ENCRYPTION_TYPES: readonly DiskEncryptionType[] = ["EncryptionAtRestWithPlatformAndCustomerKeys", "EncryptionAtRestWithCustomerKey"];

/** The etcd key and the disk encryption set in the vault, and the control plane's roles on them. */
function bindCustomerManagedKeys(cluster: ClusterBinding, vault: SecretsVault, options: CustomerManagedKeysOptions): EncryptionFragment {
  // Checked here, where the cluster's scope is, under the names the caller wrote.
  throwIfInvalid(
    cluster.scope,
    typeof vault === "object" && vault !== null
      ? undefined
      : `encryption: ClusterEncryption.customerManagedKeys(vault) needs the SecretsVault that holds the keys; got ${describe(vault)}. Pass the vault, or use ClusterEncryption.platformManagedKeys() as the opt-out.`,
    required("encryption: ClusterEncryption.customerManagedKeys options", options, "object", "{ keySize: 3072 }"),
    oneOf("encryption: ClusterEncryption.customerManagedKeys options.diskEncryptionType", options?.diskEncryptionType, DISK_ENCRYPTION_TYPES),
  );
  const etcdKey = new EncryptionKey(cluster.scope, "EtcdKey", {
    vault,
    name: derivedName([cluster.clusterName, "etcd"], 127),
    usage: KeyUsage.KUBERNETES_KMS,
    keySize: options.keySize,
    rotationPolicy: options.rotationPolicy,
  });
  const kmsAccess = etcdKey.grantKmsAccess(Principal.servicePrincipal(cluster.controlPlanePrincipalId), { scope: cluster.scope, id: "ControlPlaneKms", keyVaultNetworkAccess: "Private" });
  const diskEncryption = new DiskEncryption(cluster.scope, "DiskEncryption", {
    name: derivedName(["des", cluster.clusterName], 80),
    vault,
    resourceGroupName: cluster.resourceGroupName,
    location: cluster.location,
    tags: cluster.tags,
    encryptionType: options.diskEncryptionType,
    key: { keySize: options.keySize, rotationPolicy: options.rotationPolicy },
  });
  const diskAccess = diskEncryption.grantRead(Principal.servicePrincipal(cluster.controlPlanePrincipalId), { scope: cluster.scope, id: "ControlPlaneReadsDiskEncryptionSet" });
  return {
    config: {
      // The latest version, read at each plan: the key resource's own id stays on the version
      // Terraform created, so KMS would never follow a rotation (see EncryptionKey).
      keyManagementService: { keyVaultKeyId: etcdKey.latestVersionKeyId, keyVaultNetworkAccess: "Private" },
      diskEncryptionSetId: diskEncryption.diskEncryptionSetId,
    },
    // The disk encryption set's own grant on its key too: AKS encrypts the nodes' disks
    // through the set while it creates the cluster, so that grant must have propagated.
    dependsOn: [...kmsAccess, diskAccess, diskEncryption.keyAccess],
    // Private key vault network access: the KMS plugin reaches the vault from the API
    // server's address in the cluster's network.
    apiServerVnetIntegrationReason: "customer-managed keys: KMS reaches a private vault only through API server VNet integration",
    etcdKey,
    diskEncryption,
  };
}
