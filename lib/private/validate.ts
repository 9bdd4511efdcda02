// Pure validation rules. Each returns undefined when the value is fine, or a message that
// names the prop, the value received, the rule and the fix. Unresolved cdktf tokens are
// never checked: their value is only known when Terraform runs.
import { isIPv6 } from "node:net";
import { Token } from "./cdktf";
import type { IConstruct } from "./cdktf";
import { ValidationError } from "../errors";
import { catchAllIn, containsAddress, parseIpv4Address, parseIpv4Cidr } from "./cidr";

/** A rule's verdict: undefined when fine, else the message. */
export type Verdict = string | undefined;

/** Throws a ValidationError for the first failed verdict. */
export function throwIfInvalid(scope: IConstruct, ...verdicts: Verdict[]): void {
  for (const verdict of verdicts) {
    if (verdict !== undefined) throw new ValidationError(verdict, scope);
  }
}

/**
 * Whether a value is an unresolved token: a string or number with a token in it, or a
 * whole list that is a token. A literal list with token entries is not one: check its
 * entries one by one.
 */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Rejects a value that does not match a pattern, with the rule in words. */
export function matches(prop: string, value: string | undefined, pattern: RegExp, rule: string): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  return pattern.test(value) ? undefined : `${prop} must be ${rule}; got '${value}'.`;
}

/** Azure's rule for AKS cluster names. */
export function clusterName(prop: string, value: string): Verdict {
  return matches(
    prop,
    value,
    /^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/,
    "1-63 letters, digits, underscores or hyphens, starting and ending with a letter or digit",
  );
}

/** Azure's rule for AKS DNS prefixes. */
export function dnsPrefix(prop: string, value: string | undefined): Verdict {
  return matches(
    prop,
    value,
    /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/,
    "1-54 letters, digits or hyphens, starting and ending with a letter or digit",
  );
}

/** Azure's rule for Linux node pool names. */
export function nodePoolName(prop: string, value: string | undefined): Verdict {
  return matches(
    prop,
    value,
    /^[a-z][a-z0-9]{0,11}$/,
    "1-12 lowercase letters or digits, starting with a letter (Azure's rule for Linux node pools)",
  );
}

/** Azure's rule for most resource names in the network and monitoring domains. */
export function azureResourceName(prop: string, value: string | undefined, maxLength: number): Verdict {
  return matches(
    prop,
    value,
    new RegExp(`^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,${maxLength - 2}}[a-zA-Z0-9_])?$`),
    `1-${maxLength} letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore`,
  );
}

/** A Kubernetes version as AKS accepts it: MAJOR.MINOR or MAJOR.MINOR.PATCH. */
export function kubernetesVersion(prop: string, value: string | undefined): Verdict {
  return matches(
    prop,
    value,
    /^\d+\.\d+(?:\.\d+)?$/,
    "a Kubernetes version as MAJOR.MINOR (e.g. '1.33', recommended with an upgrade channel) or MAJOR.MINOR.PATCH (e.g. '1.33.2'), without a leading 'v'",
  );
}

/** An IPv4 CIDR with no host bits set. */
export function ipv4Cidr(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  return parseIpv4Cidr(value)
    ? undefined
    : `${prop} must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/16'; got '${value}'.`;
}

/** An IPv4 address inside a CIDR (e.g. the DNS service IP inside the service CIDR). */
export function addressInside(prop: string, value: string | undefined, cidrProp: string, cidr: string): Verdict {
  if (value === undefined || isToken(value) || isToken(cidr)) return undefined;
  const address = parseIpv4Address(value);
  if (address === undefined) return `${prop} must be an IPv4 address such as '10.0.0.10'; got '${value}'.`;
  const block = parseIpv4Cidr(cidr);
  if (!block) return undefined; // the CIDR itself is reported by its own rule
  if (!containsAddress(block, address)) {
    return `${prop} must lie inside ${cidrProp} '${cidr}'; got '${value}'. Pick an address in that range (conventionally the .10 address).`;
  }
  if (address === block.start || address === block.start + block.size - 1) {
    return `${prop} must not be the network or broadcast address of ${cidrProp} '${cidr}'; got '${value}'.`;
  }
  if (address === block.start + 1) {
    return `${prop} must not be the first address of ${cidrProp} '${cidr}' (Kubernetes gives it to the kubernetes.default service); got '${value}'. Use the .10 address.`;
  }
  return undefined;
}

