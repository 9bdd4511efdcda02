import { stackOf, type FailingFixture, type PassingFixture, type RuleFixtures } from "../rule-fixture";

const GRANT = "azurerm_role_assignment.g";

const grant = (role: string | undefined, scope: string, roleDefinitionId?: string) =>
  stackOf({ azurerm_role_assignment: { g: { role_definition_name: role, role_definition_id: roleDefinitionId, scope, principal_id: "p" } } });

const fails = (role: string, scope: string, problem: RegExp): FailingFixture => ({
  name: `${role} at ${scope}`,
  stack: grant(role, scope),
  failures: [{ address: GRANT, problems: [problem] }],
});

const passes = (role: string, scope: string): PassingFixture => ({ name: `${role} at ${scope}`, stack: grant(role, scope) });

export const fixtures: RuleFixtures = {
  passing: [
    passes("Contributor", "${azurerm_kubernetes_cluster.aks.id}"),
    passes("Owner", "${azurerm_resource_group.rg.id}/providers/Microsoft.Network/virtualNetworks/vnet"),
    passes("Reader", "/subscriptions/abc"),
    passes("Network Contributor", "${azurerm_resource_group.rg.id}"),
  ],
  failing: [
    {
      name: "a Contributor role assignment on the resource group",
      stack: {
        defaults: "azure",
        change: (s) => s.add("azurerm_role_assignment", "BroadGrant", { scope: "${azurerm_resource_group.Group.id}", role_definition_name: "Contributor", principal_id: "p" }),
      },
      failures: [{ address: "azurerm_role_assignment.BroadGrant", problems: [/grants Contributor at resource group scope/] }],
    },
    {
      name: "override a grant of the cluster to Owner on the subscription",
      stack: {
        defaults: "azure",
        change: (s) =>
          s
            .resource("azurerm_role_assignment", "Cluster_ControlPlaneManagesKubeletIdentity")
            .override("role_definition_name", "Owner")
            .override("scope", "/subscriptions/00000000-0000-0000-0000-000000000000"),
      },
      failures: [{ address: /^azurerm_role_assignment\.Cluster_/, problems: [/grants Owner at subscription scope/] }],
    },
    fails("Owner", "/subscriptions/abc", /grants Owner at subscription scope/),
    fails("owner", "/subscriptions/abc/", /grants Owner at subscription scope/),
    fails("Contributor", "/subscriptions/abc/resourceGroups/rg", /grants Contributor at resource group scope/),
    fails("Contributor", "${azurerm_resource_group.rg.id}", /grants Contributor at resource group scope/),
    fails("User Access Administrator", "${data.azurerm_subscription.current.id}", /grants User Access Administrator at subscription scope/),
    fails("Owner", "/subscriptions/${var.subscription_id}", /grants Owner at subscription scope/),
    fails("Owner", "/providers/Microsoft.Management/managementGroups/corp", /at management group scope/),
    fails("Owner", "/", /at root scope/),
    fails("Contributor", "${var.scope}", /cannot be shown to be narrower than a resource group/),
    {
      name: "a built-in role matched by its definition id",
      stack: grant(undefined, "/subscriptions/abc", "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
      failures: [{ address: GRANT, problems: [/grants Owner at subscription scope/] }],
    },
  ],
};
