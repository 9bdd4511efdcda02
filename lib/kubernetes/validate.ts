// Validation rules for the in-cluster constructs. Pure; each returns undefined when the
// value is fine, or a message that names the prop, the value, the rule and the fix.
// Unresolved tokens are never checked. Not part of the public API.
import { contains, containsAddress, isCatchAll, parseIpv4Address, parseIpv4Cidr } from "../private/cidr";
import { guid, isToken, type Verdict } from "../private/validate";
export { keyVaultName } from "../private/validate";
import { parseQuantity } from "./quantity";
import { INSTANCE_METADATA_ADDRESS as METADATA_ADDRESS, INSTANCE_METADATA_CIDR } from "../facts";

export { INSTANCE_METADATA_CIDR } from "../facts";
const INSTANCE_METADATA_ADDRESS = parseIpv4Address(METADATA_ADDRESS) as number;

/**
 * Namespaces the platform owns: Kubernetes itself, AKS and its add-ons and extensions.
 * The library never creates, labels or locks down these; a `SecureNamespace` named like one
 * of them is rejected. Names starting with `kube-` are reserved by Kubernetes as well.
 */
export const RESERVED_NAMESPACES: readonly string[] = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "gatekeeper-system",
  "calico-system",
  "calico-apiserver",
  "tigera-operator",
  "app-routing-system",
  "azure-arc",
  "azure-extensions-usage-system",
  "aks-command",
  "aks-istio-system",
  "aks-istio-ingress",
  "aks-istio-egress",
  "dataprotection-microsoft",
  "flux-system",
];

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
  if (RESERVED_NAMESPACES.includes(value) || value.startsWith("kube-")) {
    return `${prop} must not be a namespace the platform owns (${RESERVED_NAMESPACES.join(", ")}, or any name starting with 'kube-'); got '${value}'. Pick a name for your team or application, e.g. 'team-payments'.`;
  }
  return undefined;
}

/** Kubernetes label keys and values (also used for selectors). */
export function labels(prop: string, value: Readonly<Record<string, string>> | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  for (const [key, labelValue] of Object.entries(value)) {
    if (!isToken(key)) {
      const slash = key.lastIndexOf("/");
      const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
      const name = slash >= 0 ? key.slice(slash + 1) : key;
      if ((prefix !== undefined && !DNS1123_SUBDOMAIN.test(prefix)) || !LABEL_NAME.test(name)) {
        return `${prop} has an invalid label key '${key}': a key is an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`;
      }
    }
    if (!isToken(labelValue) && !LABEL_VALUE.test(labelValue)) {
      return `${prop} has an invalid value '${labelValue}' for label '${key}': a value is at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`;
    }
  }
  return undefined;
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
