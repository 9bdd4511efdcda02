import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CILIUM_NETWORK_POLICY, CLUSTER_DNS, DNS_PORT, NAMESPACE_NAME_LABEL } from "../../facts";
import { NAMESPACES, NETWORK_POLICIES, deniesAll, inNamespace, manifestOfKind, manifestsInNamespace, metadataOf, selectsAll, specOf } from "../kubernetes-json";
import { block, blocks, isExpression, isObject, problems, show, type JsonObject, type TerraformResource } from "../terraform-json";
import { catchAllIn, portsCoverAll } from "../../private/cidr";
import { wildcardPublicSuffix } from "../../private/domains";

/** K8S-2: default deny for ingress and egress, DNS allowed explicitly. */
export const K8S_2: ComplianceRule = {
  id: "K8S-2",
  name: "DefaultDenyNetworkPolicies",
  title: "Every namespace the stack creates denies all ingress and egress by default, allows DNS to kube-dns explicitly, and opens no address range on every port nor ingress from every address, nor egress to every domain",
  description:
    "Without a default deny, every pod accepts traffic from every other pod in the cluster and reaches any destination: one compromised pod can probe and attack everything. Allow rules then open only the paths the workload needs; DNS to kube-dns on port 53 is the one every pod needs. An ip_block rule that opens every port (no ports, or ranges that add up to 1-65535), or ingress ip_blocks that together cover every address (a catch-all split in parts), undoes the deny without saying so. So does a CiliumNetworkPolicy whose toFQDNs rule is a catch-all (matchPattern '*', or a wildcard over a public suffix such as '*.com'), or opens its names on every port (no toPorts): FQDN egress exists to narrow a namespace below the cluster's firewall.",
  severity: "medium",
  fix: "Use SecureNamespace (default-deny-all and allow-dns policies), and open traffic with allowIngressFrom and allowEgressTo. In Terraform: a kubernetes_network_policy_v1 in the namespace with pod_selector {} and policy_types [\"Ingress\", \"Egress\"] and no rules, and one allowing egress to pods labelled k8s-app=kube-dns in kube-system on port 53 (UDP, and TCP); ip_block rules list the ports they need, and ingress ip_blocks name the sources (e.g. the Application Gateway subnet), never every address. FQDN egress: EgressAllow.fqdns(['api.example.com'], [{ port: 443 }]); in a CiliumNetworkPolicy, toFQDNs name the hosts (matchName) or one domain's subdomains (matchPattern '*.example.com'), with toPorts.",
  references: [R.k8sNetworkPolicies, R.aksNetworkPolicyBestPractices],
  mappings: { cisAks: ["4.4.2"] },
  resourceTypes: NAMESPACES,
  check: (namespace, stack) => {
    const policies = inNamespace(stack, NETWORK_POLICIES, namespace);
    const name = show(metadataOf(namespace.config).name);
    return problems(
      policies.some((p) => deniesAll(p, "ingress")) ? undefined : `no network policy in namespace ${name} denies all ingress (empty pod_selector, policy_types Ingress, no ingress rules)`,
      policies.some((p) => deniesAll(p, "egress")) ? undefined : `no network policy in namespace ${name} denies all egress (empty pod_selector, policy_types Egress, no egress rules)`,
      policies.some((p) => blocks(specOf(p.config).egress).some(allowsDns))
        ? undefined
        : `no network policy in namespace ${name} allows egress to kube-dns (pods labelled k8s-app=kube-dns in kube-system) on port 53 UDP: with the default deny, pods cannot resolve names`,
      ...policies.flatMap(everyPortToRange),
      ingressCatchAll(policies, name),
      ...manifestsInNamespace(stack, namespace, CILIUM_NETWORK_POLICY.kind).flatMap(fqdnCatchAlls),
    );
  },
};

/** Whether an egress rule allows UDP port 53 to the cluster's DNS pods. */
function allowsDns(rule: JsonObject): boolean {
  const dnsPort = blocks(rule.ports).some((port) => String(port.port) === String(DNS_PORT) && typeof port.protocol === "string" && port.protocol.toUpperCase() === "UDP");
  const toKubeDns = blocks(rule.to).some((peer) => {
    const pods = block(peer, "pod_selector");
    const labels = pods && isObject(pods.match_labels) ? pods.match_labels : {};
    const namespaces = block(peer, "namespace_selector");
    const namespaceLabels = namespaces && isObject(namespaces.match_labels) ? namespaces.match_labels : {};
    return (
      Object.entries(CLUSTER_DNS.podLabels).every(([key, value]) => labels[key] === value) &&
      namespaces !== undefined &&
      (selectsAll(namespaces) || namespaceLabels[NAMESPACE_NAME_LABEL] === CLUSTER_DNS.namespace)
    );
  });
  return dnsPort && toKubeDns;
}

