import { Construct } from "../private/cdktf";
import type { Grantee } from "../identity/principal";
import { grantedPrincipal, refuseClusterForControlPlane, type GrantedPrincipal } from "../identity/grantee";
import { DataAzurermKeyVaultKey, KeyVaultKey, RoleAssignment } from "../private/azurerm";
import { ensureTimeProvider, Offset, sleepDuration, waitForRoleAssignments, type Sleep } from "../private/time";
import { describe, isToken, required, tags as tagsVerdict, throwIfInvalid, type Verdict, optionalOfKind } from "../private/validate";
import { durationDays, durationParts, keyName, propsObject, vaultVerdict, ROTATION_POLICY_BOUNDS } from "./validate-secrets";
import { ValidationError } from "../errors";
import type { SecretsVault } from "./secrets-vault";
import { deepFreeze } from "../private/freeze";

/** Built-in Azure roles an encryption key grants. */
const KEY_ROLES = {
  /** Encrypt, decrypt, wrap and unwrap with a key, and read its metadata. */
  cryptoUser: "Key Vault Crypto User",
  /** Wrap and unwrap with a key, and read its metadata: what Azure services use for customer-managed keys. */
  cryptoServiceEncryptionUser: "Key Vault Crypto Service Encryption User",
  /** Manage the vault resource (not its data): lets AKS connect its own private endpoint to the vault. */
  keyVaultContributor: "Key Vault Contributor",
} as const;

/**
 * What a key is for, which fixes the operations it allows (`key_opts`). A closed choice: a
 * key allows only what its consumer calls.
 */
export class KeyUsage {
  /**
   * The key that encrypts Kubernetes secrets in etcd through AKS's KMS plugin (SEC-3). The
   * plugin encrypts and decrypts with the key; wrap and unwrap are allowed too.
   *
   * @see https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
   */
  public static readonly KUBERNETES_KMS = new KeyUsage("Kubernetes KMS (etcd encryption)", ["decrypt", "encrypt", "unwrapKey", "wrapKey"]);

  /**
   * The key of a disk encryption set (SEC-4): managed disks only wrap and unwrap their data
   * encryption keys with it.
   *
   * @see https://learn.microsoft.com/azure/virtual-machines/disk-encryption
   */
  public static readonly DISK_ENCRYPTION = new KeyUsage("disk encryption", ["unwrapKey", "wrapKey"]);

  /** The JSON web key operations the key allows. */
  public readonly keyOperations: readonly string[];

  private constructor(
    /** What the key is for, in words. */
    public readonly description: string,
    keyOperations: readonly string[],
  ) {
    // Shared by every key of the process: frozen, so no caller widens another's key_opts.
    this.keyOperations = Object.freeze([...keyOperations]);
    Object.freeze(this);
  }
}

/**
 * When a key gets a new version and when versions expire, as ISO 8601 durations of whole
 * years, months or days (`P1Y`, `P6M`, `P90D`). Key Vault creates the new version itself;
 * whatever points at the key must follow: a disk encryption set with automatic key rotation
 * does on its own; AKS KMS names one version, so the cluster follows through the key's
 * latest version, read at each plan (see {@link EncryptionKey.latestVersionKeyId}).
 *
 * @see https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation
 */
export interface KeyRotationPolicy {
  /**
   * How long after its creation each new version expires. Azure's minimum is 28 days. For a
   * KMS key it must be at least twice the rotation interval: AKS keeps using the previous
   * version until the next rotation, so that version must not expire before then.
   *
   * @default "P2Y"
   */
  readonly expireAfter?: string;
  /**
   * How long before a version expires Key Vault raises its near-expiry event (Event Grid).
   * At least 7 days.
   *
   * @default "P30D"
   */
  readonly notifyBeforeExpiry?: string;
  /**
   * Rotate automatically this long after the current version was created. At least 7 days,
   * and at least 7 days before the version expires. Give this or `rotateBeforeExpiry`, not
   * both.
   *
   * @default "P1Y" (unless `rotateBeforeExpiry` is given)
   */
  readonly rotateAfterCreation?: string;
  /**
   * Rotate automatically this long before the current version expires, instead of
   * `rotateAfterCreation`. At least 7 days, and at most `expireAfter` minus 7 days.
   *
   * @default - unset: `rotateAfterCreation` applies
   */
  readonly rotateBeforeExpiry?: string;
}

