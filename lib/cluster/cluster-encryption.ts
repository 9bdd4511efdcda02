import type { SecretsVault } from "../secrets/secrets-vault";
import type { KeyRotationPolicy } from "../secrets/encryption-key";
import type { DiskEncryptionType } from "../secrets/disk-encryption";

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
 * (SEC-4). Platform-managed keys are the opt-out.
 */
export class ClusterEncryption {
  /**
   * Keys in your vault, which must have purge protection on. The cluster creates an etcd
   * key and a disk encryption set (with its own key) there, grants its control plane
   * exactly the roles KMS and the set need, and turns on API server VNet integration, which
   * KMS needs to reach a private vault.
   */
  public static customerManagedKeys(vault: SecretsVault, options: CustomerManagedKeysOptions = {}): ClusterEncryption {
    return new ClusterEncryption(vault, options);
  }

  /**
   * Opt-out: Microsoft-managed keys for etcd and disks. Data is still encrypted at rest,
   * but you cannot revoke or rotate the keys, and the compliance report flags it.
   */
  public static platformManagedKeys(): ClusterEncryption {
    return new ClusterEncryption(undefined, {});
  }

  private constructor(
    /** The vault holding the keys, for customer-managed keys. */
    public readonly vault: SecretsVault | undefined,
    /** Options of the keys. */
    public readonly options: CustomerManagedKeysOptions,
  ) {}
}
