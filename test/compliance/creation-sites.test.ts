// recordCreationSites(): SARIF results point at the line of the user's code that created the
// construct. In its own file: the call patches the construct library this file loaded, for
// the rest of the file (jest gives each test file its own modules).
import * as fs from "fs";
import * as path from "path";
import "@microsoft/jest-sarif";
import { Testing, TerraformStack, type App } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Compliance, recordCreationSites } from "hardened-aks";
import { buildPlatform } from "./compliance-helpers";

const ROOT = path.join(__dirname, "..", "..");

/** A stack whose cluster turns run command on (API-3 fails). */
function failingStack(app: App, name: string): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  buildPlatform(stack, { cluster: { runCommandEnabled: true } });
  return stack;
}

describe("SARIF locations with recordCreationSites()", () => {
  recordCreationSites();
  recordCreationSites(); // a second call changes nothing

  const app = Testing.app();
  failingStack(app, "prod");
  Compliance.check(app, { failOnViolation: false });
  app.synth();
  const read = (file: string) => fs.readFileSync(path.join(app.outdir, "stacks", "prod", file), "utf8");

  test("cdktf writes the creation trace into the resource's metadata", () => {
    const cluster = Object.values((JSON.parse(read("cdk.tf.json")).resource.azurerm_kubernetes_cluster ?? {}) as Record<string, { "//": { metadata: { stackTrace?: string[] } } }>)[0];
    expect(cluster["//"].metadata.stackTrace?.length).toBeGreaterThan(0);
  });

  test("each result points at the user's file and line, relative to the project root, with the construct path too", () => {
    const log = JSON.parse(read("compliance-report.sarif"));
    expect(log).toBeValidSarifLog();
    const [result] = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "API-3");
    // The test helpers (outside the library) create the cluster: their frame is the user's code here.
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "test/helpers.ts", uriBaseId: "PROJECTROOT" },
      region: { startLine: expect.any(Number) },
    });
    // The line is the frame's line in the code Node ran (here ts-jest's transpiled output of
    // that file; compiled .js, or .ts with source maps on, for an app): a line, not a guess.
    expect(Number.isInteger(result.locations[0].physicalLocation.region.startLine)).toBe(true);
    expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    expect(result.locations[0].logicalLocations[0]).toMatchObject({ fullyQualifiedName: "prod/Cluster/Resource", kind: "resource" });
    expect(log.runs[0].artifacts).toContainEqual({ location: { uri: "test/helpers.ts", uriBaseId: "PROJECTROOT" } });
    expect(JSON.parse(read("compliance-report.json")).rules.find((r: { rule: { id: string } }) => r.rule.id === "API-3").resources[0].createdAt).toEqual({
      file: "test/helpers.ts",
      line: result.locations[0].physicalLocation.region.startLine,
    });
  });

  test("no report names an absolute path", () => {
    for (const file of ["compliance-report.json", "compliance-report.sarif", "compliance-report.md"]) expect(read(file)).not.toContain(ROOT);
  });
});

