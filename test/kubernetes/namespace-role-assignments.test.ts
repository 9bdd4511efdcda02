import { TerraformVariable } from "cdktf";
import { NamespaceRoleAssignments } from "hardened-aks";
import { AKS_NAMESPACE_ROLES } from "../../lib/kubernetes/namespace-role-assignments";
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

describe("NamespaceRoleAssignments in namespaces the platform owns", () => {
  // Admin in kube-system is cluster admin: IAM-1 fails such an assignment made by hand.
  test.each(["kube-system", "default", "gatekeeper-system", "kube-public", "kube-custom"])("refuses '%s'", (namespace) => {
    const stack = testStack();
    expect(() => new NamespaceRoleAssignments(stack, "Access", { clusterId: testCluster(stack).clusterId, namespace, readerGroupObjectIds: [READER_GROUP_ID] })).toThrow(
      new RegExp(`^namespace must not be a namespace the platform owns \\(.*\\); got '${namespace}'\\. Namespace roles are for the teams' namespaces: in kube-system, admin is cluster admin \\(IAM-1\\)`),
    );
  });

  test("takes a Terraform variable as the namespace without checking it", () => {
    const stack = testStack();
    const namespace = new TerraformVariable(stack, "namespace", { type: "string" }).stringValue;
    const access = new NamespaceRoleAssignments(stack, "Access", { clusterId: testCluster(stack).clusterId, namespace, adminGroupObjectIds: [ADMIN_GROUP_ID] });
    expect(access.scope).toMatch(/\/namespaces\/\$\{TfToken/);
  });
});

describe("NamespaceRoleAssignments from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no cluster id", { clusterId: undefined }, /^clusterId is required and must be a non-empty string, e\.g\. cluster\.clusterId; got nothing/],
    ["no namespace", { namespace: undefined }, /^namespace is required and must be a non-empty string, e\.g\. 'payments'; got nothing/],
    ["a null namespace", { namespace: null }, /^namespace is required .*got null/],
    ["groups as one string", { adminGroupObjectIds: ADMIN_GROUP_ID }, /^adminGroupObjectIds must be an array when given/],
  ])("names the prop for %s", (_name, fields, message) => {
    const stack = testStack();
    expect(() => new NamespaceRoleAssignments(stack, "Access", { clusterId: "/subscriptions/s/x", namespace: "payments", readerGroupObjectIds: [READER_GROUP_ID], ...fields } as any)).toThrow(message);
  });

  test("names the props object when there is none", () => {
    expect(() => new NamespaceRoleAssignments(testStack(), "Access", undefined as any)).toThrow(/^props is required and must be an object/);
  });
});
