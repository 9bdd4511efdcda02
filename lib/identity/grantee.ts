import type { Construct } from "../private/cdktf";
import { ValidationError } from "../errors";
import { principalVerdict } from "./validate-principal";
import type { Grantee, PrincipalType } from "./principal";

// How grant methods read their principal argument: not public API (lib/index.ts does not
// export this module).

/**
 * A principal whose object id is read in the granting construct's stack (the deployer's
 * `DeployerPrincipal.current()` reads `azurerm_client_config` there), and whose kind may be
 * known only to Entra.
 *
 * @internal
 */
export interface IStackBoundPrincipal {
  /** The object id in `scope`'s stack, and the kind when known. */
  _principalIn(scope: Construct): { readonly principalId: string; readonly principalType: PrincipalType | undefined };
}

/** The principal a grant goes to, as its role assignment states it. */
export interface GrantedPrincipal {
  /** The Entra object id. */
  readonly principalId: string;
  /**
   * The kind. Undefined only for a principal the library cannot know the kind of (the
   * identity Terraform signs in as): the role assignment then states none and ARM looks it up.
   */
  readonly principalType: PrincipalType | undefined;
}

/**
 * Resolves a grant method's principal argument in the granting construct: follows a
 * grantable to its principal and checks what JavaScript callers may get wrong (a bare id, a
 * missing or unknown kind, an id that is not a GUID). `argument` names the call as the user
 * wrote it, e.g. `grantPull(principal)`.
 */
export function grantedPrincipal(scope: Construct, argument: string, grantee: Grantee): GrantedPrincipal {
  const bound = stackBound(grantee) ?? stackBound(typeof grantee === "object" && grantee !== null && "grantPrincipal" in grantee ? grantee.grantPrincipal : undefined);
  if (bound) return bound._principalIn(scope);
  const problem = principalVerdict(argument, grantee);
  if (problem) throw new ValidationError(problem, scope);
  const principal = "grantPrincipal" in grantee ? grantee.grantPrincipal : grantee;
  return { principalId: principal.principalId, principalType: principal.principalType };
}

function stackBound(value: unknown): IStackBoundPrincipal | undefined {
  return typeof value === "object" && value !== null && typeof (value as Partial<IStackBoundPrincipal>)._principalIn === "function"
    ? (value as IStackBoundPrincipal)
    : undefined;
}

/**
 * Refuses a cluster where its control plane is meant: a cluster is granted through its
 * kubelet identity, so `key.grantKmsAccess(cluster)` would give KMS to the nodes' identity
 * and leave the control plane without it.
 */
export function refuseClusterForControlPlane(scope: Construct, argument: string, grantee: Grantee, role: string): void {
  if (typeof grantee === "object" && grantee !== null && "grantPrincipal" in grantee && "controlPlanePrincipal" in grantee) {
    throw new ValidationError(
      `${argument} got a cluster, which is granted through its kubelet identity; ${role} is for the cluster's control plane. Pass cluster.controlPlanePrincipal.`,
      scope,
    );
  }
}
