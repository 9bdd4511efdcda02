// The library's own defaults pass every rule, with zero acknowledgements.
import * as fs from "fs";
import * as path from "path";
import { Testing, type TerraformStack } from "cdktf";
import { COMPLIANCE_REPORT_FILES, Compliance, HARDENED_AKS_RULES } from "hardened-aks";
import { buildQuickstart } from "../../examples/quickstart/main";

describe("the quickstart (examples/quickstart)", () => {
  const app = buildQuickstart(Testing.app());
  const stack = app.node.findChild("quickstart") as TerraformStack;

  test("has no acknowledgement anywhere", () => {
    expect(Compliance.acknowledgementsOf(stack)).toEqual([]);
  });

  test("passes every rule of the pack, none of them vacuously", () => {
    const report = Compliance.evaluate(stack);
    expect(report.rules.map((r) => [r.rule.id, r.status])).toEqual(HARDENED_AKS_RULES.map((rule) => [rule.id, "pass"]));
    expect(report.unusedAcknowledgements).toEqual([]);
  });

  test("synthesizes with the checks on, and its report says so", () => {
    Compliance.check(app);
    expect(() => app.synth()).not.toThrow();
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "quickstart", COMPLIANCE_REPORT_FILES.json), "utf8"));
    expect(json.summary).toMatchObject({ rules: HARDENED_AKS_RULES.length, pass: HARDENED_AKS_RULES.length, fail: 0, acknowledged: 0, notApplicable: 0 });
  });
});
