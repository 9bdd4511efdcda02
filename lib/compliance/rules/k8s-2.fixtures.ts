import { DEFAULTS, ORDERS_NAMESPACE, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const NAMESPACE = "kubernetes_namespace_v1.orders";
const policy = (spec: JsonObject, namespace = "orders") => ({ metadata: { name: "p", namespace }, spec });
const denyAll = policy({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
const dns = policy({
  pod_selector: {},
  policy_types: ["Egress"],
  egress: [
    {
      to: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } }, pod_selector: { match_labels: { "k8s-app": "kube-dns" } } }],
      ports: [{ port: "53", protocol: "UDP" }],
    },
  ],
});
const withPolicies = (policies: Record<string, JsonObject>) => stackOf({ kubernetes_namespace_v1: ORDERS_NAMESPACE, kubernetes_network_policy_v1: policies });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a default deny and DNS to kube-dns", stack: withPolicies({ deny: denyAll, dns }) },
    { name: "policies found by a reference to the namespace as well as by its name", stack: withPolicies({ deny: { ...denyAll, metadata: { name: "deny", namespace: "${kubernetes_namespace_v1.orders.metadata.0.name}" } }, dns }) },
    {
      name: "the default deny split over two policies",
      stack: withPolicies({ ingress: policy({ pod_selector: {}, policy_types: ["Ingress"] }), egress: policy({ pod_selector: {}, policy_types: ["Egress"] }), dns }),
    },
    { name: "nothing to check in namespaces the stack does not create", stack: stackOf({ kubernetes_network_policy_v1: { p: policy({ pod_selector: {} }, "kube-system") } }), checks: [] },
  ],
  failing: [
    {
      name: "override the DNS policy's port",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_network_policy_v1", "Orders_AllowDns").override("spec.egress.0.ports", undefined) },
      failures: [
        { address: DEFAULTS.namespace, problems: [/no network policy in namespace 'orders' allows egress to kube-dns \(pods labelled k8s-app=kube-dns in kube-system\) on port 53 UDP/] },
      ],
    },
    {
      name: "override the default deny to ingress only",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_network_policy_v1", "Orders_DefaultDenyAll").override("spec.policy_types.1", "Ingress") },
      failures: [{ address: DEFAULTS.namespace, problems: [/^no network policy in namespace 'orders' denies all egress/] }],
      alsoFails: ["K8S-3"],
    },
    {
      name: "a deny that selects only some pods does not count",
      stack: withPolicies({ partial: policy({ pod_selector: { match_labels: { app: "web" } }, policy_types: ["Ingress", "Egress"] }), dns }),
      failures: [{ address: NAMESPACE, problems: [/denies all ingress/, /denies all egress/] }],
    },
  ],
};
