import { CLUSTER, CLUSTER_RELATIONS, DEFAULTS, PROMETHEUS_RULE, clusterOverride, clusterStack, compliantClusterStack, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const ASSOCIATION = "azurerm_monitor_data_collection_rule_association";
const NO_RULE = /^no azurerm_monitor_data_collection_rule_association in the stack associates this cluster with a data collection rule that forwards 'Microsoft-PrometheusMetrics'/;

/** The compliant cluster and its relations, with the Prometheus data collection rule replaced. */
const withRule = (rule: JsonObject): JsonObject => clusterStack({}, { ...CLUSTER_RELATIONS, azurerm_monitor_data_collection_rule: { prometheus: rule } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster with its Prometheus rule, association and private workspace", stack: compliantClusterStack() },
    { name: "the library's default stack", stack: { defaults: "azure" } },
    {
      name: "monitor_metrics with allow-lists, and Grafana without public access",
      stack: clusterStack(
        { monitor_metrics: { annotations_allowed: "pods=[app]", labels_allowed: "namespaces=[team]" } },
        { ...CLUSTER_RELATIONS, azurerm_dashboard_grafana: { g: { public_network_access_enabled: false } } },
      ),
    },
  ],
  failing: [
    {
      name: "no data collection rule association: the add-on on, shipping nothing",
      stack: clusterStack(),
      failures: [{ address: CLUSTER, problems: [NO_RULE] }],
    },
    {
      name: "override the association to another resource",
      stack: {
        defaults: "azure",
        change: (s) => s.resource(ASSOCIATION, "Prometheus_RuleAssociation").override("target_resource_id", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other"),
      },
      failures: [{ address: DEFAULTS.cluster, problems: [NO_RULE] }],
    },
    {
      name: "override monitor_metrics away",
      stack: clusterOverride("monitor_metrics", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: ["has no monitor_metrics block: the Managed Prometheus add-on does not run"] }],
    },
    {
      name: "an associated rule without the prometheus_forwarder data source",
      stack: withRule({ ...PROMETHEUS_RULE, data_sources: { extension: [{ name: "x", extension_name: "ContainerInsights", streams: ["Microsoft-ContainerInsights-Group-Default"] }] } }),
      failures: [{ address: CLUSTER, problems: [NO_RULE] }],
    },
    {
      name: "an associated rule whose Prometheus stream goes to Log Analytics, not to a workspace",
      stack: withRule({
        ...PROMETHEUS_RULE,
        destinations: { log_analytics: [{ name: "MonitoringAccount1", workspace_resource_id: "${azurerm_log_analytics_workspace.log.id}" }] },
      }),
      failures: [{ address: CLUSTER, problems: [NO_RULE] }],
    },
    {
      name: "override the workspace's public network access on",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_monitor_workspace").override("public_network_access_enabled", true) },
      failures: [{ address: /^azurerm_monitor_workspace\.Prometheus_[0-9A-F]{8}$/, problems: ["public_network_access_enabled is true; it must be false"] }],
    },
    {
      name: "a workspace and a Grafana that leave public access at the provider's default",
      stack: stackOf({ azurerm_monitor_workspace: { w: {} }, azurerm_dashboard_grafana: { g: { azure_monitor_workspace_integrations: [{ resource_id: "${azurerm_monitor_workspace.w.id}" }] } } }),
      failures: [
        { address: "azurerm_dashboard_grafana.g", problems: ["public_network_access_enabled is not set (the provider then deploys true); it must be false"] },
        { address: "azurerm_monitor_workspace.w", problems: ["public_network_access_enabled is not set (the provider then deploys true); it must be false"] },
      ],
    },
  ],
};