/**
 * The default rotation policy: a new version every year, each version valid for two years,
 * and the near-expiry event a month ahead. Two years is twice the rotation interval, which
 * is what AKS KMS needs (the previous version must stay valid until the next rotation); a
 * yearly rotation matches the cryptoperiod NIST SP 800-57 suggests for key-wrapping keys
 * and keeps the KMS re-encryption chore to once a year.
 */
export const DEFAULT_KEY_ROTATION_POLICY: Required<Omit<KeyRotationPolicy, "rotateBeforeExpiry">> = deepFreeze({
  expireAfter: "P2Y",
  notifyBeforeExpiry: "P30D",
  rotateAfterCreation: "P1Y",
});

/**
 * The default RSA key size. 3072 bits is what NIST SP 800-57 asks of RSA keys that protect
 * data beyond 2030 (2048 bits is acceptable until then); both AKS KMS and disk encryption
 * sets accept 2048, 3072 and 4096.
 */
export const DEFAULT_KEY_SIZE = 3072;

/**
 * How long the library waits after creating a role assignment before anything that needs
 * the role (a key the deployer creates, a cluster whose control plane uses its roles).
 * Creating an assignment returns once Azure Resource Manager lists it; Key Vault's data
 * plane and the resource providers see it later, and an early call fails with 403
 * (`ForbiddenByRbac`) until a second apply. Microsoft's Azure Verified Module for Key Vault
 * waits 30 s by default (60 s in its examples) and the azurerm provider's own acceptance
 * tests 30 s; the library waits longer because a failed first apply of a cluster costs far
 * more than two minutes. The wait runs when its `time_sleep` is created (the first apply)
 * and, for the cluster's, again when one of its role assignments is replaced; never on a
 * plan that changes nothing.
 */
export const DEFAULT_ROLE_PROPAGATION_WAIT = "120s";

/** The RSA sizes Key Vault creates. */
const KEY_SIZES = [2048, 3072, 4096];

/** Options of a key made with {@link SecretsVault.addKey}. */
export interface EncryptionKeyOptions {
  /** Key name in the vault: 1-127 letters, digits or hyphens. */
  readonly name: string;
  /**
   * What the key is for: it allows only that consumer's operations (`key_opts`).
   * `KeyUsage.KUBERNETES_KMS` or `KeyUsage.DISK_ENCRYPTION`.
   */
  readonly usage: KeyUsage;
  /**
   * RSA key size in bits: 2048, 3072 or 4096. Below 2048 is rejected. Changing it replaces
   * the key, which the key's `prevent_destroy` stops.
   *
   * @default 3072
   */
  readonly keySize?: number;
  /**
   * Whether the key lives in Key Vault's HSMs (`RSA-HSM`) rather than in software (`RSA`).
   * Needs a premium vault.
   *
   * @default - true on a premium vault, false on a standard one
   */
  readonly hsmProtected?: boolean;
  /**
   * Automatic rotation and expiry of the key's versions; each field falls back to
   * {@link DEFAULT_KEY_ROTATION_POLICY}.
   *
   * @default DEFAULT_KEY_ROTATION_POLICY (rotate yearly, versions expire after 2 years, notify 30 days ahead)
   */
  readonly rotationPolicy?: KeyRotationPolicy;
  /**
   * Tags on the key.
   *
   * @default - the vault's tags are not copied; no tags
   */
  readonly tags?: Record<string, string>;
  /**
   * How long the key's creation waits after the vault's key-administration grants (see
   * {@link SecretsVault.grantKeyAdministration}) for Azure RBAC to reach Key Vault's data
   * plane, as a `time_sleep` duration (`"120s"`, `"2m"`). `"0s"` waits not at all.
   *
   * @default "120s" (DEFAULT_ROLE_PROPAGATION_WAIT)
   */
  readonly roleAssignmentPropagationWait?: string;
}

/** Props of {@link EncryptionKey}. */
export interface EncryptionKeyProps extends EncryptionKeyOptions {
  /** The vault the key is created in. */
  readonly vault: SecretsVault;
}

