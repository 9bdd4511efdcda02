import { stackOf, type RuleFixtures } from "../rule-fixture";

const secretsRole = { metadata: { name: "reader", namespace: "orders" }, rule: [{ api_groups: [""], resources: ["secrets"], verbs: ["get"] }] };
const binding = (namespace: string) => ({
  metadata: { name: "b", namespace },
  role_ref: { api_group: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
  subject: [{ kind: "Group", name: "g" }],
});
const clusterRoleIn = (role: string, namespace: string, kind = "Group") =>
  stackOf({
    kubernetes_role_binding_v1: {
      b: { metadata: { name: "b", namespace }, role_ref: { api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role }, subject: [{ kind, name: "g", namespace: kind === "ServiceAccount" ? namespace : undefined }] },
    },
  });
const boundIn = (namespace: string) => stackOf({ kubernetes_role_v1: { r: secretsRole }, kubernetes_role_binding_v1: { b: binding(namespace) } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "admin bound to a group in a team's namespace", stack: clusterRoleIn("admin", "orders") },
    { name: "view bound to a group in kube-system", stack: clusterRoleIn("view", "kube-system") },
    { name: "edit in kube-system bound to a service account only", stack: clusterRoleIn("edit", "kube-system", "ServiceAccount") },
    { name: "admin bound in a namespace known only when Terraform runs", stack: clusterRoleIn("admin", "${var.namespace}") },
    { name: "a Role is bound only by RoleBindings of its own namespace", stack: boundIn("payments") },
    {
      name: "a secrets-reading role bound to a service account",
      stack: stackOf({
        kubernetes_cluster_role_v1: { r: { metadata: { name: "controller" }, rule: [{ api_groups: ["*"], resources: ["*"], verbs: ["*"] }] } },
        kubernetes_cluster_role_binding_v1: {
          b: { metadata: { name: "b" }, role_ref: { kind: "ClusterRole", name: "${kubernetes_cluster_role_v1.r.metadata[0].name}" }, subject: [{ kind: "ServiceAccount", name: "ctrl", namespace: "ops" }] },
        },
      }),
    },
  ],
  failing: [
    {
      name: "a binding of admin in kube-system to the developers' group (escape hatch)",
      stack: {
        defaults: "in-cluster",
        change: (s) =>
          s.add("kubernetes_role_binding_v1", "KubeSystemAdmins", {
            metadata: { name: "team-admins", namespace: "kube-system" },
            role_ref: { api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" },
            subject: [{ api_group: "rbac.authorization.k8s.io", kind: "Group", name: "33333333-3333-3333-3333-333333333333" }],
          }),
      },
      failures: [
        {
          address: "kubernetes_role_binding_v1.KubeSystemAdmins",
          problems: [
            "binds admin in namespace 'kube-system', which the platform owns, to group '33333333-3333-3333-3333-333333333333': there it amounts to cluster admin (its service accounts and secrets run the add-ons); grant roles in the teams' namespaces only",
          ],
        },
      ],
    },
    {
      name: "edit in a kube-* namespace",
      stack: clusterRoleIn("edit", "kube-node-lease", "User"),
      failures: [{ address: "kubernetes_role_binding_v1.b", problems: [/^binds edit in namespace 'kube-node-lease', which the platform owns, to user 'g'/] }],
    },
    {
      name: "admin in gatekeeper-system",
      stack: clusterRoleIn("admin", "gatekeeper-system"),
      failures: [{ address: "kubernetes_role_binding_v1.b", problems: [/^binds admin in namespace 'gatekeeper-system', which the platform owns/] }],
    },
    {
      name: "override the developer role to read secrets",
      stack: {
        defaults: "in-cluster",
        change: (s) => s.resource("kubernetes_cluster_role_v1").override("rule", [{ api_groups: [""], resources: ["secrets"], verbs: ["get", "list"] }]),
      },
      failures: [
        {
          address: /^kubernetes_cluster_role_v1\.Developers_[0-9A-F]{8}$/,
          problems: [/^grants reading secrets \(get, list or watch on secrets\) and is bound to the Entra group\(s\) '33333333-3333-3333-3333-333333333333'/],
        },
      ],
    },
    {
      name: "a binding of cluster-admin to the developers' group",
      stack: {
        defaults: "in-cluster",
        change: (s) =>
          s.add("kubernetes_cluster_role_binding_v1", "DevelopersAdmin", {
            metadata: { name: "developers-admin" },
            role_ref: { api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
            subject: [{ api_group: "rbac.authorization.k8s.io", kind: "Group", name: "33333333-3333-3333-3333-333333333333" }],
          }),
      },
      failures: [{ address: "kubernetes_cluster_role_binding_v1.DevelopersAdmin", problems: [/^binds cluster-admin to group '33333333-3333-3333-3333-333333333333'/] }],
    },
    {
      name: "a ClusterRoleBinding of edit to a group (edit in every namespace, kube-system included)",
      stack: {
        defaults: "in-cluster",
        change: (s) =>
          s.add("kubernetes_cluster_role_binding_v1", "DevelopersEdit", {
            metadata: { name: "developers-edit" },
            role_ref: { api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
            subject: [{ api_group: "rbac.authorization.k8s.io", kind: "Group", name: "33333333-3333-3333-3333-333333333333" }],
          }),
      },
      failures: [{ address: "kubernetes_cluster_role_binding_v1.DevelopersEdit", problems: [/^binds edit in every namespace \(a ClusterRoleBinding\) to group '33333333-/] }],
    },
    {
      name: "a secrets-reading Role bound to a group in its namespace",
      stack: boundIn("orders"),
      failures: [{ address: "kubernetes_role_v1.r", problems: [/bound to the Entra group\(s\) 'g' \(kubernetes_role_binding_v1\.b\)/] }],
    },
  ],
};
