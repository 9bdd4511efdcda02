// Validation rules for the in-cluster constructs. Pure; each returns undefined when the
// value is fine, or a message that names the prop, the value, the rule and the fix.
// Unresolved tokens are never checked. Not part of the public API.
import { catchAllIn, contains, containsAddress, isCatchAll, parseIpv4Address, parseIpv4Cidr, portsCoverAll } from "../private/cidr";
import { describe, guid, isToken, reason, required, type Verdict } from "../private/validate";
export { keyVaultName } from "../private/validate";
import { parseQuantity } from "../private/quantity";
import {
  INSTANCE_METADATA_ADDRESS as METADATA_ADDRESS,
  INSTANCE_METADATA_CIDR,
  RESERVED_NAMESPACES,
  RESERVED_NAMESPACE_PREFIX,
  isReservedNamespace,
} from "../facts";

export { INSTANCE_METADATA_CIDR } from "../facts";
const INSTANCE_METADATA_ADDRESS = parseIpv4Address(METADATA_ADDRESS) as number;

export { RESERVED_NAMESPACES } from "../facts";

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const PORT_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9](?:-?[a-z0-9])*$/;

/** A DNS-1123 label: what Kubernetes requires of namespace and most object names. */
export function dns1123Label(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  return DNS1123_LABEL.test(value)
    ? undefined
    : `${prop} must be a DNS-1123 label: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit; got '${value}'.`;
}

/** A namespace the library may create: a DNS-1123 label the platform does not own. */
export function namespaceName(prop: string, value: string): Verdict {
  const label = dns1123Label(prop, value);
  if (label !== undefined || isToken(value)) return label;
  return platformNamespace(prop, value, "Pick a name for your team or application, e.g. 'team-payments'.");
}

/**
 * Refuses a namespace the platform owns, for anything that grants or creates in it: `admin`
 * in `kube-system` is cluster admin (its service accounts run the add-ons), so namespace
 * roles are for the teams' namespaces only.
 */
export function platformNamespace(prop: string, value: string, fix: string): Verdict {
  if (isToken(value) || typeof value !== "string" || !isReservedNamespace(value)) return undefined;
  return `${prop} must not be a namespace the platform owns (${RESERVED_NAMESPACES.join(", ")}, or any name starting with '${RESERVED_NAMESPACE_PREFIX}'); got '${value}'. ${fix}`;
}

/**
 * What is wrong with a label or annotation key, by Kubernetes' qualified-name rule: an
 * optional DNS-1123 subdomain prefix (at most 253 characters) and '/', then a name of 1-63
 * letters, digits, '-', '_' or '.', starting and ending with a letter or digit.
 */
function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !DNS1123_SUBDOMAIN.test(prefix)) {
    return `its prefix '${prefix}' is not a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)`;
  }
  if (name.length === 0) return "its name (after the prefix) is empty";
  if (name.length > 63) return `its name has ${name.length} characters; at most 63 are allowed`;
  if (!LABEL_NAME.test(name)) {
    return `its name '${name}' must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit (one '/' at most, after the prefix)`;
  }
  return undefined;
}

const KEY_RULE =
  "A key is an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, e.g. 'app.kubernetes.io/name'.";