/** Options of a grant on a key. */
export interface KeyGrantOptions {
  /**
   * Construct the role assignments are created in.
   *
   * @default - the key
   */
  readonly scope?: Construct;
  /**
   * Construct id (prefix) of the role assignments, unique within `scope`. Give one per
   * principal when you grant several principals the same access.
   *
   * @default - named after the grant, e.g. `KmsCryptoUser`
   */
  readonly id?: string;
}

/** Options of {@link EncryptionKey.grantKmsAccess}. */
export interface KmsAccessOptions extends KeyGrantOptions {
  /**
   * How AKS reaches the vault: `"Private"` (AKS creates its own private endpoint to the
   * vault, which needs Key Vault Contributor on the vault) or `"Public"`. Match the cluster's
   * `key_management_service.key_vault_network_access`.
   *
   * @default "Private"
   */
  readonly keyVaultNetworkAccess?: "Private" | "Public";
}

/**
 * An RSA key in a {@link SecretsVault} for a customer-managed key: KMS etcd encryption
 * (SEC-3) or a disk encryption set (SEC-4). HSM-protected on a premium vault, 3072 bits by
 * default (2048 at least), only the operations its usage needs, rotated automatically
 * (yearly, versions valid two years) and protected from destroy: losing it makes everything
 * it encrypted unreadable.
 *
 * Creating the key is a data-plane call to the vault, so the first apply needs:
 * - a role for whoever runs Terraform: the vault uses Azure RBAC, so grant Key Vault Crypto
 *   Officer with `vault.grantKeyAdministration(deployer.principal)`. The key is created after
 *   that grant and after a `time_sleep` (`PropagationWait`, `roleAssignmentPropagationWait`)
 *   that starts once the grant exists, because Key Vault sees a new role assignment minutes
 *   after Azure Resource Manager does.
 * - line of sight to the vault: its public network access is off, so Terraform must run
 *   from a network that reaches the vault's private endpoint and resolves its name through
 *   `privatelink.vaultcore.azure.net` (a runner in the cluster's network or a peered one
 *   linked to the zone), or from `deployerIpRanges`. This holds for every later plan too:
 *   Terraform reads the key on each refresh.
 *
 * Rotation and KMS. The key resource's `id` (`keyId`) names the version Terraform created
 * and never changes: the provider's read keeps the version of the id in state (azurerm
 * v4.55.0, `key_vault_key_resource.go`, `resourceKeyVaultKeyRead`). AKS KMS takes a
 * versioned id, so the cluster reads `latestVersionKeyId` instead, from an
 * `azurerm_key_vault_key` data source whose `name` and `key_vault_id` refer to this key:
 * - first apply: the key does not exist at plan time; Terraform defers the data source
 *   (it refers to a resource with pending changes), creates the key, then reads it, and the
 *   cluster is created with the key's first version.
 * - after Key Vault rotates the key: the next plan reads the data source (a data-plane read,
 *   so from where the vault is reachable) and shows an in-place update of the cluster's
 *   `key_management_service.key_vault_key_id` to the new version. Apply it, then re-encrypt
 *   existing secrets (`kubectl get secrets -A -o json | kubectl replace -f -`). AKS still
 *   decrypts with the previous version, so it must stay valid until the next rotation: the
 *   default policy keeps each version two years and rotates yearly.
 * - a plan that changes the key itself (its tags, its rotation policy) defers the data
 *   source again: the cluster's key id shows as known after apply, an in-place update that
 *   resolves to the same version unless the key rotated meanwhile.
 *
 * Expiry. The first version expires `expireAfter` after the first apply (a `time_offset`,
 * `firstVersionExpiry`), as every version the policy creates does; Key Vault's policy would
 * leave it without one. `expiration_date` is in `ignore_changes`, so the versions the policy
 * creates keep their own expiry and no plan after a rotation replaces the key or moves the
 * new version's expiry back (SEC-6). Keys created before this expiry existed keep a first
 * version without one: `az keyvault key set-attributes --expires` gives it one.
 */
