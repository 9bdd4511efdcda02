// Security-posture parity between environments (OPS-1): pure functions over synthesized
// Terraform JSON, so the rules are tested directly. Two environments built from one
// definition must differ only in names, sizes and address ranges.
import { containsAddress, parseIpv4Address, parseIpv4Cidr, contains } from "../private/cidr";

/** Attribute keys that name things: allowed to differ between environments. */
const NAMING_KEYS = new Set(["name", "dns_prefix", "tags", "display_name", "description", "location", "key_vault_name", "keyvaultName"]);

/** Attribute keys that size things: allowed to differ between environments. */
export const SIZING_KEYS: ReadonlySet<string> = new Set([
  "vm_size",
  "min_count",
  "max_count",
  "node_count",
  "os_disk_size_gb",
  "min_capacity",
  "max_capacity",
  "daily_quota_gb",
  "replicas",
]);

/**
 * Attribute paths that differ by design between production and other environments:
 * production protects its cluster from destroy (OPS-3).
 */
const BY_DESIGN_PATHS = new Set(["lifecycle.prevent_destroy"]);

/** One environment's Terraform of one stack role, with what makes its values its own. */
export interface EnvironmentTerraform {
  /** Environment name, e.g. `dev`. */
  readonly environment: string;
  /** Stack id; construct paths are made relative to it. */
  readonly stackId: string;
  /** The stack's synthesized (resolved) Terraform JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON; narrowing it now would break callers
  readonly terraform: Record<string, any>;
  /** The environment's address spaces: addresses inside them are its own. */
  readonly addressSpaces: readonly string[];
}

/** The flattened, normalized security-relevant attributes of each resource, by construct path. */
export type Posture = Record<string, {
  /** Terraform resource type, e.g. `azurerm_kubernetes_cluster`. */
  readonly type: string;
  /** Its attributes flattened to dotted paths, the environment's name and own addresses replaced so that environments compare. */
  readonly attributes: Record<string, string>;
}>;

/** A difference in posture between environments. */
export interface ParityDifference {
  /** Construct path of the resource, relative to its stack, e.g. `Cluster/Resource`. */
  readonly resource: string;
  /** Terraform resource type. */
  readonly type: string;
  /** Dotted attribute path, or `(resource)` when the resource exists in some environments only. */
  readonly attribute: string;
  /** The value in each environment (`(absent)` where missing). */
  readonly values: Readonly<Record<string, string>>;
}

/** A difference the user accepts, with the reason (e.g. no paid SLA tier in dev). */
export interface ParityException {
  /** Construct path of the resource relative to its stack, e.g. `Cluster/Resource`. */
  readonly resource: string;
  /**
   * Dotted attribute path (or a prefix of one), e.g. `sku_tier` or `default_node_pool`.
   *
   * @default - any attribute of the resource, and its presence
   */
  readonly attribute?: string;
  /** Why the environments may differ here; recorded for reviewers. */
  readonly reason: string;
}

/** The posture of one environment's stack: what parity compares. */
export function securityPosture(input: EnvironmentTerraform): Posture {
  const posture: Posture = {};
  const spaces = input.addressSpaces.map((s) => parseIpv4Cidr(s)).filter((b) => b !== undefined);
  const normalize = (value: string): string => {
    let text = replaceEnvironmentName(value, input.environment);
    // Addresses inside the environment's own address spaces are its own address plan.
    text = text.replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g, (match) => {
      const block = match.includes("/") ? parseIpv4Cidr(match) : undefined;
      const address = match.includes("/") ? undefined : parseIpv4Address(match);
      const own = block ? spaces.some((s) => contains(s!, block)) : address !== undefined && spaces.some((s) => containsAddress(s!, address));
      return own ? "<env-address>" : match;
    });
    return text;
  };
  for (const [type, resources] of Object.entries(input.terraform.resource ?? {})) {
    for (const [logicalId, config] of Object.entries(resources as Record<string, { "//"?: { metadata?: { path?: string } } } | undefined>)) {
      const path = relativePath(config?.["//"]?.metadata?.path, input.stackId) ?? `${type}.${logicalId}`;
      const attributes: Record<string, string> = {};
      flatten(config, "", attributes, normalize);
      posture[path] = { type, attributes };
    }
  }
  return posture;
}

