import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { AZURE_ROLES, type BuiltInRole } from "../../facts";
import { isExpression, show } from "../terraform-json";

/** Built-in roles that grant control of everything in their scope. */
const PRIVILEGED_ROLES: readonly BuiltInRole[] = [AZURE_ROLES.owner, AZURE_ROLES.contributor, AZURE_ROLES.userAccessAdministrator];

/** The shape of the id of a resource a scope refers to, for the scope-breadth check. */
const ID_SHAPES: Readonly<Record<string, string>> = {
  azurerm_subscription: "/subscriptions/x",
  azurerm_resource_group: "/subscriptions/x/resourceGroups/x",
  azurerm_management_group: "/providers/Microsoft.Management/managementGroups/x",
};
/** Any other resource's id: a resource scope. */
const RESOURCE_ID_SHAPE = "/subscriptions/x/resourceGroups/x/providers/x/x/x";

/** IAM-5: no Owner, Contributor or User Access Administrator at subscription or resource group scope. */
export const IAM_5: ComplianceRule = {
  id: "IAM-5",
  name: "NoBroadPrivilegedRoleAssignments",
  title: "Least-privilege role assignments: no Owner, Contributor or User Access Administrator at subscription or resource group scope",
  description:
    "An identity with Owner, Contributor or User Access Administrator on a subscription or resource group controls everything in it; a compromised workload or pipeline then owns the platform. Grant the narrowest built-in role on the one resource that needs it.",
  severity: "high",
  fix: "Assign a narrower role (e.g. Network Contributor, AcrPull, Key Vault Secrets User) on the resource that needs it (a subnet, a registry, a vault) instead of the subscription or resource group.",
  references: [R.rbacBestPractices, R.aksIdentityConcepts],
  mappings: { mcsb: ["PA-7"] },
  resourceTypes: ["azurerm_role_assignment"],
  check: ({ config }) => {
    const role = privilegedRole(config.role_definition_name, config.role_definition_id);
    if (role === undefined) return [];
    const scope = config.scope;
    const breadth = scopeBreadth(scope);
    if (breadth === "resource") return [];
    if (role === "unknown") {
      return breadth === "unknown"
        ? [`neither the role nor the scope (${show(scope)}) is known before Terraform runs, so the assignment cannot be shown to be narrower than a resource group`]
        : [`grants a role that is only known when Terraform runs at ${breadth} scope ${show(scope)}; name a narrow built-in role`];
    }
    return breadth === "unknown"
      ? [`grants ${role} at scope ${show(scope)}, which cannot be shown to be narrower than a resource group before Terraform runs`]
      : [`grants ${role} at ${breadth} scope ${show(scope)}`];
  },
};

/** The privileged role an assignment grants, `unknown` when it is an expression, undefined otherwise. */
function privilegedRole(name: unknown, id: unknown): string | undefined {
  if (typeof name === "string" && !isExpression(name)) {
    return PRIVILEGED_ROLES.find((r) => r.name.toLowerCase() === name.trim().toLowerCase())?.name;
  }
  if (typeof id === "string" && !isExpression(id)) {
    return PRIVILEGED_ROLES.find((r) => id.toLowerCase().endsWith(r.id))?.name;
  }
  return isExpression(name) || isExpression(id) ? "unknown" : undefined;
}

/** How broad a scope is: the tenant root, a management group, subscription or resource group, a resource, or unknown. */
function scopeBreadth(scope: unknown): "root" | "management group" | "subscription" | "resource group" | "resource" | "unknown" {
  if (typeof scope !== "string") return "unknown";
  if (scope.trim() === "/") return "root";
  // Read the scope's shape with each resource reference replaced by the shape of the id it
  // stands for. A scope that is then not a path (a variable, a local) is unknown.
  const path = scope
    .trim()
    .replace(/\$\{(?:data\.)?(azurerm_[a-z0-9_]+)\.[^.}]+\.id\}/g, (_, type: string) => ID_SHAPES[type] ?? RESOURCE_ID_SHAPE)
    .replace(/\/+$/, "");
  if (!path.startsWith("/")) return "unknown";
  // Inside a path, any other expression stands for one segment: `/subscriptions/${var.id}`.
  const shape = path.replace(/\$\{[^}]*\}/g, "x");
  if (/^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/i.test(shape)) return "management group";
  if (/^\/subscriptions\/[^/]+$/i.test(shape)) return "subscription";
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(shape)) return "resource group";
  return "resource";
}
