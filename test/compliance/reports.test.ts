// The wiring: synthesis fails on violations, and app.synth() writes the three reports next to
// each stack's cdk.tf.json, deterministic and valid (SARIF against the SARIF 2.1.0 schema).
import * as fs from "fs";
import * as path from "path";
import "@microsoft/jest-sarif";
import { App, TerraformStack, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  COMPLIANCE_REPORT_FILES,
  Compliance,
  HARDENED_AKS_PACK,
  ValidationError,
  renderMarkdownReport,
  renderSarifReport,
  type HardenedClusterProps,
} from "hardened-aks";
import { HARDENED_AKS_RULES } from "../../lib/compliance/hardened-aks-pack";
import { SARIF_SCHEMA } from "../../lib/compliance/reports";
import { buildPlatform } from "./compliance-helpers";

const RULES = HARDENED_AKS_RULES.length;
const PENDING = HARDENED_AKS_PACK.notYetEvaluated.length;

/** An app (temporary outdir) with one platform stack (the library's defaults, remote state). */
function clusterApp(props: Partial<HardenedClusterProps> = {}, stackName = "prod"): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, stackName);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  buildPlatform(stack, { cluster: props });
  return { app, stack };
}

/** How many rules apply to the Azure platform stack (the K8S rules do not). */
/** Rules about in-cluster resources only (the K8S family, IMG-4 on workloads) do not apply to an Azure stack. */
const inCluster = (rule: { readonly resourceTypes: readonly string[] }) => rule.resourceTypes.length > 0 && rule.resourceTypes.every((type) => type.startsWith("kubernetes_"));
const APPLICABLE = HARDENED_AKS_RULES.filter((rule) => !inCluster(rule)).length;

function readReports(app: App, stackName = "prod") {
  const dir = path.join(app.outdir, "stacks", stackName);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
  return { dir, json: read(COMPLIANCE_REPORT_FILES.json), markdown: read(COMPLIANCE_REPORT_FILES.markdown), sarif: read(COMPLIANCE_REPORT_FILES.sarif) };
}

