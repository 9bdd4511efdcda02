// Compliance.markProduction: production stacks are evaluated as such (OPS-3 then protects the
// cluster too), and reports say so.
import { TerraformStack, Testing } from "cdktf";
import { Compliance, renderMarkdownReport, renderSarifReport } from "hardened-aks";
import { PRODUCTION_METADATA_TYPE } from "../../lib/compliance/compliance";
import { evaluate, platformStack, ruleResult } from "./compliance-helpers";

const clusterOps3 = (stack: TerraformStack) =>
  ruleResult(evaluate(stack), "OPS-3").resources.find((r) => r.address.startsWith("azurerm_kubernetes_cluster."));

describe("Compliance.markProduction", () => {
  test("on a stack: the stack is production, and OPS-3 asks its cluster for prevent_destroy", () => {
    const { stack } = platformStack();
    expect(Compliance.isProduction(stack)).toBe(false);
    expect(clusterOps3(stack)?.status).toBe("pass");

    Compliance.markProduction(stack);
    expect(Compliance.isProduction(stack)).toBe(true);
    expect(clusterOps3(stack)).toMatchObject({
      status: "fail",
      problems: ["lifecycle.prevent_destroy is not true in a production stack: a plan that replaces or deletes the cluster would go through"],
    });
  });

  test("a production cluster with prevent_destroy passes", () => {
    const { stack, cluster } = platformStack();
    Compliance.markProduction(stack);
    cluster.resource.lifecycle = { ...cluster.resource.lifecycle, preventDestroy: true };
    expect(clusterOps3(stack)?.status).toBe("pass");
    expect(evaluate(stack).summary.fail).toBe(0);
  });

  test("on the app: every stack of the app is production", () => {
    const app = Testing.app();
    const a = new TerraformStack(app, "a");
    const b = new TerraformStack(app, "b");
    Compliance.markProduction(app);
    expect([Compliance.isProduction(a), Compliance.isProduction(b)]).toEqual([true, true]);
  });

  test("on a construct inside a stack: that stack is production, its siblings are not", () => {
    const { stack, cluster } = platformStack();
    const sibling = new TerraformStack(stack.node.scope!, "sibling");
    Compliance.markProduction(cluster);
    expect([Compliance.isProduction(stack), Compliance.isProduction(sibling)]).toEqual([true, false]);
  });

  test("marking twice is harmless: one marker", () => {
    const { stack } = platformStack();
    Compliance.markProduction(stack);
    Compliance.markProduction(stack);
    expect(stack.node.metadata.filter((m) => m.type === PRODUCTION_METADATA_TYPE)).toHaveLength(1);
  });

  test("the reports say the stack was evaluated as production", () => {
    const { stack } = platformStack();
    Compliance.markProduction(stack);
    const report = evaluate(stack);
    expect(report.production).toBe(true);
    expect(renderMarkdownReport(report)).toContain("Evaluated as a production stack (Compliance.markProduction).");
    expect(JSON.parse(renderSarifReport(report)).runs[0].properties.production).toBe(true);
  });

  test("fails synthesis of a production stack whose cluster can be destroyed, naming OPS-3", () => {
    const { stack } = platformStack();
    Compliance.markProduction(stack);
    Compliance.check(stack);
    expect(() => Testing.synth(stack, true)).toThrow(/OPS-3 \(.*\) fails on azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+ at test\/Cluster\/Resource: lifecycle\.prevent_destroy is not true in a production stack/);
  });
});
