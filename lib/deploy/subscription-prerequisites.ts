import { Construct } from "../private/cdktf";
import { SecurityCenterSubscriptionPricing } from "../private/azurerm";
import { deepFreeze } from "../private/freeze";

/** Node metadata type that marks a construct as a subscription's prerequisites (for the deploy plan). */
export const SUBSCRIPTION_PREREQUISITES_METADATA_TYPE = "hardened-aks/subscription-prerequisites";

/**
 * Extensions of the Defender for Containers plan turned on by default: registry
 * vulnerability assessment, agentless Kubernetes discovery and the node sensor, as in the
 * provider's own acceptance test and Azure Policy's "Configure Microsoft Defender for
 * Containers plan". The provider sends every extension not listed as disabled
 * (azurerm v4.55.0 security_center_subscription_pricing_resource.go,
 * expandSecurityCenterSubscriptionPricingExtensions).
 */
export const DEFAULT_DEFENDER_FOR_CONTAINERS_EXTENSIONS: readonly string[] = deepFreeze(["ContainerRegistriesVulnerabilityAssessments", "AgentlessDiscoveryForKubernetes", "ContainerSensor"]);

/** Props of {@link SubscriptionPrerequisites}. */
export interface SubscriptionPrerequisitesProps {
  /**
   * Turns the Defender for Containers plan on for the subscription (tier Standard). The
   * provider refuses to create it when the plan is already on (import it then), and destroy
   * resets the plan to Free.
   *
   * @default false
   */
  readonly defenderForContainers?: boolean;
  /**
   * The plan's extensions to turn on; every other extension is turned off.
   *
   * @default DEFAULT_DEFENDER_FOR_CONTAINERS_EXTENSIONS
   */
  readonly defenderExtensions?: readonly string[];
}

/**
 * What a subscription needs once, before any environment's stacks, as its own opt-in stack
 * (put it in a stack of its own, deployed once per subscription): a subscription-wide
 * setting in every environment's stack would have three stacks fight over one setting.
 *
 * Only what is safe to manage with Terraform is synthesized. The `EncryptionAtHost` feature
 * registration is not: `azurerm_resource_provider_registration` refuses a provider that is
 * already registered, conflicts with the provider's own registrations (Microsoft.Compute is
 * in both the `legacy` and `core` sets), unregisters features it finds but was not told
 * about, and unregisters `Microsoft.Compute` itself on destroy (azurerm v4.55.0
 * resource_provider_registration_resource.go); no prebuilt azapi bindings exist for cdktf
 * 0.21. The deploy plan lists the `az` commands instead.
 */
export class SubscriptionPrerequisites extends Construct {
  /** The Defender for Containers plan, when turned on. */
  public readonly defenderPlan?: SecurityCenterSubscriptionPricing;

  constructor(scope: Construct, id: string, props: SubscriptionPrerequisitesProps = {}) {
    super(scope, id);
    this.node.addMetadata(SUBSCRIPTION_PREREQUISITES_METADATA_TYPE, true);
    if (props.defenderForContainers) {
      this.defenderPlan = new SecurityCenterSubscriptionPricing(this, "DefenderForContainers", {
        tier: "Standard",
        resourceType: "Containers",
        extension: (props.defenderExtensions ?? DEFAULT_DEFENDER_FOR_CONTAINERS_EXTENSIONS).map((name) => ({ name })),
      });
    }
  }
}
