import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  HardenedPlatform,
  ManagedPrometheus,
  ValidationError,
  evaluateTerraform,
  type HardenedCluster,
  type ManagedPrometheusProps,
} from "hardened-aks";
import { KUBERNETES_RECORDING_RULES, NODE_RECORDING_RULES, RECOMMENDED_ALERT_RULES } from "../../lib/private/prometheus-rules";
import { ENDPOINTS_SUBNET_ID, PLACEMENT, VNET_ID, only, resources, synth, testCluster, testStack } from "../helpers";
import { platformProps } from "../platform/platform-props";

const CLUSTER_ID = "/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.ContainerService/managedClusters/aks-test";
const ACTION_GROUP_ID = "/subscriptions/s/resourceGroups/rg-ops/providers/microsoft.insights/actionGroups/ag-oncall";

/** A ManagedPrometheus built with the given props (on top of valid ones) in a fresh stack. */
function prometheus(props: Partial<ManagedPrometheusProps> = {}) {
  const stack = testStack();
  const construct = new ManagedPrometheus(stack, "Prometheus", { ...PLACEMENT, clusterId: CLUSTER_ID, clusterName: "aks-test", ...props });
  return { stack, construct, json: () => synth(stack) };
}

/** The Terraform reference to the one resource of a type. */
function refTo(json: ReturnType<typeof synth>, type: string, attribute = "id"): string {
  const names = Object.keys(json.resource[type] ?? {});
  expect(names).toHaveLength(1);
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** The associations, by their construct id's end. */
function association(json: ReturnType<typeof synth>, id: "RuleAssociation" | "EndpointAssociation"): Record<string, any> {
  const all = json.resource.azurerm_monitor_data_collection_rule_association as Record<string, Record<string, any>>;
  const names = Object.keys(all).filter((name) => name.startsWith(`Prometheus_${id}_`));
  expect(names).toHaveLength(1);
  return all[names[0]];
}

describe("ManagedPrometheus", () => {
  it("creates an Azure Monitor workspace whose query endpoint is not public", () => {
    expect(only(prometheus({ tags: { env: "test" } }).json(), "azurerm_monitor_workspace")).toEqual({
      name: "amw-aks-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      public_network_access_enabled: false,
      tags: { env: "test" },
    });
  });

  it("forwards the add-on's Prometheus stream to the workspace through a Linux data collection rule and endpoint, as Microsoft's sample does", () => {
    const json = prometheus().json();
    expect(only(json, "azurerm_monitor_data_collection_endpoint")).toMatchObject({ name: "MSProm-aks-test", kind: "Linux", public_network_access_enabled: true });
    expect(only(json, "azurerm_monitor_data_collection_rule")).toMatchObject({
      name: "MSProm-aks-test",
      kind: "Linux",
      data_collection_endpoint_id: refTo(json, "azurerm_monitor_data_collection_endpoint"),
      destinations: { monitor_account: [{ name: "MonitoringAccount1", monitor_account_id: refTo(json, "azurerm_monitor_workspace") }] },
      data_flow: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }],
      data_sources: { prometheus_forwarder: [{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"] }] },
    });
  });

  // The association is its own resource, scoped to the cluster: azurerm 4.55 creates it with
  // a PUT on `<target_resource_id>/providers/Microsoft.Insights/dataCollectionRuleAssociations/<name>`
  // (monitor_data_collection_rule_association_resource.go, Create), and nothing else ties the
  // rule to the cluster.
  it("associates the rule with the cluster, and the endpoint as configurationAccessEndpoint", () => {
    const json = prometheus().json();
    expect(association(json, "RuleAssociation")).toMatchObject({
      name: "MSProm-aks-test",
      target_resource_id: CLUSTER_ID,
      data_collection_rule_id: refTo(json, "azurerm_monitor_data_collection_rule"),
    });
    const endpoint = association(json, "EndpointAssociation");
    expect(endpoint).toMatchObject({
      name: "configurationAccessEndpoint",
      target_resource_id: CLUSTER_ID,
      data_collection_endpoint_id: refTo(json, "azurerm_monitor_data_collection_endpoint"),
    });
    // exactly one of the two ids per association (ExactlyOneOf in the provider's schema)
    expect(endpoint).not.toHaveProperty("data_collection_rule_id");
  });

  it("ships Microsoft's node and Kubernetes recording rules and the alert rules, scoped to the workspace and the cluster", () => {
    const json = prometheus().json();
    const groups = resources(json, "azurerm_monitor_alert_prometheus_rule_group");
    expect(groups.map((g) => g.name).sort()).toEqual(["KubernetesRecordingRulesRuleGroup-aks-test", "NodeRecordingRulesRuleGroup-aks-test", "RecommendedAlertsRuleGroup-aks-test"]);
    for (const group of groups) {
      expect(group).toMatchObject({ cluster_name: "aks-test", interval: "PT1M", rule_group_enabled: true, scopes: [refTo(json, "azurerm_monitor_workspace"), CLUSTER_ID] });
    }
    const byName: Record<string, Record<string, any>[]> = Object.fromEntries(groups.map((g) => [g.name.split("-")[0], g.rule as Record<string, any>[]]));
    expect(byName.NodeRecordingRulesRuleGroup.map((r) => r.record)).toEqual(NODE_RECORDING_RULES.map((r) => r.record));
    expect(byName.KubernetesRecordingRulesRuleGroup.map((r) => r.record)).toEqual(KUBERNETES_RECORDING_RULES.map((r) => r.record));
    expect(byName.NodeRecordingRulesRuleGroup).toContainEqual({
      enabled: true,
      record: "instance:node_cpu_utilisation:rate5m",
      expression: '1 - avg without (cpu) (  sum without (mode) (rate(node_cpu_seconds_total{job="node", mode=~"idle|iowait|steal"}[5m])))',
    });
    expect(byName.KubernetesRecordingRulesRuleGroup.filter((r) => r.record === "namespace_workload_pod:kube_pod_owner:relabel").map((r) => r.labels.workload_type)).toEqual([
      "deployment",
      "daemonset",
      "statefulset",
      "job",
    ]);
    expect(byName.RecommendedAlertsRuleGroup.map((r) => r.alert)).toEqual(expect.arrayContaining(["KubeNodeUnreachable", "KubePodCrashLooping", "KubePersistentVolumeFillingUp"]));
    expect(byName.RecommendedAlertsRuleGroup.find((r) => r.alert === "KubePodCrashLooping")).toMatchObject({
      enabled: true,
      for: "PT15M",
      severity: 4,
      alert_resolution: { auto_resolved: true, time_to_resolve: "PT10M" },
    });
  });

  it("matches the counts of Microsoft's sample: 11 node and 19 Kubernetes recording rules", () => {
    expect(NODE_RECORDING_RULES).toHaveLength(11);
    expect(KUBERNETES_RECORDING_RULES).toHaveLength(19);
    expect(new Set(RECOMMENDED_ALERT_RULES.map((r) => r.alert)).size).toBe(RECOMMENDED_ALERT_RULES.length);
  });

  it("pages nobody unless action groups are given, then every alert notifies each of them", () => {
    const alerts = (json: ReturnType<typeof synth>) =>
      resources(json, "azurerm_monitor_alert_prometheus_rule_group").find((g) => g.name.startsWith("RecommendedAlerts"))!.rule as Record<string, any>[];
    expect(alerts(prometheus().json()).every((r) => r.action === undefined)).toBe(true);
    const second = ACTION_GROUP_ID.replace("ag-oncall", "ag-platform");
    const paged = alerts(prometheus({ alertActionGroupIds: [ACTION_GROUP_ID, second] }).json());
    expect(paged).toHaveLength(RECOMMENDED_ALERT_RULES.length);
    for (const rule of paged) expect(rule.action).toEqual([{ action_group_id: ACTION_GROUP_ID }, { action_group_id: second }]);
  });

  it("opens the workspace's query endpoint only when asked", () => {
    expect(only(prometheus({ publicNetworkAccessEnabled: true }).json(), "azurerm_monitor_workspace").public_network_access_enabled).toBe(true);
  });

  it("creates no private endpoint unless asked, then one to the workspace's prometheusMetrics, with its regional zone", () => {
    expect(prometheus().json().resource.azurerm_private_endpoint).toBeUndefined();
    const json = prometheus({ location: "West Europe", privateEndpoint: { subnetId: ENDPOINTS_SUBNET_ID, virtualNetworkIds: [VNET_ID] } }).json();
    expect(only(json, "azurerm_private_endpoint")).toMatchObject({
      name: "pe-amw-aks-test",
      subnet_id: ENDPOINTS_SUBNET_ID,
      private_service_connection: { private_connection_resource_id: refTo(json, "azurerm_monitor_workspace"), subresource_names: ["prometheusMetrics"], is_manual_connection: false },
    });
    // The zone's name is a host name: the region in its programmatic form.
    expect(only(json, "azurerm_private_dns_zone").name).toBe("privatelink.westeurope.prometheus.monitor.azure.com");
    expect(only(json, "azurerm_private_dns_zone_virtual_network_link").virtual_network_id).toBe(VNET_ID);
  });

  it("creates no Grafana by default", () => {
    const json = prometheus().json();
    expect(json.resource.azurerm_dashboard_grafana).toBeUndefined();
    expect(json.resource.azurerm_dashboard_grafana_managed_private_endpoint).toBeUndefined();
    expect(json.resource.azurerm_role_assignment).toBeUndefined();
  });

  it("creates opt-in Grafana without public access, integrated with the workspace, allowed to read it and reaching it privately", () => {
    const { json, construct } = prometheus({ grafana: { name: "graf-aks-test" } });
    const out = json();
    const grafanaRef = refTo(out, "azurerm_dashboard_grafana");
    expect(construct.grafana).toBeDefined();
    expect(only(out, "azurerm_dashboard_grafana")).toMatchObject({
      name: "graf-aks-test",
      grafana_major_version: "11",
      public_network_access_enabled: false,
      api_key_enabled: false,
      identity: { type: "SystemAssigned" },
      azure_monitor_workspace_integrations: [{ resource_id: refTo(out, "azurerm_monitor_workspace") }],
    });
    expect(only(out, "azurerm_role_assignment")).toMatchObject({
      scope: refTo(out, "azurerm_monitor_workspace"),
      role_definition_name: "Monitoring Data Reader",
      principal_id: refTo(out, "azurerm_dashboard_grafana", "identity[0].principal_id"),
      principal_type: "ServicePrincipal",
    });
    expect(only(out, "azurerm_dashboard_grafana_managed_private_endpoint")).toMatchObject({
      name: "mpe-graf-aks-test",
      grafana_id: grafanaRef,
      private_link_resource_id: refTo(out, "azurerm_monitor_workspace"),
      group_ids: ["prometheusMetrics"],
    });
  });

  it("accepts tokens everywhere, and builds names from a token cluster name without cutting it", () => {
    const stack = testStack();
    const v = (id: string) => new TerraformVariable(stack, id, {});
    new ManagedPrometheus(stack, "Prometheus", {
      resourceGroupName: v("group").stringValue,
      location: v("location").stringValue,
      clusterId: v("cluster_id").stringValue,
      clusterName: v("cluster_name").stringValue,
      workspaceName: v("workspace").stringValue,
      publicNetworkAccessEnabled: v("public").booleanValue as unknown as boolean,
      alertActionGroupIds: v("action_groups").listValue,
      grafana: { name: v("grafana").stringValue, majorVersion: v("version").stringValue as "11" },
    });
    const json = synth(stack);
    expect(only(json, "azurerm_monitor_workspace")).toMatchObject({ name: "${var.workspace}", location: "${var.location}", public_network_access_enabled: "${var.public}" });
    expect(only(json, "azurerm_monitor_data_collection_endpoint").name).toBe("MSProm-${var.cluster_name}");
    expect(association(json, "RuleAssociation").target_resource_id).toBe("${var.cluster_id}");
    expect(only(json, "azurerm_dashboard_grafana_managed_private_endpoint").name).toBe("mpe-prometheus");
    const alerts = resources(json, "azurerm_monitor_alert_prometheus_rule_group").find((g) => g.name.startsWith("RecommendedAlerts"))!;
    expect(alerts.rule[0].dynamic).toEqual({ action: { for_each: "${var.action_groups}", content: { action_group_id: "${action.value}" } } });
  });

  describe("rejects bad input, naming the prop, the value, the rule and the fix", () => {
    it.each<[string, Partial<ManagedPrometheusProps>, RegExp]>([
      ["a workspace name with an underscore", { workspaceName: "amw_test" }, /^workspaceName must be letters, digits or hyphens, starting and ending with a letter or digit.*; got 'amw_test'\./],
      ["a workspace name ending in a hyphen", { workspaceName: "amw-" }, /^workspaceName must be .*; got 'amw-'\./],
      ["a workspace name that is a number", { workspaceName: 7 as unknown as string }, /^workspaceName must be a string such as 'amw-aks-prod'; got 7\. Leave it unset for 'amw-<clusterName>'\./],
      ["an action group given as a name", { alertActionGroupIds: ["ag-oncall"] }, /^alertActionGroupIds\[0\] must be an action group's resource id, .*; got 'ag-oncall'\. Pass the id of an azurerm_monitor_action_group/],
      ["an action group id of another resource type", { alertActionGroupIds: [ACTION_GROUP_ID, CLUSTER_ID] }, /^alertActionGroupIds\[1\] must be an action group's resource id.*managedClusters\/aks-test'/],
      ["action groups given as one string", { alertActionGroupIds: ACTION_GROUP_ID as unknown as string[] }, /^alertActionGroupIds must be a list of action group resource ids; got '\/subscriptions/],
      ["public access as a string", { publicNetworkAccessEnabled: "false" as unknown as boolean }, /^publicNetworkAccessEnabled must be true or false; got 'false'\. Leave it unset for false \(the secure default\)\./],
      ["a Grafana name starting with a digit", { grafana: { name: "1graf" } }, /^grafana\.name must be 2-23 letters, digits or hyphens, starting with a letter .*; got '1graf'\./],
      ["a Grafana name of 24 characters", { grafana: { name: "g".repeat(24) } }, /^grafana\.name must be 2-23 letters/],
      ["a Grafana version given as a number", { grafana: { name: "graf", majorVersion: 11 as unknown as "11" } }, /^grafana\.majorVersion must be the string '10' or '11' .*; got 11\./],
      ["a Grafana version azurerm does not accept", { grafana: { name: "graf", majorVersion: "9" as "11" } }, /^grafana\.majorVersion must be the string '10' or '11' .*; got '9'\./],
      ["Grafana given as true", { grafana: true as unknown as { name: string } }, /^grafana must be an object such as \{ name: 'graf-aks-prod' \}; got true\. Leave it unset for no Grafana\./],
      ["Grafana without a name", { grafana: {} as { name: string } }, /^grafana\.name is required and must be a non-empty string, e.g\. 'graf-aks-prod'; got nothing/],
      ["Grafana's public access as a string", { grafana: { name: "graf", publicNetworkAccessEnabled: "no" as unknown as boolean } }, /^grafana\.publicNetworkAccessEnabled must be true or false; got 'no'/],
      ["a location with punctuation", { location: "west-europe!" }, /^location must be an Azure region name such as 'westeurope'/],
      ["a private endpoint without its subnet", { privateEndpoint: {} as { subnetId: string } }, /^privateEndpoint\.subnetId is required and must be a non-empty string, e\.g\. network\.privateEndpointsSubnetId; got nothing/],
      ["a private endpoint given as a subnet id", { privateEndpoint: ENDPOINTS_SUBNET_ID as unknown as { subnetId: string } }, /^privateEndpoint must be an object such as \{ subnetId: network\.privateEndpointsSubnetId \}; got '\/subscriptions/],
    ])("%s", (_, props, message) => {
      expect(() => prometheus(props)).toThrow(ValidationError);
      expect(() => prometheus(props)).toThrow(message);
    });

    it.each<[string, Partial<ManagedPrometheusProps>]>([
      ["a workspace name of digits and hyphens", { workspaceName: "amw-01-prod" }],
      ["one action group", { alertActionGroupIds: [ACTION_GROUP_ID] }],
      ["an action group id in Azure's own casing", { alertActionGroupIds: [ACTION_GROUP_ID.replace("microsoft.insights", "Microsoft.Insights")] }],
      ["no action group", { alertActionGroupIds: [] }],
      ["public access on", { publicNetworkAccessEnabled: true }],
      ["Grafana 10 with a 23-character name", { grafana: { name: "g".repeat(22) + "1", majorVersion: "10" } }],
      ["Grafana with public access", { grafana: { name: "graf", publicNetworkAccessEnabled: true } }],
      ["the portal form of a location", { location: "West Europe" }],
    ])("accepts %s", (_, props) => {
      expect(() => prometheus(props).json()).not.toThrow();
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      ["without clusterId", { clusterId: undefined }, /^clusterId is required and must be a non-empty string, e\.g\. cluster\.clusterId; got nothing \(the prop is missing\)\./],
      ["with clusterName null", { clusterName: null }, /^clusterName is required and must be a non-empty string, e\.g\. 'aks-prod'; got null\./],
      ["with a number as location", { location: 42 }, /^location is required and must be a non-empty string, e\.g\. 'westeurope'; got 42\./],
      ["with an empty resource group", { resourceGroupName: "" }, /^resourceGroupName is required and must be a non-empty string/],
    ])("a JavaScript call %s", (_, props, message) => {
      expect(() => prometheus(props as Partial<ManagedPrometheusProps>)).toThrow(message);
    });

    it("a JavaScript call with no props at all names the first required prop", () => {
      expect(() => new ManagedPrometheus(testStack(), "Prometheus", undefined as unknown as ManagedPrometheusProps)).toThrow(/^clusterId is required/);
    });
  });
});

describe("HardenedCluster's metrics settings", () => {
  const cluster = (props: Parameters<typeof testCluster>[1] = {}): { cluster: HardenedCluster; config: Record<string, any> } => {
    const stack = testStack();
    const built = testCluster(stack, props);
    return { cluster: built, config: only(synth(stack), "azurerm_kubernetes_cluster") };
  };

  it("turns the Managed Prometheus add-on and cost analysis on by default", () => {
    const { config } = cluster();
    expect(config.monitor_metrics).toEqual({});
    expect(config.cost_analysis_enabled).toBe(true);
    expect(config.sku_tier).toBe("Standard");
  });

  it("leaves the add-on out with managedPrometheusEnabled false, and cost analysis off with costAnalysisEnabled false", () => {
    const { config } = cluster({ managedPrometheusEnabled: false, costAnalysisEnabled: false });
    expect(config).not.toHaveProperty("monitor_metrics");
    expect(config.cost_analysis_enabled).toBe(false);
  });

  it("keeps cost analysis on the Premium tier", () => {
    expect(cluster({ skuTier: "Premium" }).config.cost_analysis_enabled).toBe(true);
  });

  // azurerm 4.55 refuses cost analysis on the Free tier at apply time, not at plan time
  // (kubernetes_cluster_resource.go, expandKubernetesClusterMetricsProfile).
  it("turns cost analysis off on the Free tier, and says so", () => {
    const { cluster: built, config } = cluster({ skuTier: "Free" });
    expect(config.cost_analysis_enabled).toBe(false);
    const infos = built.node.metadata.filter((entry) => entry.type === "@cdktf/info").map((entry) => entry.data);
    expect(infos).toEqual([
      "Cost analysis is off: the cluster is on the 'Free' tier, and AKS runs cost analysis only on 'Standard' or 'Premium'. Leave skuTier unset ('Standard') to have it.",
    ]);
  });

  it("says nothing when cost analysis is off because it was asked to be", () => {
    const { cluster: built } = cluster({ skuTier: "Free", costAnalysisEnabled: false });
    expect(built.node.metadata.filter((entry) => entry.type === "@cdktf/info")).toEqual([]);
  });

  it("trusts a tier that is a token to be a paid one", () => {
    const stack = testStack();
    const tier = new TerraformVariable(stack, "tier", {}).stringValue as "Standard";
    testCluster(stack, { skuTier: tier });
    expect(only(synth(stack), "azurerm_kubernetes_cluster")).toMatchObject({ sku_tier: "${var.tier}", cost_analysis_enabled: true });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      "cost analysis asked for on the Free tier",
      { skuTier: "Free", costAnalysisEnabled: true },
      /^costAnalysisEnabled is true but skuTier is 'Free': AKS runs cost analysis only on the 'Standard' or 'Premium' tier.*Leave skuTier unset \('Standard'\), or leave costAnalysisEnabled unset/,
    ],
    ["cost analysis as a string", { costAnalysisEnabled: "true" }, /^costAnalysisEnabled must be true or false; got 'true'\. Leave it unset for true \(the secure default\)\./],
    ["the add-on switch as a number", { managedPrometheusEnabled: 0 }, /^managedPrometheusEnabled must be true or false; got 0\. Leave it unset for true/],
  ])("rejects %s", (_, props, message) => {
    expect(() => cluster(props as Parameters<typeof testCluster>[1])).toThrow(ValidationError);
    expect(() => cluster(props as Parameters<typeof testCluster>[1])).toThrow(message);
  });

  it("fails MON-4 on its own, and passes once ManagedPrometheus is associated with it", () => {
    const stack = testStack();
    const built = testCluster(stack);
    const mon4 = () => evaluateTerraform(synth(stack) as never, { stackName: "test" }).rules.find((r) => r.rule.id === "MON-4")!;
    expect(mon4().resources.find((r) => r.address.startsWith("azurerm_kubernetes_cluster."))!.problems).toEqual([
      expect.stringMatching(/^no azurerm_monitor_data_collection_rule_association in the stack associates this cluster/),
    ]);
    new ManagedPrometheus(stack, "Prometheus", { ...PLACEMENT, clusterId: built.clusterId, clusterName: "aks-test" });
    expect(mon4().status).toBe("pass");
  });
});

describe("HardenedPlatform's Managed Prometheus", () => {
  const platform = (overrides: Parameters<typeof platformProps>[0] = {}) => {
    const stack = new TerraformStack(Testing.app(), "test");
    const built = new HardenedPlatform(stack, platformProps(overrides));
    return { built, json: synth(stack) };
  };

  it("is created for the platform's cluster by default", () => {
    const { built, json } = platform();
    expect(built.prometheus).toBeInstanceOf(ManagedPrometheus);
    // Queried privately from the spoke, the zone linked to the spoke, the hub and the runner's network.
    const endpoint = resources(json, "azurerm_private_endpoint").find((e) => e.name === "pe-amw-aks-test")!;
    expect(endpoint.private_service_connection.subresource_names).toEqual(["prometheusMetrics"]);
    const zone = Object.entries(json.resource.azurerm_private_dns_zone as Record<string, any>).find(([, z]) => z.name === "privatelink.westeurope.prometheus.monitor.azure.com")!;
    const links = resources(json, "azurerm_private_dns_zone_virtual_network_link").filter((l) =>
      [`\${azurerm_private_dns_zone.${zone[0]}.name}`, zone[1].name].includes(l.private_dns_zone_name),
    );
    expect(links).toHaveLength(3);
    expect(only(json, "azurerm_monitor_workspace").name).toBe("amw-aks-test");
    expect(association(json, "RuleAssociation").target_resource_id).toBe(refTo(json, "azurerm_kubernetes_cluster"));
  });

  it("takes its props from prometheus, and follows a renamed cluster", () => {
    const { json } = platform({ prometheus: { workspaceName: "amw-shared" }, cluster: { name: "aks-blue" } });
    expect(only(json, "azurerm_monitor_workspace").name).toBe("amw-shared");
    expect(resources(json, "azurerm_monitor_data_collection_rule").map((rule) => rule.name)).toContain("MSProm-aks-blue");
  });

  it("is not created when the cluster's add-on is off", () => {
    const { built, json } = platform({ cluster: { managedPrometheusEnabled: false } });
    expect(built.prometheus).toBeUndefined();
    expect(json.resource.azurerm_monitor_workspace).toBeUndefined();
    expect(only(json, "azurerm_kubernetes_cluster")).not.toHaveProperty("monitor_metrics");
  });
});
