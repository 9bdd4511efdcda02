import { CLUSTER, DEFAULTS, appsPoolOverride, clusterOverride, clusterStack, compliantClusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster with its user pool", stack: compliantClusterStack() }],
  failing: [
    {
      name: "override only_critical_addons_enabled",
      stack: clusterOverride("default_node_pool.only_critical_addons_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["default_node_pool.only_critical_addons_enabled is false; it must be true"] }],
    },
    {
      name: "override the user pool into a system pool",
      stack: appsPoolOverride("mode", "System"),
      failures: [{ address: DEFAULTS.cluster, problems: [/has no user node pool/] }],
    },
    { name: "a cluster without a user pool", stack: clusterStack(), failures: [{ address: CLUSTER, problems: [/^has no user node pool in the stack/] }] },
  ],
};