/** Kubernetes label keys and values (also used for selectors). */
export function labels(prop: string, value: Readonly<Record<string, string>> | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${prop} must be an object of label keys to string values, e.g. { team: 'payments' }; got ${describe(value)}.`;
  }
  for (const [key, labelValue] of Object.entries(value)) {
    if (!isToken(key)) {
      const problem = qualifiedNameProblem(key);
      if (problem) return `${prop} has an invalid label key '${key}': ${problem}. ${KEY_RULE}`;
    }
    if (isToken(labelValue)) continue;
    if (typeof labelValue !== "string") {
      return `${prop}['${key}'] must be a string (label values are text: write '${String(labelValue)}' in quotes); got ${describe(labelValue)}.`;
    }
    if (!LABEL_VALUE.test(labelValue)) {
      return `${prop} has an invalid value '${labelValue}' for label '${key}': a value is empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit. Put longer or free-form text in an annotation.`;
    }
  }
  return undefined;
}

/** Kubernetes' limit on the total size of an object's annotations, keys and values together. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/**
 * Kubernetes annotations: keys follow the label key rule; values are any text; keys and
 * values together at most 256 KiB (the API server refuses more). Token keys and values are
 * neither checked nor counted.
 */
export function annotations(prop: string, value: Readonly<Record<string, string>> | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${prop} must be an object of annotation keys to string values, e.g. { 'example.com/owner': 'team-payments' }; got ${describe(value)}.`;
  }
  let bytes = 0;
  for (const [key, annotationValue] of Object.entries(value)) {
    if (!isToken(key)) {
      const problem = qualifiedNameProblem(key);
      if (problem) return `${prop} has an invalid annotation key '${key}': ${problem}. ${KEY_RULE}`;
      bytes += Buffer.byteLength(key, "utf8");
    }
    if (isToken(annotationValue)) continue;
    if (typeof annotationValue !== "string") {
      return `${prop}['${key}'] must be a string (annotation values are text); got ${describe(annotationValue)}.`;
    }
    bytes += Buffer.byteLength(annotationValue, "utf8");
  }
  return bytes > ANNOTATIONS_MAX_BYTES
    ? `${prop} total ${bytes} bytes (keys and values together); Kubernetes allows at most ${ANNOTATIONS_MAX_BYTES} (256 KiB). Keep large data in a ConfigMap or Key Vault and annotate a reference to it.`
    : undefined;
}

/** A Kubernetes quantity such as '500m', '1', '256Mi' or '2Gi', not negative. */
export function quantity(prop: string, value: string | undefined, example: string): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  const parsed = parseQuantity(value);
  if (parsed === undefined) {
    return `${prop} must be a Kubernetes quantity (a number with an optional suffix m, k, M, G, T, Ki, Mi, Gi, Ti or an exponent), e.g. '${example}'; got '${value}'.`;
  }
  if (parsed < 0) return `${prop} must not be negative; got '${value}'.`;
  return undefined;
}

/** A request not above its limit (both quantities; unchecked when either is not one). */
export function requestNotAboveLimit(
  requestProp: string,
  request: string | undefined,
  limitProp: string,
  limit: string | undefined,
): Verdict {
  if (request === undefined || limit === undefined || isToken(request) || isToken(limit)) return undefined;
  const r = parseQuantity(request);
  const l = parseQuantity(limit);
  if (r === undefined || l === undefined) return undefined;
  return r > l
    ? `${requestProp} ('${request}') must not be greater than ${limitProp} ('${limit}'). Lower the request or raise the limit.`
    : undefined;
}

/** A whole number from min up. */
export function count(prop: string, value: number | undefined, min: number): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  return Number.isInteger(value) && value >= min ? undefined : `${prop} must be a whole number of at least ${min}; got ${value}.`;
}

/** Pod Security Standards version: 'latest' or 'v1.<minor>'. */
export function podSecurityVersion(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  return value === "latest" || /^v1\.\d{1,2}$/.test(value)
    ? undefined
    : `${prop} must be 'latest' or the cluster's minor version as 'v1.<minor>' (e.g. 'v1.33'); got '${value}'.`;
}

/** Entra object ids: each a GUID. */
export function objectIds(prop: string, values: readonly string[] | undefined): Verdict {
  if (values === undefined || isToken(values)) return undefined;
  for (const value of values) {
    const verdict = guid(`${prop} entries`, value);
    if (verdict !== undefined) return verdict;
  }
  return undefined;
}

/** A port number (1-65535) or an IANA service name, with an optional range end. */
export function networkPort(prop: string, port: number | string, endPort: number | undefined): Verdict {
  if (isToken(port)) return undefined;
  if (typeof port !== "number" && typeof port !== "string") {
    return `${prop}.port is required and must be a port number from 1 to 65535 or a named port, e.g. { port: 443 }; got ${describe(port)}.`;
  }
  if (typeof port === "number") {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return `${prop} must be a port number from 1 to 65535 or a named port; got ${port}.`;
    }
    if (endPort !== undefined && !isToken(endPort) && (!Number.isInteger(endPort) || endPort < port || endPort > 65535)) {
      return `${prop} has endPort ${endPort}: it must be a whole number from the port (${port}) to 65535.`;
    }
    return undefined;
  }
  if (!PORT_NAME.test(port)) {
    return `${prop} must be a port number from 1 to 65535 or a named port (1-15 lowercase letters, digits and single hyphens, with at least one letter); got '${port}'.`;
  }
  if (endPort !== undefined) return `${prop} can only have an endPort with a numeric port; got the named port '${port}'.`;
  return undefined;
}

