import { CLUSTER, CLUSTER_RELATIONS, DEFAULTS, clusterOverride, clusterStack, type FailingFixture, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const assignment = (extra: JsonObject) => clusterStack({}, { azurerm_resource_policy_assignment: { pss: { ...CLUSTER_RELATIONS.azurerm_resource_policy_assignment.pss, ...extra } } });
const fails = (name: string, extra: JsonObject, problem: RegExp): FailingFixture => ({ name, stack: assignment(extra), failures: [{ address: CLUSTER, problems: [problem] }] });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the initiative assigned with effect deny", stack: assignment({}) },
    { name: "the effect deny in any case", stack: assignment({ parameters: JSON.stringify({ effect: { value: "Deny" } }) }) },
  ],
  failing: [
    {
      name: "override azure_policy_enabled",
      stack: clusterOverride("azure_policy_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["azure_policy_enabled is false; it must be true"] }],
    },
    fails("enforce false", { enforce: false }, /enforce is false, so the policy only reports/),
    fails("no parameters", { parameters: undefined }, /its parameters set no effect/),
    fails("the effect audit", { parameters: JSON.stringify({ effect: { value: "audit" } }) }, /its effect parameter is 'audit'/),
    fails(
      "another initiative",
      { policy_definition_id: "/providers/Microsoft.Authorization/policySetDefinitions/other" },
      /no azurerm_resource_policy_assignment in the stack assigns the Pod Security restricted initiative/,
    ),
  ],
};
