import { CLUSTER, DEFAULTS, appsPoolOverride, clusterStack, compliantCluster, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const pool = compliantCluster().default_node_pool as JsonObject;

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: ephemeral OS disks, Azure Linux", stack: clusterStack() },
    { name: "Azure Linux by its earlier name (Azure Linux 2.0, retired: NODE-5's finding)", stack: clusterStack({ default_node_pool: { ...pool, os_sku: "CBLMariner" } }) },
  ],
  failing: [
    {
      name: "override a user pool's os_sku",
      stack: appsPoolOverride("os_sku", "Ubuntu"),
      failures: [{ address: DEFAULTS.appsPool, problems: [/^os_sku is 'Ubuntu'/] }],
    },
    {
      name: "a missing os_disk_type is the provider's managed disk",
      stack: clusterStack({ default_node_pool: { ...pool, os_disk_type: undefined } }),
      failures: [{ address: CLUSTER, problems: ["default_node_pool.os_disk_type is not set (the provider then deploys 'Managed'); it must be 'Ephemeral'"] }],
    },
  ],
};
