// Verdicts on Cilium FQDN egress rules (`EgressAllow.fqdns`): small pure functions, tested
// directly. The names share the firewall's vocabulary (`allowedFqdn`: a valid name, at
// most one leading `*.`, no wildcard over a public suffix); what is Cilium's own is here.
import { allowedFqdn } from "../egress/egress-rules";
import { describe, isToken, type Verdict } from "../private/validate";

/** Dotted-quad IPv4, or anything with a colon (IPv6): an address, not a name. */
const ADDRESS = /^(?:\d{1,3}\.){3}\d{1,3}(?:\/\d+)?$|:/;

/**
 * One name of an FQDN rule. Tokens are not checked (the name is known only when Terraform
 * runs). Cluster-internal names are refused: Cilium's `toFQDNs` does not select in-cluster
 * services (Microsoft's ACNS FQDN filtering: "Kubernetes service names aren't supported"),
 * and a rule naming one would silently allow nothing.
 */
export function fqdnEgressName(prop: string, fqdn: unknown): Verdict {
  if (isToken(fqdn)) return undefined;
  if (typeof fqdn !== "string" || fqdn.trim() === "") {
    return `${prop} must be a fully qualified domain name such as 'api.example.com'; got ${describe(fqdn)}.`;
  }
  const name = fqdn.trim().toLowerCase().replace(/\.$/, "");
  const withPort = /^([a-z0-9*][a-z0-9.*-]*):(\d+)$/.exec(name);
  if (withPort && !/^(?:\d{1,3}\.){3}\d{1,3}$/.test(withPort[1])) {
    return `${prop} must be a domain name without a port; got '${fqdn}'. Write '${withPort[1]}' and give the port in the rule's ports, e.g. EgressAllow.fqdns(['${withPort[1]}'], [{ port: ${withPort[2]} }]).`;
  }
  if (ADDRESS.test(name)) {
    return `${prop} must be a domain name, not an address; got '${fqdn}'. Open an address range with EgressAllow.toCidr('${name.includes("/") ? name : `${name}/32`}', ports) instead.`;
  }
  if (name === "cluster.local" || name.endsWith(".cluster.local") || name.endsWith(".svc")) {
    return `${prop} must be a name outside the cluster; got '${fqdn}', a cluster-internal name, which Cilium FQDN policies do not select. Allow the pods of its namespace with EgressAllow.toNamespace('<namespace>', { ports }) instead.`;
  }
  // A trailing dot (the DNS root) is a valid way to write a name; the checks read it without.
  return allowedFqdn(prop, fqdn.trim().replace(/\.$/, ""));
}

/** The names of an FQDN rule: a list written in the code, at least one, each a valid name. */
export function fqdnEgressNames(prop: string, fqdns: unknown): Verdict[] {
  if (isToken(fqdns)) return [];
  if (!Array.isArray(fqdns)) return [`${prop} must be a list of domain names, e.g. ['api.github.com']; got ${describe(fqdns)}.`];
  if (fqdns.length === 0) return [`${prop} must list at least one domain name: an FQDN rule with none allows nothing. Name the hosts, e.g. ['api.github.com'], or remove the rule.`];
  return fqdns.map((fqdn, i) => fqdnEgressName(`${prop}[${i}]`, fqdn));
}

/**
 * A port of an FQDN rule is a number: the destination is outside the cluster, so it has no
 * named container ports Cilium could look up.
 */
export function fqdnEgressPort(prop: string, port: unknown): Verdict {
  if (isToken(port) || typeof port !== "string") return undefined;
  return `${prop} must be a port number for an FQDN rule; got '${port}', a named port, which only a pod in the cluster has. Give the number, e.g. 443.`;
}
