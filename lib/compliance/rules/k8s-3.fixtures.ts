import { DEFAULTS, ORDERS_NAMESPACE, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const NAMESPACE = "kubernetes_namespace_v1.orders";
const policy = (spec: JsonObject) => ({ metadata: { name: "p", namespace: "orders" }, spec });
const denyAll = policy({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
const egress = (rule: JsonObject) => policy({ pod_selector: {}, policy_types: ["Egress"], egress: [rule] });
const withPolicies = (policies: Record<string, JsonObject>) => stackOf({ kubernetes_namespace_v1: ORDERS_NAMESPACE, kubernetes_network_policy_v1: policies });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "an allow rule whose except covers the metadata address", stack: withPolicies({ deny: denyAll, e: egress({ to: [{ ip_block: { cidr: "169.254.0.0/16", except: ["169.254.0.0/16"] } }] }) }) },
    {
      name: "egress to every address split in halves, the half with the metadata address excepting it",
      stack: withPolicies({
        deny: denyAll,
        e: egress({ to: [{ ip_block: { cidr: "0.0.0.0/1" } }, { ip_block: { cidr: "128.0.0.0/1", except: ["169.254.169.254/32"] } }], ports: [{ port: "443" }] }),
      }),
    },
    { name: "an allow rule to a range without the metadata address", stack: withPolicies({ deny: denyAll, e: egress({ to: [{ ip_block: { cidr: "10.0.0.0/8" } }] }) }) },
  ],
  failing: [
    {
      name: "override the internet egress rule's except away",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_network_policy_v1", "Orders_AllowEgress").override("spec.egress.0.to.0.ip_block.except", undefined) },
      failures: [
        {
          address: DEFAULTS.namespace,
          problems: [`egress rule 0 of network policy 'allow-egress' allows the ip_block '0.0.0.0/0', which contains 169.254.169.254, without except ["169.254.169.254/32"]`],
        },
      ],
    },
    {
      name: "egress to every address split in halves, without the except",
      stack: withPolicies({ deny: denyAll, e: egress({ to: [{ ip_block: { cidr: "0.0.0.0/1" } }, { ip_block: { cidr: "128.0.0.0/1" } }], ports: [{ port: "443" }] }) }),
      failures: [{ address: NAMESPACE, problems: [`egress rule 0 of network policy 'p' allows the ip_block '128.0.0.0/1', which contains 169.254.169.254, without except ["169.254.169.254/32"]`] }],
    },
    {
      name: "an egress rule without a destination",
      stack: withPolicies({ deny: denyAll, e: egress({ ports: [{ port: "443" }] }) }),
      failures: [{ address: NAMESPACE, problems: ["egress rule 0 of network policy 'p' has no 'to': it allows every destination, 169.254.169.254 included"] }],
    },
  ],
};
