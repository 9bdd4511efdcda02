import type { Construct } from "../private/cdktf";
import { MonitorDiagnosticSetting } from "../private/azurerm";
import { ALL_LOGS_CATEGORY_GROUP } from "../facts";

/**
 * A diagnostic setting that sends every log category and all metrics of a resource to the
 * workspace, in resource-specific tables: for resources whose every log is evidence (the
 * firewall's allowed and denied flows, the gateway's access and WAF logs).
 */
export function sendAllLogs(scope: Construct, id: string, props: { readonly name: string; readonly targetResourceId: string; readonly workspaceId: string }): MonitorDiagnosticSetting {
  return new MonitorDiagnosticSetting(scope, id, {
    name: props.name,
    targetResourceId: props.targetResourceId,
    logAnalyticsWorkspaceId: props.workspaceId,
    logAnalyticsDestinationType: "Dedicated",
    enabledLog: [{ categoryGroup: ALL_LOGS_CATEGORY_GROUP }],
    enabledMetric: [{ category: "AllMetrics" }],
  });
}