/**
 * Authorized ranges for a public API server: each an IPv4/IPv6 CIDR or address, none a
 * catch-all, and at least one.
 */
export function authorizedIpRanges(prop: string, ranges: readonly string[]): Verdict {
  if (isToken(ranges)) return undefined;
  if (ranges.length === 0) {
    return `${prop} must list at least one range: a public API server with no authorized ranges is open to the internet. Use ApiServerAccess.privateOnly(), or list your egress ranges.`;
  }
  const literal = ranges.filter((range) => !isToken(range));
  const catchAll = catchAllIn(literal);
  if (catchAll !== undefined) {
    return `${prop} must not contain or add up to a catch-all range; got ${catchAll}. List the specific ranges (office egress, CI runners) that need the API server, or keep the API server private.`;
  }
  for (const range of literal) {
    const isIpv4 = parseIpv4Cidr(range.includes("/") ? range : `${range}/32`) !== undefined;
    const [address, prefix, ...rest] = range.split("/");
    const isIpv6 = isIPv6(address) && rest.length === 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= 128));
    if (!isIpv4 && !isIpv6) {
      return `${prop} entries must be IPv4 addresses or CIDRs with no host bits set, or IPv6 addresses or CIDRs; got '${range}'.`;
    }
  }
  return undefined;
}

/** An integer within an inclusive range. */
export function integerBetween(prop: string, value: number | undefined, min: number, max: number, why: string): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    return `${prop} must be a whole number from ${min} to ${max} (${why}); got ${describe(value)}.`;
  }
  return undefined;
}

/** Autoscaler bounds: min not above max. */
export function minNotAboveMax(minProp: string, min: number | undefined, maxProp: string, max: number | undefined): Verdict {
  if (min === undefined || max === undefined || isToken(min) || isToken(max)) return undefined;
  return min > max ? `${minProp} (${min}) must not be greater than ${maxProp} (${max}). Raise ${maxProp} or lower ${minProp}.` : undefined;
}

/** Availability zones: each of "1", "2", "3", no repeats. */
export function availabilityZones(prop: string, zones: readonly string[]): Verdict {
  if (isToken(zones)) return undefined;
  if (!Array.isArray(zones)) return `${prop} must be a list of zones such as ['1', '2', '3']; got ${describe(zones)}.`;
  const seen = new Set<string>();
  for (const [i, zone] of zones.entries()) {
    if (isToken(zone)) continue;
    if (typeof zone === "number" && [1, 2, 3].includes(zone)) {
      return `${prop}[${i}] must be the string '${zone}', not the number ${zone} (Azure takes zones as strings). Write zones as ['1', '2', '3'].`;
    }
    if (!["1", "2", "3"].includes(zone)) {
      return `${prop} entries must be '1', '2' or '3' (Azure availability zones); got ${describe(zone)}. Pass [] only for a region without zones.`;
    }
    if (seen.has(zone)) return `${prop} lists zone '${zone}' twice.`;
    seen.add(zone);
  }
  return undefined;
}

/** A non-empty list. */
export function nonEmpty(prop: string, values: readonly unknown[], fix: string): Verdict {
  if (isToken(values)) return undefined;
  return values.length === 0 ? `${prop} must not be empty: ${fix}` : undefined;
}

/** A GUID (Entra object ids, tenant ids). */
export function guid(prop: string, value: string | undefined): Verdict {
  return matches(
    prop,
    value,
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    "a GUID such as '00000000-0000-0000-0000-000000000000' (an Entra object or tenant id)",
  );
}

/** Shortest reason the library accepts for an opt-out or acknowledgement: a word is not a reason. */
export const MIN_REASON_LENGTH = 10;

/**
 * A written reason for an opt-out: a string of at least {@link MIN_REASON_LENGTH}
 * characters once trimmed. `what` says what the reason explains ("why purge protection is
 * off"); `alternative` is the other way out. Tokens are accepted: a reason from a variable is the user's to write.
 */
export function reason(prop: string, value: unknown, what: string, alternative?: string): Verdict {
  if (isToken(value)) return undefined;
  const text = typeof value === "string" ? value.trim() : "";
  if (text.length >= MIN_REASON_LENGTH) return undefined;
  return `${prop} must say ${what}, in at least ${MIN_REASON_LENGTH} characters; got ${describe(value)}. Write the reason (it is recorded in the compliance report)${alternative ? `, or ${alternative}` : ""}.`;
}

