// Terraform resources written from the providers' typed configs without loading the
// providers' generated classes.
//
// The generated classes are large: the ~40 the library uses are 9 MB of JavaScript that
// Node has to compile in every process that imports the library, which was most of what
// the library added to a synthesis (kubernetes_deployment_v1 alone is 4.8 MB). The library
// writes each resource in a shape it controls, so it keeps the generated TypeScript types
// (type-only imports cost nothing at run time) and writes the JSON itself: keys in
// Terraform's snake_case, except the keys of map attributes (tags, labels, ...), which are
// data and stay as given. test/bindings/provider-bindings.test.ts builds the examples with
// the generated classes too and requires the same Terraform, byte for byte, and
// `npm run test:bindings` compares every resource the tests write. One difference stays by
// design: a key outside the config type is written, where the generated classes drop it; the
// compiler rejects such keys in the literal configs the library passes.
import {
  App,
  TerraformDynamicExpression,
  TerraformResource,
  Token,
  type Construct,
  type TerraformMetaArguments,
} from "./cdktf";
import { ValidationError } from "../errors";

/** camelCase to Terraform's snake_case. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** How a resource type's camelCase config becomes Terraform's attribute names. */
export interface AttributeNaming {
  /** camelCase names of the attributes, at any depth, that are maps (their keys are data). */
  readonly mapAttributes: ReadonlySet<string>;
  /**
   * The few attributes whose Terraform name is not the snake_case of the camelCase one, by
   * camelCase name (digits: `immediateDataPurgeOn30DaysEnabled` is
   * `immediate_data_purge_on_30_days_enabled`). test/bindings finds them in the bindings.
   */
  readonly renamedAttributes?: Readonly<Record<string, string>>;
}

/**
 * The typed config as Terraform JSON, as the generated classes write it: Terraform's names
 * outside maps, undefined dropped. Like the generated classes, a single block given only
 * undefined fields is left out (written only when given as `{}`), except inside a list of
 * blocks, where it stays `{}`. An iterator's `dynamic(...)` is refused: the generated
 * classes write it as a `dynamic` block or a `for` expression depending on the schema,
 * which is not known here, and the library never builds one.
 */
export function toTerraformJson(value: unknown, naming: AttributeNaming): unknown {
  return convert(value, naming, true) ?? {};
}

function convert(value: unknown, naming: AttributeNaming, omitUndefinedBlock: boolean): unknown {
  if (TerraformDynamicExpression.isTerraformDynamicExpression(value)) {
    throw new ValidationError("An iterator's dynamic(...) cannot be written into a hardened-aks resource; pass the values as a list, or use addOverride on the construct's resource.");
  }
  if (Array.isArray(value)) return value.map((item) => convert(item, naming, false));
  // Plain objects only: tokens and other class instances pass through to cdktf's resolver.
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const result: Record<string, unknown> = {};
  for (const [key, child] of entries) {
    const converted = naming.mapAttributes.has(key) ? child : convert(child, naming, omitUndefinedBlock);
    if (converted !== undefined) result[naming.renamedAttributes?.[key] ?? snakeCase(key)] = converted;
  }
  return omitUndefinedBlock && entries.length > 0 && Object.keys(result).length === 0 ? undefined : result;
}

/** What the generated class of a provider declares about itself. */
export interface ProviderGenerator {
  readonly providerName: string;
  readonly providerVersion: string;
  readonly providerVersionConstraint: string;
}

/** One Terraform resource type as the library writes it. */
export interface ResourceSchema extends AttributeNaming {
  /** Terraform resource type, e.g. `azurerm_kubernetes_cluster`. */
  readonly type: string;
  /** The provider's name and version, as its generated classes declare them. */
  readonly generator: ProviderGenerator;
}

/** The class of one resource type: what the provider's generated class offers to construct it. */
export interface ResourceClass<Config, Instance> {
  new (scope: Construct, id: string, config: Config): Instance;
  /** The Terraform resource type, as on the generated classes. */
  readonly tfResourceType: string;
}

const appsCheckedForJson = new WeakSet<App>();

/**
 * A resource synthesized from its typed config. Subclasses add the attribute getters the
 * library reads (`id`, `name`, ...); any other attribute is `getStringAttribute("...")`.
 */
export abstract class JsonResource<Config extends TerraformMetaArguments> extends TerraformResource {
  private readonly attributes: Record<string, unknown>;
  private readonly naming: AttributeNaming;

  protected constructor(scope: Construct, id: string, schema: ResourceSchema, config: Config) {
    const { dependsOn, count, lifecycle, provider, provisioners, connection, forEach, ...attributes } = config;
    super(scope, id, {
      terraformResourceType: schema.type,
      terraformGeneratorMetadata: schema.generator,
      dependsOn,
      count,
      lifecycle,
      provider,
      provisioners,
      connection,
      forEach,
    });
    requireJsonOutput(this);
    this.attributes = attributes;
    this.naming = schema;
  }

  /** A nested attribute, e.g. `kube_config[0].host`, as a string token. */
  protected nestedString(path: string): string {
    return Token.asString(this.interpolationForAttribute(path));
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return toTerraformJson(this.attributes, this.naming) as Record<string, unknown>;
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    throw hclOutputError(this);
  }
}

/**
 * The library writes Terraform JSON (`cdk.tf.json`); cdktf's HCL output needs per-attribute
 * type information that only the generated classes carry. Fail when the resource is
 * created, before anything is synthesized.
 */
function requireJsonOutput(resource: TerraformResource): void {
  const app = resource.node.root;
  // A tree without an App (some test setups) has no output setting to check.
  if (!App.isApp(app) || appsCheckedForJson.has(app)) return;
  if (app.hclOutput) throw hclOutputError(resource);
  appsCheckedForJson.add(app);
}

function hclOutputError(resource: TerraformResource): ValidationError {
  return new ValidationError(
    `${resource.terraformResourceType}: hardened-aks synthesizes Terraform JSON (cdk.tf.json) and does not support cdktf's HCL output. ` +
      `Remove "hclOutput": true from cdktf.json (or unset SYNTH_HCL_OUTPUT); Terraform reads the JSON the same way.`,
    resource,
  );
}
