import type { Construct, TerraformMetaArguments } from "../cdktf";
import { JsonResource, type ProviderGenerator, type ResourceClass } from "../json-resource";

/** kubernetes as its prebuilt bindings declare it (@cdktf/provider-kubernetes 12.x). */
export const KUBERNETES_GENERATOR: ProviderGenerator = { providerName: "kubernetes", providerVersion: "2.38.0", providerVersionConstraint: "~> 2.0" };

/** A Kubernetes provider resource written from its typed config. */
export abstract class KubernetesResource<Config extends TerraformMetaArguments> extends JsonResource<Config> {
  protected constructor(scope: Construct, id: string, type: string, config: Config, mapAttributes: readonly string[]) {
    super(scope, id, { type, generator: KUBERNETES_GENERATOR, mapAttributes: new Set(mapAttributes) }, config);
  }
}

/** A Kubernetes object with a `metadata` block (whose labels and annotations are maps). */
export abstract class KubernetesObject<Config extends TerraformMetaArguments> extends KubernetesResource<Config> {
  protected constructor(scope: Construct, id: string, type: string, config: Config, mapAttributes: readonly string[] = []) {
    super(scope, id, type, config, ["labels", "annotations", ...mapAttributes]);
  }

  /** The object's name and uid as Terraform reads them back (`metadata[0]`). */
  public get metadata(): { readonly name: string; readonly uid: string } {
    return { name: this.nestedString("metadata[0].name"), uid: this.nestedString("metadata[0].uid") };
  }
}

/**
 * The class of one Kubernetes object type: `tfResourceType` and a constructor taking the
 * bindings' config type. `mapAttributes` lists the camelCase attributes, besides the
 * metadata's labels and annotations, that the bindings type as maps.
 */
export function kubernetesObject<Config extends TerraformMetaArguments>(
  type: string,
  mapAttributes: readonly string[] = [],
): ResourceClass<Config, KubernetesObject<Config>> {
  return class extends KubernetesObject<Config> {
    public static readonly tfResourceType = type;
    constructor(scope: Construct, id: string, config: Config) {
      super(scope, id, type, config, mapAttributes);
    }
  };
}