/** Azure's rule for Key Vault names (also its global DNS label). */
export function keyVaultName(prop: string, value: string | undefined): Verdict {
  return matches(
    prop,
    value,
    /^(?!.*--)[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
    "3-24 letters, digits or hyphens, starting with a letter, ending with a letter or digit, with no two hyphens in a row (Azure's rule for Key Vault names)",
  );
}

/** A value as a message shows it: strings quoted, others as JSON or their type. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing (the prop is missing)";
  if (value === null) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "function") return "a function";
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${Array.isArray(value) ? "an array" : "an object"} (${json.slice(0, 100)}...)` : json;
  } catch {
    return Array.isArray(value) ? "an array" : "an object";
  }
}

/**
 * One of a fixed set of strings: what TypeScript's union types promise, checked for
 * JavaScript callers and casts. `fix` adds what to do beyond picking a listed value.
 */
export function oneOf<T extends string>(prop: string, value: T | undefined, allowed: readonly T[], fix?: string): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if ((allowed as readonly unknown[]).includes(value)) return undefined;
  const near = typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) : undefined;
  return `${prop} must be one of ${allowed.map((a) => `'${a}'`).join(", ")}; got ${describe(value)}.${near ? ` Did you mean '${near}'? Values are case-sensitive.` : ""}${fix ? ` ${fix}` : ""}`;
}

/** The JavaScript types {@link required} can insist on. */
export type RequiredKind = "string" | "number" | "boolean" | "object" | "array" | "function";

/**
 * A required prop is present, not null, and of the expected kind: the check TypeScript does
 * at compile time, for JavaScript callers. Names the prop, not whatever it would break later.
 * A token passes as any kind but object and function.
 */
export function required(prop: string, value: unknown, kind: RequiredKind, example: string): Verdict {
  const ok =
    kind === "array"
      ? Array.isArray(value) || (isToken(value) && typeof value !== "string")
      : kind === "object"
        ? typeof value === "object" && value !== null && !Array.isArray(value)
        : kind === "string"
          ? typeof value === "string" && (value.trim() !== "" || isToken(value))
          : kind === "number"
            ? (typeof value === "number" && !Number.isNaN(value)) || isToken(value)
            : kind === "boolean"
              ? typeof value === "boolean" || isToken(value)
              : typeof value === kind;
  if (ok) return undefined;
  const article = kind === "array" || kind === "object" ? "an" : "a";
  const what = kind === "string" ? "a non-empty string" : `${article} ${kind}`;
  return `${prop} is required and must be ${what}, e.g. ${example}; got ${describe(value)}.`;
}

/**
 * Azure's rule for resource group names: 1-90 letters, digits, underscores, hyphens, periods
 * and parentheses, not ending with a period.
 */
export function resourceGroupName(prop: string, value: string | undefined): Verdict {
  return matches(
    prop,
    value,
    /^[-\p{L}\p{N}_.()]{0,89}[-\p{L}\p{N}_()]$/u,
    "1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period (Azure's rule for resource group names)",
  );
}

/**
 * An Azure location as the provider stores it (`westeurope`) or as the portal shows it
 * (`West Europe`): letters and digits once spaces are removed. The library builds DNS names
 * from it (`privatelink.<location>.azmk8s.io`), so an empty or punctuated value is refused.
 */
export function azureLocation(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value === "string" && /^[a-z][a-z0-9]*[0-9a-z]$/.test(normalizeLocation(value))) return undefined;
  return `${prop} must be an Azure region name such as 'westeurope' (or 'West Europe'); got ${describe(value)}. 'az account list-locations -o table' lists them.`;
}

/** The provider's normal form of a location: lower case, no spaces (`West Europe` → `westeurope`). */
export function normalizeLocation(value: string): string {
  return isToken(value) ? value : value.replace(/\s+/g, "").toLowerCase();
}

/**
 * Azure's rules for tags: at most 50 per resource; names 1-512 characters without `<>%&\?/`
 * (storage accounts allow 128); values up to 256 characters.
 */
