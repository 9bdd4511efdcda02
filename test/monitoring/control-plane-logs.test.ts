import { TerraformVariable } from "cdktf";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import {
  AKS_LOG_CATEGORIES,
  ClusterMonitoring,
  ControlPlaneLogs,
  DEFAULT_CONTROL_PLANE_LOG_CATEGORIES,
  REQUIRED_AUDIT_CATEGORIES,
  ValidationError,
  type ControlPlaneLogsProps,
} from "hardened-aks";
import { PLACEMENT, only, synth, testStack } from "../helpers";

const CLUSTER_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-test";
const WORKSPACE_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-test";

/** Control-plane logs built with the given props (on top of valid defaults) in a fresh stack. */
function logs(props: Partial<ControlPlaneLogsProps> = {}) {
  const stack = testStack();
  const construct = new ControlPlaneLogs(stack, "Logs", { clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID, ...props });
  return { stack, construct };
}

/** The synthesized diagnostic setting. */
function setting(props: Partial<ControlPlaneLogsProps> = {}): Record<string, any> {
  return only(synth(logs(props).stack), "azurerm_monitor_diagnostic_setting");
}

/** The categories of a diagnostic setting's enabled_log blocks. */
function categories(diagnosticSetting: Record<string, any>): string[] {
  return diagnosticSetting.enabled_log.map((block: { category: string }) => block.category);
}

