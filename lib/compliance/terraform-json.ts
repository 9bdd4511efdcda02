// Pure helpers that read synthesized Terraform JSON, for the compliance rules. No cdktf here:
// rules see plain JSON, so they are tested on small fixtures as well as on synthesized stacks.

/** A JSON object: a resource's configuration, a nested block, or a whole stack. */
export type JsonObject = { readonly [key: string]: unknown };

/** One Terraform resource of a stack, as a rule sees it. */
export interface TerraformResource {
  /** Resource type, e.g. `azurerm_kubernetes_cluster`. */
  readonly type: string;
  /** Logical name inside the type, e.g. `Cluster_EB0386A7`. */
  readonly name: string;
  /** Terraform address: `<type>.<name>`. */
  readonly address: string;
  /** Construct path of the resource (cdktf's `//` metadata), or the address when unknown. */
  readonly constructPath: string;
  /**
   * Where the resource's construct was created, as cdktf records it (`//.metadata.stackTrace`,
   * one `at ...` line per frame), when it does: cdktf 0.21 writes the key only when the
   * construct library captured a trace, which it does not by default.
   *
   * @default - none recorded
   */
  readonly stackTrace?: readonly string[];
  /** The final configuration Terraform receives, overrides included, without cdktf metadata. */
  readonly config: JsonObject;
}

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The blocks written under a key. Terraform JSON accepts a single block as an object or
 * any number as a list of objects; both read the same here.
 */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first block under `key`, if any. */
export function block(config: JsonObject, key: string): JsonObject | undefined {
  return blocks(config[key])[0];
}

/** Whether a value is (or contains) a Terraform expression, known only when Terraform runs. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** Whether a value is set: present, not null, not an empty string. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** A value as it reads in a message. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  if (typeof value === "string") return `'${value}'`;
  return JSON.stringify(value);
}

/** The Terraform reference to an attribute of a resource: `${type.name.attribute}`. */
export function reference(type: string, name: string, attribute = "id"): string {
  return `\${${type}.${name}.${attribute}}`;
}

/** Whether a value is exactly the reference to an attribute of a resource. */
export function refersTo(value: unknown, resource: Pick<TerraformResource, "type" | "name">, attribute = "id"): boolean {
  return typeof value === "string" && value.replace(/\s+/g, "") === reference(resource.type, resource.name, attribute);
}

/** Every resource of a type in a stack, sorted by name, with cdktf's `//` metadata taken out. */
export function resourcesOfType(stack: JsonObject, type: string): TerraformResource[] {
  const ofType = isObject(stack.resource) ? stack.resource[type] : undefined;
  if (!isObject(ofType)) return [];
  return Object.keys(ofType)
    .sort()
    .filter((name) => isObject(ofType[name]))
    .map((name) => toResource(type, name, ofType[name] as JsonObject));
}

/** Every resource type a stack declares, sorted. */
export function resourceTypes(stack: JsonObject): string[] {
  return isObject(stack.resource) ? Object.keys(stack.resource).sort() : [];
}

function toResource(type: string, name: string, raw: JsonObject): TerraformResource {
  const { ["//"]: metadata, ...config } = raw;
  const path = isObject(metadata) && isObject(metadata.metadata) ? metadata.metadata.path : undefined;
  const address = `${type}.${name}`;
  const trace = isObject(metadata) && isObject(metadata.metadata) ? metadata.metadata.stackTrace : undefined;
  const stackTrace = Array.isArray(trace) ? trace.filter((frame): frame is string => typeof frame === "string") : undefined;
  return { type, name, address, constructPath: typeof path === "string" ? path : address, ...(stackTrace && stackTrace.length > 0 ? { stackTrace } : {}), config };
}

/**
 * Checks that a value is one of the allowed literals and returns the problem, or undefined
 * when it is. Booleans also match their string spelling (`"true"`), which Terraform
 * converts; strings match without regard to case, as Azure does.
 *
 * @param attribute the attribute's path, for the message
 * @param providerDefault what the provider deploys when the attribute is absent, when that
 *   is documented and stable; an absent attribute passes only if this default is allowed
 */
