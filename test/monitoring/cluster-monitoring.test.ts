import { TerraformOutput, TerraformVariable } from "cdktf";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { ClusterMonitoring, ValidationError, type ClusterMonitoringProps } from "hardened-aks";
import { DEFAULT_LOG_RETENTION_DAYS } from "../../lib/monitoring/cluster-monitoring";
import { PLACEMENT, only, synth, testStack } from "../helpers";

/** A workspace built with the given props (on top of valid defaults) in a fresh stack. */
function monitoring(props: Partial<ClusterMonitoringProps> = {}) {
  const stack = testStack();
  const construct = new ClusterMonitoring(stack, "Monitoring", { ...PLACEMENT, workspaceName: "log-test", ...props });
  return { stack, construct };
}

/** The synthesized workspace of a ClusterMonitoring built with the given props. */
function workspace(props: Partial<ClusterMonitoringProps> = {}): Record<string, any> {
  return only(synth(monitoring(props).stack), "azurerm_log_analytics_workspace");
}

describe("ClusterMonitoring", () => {
  it("creates a pay-as-you-go workspace keeping logs 90 days, without shared keys, protected from destroy", () => {
    expect(workspace({ tags: { env: "test" } })).toEqual({
      name: "log-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku: "PerGB2018",
      retention_in_days: 90,
      local_authentication_enabled: false,
      tags: { env: "test" },
      lifecycle: { prevent_destroy: true },
    });
  });

  it("keeps logs 90 days by default", () => {
    expect(DEFAULT_LOG_RETENTION_DAYS).toBe(90);
    expect(workspace().retention_in_days).toBe(90);
  });

  it("turns shared-key authentication off even when the prop is not given", () => {
    expect(workspace()).toHaveProperty("local_authentication_enabled", false);
  });

  it("protects the workspace, which holds the audit trail, from terraform destroy", () => {
    expect(workspace().lifecycle).toEqual({ prevent_destroy: true });
  });

  it("sets no daily cap by default, so audit logs are never dropped", () => {
    expect(workspace()).not.toHaveProperty("daily_quota_gb");
  });

  it("applies the retention, daily cap and shared-key setting given", () => {
    expect(workspace({ retentionInDays: 365, dailyQuotaGb: 5, localAuthenticationEnabled: true })).toMatchObject({
      retention_in_days: 365,
      daily_quota_gb: 5,
      local_authentication_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("accepts retention at both ends of Log Analytics' range", () => {
    expect(workspace({ retentionInDays: 30 }).retention_in_days).toBe(30);
    expect(workspace({ retentionInDays: 730 }).retention_in_days).toBe(730);
  });

  it.each(["log1", "log-aks-prod-westeurope-01", "L".repeat(63), "1abc"])("accepts the workspace name '%s'", (workspaceName) => {
    expect(workspace({ workspaceName }).name).toBe(workspaceName);
  });

  it("exposes the workspace id as a reference to the workspace", () => {
    const { stack, construct } = monitoring();
    new TerraformOutput(stack, "id", { value: construct.workspaceId });
    const json = synth(stack);
    const logicalId = Object.keys(json.resource.azurerm_log_analytics_workspace)[0];
    expect(json.output.id.value).toBe(`\${azurerm_log_analytics_workspace.${logicalId}.id}`);
  });

  it("accepts a resource group name and location that are tokens", () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, "Group", { name: "rg-test", location: "westeurope" });
    new ClusterMonitoring(stack, "Monitoring", { resourceGroupName: group.name, location: group.location, workspaceName: "log-test" });
    expect(only(synth(stack), "azurerm_log_analytics_workspace")).toMatchObject({
      resource_group_name: "${azurerm_resource_group.Group.name}",
      location: "${azurerm_resource_group.Group.location}",
    });
  });

  it("accepts a workspace name, retention and daily cap that are tokens", () => {
    const stack = testStack();
    const variable = (id: string) => new TerraformVariable(stack, id, {});
    new ClusterMonitoring(stack, "Monitoring", {
      ...PLACEMENT,
      workspaceName: variable("name").stringValue,
      retentionInDays: variable("retention").numberValue,
      dailyQuotaGb: variable("cap").numberValue,
    });
    expect(only(synth(stack), "azurerm_log_analytics_workspace")).toMatchObject({
      name: "${var.name}",
      retention_in_days: "${var.retention}",
      daily_quota_gb: "${var.cap}",
    });
  });

  describe("rejects", () => {
    it.each([
      ["3 characters", "log"],
      ["64 characters", "l".repeat(64)],
      ["a leading hyphen", "-log-test"],
      ["a trailing hyphen", "log-test-"],
      ["an underscore", "log_test"],
      ["a period", "log.test"],
      ["a space", "log test"],
    ])("a workspace name with %s", (_, workspaceName) => {
      expect(() => monitoring({ workspaceName })).toThrow(
        `workspaceName must be 4-63 letters, digits or hyphens, starting and ending with a letter or digit (Azure's rule for Log Analytics workspaces); got '${workspaceName}'. (at test/Monitoring)`,
      );
    });

    it.each([29, 731, 0, 90.5])("retention of %d days", (retentionInDays) => {
      expect(() => monitoring({ retentionInDays })).toThrow(
        `retentionInDays must be a whole number from 30 to 730 (Log Analytics' retention range); got ${retentionInDays}. (at test/Monitoring)`,
      );
    });

    it.each([0, -1, Number.NaN])("a daily cap of %d GB, which would drop every log", (dailyQuotaGb) => {
      expect(() => monitoring({ dailyQuotaGb })).toThrow(
        new RegExp(`^dailyQuotaGb must be a number of GB greater than 0; got ${dailyQuotaGb}\\. .*leave dailyQuotaGb unset for no cap\\.`),
      );
    });

    it.each([
      [{ workspaceName: undefined }, "workspaceName is required and must be a non-empty string, e.g. 'log-aks-prod'; got nothing (the prop is missing)."],
      [{ workspaceName: null }, "workspaceName is required and must be a non-empty string, e.g. 'log-aks-prod'; got null."],
      [{ resourceGroupName: undefined }, "resourceGroupName is required and must be a non-empty string, e.g. 'rg-aks-prod'; got nothing (the prop is missing)."],
      [{ location: 7 }, "location is required and must be a non-empty string, e.g. 'westeurope'; got 7."],
      [{ retentionInDays: "90" }, "retentionInDays must be a number; got '90'."],
      [{ dailyQuotaGb: "5" }, "dailyQuotaGb must be a number; got '5'."],
      [{ localAuthenticationEnabled: "false" }, "localAuthenticationEnabled must be a boolean; got 'false'."],
      [{ location: "west_europe" }, "location must be an Azure region name such as 'westeurope' (or 'West Europe'); got 'west_europe'."],
      [{ resourceGroupName: "rg?" }, "resourceGroupName must be 1-90 letters"],
      [{ tags: { ["x".repeat(129)]: "y" } }, "must be 1-128 characters"],
    ])("the JavaScript-style value %j, naming the prop", (props, message) => {
      expect(() => monitoring(props as any)).toThrow(message);
    });

    it("a JavaScript call without props", () => {
      expect(() => new ClusterMonitoring(testStack(), "Monitoring", undefined as any)).toThrow("props is required and must be an object");
    });

    it("with a ValidationError carrying the construct path", () => {
      let thrown: unknown;
      try {
        monitoring({ retentionInDays: 7 });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).path).toBe("test/Monitoring");
    });
  });
});

describe("ClusterMonitoring.fromExistingWorkspace", () => {
  it("returns the given workspace id and creates nothing", () => {
    const stack = testStack();
    const before = stack.node.findAll().length;
    const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-shared";
    expect(ClusterMonitoring.fromExistingWorkspace(id)).toEqual({ workspaceId: id });
    expect(stack.node.findAll()).toHaveLength(before);
  });

  it("accepts a workspace id that is a token", () => {
    const { construct } = monitoring();
    expect(ClusterMonitoring.fromExistingWorkspace(construct.workspaceId).workspaceId).toBe(construct.workspaceId);
  });
});
