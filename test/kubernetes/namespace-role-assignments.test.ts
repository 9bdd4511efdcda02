import { AKS_NAMESPACE_ROLES, NamespaceRoleAssignments } from "hardened-aks";
import { ADMIN_GROUP_ID, resources, synth, testCluster, testStack } from "../helpers";

const WRITER_GROUP_ID = "44444444-4444-4444-4444-444444444444";
const READER_GROUP_ID = "33333333-3333-3333-3333-333333333333";

describe("NamespaceRoleAssignments (Azure RBAC for Kubernetes authorization)", () => {
  test("assigns the AKS RBAC roles to Entra groups at namespace scope, in the Azure stack (K8S-5)", () => {
    const stack = testStack();
    const cluster = testCluster(stack);
    const before = resources(synth(stack), "azurerm_role_assignment").length;
    const access = new NamespaceRoleAssignments(stack, "PaymentsAccess", {
      clusterId: cluster.clusterId,
      namespace: "payments",
      adminGroupObjectIds: [ADMIN_GROUP_ID],
      writerGroupObjectIds: [WRITER_GROUP_ID],
      readerGroupObjectIds: [READER_GROUP_ID],
    });
    const json = synth(stack);
    const clusterId = `\${azurerm_kubernetes_cluster.${Object.keys(json.resource.azurerm_kubernetes_cluster)[0]}.id}`;
    const made = resources(json, "azurerm_role_assignment").filter((r) => String(r.scope).endsWith("/namespaces/payments"));
    expect(made).toHaveLength(3);
    expect(resources(json, "azurerm_role_assignment")).toHaveLength(before + 3);
    expect(made.map((r) => [r.role_definition_name, r.principal_id, r.principal_type, r.scope])).toEqual(
      expect.arrayContaining([
        ["Azure Kubernetes Service RBAC Admin", ADMIN_GROUP_ID, "Group", `${clusterId}/namespaces/payments`],
        ["Azure Kubernetes Service RBAC Writer", WRITER_GROUP_ID, "Group", `${clusterId}/namespaces/payments`],
        ["Azure Kubernetes Service RBAC Reader", READER_GROUP_ID, "Group", `${clusterId}/namespaces/payments`],
      ]),
    );
    expect(access.roleAssignments).toHaveLength(3);
    expect(AKS_NAMESPACE_ROLES.reader).toBe("Azure Kubernetes Service RBAC Reader");
  });

  test.each([
    [{ namespace: "Payments", readerGroupObjectIds: [READER_GROUP_ID] }, /namespace must be a DNS-1123 label/],
    [{ namespace: "payments" }, /must not be empty: name at least one Entra group/],
    [{ namespace: "payments", adminGroupObjectIds: ["admins"] }, /adminGroupObjectIds entries must be a GUID/],
  ])("rejects %p", (props, message) => {
    const stack = testStack();
    expect(() => new NamespaceRoleAssignments(stack, "Access", { clusterId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks", ...props })).toThrow(message);
  });
});
