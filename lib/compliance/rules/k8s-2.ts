import type { ComplianceRule } from "../rule";
import { CLUSTER_DNS, DNS_PORT, NAMESPACE_NAME_LABEL } from "../../facts";
import { NAMESPACES, NETWORK_POLICIES, deniesAll, inNamespace, metadataOf, selectsAll, specOf } from "../kubernetes-json";
import { block, blocks, isObject, problems, show, type JsonObject } from "../terraform-json";

/** K8S-2: default deny for ingress and egress, DNS allowed explicitly. */
export const K8S_2: ComplianceRule = {
  id: "K8S-2",
  name: "DefaultDenyNetworkPolicies",
  title: "Every namespace the stack creates denies all ingress and egress by default, and allows DNS to kube-dns explicitly",
  description:
    "Without a default deny, every pod accepts traffic from every other pod in the cluster and reaches any destination: one compromised pod can probe and attack everything. Allow rules then open only the paths the workload needs; DNS to kube-dns on port 53 is the one every pod needs.",
  severity: "medium",
  fix: "Use SecureNamespace (default-deny-all and allow-dns policies), and open traffic with allowIngressFrom and allowEgressTo. In Terraform: a kubernetes_network_policy_v1 in the namespace with pod_selector {} and policy_types [\"Ingress\", \"Egress\"] and no rules, and one allowing egress to pods labelled k8s-app=kube-dns in kube-system on port 53 (UDP, and TCP).",
  seeds: ["003"],
  mappings: {},
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
