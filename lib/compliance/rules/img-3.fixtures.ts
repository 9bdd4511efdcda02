import { compliantCluster, stackOf, type RuleFixtures } from "../rule-fixture";

const registry = { sku: "Premium", admin_enabled: false, public_network_access_enabled: false, export_policy_enabled: false };
const kubeletPull = {
  scope: "${azurerm_container_registry.acr.id}",
  role_definition_name: "AcrPull",
  principal_id: "${azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id}",
};

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the library's defaults: registry.grantPull(cluster)", stack: { defaults: "azure" } },
    {
      name: "AcrPull for the kubelet identity AKS created, by the cluster's attribute",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: compliantCluster({ kubelet_identity: undefined }) },
        azurerm_container_registry: { acr: registry },
        azurerm_role_assignment: { pull: kubeletPull },
      }),
    },
    {
      name: "AcrPull by role definition id",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: compliantCluster({ kubelet_identity: undefined }) },
        azurerm_container_registry: { acr: registry },
        azurerm_role_assignment: {
          pull: { ...kubeletPull, role_definition_name: undefined, role_definition_id: "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d" },
        },
      }),
    },
  ],
  failing: [
    {
      name: "registry.grantPull(cluster) left out",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: compliantCluster({ kubelet_identity: undefined }) },
        azurerm_container_registry: { acr: registry },
      }),
      failures: [
        {
          address: "azurerm_container_registry.acr",
          problems: [/^no AcrPull role assignment on this registry for the kubelet identity of azurerm_kubernetes_cluster\.aks \(azurerm_kubernetes_cluster\.aks\).*registry\.grantPull\(cluster\)$/],
        },
      ],
    },
    {
      name: "the kubelet gets AcrPush, not AcrPull",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: compliantCluster({ kubelet_identity: undefined }) },
        azurerm_container_registry: { acr: registry },
        azurerm_role_assignment: { push: { ...kubeletPull, role_definition_name: "AcrPush" } },
      }),
      failures: [{ address: "azurerm_container_registry.acr", problems: [/^no AcrPull role assignment/] }],
    },
    {
      name: "AcrPull to some other principal only",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: compliantCluster({ kubelet_identity: undefined }) },
        azurerm_container_registry: { acr: registry },
        azurerm_role_assignment: { ci: { ...kubeletPull, principal_id: "ci-object-id" } },
      }),
      failures: [{ address: "azurerm_container_registry.acr", problems: [/^no AcrPull role assignment/] }],
    },
  ],
};
