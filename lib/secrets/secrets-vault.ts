import { Construct, Fn, TerraformSelf } from "../private/cdktf";
import type { TerraformResource } from "../private/cdktf";
import { DataAzurermKeyVaultSecrets, KeyVault, RoleAssignment } from "../private/azurerm";
import { describe, guid, integerBetween, isToken, keyVaultName, matches, reason, required, throwIfInvalid, type Verdict, optionalOfKind } from "../private/validate";
import { placementVerdicts, propsObject, vaultSku } from "./validate-secrets";
import { isCatchAll, overlaps, parseIpv4Cidr } from "../private/cidr";
import { ValidationError } from "../errors";
import { PrivateEndpoint } from "../network/private-endpoint";
import type { AzureResourceOptions } from "../resource-options";
import { EncryptionKey, type EncryptionKeyOptions } from "./encryption-key";
import { MAX_SOFT_DELETE_RETENTION_DAYS, PRIVATE_DNS_ZONE_NAMES, PRIVATE_LINK_SUBRESOURCES } from "../facts";
import type { Grantee, PrincipalType } from "../identity/principal";
import { grantedPrincipal, type GrantedPrincipal } from "../identity/grantee";
import { WorkloadIdentity } from "../identity/workload-identity";

/** How a principal's kind reads in a message. */
const KIND_WORDS: Record<PrincipalType, string> = { ServicePrincipal: "service principal", User: "user", Group: "group" };

/** The private DNS zone of Key Vault's private endpoints. */
export const VAULT_PRIVATE_DNS_ZONE = PRIVATE_DNS_ZONE_NAMES.keyVault;

/**
 * Days a deleted vault, secret or key stays recoverable: Azure's maximum, which is also its
 * default (SEC-2).
 */
export const DEFAULT_SOFT_DELETE_RETENTION_DAYS = MAX_SOFT_DELETE_RETENTION_DAYS;

/** Shortest reason accepted for turning purge protection off. */

/** Built-in Azure roles the vault grants. */
const VAULT_ROLES = {
  /** Read secret contents (and nothing else). */
  secretsUser: "Key Vault Secrets User",
  /** Create and manage keys, without managing permissions. */
  cryptoOfficer: "Key Vault Crypto Officer",
  /** Read the vault's and its items' metadata (secret names, not their values). */
  reader: "Key Vault Reader",
} as const;

/**
 * The vault's pricing tier. `premium` adds HSM-protected keys (`RSA-HSM`): the key material
 * never leaves Key Vault's hardware security modules. `standard` keeps keys in software.
 */
export type VaultSku = "premium" | "standard";

/** Props of {@link SecretsVault}. */
export interface SecretsVaultProps extends AzureResourceOptions {
  /**
   * Vault name, globally unique (it becomes `<name>.vault.azure.net`): 3-24 letters, digits
   * or hyphens, starting with a letter, ending with a letter or digit, no two hyphens in a row.
   */
  readonly name: string;
  /** Entra tenant id that authenticates requests to the vault. */
  readonly tenantId: string;
  /**
   * Subnet of the vault's private endpoint: the network's private endpoints subnet.
   * Required: with public network access off, the endpoint is the only way in.
   */
  readonly privateEndpointSubnetId: string | undefined;
  /**
   * Networks that resolve the vault privately (the created DNS zone is linked to them): the
   * cluster's network, and the network your Terraform runners resolve from. At least one
   * unless `privateDnsZoneId` is given.
   */
  readonly virtualNetworkIds: readonly string[];
  /**
   * An existing `privatelink.vaultcore.azure.net` zone to register the endpoint in instead of
   * creating one (e.g. a central DNS hub's zone).
   *
   * @default - a zone is created and linked to `virtualNetworkIds`
   */
  readonly privateDnsZoneId?: string;
  /**
   * Pricing tier. Premium, so the keys that protect etcd and the disks can be HSM-protected
   * (`RSA-HSM`, FIPS 140 validated hardware); its software keys and secrets cost the same as
   * standard's, HSM keys cost a little per key per month. `standard` for software keys only.
   *
   * @see https://learn.microsoft.com/azure/key-vault/keys/about-keys
   * @default "premium"
   */
  readonly sku?: VaultSku;
  /**
   * Days a deleted vault, key or secret stays recoverable: 7-90. Azure sets it once, at
   * creation.
   *
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Turns purge protection off, with the reason (at least 10 characters), e.g. for a
   * throwaway test vault whose name must be reusable at once. Without purge protection a
   * deleted vault or key can be purged before its retention ends, and customer-managed keys
   * for disks (and Microsoft's guidance for KMS) require it. Note that Azure never lets
   * purge protection be turned off once it is on.
   *
   * @default - purge protection on
   */
  readonly disablePurgeProtection?: {
    /** Why purge protection is off (at least 10 characters), e.g. a lab vault destroyed nightly. */
    readonly reason: string;
  };
  /**
   * Public IPv4 addresses or ranges (your CI runners' egress) allowed to reach the vault
   * over its public endpoint, for when Terraform cannot run from a network that reaches the
   * private endpoint. Setting it turns public network access on, restricted to these ranges
   * (the network ACL still denies everything else): an opt-out of SEC-2 to remove once the
   * runners reach the private endpoint. Key Vault accepts only public IPv4 here, and single
   * addresses rather than /31 or /32 ranges. A list given as a Terraform variable turns
   * public access on (restricted to whatever the variable holds). Pass a
   * `Deployer.publicIpRanges(...)`'s `allowedIpRanges`. AKS does not support KMS with a
   * vault in this mode: synthesis refuses the cluster's etcd key in such a vault.
   *
   * @default - none: public network access off
   */
  readonly deployerIpRanges?: readonly string[];
}

