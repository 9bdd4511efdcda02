// The gate cannot be switched off by accident: skipValidation (which cdktf's own error text
// suggests for any failed validation) skips cdktf's validations, never the compliance rules,
// and a failed check is a ValidationError that still reads like cdktf's validation errors.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { COMPLIANCE_REPORT_FILES, Compliance, KeyUsage, ValidationError } from "hardened-aks";
import { buildPlatform } from "./compliance-helpers";
import { testVault } from "../helpers";

/** An app with one stack whose cluster fails API-3 (run command enabled). */
function failingApp(config: { skipValidation?: boolean } = {}): { app: App; stack: TerraformStack } {
  const app = new App({ ...config, outdir: fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-gate-")) });
  const stack = new TerraformStack(app, "prod");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  buildPlatform(stack, { cluster: { runCommandEnabled: true } });
  return { app, stack };
}

const terraformFile = (outdir: string, stack: string) => path.join(outdir, "stacks", stack, "cdk.tf.json");

/** What `fn` throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, got none");
}

describe("the compliance gate", () => {
  test("holds with skipValidation: true: the synthesis fails and the stack's Terraform is not left on disk", () => {
    const { app } = failingApp({ skipValidation: true });
    Compliance.check(app);
    expect(() => app.synth()).toThrow(/\[prod\] API-3 \(Run command disabled unless asked for\) fails/);
    expect(fs.existsSync(terraformFile(app.outdir, "prod"))).toBe(false);
    // The reports say why.
    expect(fs.existsSync(path.join(app.outdir, "stacks", "prod", COMPLIANCE_REPORT_FILES.json))).toBe(true);
  });

  test("with skipValidation: true, a passing stack is still written (the flag is not refused)", () => {
    const app = new App({ skipValidation: true, outdir: fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-gate-")) });
    const stack = new TerraformStack(app, "prod");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    buildPlatform(stack);
    Compliance.check(app);
    app.synth();
    expect(fs.existsSync(terraformFile(app.outdir, "prod"))).toBe(true);
  });

  test("with skipValidation: true, a stack created after Compliance.check(app) fails the synthesis", () => {
    const app = new App({ skipValidation: true, outdir: fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-gate-")) });
    const checked = new TerraformStack(app, "checked");
    new AzurermProvider(checked, "azurerm", { features: [{}] });
    buildPlatform(checked);
    Compliance.check(app);
    const late = new TerraformStack(app, "late");
    new AzurermProvider(late, "azurerm", { features: [{}] });
    expect(() => app.synth()).toThrow(/Stack 'late' was created after Compliance\.check\(app\), so its compliance was not checked/);
  });

  test("with skipValidation: true, the deployment check holds too: keys with no declared deployer fail", () => {
    const app = new App({ skipValidation: true, outdir: fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-gate-")) });
    const stack = new TerraformStack(app, "azure");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    testVault(stack).addKey("EtcdKey", { name: "etcd", usage: KeyUsage.KUBERNETES_KMS });
    Compliance.check(stack, { failOnViolation: false });
    expect(() => app.synth()).toThrow(/stack 'azure' calls data planes the app itself serves .* but declares no deployer/);
    expect(fs.existsSync(terraformFile(app.outdir, "azure"))).toBe(false);
  });

  test("a failed check is a ValidationError in cdktf's wording for failed validations", () => {
    const { app } = failingApp();
    Compliance.check(app);
    const error = thrown(() => app.synth());
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^Validation failed with the following errors:\n {2}\[prod\] API-3 /);
    // The stack's path is on each line; the message does not end in an empty "(at )".
    expect((error as Error).message).not.toMatch(/\(at \)/);
  });

  test("Testing.fullSynth goes through the stack's synthesizer: the gate fails it and leaves no Terraform", () => {
    const { app, stack } = failingApp();
    Compliance.check(app);
    const outdirs = new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("cdktf.outdir.")));
    const error = thrown(() => Testing.fullSynth(stack));
    expect(error).toBeInstanceOf(ValidationError);
    const created = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("cdktf.outdir.") && !outdirs.has(name));
    for (const outdir of created) expect(fs.existsSync(terraformFile(path.join(os.tmpdir(), outdir), "prod"))).toBe(false);
  });

  test("Testing.synth(stack, true) runs the gate as a validation; Testing.synth(stack) writes nothing to disk", () => {
    const { app, stack } = failingApp();
    Compliance.check(app);
    expect(() => Testing.synth(stack, true)).toThrow(/API-3 /);
    // Without validations Testing.synth only returns the JSON: nothing Terraform could apply is written.
    expect(typeof Testing.synth(stack)).toBe("string");
    expect(fs.existsSync(terraformFile(app.outdir, "prod"))).toBe(false);
  });
});
