import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { ALL_LOGS_CATEGORY_GROUP, CONTROL_PLANE_AUDIT_CATEGORIES, CONTROL_PLANE_GUARD_CATEGORY } from "../../facts";
import { blocks, isSet, refersTo, resourcesOfType } from "../terraform-json";

/** MON-2: control-plane logs including audit and guard, to Log Analytics. */
export const MON_2: ComplianceRule = {
  id: "MON-2",
  name: "ControlPlaneAuditLogs",
  title: "Control-plane audit logs (kube-audit-admin or kube-audit, and guard) sent to Log Analytics",
  description:
    "The audit log records who changed what in the cluster; guard records Entra ID and Azure RBAC decisions. Without them an incident cannot be investigated.",
  severity: "medium",
  fix: "HardenedCluster always creates ControlPlaneLogs; keep kube-audit-admin (or kube-audit) and guard in controlPlaneLogCategories, or remove the override. In Terraform: an azurerm_monitor_diagnostic_setting with target_resource_id = the cluster's id, log_analytics_workspace_id, and enabled_log blocks for those categories.",
  references: [R.aksMonitor],
  mappings: { cisAks: ["2.1.1"], mcsb: ["LT-3"] },
  resourceTypes: [CLUSTER],
  check: (cluster, stack) => {
    const settings = resourcesOfType(stack, "azurerm_monitor_diagnostic_setting").filter((setting) =>
      refersTo(setting.config.target_resource_id, cluster),
    );
    if (settings.length === 0) {
      return ["no azurerm_monitor_diagnostic_setting in the stack targets this cluster: its control-plane logs go nowhere"];
    }
    const toWorkspace = settings.filter((setting) => isSet(setting.config.log_analytics_workspace_id));
    if (toWorkspace.length === 0) {
      return ["the diagnostic settings targeting this cluster send to no Log Analytics workspace (log_analytics_workspace_id)"];
    }
    const categories = new Set<string>();
    for (const setting of toWorkspace) {
      for (const log of blocks(setting.config.enabled_log)) {
        if (typeof log.category === "string") categories.add(log.category.toLowerCase());
        if (typeof log.category_group === "string" && log.category_group.toLowerCase() === ALL_LOGS_CATEGORY_GROUP.toLowerCase()) categories.add("*");
      }
    }
    const has = (category: string) => categories.has("*") || categories.has(category);
    const missing: string[] = [];
    if (!CONTROL_PLANE_AUDIT_CATEGORIES.some(has)) missing.push("'kube-audit-admin' (or 'kube-audit')");
    if (!has(CONTROL_PLANE_GUARD_CATEGORY)) missing.push("'guard'");
    return missing.length === 0
      ? []
      : [`the diagnostic settings targeting this cluster send no ${missing.join(" and no ")} logs to Log Analytics (enabled_log categories)`];
  },
};