/** Options of {@link SecretsVault.grantSecretsRead}. */
export interface GrantSecretsReadOptions {
  /**
   * Secrets to grant read access to, each by its own role assignment on
   * `<vaultId>/secrets/<name>`. The narrowest grant: prefer it when a workload needs only a
   * few secrets.
   *
   * @default - every secret in the vault
   */
  readonly secretNames?: readonly string[];
  /**
   * Construct the role assignments (and, with `secretNames`, the check that the secrets
   * exist) are created in.
   *
   * @default - the principal when it is a construct (a `WorkloadIdentity`: each identity's
   *   grants live with it, so several identities read from one vault without id clashes),
   *   else the vault
   */
  readonly scope?: Construct;
  /**
   * Construct id (prefix) of the role assignments, unique within `scope`; per-secret grants
   * append `-<secret name>`. Give one per principal when granting several principals that
   * are not constructs from the vault.
   *
   * @default - `SecretsUser-<vault's construct id>` when `scope` defaults to the principal, else `SecretsUser`
   */
  readonly id?: string;
}

/** Options of {@link SecretsVault.grantKeyAdministration}. */
export interface GrantKeyAdministrationOptions {
  /**
   * Construct id of the role assignment, unique within the vault.
   *
   * @default "KeyAdministration"
   */
  readonly id?: string;
}

/**
 * A hardened Key Vault (SEC-2) for the cluster's secrets and keys: Azure RBAC authorization
 * (no access policies), purge protection, 90 days soft delete, public network access off
 * with a deny-by-default network ACL (trusted Azure services may pass), and a private
 * endpoint in the endpoints subnet with its `privatelink.vaultcore.azure.net` zone.
 * Protected from destroy: it holds the keys that decrypt etcd and the disks.
 *
 * Grant workloads `grantSecretsRead` (Key Vault Secrets User on the vault or on single
 * secrets); add customer-managed keys with `addKey`. Terraform itself needs
 * `grantKeyAdministration` and line of sight to the private endpoint to create keys: see
 * {@link EncryptionKey}.
 */
export class SecretsVault extends Construct {
  /** The `azurerm_key_vault` (escape hatch). */
  public readonly resource: KeyVault;
  /** The vault's private endpoint. */
  public readonly privateEndpoint: PrivateEndpoint;
  /** Azure resource ID of the vault, the scope of its role assignments. */
  public readonly vaultId: string;
  /** Name of the vault, the first label of its URI (`https://<name>.vault.azure.net`). */
  public readonly vaultName: string;
  /** `https://<name>.vault.azure.net/`. */
  public readonly vaultUri: string;
  /** The vault's pricing tier. */
  public readonly sku: VaultSku;
  /** Whether purge protection is on. */
  public readonly purgeProtectionEnabled: boolean;