/**
 * A value with the environment's name replaced by `<env>` where the name is the
 * environment's own word in it, so `aks-prod-weu` and `aks-dev-weu` compare equal.
 *
 * Recognised: the name as a whole word, between the start or end of the value and any
 * character that is not a letter or digit (`-`, `_`, `.`, `/`, `:`, ...), in any case, and
 * optionally followed by digits (`rg-prod01`, `/zones/dev-zone`, `aks_PROD`, `prod2.example`).
 * Not recognised: the name glued to other letters (`kvprod01`, `stprod`): from the value
 * alone that cannot be told apart from a word that merely contains the name (`latest` for
 * `test`, `westeurope` for `west`), and replacing it there makes identical environments
 * differ. Glued names are mostly `name` attributes, which parity never compares; a value
 * elsewhere that repeats one is reported as a difference to accept with a parity exception.
 */
export function replaceEnvironmentName(value: string, environment: string): string {
  if (environment.length === 0) return value;
  const name = environment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return value.replace(new RegExp(`(?<![A-Za-z0-9])${name}(?=[0-9]*(?![A-Za-z0-9]))`, "gi"), "<env>");
}

function relativePath(path: string | undefined, stackId: string): string | undefined {
  if (!path) return undefined;
  const relative = path.startsWith(`${stackId}/`) ? path.slice(stackId.length + 1) : path;
  // Without the `Default` levels cdktf leaves out of addresses (HardenedPlatform's and
  // PlatformBaseline's), so a resource is named the same whether the platform built it or
  // the stack did: `Cluster/Resource`.
  return relative
    .split("/")
    .filter((part) => part !== "Default")
    .join("/");
}

function flatten(value: unknown, prefix: string, out: Record<string, string>, normalize: (v: string) => string): void {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) {
      out[prefix] = JSON.stringify(value.map((v) => (typeof v === "string" ? normalize(v) : v)));
      return;
    }
    value.forEach((item, i) => flatten(item, prefix ? `${prefix}.${i}` : String(i), out, normalize));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === "//" || NAMING_KEYS.has(key) || key.endsWith("_name") || SIZING_KEYS.has(key)) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (BY_DESIGN_PATHS.has(path)) continue;
      flatten(child, path, out, normalize);
    }
    return;
  }
  out[prefix] = typeof value === "string" ? JSON.stringify(normalize(value)) : JSON.stringify(value);
}

/** Every difference between the postures, in a stable order. */
export function compareParity(postures: Readonly<Record<string, Posture>>): ParityDifference[] {
  const environments = Object.keys(postures);
  const differences: ParityDifference[] = [];
  const resources = [...new Set(environments.flatMap((env) => Object.keys(postures[env])))].sort();
  for (const resource of resources) {
    const present = environments.filter((env) => postures[env][resource] !== undefined);
    const type = postures[present[0]][resource].type;
    if (present.length !== environments.length) {
      differences.push({
        resource,
        type,
        attribute: "(resource)",
        values: Object.fromEntries(environments.map((env) => [env, present.includes(env) ? "(present)" : "(absent)"])),
      });
      continue;
    }
    const attributes = [...new Set(environments.flatMap((env) => Object.keys(postures[env][resource].attributes)))].sort();
    for (const attribute of attributes) {
      const values = Object.fromEntries(environments.map((env) => [env, postures[env][resource].attributes[attribute] ?? "(absent)"]));
      if (new Set(Object.values(values)).size > 1) differences.push({ resource, type, attribute, values });
    }
  }
  return differences;
}

/** Whether an exception covers a difference. */
export function isExcepted(difference: ParityDifference, exceptions: readonly ParityException[]): ParityException | undefined {
  return exceptions.find(
    (e) =>
      e.resource === difference.resource &&
      (e.attribute === undefined || difference.attribute === e.attribute || difference.attribute.startsWith(`${e.attribute}.`)),
  );
}

