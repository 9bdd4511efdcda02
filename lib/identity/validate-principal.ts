import { describe, guid, isToken, oneOf, required, type Verdict } from "../private/validate";

/** The kinds of Entra principal a role assignment may state (azurerm's `principal_type`). */
export const PRINCIPAL_TYPES = Object.freeze(["ServicePrincipal", "User", "Group"] as const);

/** How every message shows the way to make a principal. */
const MAKE_ONE =
  "Principal.servicePrincipal('<object id>') for a managed identity or an application, Principal.user('<object id>') for a person, Principal.group('<object id>') for an Entra group";

/**
 * What a grant method's principal argument must be: an object with a `principalId` (an Entra
 * object id) and a `principalType` (one of {@link PRINCIPAL_TYPES}), or an object with a
 * `grantPrincipal` that is one. A bare object id is refused: it does not say the principal's
 * kind, and ARM refuses a wrong kind with `UnmatchedPrincipalType`, which the provider never
 * retries (azurerm v4.55.0 internal/services/authorization/role_assignment_resource.go,
 * retryRoleAssignmentsClient). Tokens are never checked.
 */
export function principalVerdict(prop: string, value: unknown): Verdict {
  if (typeof value === "string" && !isToken(value)) {
    const id = guid("x", value) === undefined ? value : "<object id>";
    return `${prop} must be a principal with its kind, not an object id alone; got ${describe(value)}. A role assignment states the principal's type and Azure refuses a wrong one (UnmatchedPrincipalType): pass Principal.servicePrincipal('${id}') for a managed identity or an application, Principal.user('${id}') for a person, or Principal.group('${id}') for an Entra group.`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${prop} is required and must be a principal (an object with principalId and principalType), such as a WorkloadIdentity, a HardenedCluster or ${MAKE_ONE}; got ${describe(value)}.`;
  }
  if ("grantPrincipal" in value) return principalVerdict(`${prop}.grantPrincipal`, (value as { grantPrincipal: unknown }).grantPrincipal);
  const { principalId, principalType } = value as { principalId?: unknown; principalType?: unknown };
  return (
    principalTypeVerdict(`${prop}.principalType`, principalType) ??
    required(`${prop}.principalId`, principalId, "string", "'00000000-0000-0000-0000-000000000000' (the principal's Entra object id)") ??
    guidWithFix(`${prop}.principalId`, principalId as string)
  );
}

/** A principal's type: required (never guessed), and one of the three ARM accepts. */
export function principalTypeVerdict(prop: string, value: unknown): Verdict {
  if (isToken(value)) return undefined;
  if (value === undefined || value === null) {
    return `${prop} is required and must be one of 'ServicePrincipal', 'User', 'Group'; got ${describe(value)}. A role assignment never guesses the kind (Azure refuses a wrong one with UnmatchedPrincipalType): make the principal with ${MAKE_ONE}.`;
  }
  if (typeof value !== "string") return `${prop} must be one of 'ServicePrincipal', 'User', 'Group' (a string); got ${describe(value)}. Make the principal with ${MAKE_ONE}.`;
  return oneOf(prop, value, PRINCIPAL_TYPES, `Managed identities and applications are 'ServicePrincipal'. Make the principal with ${MAKE_ONE}.`);
}

/** An object id: a GUID, with the fix spelled out. */
export function guidWithFix(prop: string, value: string): Verdict {
  const problem = guid(prop, value);
  return problem && `${problem} Pass the principal's Entra object id (not its client id, name or e-mail address): az ad sp show --id <app id> --query id, az ad user show --id <upn> --query id or az ad group show --group <name> --query id.`;
}
