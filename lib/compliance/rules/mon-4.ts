import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, blocks, expectOneOf, isSet, problems, referencedResource, refersTo, resourcesOfType, stringList, type TerraformResource } from "../terraform-json";
import { PROMETHEUS_METRICS_STREAM } from "../../facts";

const WORKSPACE = "azurerm_monitor_workspace";
const GRAFANA = "azurerm_dashboard_grafana";
const RULE = "azurerm_monitor_data_collection_rule";
const ASSOCIATION = "azurerm_monitor_data_collection_rule_association";

/** MON-4: the cluster ships Prometheus metrics to an Azure Monitor workspace through an associated data collection rule. */
export const MON_4: ComplianceRule = {
  id: "MON-4",
  name: "ManagedPrometheusWired",
  title:
    "Managed Prometheus wired end to end: monitor_metrics on the cluster, and a data collection rule associated with it that forwards Microsoft-PrometheusMetrics to an Azure Monitor workspace; the workspace and any Grafana not public",
  description:
    "Metrics are what shows a node lost, a pod crash-looping or a volume filling up before users notice, and what the alert rules evaluate. The metrics add-on alone collects nothing: through Terraform the data collection rule must be declared and associated with the cluster, the step most often missed (azurerm creates the association as its own resource, scoped to the cluster). A workspace or Grafana reachable from public networks exposes what runs where to anyone who gets a token.",
  severity: "medium",
  fix: "HardenedPlatform creates ManagedPrometheus for its cluster (HardenedCluster's managedPrometheusEnabled turns the add-on on); with a cluster of your own, create ManagedPrometheus for it. Remove the override. In Terraform: monitor_metrics {} on the cluster, an azurerm_monitor_data_collection_rule with a prometheus_forwarder data source (streams = [\"Microsoft-PrometheusMetrics\"]), a data_flow of that stream to a monitor_account destination, and an azurerm_monitor_data_collection_rule_association with target_resource_id = the cluster's id and data_collection_rule_id = the rule's id; public_network_access_enabled = false on azurerm_monitor_workspace and azurerm_dashboard_grafana (ManagedPrometheus's publicNetworkAccessEnabled and grafana.publicNetworkAccessEnabled are opt-outs: acknowledge MON-4 with the reason).",
  references: [R.aksMonitor],
  mappings: {},
  resourceTypes: [CLUSTER, WORKSPACE, GRAFANA],
  check: (resource, stack) => {
    if (resource.type !== CLUSTER) {
      // Both default to true in azurerm 4.55 (monitor_workspace_resource.go, dashboard_grafana_resource.go).
      return problems(expectOneOf(resource.config.public_network_access_enabled, "public_network_access_enabled", [false], true));
    }
    const metrics = block(resource.config, "monitor_metrics");
    const forwarding = resourcesOfType(stack, ASSOCIATION).filter(
      (association) => refersTo(association.config.target_resource_id, resource) && forwardsPrometheus(referencedResource(stack, association.config.data_collection_rule_id, RULE)),
    );
    return problems(
      metrics ? undefined : missingBlock("monitor_metrics", "the Managed Prometheus add-on does not run"),
      forwarding.length > 0
        ? undefined
        : `no ${ASSOCIATION} in the stack associates this cluster with a data collection rule that forwards '${PROMETHEUS_METRICS_STREAM}' (a prometheus_forwarder data source, and a data_flow to a monitor_account destination): the metrics add-on has no rule and ships nothing`,
    );
  },
};

/** Whether a data collection rule takes the add-on's stream and sends it to an Azure Monitor workspace. */
function forwardsPrometheus(rule: TerraformResource | undefined): boolean {
  if (!rule) return false;
  const sources = blocks(block(rule.config, "data_sources")?.prometheus_forwarder);
  const accounts = blocks(block(rule.config, "destinations")?.monitor_account).filter((account) => isSet(account.monitor_account_id));
  const accountNames = new Set(accounts.map((account) => account.name));
  return (
    sources.some((source) => (stringList(source.streams) ?? []).includes(PROMETHEUS_METRICS_STREAM)) &&
    blocks(rule.config.data_flow).some(
      (flow) => (stringList(flow.streams) ?? []).includes(PROMETHEUS_METRICS_STREAM) && (stringList(flow.destinations) ?? []).some((name) => accountNames.has(name)),
    )
  );
}
