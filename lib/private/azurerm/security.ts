// azurerm identity, key and governance resources: managed identities and their federated
// credentials, role assignments, Key Vault and its keys, disk encryption sets, Azure Policy
// assignments and Defender plans.
import type * as des from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import type * as federated from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import type * as key from "@cdktf/provider-azurerm/lib/key-vault-key";
import type * as vault from "@cdktf/provider-azurerm/lib/key-vault";
import type * as policy from "@cdktf/provider-azurerm/lib/resource-policy-assignment";
import type * as role from "@cdktf/provider-azurerm/lib/role-assignment";
import type * as pricing from "@cdktf/provider-azurerm/lib/security-center-subscription-pricing";
import type * as uai from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { azurermResource, namedAzurermResource } from "./resource";

/** azurerm_user_assigned_identity */
export class UserAssignedIdentity extends namedAzurermResource<uai.UserAssignedIdentityConfig>("azurerm_user_assigned_identity") {

  /** The identity's application (client) id. */
  public get clientId(): string {
    return this.getStringAttribute("client_id");
  }

  /** The identity's service principal object id, for role assignments. */
  public get principalId(): string {
    return this.getStringAttribute("principal_id");
  }

  /** The Entra tenant of the identity. */
  public get tenantId(): string {
    return this.getStringAttribute("tenant_id");
  }
}

/** azurerm_federated_identity_credential */
export class FederatedIdentityCredential extends namedAzurermResource<federated.FederatedIdentityCredentialConfig>("azurerm_federated_identity_credential", []) {}

/** azurerm_role_assignment */
export class RoleAssignment extends namedAzurermResource<role.RoleAssignmentConfig>("azurerm_role_assignment", []) {}

/** azurerm_key_vault */
export class KeyVault extends namedAzurermResource<vault.KeyVaultConfig>("azurerm_key_vault") {

  /** The vault's URI, e.g. `https://kv-x.vault.azure.net/`. */
  public get vaultUri(): string {
    return this.getStringAttribute("vault_uri");
  }
}

/** azurerm_key_vault_key */
export class KeyVaultKey extends namedAzurermResource<key.KeyVaultKeyConfig>("azurerm_key_vault_key") {

  /** The key's URL without its version, so consumers follow rotations. */
  public get versionlessId(): string {
    return this.getStringAttribute("versionless_id");
  }

  /** The key's Azure resource id (for role assignment scopes), with a version. */
  public get resourceId(): string {
    return this.getStringAttribute("resource_id");
  }

  /** The key's Azure resource id without its version. */
  public get resourceVersionlessId(): string {
    return this.getStringAttribute("resource_versionless_id");
  }
}

/** azurerm_disk_encryption_set */
export class DiskEncryptionSet extends namedAzurermResource<des.DiskEncryptionSetConfig>("azurerm_disk_encryption_set") {}

/** azurerm_resource_policy_assignment */
export class ResourcePolicyAssignment extends namedAzurermResource<policy.ResourcePolicyAssignmentConfig>("azurerm_resource_policy_assignment", []) {}

/** azurerm_security_center_subscription_pricing */
export class SecurityCenterSubscriptionPricing extends azurermResource<pricing.SecurityCenterSubscriptionPricingConfig>("azurerm_security_center_subscription_pricing", ["additionalExtensionProperties"]) {}