/**
 * An egress CIDR allow rule. The rule must name an IPv4 CIDR with no host bits set, each
 * `except` must lie strictly inside it, it must not target the instance metadata endpoint,
 * and when its range contains the metadata address it must exclude it (EGR-3, K8S-3).
 */
export function egressCidr(prop: string, cidr: string, except: readonly string[]): Verdict {
  if (isToken(cidr)) return undefined;
  const block = parseIpv4Cidr(cidr);
  if (!block) return `${prop}.cidr must be an IPv4 CIDR with no host bits set, such as '10.20.0.0/16'; got '${cidr}'.`;
  if (block.prefix === 32 && block.start === INSTANCE_METADATA_ADDRESS) {
    return `${prop}.cidr targets the instance metadata endpoint ${INSTANCE_METADATA_CIDR}: pods must never reach it (EGR-3). Use workload identity to get Azure tokens instead.`;
  }
  const excepts = exceptBlocks(prop, cidr, except);
  if (typeof excepts === "string") return excepts;
  if (containsAddress(block, INSTANCE_METADATA_ADDRESS) && !excepts.some((e) => e !== undefined && containsAddress(e, INSTANCE_METADATA_ADDRESS))) {
    return `${prop} opens egress to '${cidr}', which contains the instance metadata endpoint, without excluding it: add except: ['${INSTANCE_METADATA_CIDR}'] (EGR-3, K8S-3), or use EgressAllow.internet(ports), which does.`;
  }
  return undefined;
}

/** An ingress CIDR allow rule: an IPv4 CIDR, no catch-all, excepts strictly inside. */
export function ingressCidr(prop: string, cidr: string, except: readonly string[]): Verdict {
  if (isToken(cidr)) return undefined;
  if (isCatchAll(cidr)) {
    return `${prop}.cidr must not be a catch-all; got '${cidr}'. Name the sources, e.g. the Application Gateway subnet, or allow a namespace instead (ING-1).`;
  }
  if (!parseIpv4Cidr(cidr)) return `${prop}.cidr must be an IPv4 CIDR with no host bits set, such as '10.240.1.0/24'; got '${cidr}'.`;
  const excepts = exceptBlocks(prop, cidr, except);
  return typeof excepts === "string" ? excepts : undefined;
}

function exceptBlocks(prop: string, cidr: string, except: readonly string[]): string | ReturnType<typeof parseIpv4Cidr>[] {
  const block = parseIpv4Cidr(cidr);
  if (!block || isToken(except)) return [];
  const parsed: ReturnType<typeof parseIpv4Cidr>[] = [];
  for (const entry of except) {
    if (isToken(entry)) continue;
    const inner = parseIpv4Cidr(entry);
    if (!inner) return `${prop}.except entries must be IPv4 CIDRs with no host bits set; got '${entry}'.`;
    if (!contains(block, inner) || inner.prefix <= block.prefix) {
      return `${prop}.except entry '${entry}' must lie strictly inside the rule's cidr '${cidr}' (a Kubernetes rule).`;
    }
    parsed.push(inner);
  }
  return parsed;
}

/** Azure's rule for Key Vault object (secret, key, certificate) names. */
export function keyVaultObjectName(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  return /^[a-zA-Z0-9-]{1,127}$/.test(value)
    ? undefined
    : `${prop} must be a Key Vault object name: 1-127 letters, digits and hyphens; got '${value}'.`;
}

// --- Image references, mounted file names, secret keys, environment variables -------------

/** A path component of a repository: lower-case letters and digits, separated by '.', '_', '__' or dashes. */
const REPOSITORY_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A registry host (DNS name or IPv4) with an optional port, or 'localhost'. */
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i;
const TAG = /^[\w][\w.-]{0,127}$/;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
const IMAGE_GRAMMAR = "[registry/]repository[:tag][@digest], e.g. 'craksprod.azurecr.io/payments/api:1.4.2' or '...@sha256:<64 hex digits>'";

/**
 * An image reference as the container runtime parses it (the distribution reference
 * grammar): an optional registry host, a lower-case repository path, an optional tag of at
 * most 128 word characters, '.' and '-' (not starting with either), an optional
 * `sha256:` digest of 64 hex digits. An upper-case repository, spaces and empty parts are refused: the
 * runtime would refuse them at pull time, after the deployment is applied.
 */
