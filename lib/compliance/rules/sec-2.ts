import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { hasPrivateEndpoint } from "../azurerm-json";
import { MAX_SOFT_DELETE_RETENTION_DAYS, PRIVATE_LINK_SUBRESOURCES } from "../../facts";
import { block, blocks, expectOneOf, isExpression, isTrue, problems, refersTo, resourcesOfType, show, type JsonObject } from "../terraform-json";

export const KEY_VAULT = "azurerm_key_vault";

/** Soft delete retention the catalogue asks for: Azure's maximum, and its default. */
const REQUIRED_SOFT_DELETE_RETENTION_DAYS = MAX_SOFT_DELETE_RETENTION_DAYS;

/** SEC-2: a hardened Key Vault. */
export const SEC_2: ComplianceRule = {
  id: "SEC-2",
  name: "HardenedKeyVault",
  title: "Key Vault hardened: RBAC authorization, no access policies, purge protection, 90 days soft delete, public network access off, deny-by-default network ACL, private endpoint",
  description:
    "The vault holds the keys that decrypt etcd and the disks, and the workloads' secrets. Azure RBAC makes access reviewable with the rest of the platform's roles (access policies bypass it); purge protection and 90 days of soft delete make a deletion recoverable, by mistake or by an attacker; with public access off and a private endpoint, only the platform's network reaches it.",
  severity: "high",
  fix: "Use SecretsVault with its defaults. deployerIpRanges (public access for your CI runners' addresses), disablePurgeProtection and a shorter softDeleteRetentionDays are opt-outs: acknowledge SEC-2 with the reason. In Terraform: rbac_authorization_enabled = true and no access_policy, purge_protection_enabled = true, soft_delete_retention_days = 90, public_network_access_enabled = false, network_acls { default_action = \"Deny\" }, and an azurerm_private_endpoint to the vault (subresource \"vault\").",
  references: [R.keyVaultRbac, R.keyVaultSoftDelete, R.keyVaultPrivateLink],
  mappings: {
    checkov: ["CKV_AZURE_42", "CKV_AZURE_109", "CKV_AZURE_110", "CKV_AZURE_189", "CKV2_AZURE_32"],
    trivy: ["AVD-AZU-0013", "AVD-AZU-0016"],
    tfsec: ["azure-keyvault-specify-network-acl", "azure-keyvault-no-purge"],
  },
  resourceTypes: [KEY_VAULT],
  check: (vault, stack) => {
    const { config } = vault;
    const acls = block(config, "network_acls");
    const accessPolicies = resourcesOfType(stack, "azurerm_key_vault_access_policy").filter((policy) => refersTo(policy.config.key_vault_id, vault));
    return problems(
      rbacAuthorization(config),
      blocks(config.access_policy).length > 0 || accessPolicies.length > 0
        ? `has access policies (${[blocks(config.access_policy).length > 0 ? "access_policy blocks" : "", ...accessPolicies.map((p) => p.address)].filter(Boolean).join(", ")}): they grant data-plane access outside Azure RBAC`
        : undefined,
      expectOneOf(config.purge_protection_enabled, "purge_protection_enabled", [true], false),
      softDelete(config.soft_delete_retention_days),
      publicAccess(config.public_network_access_enabled, acls),
      expectOneOf(acls?.default_action, "network_acls.default_action", ["Deny"]),
      hasPrivateEndpoint(vault, PRIVATE_LINK_SUBRESOURCES.keyVault, stack) ? undefined : "no azurerm_private_endpoint in the stack connects to this vault (subresource 'vault'): with public access off nothing could reach it, with it on everything must go over the internet",
    );
  },
};

function rbacAuthorization(config: JsonObject): string | undefined {
  // The provider renamed enable_rbac_authorization to rbac_authorization_enabled (4.42); either counts.
  if (isTrue(config.rbac_authorization_enabled) || isTrue(config.enable_rbac_authorization)) return undefined;
  const value = config.rbac_authorization_enabled ?? config.enable_rbac_authorization;
  return `rbac_authorization_enabled is ${value === undefined ? "not set (the vault then uses access policies)" : show(value)}; it must be true`;
}

function softDelete(days: unknown): string | undefined {
  if (days === undefined || days === null) return undefined; // Azure's default is 90 days
  if (isExpression(days)) return `soft_delete_retention_days is the expression ${show(days)}, known only when Terraform runs; it must be ${REQUIRED_SOFT_DELETE_RETENTION_DAYS}`;
  return Number(days) === REQUIRED_SOFT_DELETE_RETENTION_DAYS
    ? undefined
    : `soft_delete_retention_days is ${show(days)}; it must be ${REQUIRED_SOFT_DELETE_RETENTION_DAYS}: a deleted vault, key or secret is recoverable only for that long`;
}

function publicAccess(enabled: unknown, acls: JsonObject | undefined): string | undefined {
  const problem = expectOneOf(enabled, "public_network_access_enabled", [false], true);
  if (!problem) return undefined;
  const ranges = acls?.ip_rules;
  return Array.isArray(ranges) && ranges.length > 0 ? `${problem} (public access is restricted to network_acls.ip_rules ${show(ranges)})` : problem;
}
