import { TerraformVariable } from "cdktf";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { ClusterMonitoring, ContainerInsights, type ContainerInsightsProps } from "hardened-aks";
import { CONTAINER_INSIGHTS_STREAM } from "../../lib/monitoring/container-insights";
import { PLACEMENT, only, synth, testStack, type Synthesized } from "../helpers";

const CLUSTER_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-test";
const WORKSPACE_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-test";

/** Synthesizes Container Insights built with the given props (on top of valid defaults). */
function synthInsights(props: Partial<ContainerInsightsProps> = {}): Synthesized {
  const stack = testStack();
  new ContainerInsights(stack, "Insights", { ...PLACEMENT, name: "dcr-test", clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID, ...props });
  return synth(stack);
}

describe("ContainerInsights", () => {
  it("uses the stream Container Insights sends with managed identity", () => {
    expect(CONTAINER_INSIGHTS_STREAM).toBe("Microsoft-ContainerInsights-Group-Default");
  });

  it("creates a Linux data collection rule with the ContainerInsights extension sending its stream to the workspace", () => {
    const rule = only(synthInsights({ tags: { env: "test" } }), "azurerm_monitor_data_collection_rule");
    expect(rule).toEqual({
      name: "dcr-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      kind: "Linux",
      tags: { env: "test" },
      destinations: { log_analytics: [{ name: "workspace", workspace_resource_id: WORKSPACE_ID }] },
      data_flow: [{ streams: [CONTAINER_INSIGHTS_STREAM], destinations: ["workspace"] }],
      data_sources: {
        extension: [
          {
            name: "ContainerInsightsExtension",
            extension_name: "ContainerInsights",
            streams: [CONTAINER_INSIGHTS_STREAM],
            extension_json: expect.any(String),
          },
        ],
      },
    });
  });

  it("routes every data flow to a destination the rule declares", () => {
    const rule = only(synthInsights(), "azurerm_monitor_data_collection_rule");
    const declared = rule.destinations.log_analytics.map((d: { name: string }) => d.name);
    for (const flow of rule.data_flow) for (const destination of flow.destinations) expect(declared).toContain(destination);
  });

  it("collects every namespace each minute, with the ContainerLogV2 schema", () => {
    const rule = only(synthInsights(), "azurerm_monitor_data_collection_rule");
    expect(JSON.parse(rule.data_sources.extension[0].extension_json)).toEqual({
      dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
    });
  });

  it("associates the rule with the cluster, so the agent has something to collect", () => {
    const json = synthInsights();
    const ruleLogicalId = Object.keys(json.resource.azurerm_monitor_data_collection_rule)[0];
    expect(only(json, "azurerm_monitor_data_collection_rule_association")).toEqual({
      name: "ContainerInsightsExtension",
      target_resource_id: CLUSTER_ID,
      data_collection_rule_id: `\${azurerm_monitor_data_collection_rule.${ruleLogicalId}.id}`,
      description: expect.stringMatching(/managed identity/),
    });
  });

  it("references cluster and workspace ids that are tokens", () => {
    const stack = testStack();
    const cluster = new TerraformVariable(stack, "cluster", {}).stringValue;
    const workspace = new ClusterMonitoring(stack, "Monitoring", { ...PLACEMENT, workspaceName: "log-test" });
    new ContainerInsights(stack, "Insights", { ...PLACEMENT, name: "dcr-test", clusterId: cluster, workspaceId: workspace.workspaceId });
    const json = synth(stack);
    const workspaceLogicalId = Object.keys(json.resource.azurerm_log_analytics_workspace)[0];
    expect(only(json, "azurerm_monitor_data_collection_rule").destinations.log_analytics[0].workspace_resource_id).toBe(
      `\${azurerm_log_analytics_workspace.${workspaceLogicalId}.id}`,
    );
    expect(only(json, "azurerm_monitor_data_collection_rule_association").target_resource_id).toBe("${var.cluster}");
  });

  it("accepts a resource group name that is a token", () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, "Group", { name: "rg-test", location: "westeurope" });
    new ContainerInsights(stack, "Insights", {
      resourceGroupName: group.name,
      location: group.location,
      name: "dcr-test",
      clusterId: CLUSTER_ID,
      workspaceId: WORKSPACE_ID,
    });
    expect(only(synth(stack), "azurerm_monitor_data_collection_rule").resource_group_name).toBe("${azurerm_resource_group.Group.name}");
  });

  it("exposes the rule and the association as escape hatches", () => {
    const stack = testStack();
    const insights = new ContainerInsights(stack, "Insights", { ...PLACEMENT, name: "dcr-test", clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID });
    insights.association.addOverride("description", "changed through the escape hatch");
    insights.resource.addOverride("description", "rule description");
    const json = synth(stack);
    expect(only(json, "azurerm_monitor_data_collection_rule_association").description).toBe("changed through the escape hatch");
    expect(only(json, "azurerm_monitor_data_collection_rule").description).toBe("rule description");
  });

  it.each([
    ["name", "name is required and must be a non-empty string, e.g. 'dcr-aks-prod'; got nothing (the prop is missing)."],
    ["resourceGroupName", "resourceGroupName is required and must be a non-empty string, e.g. 'rg-aks-prod'; got nothing (the prop is missing)."],
    ["location", "location is required and must be a non-empty string, e.g. 'westeurope'; got nothing (the prop is missing)."],
    ["clusterId", "clusterId is required and must be a non-empty string, e.g. cluster.clusterId; got nothing (the prop is missing)."],
    ["workspaceId", "workspaceId is required and must be a non-empty string, e.g. monitoring.workspaceId; got nothing (the prop is missing)."],
  ])("names %s when a JavaScript caller omits it", (prop, message) => {
    expect(() => synthInsights({ [prop]: undefined } as any)).toThrow(message);
  });

  it.each([
    [{ location: "West Europe!" }, "location must be an Azure region name such as 'westeurope' (or 'West Europe'); got 'West Europe!'."],
    [{ resourceGroupName: "rg-test." }, "resourceGroupName must be 1-90 letters"],
    [{ tags: "env=test" }, "tags must be an object of tag names to string values, e.g. { environment: 'prod' }; got 'env=test'."],
    [{ clusterId: 42 }, "clusterId is required and must be a non-empty string, e.g. cluster.clusterId; got 42."],
  ])("rejects %j, naming the prop", (props, message) => {
    expect(() => synthInsights(props as any)).toThrow(message);
  });

  it("accepts a location that is a token", () => {
    const stack = testStack();
    const location = new TerraformVariable(stack, "location", { type: "string" }).stringValue;
    new ContainerInsights(stack, "Insights", { ...PLACEMENT, location, name: "dcr-test", clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID });
    expect(only(synth(stack), "azurerm_monitor_data_collection_rule").location).toBe("${var.location}");
  });
});