export class EncryptionKey extends Construct {
  /** The `azurerm_key_vault_key` (escape hatch). */
  public readonly resource: KeyVaultKey;
  /** The vault the key is in. */
  public readonly vault: SecretsVault;
  /** What the key is for. */
  public readonly usage: KeyUsage;
  /** The key's name in the vault. */
  public readonly keyName: string;
  /**
   * The versioned id of the version Terraform created
   * (`https://<vault>.vault.azure.net/keys/<name>/<version>`). It does not change when the
   * key rotates (the provider keeps the created version in state): for AKS KMS use
   * {@link latestVersionKeyId}.
   */
  public readonly keyId: string;
  /** The versionless key id: what a disk encryption set with automatic key rotation needs. */
  public readonly versionlessKeyId: string;
  /**
   * The key's versionless Azure resource id (`<vaultId>/keys/<name>`): the scope of role
   * assignments on the key, which then cover every version, including rotated ones.
   */
  public readonly keyResourceId: string;
  /**
   * The `time_sleep` the key waits for: it starts when the vault's key-administration
   * grants (and its private endpoint and DNS) exist.
   */
  public readonly propagationWait: Sleep;
  /**
   * The `time_offset` that dates the first version's expiry (`expireAfter` after the first
   * apply); later versions get theirs from the rotation policy. Undefined when `expireAfter`
   * is a token.
   */
  public readonly firstVersionExpiry?: Offset;
  /** Grants by role and principal, so the same grant twice gives one assignment. */
  private readonly grants = new Map<string, RoleAssignment>();
  private latestVersion?: DataAzurermKeyVaultKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything reads it.
    throwIfInvalid(this, ...requiredKeyProps(props));
    const keySize = props.keySize ?? DEFAULT_KEY_SIZE;
    const hsmProtected = props.hsmProtected ?? props.vault.sku === "premium";
    const policy = resolveRotationPolicy(props.rotationPolicy);
    throwIfInvalid(
      this,
      keyName("name", props.name),
      tagsVerdict("tags", props.tags),
      rsaKeySize("keySize", keySize),
      hsmProtected && props.vault.sku !== "premium"
        ? `hsmProtected needs a premium vault; the vault '${props.vault.node.id}' is standard. Set the vault's sku to 'premium', or hsmProtected to false for a software-protected key.`
        : undefined,
      ...rotationPolicyVerdicts(policy, props.usage),
      sleepDuration("roleAssignmentPropagationWait", props.roleAssignmentPropagationWait),
    );
    this.vault = props.vault;
    this.usage = props.usage;
    this.keyName = props.name;
    this.firstVersionExpiry = firstVersionExpiry(this, policy.expireAfter);
    this.resource = new KeyVaultKey(this, "Resource", {
      name: props.name,
      keyVaultId: props.vault.vaultId,
      keyType: hsmProtected ? "RSA-HSM" : "RSA",
      keySize,
      keyOpts: [...props.usage.keyOperations],
      rotationPolicy: {
        expireAfter: policy.expireAfter,
        notifyBeforeExpiry: policy.notifyBeforeExpiry,
        automatic:
          policy.rotateBeforeExpiry !== undefined
            ? { timeBeforeExpiry: policy.rotateBeforeExpiry }
            : { timeAfterCreation: policy.rotateAfterCreation },
      },
      expirationDate: this.firstVersionExpiry?.rfc3339,
      tags: props.tags,
      // Key Vault's rotations give each new version its own expiry, and the provider reads the
      // latest version's (azurerm v4.55.0 key_vault_key_resource.go, resourceKeyVaultKeyRead).
      // Without ignore_changes the first rotation makes the next plan either shorten the new
      // version's life back to the first version's date (resourceKeyVaultKeyUpdate patches the
      // latest version) or, with no expiration_date in the configuration, replace the key
      // (the CustomizeDiff forces a new key when expiration_date goes from set to empty), which
      // prevent_destroy turns into a failed plan. Ignoring it leaves expiry to the policy.
      lifecycle: { preventDestroy: true, ignoreChanges: ["expiration_date"] },
    });
    this.keyId = this.resource.id;
    this.versionlessKeyId = this.resource.versionlessId;
    // `resource_id` names one version; a role on it would not cover the next one.
    this.keyResourceId = this.resource.resourceVersionlessId;
    // The vault adds what keys wait for (its private endpoint, DNS links and the deployer's
    // key-administration grants, also those granted later) to each resource it is given:
    // the sleep then starts once they exist, and the key waits for the sleep as well.
    this.propagationWait = waitForRoleAssignments(this, "PropagationWait", [], props.roleAssignmentPropagationWait ?? DEFAULT_ROLE_PROPAGATION_WAIT);
    props.vault._registerKey(this.propagationWait);
    this.resource.dependsOn = [...(this.resource.dependsOn ?? []), `${this.propagationWait.terraformResourceType}.${this.propagationWait.friendlyUniqueId}`];
    props.vault._registerKey(this.resource);
  }

  /**
   * The versioned id of the key's latest version, from an `azurerm_key_vault_key` data
   * source (created on first use) whose `name` and `key_vault_id` refer to this key: what
   * AKS KMS's `key_vault_key_id` takes, so the cluster follows rotations (see the class
   * documentation for first apply and rotation). The data source reads the vault's data
   * plane at every plan once the key exists: whoever plans needs line of sight to the vault
   * and a role that reads keys (Key Vault Crypto Officer has it).
   */
  public get latestVersionKeyId(): string {
    // References, not literals: Terraform defers reading a data source that refers to a
    // managed resource with pending changes, so on the first apply it reads the key after
    // creating it instead of failing at plan with "not found".
    this.latestVersion ??= new DataAzurermKeyVaultKey(this, "LatestVersion", {
      name: this.resource.name,
      keyVaultId: this.resource.keyVaultId,
    });
    return this.latestVersion.id;
  }

  /**
   * The roles AKS's KMS plugin needs to encrypt etcd with this key (SEC-3), for the
   * cluster's control-plane identity: Key Vault Crypto User on this key (encrypt and
   * decrypt; Microsoft's guide grants it on the vault, the key is the narrower scope), and,
   * for private network access, Key Vault Contributor on the vault, which AKS needs to
   * create its private endpoint to the vault. Grant before the cluster turns KMS on: with a
   * private vault AKS cannot check the permissions itself.
   *
   * @param principal the cluster's control-plane identity, `cluster.controlPlanePrincipal`
   *   (user-assigned: KMS does not work with a system-assigned one). Not the cluster itself:
   *   a cluster is granted through its kubelet identity.
   * @returns the role assignments: make the cluster depend on them
   * @see https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
   */
  public grantKmsAccess(principal: Grantee, options: KmsAccessOptions = {}): RoleAssignment[] {
    if (this.usage !== KeyUsage.KUBERNETES_KMS) {
      throw new ValidationError(
        `grantKmsAccess needs a key made with usage KeyUsage.KUBERNETES_KMS; this key's usage is ${this.usage.description}, which does not allow encrypt and decrypt. Add a separate key with usage KeyUsage.KUBERNETES_KMS for KMS.`,
        this,
      );
    }
    refuseClusterForControlPlane(this, "grantKmsAccess(principal)", principal, "KMS access");
    const granted = grantedPrincipal(this, "grantKmsAccess(principal)", principal);
    const access = options.keyVaultNetworkAccess ?? "Private";
    const prefix = options.id ?? "Kms";
    const assignments = [this.grant(`${prefix}CryptoUser`, KEY_ROLES.cryptoUser, this.keyResourceId, granted, options.scope)];
    if (access === "Private") {
      assignments.push(this.grant(`${prefix}PrivateLink`, KEY_ROLES.keyVaultContributor, this.vault.vaultId, granted, options.scope));
    }
    return assignments;
  }

  /**
   * Lets an Azure service's identity use this key as its customer-managed key: Key Vault
   * Crypto Service Encryption User on this key (read its metadata, wrap and unwrap), nothing
   * more. {@link DiskEncryption} grants it to its identity.
   *
   * @param principal the service's identity, e.g. `Principal.servicePrincipal(identity.principalId)`
   */
  public grantServiceEncryption(principal: Grantee, options: KeyGrantOptions = {}): RoleAssignment {
    const granted = grantedPrincipal(this, "grantServiceEncryption(principal)", principal);
    return this.grant(options.id ?? "ServiceEncryptionUser", KEY_ROLES.cryptoServiceEncryptionUser, this.keyResourceId, granted, options.scope);
  }

  private grant(id: string, role: string, scope: string, { principalId, principalType }: GrantedPrincipal, inScope: Construct = this): RoleAssignment {
    const key = `${role}|${principalId}`;
    const existing = this.grants.get(key);
    if (existing) return existing;
    if (inScope.node.tryFindChild(id)) {
      throw new ValidationError(
        `a role assignment with id '${id}' already exists in ${inScope.node.path}: this key grants '${role}' to another principal there. Pass a distinct options.id for each principal.`,
        this,
      );
    }
    const assignment = new RoleAssignment(inScope, id, {
      scope,
      roleDefinitionName: role,
      principalId,
      principalType,
    });
    this.grants.set(key, assignment);
    return assignment;
  }
}

