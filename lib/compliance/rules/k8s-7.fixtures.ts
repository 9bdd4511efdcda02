import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const NAMESPACE = "kubernetes_namespace_v1.orders";

/** The orders namespace, with a default service account of `config` when given. */
function orders(config?: JsonObject) {
  return stackOf({
    kubernetes_namespace_v1: { orders: { metadata: { name: "orders" } } },
    ...(config === undefined ? {} : { kubernetes_default_service_account_v1: { default: config } }),
  });
}

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the library's namespaces", stack: { defaults: "in-cluster" } },
    { name: "automount off, the namespace by reference", stack: orders({ metadata: { namespace: "${kubernetes_namespace_v1.orders.metadata[0].name}" }, automount_service_account_token: false }), checks: [NAMESPACE] },
    { name: "automount off, the namespace by name", stack: orders({ metadata: { namespace: "orders" }, automount_service_account_token: false }), checks: [NAMESPACE] },
  ],
  failing: [
    { name: "a namespace whose default service account is left to Kubernetes", stack: orders(), failures: [{ address: NAMESPACE, problems: [/^namespace 'orders' does not manage its default service account/] }] },
    {
      name: "a default service account that keeps automount on",
      stack: orders({ metadata: { namespace: "orders" }, automount_service_account_token: true }),
      failures: [{ address: NAMESPACE, problems: [/^the default service account of namespace 'orders' does not set automount_service_account_token = false/] }],
    },
    {
      name: "turn automount back on through the escape hatch",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_default_service_account_v1").override("automount_service_account_token", true) },
      failures: [{ address: /^kubernetes_namespace_v1\./, problems: [/does not set automount_service_account_token = false/] }],
    },
  ],
};
