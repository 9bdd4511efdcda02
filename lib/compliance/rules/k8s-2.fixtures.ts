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
/**
 * A CiliumNetworkPolicy (cilium.io/v2) in `orders` with one toFQDNs egress rule, as a
 * kubernetes_manifest writes it (the object under `manifest`, camelCase as Cilium spells it).
 */
const fqdnPolicy = (toFQDNs: readonly JsonObject[], toPorts: readonly JsonObject[] | undefined = [{ ports: [{ port: "443", protocol: "TCP" }] }], namespace = "orders") => ({
  manifest: {
    apiVersion: "cilium.io/v2",
    kind: "CiliumNetworkPolicy",
    metadata: { name: "allow-egress-fqdns", namespace },
    spec: { endpointSelector: {}, egress: [{ toFQDNs, ...(toPorts === undefined ? {} : { toPorts }) }] },
  },
});
const withFqdnPolicy = (manifest: JsonObject) =>
  stackOf({ kubernetes_namespace_v1: ORDERS_NAMESPACE, kubernetes_network_policy_v1: { deny: denyAll, dns }, kubernetes_manifest: { fqdns: manifest } });
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
    {
      name: "FQDN egress to named hosts and one domain's subdomains, with ports; patterns known only when Terraform runs",
      stack: withFqdnPolicy(fqdnPolicy([{ matchName: "api.github.com" }, { matchPattern: "*.github.com" }, { matchPattern: "${var.host}" }, { matchName: "com" }])),
      checks: [NAMESPACE],
    },
    {
      name: "a catch-all CiliumNetworkPolicy in a namespace the stack does not create is not this stack's",
      stack: withFqdnPolicy(fqdnPolicy([{ matchPattern: "*" }], undefined, "other")),
      checks: [NAMESPACE],
    },
    { name: "nothing to check in namespaces the stack does not create", stack: stackOf({ kubernetes_network_policy_v1: { p: policy({ pod_selector: {} }, "kube-system") } }), checks: [] },
  ],
  failing: [
    {
      name: "add a CiliumNetworkPolicy allowing every domain to the library's namespace (escape hatch)",
      stack: {
        defaults: "in-cluster",
        change: (s) => s.add("kubernetes_manifest", "Orders_AnyHost", fqdnPolicy([{ matchPattern: "*" }])),
      },
      failures: [
        {
          address: DEFAULTS.namespace,
          problems: ["egress rule 0 of CiliumNetworkPolicy 'allow-egress-fqdns' allows every domain: toFQDNs matchPattern '*'; name the hosts (matchName) or one domain's subdomains ('*.example.com') instead"],
        },
      ],
    },
    {
      name: "wildcards over public suffixes, within and across labels, and a rule with no toPorts",
      stack: withFqdnPolicy({
        manifest: {
          apiVersion: "cilium.io/v2",
          kind: "CiliumNetworkPolicy",
          metadata: { name: "wide", namespace: "${kubernetes_namespace_v1.orders.metadata.0.name}" },
          spec: {
            endpointSelector: {},
            egress: [
              {
                toFQDNs: [{ matchName: "api.github.com" }, { matchPattern: "*.com" }, { matchPattern: "**.co.uk" }, { matchPattern: "*github.com" }, { matchPattern: "api.*.com" }],
                toPorts: [{ ports: [{ port: "443" }] }],
              },
              { toFQDNs: [{ matchName: "api.github.com" }] },
            ],
          },
        },
      }),
      failures: [
        {
          address: NAMESPACE,
          problems: [
            "egress rule 0 of CiliumNetworkPolicy 'wide' allows every domain anyone can register under 'com' (a public suffix): toFQDNs matchPattern '*.com'; name the hosts (matchName) or one domain's subdomains ('*.example.com') instead",
            "egress rule 0 of CiliumNetworkPolicy 'wide' allows every domain anyone can register under 'co.uk' (a public suffix): toFQDNs matchPattern '**.co.uk'; name the hosts (matchName) or one domain's subdomains ('*.example.com') instead",
            // A `*` inside a label opens it: `*github.com` is also `evilgithub.com`, `api.*.com` any `.com` domain's `api`.
            "egress rule 0 of CiliumNetworkPolicy 'wide' allows every domain anyone can register under 'com' (a public suffix): toFQDNs matchPattern '*github.com'; name the hosts (matchName) or one domain's subdomains ('*.example.com') instead",
            "egress rule 0 of CiliumNetworkPolicy 'wide' allows every domain anyone can register under 'com' (a public suffix): toFQDNs matchPattern 'api.*.com'; name the hosts (matchName) or one domain's subdomains ('*.example.com') instead",
            "egress rule 1 of CiliumNetworkPolicy 'wide' opens its toFQDNs on every port (it lists no toPorts ports)",
          ],
        },
      ],
    },
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