/**
 * The first version's expiry, `expireAfter` from when Terraform creates the key: the rotation
 * policy's expiry applies only to the versions it creates ("It does not affect a current
 * key", Microsoft's Key Vault key rotation article), so without it the first version never
 * expires and a `rotateBeforeExpiry` policy never fires for it. A `time_offset` keeps the
 * date fixed in state from the first apply on. Undefined for a token `expireAfter`, whose
 * parts are only known when Terraform runs.
 */
function firstVersionExpiry(scope: Construct, expireAfter: string | undefined): Offset | undefined {
  if (expireAfter === undefined || isToken(expireAfter)) return undefined;
  const parts = durationParts(expireAfter);
  if (!parts) return undefined; // reported by rotationPolicyVerdicts
  const { years, months, days } = parts;
  ensureTimeProvider(scope);
  return new Offset(scope, "FirstVersionExpiry", {
    offsetYears: years || undefined,
    offsetMonths: months || undefined,
    offsetDays: days || undefined,
  });
}

/**
 * The props TypeScript requires (the vault, a name, a usage) and the types of the optional
 * ones, for JavaScript callers: named as written, checked before anything reads them.
 */
function requiredKeyProps(props: EncryptionKeyProps): Verdict[] {
  const top = propsObject("EncryptionKey", props, "{ vault, name: 'aks-prod-kms', usage: KeyUsage.KUBERNETES_KMS }");
  if (top !== undefined) return [top];
  return [
    vaultVerdict("vault", props.vault),
    required("name", props.name, "string", "'aks-prod-kms'"),
    props.usage instanceof KeyUsage
      ? undefined
      : `usage is required and must be KeyUsage.KUBERNETES_KMS or KeyUsage.DISK_ENCRYPTION (it fixes the operations the key allows); got ${describe(props.usage)}.`,
    optionalOfKind("keySize", props.keySize, "number", "3072"),
    optionalOfKind("hsmProtected", props.hsmProtected, "boolean", "true"),
    optionalOfKind("rotationPolicy", props.rotationPolicy, "object", "{ expireAfter: 'P2Y', rotateAfterCreation: 'P1Y' }"),
    optionalOfKind("roleAssignmentPropagationWait", props.roleAssignmentPropagationWait, "string", "'120s'"),
  ];
}

