import { stackOf, type RuleFixtures } from "../rule-fixture";

const secretsRole = { metadata: { name: "reader", namespace: "orders" }, rule: [{ api_groups: [""], resources: ["secrets"], verbs: ["get"] }] };
const binding = (namespace: string) => ({
  metadata: { name: "b", namespace },
  role_ref: { api_group: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
  subject: [{ kind: "Group", name: "g" }],
});
const boundIn = (namespace: string) => stackOf({ kubernetes_role_v1: { r: secretsRole }, kubernetes_role_binding_v1: { b: binding(namespace) } });

export const fixtures: RuleFixtures = {
  passing: [
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
      name: "a secrets-reading Role bound to a group in its namespace",
      stack: boundIn("orders"),
      failures: [{ address: "kubernetes_role_v1.r", problems: [/bound to the Entra group\(s\) 'g' \(kubernetes_role_binding_v1\.b\)/] }],
    },
  ],
};
