import { CLUSTER, CLUSTER_RELATIONS, DEFAULTS, appsPoolOverride, clusterOverride, clusterStack, compliantCluster, type PassingFixture, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const pool = compliantCluster().default_node_pool as JsonObject;
const ignoring = (ignore: unknown): PassingFixture => ({ name: `ignore_changes ${JSON.stringify(ignore)} covers what the platform owns`, stack: clusterStack({ lifecycle: { ignore_changes: ignore } }) });
const onlyNodeCount = { lifecycle: { ignore_changes: ["default_node_pool[0].node_count"] } };

export const fixtures: RuleFixtures = {
  passing: [
    ignoring(["all"]),
    ignoring("all"),
    ignoring(["default_node_pool", "kubernetes_version"]),
    ignoring(["default_node_pool.0.node_count", "kubernetes_version", "default_node_pool.0.orchestrator_version"]),
    { name: "a node-image channel leaves the versions to Terraform", stack: clusterStack({ ...onlyNodeCount, automatic_upgrade_channel: "node-image" }) },
    {
      name: "without autoscaling the node count is Terraform's",
      stack: clusterStack({ default_node_pool: { ...pool, auto_scaling_enabled: false }, lifecycle: { ignore_changes: ["kubernetes_version", "default_node_pool[0].orchestrator_version"] } }),
    },
  ],
  failing: [
    {
      name: "override ignore_changes away",
      stack: clusterOverride("lifecycle.ignore_changes", undefined),
      failures: [
        {
          address: DEFAULTS.cluster,
          problems: [/does not cover default_node_pool\[0\]\.node_count/, /does not cover default_node_pool\[0\]\.orchestrator_version/, /does not cover kubernetes_version/],
        },
      ],
    },
    {
      name: "override a user pool's surge settings away",
      stack: appsPoolOverride("upgrade_settings", undefined),
      failures: [{ address: DEFAULTS.appsPool, problems: ["upgrade_settings.max_surge is not set: upgrades replace nodes without surge capacity"] }],
    },
    {
      name: "a channel that upgrades Kubernetes asks for the version ignores",
      stack: clusterStack({ ...onlyNodeCount, automatic_upgrade_channel: "stable" }),
      failures: [{ address: CLUSTER, problems: [/does not cover default_node_pool\[0\]\.orchestrator_version/, /does not cover kubernetes_version/] }],
    },
    {
      name: "a node pool is checked against its cluster's channel",
      stack: clusterStack(
        {},
        { azurerm_kubernetes_cluster_node_pool: { apps: { ...CLUSTER_RELATIONS.azurerm_kubernetes_cluster_node_pool.apps, lifecycle: { ignore_changes: ["node_count"] } } } },
      ),
      failures: [{ address: "azurerm_kubernetes_cluster_node_pool.apps", problems: [/does not cover orchestrator_version/] }],
    },
  ],
};
