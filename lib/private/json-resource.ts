// A Terraform resource written from a typed config without loading the provider's generated
// class. Some generated classes are huge (kubernetes_deployment_v1 is 4.8 MB of JavaScript,
// about 50 ms to load in every process that imports the library) for a resource the library
// writes in one fixed shape. The config keeps the generated TypeScript types (type-only
// imports cost nothing at run time); keys are written in Terraform's snake_case, except the
// keys of map attributes (labels, annotations, ...), which are data and stay as given.
import { TerraformResource, type Construct, type TerraformMetaArguments } from "./cdktf";

/** camelCase to Terraform's snake_case. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The typed config as Terraform JSON: snake_case keys outside maps, undefined dropped. */
export function toTerraformJson(value: unknown, mapAttributes: ReadonlySet<string>, inMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => toTerraformJson(item, mapAttributes));
  // Plain objects only: tokens and other class instances pass through to cdktf's resolver.
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === undefined) continue;
    result[inMap ? key : snakeCase(key)] = inMap ? child : toTerraformJson(child, mapAttributes, mapAttributes.has(key));
  }
  return result;
}

/** Props of {@link JsonResource}. */
export interface JsonResourceProps extends TerraformMetaArguments {
  /** Terraform resource type, e.g. `kubernetes_deployment_v1`. */
  readonly type: string;
  /** The provider's name and version, as the generated class would declare them. */
  readonly generator: { readonly providerName: string; readonly providerVersion: string; readonly providerVersionConstraint: string };
  /** The resource's attributes, camelCase as in the generated config type. */
  readonly attributes: Record<string, unknown>;
  /** camelCase names of the attributes that are maps (their keys are data). */
  readonly mapAttributes: ReadonlySet<string>;
}

/** A resource synthesized from {@link JsonResourceProps.attributes}. */
export class JsonResource extends TerraformResource {
  private readonly attributes: Record<string, unknown>;
  private readonly mapAttributes: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: JsonResourceProps) {
    super(scope, id, {
      terraformResourceType: props.type,
      terraformGeneratorMetadata: props.generator,
      dependsOn: props.dependsOn,
      lifecycle: props.lifecycle,
      count: props.count,
      forEach: props.forEach,
      provider: props.provider,
    });
    this.attributes = props.attributes;
    this.mapAttributes = props.mapAttributes;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return toTerraformJson(this.attributes, this.mapAttributes) as Record<string, unknown>;
  }
}