export function imageReference(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  const bad = (why: string) => `${prop} must be an image reference ${IMAGE_GRAMMAR}; got ${describe(value)}: ${why}.`;
  if (value.trim() === "") return bad("it is empty");
  if (/\s/.test(value)) return bad("it contains whitespace");
  const at = value.indexOf("@");
  const nameAndTag = at >= 0 ? value.slice(0, at) : value;
  const digest = at >= 0 ? value.slice(at + 1) : undefined;
  if (digest !== undefined && !SHA256_DIGEST.test(digest)) return bad(`its digest '${digest}' is not 'sha256:' and 64 lower-case hex digits`);
  const lastSlash = nameAndTag.lastIndexOf("/");
  const colon = nameAndTag.indexOf(":", lastSlash + 1);
  const name = colon >= 0 ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = colon >= 0 ? nameAndTag.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) {
    return bad(`its tag '${tag}' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
  }
  if (name.length > 255) return bad(`its name has ${name.length} characters; at most 255 are allowed`);
  const parts = name.split("/");
  // As the runtime reads it: the first part is a registry when it has a '.' or a ':', or is localhost.
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry && !REGISTRY.test(first)) return bad(`its registry '${first}' is not a host name with an optional port`);
  const repository = hasRegistry ? parts.slice(1) : parts;
  const badPart = repository.find((part) => !REPOSITORY_COMPONENT.test(part));
  if (badPart !== undefined) {
    return bad(
      badPart === ""
        ? "its repository has an empty path part (a leading, trailing or doubled '/')"
        : /[A-Z]/.test(badPart)
          ? `its repository part '${badPart}' has upper case; repositories are lower case`
          : `its repository part '${badPart}' must be lower-case letters and digits, separated by '.', '_', '__' or '-'`,
    );
  }
  return undefined;
}

/**
 * A file name in a mounted volume (a Key Vault object's alias, or its name when it has no
 * alias): the Secrets Store CSI driver writes the object to `<mount>/<name>`, so a '/', a
 * '\' or a '.'/'..' name would write outside the file it should, or over another one.
 */
export function mountedFileName(prop: string, value: string | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  const bad = (why: string) =>
    `${prop} becomes a file name in the mounted volume and must be a plain file name, e.g. 'db-password'; got ${describe(value)}: ${why}.`;
  if (typeof value !== "string" || value.trim() === "") return bad("it is empty");
  if (value.includes("/") || value.includes("\\")) return bad("it contains a path separator (an absolute path or a path into a directory)");
  if (value === "." || value === "..") return bad("it names the mount directory or its parent");
  if (value.length > 255) return bad(`it has ${value.length} characters; file names are at most 255`);
  if (/[\0\n\r]/.test(value)) return bad("it contains a control character");
  return undefined;
}

/** A key of a Secret's data (or a ConfigMap's): letters, digits, '-', '_' and '.', at most 253. */
export function secretDataKey(prop: string, value: string): Verdict {
  if (isToken(value)) return undefined;
  if (typeof value === "string" && /^[-._a-zA-Z0-9]{1,253}$/.test(value) && value !== "." && value !== "..") return undefined;
  return `${prop} must be a Secret data key: 1-253 letters, digits, '-', '_' or '.' (not '.' or '..'), e.g. 'tls.crt'; got ${describe(value)}.`;
}

/** Environment variable names as Kubernetes accepts them: printable ASCII other than '='. */
export function envVarNames(prop: string, value: Readonly<Record<string, string>> | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${prop} must be an object of variable names to string values, e.g. { LOG_LEVEL: 'info' }; got ${describe(value)}.`;
  }
  for (const [name, envValue] of Object.entries(value)) {
    // Kubernetes accepts any printable ASCII but '=' since 1.34 (RelaxedEnvironmentVariableValidation,
    // on by default from 1.32), which every AKS version UPG-4 accepts has.
    if (!isToken(name) && !/^[\x20-\x3c\x3e-\x7e]+$/.test(name)) {
      return `${prop} has an invalid variable name ${describe(name)}: a name is one or more printable ASCII characters other than '=', e.g. 'LOG_LEVEL'.`;
    }
    if (!isToken(envValue) && typeof envValue !== "string") {
      return `${prop}.${name} must be a string (write ${describe(String(envValue))}); got ${describe(envValue)}.`;
    }
  }
  return undefined;
}