/** The policy with defaults applied: rotateAfterCreation only when rotateBeforeExpiry is not given. */
function resolveRotationPolicy(policy: KeyRotationPolicy = {}): KeyRotationPolicy {
  return {
    expireAfter: policy.expireAfter ?? DEFAULT_KEY_ROTATION_POLICY.expireAfter,
    notifyBeforeExpiry: policy.notifyBeforeExpiry ?? DEFAULT_KEY_ROTATION_POLICY.notifyBeforeExpiry,
    rotateAfterCreation:
      policy.rotateAfterCreation ?? (policy.rotateBeforeExpiry === undefined ? DEFAULT_KEY_ROTATION_POLICY.rotateAfterCreation : undefined),
    rotateBeforeExpiry: policy.rotateBeforeExpiry,
  };
}

/** An RSA key size Key Vault creates, 2048 bits at least. */
function rsaKeySize(prop: string, size: number): Verdict {
  if (isToken(size)) return undefined;
  if (size < 2048) {
    return `${prop} must be at least 2048 bits (shorter RSA keys are breakable and Key Vault refuses them); got ${size}. Use 3072 (the default) or 4096.`;
  }
  return KEY_SIZES.includes(size) ? undefined : `${prop} must be 2048, 3072 or 4096 (the RSA sizes Key Vault creates); got ${size}.`;
}


