import { Construct, TerraformStack } from "../private/cdktf";
import { DataAzurermClientConfig } from "../private/azurerm";

/** Who runs Terraform: the principal that needs key administration on the platform's vault. */
export class DeployerPrincipal {
  /**
   * The identity Terraform runs as (`azurerm_client_config`'s object id); its principal type
   * is not known at synth time.
   */
  public static current(): DeployerPrincipal {
    return new DeployerPrincipal(undefined, undefined);
  }

  /** A service principal or managed identity, by object id. */
  public static servicePrincipal(objectId: string): DeployerPrincipal {
    return new DeployerPrincipal(objectId, "ServicePrincipal");
  }

  /** An Entra user, by object id. */
  public static user(objectId: string): DeployerPrincipal {
    return new DeployerPrincipal(objectId, "User");
  }

  /** An Entra group, by object id. */
  public static group(objectId: string): DeployerPrincipal {
    return new DeployerPrincipal(objectId, "Group");
  }

  private constructor(
    private readonly id: string | undefined,
    /** The principal's type, when stated. */
    public readonly principalType?: "User" | "ServicePrincipal" | "Group",
  ) {}

  /** The principal's object id, as seen from a construct's stack. */
  public objectId(scope: Construct): string {
    if (this.id !== undefined) return this.id;
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild("Deployer");
    const config = existing instanceof DataAzurermClientConfig ? existing : new DataAzurermClientConfig(stack, "Deployer", {});
    return config.objectId;
  }
}