export function tags(prop: string, value: Readonly<Record<string, string>> | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${prop} must be an object of tag names to string values, e.g. { environment: 'prod' }; got ${describe(value)}.`;
  }
  const entries = Object.entries(value);
  if (entries.length > 50) return `${prop} has ${entries.length} tags; Azure allows at most 50 per resource.`;
  for (const [name, tagValue] of entries) {
    if (isToken(name)) continue;
    if (name.length === 0 || name.length > 128 || /[<>%&\\?/]/.test(name) || name.trim() !== name) {
      return `${prop} tag name '${name}' must be 1-128 characters (the limit storage accounts set), without < > % & \\ ? / or surrounding spaces (Azure's rule for tag names).`;
    }
    if (isToken(tagValue)) continue;
    if (typeof tagValue !== "string") return `${prop}.${name} must be a string; got ${describe(tagValue)}.`;
    if (tagValue.length > 256) return `${prop}.${name} must be at most 256 characters (Azure's limit for tag values); got ${tagValue.length}.`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Props passed through to a part: its errors named as the caller wrote them.
// ---------------------------------------------------------------------------------------

/**
 * Builds a part from props the caller gave under `prefix` (`cluster`, `key`, ...). The part
 * names its own props (`userPools.batch.vmSize`); the caller wrote them under the outer
 * construct's prop (`cluster.userPools.batch.vmSize`), so a ValidationError about a prop
 * the caller gave is rethrown with the path as written, at `scope`. Errors about what the
 * outer construct derived itself pass unchanged.
 */
export function underProp<T>(scope: IConstruct, prefix: string, given: object | undefined, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ValidationError) || given === undefined || given === null) throw error;
    const keys = Object.entries(given)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    const suffix = error.path === undefined ? "" : ` (at ${error.path})`;
    const message = suffix !== "" && error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
    const own = keys.find((key) => message.startsWith(key) && /^[\s.[:]/.test(message.slice(key.length)));
    if (own === undefined) throw error;
    throw new ValidationError(`${prefix}.${message}`, scope);
  }
}

// --- Placement and list entries, for every construct that takes AzureResourceOptions -------

/**
 * The props of `AzureResourceOptions`, checked for any construct that takes them: the
 * resource group and location present (for JavaScript callers) and valid, the tags within
 * Azure's limits. `prefix` is how the caller wrote the props' parent (e.g. `ingress.`).
 */
export function placementVerdicts(props: { readonly resourceGroupName?: unknown; readonly location?: unknown; readonly tags?: unknown }, prefix = ""): Verdict[] {
  return [
    required(`${prefix}resourceGroupName`, props.resourceGroupName, "string", "'rg-aks-prod'") ??
      resourceGroupName(`${prefix}resourceGroupName`, props.resourceGroupName as string),
    required(`${prefix}location`, props.location, "string", "'westeurope'") ?? azureLocation(`${prefix}location`, props.location as string),
    tags(`${prefix}tags`, props.tags as Record<string, string> | undefined),
  ];
}

/**
 * Every entry of a literal list is a string: a JavaScript caller's `zones: [1, 2]` gets
 * "must be the string '1'", not a message that quotes the number as if it were one.
 */
export function stringEntries(prop: string, values: readonly unknown[] | undefined): Verdict {
  if (values === undefined || isToken(values) || !Array.isArray(values)) return undefined;
  const index = values.findIndex((value) => typeof value !== "string");
  if (index < 0) return undefined;
  const value: unknown = values[index];
  return `${prop}[${index}] must be a string${typeof value === "number" ? ` (write '${value}')` : ""}; got ${describe(value)}.`;
}

/** An optional list prop, when given, is a list (a JavaScript caller may pass one string). */
export function optionalList(prop: string, value: unknown, example: string): Verdict {
  if (value === undefined || Array.isArray(value) || (isToken(value) && typeof value !== "string")) return undefined;
  return `${prop} must be an array when given, e.g. ${example}; got ${describe(value)}.`;
}

/**
 * An optional prop, when given, is of its kind: {@link required}'s check for a prop that may
 * be left out, worded so (a token passes as any kind but object and function).
 */
export function optionalOfKind(prop: string, value: unknown, kind: RequiredKind, example: string): Verdict {
  if (value === undefined) return undefined;
  const verdict = required(prop, value, kind, example);
  return verdict && verdict.replace(`${prop} is required and must be `, `${prop} must be `).replace(", e.g. ", " when given, e.g. ");
}
