import { DEFAULTS, appsPoolOverride, clusterOverride, clusterStack, compliantCluster, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: no node public IPs", stack: clusterStack() },
    {
      name: "an absent attribute is judged by the provider's default (off)",
      stack: clusterStack({ default_node_pool: { ...(compliantCluster().default_node_pool as JsonObject), node_public_ip_enabled: undefined } }),
    },
  ],
  failing: [
    {
      name: "override the default pool",
      stack: clusterOverride("default_node_pool.node_public_ip_enabled", true),
      failures: [{ address: DEFAULTS.cluster, problems: ["default_node_pool.node_public_ip_enabled is true; it must be false"] }],
    },
    {
      name: "override a user pool",
      stack: appsPoolOverride("node_public_ip_enabled", true),
      failures: [{ address: DEFAULTS.appsPool, problems: ["node_public_ip_enabled is true; it must be false"] }],
    },
  ],
};
