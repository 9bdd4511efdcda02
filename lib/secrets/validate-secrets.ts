// Verdicts for the secrets constructs' props: pure functions, tested directly. Required props
// first (JavaScript callers), then Azure's rules. Tokens are never checked.
import { azureLocation, describe, isToken, oneOf, required, resourceGroupName, tags, type Verdict } from "../private/validate";
import type { AzureResourceOptions } from "../resource-options";

/** Where a resource lives: resource group and location required, both and the tags by Azure's rules. */
export function placementVerdicts(props: AzureResourceOptions): Verdict[] {
  return [
    required("resourceGroupName", props.resourceGroupName, "string", "'rg-aks-prod'"),
    required("location", props.location, "string", "'westeurope'"),
    resourceGroupName("resourceGroupName", props.resourceGroupName),
    azureLocation("location", props.location),
    tags("tags", props.tags),
  ];
}

/** The props object itself, for a JavaScript caller that passes none. */
export function propsObject(construct: string, props: unknown, example: string): Verdict {
  return required(`${construct} props`, props, "object", example);
}

/** A vault the library made: the constructs read its id and register their keys with it. */
export function vaultVerdict(prop: string, value: unknown): Verdict {
  const vault = value as { vaultId?: unknown; _registerKey?: unknown } | undefined;
  if (typeof vault === "object" && vault !== null && typeof vault._registerKey === "function" && vault.vaultId !== undefined) return undefined;
  return `${prop} is required and must be a SecretsVault (new SecretsVault(this, 'Vault', { ... })); got ${describe(value)}.`;
}

/** Azure's rule for Key Vault key names: 1-127 letters, digits or hyphens. */
export function keyName(prop: string, value: unknown): Verdict {
  if (isToken(value)) return undefined;
  if (typeof value === "string" && /^[a-zA-Z0-9-]{1,127}$/.test(value)) return undefined;
  return `${prop} must be 1-127 letters, digits or hyphens (Azure's rule for Key Vault key names), e.g. 'aks-prod-kms'; got ${describe(value)}.`;
}

/** The vault's pricing tier. */
export function vaultSku(prop: string, value: unknown): Verdict {
  return oneOf(prop, value as "premium" | "standard" | undefined, ["premium", "standard"], "premium keeps keys in HSMs (the default).");
}

/**
 * Days in an ISO 8601 duration of whole years, months and days (years as 365 days, months
 * as 30), or undefined when the text is not one. Key Vault's rotation policy takes these.
 */
export function durationDays(value: string): number | undefined {
  const parts = durationParts(value);
  return parts && parts.years * 365 + parts.months * 30 + parts.days;
}

/** The years, months and days of an ISO 8601 duration such as `P1Y6M`, or undefined when the text is not one. */
export function durationParts(value: string): { readonly years: number; readonly months: number; readonly days: number } | undefined {
  const match = typeof value === "string" ? /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(value) : null;
  if (!match) return undefined;
  const [, years, months, days] = match;
  return { years: Number(years ?? 0), months: Number(months ?? 0), days: Number(days ?? 0) };
}

/**
 * The provider's bounds on a key rotation policy (azurerm v4.55.0,
 * internal/services/keyvault/key_vault_key_resource.go, the `rotation_policy` schema):
 * `expire_after` between P28D and P100Y, `notify_before_expiry` between P7D and P36493D.
 */
export const ROTATION_POLICY_BOUNDS = {
  expireAfter: { min: 28, max: 100 * 365, minText: "28 days", maxText: "100 years ('P100Y')" },
  notifyBeforeExpiry: { min: 7, max: 36493, minText: "7 days", maxText: "36493 days ('P36493D')" },
} as const;
