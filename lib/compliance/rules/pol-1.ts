import type { ComplianceRule } from "../rule";
import { POD_SECURITY_RESTRICTED_INITIATIVE as POD_SECURITY_RESTRICTED } from "../../facts";
import { CLUSTER } from "../aks-json";
import { expectOneOf, isExpression, isObject, problems, refersTo, resourcesOfType, show, type TerraformResource } from "../terraform-json";

/** POL-1: Azure Policy add-on with the Pod Security restricted initiative assigned to the cluster. */
export const POL_1: ComplianceRule = {
  id: "POL-1",
  name: "PodSecurityRestrictedPolicy",
  title: "Azure Policy add-on on, with the Pod Security restricted initiative assigned to the cluster with effect deny",
  description:
    "The initiative rejects privileged, root and host-namespace pods at admission, for every namespace but the platform's, whoever deploys them.",
  severity: "medium",
  fix: `HardenedCluster always enables the add-on and assigns the initiative; keep podSecurityPolicyEffect "deny" or remove the override. In Terraform: azure_policy_enabled = true and an azurerm_resource_policy_assignment with resource_id = the cluster's id, policy_definition_id = the initiative ${POD_SECURITY_RESTRICTED} and parameters effect = deny. Auditing only is an opt-out: acknowledge POL-1 with the reason.`,
  seeds: ["001", "003"],
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
    );
  },
};

function effectOf(assignment: TerraformResource): unknown {
  const parameters = assignment.config.parameters;
  if (typeof parameters !== "string" || isExpression(parameters)) return parameters;
  try {
    const parsed: unknown = JSON.parse(parameters);
    return isObject(parsed) && isObject(parsed.effect) ? parsed.effect.value : undefined;
  } catch {
    return undefined;
  }
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
