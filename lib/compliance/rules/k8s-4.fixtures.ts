import { DEFAULTS, ORDERS_NAMESPACE, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const inOrders = { name: "r", namespace: "orders" };
const NO_BYPASS = { "services.loadbalancers": "0", "services.nodeports": "0" };
const limitRange = { l: { metadata: inOrders, spec: { limit: [{ type: "Container", default: { cpu: "500m" } }] } } };
const withQuotas = (quotas: Record<string, JsonObject>) =>
  stackOf({ kubernetes_namespace_v1: ORDERS_NAMESPACE, kubernetes_limit_range_v1: limitRange, kubernetes_resource_quota_v1: quotas });
const quota = (hard: JsonObject) => ({ metadata: inOrders, spec: { hard } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a LimitRange with limits and a ResourceQuota with spec.hard and no services past the WAF", stack: withQuotas({ q: quota({ pods: "50", ...NO_BYPASS }) }) },
    { name: "the service caps in a second quota of the namespace", stack: withQuotas({ q: quota({ pods: "50" }), s: quota({ "services.loadbalancers": 0, "services.nodeports": "0" }) }) },
    { name: "a service cap known only when Terraform runs", stack: withQuotas({ q: quota({ pods: "50", "services.loadbalancers": "${var.lbs}", "services.nodeports": "0" }) }) },
  ],
  failing: [
    {
      name: "override the quota's limits away",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_resource_quota_v1").override("spec.hard", undefined) },
      failures: [{ address: DEFAULTS.namespace, problems: [/^namespace 'orders' has no kubernetes_resource_quota_v1 with spec\.hard/] }],
    },
    {
      name: "override the quota to allow LoadBalancer services",
      stack: { defaults: "in-cluster", change: (s) => s.resource("kubernetes_resource_quota_v1").override("spec.hard", { "services.loadbalancers": "3" }) },
      failures: [
        {
          address: /^kubernetes_resource_quota_v1\.Orders_Quota/,
          problems: [`spec.hard["services.loadbalancers"] is '3': it allows LoadBalancer services, which publish pods past the Application Gateway's WAF (ING-1); it must be "0"`],
        },
      ],
    },
    {
      name: "a quota that allows NodePort services",
      stack: withQuotas({ q: quota({ pods: "50", "services.loadbalancers": "0", "services.nodeports": 2 }) }),
      failures: [{ address: "kubernetes_resource_quota_v1.q", problems: [/^spec\.hard\["services\.nodeports"\] is 2: it allows NodePort services/] }],
    },
    {
      name: "a quota that leaves the service caps out",
      stack: withQuotas({ q: quota({ pods: "50" }) }),
      failures: [
        {
          address: "kubernetes_namespace_v1.orders",
          problems: [
            "no quota of namespace 'orders' sets services.loadbalancers, so it may create any number of LoadBalancer services, which bypass the WAF",
            "no quota of namespace 'orders' sets services.nodeports, so it may create any number of NodePort services, which bypass the WAF",
          ],
        },
      ],
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
