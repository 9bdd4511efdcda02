import { compliantCluster, stackOf, type RuleFixtures } from "../rule-fixture";

const REGISTRY = "azurerm_container_registry.acr";
const registry = { sku: "Premium", admin_enabled: false, public_network_access_enabled: false, export_policy_enabled: false };
const endpoint = { pe: { private_service_connection: { private_connection_resource_id: "${azurerm_container_registry.acr.id}", subresource_names: ["registry"] } } };

export const fixtures: RuleFixtures = {
  passing: [
    {
      name: "missing admin user and anonymous pull read as the provider's default (off)",
      stack: stackOf({ azurerm_container_registry: { acr: registry }, azurerm_private_endpoint: endpoint }),
    },
  ],
  failing: [
    {
      name: "override the admin user on",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_container_registry").override("admin_enabled", true) },
      failures: [{ address: /^azurerm_container_registry\.Registry_[0-9A-F]{8}$/, problems: ["admin_enabled is true; it must be false"] }],
    },
    {
      name: "grant the kubelet AcrPush on the registry",
      stack: {
        defaults: "azure",
        change: (s) =>
          s.add("azurerm_role_assignment", "KubeletPush", {
            scope: s.resource("azurerm_container_registry").ref(),
            role_definition_name: "AcrPush",
            principal_id: s.resource("azurerm_user_assigned_identity", "Cluster_KubeletIdentity").ref("principal_id"),
          }),
      },
      failures: [
        { address: /^azurerm_container_registry\./, problems: ["azurerm_role_assignment.KubeletPush grants a kubelet identity 'AcrPush' on the registry; it needs only AcrPull"] },
      ],
    },
    {
      name: "roles of a kubelet identity AKS created, found by the cluster's attribute",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: compliantCluster({ kubelet_identity: undefined }) },
        azurerm_container_registry: { acr: registry },
        azurerm_private_endpoint: endpoint,
        azurerm_role_assignment: {
          pull: { scope: "${azurerm_container_registry.acr.id}", role_definition_name: "AcrPull", principal_id: "${azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id}" },
          owner: { scope: "${azurerm_container_registry.acr.id}", role_definition_name: "Owner", principal_id: "${azurerm_kubernetes_cluster.aks.kubelet_identity.0.object_id}" },
          ci: { scope: "${azurerm_container_registry.acr.id}", role_definition_name: "AcrPush", principal_id: "ci-object-id" },
        },
      }),
      failures: [{ address: REGISTRY, problems: ["azurerm_role_assignment.owner grants a kubelet identity 'Owner' on the registry; it needs only AcrPull"] }],
    },
  ],
};
