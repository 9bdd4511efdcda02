// How the engine applies rules to a stack's JSON: which rules apply, a stack-wide rule, a rule
// that throws, and the compliant JSON every cluster fixture starts from.
import { HARDENED_AKS_PACK, evaluateTerraform, type ComplianceRule, type JsonObject } from "hardened-aks";
import { HARDENED_AKS_RULES } from "../../lib/compliance/hardened-aks-pack";
import { clusterStack, compliantClusterStack } from "../../lib/compliance/rule-fixture";

/** Stack JSON with remote state and the given resources. */
const withBackend = (resources: Record<string, Record<string, JsonObject>>) => ({
  terraform: { backend: { azurerm: { key: "fixture.tfstate", use_azuread_auth: true } } },
  resource: resources,
});

describe("the compliant cluster fixture", () => {
  test("passes every rule: the fixture is the reference the rules' fixtures change one thing of", () => {
    const report = evaluateTerraform({ ...withBackend({}), ...compliantClusterStack() }, { stackName: "fixture" });
    expect(report.rules.filter((r) => r.status !== "pass" && r.status !== "not-applicable").map((r) => r.rule.id)).toEqual([]);
  });
});

describe("applicability", () => {
  test("a stack with none of a rule's resource types is not applicable for it; the stack-wide rules still apply", () => {
    const report = evaluateTerraform(withBackend({ azurerm_resource_group: { rg: { name: "rg" } } }), { stackName: "empty" });
    const stackWide = HARDENED_AKS_RULES.filter((r) => r.resourceTypes.length === 0).map((r) => r.id);
    expect(stackWide).toEqual(["SEC-5", "OPS-2", "OPS-6"]);
    expect(report.rules.map((r) => [r.rule.id, r.status])).toEqual(HARDENED_AKS_RULES.map((r) => [r.id, stackWide.includes(r.id) ? "pass" : "not-applicable"]));
    expect(report.summary).toMatchObject({ rules: HARDENED_AKS_RULES.length, pass: 3, fail: 0, notApplicable: HARDENED_AKS_RULES.length - 3 });
  });

  test("a rule with no resource types checks the stack itself, once, and is always applicable", () => {
    const backend: ComplianceRule = {
      id: "OPS-2",
      name: "RemoteState",
      title: "Remote state per environment",
      description: "State holds secrets.",
      severity: "medium",
      fix: "Use an azurerm backend.",
      references: [],
      mappings: {},
      resourceTypes: [],
      check: (stack) => (JSON.stringify(stack.config.terraform ?? {}).includes('"azurerm"') ? [] : ["the stack has no azurerm backend"]),
    };
    const pack = { ...HARDENED_AKS_PACK, rules: [backend] };
    const local = evaluateTerraform({ terraform: { backend: { local: {} } } }, { stackName: "dev", pack });
    expect(local.rules[0]).toMatchObject({ status: "fail", resources: [{ address: "terraform", constructPath: "dev", problems: ["the stack has no azurerm backend"] }] });
    expect(evaluateTerraform({ terraform: { backend: { azurerm: {} } } }, { stackName: "dev", pack }).rules[0].status).toBe("pass");
  });

  test("a rule that throws fails the resource with the error, instead of crashing synthesis", () => {
    const broken: ComplianceRule = { ...HARDENED_AKS_RULES[0], check: () => { throw new Error("boom"); } };
    const report = evaluateTerraform(clusterStack(), { stackName: "x", pack: { ...HARDENED_AKS_PACK, rules: [broken] } });
    expect(report.rules[0].resources[0].problems).toEqual(["the rule could not evaluate this resource (boom)"]);
  });
});
