// Verdicts on ClusterBackup's props: small pure functions, each naming the prop, the value,
// the rule and the fix. Tokens (Terraform variables, resource attributes) are never checked.
import { describe, isToken, matches, type Verdict } from "../private/validate";

/**
 * A Backup vault name: 2-50 letters, digits or hyphens (the provider's validation of
 * `azurerm_data_protection_backup_vault.name`).
 */
export function backupVaultName(prop: string, value: string | undefined): Verdict {
  return matches(prop, value, /^[-a-zA-Z0-9]{2,50}$/, "2-50 letters, digits or hyphens (Azure's rule for Backup vault names)");
}

/** A storage account name: 3-24 lowercase letters or digits, globally unique. */
export function storageAccountName(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (/^[a-z0-9]{3,24}$/.test(value)) return undefined;
  const lower = value.toLowerCase().replace(/[^a-z0-9]/g, "");
  const hint = lower.length >= 3 && lower.length <= 24 && lower !== value ? ` Did you mean '${lower}'?` : "";
  return `${prop} must be 3-24 lowercase letters or digits (Azure's rule for storage account names: no hyphens, no capitals); got '${value}'.${hint}`;
}

/** How often the policy backs up, in hours: what AKS backup schedules offer. */
export const BACKUP_INTERVALS_HOURS = [4, 6, 8, 12, 24] as const;

/** A backup interval AKS backup schedules offer. */
export function backupIntervalHours(prop: string, value: number | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if ((BACKUP_INTERVALS_HOURS as readonly unknown[]).includes(value)) return undefined;
  return `${prop} must be one of ${BACKUP_INTERVALS_HOURS.join(", ")} (hours between backups: AKS backup schedules every 4, 6, 8 or 12 hours, or daily); got ${describe(value)}. Pick the nearest interval.`;
}

/** Kubernetes namespace names (DNS-1123 labels), for the backup's namespace filters. */
export function namespaceNames(prop: string, values: readonly string[] | undefined): Verdict[] {
  if (values === undefined || isToken(values)) return [];
  if (!Array.isArray(values)) return [`${prop} must be a list of namespace names, e.g. ['orders']; got ${describe(values)}.`];
  if (values.length === 0) return [`${prop} must not be empty; got []. Leave it out to back up every namespace.`];
  return values.map((name, i) =>
    typeof name === "string"
      ? matches(`${prop}[${i}]`, name, /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "a namespace name: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit")
      : `${prop}[${i}] must be a namespace name, e.g. 'orders'; got ${describe(name)}.`,
  );
}

/** Namespaces both included and excluded: the filter would contradict itself. */
export function namespaceFilterOverlap(included: readonly string[] | undefined, excluded: readonly string[] | undefined): Verdict {
  if (!included || !excluded || isToken(included) || isToken(excluded)) return undefined;
  const both = included.filter((name) => !isToken(name) && excluded.includes(name));
  return both.length === 0
    ? undefined
    : `includedNamespaces and excludedNamespaces both name ${both.map((name) => `'${name}'`).join(", ")}; got includedNamespaces ${describe(included)}, excludedNamespaces ${describe(excluded)}. Name each namespace in one list only.`;
}
