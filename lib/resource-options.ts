/** Where an Azure resource lives: the props every Azure construct of the library takes. */
export interface AzureResourceOptions {
  /** Name of the resource group the resources are created in. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * Tags applied to every resource the construct creates.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;
}
