import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { metadataOf, resourcesOfTypes } from "../kubernetes-json";
import { block, blocks, isExpression, normalizeReference, show, type JsonObject, type TerraformResource } from "../terraform-json";
import { RESERVED_NAMESPACES, isReservedNamespace } from "../../facts";

const CLUSTER_ROLES = ["kubernetes_cluster_role_v1", "kubernetes_cluster_role"];
const ROLES = ["kubernetes_role_v1", "kubernetes_role"];
const CLUSTER_ROLE_BINDINGS = ["kubernetes_cluster_role_binding_v1", "kubernetes_cluster_role_binding"];
const ROLE_BINDINGS = ["kubernetes_role_binding_v1", "kubernetes_role_binding"];

/** Built-in ClusterRoles that, bound in a namespace, let a subject change what runs there. */
const WRITE_ROLES = ["admin", "edit"];

/** Verbs that read a resource. */
const READ_VERBS = ["get", "list", "watch", "*"];

/** K8S-5: least-privilege RBAC for Entra groups. */
export const K8S_5: ComplianceRule = {
  id: "K8S-5",
  name: "LeastPrivilegeGroupRbac",
  title: "No role the stack creates lets an Entra group read secrets, no binding makes a group or user cluster-admin, and none grants admin or edit in a namespace the platform owns",
  description:
    "Groups get access through roles bound to them. A role that reads secrets, bound to a developer group, hands every member the namespace's credentials; cluster-admin bound in the cluster bypasses the admin groups Azure RBAC manages (IAM-1). Built-in namespace roles (admin, edit, view) bound per namespace are by design, in the teams' namespaces: admin or edit in a namespace the platform owns (kube-system above all, whose service accounts and secrets run the add-ons) amounts to cluster admin. Roles bound only to service accounts are the controllers' own business.",
  severity: "high",
  fix: `Use DeveloperReadOnlyRole (no secrets) and SecureNamespace's admin, editor and reader groups; cluster admins come from the cluster's adminGroupObjectIds. In Terraform: no secrets (or *) in the rules of a role bound to a Group subject; no kubernetes_cluster_role_binding_v1 or kubernetes_role_binding_v1 of cluster-admin to a Group or User; no kubernetes_role_binding_v1 of admin or edit to a Group or User in ${RESERVED_NAMESPACES.join(", ")} or a kube-* namespace.`,
  references: [R.k8sRbacGoodPractices, R.aksKubernetesRbacEntra],
  mappings: { cisAks: ["4.1.1", "4.1.2"] },
  resourceTypes: [...CLUSTER_ROLES, ...ROLES, ...CLUSTER_ROLE_BINDINGS, ...ROLE_BINDINGS],
  check: (resource, stack) => {
    if (CLUSTER_ROLE_BINDINGS.includes(resource.type) || ROLE_BINDINGS.includes(resource.type)) {
      return checkBinding(resource.config, CLUSTER_ROLE_BINDINGS.includes(resource.type));
    }
    return checkRole(resource, stack);
  },
};

function checkBinding(binding: JsonObject, clusterWide: boolean): string[] {
  const roleRef = block(binding, "role_ref");
  if (roleRef?.kind !== "ClusterRole") return [];
  const people = blocks(binding.subject).filter((subject) => subject.kind === "Group" || subject.kind === "User");
  if (people.length === 0) return [];
  const who = people.map((s) => `${String(s.kind).toLowerCase()} ${show(s.name)}`).join(", ");
  if (roleRef.name === "cluster-admin") {
    return [`binds cluster-admin to ${who}: cluster admins come from the cluster's Entra admin groups, not in-cluster bindings`];
  }
  // A ClusterRoleBinding grants its role in every namespace, the platform's included.
  if (clusterWide && typeof roleRef.name === "string" && WRITE_ROLES.includes(roleRef.name)) {
    return [
      `binds ${roleRef.name} in every namespace (a ClusterRoleBinding) to ${who}: that includes the namespaces the platform owns, where it amounts to cluster admin; bind it per namespace with a RoleBinding in the teams' namespaces`,
    ];
  }
  const namespace = metadataOf(binding).namespace;
  // A namespace known only when Terraform runs is the user's: nothing says it is a platform one.
  if (typeof roleRef.name === "string" && WRITE_ROLES.includes(roleRef.name) && typeof namespace === "string" && !isExpression(namespace) && isReservedNamespace(namespace)) {
    return [
      `binds ${roleRef.name} in namespace ${show(namespace)}, which the platform owns, to ${who}: there it amounts to cluster admin (its service accounts and secrets run the add-ons); grant roles in the teams' namespaces only`,
    ];
  }
  return [];
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
