import { CLUSTER, DEFAULTS, appsPoolOverride, clusterStack, compliantCluster, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const pool = compliantCluster().default_node_pool as JsonObject;

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: three zones, bounded autoscaling", stack: clusterStack() }],
  failing: [
    {
      name: "override a user pool's autoscaler off",
      stack: appsPoolOverride("auto_scaling_enabled", false),
      failures: [{ address: DEFAULTS.appsPool, problems: ["auto_scaling_enabled is false; it must be true"] }],
    },
    {
      name: "no zones, and bounds the wrong way round",
      stack: clusterStack({ default_node_pool: { ...pool, zones: [], min_count: 5, max_count: 3 } }),
      failures: [
        {
          address: CLUSTER,
          problems: ["default_node_pool.zones lists no availability zone: one zone's outage takes the pool down", "default_node_pool.min_count 5 is above default_node_pool.max_count 3"],
        },
      ],
    },
  ],
};
