import { ValidationError } from "../errors";
import { required } from "../private/validate";
import { guidWithFix, PRINCIPAL_TYPES } from "./validate-principal";

export { PRINCIPAL_TYPES } from "./validate-principal";

/**
 * Kind of Entra principal a role is granted to: what `azurerm_role_assignment.principal_type`
 * takes. Managed identities (user- or system-assigned) and applications are
 * `ServicePrincipal`, a person is `User`, an Entra group is `Group`.
 */
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/**
 * Someone or something a role can be granted to: an Entra object id and its kind. The kind is
 * required: the provider sends `principal_type` as given, and ARM refuses a wrong one with
 * `UnmatchedPrincipalType`, which the provider never retries (azurerm v4.55.0
 * internal/services/authorization/role_assignment_resource.go, Create and
 * retryRoleAssignmentsClient). Stating it also spares a new principal the directory lookup
 * that fails with `PrincipalNotFound` while Entra replicates it.
 *
 * Make one with {@link Principal}; the library's identities are principals too
 * (`WorkloadIdentity`, `HardenedCluster.kubeletPrincipal`, `.controlPlanePrincipal`).
 */
export interface IPrincipal {
  /** The principal's Entra object id (for a managed identity, its `principal_id`). */
  readonly principalId: string;
  /** The principal's kind. */
  readonly principalType: PrincipalType;
}

/**
 * Something that has a principal without being one, and is granted through it: a
 * `HardenedCluster` is granted through its kubelet identity (`registry.grantPull(cluster)`),
 * as aws-cdk-lib grants a Lambda function through its role. Needed because a construct can
 * own several identities (the cluster has a control-plane one too), so "the cluster's id"
 * would be ambiguous: the grantable names the one that acts for it.
 */
export interface IGrantable {
  /** The principal grants to this object go to. */
  readonly grantPrincipal: IPrincipal;
}

/** What every grant method of the library takes: a principal, or something granted through one. */
export type Grantee = IPrincipal | IGrantable;

/**
 * A principal named by its Entra object id and kind, for the principals the library does not
 * create: a CI service principal, a person, a group of operators.
 *
 * ```ts
 * vault.grantSecretsRead(Principal.group("00000000-0000-0000-0000-000000000000"));
 * ```
 */
export class Principal implements IPrincipal {
  /**
   * A service principal by its object id: an application's, or a managed identity's
   * (`principal_id`, not its client id).
   */
  public static servicePrincipal(objectId: string): Principal {
    return Principal.of(objectId, "ServicePrincipal", "servicePrincipal");
  }

  /** A person (an Entra user) by object id. */
  public static user(objectId: string): Principal {
    return Principal.of(objectId, "User", "user");
  }

  /** An Entra group by object id: every member gets the role. */
  public static group(objectId: string): Principal {
    return Principal.of(objectId, "Group", "group");
  }

  private static of(objectId: string, principalType: PrincipalType, method: string): Principal {
    const prop = `Principal.${method}(objectId)`;
    const problem = required(prop, objectId, "string", "'00000000-0000-0000-0000-000000000000'") ?? guidWithFix(prop, objectId);
    // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
    if (problem) throw new ValidationError(problem);
    return new Principal(objectId, principalType);
  }

  private constructor(
    /** The principal's Entra object id. */
    public readonly principalId: string,
    /** The principal's kind. */
    public readonly principalType: PrincipalType,
  ) {}
}
