// MON-1's workspace part: ClusterMonitoring's two opt-outs (shared-key access, a daily cap)
// raise findings, so they need a written acknowledgement like every other opt-out (OPS-5).
import { ClusterMonitoring, Compliance } from "hardened-aks";
import { PLACEMENT, testStack } from "../helpers";
import { evaluate, failingRules, problemsOf, remoteState, ruleResult, violationsOf } from "./compliance-helpers";

function workspaceStack(props: { localAuthenticationEnabled?: boolean; dailyQuotaGb?: number } = {}) {
  const stack = testStack();
  remoteState(stack);
  const monitoring = new ClusterMonitoring(stack, "Monitoring", { ...PLACEMENT, workspaceName: "log-test", ...props });
  return { stack, monitoring };
}

describe("MON-1 on the workspace", () => {
  test("passes on the workspace's defaults: Entra ID only, no cap", () => {
    const report = evaluate(workspaceStack().stack);
    expect(ruleResult(report, "MON-1").status).toBe("pass");
    expect(failingRules(report)).toEqual([]);
  });

  test("fails a workspace that accepts its shared key", () => {
    const report = evaluate(workspaceStack({ localAuthenticationEnabled: true }).stack);
    expect(violationsOf(report, "MON-1")).toEqual([expect.stringMatching(/azurerm_log_analytics_workspace\..*local_authentication_enabled is true; it must be false/)]);
  });

  test("fails a workspace with a daily cap, also when set by override", () => {
    expect(violationsOf(evaluate(workspaceStack({ dailyQuotaGb: 5 }).stack), "MON-1")).toEqual([
      expect.stringMatching(/daily_quota_gb is 5: logs past the cap, audit logs included, are dropped/),
    ]);
    const { stack, monitoring } = workspaceStack();
    monitoring.resource.addOverride("daily_quota_gb", 1);
    expect(violationsOf(evaluate(stack), "MON-1")).toHaveLength(1);
  });

  test("an unset local_authentication_enabled fails: the provider's default is true", () => {
    expect(problemsOf("MON-1", { resource: { azurerm_log_analytics_workspace: { W: {} } } }, "azurerm_log_analytics_workspace.W")).toEqual([
      "local_authentication_enabled is not set (the provider then deploys true); it must be false",
    ]);
  });

  test("the opt-out is acknowledged with its reason", () => {
    const { stack, monitoring } = workspaceStack({ localAuthenticationEnabled: true });
    Compliance.acknowledge(monitoring, "MON-1", "A legacy SIEM forwarder still reads with the workspace key until Q3.");
    expect(ruleResult(evaluate(stack), "MON-1").status).toBe("acknowledged");
  });
});
