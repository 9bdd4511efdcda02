import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { derivedName } from "../../lib/private/names";

describe("derivedName", () => {
  it("joins parts with hyphens", () => {
    expect(derivedName(["log", "aks-prod"], 63)).toBe("log-aks-prod");
  });

  it("turns underscores into hyphens", () => {
    expect(derivedName(["log", "aks_team_a"], 63)).toBe("log-aks-team-a");
  });

  it("cuts to the maximum length without leaving a trailing hyphen", () => {
    expect(derivedName(["dcr", "abc", "container-insights"], 8)).toBe("dcr-abc");
    expect(derivedName(["dcr", "abcd", "x"], 9)).toBe("dcr-abcd");
  });

  it("is deterministic", () => {
    expect(derivedName(["id", "aks", "kubelet"], 128)).toBe(derivedName(["id", "aks", "kubelet"], 128));
  });

  it("never cuts or rewrites a part known only when Terraform runs", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const name = new TerraformVariable(stack, "cluster_name", { type: "string" }).stringValue;
    const derived = derivedName(["dcr", name, "container-insights"], 8);
    expect(derived).toBe(`dcr-${name}-container-insights`);
    // The token survives whole, so Terraform resolves it to the variable.
    new TerraformOutput(stack, "name", { value: derived });
    expect(JSON.parse(Testing.synth(stack)).output.name.value).toBe("dcr-${var.cluster_name}-container-insights");
  });
});
