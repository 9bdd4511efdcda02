import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { POD_SECURITY_RESTRICTED_INITIATIVE as POD_SECURITY_RESTRICTED } from "../../facts";
import { CLUSTER } from "../aks-json";
import { NAMESPACES, metadataOf, resourcesOfTypes } from "../kubernetes-json";
import { expectOneOf, isExpression, isObject, problems, refersTo, resourcesOfType, show, type JsonObject, type TerraformResource } from "../terraform-json";

/** POL-1: Azure Policy add-on with the Pod Security restricted initiative assigned to the cluster. */
export const POL_1: ComplianceRule = {
  id: "POL-1",
  name: "PodSecurityRestrictedPolicy",
  title: "Azure Policy add-on on, with the Pod Security restricted initiative assigned to the cluster with effect deny",
  description:
    "The initiative rejects privileged, root and host-namespace pods at admission, for every namespace but the platform's, whoever deploys them. A namespace the stack creates for workloads is never among its exclusions.",
  severity: "medium",
  fix: `HardenedCluster always enables the add-on and assigns the initiative; keep podSecurityPolicyEffect "deny" or remove the override. In Terraform: azure_policy_enabled = true and an azurerm_resource_policy_assignment with resource_id = the cluster's id, policy_definition_id = the initiative ${POD_SECURITY_RESTRICTED} and parameters effect = deny, and excludedNamespaces listing platform namespaces only. Auditing only, or excluding a workload namespace (podSecurityExclusions with a reason), is an opt-out: acknowledge POL-1 with the reason.`,
  references: [R.aksAzurePolicy, R.aksPolicyReference, R.k8sPodSecurityStandards],
  mappings: { mcsb: ["PV-2"], checkov: ["CKV_AZURE_116"], trivy: ["AVD-AZU-0066"] },
  resourceTypes: [CLUSTER],
  check: (cluster, stack) => {
    const assignments = resourcesOfType(stack, "azurerm_resource_policy_assignment").filter(
      (assignment) =>
        refersTo(assignment.config.resource_id, cluster) &&
        typeof assignment.config.policy_definition_id === "string" &&
        assignment.config.policy_definition_id.toLowerCase().endsWith(`/policysetdefinitions/${POD_SECURITY_RESTRICTED}`),
    );
    return problems(
      expectOneOf(cluster.config.azure_policy_enabled, "azure_policy_enabled", [true]),
      assignments.length === 0
        ? `no azurerm_resource_policy_assignment in the stack assigns the Pod Security restricted initiative (${POD_SECURITY_RESTRICTED}) to this cluster`
        : assignments.some(enforcesDeny)
          ? undefined
          : `the Pod Security restricted assignment does not deny: ${whyNotDeny(assignments[0])}`,
      ...assignments.map((assignment) => excludedWorkloadNamespaces(assignment, stack)),
    );
  },
};

/** The assignment's parameters as JSON, when they are a literal JSON string. */
function parametersOf(assignment: TerraformResource): unknown {
  const parameters = assignment.config.parameters;
  if (typeof parameters !== "string" || isExpression(parameters)) return parameters;
  try {
    return JSON.parse(parameters) as unknown;
  } catch {
    return undefined;
  }
}

function effectOf(assignment: TerraformResource): unknown {
  const parameters = parametersOf(assignment);
  if (typeof parameters === "string") return parameters;
  return isObject(parameters) && isObject(parameters.effect) ? parameters.effect.value : undefined;
}

/**
 * Exclusions that name a namespace this stack creates: the stack's own namespaces hold
 * workloads, and the initiative leaves every pod in an excluded namespace unchecked. Only
 * literal names are compared; an exclusion list or a namespace name from an expression is
 * known only when Terraform runs.
 */
function excludedWorkloadNamespaces(assignment: TerraformResource, stack: JsonObject): string | undefined {
  const parameters = parametersOf(assignment);
  const excluded = isObject(parameters) && isObject(parameters.excludedNamespaces) ? parameters.excludedNamespaces.value : undefined;
  if (!Array.isArray(excluded)) return undefined;
  const created = new Set(
    resourcesOfTypes(stack, NAMESPACES)
      .map((namespace) => metadataOf(namespace.config).name)
      .filter((name): name is string => typeof name === "string" && !isExpression(name)),
  );
  const workload = excluded.filter((name): name is string => typeof name === "string" && created.has(name));
  if (workload.length === 0) return undefined;
  return `the Pod Security restricted assignment's excludedNamespaces name ${workload.map((name) => `'${name}'`).join(", ")}, which this stack creates for workloads: their pods escape the initiative. Remove them from excludedNamespaces`;
}

function enforcesDeny(assignment: TerraformResource): boolean {
  const effect = effectOf(assignment);
  return assignment.config.enforce !== false && assignment.config.enforce !== "false" && typeof effect === "string" && effect.toLowerCase() === "deny";
}

function whyNotDeny(assignment: TerraformResource): string {
  if (assignment.config.enforce === false || assignment.config.enforce === "false") return "enforce is false, so the policy only reports";
  const effect = effectOf(assignment);
  return effect === undefined
    ? "its parameters set no effect; set effect = deny"
    : `its effect parameter is ${show(effect)}; it must be 'deny'`;
}
