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
const fromCidrs = (cidrs: readonly string[], ports: readonly JsonObject[] = [{ port: "443", protocol: "TCP" }]) =>
  policy({ pod_selector: {}, policy_types: ["Ingress"], ingress: [{ from: cidrs.map((cidr) => ({ ip_block: { cidr } })), ports }] });
const toCidr = (cidr: string, ports?: readonly JsonObject[]) => policy({ pod_selector: {}, policy_types: ["Egress"], egress: [{ to: [{ ip_block: { cidr } }], ports }] });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a default deny and DNS to kube-dns", stack: withPolicies({ deny: denyAll, dns }) },
    { name: "policies found by a reference to the namespace as well as by its name", stack: withPolicies({ deny: { ...denyAll, metadata: { name: "deny", namespace: "${kubernetes_namespace_v1.orders.metadata.0.name}" } }, dns }) },
    {
      name: "the default deny split over two policies",
      stack: withPolicies({ ingress: policy({ pod_selector: {}, policy_types: ["Ingress"] }), egress: policy({ pod_selector: {}, policy_types: ["Egress"] }), dns }),
    },
    { name: "ingress ip_blocks that leave part of the address space out", stack: withPolicies({ deny: denyAll, dns, web: fromCidrs(["0.0.0.0/1", "128.0.0.0/2"]) }) },
    {
      name: "ip_block ports that leave one port out, or whose ranges are known only when Terraform runs",
      stack: withPolicies({
        deny: denyAll,
        dns,
        out: toCidr("10.0.0.0/8", [{ port: "1", end_port: 442 }, { port: "444", end_port: 65535 }]),
        later: toCidr("10.1.0.0/16", [{ port: "1", end_port: "${var.last_port}" }]),
      }),
    },
    { name: "nothing to check in namespaces the stack does not create", stack: stackOf({ kubernetes_network_policy_v1: { p: policy({ pod_selector: {} }, "kube-system") } }), checks: [] },
  ],
  failing: [
    {
      name: "override the internet egress rule to every port",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_network_policy_v1", "Orders_AllowEgress").override("spec.egress.0.ports", undefined) },
      failures: [{ address: DEFAULTS.namespace, problems: ["egress rule 0 of network policy 'allow-egress' opens the ip_block '0.0.0.0/0' on every port (it lists no ports)"] }],
    },
    {
      name: "an ingress catch-all split in two policies (escape hatch)",
      stack: {
        defaults: "in-cluster",
        change: (s) => {
          for (const [id, cidr] of [["Low", "0.0.0.0/1"], ["High", "128.0.0.0/1"]]) {
            s.add("kubernetes_network_policy_v1", `Orders_From${id}`, {
              metadata: { name: `from-${id.toLowerCase()}`, namespace: "orders" },
              spec: { pod_selector: {}, policy_types: ["Ingress"], ingress: [{ from: [{ ip_block: { cidr } }], ports: [{ port: "443", protocol: "TCP" }] }] },
            });
          }
        },
      },
      failures: [
        {
          address: DEFAULTS.namespace,
          problems: ["the network policies of namespace 'orders' allow ingress from every address: their ip_blocks '128.0.0.0/1' + '0.0.0.0/1' (together every IPv4 address); name the sources (e.g. the Application Gateway subnet) instead"],
        },
      ],
    },
    {
      name: "ip_block ports whose ranges add up to every port",
      stack: withPolicies({ deny: denyAll, dns, all: toCidr("10.0.0.0/8", [{ port: "1", end_port: 32767, protocol: "TCP" }, { port: "32768", end_port: 65535 }]) }),
      failures: [{ address: NAMESPACE, problems: ["egress rule 0 of network policy 'p' opens the ip_block '10.0.0.0/8' on every TCP port (its ports add up to 1-65535)"] }],
    },
    {
      name: "an ingress catch-all written whole",
      stack: withPolicies({ deny: denyAll, dns, web: fromCidrs(["0.0.0.0/0"]) }),
      failures: [{ address: NAMESPACE, problems: [/allow ingress from every address: their ip_blocks '0\.0\.0\.0\/0'/] }],
    },
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