/** A reviewer-readable line for a difference. */
export function describeDifference(role: string, difference: ParityDifference): string {
  const values = Object.entries(difference.values)
    .map(([env, value]) => `${env}=${value}`)
    .join(", ");
  return `OPS-1 parity: the '${role}' stacks differ at ${difference.resource} (${difference.type}) ${difference.attribute}: ${values}. Environments built from one definition may differ only in names, sizes and address ranges. Make them equal, or accept the difference with a parityException { resource: '${difference.resource}', attribute: '${difference.attribute === "(resource)" ? "" : difference.attribute}', reason }.`;
}

/** A difference an environment's security profile documents, with the choice that causes it. */
export interface ProfileDocumentedDifference {
  /** Construct path relative to the stack; it covers the resources under it too. */
  readonly resource: string;
  /**
   * Dotted attribute path or a prefix of one.
   *
   * @default - any attribute of the resources, and their presence
   */
  readonly attribute?: string;
  /** The profile's name, e.g. `development`. */
  readonly profile: string;
  /** The rule the choice touches, e.g. `EGR-4`. */
  readonly controlId: string;
  /** The choice's reason. */
  readonly reason: string;
}

/** Why a difference is accepted by the environments' profiles: which environments' which choice. */
export interface ProfileAcceptance {
  /** The environments whose profile documents the difference, with the choice. */
  readonly documentedBy: readonly { readonly environment: string; readonly difference: ProfileDocumentedDifference }[];
}

/** Whether a documented difference covers a difference: the resource or an ancestor of it, the attribute or a prefix of it. */
function documents(documented: ProfileDocumentedDifference, difference: ParityDifference): boolean {
  const resource = difference.resource === documented.resource || difference.resource.startsWith(`${documented.resource}/`);
  const attribute =
    documented.attribute === undefined || difference.attribute === documented.attribute || difference.attribute.startsWith(`${documented.attribute}.`);
  return resource && attribute;
}

/**
 * Whether the environments' profiles account for a difference: some environments' profiles
 * document it, the environments of each documenting profile share one value, and every other
 * environment has one and the same value (so the difference is between profiles and the rest,
 * not among the rest, nor among environments of one profile).
 */
export function acceptedByProfiles(
  difference: ParityDifference,
  documented: Readonly<Record<string, readonly ProfileDocumentedDifference[]>>,
): ProfileAcceptance | undefined {
  const documentedBy: { environment: string; difference: ProfileDocumentedDifference }[] = [];
  const valuesByProfile = new Map<string, Set<string>>();
  const undocumentedValues = new Set<string>();
  for (const [environment, value] of Object.entries(difference.values)) {
    const found = (documented[environment] ?? []).find((entry) => documents(entry, difference));
    if (found) {
      documentedBy.push({ environment, difference: found });
      if (!valuesByProfile.has(found.profile)) valuesByProfile.set(found.profile, new Set());
      valuesByProfile.get(found.profile)!.add(value);
    } else undocumentedValues.add(value);
  }
  // One profile, one value: environments of one profile that differ among themselves are not the profile's doing.
  const eachProfileOneValue = [...valuesByProfile.values()].every((values) => values.size === 1);
  return documentedBy.length > 0 && eachProfileOneValue && undocumentedValues.size <= 1 ? { documentedBy } : undefined;
}

/** A reviewer-readable line for a difference the environments' profiles accept. */
export function describeProfileAcceptance(role: string, difference: ParityDifference, acceptance: ProfileAcceptance): string {
  const values = Object.entries(difference.values)
    .map(([env, value]) => `${env}=${value}`)
    .join(", ");
  const by = acceptance.documentedBy
    .map(({ environment, difference: d }) => `security profile '${d.profile}' of ${environment} (${d.controlId}): ${d.reason}`)
    .join("; ");
  return `OPS-1 parity: the '${role}' stacks differ at ${difference.resource} (${difference.type}) ${difference.attribute}: ${values}. Accepted by ${by}`;
}
