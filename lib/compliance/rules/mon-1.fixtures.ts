import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, compliantClusterStack, stackOf, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster with its data collection rule association", stack: compliantClusterStack() },
    { name: "a workspace that takes Entra ID only, with no cap", stack: stackOf({ azurerm_log_analytics_workspace: { w: { local_authentication_enabled: false, daily_quota_gb: -1 } } }) },
  ],
  failing: [
    {
      name: "override managed-identity auth off",
      stack: clusterOverride("oms_agent.msi_auth_for_monitoring_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["oms_agent.msi_auth_for_monitoring_enabled is false; it must be true"] }],
    },
    {
      name: "no data collection rule association",
      stack: clusterStack(),
      failures: [{ address: CLUSTER, problems: [/^no azurerm_monitor_data_collection_rule_association in the stack targets this cluster/] }],
    },
    {
      name: "override the Container Insights association away: Managed Prometheus's associations do not stand in for it",
      stack: {
        defaults: "azure",
        change: (s) =>
          s
            .resource("azurerm_monitor_data_collection_rule_association", "Cluster_ContainerInsights_Association")
            .override("target_resource_id", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other"),
      },
      failures: [{ address: DEFAULTS.cluster, problems: [/^no azurerm_monitor_data_collection_rule_association in the stack targets this cluster/] }],
    },
    {
      name: "a workspace that accepts its shared key and caps its intake",
      stack: stackOf({ azurerm_log_analytics_workspace: { w: { daily_quota_gb: 5 } } }),
      failures: [
        {
          address: "azurerm_log_analytics_workspace.w",
          problems: [
            "local_authentication_enabled is not set (the provider then deploys true); it must be false",
            "daily_quota_gb is 5: logs past the cap, audit logs included, are dropped until the next day",
          ],
        },
      ],
    },
  ],
};
