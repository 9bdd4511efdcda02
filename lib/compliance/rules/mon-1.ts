import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, blocks, expectOneOf, isSet, problems, referencedResource, refersTo, resourcesOfType, type JsonObject, type TerraformResource } from "../terraform-json";

const WORKSPACE = "azurerm_log_analytics_workspace";

/** MON-1: Container Insights into Log Analytics with managed identity authentication. */
export const MON_1: ComplianceRule = {
  id: "MON-1",
  name: "ContainerInsightsManagedIdentity",
  title: "Container Insights into Log Analytics with managed identity authentication; the workspace takes Entra ID only and drops nothing",
  description:
    "Container logs and inventory are the evidence for investigating a workload; managed-identity authentication needs no workspace key, and through Terraform it needs its data collection rule association, or the agent collects nothing. A workspace that accepts its shared key can be written to and read with a leaked key; a daily cap drops logs, audit logs included, once it is reached.",
  severity: "medium",
  fix: "HardenedCluster always configures oms_agent and ContainerInsights; remove the override. In Terraform: oms_agent { log_analytics_workspace_id, msi_auth_for_monitoring_enabled = true } and an azurerm_monitor_data_collection_rule_association with target_resource_id = the cluster's id. On each azurerm_log_analytics_workspace: local_authentication_enabled = false and no daily_quota_gb (ClusterMonitoring's localAuthenticationEnabled and dailyQuotaGb are opt-outs: acknowledge MON-1 with the reason).",
  references: [R.aksMonitor],
  mappings: { checkov: ["CKV_AZURE_4"], trivy: ["AVD-AZU-0040"], tfsec: ["azure-container-logging"] },
  resourceTypes: [CLUSTER, WORKSPACE],
  check: (cluster, stack) => {
    if (cluster.type === WORKSPACE) {
      const quota = cluster.config.daily_quota_gb;
      return problems(
        expectOneOf(cluster.config.local_authentication_enabled, "local_authentication_enabled", [false], true),
        quota === undefined || quota === null || quota === -1 ? undefined : `daily_quota_gb is ${JSON.stringify(quota)}: logs past the cap, audit logs included, are dropped until the next day`,
      );
    }
    const agent = block(cluster.config, "oms_agent");
    const associated = resourcesOfType(stack, "azurerm_monitor_data_collection_rule_association").some(
      (association) => refersTo(association.config.target_resource_id, cluster) && mayCollectContainerInsights(association, stack),
    );
    return problems(
      agent ? undefined : missingBlock("oms_agent", "Container Insights is off"),
      agent && !isSet(agent.log_analytics_workspace_id) ? "oms_agent.log_analytics_workspace_id is not set" : undefined,
      agent ? expectOneOf(agent.msi_auth_for_monitoring_enabled, "oms_agent.msi_auth_for_monitoring_enabled", [true], false) : undefined,
      associated
        ? undefined
        : "no azurerm_monitor_data_collection_rule_association in the stack targets this cluster: with managed-identity authentication the agent has no data collection rule and collects nothing",
    );
  },
};

/**
 * Whether an association can be Container Insights': not an endpoint's association, and not
 * one of a rule in the stack that has no Container Insights extension (Managed Prometheus's
 * rule targets the cluster too). A rule outside the stack is taken on trust.
 */
function mayCollectContainerInsights(association: TerraformResource, stack: JsonObject): boolean {
  if (isSet(association.config.data_collection_endpoint_id) && !isSet(association.config.data_collection_rule_id)) return false;
  const rule = referencedResource(stack, association.config.data_collection_rule_id, "azurerm_monitor_data_collection_rule");
  if (!rule) return true;
  return blocks(block(rule.config, "data_sources")?.extension).some((extension) => extension.extension_name === "ContainerInsights");
}
