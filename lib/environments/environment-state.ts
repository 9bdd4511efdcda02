import { AzurermBackend, LocalBackend, type TerraformStack } from "../private/cdktf";
import { ValidationError } from "../errors";
import { isToken, reason as reasonVerdict } from "../private/validate";
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
   * Prefix of each state file's key; the key is `<prefix><stack id>.tfstate`.
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
