import type { ComplianceRule } from "../rule";
import { metadataOf, resourcesOfTypes } from "../kubernetes-json";
import { block, blocks, normalizeReference, show, type JsonObject, type TerraformResource } from "../terraform-json";

const CLUSTER_ROLES = ["kubernetes_cluster_role_v1", "kubernetes_cluster_role"];
const ROLES = ["kubernetes_role_v1", "kubernetes_role"];
const CLUSTER_ROLE_BINDINGS = ["kubernetes_cluster_role_binding_v1", "kubernetes_cluster_role_binding"];
const ROLE_BINDINGS = ["kubernetes_role_binding_v1", "kubernetes_role_binding"];

/** Verbs that read a resource. */
const READ_VERBS = ["get", "list", "watch", "*"];

/** K8S-5: least-privilege RBAC for Entra groups. */
export const K8S_5: ComplianceRule = {
  id: "K8S-5",
  name: "LeastPrivilegeGroupRbac",
  title: "No role the stack creates lets an Entra group read secrets, and no binding makes a group or user cluster-admin",
  description:
    "Groups get access through roles bound to them. A role that reads secrets, bound to a developer group, hands every member the namespace's credentials; cluster-admin bound in the cluster bypasses the admin groups Azure RBAC manages (IAM-1). Built-in namespace roles (admin, edit, view) bound per namespace are by design; roles bound only to service accounts are the controllers' own business.",
  severity: "high",
  fix: "Use DeveloperReadOnlyRole (no secrets) and SecureNamespace's admin, editor and reader groups; cluster admins come from the cluster's adminGroupObjectIds. In Terraform: no secrets (or *) in the rules of a role bound to a Group subject; no kubernetes_cluster_role_binding_v1 or kubernetes_role_binding_v1 of cluster-admin to a Group or User.",
  seeds: ["003", "004"],
  mappings: {},
  resourceTypes: [...CLUSTER_ROLES, ...ROLES, ...CLUSTER_ROLE_BINDINGS, ...ROLE_BINDINGS],
  check: (resource, stack) => {
    if (CLUSTER_ROLE_BINDINGS.includes(resource.type) || ROLE_BINDINGS.includes(resource.type)) return checkBinding(resource.config);
    return checkRole(resource, stack);
  },
};

function checkBinding(binding: JsonObject): string[] {
  const roleRef = block(binding, "role_ref");
  if (roleRef?.kind !== "ClusterRole" || roleRef.name !== "cluster-admin") return [];
  const people = blocks(binding.subject).filter((subject) => subject.kind === "Group" || subject.kind === "User");
  return people.length === 0
    ? []
    : [`binds cluster-admin to ${people.map((s) => `${String(s.kind).toLowerCase()} ${show(s.name)}`).join(", ")}: cluster admins come from the cluster's Entra admin groups, not in-cluster bindings`];
}

function checkRole(role: TerraformResource, stack: JsonObject): string[] {
  const readsSecrets = blocks(role.config.rule).some(
    (rule) => includesAny(rule.api_groups, ["", "*"]) && includesAny(rule.resources, ["secrets", "*"]) && includesAny(rule.verbs, READ_VERBS),
  );
  if (!readsSecrets) return [];
  const groups = bindingsOf(role, stack).flatMap((binding) =>
    blocks(binding.config.subject)
      .filter((subject) => subject.kind === "Group")
      .map((subject) => `${show(subject.name)} (${binding.address})`),
  );
  return groups.length === 0
    ? []
    : [`grants reading secrets (get, list or watch on secrets) and is bound to the Entra group(s) ${groups.join(", ")}: every member could read the credentials in its scope`];
}

/** The bindings in the stack that bind a role, by its literal name or a reference to it. */
function bindingsOf(role: TerraformResource, stack: JsonObject): TerraformResource[] {
  const isClusterRole = CLUSTER_ROLES.includes(role.type);
  const metadata = metadataOf(role.config);
  const candidates = resourcesOfTypes(stack, isClusterRole ? [...CLUSTER_ROLE_BINDINGS, ...ROLE_BINDINGS] : ROLE_BINDINGS);
  return candidates.filter((binding) => {
    const roleRef = block(binding.config, "role_ref");
    if (!roleRef || roleRef.kind !== (isClusterRole ? "ClusterRole" : "Role")) return false;
    const name = roleRef.name;
    const named =
      (typeof name === "string" && name === metadata.name) ||
      (typeof name === "string" && normalizeReference(name) === `\${${role.type}.${role.name}.metadata[0].name}`);
    // A Role is bound only by RoleBindings of its own namespace.
    return named && (isClusterRole || metadataOf(binding.config).namespace === metadata.namespace);
  });
}

function includesAny(list: unknown, values: readonly string[]): boolean {
  return Array.isArray(list) && list.some((entry) => typeof entry === "string" && values.includes(entry.toLowerCase()));
}