  /** Keys in this vault: created only after what Terraform needs to reach the data plane. */
  private readonly keyResources: TerraformResource[] = [];
  /** What a key needs first: the private endpoint and its DNS, the deployer's role. */
  private readonly keyPrerequisites: TerraformResource[] = [];
  /** Grants by role, principal and scope, so the same grant twice gives one assignment. */
  private readonly grants = new Map<string, RoleAssignment>();
  /** The existence check of named secrets, by the construct it is created in. */
  private readonly secretChecks = new Map<Construct, { data: DataAzurermKeyVaultSecrets; names: Set<string> }>();

  constructor(scope: Construct, id: string, props: SecretsVaultProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything reads it.
    throwIfInvalid(this, ...requiredVaultProps(props));
    const sku = props.sku ?? "premium";
    const retention = props.softDeleteRetentionDays ?? DEFAULT_SOFT_DELETE_RETENTION_DAYS;
    const deployerIpRanges = props.deployerIpRanges ?? [];
    throwIfInvalid(
      this,
      keyVaultName("name", props.name),
      guid("tenantId", props.tenantId),
      vaultSku("sku", sku),
      ...placementVerdicts(props),
      integerBetween("softDeleteRetentionDays", retention, 7, 90, "Key Vault's soft delete range"),
      purgeProtectionReason(props.disablePurgeProtection),
      props.privateEndpointSubnetId === undefined
        ? "privateEndpointSubnetId is required; got undefined. The vault's public network access is off, so its private endpoint is the only way in: pass the network's privateEndpointsSubnetId (ClusterNetwork creates one; with ClusterNetwork.fromExisting, set privateEndpointsSubnetId)."
        : undefined,
      linkedNetworks(props),
      ...publicIpv4Ranges("deployerIpRanges", deployerIpRanges),
    );
    this.sku = sku;
    this.purgeProtectionEnabled = props.disablePurgeProtection === undefined;
    const publicAccess = isToken(deployerIpRanges) || deployerIpRanges.length > 0;
    this.resource = new KeyVault(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: sku,
      // Data-plane access through Azure RBAC only, never access policies. The provider
      // renamed enable_rbac_authorization to rbac_authorization_enabled in 4.42 and removes
      // the old name in 5.0.
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: this.purgeProtectionEnabled,
      softDeleteRetentionDays: retention,
      publicNetworkAccessEnabled: publicAccess,
      networkAcls: {
        defaultAction: "Deny",
        // Trusted Microsoft services (disk encryption sets among them) still reach the
        // vault; everything else comes through the private endpoint.
        bypass: "AzureServices",
        ipRules: publicAccess ? deployerIpRanges.slice() : undefined,
      },
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      tags: props.tags,
      lifecycle: { preventDestroy: true },
    });
    this.vaultId = this.resource.id;
    this.vaultName = this.resource.name;
    this.vaultUri = this.resource.vaultUri;
    this.privateEndpoint = new PrivateEndpoint(this, "PrivateEndpoint", {
      name: `pe-${props.name}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
      subnetId: props.privateEndpointSubnetId,
      targetResourceId: this.vaultId,
      subresourceName: PRIVATE_LINK_SUBRESOURCES.keyVault,
      privateDnsZoneName: VAULT_PRIVATE_DNS_ZONE,
      privateDnsZoneId: props.privateDnsZoneId,
      virtualNetworkIds: props.virtualNetworkIds,
    });
    this.addKeyPrerequisite(this.privateEndpoint.resource, ...this.privateEndpoint.dnsZoneLinks);
  }

  /**
   * Lets a principal read secrets: Key Vault Secrets User on the vault, or on each of
   * `secretNames` only (the narrower grant). Granting the same principal the same scope
   * again returns the existing assignment.
   *
   * A grant on a named secret requires the secret to exist: nothing shows that Azure accepts
   * a role assignment on a secret that does not exist yet, so each such grant waits for an
   * `azurerm_key_vault_secrets` data source of the vault (in `options.scope`) with a
   * postcondition per name. If a secret is missing, Terraform stops with "Key Vault secret
   * '<name>' does not exist in the vault" before creating the grant: store the secret first
   * (`az keyvault secret set`), then apply. With a vault this same apply creates, the first
   * apply therefore creates everything else (nothing else depends on the grant) and stops at
   * the check; store the secret, apply again, and the grant is created. To avoid that step,
   * grant the vault (`secretNames` left out; Microsoft's own guidance is a vault per
   * application and environment, and to avoid per-secret assignments).
   *
   * The data source lists the vault's secret names, not their values (none enter the
   * state): a data-plane read at every plan once the vault exists, which needs line of
   * sight to the vault and a role that lists secret metadata (Key Vault Reader, see
   * `grantMetadataRead`, or Key Vault Secrets Officer; Key Vault Crypto Officer does not)
   * for whoever runs Terraform.
   *
   * @param principal who reads: a {@link WorkloadIdentity}, or e.g. `Principal.servicePrincipal('<object id>')`
   * @returns one role assignment per scope
   */
  public grantSecretsRead(principal: Grantee, options: GrantSecretsReadOptions = {}): RoleAssignment[] {
    const { principalId, principalType } = grantedPrincipal(this, "grantSecretsRead(principal)", principal);
    const names = options.secretNames;
    if (names !== undefined && !isToken(names)) {
      throwIfInvalid(
        this,
        names.length === 0
          ? "secretNames must not be empty; got []. Leave it out to grant every secret in the vault, or list the secrets the principal reads."
          : undefined,
        ...names.map((name, i) =>
          matches(`secretNames[${i}]`, name, /^[a-zA-Z0-9-]{1,127}$/, "1-127 letters, digits or hyphens (Azure's rule for Key Vault secret names)"),
        ),
      );
    }
    // A construct principal keeps its grants, under the ids WorkloadIdentity.grantSecretsRead
    // gave them (Terraform addresses).
    const inPrincipal = options.scope === undefined && principal instanceof Construct;
    const inScope = options.scope ?? (inPrincipal ? principal : this);
    const prefix = options.id ?? (inPrincipal ? `SecretsUser-${this.node.id}` : "SecretsUser");
    const scopes =
      names === undefined
        ? [{ id: prefix, scope: this.vaultId }]
        : [...new Set(names)].map((name, i) => ({
            // A secret named by a token has no synth-time name for the construct id.
            id: isToken(name) ? `${prefix}-${i}` : `${prefix}-${name}`,
            scope: `${this.vaultId}/secrets/${name}`,
          }));
    const assignments = scopes.map(({ id, scope }) => this.grant(id, VAULT_ROLES.secretsUser, scope, principalId, principalType, inScope));
    if (names === undefined) return assignments;
    const check = this.secretsExist(inScope, names, principal, { principalId, principalType });
    const address = `data.${check.terraformResourceType}.${check.friendlyUniqueId}`;
    for (const assignment of assignments) {
      const current = assignment.dependsOn ?? [];
      if (!current.includes(address)) assignment.dependsOn = [...current, address];
    }
    return assignments;
  }

  /**
   * Lets a principal create and manage keys: Key Vault Crypto Officer on the vault. Give it
   * to whoever runs Terraform (`deployer.principal`, e.g. `DeployerPrincipal.current()`) so
   * it can create the vault's keys: every key of this vault is created after this
   * assignment. The assignment states the principal's type (`DeployerPrincipal.current()`
   * states none unless given one: ARM looks it up).
   *
   * @param principal the deployer's principal, or e.g. `Principal.servicePrincipal('<object id>')`
   */
  public grantKeyAdministration(principal: Grantee, options: GrantKeyAdministrationOptions = {}): RoleAssignment {
    const { principalId, principalType } = grantedPrincipal(this, "grantKeyAdministration(principal)", principal);
    const assignment = this.grant(options.id ?? "KeyAdministration", VAULT_ROLES.cryptoOfficer, this.vaultId, principalId, principalType);
    this.addKeyPrerequisite(assignment);
    return assignment;
  }

  /**
   * Lets a principal read the vault's metadata: Key Vault Reader on the vault, which lists
   * secret names but reads no secret value. Whoever plans a stack that checks named secrets
   * exist (`grantSecretsRead(principal, { secretNames })` lists the vault's secrets at every
   * plan) needs it; `HardenedPlatform` grants it to its deployer.
   *
   * @param principal the deployer's principal, or e.g. `Principal.servicePrincipal('<object id>')`
   */
  public grantMetadataRead(principal: Grantee, options: GrantKeyAdministrationOptions = {}): RoleAssignment {
    const { principalId, principalType } = grantedPrincipal(this, "grantMetadataRead(principal)", principal);
    return this.grant(options.id ?? "MetadataRead", VAULT_ROLES.reader, this.vaultId, principalId, principalType);
  }

  /**
   * Makes every key of this vault wait for a resource too: what gives the deployer line of
   * sight to the vault (`deployer.connect(...)`'s peerings and DNS links), for instance.
   */
  public addKeyPrerequisite(...prerequisites: TerraformResource[]): void {
    for (const prerequisite of prerequisites) {
      if (this.keyPrerequisites.includes(prerequisite)) continue;
      this.keyPrerequisites.push(prerequisite);
      for (const key of this.keyResources) addDependency(key, prerequisite);
    }
  }

  /** Adds a customer-managed key to this vault (see {@link EncryptionKey}). */
  public addKey(id: string, options: EncryptionKeyOptions): EncryptionKey {
    return new EncryptionKey(this, id, { ...options, vault: this });
  }

  /**
   * Makes a key resource of this vault wait for what Terraform needs to write keys (the
   * private endpoint and its DNS, the deployer's role). Called by {@link EncryptionKey}.
   *
   * @internal
   */
  public _registerKey(key: TerraformResource): void {
    this.keyResources.push(key);
    for (const prerequisite of this.keyPrerequisites) addDependency(key, prerequisite);
  }

  private grant(id: string, role: string, scope: string, principalId: string, principalType: PrincipalType | undefined, inScope: Construct = this): RoleAssignment {
    const key = `${role}|${principalId}|${scope}`;
    const existing = this.grants.get(key);
    if (existing) return existing;
    if (inScope.node.tryFindChild(id)) {
      throw new ValidationError(
        `a role assignment with id '${id}' already exists in ${inScope.node.path}: this vault grants '${role}' to another principal there. Pass a distinct options.id for each principal.`,
        this,
      );
    }
    const assignment = new RoleAssignment(inScope, id, { scope, roleDefinitionName: role, principalId, principalType });
    this.grants.set(key, assignment);
    return assignment;
  }

  /** The vault's secret names, listed in `inScope`, with a postcondition that each of `names` is among them. */
  private secretsExist(inScope: Construct, names: readonly string[], principal: Grantee, { principalId, principalType }: GrantedPrincipal): DataAzurermKeyVaultSecrets {
    let entry = this.secretChecks.get(inScope);
    if (!entry) {
      entry = { data: new DataAzurermKeyVaultSecrets(inScope, `SecretsExist-${this.node.id}`, { keyVaultId: this.vaultId }), names: new Set() };
      this.secretChecks.set(inScope, entry);
    }
    const check = entry.data;
    const conditions = check.lifecycle?.postcondition ?? [];
    // A whole list that is a token has no names to check one by one: the grant is then
    // created without the check (the empty list was refused above).
    const literalNames = (isToken(names) ? [] : [...new Set(names)]).filter((name) => !entry.names.has(name));
    literalNames.forEach((name) => entry.names.add(name));
    const who =
      principal instanceof WorkloadIdentity
        ? `the workload identity ${principal.node.path}`
        : principal instanceof Construct
          ? `the principal ${principal.node.path}`
          : `the ${principalType ? KIND_WORDS[principalType] : "principal"} ${isToken(principalId) ? "(an id known when Terraform runs)" : principalId}`;
    check.lifecycle = {
      ...check.lifecycle,
      postcondition: [
        ...conditions,
        ...literalNames.map((name) => ({
          condition: Fn.contains(TerraformSelf.getAny("names"), name),
          errorMessage: `Key Vault secret '${isToken(name) ? "(named at apply time)" : name}' does not exist in the vault ${this.node.path}: ${who} is granted Key Vault Secrets User on that secret alone, which needs the secret to exist. Store the secret first (az keyvault secret set), or grant the vault with vault.grantSecretsRead(principal) without secretNames.`,
        })),
      ],
    };
    return check;
  }
}

/**
 * Adds a dependency to a resource's depends_on once, after the resource was created (a
 * prerequisite can come later, e.g. the deployer's role granted after the key was added).
 * Terraform wants a bare address there (`type.name`), not an interpolation.
 */
function addDependency(resource: TerraformResource, prerequisite: TerraformResource): void {
  const address = `${prerequisite.terraformResourceType}.${prerequisite.friendlyUniqueId}`;
  const current = resource.dependsOn ?? [];
  if (!current.includes(address)) resource.dependsOn = [...current, address];
}

/**
 * The props TypeScript requires and the types of the optional ones, for JavaScript callers:
 * named as written, checked before anything reads them.
 */
function requiredVaultProps(props: SecretsVaultProps): Verdict[] {
  const top = propsObject("SecretsVault", props, "{ name: 'kv-aks-prod', tenantId, resourceGroupName, location, privateEndpointSubnetId, virtualNetworkIds }");
  if (top !== undefined) return [top];
  return [
    required("name", props.name, "string", "'kv-aks-prod'"),
    required("tenantId", props.tenantId, "string", "'00000000-0000-0000-0000-000000000000'"),
    required("resourceGroupName", props.resourceGroupName, "string", "'rg-aks-prod'"),
    required("location", props.location, "string", "'westeurope'"),
    optionalOfKind("privateEndpointSubnetId", props.privateEndpointSubnetId, "string", "network.privateEndpointsSubnetId"),
    required("virtualNetworkIds", props.virtualNetworkIds, "array", "[network.virtualNetworkId]"),
    optionalOfKind("privateDnsZoneId", props.privateDnsZoneId, "string", "'/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net'"),
    optionalOfKind("softDeleteRetentionDays", props.softDeleteRetentionDays, "number", "90"),
    optionalOfKind("disablePurgeProtection", props.disablePurgeProtection, "object", "{ reason: 'Lab vault, destroyed nightly; nothing in it outlives the lab.' }"),
    optionalOfKind("deployerIpRanges", props.deployerIpRanges, "array", "['203.0.113.7']"),
  ];
}

/** Turning purge protection off needs a written reason. */
function purgeProtectionReason(optOut: { readonly reason: string } | undefined): Verdict {
  if (optOut === undefined) return undefined;
  return reason("disablePurgeProtection.reason", optOut.reason, "why purge protection is off", "remove disablePurgeProtection to keep purge protection on");
}

/** A created zone must be linked to at least one network, or nothing resolves the vault. */
function linkedNetworks(props: SecretsVaultProps): Verdict {
  if (props.privateDnsZoneId !== undefined || isToken(props.virtualNetworkIds)) return undefined;
  return props.virtualNetworkIds.length === 0
    ? `virtualNetworkIds must not be empty; got []. The created ${VAULT_PRIVATE_DNS_ZONE} zone resolves the vault only in the networks it is linked to: pass the cluster's network id, or give privateDnsZoneId for a zone you link yourself.`
    : undefined;
}

/** Private (RFC 1918), loopback, link-local and shared ranges Key Vault refuses in IP rules. */
const NON_PUBLIC_IPV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10"].map(
  (cidr) => parseIpv4Cidr(cidr)!,
);

/** Key Vault IP rules: public IPv4 addresses or CIDRs no narrower than /30, no catch-all. */
function publicIpv4Ranges(prop: string, ranges: readonly string[]): Verdict[] {
  if (isToken(ranges)) return [];
  return ranges.map((range, i) => {
    if (isToken(range)) return undefined;
    const where = `${prop}[${i}]`;
    if (typeof range !== "string") return `${where} must be a string such as '203.0.113.7'; got ${describe(range)}.`;
    if (isCatchAll(range)) {
      return `${where} must not be a catch-all range; got '${range}'. List your runners' egress addresses, or leave deployerIpRanges out and run Terraform where it reaches the private endpoint.`;
    }
    const block = parseIpv4Cidr(range.includes("/") ? range : `${range}/32`);
    if (!block) {
      return `${where} must be a public IPv4 address or CIDR with no host bits set, such as '203.0.113.7' or '203.0.113.0/24'; got '${range}'. Key Vault takes no IPv6 rules.`;
    }
    if (range.includes("/") && block.size <= 2) {
      return `${where} must be written as a single address, not a /31 or /32 range (Key Vault refuses them); got '${range}'.`;
    }
    if (NON_PUBLIC_IPV4.some((net) => overlaps(net, block))) {
      return `${where} must be a public range; got '${range}', which is or includes a private range. Key Vault IP rules see only public addresses: traffic from your own networks reaches the vault through the private endpoint.`;
    }
    return undefined;
  });
}
