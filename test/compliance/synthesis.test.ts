// How the checks ride on synthesis: each stack's own synthesizer writes it, once; the rules
// then evaluate what it wrote (after the aspects), the reports land next to it, and a
// violation fails the synthesis without leaving the stack's Terraform behind. HCL output too.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Aspects, TerraformResource, TerraformStack, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { COMPLIANCE_REPORT_FILES, Compliance } from "hardened-aks";
import { buildPlatform, platformApp, remoteState } from "./compliance-helpers";
import { PLACEMENT } from "../helpers";

/** The files of a stack's directory after a synthesis. */
const filesOf = (app: App, stack: string) => fs.readdirSync(path.join(app.outdir, "stacks", stack)).sort();

const readJsonReport = (app: App, stack: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", stack, COMPLIANCE_REPORT_FILES.json), "utf8"));

/** Counts the stack resolutions `fn` makes, by stack id. */
function resolutionsDuring(fn: () => void): string[] {
  const resolve = jest.spyOn(TerraformStack.prototype, "toTerraform");
  try {
    fn();
    return resolve.mock.contexts.map((stack) => (stack as TerraformStack).node.id);
  } finally {
    resolve.mockRestore();
  }
}

describe("app.synth() with Compliance.check(app)", () => {
  test("resolves each stack once: the rules read the Terraform the stack's synthesis wrote", () => {
    const { app } = platformApp();
    Compliance.check(app);
    expect(resolutionsDuring(() => app.synth())).toEqual(["platform", "platform-baseline"]);
    expect(readJsonReport(app, "platform").summary.fail).toBe(0);
  });

  test("evaluates the Terraform after the stack's aspects, as written", () => {
    const { app, platform } = platformApp();
    Aspects.of(platform.stack).add({
      visit: (node) => {
        if (node instanceof TerraformResource && node.terraformResourceType === "azurerm_kubernetes_cluster") node.addOverride("run_command_enabled", true);
      },
    });
    Compliance.check(app);
    expect(() => app.synth()).toThrow(/\[platform\] API-3 \(Run command disabled unless asked for\) fails on azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+/);
  });

  test("a violation leaves the reports and no Terraform file for the failing stack", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "prod");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    buildPlatform(stack, { cluster: { runCommandEnabled: true } });
    Compliance.check(app);
    expect(() => app.synth()).toThrow(/API-3 /);
    expect(filesOf(app, "prod")).toEqual([COMPLIANCE_REPORT_FILES.json, COMPLIANCE_REPORT_FILES.markdown, COMPLIANCE_REPORT_FILES.sarif].sort());
  });

  test("writes the reports also when the synthesis fails for another reason", () => {
    const { app, platform } = platformApp();
    platform.stack.node.addValidation({ validate: () => ["an unrelated problem"] });
    Compliance.check(app);
    expect(() => app.synth()).toThrow(/\[platform\] an unrelated problem/);
    expect(readJsonReport(app, "platform").summary).toMatchObject({ fail: 0 });
  });
});

describe("HCL output (cdk.tf), with the provider's generated classes", () => {
  /**
   * An app that writes HCL. cdktf 0.21's stacks write HCL only when SYNTH_HCL_OUTPUT is set
   * as they are created (the CLI sets it from cdktf.json's hclOutput); `hclOutput: true`
   * alone names the file cdk.tf but writes JSON into it.
   */
  function hclApp(build: (stack: TerraformStack) => void): { app: App; stack: TerraformStack } {
    const previous = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = "true";
    try {
      const app = new App({ hclOutput: true, outdir: fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-hcl-")) });
      const stack = new TerraformStack(app, "hcl");
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      remoteState(stack);
      new ResourceGroup(stack, "Group", { name: PLACEMENT.resourceGroupName, location: PLACEMENT.location });
      build(stack);
      return { app, stack };
    } finally {
      if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = previous;
    }
  }

  const bareCluster = (stack: TerraformStack) =>
    new KubernetesCluster(stack, "Own", { ...PLACEMENT, name: "aks-own", dnsPrefix: "own", defaultNodePool: { name: "system", vmSize: "Standard_D4ds_v5" } });

  test("writes cdk.tf and the reports, the rules evaluating the JSON form of the same stack", () => {
    const { app } = hclApp(() => undefined);
    Compliance.check(app);
    const resolutions = resolutionsDuring(() => app.synth());
    expect(fs.readFileSync(path.join(app.outdir, "stacks", "hcl", "cdk.tf"), "utf8")).toMatch(/^resource "azurerm_resource_group" "Group" \{$/m);
    expect(filesOf(app, "hcl")).toEqual(["cdk.tf", COMPLIANCE_REPORT_FILES.json, COMPLIANCE_REPORT_FILES.markdown, COMPLIANCE_REPORT_FILES.sarif, "metadata.json"].sort());
    const report = readJsonReport(app, "hcl");
    expect(report).toMatchObject({ terraformFile: "stacks/hcl/cdk.tf", summary: { fail: 0 } });
    expect(report.rules.find((r: { rule: { id: string } }) => r.rule.id === "OPS-2").status).toBe("pass");
    // The JSON form is resolved once for the rules; cdk.tf comes from cdktf's HCL rendering.
    expect(resolutions).toEqual(["hcl"]);
  });

  test("a violation still fails synthesis, and the report names it", () => {
    const { app } = hclApp(bareCluster);
    Compliance.check(app);
    expect(() => app.synth()).toThrow(/\[hcl\] IAM-2 \(.*\) fails on azurerm_kubernetes_cluster\.Own at hcl\/Own: /);
    expect(readJsonReport(app, "hcl").rules.find((r: { rule: { id: string } }) => r.rule.id === "IAM-2").status).toBe("fail");
  });

  test("with failOnViolation false, the violating stack is written as HCL and reported", () => {
    const { app } = hclApp(bareCluster);
    Compliance.check(app, { failOnViolation: false });
    app.synth();
    expect(fs.readFileSync(path.join(app.outdir, "stacks", "hcl", "cdk.tf"), "utf8")).toMatch(/^resource "azurerm_kubernetes_cluster" "Own" \{$/m);
    expect(readJsonReport(app, "hcl").summary.fail).toBeGreaterThan(0);
  });
});
