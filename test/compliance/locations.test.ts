// Where the reports point: SARIF results at the construct path and, when recorded, at the line
// of the user's code that created the construct; the app's summary across its stacks.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import "@microsoft/jest-sarif";
import { App, TerraformStack, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { COMPLIANCE_SUMMARY_FILE, Compliance, evaluateTerraform, renderComplianceSummary, renderSarifReport, type JsonObject } from "hardened-aks";
import { creationSite } from "../../lib/compliance/creation-sites";
import { CheckingStackSynthesizer } from "../../lib/private/checking-synthesizer";
import { buildPlatform } from "./compliance-helpers";

const ROOT = path.join(__dirname, "..", "..");
const directories: string[] = [];
afterAll(() => directories.forEach((directory) => fs.rmSync(directory, { recursive: true, force: true })));

/** A fresh directory standing for a project's root. */
function projectRoot(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "project-"));
  directories.push(directory);
  return directory;
}

describe("creationSite: the user's frame of a creation trace, relative to the project root", () => {
  const root = path.join(path.sep, "src", "app");
  const frame = (file: string, line = 12) => `new HardenedCluster (${file}:${line}:7)`;
  const library = path.join(ROOT, "lib", "cluster", "hardened-cluster.ts");
  const dependency = path.join(root, "node_modules", "cdktf", "lib", "terraform-resource.js");

  test.each([
    ["the first frame past the library and node_modules", [frame(dependency), frame(library), frame(path.join(root, "main.ts"), 30)], { file: "main.ts", line: 30 }],
    ["a frame without a function name", [`${path.join(root, "stacks", "prod.ts")}:4:1`], { file: "stacks/prod.ts", line: 4 }],
    ["a file:// URL (ES modules)", [`Object.<anonymous> (file://${path.join(root, "main.mjs")}:9:3)`], { file: "main.mjs", line: 9 }],
    ["a frame outside the project (a linked workspace package) before the user's", [frame(path.join(path.sep, "elsewhere", "shared.ts")), frame(path.join(root, "main.ts"), 8)], { file: "main.ts", line: 8 }],
  ])("%s", (_name, trace, expected) => {
    expect(creationSite(trace, root)).toEqual(expected);
  });

  test.each([
    ["no trace", undefined],
    ["only Node's and the dependencies' frames", ["Module._compile (node:internal/modules/cjs/loader:1105:14)", frame(dependency)]],
    ["the user's frame outside the project root (never a path of the machine)", [frame(path.join(path.sep, "elsewhere", "main.ts"))]],
    ["frames that are not locations", ["<anonymous>", "native"]],
  ])("nothing for %s", (_name, trace) => {
    expect(creationSite(trace, root)).toBeUndefined();
  });

  test("a path with parentheses, and a file URL Node cannot map (skipped, never a crash)", () => {
    const grouped = path.join(root, "(group)", "x.ts");
    expect(creationSite([`at fn (${grouped}:3:1)`], root)).toEqual({ file: "(group)/x.ts", line: 3 });
    expect(creationSite(["at fn (file://host/share/x.ts:1:1)", frame(path.join(root, "main.ts"), 2)], root)).toEqual({ file: "main.ts", line: 2 });
  });

  test("a project root with a space in its path", () => {
    const spaced = path.join(path.sep, "home", "a b", "app");
    expect(creationSite([frame(path.join(spaced, "main.ts"), 5)], spaced)).toEqual({ file: "main.ts", line: 5 });
  });

  test("nothing without a project root", () => {
    expect(creationSite([frame(path.join(root, "main.ts"))], undefined)).toBeUndefined();
  });
});

/** A stack whose cluster turns run command on (API-3 fails), and whose backend is local (OPS-2, stack-level). */
function failingStack(app: App, name: string): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  buildPlatform(stack, { cluster: { runCommandEnabled: true } });
  return stack;
}

describe("SARIF locations without recorded creation sites", () => {
  test("an output directory inside the project root is named from the root; each result has its construct path", () => {
    const root = projectRoot();
    jest.spyOn(process, "cwd").mockReturnValue(root);
    try {
      const app = new App({ outdir: path.join(root, "cdktf.out"), stackTraces: false });
      failingStack(app, "prod");
      Compliance.check(app, { failOnViolation: false });
      app.synth();
      // cdktf records no creation trace unless asked (constructs 10 captures none by default).
      expect(fs.readFileSync(path.join(root, "cdktf.out", "stacks", "prod", "cdk.tf.json"), "utf8")).not.toContain('"stackTrace"');
      const log = JSON.parse(fs.readFileSync(path.join(root, "cdktf.out", "stacks", "prod", "compliance-report.sarif"), "utf8"));
      expect(log).toBeValidSarifLog();
      const [result] = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "API-3");
      expect(result.locations).toEqual([
        {
          physicalLocation: { artifactLocation: { uri: "cdktf.out/stacks/prod/cdk.tf.json", uriBaseId: "PROJECTROOT" } },
          logicalLocations: [{ name: expect.stringMatching(/^azurerm_kubernetes_cluster\./), fullyQualifiedName: "prod/Cluster/Resource", kind: "resource" }],
        },
      ]);
      expect(log.runs[0].originalUriBaseIds).toHaveProperty("PROJECTROOT");
      expect(log.runs[0].artifacts).toEqual([{ location: { uri: "cdktf.out/stacks/prod/cdk.tf.json", uriBaseId: "PROJECTROOT" } }]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  test("a stack-level rule's result is the stack as a module", () => {
    const report = evaluateTerraform({ terraform: { backend: { local: {} } } } as JsonObject, { stackName: "dev" });
    const log = JSON.parse(renderSarifReport(report));
    const ops2 = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "OPS-2");
    expect(ops2.locations[0].logicalLocations).toEqual([{ name: "terraform", fullyQualifiedName: "dev", kind: "module" }]);
    // Outside a synthesis the output directory is unknown: the file is named from it.
    expect(ops2.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "stacks/dev/cdk.tf.json", uriBaseId: "CDKTF_OUT" } });
  });
});

