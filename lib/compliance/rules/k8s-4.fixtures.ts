import { DEFAULTS, ORDERS_NAMESPACE, stackOf, type RuleFixtures } from "../rule-fixture";

const inOrders = { name: "r", namespace: "orders" };

export const fixtures: RuleFixtures = {
  passing: [
    {
      name: "a LimitRange with limits and a ResourceQuota with spec.hard",
      stack: stackOf({
        kubernetes_namespace_v1: ORDERS_NAMESPACE,
        kubernetes_limit_range_v1: { l: { metadata: inOrders, spec: { limit: [{ type: "Container", default: { cpu: "500m" } }] } } },
        kubernetes_resource_quota_v1: { q: { metadata: inOrders, spec: { hard: { pods: "50" } } } },
      }),
    },
  ],
  failing: [
    {
      name: "override the quota's limits away",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_resource_quota_v1").override("spec.hard", undefined) },
      failures: [{ address: DEFAULTS.namespace, problems: [/^namespace 'orders' has no kubernetes_resource_quota_v1 with spec\.hard/] }],
    },
    {
      name: "a namespace with neither",
      stack: stackOf({ kubernetes_namespace_v1: ORDERS_NAMESPACE }),
      failures: [
        {
          address: "kubernetes_namespace_v1.orders",
          problems: [/^namespace 'orders' has no kubernetes_limit_range_v1 with limits/, /^namespace 'orders' has no kubernetes_resource_quota_v1 with spec\.hard/],
        },
      ],
    },
  ],
};