export function expectOneOf(
  value: unknown,
  attribute: string,
  allowed: readonly (string | boolean)[],
  providerDefault?: string | boolean,
): string | undefined {
  const wanted = allowed.length === 1 ? show(allowed[0]) : `one of ${allowed.map(show).join(", ")}`;
  if (value === undefined || value === null) {
    if (providerDefault !== undefined && matchesAny(providerDefault, allowed)) return undefined;
    const byDefault = providerDefault === undefined ? "" : ` (the provider then deploys ${show(providerDefault)})`;
    return `${attribute} is not set${byDefault}; it must be ${wanted}`;
  }
  if (isExpression(value)) {
    return `${attribute} is the expression ${show(value)}, known only when Terraform runs; it must be the literal ${wanted}`;
  }
  return matchesAny(value, allowed) ? undefined : `${attribute} is ${show(value)}; it must be ${wanted}`;
}

function matchesAny(value: unknown, allowed: readonly (string | boolean)[]): boolean {
  return allowed.some((candidate) => {
    if (typeof candidate === "boolean") return value === candidate || value === String(candidate);
    return typeof value === "string" && value.toLowerCase() === candidate.toLowerCase();
  });
}

/** Whether a value is the literal `true` (or `"true"`). */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** The entries of `lifecycle.ignore_changes`, or `["all"]` when Terraform ignores every change. */
export function ignoredChanges(config: JsonObject): string[] {
  const lifecycle = block(config, "lifecycle");
  const ignore = lifecycle?.ignore_changes;
  if (typeof ignore === "string") return [ignore];
  return Array.isArray(ignore) ? ignore.filter((entry): entry is string => typeof entry === "string") : [];
}

/**
 * Whether `lifecycle.ignore_changes` covers an attribute path such as
 * `default_node_pool[0].node_count`: the path itself, an enclosing block, or `all`.
 */
export function ignoresChanges(config: JsonObject, attribute: string): boolean {
  const target = normalizePath(attribute);
  return ignoredChanges(config).some((entry) => {
    const path = normalizePath(entry);
    return path === "all" || path === target || target.startsWith(`${path}.`) || target.startsWith(`${path}[`);
  });
}

/** `a.0.b` and `a[0].b` are the same path to Terraform. */
function normalizePath(path: string): string {
  return path.replace(/\s+/g, "").replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/** Whether `lifecycle.prevent_destroy` is on. */
export function preventsDestroy(config: JsonObject): boolean {
  return isTrue(block(config, "lifecycle")?.prevent_destroy);
}

/** The strings of a list attribute, or undefined when it is not a literal list. */
export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((entry) => (typeof entry === "string" ? entry : JSON.stringify(entry)));
}

/** The problems found, without the checks that passed (undefined). */
export function problems(...found: (string | undefined)[]): string[] {
  return found.filter((problem): problem is string => problem !== undefined);
}

/**
 * A reference written the way Terraform reads it: no spaces, list indexes as `[0]`
 * (`a.0.b` and `a[0].b` are the same to Terraform).
 */
export function normalizeReference(value: string): string {
  return value.replace(/\s+/g, "").replace(/\.(\d+)(?=\.|\}|\[|$)/g, "[$1]");
}

/** Whether a value is exactly the reference to a path of a resource, e.g. `kube_config[0].host`. */
export function refersToPath(value: unknown, resource: Pick<TerraformResource, "type" | "name">, path: string): boolean {
  return typeof value === "string" && normalizeReference(value) === normalizeReference(reference(resource.type, resource.name, path));
}

/** The resource of a type in the stack that a value refers to (`${type.name.attribute}`), if any. */
export function referencedResource(stack: JsonObject, value: unknown, type: string, attribute = "id"): TerraformResource | undefined {
  return resourcesOfType(stack, type).find((resource) => refersTo(value, resource, attribute));
}

/** Whether a string is a literal: set, and no Terraform expression in it. */
export function isLiteral(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !isExpression(value);
}
