// Every rule against its own fixtures (`lib/compliance/rules/<id>.fixtures.ts`): on each
// passing stack it finds nothing wrong; on each failing one it fails exactly the resources
// listed, with exactly the problems listed. Adding a rule adds its fixtures, not a test.
import * as fs from "fs";
import * as path from "path";
import type { TerraformStack } from "cdktf";
import { HARDENED_AKS_PACK, evaluateTerraform, type ComplianceReport, type ComplianceRule, type JsonObject } from "hardened-aks";
import { HARDENED_AKS_RULES } from "../../lib/compliance/hardened-aks-pack";
import { violationMessages } from "../../lib/compliance/evaluate";
import { invokeAspects } from "../../lib/private/cdktf";
import {
  StackEditor,
  isDefaultStackChange,
  type DefaultStackChange,
  type ExpectedFailure,
  type FailingFixture,
  type FixtureStack,
  type PassingFixture,
  type RuleFixtures,
} from "../../lib/compliance/rule-fixture";
import { baselineStack, failingRules, platformStack, ruleResult } from "./compliance-helpers";

const RULES = path.join(__dirname, "..", "..", "lib", "compliance", "rules");

/** A rule's fixtures, from the file next to it. */
function fixturesOf(rule: ComplianceRule): RuleFixtures {
  const file = path.join(RULES, `${rule.id.toLowerCase()}.fixtures.ts`);
  if (!fs.existsSync(file)) throw new Error(`${rule.id} has no fixtures: create ${path.relative(process.cwd(), file)} (see CONTRIBUTING.md)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- one file per rule, found by its id
  return require(file).fixtures;
}

/** The library's default stacks as Terraform JSON, synthesized once for every fixture that changes one. */
const defaultStacks = (() => {
  let stacks: Record<DefaultStackChange["defaults"], { name: string; json: JsonObject }> | undefined;
  const toJson = (stack: TerraformStack) => {
    invokeAspects(stack);
    return { name: stack.node.id, json: stack.toTerraform() as JsonObject };
  };
  return () => (stacks ??= { azure: toJson(platformStack().stack), "in-cluster": toJson(baselineStack().stack) });
})();

/**
 * Evaluates a fixture: a default stack, changed, against the whole pack (so other rules'
 * failures show); plain JSON against the rule alone.
 */
function evaluateFixture(rule: ComplianceRule, stack: FixtureStack, production = false): ComplianceReport {
  if (!isDefaultStackChange(stack)) {
    return evaluateTerraform(stack, { stackName: "fixture", production, pack: { ...HARDENED_AKS_PACK, rules: [rule] } });
  }
  const base = defaultStacks()[stack.defaults];
  const json = structuredClone(base.json) as Record<string, unknown>;
  stack.change?.(new StackEditor(json));
  return evaluateTerraform(json, { stackName: base.name, production });
}

const matcher = (expected: string | RegExp) => (typeof expected === "string" ? expected : expect.stringMatching(expected));
const expectedFailure = (failure: ExpectedFailure) => ({ address: matcher(failure.address), problems: failure.problems.map(matcher) });

describe.each(HARDENED_AKS_RULES.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
  const fixtures = fixturesOf(rule);

  test("has fixtures: at least one stack it checks and passes, and one it fails", () => {
    expect(fixtures.passing.some((fixture) => fixture.checks === undefined || fixture.checks.length > 0)).toBe(true);
    expect(fixtures.failing.length).toBeGreaterThan(0);
  });

  test.each(fixtures.passing.map((fixture) => [fixture.name, fixture] as const))("passes: %s", (_name, fixture: PassingFixture) => {
    const report = evaluateFixture(rule, fixture.stack, fixture.production);
    const result = ruleResult(report, id);

    expect(result.resources.filter((resource) => resource.status !== "pass")).toEqual([]);
    if (fixture.checks) {
      expect(result.resources.map((resource) => resource.address)).toEqual([...fixture.checks].sort());
    } else {
      expect(result.resources.length).toBeGreaterThan(0);
    }
    if (isDefaultStackChange(fixture.stack)) expect(failingRules(report)).toEqual([]);
  });

  test.each(fixtures.failing.map((fixture) => [fixture.name, fixture] as const))("fails: %s", (_name, fixture: FailingFixture) => {
    const report = evaluateFixture(rule, fixture.stack, fixture.production);
    const failing = ruleResult(report, id).resources.filter((resource) => resource.status === "fail");

    expect(failing.map(({ address, problems }) => ({ address, problems }))).toEqual(fixture.failures.map(expectedFailure));
    if (isDefaultStackChange(fixture.stack)) {
      expect(failingRules(report).sort()).toEqual([id, ...(fixture.alsoFails ?? [])].sort());
    } else {
      expect(fixture.alsoFails).toBeUndefined(); // JSON runs against the rule alone: no other rule to fail
    }

    // The synth error names the rule, the resource, its construct path, the problems and the fix.
    const line = violationMessages(report).find((message) => message.startsWith(`${id} `));
    expect(line).toContain(`${id} (${rule.title}) fails on ${failing[0].address} at ${failing[0].constructPath}: ${failing[0].problems.join("; ")}.`);
    expect(line).toContain(`Fix: ${rule.fix}`);
    expect(line).toContain(`Compliance.acknowledge(<construct>, "${id}"`);
  });
});
