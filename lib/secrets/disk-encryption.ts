import { Construct } from "../private/cdktf";
import { DiskEncryptionSet, RoleAssignment, UserAssignedIdentity } from "../private/azurerm";
import { azureResourceName, isToken, oneOf, required, throwIfInvalid, underProp, type Verdict, optionalOfKind } from "../private/validate";
import { keyName as keyNameVerdict, placementVerdicts, propsObject, vaultVerdict } from "./validate-secrets";
import { derivedName } from "../private/names";
import { ValidationError } from "../errors";
import type { AzureResourceOptions } from "../resource-options";
import { EncryptionKey, KeyUsage, type KeyRotationPolicy } from "./encryption-key";
import type { SecretsVault } from "./secrets-vault";
import { Principal, type Grantee } from "../identity/principal";
import { grantedPrincipal, refuseClusterForControlPlane } from "../identity/grantee";

/**
 * How a disk encryption set encrypts disks at rest:
 * - `EncryptionAtRestWithPlatformAndCustomerKeys`: double encryption, one layer with your key
 *   and one with a platform key, so a flaw in one layer or key does not expose the data.
 * - `EncryptionAtRestWithCustomerKey`: your key only. Needed for disk types double
 *   encryption does not support (Ultra Disk, Premium SSD v2).
 */
export type DiskEncryptionType = "EncryptionAtRestWithPlatformAndCustomerKeys" | "EncryptionAtRestWithCustomerKey";

/** Double encryption at rest: same key management, same price, one more independent layer. */
export const DEFAULT_DISK_ENCRYPTION_TYPE: DiskEncryptionType = "EncryptionAtRestWithPlatformAndCustomerKeys";

/** Options of the disk encryption set's key. */
export interface DiskEncryptionKeyOptions {
  /**
   * Key name in the vault: 1-127 letters, digits or hyphens.
   *
   * @default - `<name>-key`
   */
  readonly name?: string;
  /**
   * RSA key size in bits: 2048, 3072 or 4096.
   *
   * @default 3072
   */
  readonly keySize?: number;
  /**
   * Whether the key is HSM-protected (`RSA-HSM`).
   *
   * @default - true on a premium vault
   */
  readonly hsmProtected?: boolean;
  /**
   * Rotation and expiry of the key's versions. The set follows new versions by itself.
   *
   * @default DEFAULT_KEY_ROTATION_POLICY
   */
  readonly rotationPolicy?: KeyRotationPolicy;
}

/** Props of {@link DiskEncryption}. */
export interface DiskEncryptionProps extends AzureResourceOptions {
  /** Name of the disk encryption set: 1-80 letters, digits, underscores, periods or hyphens. */
  readonly name: string;
  /**
   * The vault that holds the set's key. It must have purge protection on (Azure requires it
   * for disk encryption keys).
   */
  readonly vault: SecretsVault;
  /**
   * The set's key.
   *
   * @default - `<name>-key`, RSA 3072, HSM-protected on a premium vault, rotated yearly
   */
  readonly key?: DiskEncryptionKeyOptions;
  /**
   * How disks are encrypted at rest. Azure fixes it at creation.
   *
   * @default "EncryptionAtRestWithPlatformAndCustomerKeys"
   */
  readonly encryptionType?: DiskEncryptionType;
  /**
   * Name of the set's user-assigned identity.
   *
   * @default - `id-<name>`
   */
  readonly identityName?: string;
}

/** Options of {@link DiskEncryption.grantRead}. */
export interface DiskEncryptionGrantOptions {
  /**
   * Construct the role assignment is created in.
   *
   * @default - the disk encryption set construct
   */
  readonly scope?: Construct;
  /**
   * Construct id of the role assignment, unique within `scope`.
   *
   * @default "ClusterReadsDiskEncryptionSet"
   */
  readonly id?: string;
}

/**
 * Customer-managed keys for the cluster's disks (SEC-4): a disk encryption set with its own
 * key in the vault and its own user-assigned identity, which gets Key Vault Crypto Service
 * Encryption User on that key and nothing more. The identity and its role exist before the
 * set, so the set can reach its key from the start. Double encryption at rest by default;
 * automatic key rotation on, so the set follows the key's new versions within the hour.
 *
 * The cluster then sets `disk_encryption_set_id` to `diskEncryptionSetId` (OS and data
 * disks of every pool; Azure allows it only when the cluster is created) and
 * `host_encryption_enabled` on every pool (which also encrypts ephemeral OS disks and caches
 * with this key), and its control-plane identity needs Reader on the set: `grantRead`.
 * Persistent volumes use the set through a StorageClass's `diskEncryptionSetID`.
 *
 * @see https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys
 */
export class DiskEncryption extends Construct {
  /** The `azurerm_disk_encryption_set` (escape hatch). */
  public readonly resource: DiskEncryptionSet;
  /** The set's key. */
  public readonly key: EncryptionKey;
  /** The set's user-assigned identity. */
  public readonly identity: UserAssignedIdentity;
  /** The set's role on its key. */
  public readonly keyAccess: RoleAssignment;
  /** Azure resource ID of the disk encryption set, which the cluster's `disk_encryption_set_id` takes. */
  public readonly diskEncryptionSetId: string;
  /** Readers of the set by principal, so the same grant twice gives one assignment. */
  private readonly readers = new Map<string, RoleAssignment>();