describe("app.synth() with Compliance.check(app)", () => {
  const { app } = clusterApp();
  Compliance.check(app);
  app.synth();
  const reports = readReports(app);

  test("writes the JSON, Markdown and SARIF reports next to the stack's cdk.tf.json", () => {
    expect(fs.readdirSync(reports.dir).sort()).toEqual(
      ["cdk.tf.json", COMPLIANCE_REPORT_FILES.json, COMPLIANCE_REPORT_FILES.markdown, COMPLIANCE_REPORT_FILES.sarif].sort(),
    );
  });

  test("the JSON report lists every rule with its status, for tools", () => {
    const json = JSON.parse(reports.json);
    expect(json).toMatchObject({
      format: "hardened-aks/compliance-report",
      formatVersion: 2,
      stack: "prod",
      terraformFile: "stacks/prod/cdk.tf.json",
      production: false,
      pack: { name: HARDENED_AKS_PACK.name, version: HARDENED_AKS_PACK.version },
      summary: { rules: RULES, pass: APPLICABLE, fail: 0, acknowledged: 0, notApplicable: RULES - APPLICABLE, notYetEvaluated: PENDING },
    });
    expect(json.rules.map((r: { rule: { id: string }; status: string }) => r.status)).toEqual(
      HARDENED_AKS_RULES.map((rule) => (inCluster(rule) ? "not-applicable" : "pass")),
    );
    expect(json.rules[0].rule).toMatchObject({ id: "IAM-1", severity: "high", mappings: { checkov: ["CKV_AZURE_5"] } });
  });

  test("the Markdown report has the counts and a row per rule, for reviewers", () => {
    expect(reports.markdown).toContain(
      `**${RULES} rules: ${APPLICABLE} pass, 0 FAIL, 0 acknowledged, ${RULES - APPLICABLE} not applicable.** ${PENDING} catalogue controls are not evaluated per stack (listed below).`,
    );
    // Each rule id links to the rule's first reference.
    expect(reports.markdown).toContain("| [IAM-2](https://learn.microsoft.com/azure/aks/local-accounts) | Local accounts disabled (no static admin kubeconfig) | high | pass | 1 |");
    expect(reports.markdown).toContain(
      "| [K8S-1](https://learn.microsoft.com/azure/aks/use-psa) | Every namespace the stack creates enforces, audits and warns on Pod Security Standards restricted | high | not applicable | 0 |",
    );
    expect(reports.markdown).toMatch(/\n- EGR-3: Pods cannot reach the instance metadata endpoint\. Its evidence is in-cluster: K8S-3 checks it/);
    expect(reports.markdown).not.toContain("Evaluated as a production stack");
  });

  test("the SARIF report is a valid SARIF 2.1.0 log with every rule and no result", () => {
    const sarif = JSON.parse(reports.sarif);
    expect(sarif).toBeValidSarifLog();
    expect(sarif).toMatchObject({ $schema: SARIF_SCHEMA, version: "2.1.0" });
    const run = sarif.runs[0];
    expect(run.tool.driver.rules).toHaveLength(RULES);
    expect(run.tool.driver.rules[1]).toMatchObject({
      id: "IAM-2",
      name: "LocalAccountsDisabled",
      shortDescription: { text: "Local accounts disabled (no static admin kubeconfig)" },
      helpUri: "https://learn.microsoft.com/azure/aks/local-accounts",
      help: { text: expect.stringMatching(/^Fix: .* References: AKS: Manage local accounts with Microsoft Entra integration \(https:\/\/learn\.microsoft\.com\/azure\/aks\/local-accounts\)/) },
      defaultConfiguration: { level: "error" },
      properties: {
        severity: "high",
        "security-severity": "8.0",
        tags: expect.arrayContaining(["security", "CKV_AZURE_141", "CIS-AKS-5.5.1"]),
        references: HARDENED_AKS_RULES[1].references.map(({ title, url }) => ({ title, url })),
      },
    });
    expect(run.tool.driver.rules[1].properties).not.toHaveProperty("seeds");
    // Every rule links to guidance: code scanning shows helpUri as the rule's "learn more".
    expect(run.tool.driver.rules.filter((rule: { helpUri?: string }) => !rule.helpUri?.startsWith("https://")).map((rule: { id: string }) => rule.id)).toEqual([]);
    expect(run.results).toEqual([]);
    expect(run.properties.ruleStatuses).toHaveLength(RULES);
    expect(run.properties.production).toBe(false);
  });

  test("nothing machine- or time-specific: no output directory, no absolute path, no timestamp", () => {
    for (const text of [reports.json, reports.markdown, reports.sarif]) {
      expect(text).not.toContain(app.outdir);
      expect(text).not.toMatch(/"\/(home|root|tmp|work|Users|var)\//);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }
  });

  test("the JSON report holds the whole report: the Markdown and SARIF ones render from it byte for byte", () => {
    const parsed = JSON.parse(reports.json);
    expect(renderMarkdownReport(parsed)).toBe(reports.markdown);
    expect(renderSarifReport(parsed)).toBe(reports.sarif);
  });

  test("are byte-identical on a second synthesis of the same app", () => {
    const again = clusterApp();
    Compliance.check(again.app);
    again.app.synth();
    const second = readReports(again.app);
    expect([second.json, second.markdown, second.sarif]).toEqual([reports.json, reports.markdown, reports.sarif]);
  });
});

describe("a violation", () => {
  test("fails Testing.synth with validations on, naming the resource, the rule and the fix", () => {
    const { stack } = clusterApp({ runCommandEnabled: true });
    Compliance.check(stack);
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[prod\] API-3 \(Run command disabled unless asked for\) fails on azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+ at prod\/Cluster\/Resource: run_command_enabled is true; it must be false\. Fix: Leave runCommandEnabled unset/,
    );
  });

  test("lists every violation in one error", () => {
    const { stack } = clusterApp({ runCommandEnabled: true, skuTier: "Free" });
    Compliance.check(stack);
    expect(() => Testing.synth(stack, true)).toThrow(/API-3 .*\n\s+\[prod\] NODE-4 /);
  });

  test("fails app.synth(), and the reports are still written, with the failure in all three", () => {
    const { app } = clusterApp({ runCommandEnabled: true });
    Compliance.check(app);
    expect(() => app.synth()).toThrow(/API-3 \(Run command disabled unless asked for\) fails on/);
    const { json, markdown, sarif } = readReports(app);
    expect(JSON.parse(json).summary).toMatchObject({ fail: 1 });
    expect(markdown).toContain("| [API-3](https://learn.microsoft.com/azure/aks/access-private-cluster) | Run command disabled unless asked for | medium | **FAIL** | 1 of 1 failing |");
    expect(markdown).toMatch(/## Failures\n\n### API-3: Run command disabled unless asked for\n\n- `azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+` \(`prod\/Cluster\/Resource`\): run_command_enabled is true; it must be false\n\nFix: /);
    expect(markdown).toContain(
      "References: [AKS: Access a private cluster with command invoke or run command (and disable it)](https://learn.microsoft.com/azure/aks/access-private-cluster)\n",
    );
    const log = JSON.parse(sarif);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results).toEqual([
      {
        ruleId: "API-3",
        ruleIndex: 7,
        kind: "fail",
        level: "warning",
        message: { text: expect.stringMatching(/^azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+ \(prod\/Cluster\/Resource\): run_command_enabled is true; it must be false\. Fix: /) },
        // The failed synthesis removed stacks/prod/cdk.tf.json: the result points at the JSON report beside it.
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: "stacks/prod/compliance-report.json", uriBaseId: "CDKTF_OUT" } },
            logicalLocations: [{ name: expect.stringMatching(/^azurerm_kubernetes_cluster\./), fullyQualifiedName: "prod/Cluster/Resource", kind: "resource" }],
          },
        ],
        partialFingerprints: { "hardenedAksResource/v1": expect.stringMatching(/^API-3:prod:azurerm_kubernetes_cluster\./) },
      },
    ]);
  });

  test("with an acknowledgement, synthesizes and lands in SARIF as a suppressed result that still validates", () => {
    const { app, stack } = clusterApp({ runCommandEnabled: true });
    Compliance.acknowledge(stack, "API-3", "The break-glass runbook uses az aks command invoke; reviewed by security.");
    Compliance.check(app);
    expect(() => app.synth()).not.toThrow();
    const log = JSON.parse(readReports(app).sarif);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results[0].suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "The break-glass runbook uses az aks command invoke; reviewed by security.", properties: { scope: "prod" } },
    ]);
  });
});

