import { AzurermBackend, LocalBackend, type TerraformStack } from "../private/cdktf";
import { ValidationError } from "../errors";
import { describe, guid, isToken, matches, reason as reasonVerdict, required, resourceGroupName, type Verdict } from "../private/validate";
import { Compliance } from "../compliance/compliance";

/** Where an environment's remote state lives: an Azure storage account the user runs. */
export interface AzurermStateOptions {
  /** Resource group of the state storage account. */
  readonly resourceGroupName: string;
  /** The state storage account. */
  readonly storageAccountName: string;
  /** The blob container holding the state files. */
  readonly containerName: string;
  /**
   * Subscription of the storage account.
   *
   * @default - the subscription the Azure CLI or the environment selects
   */
  readonly subscriptionId?: string;
  /**
   * Tenant of the storage account.
   *
   * @default - the tenant the Azure CLI or the environment selects
   */
  readonly tenantId?: string;
  /**
   * Prefix of each state file's key; the key is `<prefix><stack id>.tfstate`. At most 200
   * characters (the library's limit, leaving room under Azure's 1,024 for a blob name), no
   * backslash, not starting with `/`.
   *
   * @default "" - keys are `<environment>-<role>.tfstate`
   */
  readonly keyPrefix?: string;
}

/**
 * Where an environment keeps its Terraform state (OPS-2): remote state in Azure Storage,
 * authenticated with Entra ID, one state file per stack; or, only when asked for with a
 * reason, local files for trying the library out.
 */
export class EnvironmentState {
  /**
   * Remote state in an Azure storage account, one blob per stack, authenticated with Entra
   * ID (`use_azuread_auth`): no storage account key in the configuration or on the runner.
   */
  public static azurerm(options: AzurermStateOptions): EnvironmentState {
    const verdict = azurermStateVerdicts(options).find((v) => v !== undefined);
    if (verdict !== undefined) {
      // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet
      throw new ValidationError(verdict);
    }
    return new EnvironmentState(options, undefined);
  }

  /**
   * Opt-out: state files on the machine that runs Terraform. They hold secrets in plain
   * text (the cluster's kubeconfig among them), so this is for trying the library out only;
   * the reason is recorded in the compliance report as the acknowledgement of OPS-2.
   */
  public static localForTrial(reason: string): EnvironmentState {
    const verdict = reasonVerdict("EnvironmentState.localForTrial: reason", reason, "why state stays on the machine that runs Terraform");
    if (verdict !== undefined) {
      // eslint-disable-next-line no-restricted-syntax -- a static factory: no construct exists yet
      throw new ValidationError(verdict);
    }
    return new EnvironmentState(undefined, isToken(reason) ? reason : reason.trim());
  }

  private constructor(
    /** Remote state settings, or undefined for local state. */
    public readonly azurerm: AzurermStateOptions | undefined,
    /** Why local state was chosen, for local state. */
    public readonly localReason: string | undefined,
  ) {}

  /**
   * Configures a stack's backend. Local state is recorded as the stack's acknowledgement of
   * OPS-2, with the reason given to `localForTrial`.
   */
  public configure(stack: TerraformStack, stackId: string): void {
    if (this.azurerm) {
      new AzurermBackend(stack, {
        resourceGroupName: this.azurerm.resourceGroupName,
        storageAccountName: this.azurerm.storageAccountName,
        containerName: this.azurerm.containerName,
        subscriptionId: this.azurerm.subscriptionId,
        tenantId: this.azurerm.tenantId,
        key: `${this.azurerm.keyPrefix ?? ""}${stackId}.tfstate`,
        useAzureadAuth: true,
      });
    } else {
      // Relative to the stack's directory under cdktf.out/stacks: the project root, where
      // cdktf puts local state by default, without writing this machine's path into the
      // synthesized JSON. Sibling stacks resolve each other's state to the same files.
      new LocalBackend(stack, { path: `../../../terraform.${stackId}.tfstate` });
      Compliance.acknowledge(stack, "OPS-2", this.localReason!);
    }
  }
}

const CALL = "EnvironmentState.azurerm";

/**
 * Azure's rules for the state's storage: a storage account name is 3-24 lowercase letters
 * and digits (and globally unique: it is the host name `<name>.blob.core.windows.net`); a
 * container name is 3-63 lowercase letters, digits and single hyphens, starting and ending
 * with a letter or digit. Tokens pass: their value is known only when Terraform runs.
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage
 */
function azurermStateVerdicts(options: AzurermStateOptions): Verdict[] {
  const objectVerdict = required(`${CALL}(options)`, options, "object", "{ resourceGroupName: 'rg-tfstate', storageAccountName: 'sttfstate', containerName: 'tfstate' }");
  if (objectVerdict !== undefined) return [objectVerdict];
  return [
    required(`${CALL}: resourceGroupName`, options.resourceGroupName, "string", "'rg-tfstate'"),
    required(`${CALL}: storageAccountName`, options.storageAccountName, "string", "'sttfstate'"),
    required(`${CALL}: containerName`, options.containerName, "string", "'tfstate'"),
    resourceGroupName(`${CALL}: resourceGroupName`, options.resourceGroupName),
    matches(
      `${CALL}: storageAccountName`,
      options.storageAccountName,
      /^[a-z0-9]{3,24}$/,
      "3-24 lowercase letters or digits, no hyphens (Azure's rule for storage account names; the name is global, so pick one nobody else has), e.g. 'sttfstateprod01'",
    ),
    matches(
      `${CALL}: containerName`,
      options.containerName,
      /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/,
      "3-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit, with no two hyphens in a row (Azure's rule for blob container names), e.g. 'tfstate'",
    ),
    options.subscriptionId === undefined ? undefined : guid(`${CALL}: subscriptionId`, options.subscriptionId),
    options.tenantId === undefined ? undefined : guid(`${CALL}: tenantId`, options.tenantId),
    keyPrefix(options.keyPrefix),
  ];
}

/** The key prefix is part of a blob name: a string, with no backslash and not ending in a period. */
function keyPrefix(value: unknown): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "string") return `${CALL}: keyPrefix must be a string such as 'platform/'; got ${describe(value)}.`;
  if (value.length > 200 || /[\\]/.test(value) || value.startsWith("/")) {
    return `${CALL}: keyPrefix must be at most 200 characters (the library's limit, under Azure's 1,024 for a blob name), with no backslash and not starting with '/' (it begins the state blob's name), e.g. 'platform/'; got ${describe(value)}.`;
  }
  return undefined;
}
