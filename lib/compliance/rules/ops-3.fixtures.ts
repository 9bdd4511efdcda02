import { CLUSTER, DEFAULTS, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the cluster needs no prevent_destroy outside production", stack: clusterStack() },
    { name: "a production cluster with prevent_destroy", stack: clusterStack({ lifecycle: { prevent_destroy: true } }), production: true },
  ],
  failing: [
    {
      name: "override the workspace's prevent_destroy",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_log_analytics_workspace").override("lifecycle.prevent_destroy", false) },
      failures: [{ address: /^azurerm_log_analytics_workspace\./, problems: [/lifecycle\.prevent_destroy is not true/] }],
    },
    {
      name: "override the etcd key's prevent_destroy",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_key_vault_key", "Cluster_EtcdKey").override("lifecycle.prevent_destroy", false) },
      failures: [{ address: /^azurerm_key_vault_key\.Cluster_EtcdKey_[0-9A-F]{8}$/, problems: [/^lifecycle\.prevent_destroy is not true: a plan that deletes it/] }],
    },
    {
      name: "mark the stack production, with a cluster that can be destroyed",
      stack: { defaults: "azure" },
      production: true,
      failures: [{ address: DEFAULTS.cluster, problems: ["lifecycle.prevent_destroy is not true in a production stack: a plan that replaces or deletes the cluster would go through"] }],
    },
    {
      name: "a production cluster without prevent_destroy",
      stack: clusterStack(),
      production: true,
      failures: [{ address: CLUSTER, problems: [/in a production stack/] }],
    },
  ],
};