describe("options and misuse", () => {
  test("failOnViolation false only reports", () => {
    const { app } = clusterApp({ runCommandEnabled: true });
    Compliance.check(app, { failOnViolation: false });
    expect(() => app.synth()).not.toThrow();
    expect(JSON.parse(readReports(app).json).summary.fail).toBe(1);
  });

  test.each([
    [{ markdown: false, sarif: false }, [COMPLIANCE_REPORT_FILES.json]],
    [{ sarif: false }, [COMPLIANCE_REPORT_FILES.json, COMPLIANCE_REPORT_FILES.markdown]],
    [{ markdown: false }, [COMPLIANCE_REPORT_FILES.json, COMPLIANCE_REPORT_FILES.sarif]],
  ])("reports %j writes the JSON report and only the others asked for", (formats, files) => {
    const { app } = clusterApp();
    Compliance.check(app, { reports: formats });
    app.synth();
    expect(fs.readdirSync(path.join(app.outdir, "stacks", "prod")).sort()).toEqual(["cdk.tf.json", ...files].sort());
  });

  test("writeReports false writes none", () => {
    const { app } = clusterApp();
    Compliance.check(app, { writeReports: false });
    app.synth();
    expect(fs.readdirSync(path.join(app.outdir, "stacks", "prod"))).toEqual(["cdk.tf.json"]);
  });

  test("checking a stack twice (by itself, then through its app) does not double its violations", () => {
    const { app, stack } = clusterApp({ runCommandEnabled: true });
    Compliance.check(stack);
    Compliance.check(app);
    let message = "";
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.match(/\[prod\] API-3 /g)).toHaveLength(1);
  });

  test("a stack created after Compliance.check(app) fails app.synth() with a clear message", () => {
    const { app } = clusterApp();
    Compliance.check(app);
    new TerraformStack(app, "late");
    expect(() => app.synth()).toThrow(/Stack 'late' was created after Compliance\.check\(app\), so its compliance was not checked/);
  });

  test("an app without stacks, or a construct that is neither app nor stack, is rejected", () => {
    expect(() => Compliance.check(Testing.app())).toThrow(ValidationError);
    expect(() => Compliance.check(Testing.app())).toThrow(/the app has no stack yet/);
    const { stack } = clusterApp();
    expect(() => Compliance.check(stack.node.findChild("Cluster") as unknown as TerraformStack)).toThrow(
      /Compliance\.check takes an App or a TerraformStack; got the construct at 'prod\/Cluster'/,
    );
  });

  test("the SARIF validator does reject a log that breaks the schema", () => {
    expect({ version: "2.0.0", runs: [] }).not.toBeValidSarifLog();
    expect({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "A", level: "fatal", message: { text: "m" } }] }] }).not.toBeValidSarifLog();
  });
});