/** Azure's rules for a rotation policy, and AKS KMS's rule that the previous version outlives the next rotation. */
function rotationPolicyVerdicts(policy: KeyRotationPolicy, usage: KeyUsage): Verdict[] {
  const verdicts: Verdict[] = [];
  const days: Partial<Record<keyof KeyRotationPolicy, number>> = {};
  for (const field of ["expireAfter", "notifyBeforeExpiry", "rotateAfterCreation", "rotateBeforeExpiry"] as const) {
    const value: unknown = policy[field];
    if (value === undefined || isToken(value)) continue;
    const parsed = typeof value === "string" ? durationDays(value) : undefined;
    if (parsed === undefined) {
      // A number of days is the likely slip: say it must be the string.
      const hint = typeof value === "number" ? ` Write the string 'P${value}D' for ${value} days.` : "";
      verdicts.push(`rotationPolicy.${field} must be an ISO 8601 duration string of whole years, months or days, such as 'P1Y', 'P6M' or 'P90D'; got ${describe(value)}.${hint}`);
    } else {
      days[field] = parsed;
    }
  }
  for (const field of ["expireAfter", "notifyBeforeExpiry"] as const) {
    const bounds = ROTATION_POLICY_BOUNDS[field];
    if (days[field] !== undefined && days[field] > bounds.max) {
      verdicts.push(`rotationPolicy.${field} must be at most ${bounds.maxText} (the provider's limit); got '${policy[field]}'.`);
    }
  }
  if (policy.rotateAfterCreation !== undefined && policy.rotateBeforeExpiry !== undefined) {
    verdicts.push(
      `rotationPolicy takes rotateAfterCreation or rotateBeforeExpiry, not both; got '${policy.rotateAfterCreation}' and '${policy.rotateBeforeExpiry}'. Keep one.`,
    );
  }
  const expire = days.expireAfter;
  if (expire !== undefined && expire < 28) {
    verdicts.push(`rotationPolicy.expireAfter must be at least 28 days (Azure's minimum); got '${policy.expireAfter}'.`);
  }
  if (days.notifyBeforeExpiry !== undefined && days.notifyBeforeExpiry < 7) {
    verdicts.push(`rotationPolicy.notifyBeforeExpiry must be at least 7 days (Azure's minimum); got '${policy.notifyBeforeExpiry}'.`);
  }
  if (expire !== undefined && days.notifyBeforeExpiry !== undefined && days.notifyBeforeExpiry >= expire) {
    verdicts.push(
      `rotationPolicy.notifyBeforeExpiry ('${policy.notifyBeforeExpiry}') must be shorter than expireAfter ('${policy.expireAfter}'), or the notice comes before the version exists.`,
    );
  }
  for (const field of ["rotateAfterCreation", "rotateBeforeExpiry"] as const) {
    const rotate = days[field];
    if (rotate === undefined) continue;
    if (rotate < 7) {
      verdicts.push(`rotationPolicy.${field} must be at least 7 days (Azure's minimum); got '${policy[field]}'.`);
    } else if (expire !== undefined && rotate > expire - 7) {
      verdicts.push(
        `rotationPolicy.${field} ('${policy[field]}') must leave at least 7 days before the version expires (expireAfter '${policy.expireAfter}'): otherwise versions expire before the key rotates. Shorten ${field} or lengthen expireAfter.`,
      );
    }
  }
  const interval =
    days.rotateAfterCreation ?? (expire !== undefined && days.rotateBeforeExpiry !== undefined ? expire - days.rotateBeforeExpiry : undefined);
  if (usage === KeyUsage.KUBERNETES_KMS && expire !== undefined && interval !== undefined && interval > 0 && expire < 2 * interval) {
    verdicts.push(
      `rotationPolicy.expireAfter ('${policy.expireAfter}') must be at least twice the rotation interval (${interval} days) for a KMS key: AKS keeps decrypting with the previous version until the next rotation, so that version must not expire before then. Lengthen expireAfter or rotate more often.`,
    );
  }
  return verdicts;
}
