import type { ComplianceRule } from "../rule";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, expectOneOf, isSet, problems, refersTo, resourcesOfType } from "../terraform-json";

/** MON-1: Container Insights into Log Analytics with managed identity authentication. */
export const MON_1: ComplianceRule = {
  id: "MON-1",
  name: "ContainerInsightsManagedIdentity",
  title: "Container Insights into Log Analytics with managed identity authentication",
  description:
    "Container logs and inventory are the evidence for investigating a workload; managed-identity authentication needs no workspace key, and through Terraform it needs its data collection rule association, or the agent collects nothing.",
  severity: "medium",
  fix: "HardenedCluster always configures oms_agent and ContainerInsights; remove the override. In Terraform: oms_agent { log_analytics_workspace_id, msi_auth_for_monitoring_enabled = true } and an azurerm_monitor_data_collection_rule_association with target_resource_id = the cluster's id.",
  seeds: ["000", "003"],
  mappings: { checkov: ["CKV_AZURE_4"], trivy: ["AVD-AZU-0040"], tfsec: ["azure-container-logging"] },
  resourceTypes: [CLUSTER],
  check: (cluster, stack) => {
    const agent = block(cluster.config, "oms_agent");
    const associated = resourcesOfType(stack, "azurerm_monitor_data_collection_rule_association").some((association) =>
      refersTo(association.config.target_resource_id, cluster),
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