// --- Network rules taken together -------------------------------------------------------------

/**
 * Ingress CIDR rules whose ranges add up to every address: each part passes on its own, and
 * together they open the namespace to the internet (ING-1: ingress comes through the
 * Application Gateway). Ranges that are tokens, or do not parse, are left to their own rule.
 */
export function ingressUnion(prop: string, cidrs: ReadonlyArray<{ readonly prop: string; readonly cidr: string }>): Verdict {
  const literal = cidrs.filter((c) => !isToken(c.cidr) && typeof c.cidr === "string");
  const catchAll = catchAllIn(literal.map((c) => c.cidr));
  if (catchAll === undefined) return undefined;
  return `${prop} must not add up to a catch-all: the CIDR rules ${literal.map((c) => c.prop).join(", ")} together cover ${catchAll}. Name the sources (e.g. the Application Gateway subnet), or allow a namespace instead (ING-1).`;
}

/**
 * A CIDR rule's ports that, per protocol, together cover every port 1-65535 (one wide range
 * or several adjacent ones): the same as opening the range on every port, which a CIDR
 * rule never does. Named ports and tokens are not counted.
 */
export function portsNotAll(prop: string, ports: ReadonlyArray<{ readonly port: number | string; readonly endPort?: number; readonly protocol?: string }>): Verdict {
  if (isToken(ports)) return undefined;
  const byProtocol = new Map<string, string[]>();
  for (const p of ports) {
    if (isToken(p.port) || typeof p.port !== "number" || isToken(p.endPort)) continue;
    const protocol = p.protocol ?? "TCP";
    const list = byProtocol.get(protocol) ?? [];
    list.push(p.endPort !== undefined ? `${p.port}-${p.endPort}` : String(p.port));
    byProtocol.set(protocol, list);
  }
  for (const [protocol, list] of byProtocol) {
    if (portsCoverAll(list)) {
      return `${prop}.ports must not cover every ${protocol} port; got ${list.map((p) => `'${p}'`).join(" + ")} (together 1-65535). A CIDR rule opens the ports the traffic uses, e.g. [{ port: 443 }].`;
    }
  }
  return undefined;
}

// --- Service quota opt-outs ----------------------------------------------------------------------

/**
 * A quota's LoadBalancer or NodePort allowance: 0 (the default), or `{ count, reason }` with
 * a count of at least 1 and a written reason (those services bypass the Application
 * Gateway's WAF, ING-1). A bare number above 0 is refused so the opt-out is never silent; a
 * number token is left alone (its value is Terraform's).
 */
export function serviceAllowance(prop: string, value: unknown, kind: string): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  if (typeof value === "number") {
    if (value === 0) return undefined;
    return `${prop} must be 0 or { count, reason }: ${kind} services bypass the Application Gateway's WAF (ING-1), so allowing them is an opt-out with a written reason; got ${describe(value)}. Write ${prop}: { count: ${Number.isInteger(value) && value > 0 ? value : 1}, reason: '<why this namespace needs them>' }, or keep 0 and publish through the ingress.`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${prop} must be 0 or { count, reason }; got ${describe(value)}.`;
  }
  const allowance = value as { count?: unknown; reason?: unknown };
  const countValue = allowance.count;
  if (!isToken(countValue) && (typeof countValue !== "number" || !Number.isInteger(countValue) || countValue < 1)) {
    return `${prop}.count must be a whole number of at least 1 (for none, set ${prop} to 0); got ${describe(countValue)}.`;
  }
  return reason(`${prop}.reason`, allowance.reason, `why this namespace needs ${kind} services that bypass the WAF`, `keep ${prop} at 0`);
}

// --- Required props ------------------------------------------------------------------------------

/**
 * A namespace reference is given: a namespace's name, or a construct with a
 * `namespaceName` (a `SecureNamespace`). Checked before anything resolves it.
 */
export function namespaceRef(prop: string, value: unknown): Verdict {
  if (typeof value === "string") return required(prop, value, "string", "'payments' or a SecureNamespace");
  const name = typeof value === "object" && value !== null ? (value as { namespaceName?: unknown }).namespaceName : undefined;
  if (typeof name === "string" && Array.isArray((value as { namespaceDependables?: unknown }).namespaceDependables)) return undefined;
  return `${prop} is required and must be a namespace's name or a SecureNamespace, e.g. 'payments'; got ${describe(value)}.`;
}
