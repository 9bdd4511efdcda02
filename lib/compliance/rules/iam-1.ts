import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, expectOneOf, isExpression, problems, show, type JsonObject } from "../terraform-json";
import { AKS_RBAC_WRITE_ROLES, isReservedNamespace } from "../../facts";

const ROLE_ASSIGNMENT = "azurerm_role_assignment";

/** IAM-1: Entra ID authentication, Azure RBAC authorization. */
export const IAM_1: ComplianceRule = {
  id: "IAM-1",
  name: "EntraIdWithAzureRbac",
  title: "Entra ID integration with Azure RBAC for Kubernetes authorization; no Azure RBAC write role in a namespace the platform owns",
  description:
    "Users authenticate with Entra ID and are authorized by Azure RBAC role assignments, so access is granted, reviewed and revoked in one place, with conditional access and MFA; Kubernetes RBAC stays on. Namespace roles are for the teams' namespaces: an Azure Kubernetes Service RBAC Admin, Writer or Cluster Admin assignment scoped to kube-system (or another namespace the platform owns) amounts to cluster admin.",
  severity: "high",
  fix: "HardenedCluster always sets this; remove the override. In Terraform: role_based_access_control_enabled = true and azure_active_directory_role_based_access_control { azure_rbac_enabled = true, admin_group_object_ids = [<Entra group>] }. Scope NamespaceRoleAssignments (azurerm_role_assignment at <cluster id>/namespaces/<name>) to the teams' namespaces, never kube-system, default or another platform namespace.",
  references: [R.aksEntraAuthorization, R.aksEntraAuthentication],
  mappings: {
    cisAks: ["5.5.1", "5.5.2"],
    mcsb: ["IM-1", "PA-7"],
    checkov: ["CKV_AZURE_5"],
    trivy: ["AVD-AZU-0042"],
    tfsec: ["azure-container-use-rbac-permissions"],
  },
  resourceTypes: [CLUSTER, ROLE_ASSIGNMENT],
  check: ({ type, config }) => {
    if (type === ROLE_ASSIGNMENT) return platformNamespaceGrant(config);
    const found = [
      expectOneOf(config.role_based_access_control_enabled, "role_based_access_control_enabled", [true], true),
    ];
    const entra = block(config, "azure_active_directory_role_based_access_control");
    if (!entra) {
      found.push(missingBlock("azure_active_directory_role_based_access_control", "Entra ID authentication and Azure RBAC are off"));
    } else {
      found.push(expectOneOf(entra.azure_rbac_enabled, "azure_active_directory_role_based_access_control.azure_rbac_enabled", [true]));
      found.push(adminGroups(entra));
    }
    return problems(...found);
  },
};

function adminGroups(entra: JsonObject): string | undefined {
  const groups = entra.admin_group_object_ids;
  if (isExpression(groups)) return undefined; // a list known at apply time: still a list of groups
  if (!Array.isArray(groups) || groups.length === 0) {
    return "azure_active_directory_role_based_access_control.admin_group_object_ids lists no Entra group; with local accounts disabled nobody could administer the cluster";
  }
  return undefined;
}

/** An Azure RBAC write role on the Kubernetes API of a namespace the platform owns. */
function platformNamespaceGrant(config: JsonObject): string[] {
  const role = config.role_definition_name;
  const scope = config.scope;
  if (typeof role !== "string" || typeof scope !== "string") return [];
  const granted = AKS_RBAC_WRITE_ROLES.find((r) => r.toLowerCase() === role.trim().toLowerCase());
  const namespace = /\/namespaces\/([^/]+)\/?$/i.exec(scope.trim())?.[1];
  // A namespace known only when Terraform runs is the user's: nothing says it is a platform one.
  if (granted === undefined || namespace === undefined || isExpression(namespace) || !isReservedNamespace(namespace)) return [];
  return [
    `grants ${granted} in namespace ${show(namespace)} (scope ${show(scope)}), which the platform owns: there it amounts to cluster admin (its service accounts and secrets run the add-ons); grant namespace roles in the teams' namespaces only`,
  ];
}
