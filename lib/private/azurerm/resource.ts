import type { Construct, TerraformMetaArguments } from "../cdktf";
import { JsonResource, type ProviderGenerator, type ResourceClass } from "../json-resource";

/** azurerm as its prebuilt bindings declare it (@cdktf/provider-azurerm 14.x). */
export const AZURERM_GENERATOR: ProviderGenerator = { providerName: "azurerm", providerVersion: "4.55.0", providerVersionConstraint: "~> 4.0" };

/** The map attributes of most azurerm resources: just `tags`. */
const TAGS: readonly string[] = ["tags"];

/** An azurerm resource written from its typed config. */
export abstract class AzurermResource<Config extends TerraformMetaArguments> extends JsonResource<Config> {
  protected constructor(
    scope: Construct,
    id: string,
    type: string,
    config: Config,
    mapAttributes: readonly string[],
    renamedAttributes?: Readonly<Record<string, string>>,
  ) {
    super(scope, id, { type, generator: AZURERM_GENERATOR, mapAttributes: new Set(mapAttributes), renamedAttributes }, config);
  }

  /** The resource's Azure id. */
  public get id(): string {
    return this.getStringAttribute("id");
  }
}

/** An azurerm resource with a `name` attribute. */
export abstract class NamedAzurermResource<Config extends TerraformMetaArguments> extends AzurermResource<Config> {
  /** The resource's name. */
  public get name(): string {
    return this.getStringAttribute("name");
  }
}

/**
 * The class of one azurerm resource type with a `name`: `tfResourceType` and a constructor
 * taking the bindings' config type. `mapAttributes` lists the camelCase attributes the
 * bindings type as maps, `renamedAttributes` the names snake_case does not give
 * (test/bindings checks both against the bindings).
 */
export function namedAzurermResource<Config extends TerraformMetaArguments>(
  type: string,
  mapAttributes: readonly string[] = TAGS,
  renamedAttributes?: Readonly<Record<string, string>>,
): ResourceClass<Config, NamedAzurermResource<Config>> {
  return class extends NamedAzurermResource<Config> {
    public static readonly tfResourceType = type;
    constructor(scope: Construct, id: string, config: Config) {
      super(scope, id, type, config, mapAttributes, renamedAttributes);
    }
  };
}

/** The class of one azurerm resource type without a `name` (associations, plans). */
export function azurermResource<Config extends TerraformMetaArguments>(type: string, mapAttributes: readonly string[]): ResourceClass<Config, AzurermResource<Config>> {
  return class extends AzurermResource<Config> {
    public static readonly tfResourceType = type;
    constructor(scope: Construct, id: string, config: Config) {
      super(scope, id, type, config, mapAttributes);
    }
  };
}
