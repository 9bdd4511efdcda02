import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { isExpression, isSet, preventsDestroy, problems, resourcesOfType, show, type JsonObject } from "../terraform-json";

const BACKUP_VAULT = "azurerm_data_protection_backup_vault";

/** What is wrong with one Backup vault's configuration. */
function vaultProblems(config: JsonObject): string[] {
  // The provider's defaults (data_protection_backup_vault_resource.go): soft_delete "On", immutability "Disabled".
  const softDelete = config.soft_delete;
  const immutability = config.immutability;
  return problems(
    typeof softDelete === "string" && !isExpression(softDelete) && softDelete.toLowerCase() === "off" ? "soft_delete is 'Off': a deleted backup is gone at once" : undefined,
    !isSet(immutability)
      ? "immutability is not set, so the provider's default 'Disabled' applies: recovery points can be deleted before they expire; set 'Unlocked' or 'Locked'"
      : isExpression(immutability) || ["unlocked", "locked"].includes(String(immutability).toLowerCase())
        ? undefined
        : `immutability is ${show(immutability)}: recovery points can be deleted before they expire; set 'Unlocked' or 'Locked'`,
    preventsDestroy(config) ? undefined : "lifecycle.prevent_destroy is not true: a plan that deletes the vault (and every backup in it) would go through",
  );
}

/**
 * OPS-6: every Backup vault of the stack keeps deleted backups recoverable, refuses early
 * deletion, and is protected from destroy. It checks the stack as a whole: backup is opt-in
 * (ClusterBackup), and a stack without a vault has nothing weakened.
 */
export const OPS_6: ComplianceRule = {
  id: "OPS-6",
  name: "BackupVaultsRecoverable",
  title: "Every Backup vault of the stack keeps soft delete on, immutability on, and lifecycle.prevent_destroy",
  description:
    "Backups are what an attacker with control of the subscription deletes first. Soft delete keeps deleted backups recoverable for 14 days; immutability refuses operations that would lose recovery points before they expire; prevent_destroy makes Terraform refuse a plan that deletes the vault. Backup is opt-in (ClusterBackup): a stack without a Backup vault passes.",
  severity: "medium",
  fix: "ClusterBackup sets soft_delete = \"On\", immutability = \"Unlocked\" and prevent_destroy; remove the override, or choose the stricter softDelete \"AlwaysOn\" and immutability \"Locked\" (both irreversible). In Terraform: soft_delete other than \"Off\", immutability = \"Unlocked\" or \"Locked\", lifecycle { prevent_destroy = true }.",
  references: [R.backupImmutableVault, R.backupSoftDelete, R.terraformLifecycle],
  mappings: {},
  resourceTypes: [],
  check: ({ config: stack }) =>
    resourcesOfType(stack, BACKUP_VAULT).flatMap((vault) => vaultProblems(vault.config).map((problem) => `${vault.type}.${vault.name}: ${problem}`)),
};