/** The ip_block rules of a policy that open their range on every port. */
function everyPortToRange(policy: TerraformResource): string[] {
  const spec = specOf(policy.config);
  const name = show(metadataOf(policy.config).name ?? policy.name);
  return (["ingress", "egress"] as const).flatMap((direction) =>
    blocks(spec[direction]).flatMap((rule, i) => {
      const peers = blocks(direction === "ingress" ? rule.from : rule.to).map((peer) => block(peer, "ip_block")).filter((b) => b !== undefined);
      // A port list known only when Terraform runs is not judged here (the construct refuses one on a CIDR rule).
      if (peers.length === 0 || isExpression(rule.ports)) return [];
      const ports = blocks(rule.ports);
      const cidrs = peers.map((b) => show(b.cidr)).join(", ");
      if (ports.length === 0) return [`${direction} rule ${i} of network policy ${name} opens the ip_block ${cidrs} on every port (it lists no ports)`];
      const all = allPortsProtocol(ports);
      return all ? [`${direction} rule ${i} of network policy ${name} opens the ip_block ${cidrs} on every ${all} port (its ports add up to 1-65535)`] : [];
    }),
  );
}

/** The protocol whose ports, in a rule's port list, add up to every port. Expressions and named ports are left out. */
function allPortsProtocol(ports: readonly JsonObject[]): string | undefined {
  const byProtocol = new Map<string, string[]>();
  for (const port of ports) {
    if (isExpression(port.port) || isExpression(port.end_port) || port.port === undefined) continue;
    const protocol = typeof port.protocol === "string" ? port.protocol.toUpperCase() : "TCP";
    const spec = port.end_port !== undefined && port.end_port !== null ? `${String(port.port)}-${String(port.end_port)}` : String(port.port);
    byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), spec]);
  }
  return [...byProtocol].find(([, specs]) => portsCoverAll(specs))?.[0];
}

/** Ingress ip_blocks of the namespace's policies that, taken together, cover every address. */
function ingressCatchAll(policies: readonly TerraformResource[], namespace: string): string | undefined {
  const cidrs = policies.flatMap((policy) =>
    blocks(specOf(policy.config).ingress).flatMap((rule) =>
      blocks(rule.from)
        .map((peer) => block(peer, "ip_block")?.cidr)
        .filter((cidr): cidr is string => typeof cidr === "string" && !isExpression(cidr)),
    ),
  );
  const catchAll = catchAllIn(cidrs);
  return catchAll === undefined
    ? undefined
    : `the network policies of namespace ${namespace} allow ingress from every address: their ip_blocks ${catchAll}; name the sources (e.g. the Application Gateway subnet) instead`;
}

/**
 * The toFQDNs egress rules of a CiliumNetworkPolicy that allow every domain, every domain
 * under a public suffix, or their names on every port. Cilium's `*` in a pattern matches
 * within labels and `**.` across them: either over a public suffix reaches domains anyone
 * can register. Patterns known only when Terraform runs are not judged.
 */
function fqdnCatchAlls(resource: TerraformResource): string[] {
  const manifest = manifestOfKind(resource, CILIUM_NETWORK_POLICY.kind) ?? {};
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const name = show(metadata.name ?? resource.name);
  // A policy may carry one spec or a list of them (`specs`).
  const specs = [...blocks(manifest.spec), ...blocks(manifest.specs)];
  return specs.flatMap((spec) =>
    blocks(spec.egress).flatMap((rule, i) => {
      const selectors = blocks(rule.toFQDNs);
      if (selectors.length === 0) return [];
      const found: string[] = [];
      for (const selector of selectors) {
        const pattern = selector.matchPattern;
        if (typeof pattern !== "string" || isExpression(pattern)) continue;
        const reach = patternReach(pattern);
        if (reach !== undefined) found.push(`egress rule ${i} of CiliumNetworkPolicy ${name} allows ${reach}: toFQDNs matchPattern ${show(pattern)}; name the hosts (matchName) or one domain's subdomains ('*.example.com') instead`);
      }
      if (!isExpression(rule.toPorts) && blocks(rule.toPorts).flatMap((p) => blocks(p.ports)).length === 0) {
        found.push(`egress rule ${i} of CiliumNetworkPolicy ${name} opens its toFQDNs on every port (it lists no toPorts ports)`);
      }
      return found;
    }),
  );
}

/**
 * What a toFQDNs pattern reaches, when it is a catch-all: every domain, or every domain under
 * a public suffix. A `*` anywhere in a label (`a*.com`, `*github.com`, `api.*.com`) opens that
 * label and everything left of it, so what is fixed is the labels right of the last one with
 * a `*`; when those are a public suffix, the pattern reaches names anyone can register.
 */
function patternReach(pattern: string): string | undefined {
  const labels = pattern.trim().toLowerCase().replace(/\.$/, "").split(".");
  const lastWild = labels.map((label) => label.includes("*")).lastIndexOf(true);
  if (lastWild < 0) return undefined;
  const fixed = labels.slice(lastWild + 1).join(".");
  if (fixed === "") return "every domain";
  const suffix = wildcardPublicSuffix(`*.${fixed}`);
  return suffix === undefined ? undefined : `every domain anyone can register under '${suffix}' (a public suffix)`;
}
