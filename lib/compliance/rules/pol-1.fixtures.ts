import { CLUSTER, CLUSTER_RELATIONS, DEFAULTS, ORDERS_NAMESPACE, clusterOverride, clusterStack, type FailingFixture, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const assignment = (extra: JsonObject) => clusterStack({}, { azurerm_resource_policy_assignment: { pss: { ...CLUSTER_RELATIONS.azurerm_resource_policy_assignment.pss, ...extra } } });
/** The assignment with these exclusions, in a stack that creates the namespace `orders`. */
const excluding = (excludedNamespaces: unknown, namespaces: Record<string, JsonObject> = ORDERS_NAMESPACE) =>
  clusterStack(
    {},
    {
      azurerm_resource_policy_assignment: {
        pss: { ...CLUSTER_RELATIONS.azurerm_resource_policy_assignment.pss, parameters: JSON.stringify({ effect: { value: "deny" }, excludedNamespaces: { value: excludedNamespaces } }) },
      },
      kubernetes_namespace_v1: { ...namespaces },
    },
  );
const fails = (name: string, extra: JsonObject, problem: RegExp): FailingFixture => ({ name, stack: assignment(extra), failures: [{ address: CLUSTER, problems: [problem] }] });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the initiative assigned with effect deny", stack: assignment({}) },
    { name: "the effect deny in any case", stack: assignment({ parameters: JSON.stringify({ effect: { value: "Deny" } }) }) },
    { name: "platform namespaces excluded, next to a workload namespace the stack creates", stack: excluding(["kube-system", "gatekeeper-system"]) },
    { name: "an excluded namespace the stack does not create", stack: excluding(["kube-system", "legacy"]) },
    {
      name: "a namespace named by an expression, known only when Terraform runs",
      stack: excluding(["kube-system", "orders"], { team: { metadata: { name: "${var.namespace}" } } }),
    },
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
    {
      name: "an exclusion naming a namespace the stack creates, set through the escape hatch",
      stack: excluding(["kube-system", "orders"]),
      failures: [{ address: CLUSTER, problems: [/excludedNamespaces name 'orders', which this stack creates for workloads/] }],
    },
    fails(
      "another initiative",
      { policy_definition_id: "/providers/Microsoft.Authorization/policySetDefinitions/other" },
      /no azurerm_resource_policy_assignment in the stack assigns the Pod Security restricted initiative/,
    ),
  ],
};
