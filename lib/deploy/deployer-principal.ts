import { TerraformStack, type Construct, type IConstruct } from "../private/cdktf";
import { DataAzurermClientConfig } from "../private/azurerm";
import { ValidationError } from "../errors";
import { guid, isToken, required } from "../private/validate";
import { Principal, type IGrantable, type IPrincipal, type PrincipalType } from "../identity/principal";
import { principalTypeVerdict } from "../identity/validate-principal";

/** The kinds of Entra principal a role assignment may state (the same as {@link PrincipalType}). */
export type DeployerPrincipalType = PrincipalType;

/** Construct id of the client-config data source `current()` creates at a stack's root. */
export const DEPLOYER_CLIENT_CONFIG_ID = "Deployer";

/** The client config's object id, one token per stack, shared by every `current()`. */
const CLIENT_CONFIG_IDS = new WeakMap<TerraformStack, string>();

/**
 * Who runs `cdktf deploy`: the principal that gets the deployer's roles (Key Vault Crypto
 * Officer, ...). A role assignment states the principal's type only when the library knows
 * it: ARM rejects a wrong type with `UnmatchedPrincipalType` and never retries it
 * (azurerm v4.55.0 internal/services/authorization/role_assignment_resource.go,
 * retryRoleAssignmentsClient), while an omitted type is inferred by ARM.
 *
 * Pass it to any grant method, e.g. `vault.grantKeyAdministration(deployer.principal)`: the
 * grant reads `current()`'s object id in its own stack.
 */
export class DeployerPrincipal implements IGrantable {
  /**
   * The identity Terraform runs as (data `azurerm_client_config`). Its kind is known only to
   * Entra, and the same code may run as a person on a laptop and as a service principal in
   * CI, so by default the grant states no type and ARM looks it up: the identity is signed
   * in, so it exists and no replication lag applies. State the kind when it is always the
   * same and the grant must name it (a deployer constrained by ABAC conditions on the
   * principal type).
   *
   * @param principalType the kind of every identity this runs as
   * @default - not stated: ARM infers it
   */
  public static current(principalType?: PrincipalType): DeployerPrincipal {
    const problem = principalType === undefined ? undefined : principalTypeVerdict("DeployerPrincipal.current(principalType)", principalType);
    // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
    if (problem) throw new ValidationError(`${problem} Or leave it out, and ARM infers the kind.`);
    return new DeployerPrincipal(undefined, principalType);
  }

  /** A service principal (a CI identity, a runner's managed identity) by its object id. */
  public static servicePrincipal(objectId: string): DeployerPrincipal {
    return DeployerPrincipal.known(objectId, "ServicePrincipal", "servicePrincipal");
  }

  /** A person (Entra user) by object id. */
  public static user(objectId: string): DeployerPrincipal {
    return DeployerPrincipal.known(objectId, "User", "user");
  }

  /** An Entra group whose members deploy, by object id. */
  public static group(objectId: string): DeployerPrincipal {
    return DeployerPrincipal.known(objectId, "Group", "group");
  }

  private static known(objectId: string, type: DeployerPrincipalType, method: string): DeployerPrincipal {
    const prop = `DeployerPrincipal.${method}(objectId)`;
    // A JavaScript caller that omits the id would otherwise get a principal with no id, i.e. current().
    const problem = required(prop, objectId, "string", "'00000000-0000-0000-0000-000000000000'") ?? guid(prop, objectId);
    // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet; the message names the call
    if (problem) throw new ValidationError(`${problem} Pass the principal's Entra object id, or use DeployerPrincipal.current() for whoever runs Terraform.`);
    return new DeployerPrincipal(objectId, type);
  }

  private constructor(
    /** The literal (or token) object id; undefined for `current()`. */
    private readonly givenObjectId: string | undefined,
    /** "User" | "ServicePrincipal" | "Group", or undefined when the library does not know it. */
    public readonly principalType: DeployerPrincipalType | undefined,
  ) {}

  /** Whether this is the identity Terraform runs as, read from `azurerm_client_config`. */
  public get isCurrent(): boolean {
    return this.givenObjectId === undefined;
  }

  /**
   * The object id, creating the client-config data source in the scope's stack once when
   * needed: the stack's existing `azurerm_client_config` if it has one, else one with the id
   * `Deployer` at the stack's root.
   */
  public objectId(scope: Construct): string {
    if (this.givenObjectId !== undefined) return this.givenObjectId;
    // One token per stack: each read of the data source's attribute is a new token string,
    // and grants recognise a repeated grant by the principal id they were given.
    const stack = TerraformStack.of(scope);
    let id = CLIENT_CONFIG_IDS.get(stack);
    if (id === undefined) CLIENT_CONFIG_IDS.set(stack, (id = clientConfigOf(stack).objectId));
    return id;
  }

  /**
   * This principal for a grant (see {@link IGrantable}). `current()`'s object id exists only
   * in a stack: pass the `DeployerPrincipal` itself to a grant method, which resolves it in
   * the granting construct's stack, or call `objectId(scope)`.
   */
  public get grantPrincipal(): IPrincipal {
    if (this.givenObjectId === undefined || this.principalType === undefined) {
      // eslint-disable-next-line no-restricted-syntax -- no construct here: the message names the call
      throw new ValidationError(
        "DeployerPrincipal.current() has no grantPrincipal: its object id is read from azurerm_client_config in the stack that grants it, and its kind may be known only to Entra. Pass the DeployerPrincipal itself to the grant method (vault.grantKeyAdministration(deployer.principal)), or name the principal with DeployerPrincipal.servicePrincipal('<object id>').",
      );
    }
    return this.principalType === "User"
      ? Principal.user(this.givenObjectId)
      : this.principalType === "Group"
        ? Principal.group(this.givenObjectId)
        : Principal.servicePrincipal(this.givenObjectId);
  }

  /**
   * The object id in the granting construct's stack and the kind, when known.
   *
   * @internal
   */
  public _principalIn(scope: Construct): { readonly principalId: string; readonly principalType: PrincipalType | undefined } {
    return { principalId: this.objectId(scope), principalType: this.principalType };
  }

  /** The principal in words, for the deploy plan and error messages. */
  public describe(): string {
    if (this.isCurrent) return "the identity Terraform runs as (azurerm_client_config)";
    const id = isToken(this.givenObjectId) ? "(an id known when Terraform runs)" : this.givenObjectId;
    const kind = { User: "user", ServicePrincipal: "service principal", Group: "group" }[this.principalType!];
    return `the ${kind} ${id}`;
  }
}

function clientConfigOf(stack: TerraformStack): DataAzurermClientConfig {
  const existing = stack.node.findAll().find((c: IConstruct): c is DataAzurermClientConfig => c instanceof DataAzurermClientConfig);
  if (existing) return existing;
  const id = stack.node.tryFindChild(DEPLOYER_CLIENT_CONFIG_ID) ? `${DEPLOYER_CLIENT_CONFIG_ID}ClientConfig` : DEPLOYER_CLIENT_CONFIG_ID;
  return new DataAzurermClientConfig(stack, id, {});
}
