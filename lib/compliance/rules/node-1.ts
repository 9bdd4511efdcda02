import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, poolOf } from "../aks-json";
import { expectOneOf, problems, refersTo, resourcesOfType } from "../terraform-json";

/** NODE-1: the system pool runs only critical add-ons; workloads get user pools. */
export const NODE_1: ComplianceRule = {
  id: "NODE-1",
  name: "SystemPoolCriticalAddonsOnly",
  title: "System node pool runs only critical add-ons; user workloads on separate user pools",
  description:
    "Application pods on system nodes can starve or compromise CoreDNS, konnectivity and the other components the whole cluster depends on.",
  severity: "medium",
  fix: "HardenedCluster always sets default_node_pool.only_critical_addons_enabled = true and requires a user pool (userPools or addNodePool()); remove the override.",
  references: [R.aksSystemPools],
  mappings: { checkov: ["CKV_AZURE_232"] },
  resourceTypes: [CLUSTER],
  check: (cluster, stack) => {
    const pool = poolOf(cluster);
    const userPools = resourcesOfType(stack, NODE_POOL).filter(
      (candidate) =>
        refersTo(candidate.config.kubernetes_cluster_id, cluster) &&
        String(candidate.config.mode ?? "User").toLowerCase() === "user",
    );
    return problems(
      expectOneOf(pool.config?.only_critical_addons_enabled, `${pool.prefix}only_critical_addons_enabled`, [true], false),
      userPools.length === 0
        ? `has no user node pool in the stack (azurerm_kubernetes_cluster_node_pool with mode "User" for this cluster): workloads have nowhere to run`
        : undefined,
    );
  },
};