  constructor(scope: Construct, id: string, props: DiskEncryptionProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything reads it.
    throwIfInvalid(this, ...requiredDiskEncryptionProps(props));
    const encryptionType = props.encryptionType ?? DEFAULT_DISK_ENCRYPTION_TYPE;
    const identityName = props.identityName ?? (isToken(props.name) ? `id-${props.name}` : derivedName(["id", props.name], 128));
    const keyName = props.key?.name ?? (isToken(props.name) ? `${props.name}-key` : derivedName([props.name, "key"], 127).replace(/[._]/g, "-"));
    throwIfInvalid(
      this,
      azureResourceName("name", props.name, 80),
      azureResourceName("identityName", identityName, 128),
      oneOf("encryptionType", encryptionType, ["EncryptionAtRestWithPlatformAndCustomerKeys", "EncryptionAtRestWithCustomerKey"]),
      ...placementVerdicts(props),
      props.key?.name === undefined ? undefined : keyNameVerdict("key.name", props.key.name),
      props.vault.purgeProtectionEnabled
        ? undefined
        : `vault must have purge protection on; got '${props.vault.node.path}', which sets disablePurgeProtection. Azure takes disk encryption keys only from vaults with purge protection: use a vault without disablePurgeProtection.`,
    );
    this.identity = new UserAssignedIdentity(this, "Identity", {
      name: identityName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
    // The key's own checks name its props; the caller wrote them under `key`.
    this.key = underProp(this, "key", props.key, () =>
      new EncryptionKey(this, "Key", {
        vault: props.vault,
        name: keyName,
        usage: KeyUsage.DISK_ENCRYPTION,
        keySize: props.key?.keySize,
        hsmProtected: props.key?.hsmProtected,
        rotationPolicy: props.key?.rotationPolicy,
        tags: props.tags,
      }),
    );
    this.keyAccess = this.key.grantServiceEncryption(Principal.servicePrincipal(this.identity.principalId), { scope: this, id: "KeyAccess" });
    this.resource = new DiskEncryptionSet(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      // Versionless, so the set follows each new version of the key (auto_key_rotation_enabled).
      keyVaultKeyId: this.key.versionlessKeyId,
      autoKeyRotationEnabled: true,
      encryptionType,
      identity: { type: "UserAssigned", identityIds: [this.identity.id] },
      tags: props.tags,
      dependsOn: [this.keyAccess],
    });
    this.diskEncryptionSetId = this.resource.id;
  }

  /**
   * Lets a cluster use the set for its disks: Reader on the set, for the cluster's
   * control-plane identity (Microsoft: the cluster identity needs read access to the disk
   * encryption set). Make the cluster depend on the returned assignment.
   *
   * @param principal the cluster's control-plane identity, `cluster.controlPlanePrincipal`
   */
  public grantRead(principal: Grantee, options: DiskEncryptionGrantOptions = {}): RoleAssignment {
    refuseClusterForControlPlane(this, "grantRead(principal)", principal, "Reader on the disk encryption set");
    const { principalId, principalType } = grantedPrincipal(this, "grantRead(principal)", principal);
    const existing = this.readers.get(principalId);
    if (existing) return existing;
    const inScope = options.scope ?? this;
    const id = options.id ?? "ClusterReadsDiskEncryptionSet";
    if (inScope.node.tryFindChild(id)) {
      throw new ValidationError(
        `a role assignment with id '${id}' already exists in ${inScope.node.path}: this set grants Reader to another principal there. Pass a distinct options.id for each principal.`,
        this,
      );
    }
    const assignment = new RoleAssignment(inScope, id, {
      scope: this.diskEncryptionSetId,
      roleDefinitionName: "Reader",
      principalId,
      principalType,
    });
    this.readers.set(principalId, assignment);
    return assignment;
  }
}

/**
 * The props TypeScript requires and the types of the optional ones, for JavaScript callers:
 * named as written, checked before anything reads them.
 */
function requiredDiskEncryptionProps(props: DiskEncryptionProps): Verdict[] {
  const top = propsObject("DiskEncryption", props, "{ name: 'des-aks-prod', vault, resourceGroupName, location }");
  if (top !== undefined) return [top];
  return [
    required("name", props.name, "string", "'des-aks-prod'"),
    vaultVerdict("vault", props.vault),
    required("resourceGroupName", props.resourceGroupName, "string", "'rg-aks-prod'"),
    required("location", props.location, "string", "'westeurope'"),
    optionalOfKind("key", props.key, "object", "{ keySize: 4096 }"),
    optionalOfKind("identityName", props.identityName, "string", "'id-des-aks-prod'"),
    optionalOfKind("encryptionType", props.encryptionType, "string", "'EncryptionAtRestWithPlatformAndCustomerKeys'"),
  ];
}