describe("ControlPlaneLogs", () => {
  it("sends the control-plane logs and all metrics of the cluster to the workspace, in resource-specific tables", () => {
    expect(setting()).toEqual({
      name: "control-plane-logs",
      target_resource_id: CLUSTER_ID,
      log_analytics_workspace_id: WORKSPACE_ID,
      log_analytics_destination_type: "Dedicated",
      enabled_log: [
        { category: "kube-apiserver" },
        { category: "kube-audit-admin" },
        { category: "kube-controller-manager" },
        { category: "kube-scheduler" },
        { category: "cluster-autoscaler" },
        { category: "cloud-controller-manager" },
        { category: "guard" },
      ],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  it("includes the audit trail by default: kube-audit-admin and guard", () => {
    expect(REQUIRED_AUDIT_CATEGORIES).toEqual(["kube-audit-admin", "guard"]);
    expect(categories(setting())).toEqual(expect.arrayContaining(["kube-audit-admin", "guard"]));
  });

  it("leaves the high-volume kube-audit category out by default", () => {
    expect(DEFAULT_CONTROL_PLANE_LOG_CATEGORIES).not.toContain("kube-audit");
    expect(categories(setting())).not.toContain("kube-audit");
  });

  it("writes to resource-specific tables, not the legacy AzureDiagnostics table", () => {
    expect(setting().log_analytics_destination_type).toBe("Dedicated");
  });

  it("sends exactly the categories given, in order", () => {
    expect(categories(setting({ categories: ["guard", "kube-audit-admin", "kube-apiserver"] }))).toEqual([
      "guard",
      "kube-audit-admin",
      "kube-apiserver",
    ]);
  });

  it("accepts the full kube-audit category in place of kube-audit-admin", () => {
    expect(categories(setting({ categories: ["kube-audit", "guard"] }))).toEqual(["kube-audit", "guard"]);
  });

  it("does not change the default list when building", () => {
    const before = [...DEFAULT_CONTROL_PLANE_LOG_CATEGORIES];
    logs();
    expect(DEFAULT_CONTROL_PLANE_LOG_CATEGORIES).toEqual(before);
  });

  it("accepts cluster and workspace ids that are tokens, and references them", () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, "Group", { name: "rg-test", location: "westeurope" });
    const workspace = new ClusterMonitoring(stack, "Monitoring", { ...PLACEMENT, workspaceName: "log-test" });
    new ControlPlaneLogs(stack, "Logs", { clusterId: group.id, workspaceId: workspace.workspaceId });
    const json = synth(stack);
    const workspaceLogicalId = Object.keys(json.resource.azurerm_log_analytics_workspace)[0];
    expect(only(json, "azurerm_monitor_diagnostic_setting")).toMatchObject({
      target_resource_id: "${azurerm_resource_group.Group.id}",
      log_analytics_workspace_id: `\${azurerm_log_analytics_workspace.${workspaceLogicalId}.id}`,
    });
  });

  it("accepts extra categories that are tokens beside the audit categories", () => {
    const stack = testStack();
    const extra = new TerraformVariable(stack, "extra", {}).stringValue;
    new ControlPlaneLogs(stack, "Logs", { clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID, categories: ["kube-audit-admin", "guard", extra] });
    expect(categories(only(synth(stack), "azurerm_monitor_diagnostic_setting"))).toEqual(["kube-audit-admin", "guard", "${var.extra}"]);
  });

  it("writes categories given in another case as Azure spells them, so they count as the audit trail", () => {
    expect(categories(setting({ categories: ["Kube-Audit-Admin", "Guard", " kube-apiserver "] }))).toEqual(["kube-audit-admin", "guard", "kube-apiserver"]);
  });

  it("accepts every category Azure knows for a cluster", () => {
    expect(categories(setting({ categories: [...AKS_LOG_CATEGORIES] }))).toEqual([...AKS_LOG_CATEGORIES]);
  });

  it("does not hold a token entry against the audit trail: it may be either audit category", () => {
    const stack = testStack();
    const audit = new TerraformVariable(stack, "audit", { type: "string" }).stringValue;
    new ControlPlaneLogs(stack, "Logs", { clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID, categories: [audit, "guard"] });
    expect(categories(only(synth(stack), "azurerm_monitor_diagnostic_setting"))).toEqual(["${var.audit}", "guard"]);
  });

  describe("rejects", () => {
    it("an empty list of categories", () => {
      expect(() => logs({ categories: [] })).toThrow(
        "categories must not be empty: send at least the audit categories kube-audit-admin and guard. (at test/Logs)",
      );
    });

    it("categories without kube-audit-admin or kube-audit, listing what was given", () => {
      expect(() => logs({ categories: ["kube-apiserver", "guard"] })).toThrow(
        "categories must include 'kube-audit-admin' (or 'kube-audit') and 'guard', the cluster's audit trail; got [kube-apiserver, guard]. Add them to the list. (at test/Logs)",
      );
    });

    it("categories without guard", () => {
      expect(() => logs({ categories: ["kube-apiserver", "kube-audit-admin"] })).toThrow(
        /categories must include 'kube-audit-admin' \(or 'kube-audit'\) and 'guard'.*got \[kube-apiserver, kube-audit-admin\]/,
      );
    });

    // azurerm_monitor_diagnostic_setting checks enabled_log.category only with StringIsNotEmpty
    // (internal/services/monitor/monitor_diagnostic_setting_resource.go at v4.55.0): an unknown
    // category is refused by Azure when the setting is applied, so the library refuses it first.
    it.each([
      [["kube-audit-admin", "guard", "kube-audit-admins"], "categories[2] must be one of the cluster's log categories ("],
      [["kube-audit-admin", "guard", "audit"], "got 'audit'. Azure refuses an unknown category when the setting is applied."],
      [["kube-audit-admin", "guard", "AllMetrics"], "categories[2] must be one of the cluster's log categories"],
      [["kube-audit-admin", "guard", 7], "categories[2] must be a log category name (a string) such as 'kube-audit-admin'; got 7."],
      [["kube-audit-admin", "guard", "GUARD"], "categories[2] repeats categories[1] ('guard'): list each category once."],
      [["kube-audit-admin", "guard", null], "categories[2] must be a log category name (a string) such as 'kube-audit-admin'; got null."],
    ])("the categories %j, naming the entry and listing the known ones", (given, message) => {
      expect(() => logs({ categories: given as any })).toThrow(message);
    });

    it("lists every category Azure knows for a cluster in the message", () => {
      expect(() => logs({ categories: ["kube-audit-admin", "guard", "x"] })).toThrow(
        "categories[2] must be one of the cluster's log categories ('cloud-controller-manager', 'cluster-autoscaler', 'csi-azuredisk-controller', 'csi-azurefile-controller', 'csi-snapshot-controller', 'fleet-mcs-controller-manager', 'fleet-member-agent', 'fleet-member-net-controller-manager', 'guard', 'karpenter-events', 'kube-apiserver', 'kube-audit', 'kube-audit-admin', 'kube-controller-manager', 'kube-scheduler'); got 'x'.",
      );
    });

    it.each([
      ["clusterId", "clusterId is required and must be a non-empty string, e.g. cluster.clusterId; got nothing (the prop is missing)."],
      ["workspaceId", "workspaceId is required and must be a non-empty string, e.g. monitoring.workspaceId; got nothing (the prop is missing)."],
    ])("a JavaScript call without %s, naming it", (prop, message) => {
      expect(() => logs({ [prop]: undefined } as any)).toThrow(message);
    });

    it("a JavaScript call with categories as one string, or no props at all", () => {
      expect(() => logs({ categories: "guard" as any })).toThrow("categories is required and must be an array, e.g. ['kube-audit-admin', 'guard']; got 'guard'.");
      expect(() => new ControlPlaneLogs(testStack(), "Logs", undefined as any)).toThrow("props is required and must be an object");
    });

    it("a list of categories that is a token, because the audit categories cannot be checked", () => {
      const stack = testStack();
      const list = new TerraformVariable(stack, "categories", {}).listValue;
      expect(() => new ControlPlaneLogs(stack, "Logs", { clusterId: CLUSTER_ID, workspaceId: WORKSPACE_ID, categories: list })).toThrow(
        /^categories must be a list known at synth time .* \(at test\/Logs\)$/,
      );
    });

    it("with a ValidationError carrying the construct path", () => {
      let thrown: unknown;
      try {
        logs({ categories: ["kube-apiserver"] });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).path).toBe("test/Logs");
    });
  });
});
