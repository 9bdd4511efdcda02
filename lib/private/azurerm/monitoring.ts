// azurerm monitoring resources: the workspace, data collection rules and diagnostic settings.
import type * as dcr from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import type * as dcra from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import type * as diagnostics from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import type * as workspace from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { namedAzurermResource } from "./resource";

/** azurerm_log_analytics_workspace */
export class LogAnalyticsWorkspace extends namedAzurermResource<workspace.LogAnalyticsWorkspaceConfig>("azurerm_log_analytics_workspace", undefined, {
  immediateDataPurgeOn30DaysEnabled: "immediate_data_purge_on_30_days_enabled",
}) {

  /** The workspace (customer) id that agents send to; not the Azure resource id. */
  public get workspaceId(): string {
    return this.getStringAttribute("workspace_id");
  }
}

/** azurerm_monitor_data_collection_rule */
export class MonitorDataCollectionRule extends namedAzurermResource<dcr.MonitorDataCollectionRuleConfig>("azurerm_monitor_data_collection_rule") {}

/** azurerm_monitor_data_collection_rule_association */
export class MonitorDataCollectionRuleAssociation extends namedAzurermResource<dcra.MonitorDataCollectionRuleAssociationConfig>("azurerm_monitor_data_collection_rule_association", []) {}

/** azurerm_monitor_diagnostic_setting */
export class MonitorDiagnosticSetting extends namedAzurermResource<diagnostics.MonitorDiagnosticSettingConfig>("azurerm_monitor_diagnostic_setting", []) {}
