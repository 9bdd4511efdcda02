import { DEFAULTS, ORDERS_NAMESPACE, stackOf, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "restricted for enforce, audit and warn", stack: stackOf({ kubernetes_namespace_v1: ORDERS_NAMESPACE }) }],
  failing: [
    {
      name: "override the namespace's Pod Security labels",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_namespace_v1").override("metadata.labels", { "pod-security.kubernetes.io/enforce": "baseline" }) },
      failures: [{ address: DEFAULTS.namespace, problems: [`metadata.labels["pod-security.kubernetes.io/enforce"] is 'baseline'; it must be 'restricted'`] }],
    },
    {
      name: "a namespace that only warns",
      stack: stackOf({ kubernetes_namespace_v1: { orders: { metadata: { name: "orders", labels: { "pod-security.kubernetes.io/warn": "restricted" } } } } }),
      failures: [
        {
          address: "kubernetes_namespace_v1.orders",
          problems: [
            `metadata.labels["pod-security.kubernetes.io/enforce"] is not set; it must be 'restricted'`,
            `metadata.labels["pod-security.kubernetes.io/audit"] is not set; it must be 'restricted'`,
          ],
        },
      ],
    },
  ],
};
