import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, stackOf, type RuleFixtures } from "../rule-fixture";

const CLUSTER_ID = "${azurerm_kubernetes_cluster.aks.id}";
const grantIn = (role: string, namespace: string) =>
  stackOf({ azurerm_role_assignment: { g: { scope: `${CLUSTER_ID}/namespaces/${namespace}`, role_definition_name: role, principal_id: "p", principal_type: "Group" } } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: Entra ID, Azure RBAC and an admin group", stack: clusterStack() },
    { name: "an Azure Kubernetes Service RBAC Admin assignment in a team's namespace", stack: grantIn("Azure Kubernetes Service RBAC Admin", "orders") },
    { name: "an Azure Kubernetes Service RBAC Reader assignment in kube-system", stack: grantIn("Azure Kubernetes Service RBAC Reader", "kube-system") },
    { name: "a namespace known only when Terraform runs", stack: grantIn("Azure Kubernetes Service RBAC Writer", "${var.namespace}") },
  ],
  failing: [
    {
      name: "an Azure Kubernetes Service RBAC Admin assignment in kube-system (escape hatch)",
      stack: {
        defaults: "azure",
        change: (s) =>
          s.add("azurerm_role_assignment", "KubeSystemAdmins", {
            scope: `${s.resource("azurerm_kubernetes_cluster").ref()}/namespaces/kube-system`,
            role_definition_name: "Azure Kubernetes Service RBAC Admin",
            principal_id: "22222222-2222-2222-2222-222222222222",
            principal_type: "Group",
          }),
      },
      failures: [
        {
          address: "azurerm_role_assignment.KubeSystemAdmins",
          problems: [/^grants Azure Kubernetes Service RBAC Admin in namespace 'kube-system' \(scope '\$\{azurerm_kubernetes_cluster\.[^}]+\}\/namespaces\/kube-system'\), which the platform owns/],
        },
      ],
    },
    {
      name: "a Writer assignment in default, the role's name in another case",
      stack: grantIn("azure kubernetes service rbac writer", "default"),
      failures: [{ address: "azurerm_role_assignment.g", problems: [/^grants Azure Kubernetes Service RBAC Writer in namespace 'default'/] }],
    },
    {
      name: "override azure_rbac_enabled",
      stack: clusterOverride("azure_active_directory_role_based_access_control.azure_rbac_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["azure_active_directory_role_based_access_control.azure_rbac_enabled is false; it must be true"] }],
    },
    {
      name: "override role_based_access_control_enabled",
      stack: clusterOverride("role_based_access_control_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["role_based_access_control_enabled is false; it must be true"] }],
    },
    {
      name: "no Entra admin group",
      stack: clusterStack({ azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: [] } }),
      failures: [{ address: CLUSTER, problems: [/admin_group_object_ids lists no Entra group/] }],
    },
    {
      name: "no Entra block",
      stack: clusterStack({ azure_active_directory_role_based_access_control: undefined }),
      failures: [{ address: CLUSTER, problems: [/has no azure_active_directory_role_based_access_control block/] }],
    },
  ],
};
