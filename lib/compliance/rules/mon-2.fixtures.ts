import { CLUSTER, clusterStack, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const target = { target_resource_id: "${azurerm_kubernetes_cluster.aks.id}", log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}" };
const withLogs = (setting: JsonObject) => clusterStack({}, { azurerm_monitor_diagnostic_setting: { logs: setting } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "kube-audit-admin and guard", stack: withLogs({ ...target, enabled_log: [{ category: "kube-audit-admin" }, { category: "guard" }] }) },
    { name: "kube-audit in place of kube-audit-admin", stack: withLogs({ ...target, enabled_log: [{ category: "kube-audit" }, { category: "guard" }] }) },
    { name: "the allLogs category group", stack: withLogs({ ...target, enabled_log: { category_group: "allLogs" } }) },
  ],
  failing: [
    {
      name: "override the diagnostic setting's log categories away",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_monitor_diagnostic_setting", "Cluster_ControlPlaneLogs").override("enabled_log", undefined) },
      failures: [{ address: /^azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}$/, problems: [/send no 'kube-audit-admin' \(or 'kube-audit'\) and no 'guard' logs/] }],
    },
    {
      name: "a missing category is named",
      stack: withLogs({ ...target, enabled_log: [{ category: "kube-audit-admin" }] }),
      failures: [{ address: CLUSTER, problems: [/send no 'guard' logs/] }],
    },
    {
      name: "a setting that goes to no workspace",
      stack: withLogs({ target_resource_id: target.target_resource_id, enabled_log: [{ category: "kube-audit-admin" }, { category: "guard" }] }),
      failures: [{ address: CLUSTER, problems: [/send to no Log Analytics workspace/] }],
    },
    {
      name: "no diagnostic setting at all",
      stack: clusterStack(),
      failures: [{ address: CLUSTER, problems: [/no azurerm_monitor_diagnostic_setting in the stack targets this cluster/] }],
    },
  ],
};