describe("the app's summary across stacks", () => {
  const app = Testing.app();
  const prod = failingStack(app, "prod");
  Compliance.acknowledge(prod, "API-3", "Break-glass access through az aks command invoke, reviewed by security.");
  // dev as production also fails OPS-3 (no prevent_destroy on its cluster).
  Compliance.markProduction(failingStack(app, "dev"));
  Compliance.check(app, { failOnViolation: false });
  app.synth();
  const summary = fs.readFileSync(path.join(app.outdir, COMPLIANCE_SUMMARY_FILE), "utf8");

  test("is written in the output directory and starts with every stack's counts, in the app's order", () => {
    const dev = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "dev", "compliance-report.json"), "utf8"));
    const prodReport = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "prod", "compliance-report.json"), "utf8"));
    expect(summary.startsWith("# Compliance summary\n\n2 stacks checked with rule pack `hardened-aks` v")).toBe(true);
    expect(summary).toContain("; **1 with unacknowledged failures** (dev).");
    // The last stack's write holds them all: none is left as not checked.
    expect(summary).not.toContain("Not checked");
    const rows = summary.split("\n").filter((line) => /^\| (prod|dev) \| (yes|no) \|/.test(line));
    expect(rows).toEqual([
      `| prod | no | ${prodReport.summary.pass} | 0 | 1 | ${prodReport.summary.notApplicable} | [stacks/prod/compliance-report.md](stacks/prod/compliance-report.md) |`,
      `| dev | yes | ${dev.summary.pass} | **2** | 0 | ${dev.summary.notApplicable} | [stacks/dev/compliance-report.md](stacks/dev/compliance-report.md) |`,
    ]);
  });

  test("lists every acknowledgement with its reason, and the failures", () => {
    expect(summary).toMatch(
      /\| prod \| \[API-3\]\(https:\/\/learn\.microsoft\.com\/azure\/aks\/access-private-cluster\) \| `azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+` \| `prod` \| Break-glass access through az aks command invoke, reviewed by security\. \|/,
    );
    expect(summary).toMatch(/## Failures\n\n- dev: API-3 on `azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+` \(`dev\/Cluster\/Resource`\): run_command_enabled is true.*\n- dev: OPS-3 on /);
  });

  test("renders from the stacks' JSON reports byte for byte", () => {
    const reports = ["prod", "dev"].map((name) => JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", name, "compliance-report.json"), "utf8")));
    expect(renderComplianceSummary(reports)).toBe(summary);
  });

  test("when a failing stack stops the synthesis, names the stacks it never reached", () => {
    const stopped = Testing.app();
    Compliance.markProduction(failingStack(stopped, "first"));
    failingStack(stopped, "second");
    Compliance.check(stopped);
    expect(() => stopped.synth()).toThrow(/OPS-3/);
    const written = fs.readFileSync(path.join(stopped.outdir, COMPLIANCE_SUMMARY_FILE), "utf8");
    expect(written).toContain("1 stack checked with rule pack");
    expect(written).toContain("Not checked: synthesis stopped before `second`.");
    // The failing stack's cdk.tf.json is gone: every result (code scanning refuses one without a
    // physical location) points at the JSON report written beside it.
    expect(fs.existsSync(path.join(stopped.outdir, "stacks", "first", "cdk.tf.json"))).toBe(false);
    const sarif = JSON.parse(fs.readFileSync(path.join(stopped.outdir, "stacks", "first", "compliance-report.sarif"), "utf8"));
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(["stacks/first/compliance-report.json"]);
    const ops3 = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "OPS-3");
    expect(ops3.locations[0].physicalLocation.artifactLocation.uri).toBe("stacks/first/compliance-report.json");
    expect(sarif.runs[0].results.every((r: { locations: { physicalLocation?: unknown }[] }) => r.locations[0].physicalLocation !== undefined)).toBe(true);
    expect(ops3.locations[0].logicalLocations[0]).toMatchObject({ fullyQualifiedName: "first/Cluster/Resource", kind: "resource" });
  });

  test("a stack removed by another check (not compliance) has its SARIF pointing at the JSON report", () => {
    const other = Testing.app();
    const stack = failingStack(other, "only");
    Compliance.check(other, { failOnViolation: false });
    // Another check of the stack's synthesis fails (as the deployment check or parity can).
    CheckingStackSynthesizer.of(stack).addCheck({ check: () => ["another check failed"] });
    expect(() => other.synth()).toThrow(/another check failed/);
    expect(fs.existsSync(path.join(other.outdir, "stacks", "only", "cdk.tf.json"))).toBe(false);
    const sarif = JSON.parse(fs.readFileSync(path.join(other.outdir, "stacks", "only", "compliance-report.sarif"), "utf8"));
    expect(sarif.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(["stacks/only/compliance-report.json"]);
  });

  test("is not written when the Markdown reports are not", () => {
    const quiet = Testing.app();
    failingStack(quiet, "dev");
    Compliance.check(quiet, { failOnViolation: false, reports: { markdown: false } });
    quiet.synth();
    expect(fs.existsSync(path.join(quiet.outdir, COMPLIANCE_SUMMARY_FILE))).toBe(false);
  });

  test("says so when nothing is acknowledged and nothing fails", () => {
    expect(renderComplianceSummary([])).toContain("## Acknowledgements\n\nNone: no rule is acknowledged in any stack.\n");
    expect(renderComplianceSummary([])).toContain("0 stacks checked with rule pack ; no unacknowledged failure.");
  });
});
