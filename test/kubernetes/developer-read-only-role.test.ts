import { DeveloperReadOnlyRole, SecureNamespace } from "hardened-aks";
import { DEVELOPER_READ_ONLY_RULES } from "../../lib/kubernetes/developer-read-only-role";
import { ADMIN_GROUP_ID, kubernetesTestStack, only, resources, synth } from "../helpers";

const DEV_GROUP_ID = "55555555-5555-5555-5555-555555555555";
const group = (name: string) => ({ api_group: "rbac.authorization.k8s.io", kind: "Group", name });

describe("DeveloperReadOnlyRole", () => {
  const stack = kubernetesTestStack();
  new DeveloperReadOnlyRole(stack, "Developers", { groupObjectIds: [DEV_GROUP_ID] });
  const json = synth(stack);
  const role = only(json, "kubernetes_cluster_role_v1");
  const rules: Array<{ api_groups: string[]; resources: string[]; verbs: string[] }> = role.rule;

  test("is named developer-read-only", () => {
    expect(role.metadata).toEqual({ name: "developer-read-only" });
  });

  test("only gets, lists and watches", () => {
    for (const rule of rules) expect(rule.verbs).toEqual(["get", "list", "watch"]);
    expect(rules.every((r) => r.resources.every((res) => res !== "*"))).toBe(true);
    expect(rules.every((r) => r.api_groups.every((g) => g !== "*"))).toBe(true);
  });

  test("never reads secrets, and cannot exec, attach, port-forward or proxy", () => {
    const all = rules.flatMap((r) => r.resources);
    expect(all).not.toContain("secrets");
    for (const sub of ["pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "services/proxy"]) expect(all).not.toContain(sub);
  });

  test("covers the workload resources, each in its API group", () => {
    const grants = Object.fromEntries(rules.map((r) => [r.api_groups[0], r.resources]));
    expect(grants[""]).toEqual(["pods", "pods/log", "services", "endpoints", "configmaps", "events", "persistentvolumeclaims"]);
    expect(grants.apps).toEqual(["deployments", "replicasets", "statefulsets", "daemonsets"]);
    expect(grants.batch).toEqual(["jobs", "cronjobs"]);
    expect(grants["networking.k8s.io"]).toEqual(["ingresses", "networkpolicies"]);
    expect(grants.autoscaling).toEqual(["horizontalpodautoscalers"]);
    expect(rules).toHaveLength(DEVELOPER_READ_ONLY_RULES.length);
  });

  test("is bound cluster-wide to the Entra group by default", () => {
    const binding = only(json, "kubernetes_cluster_role_binding_v1");
    const roleId = Object.keys(json.resource.kubernetes_cluster_role_v1)[0];
    expect(binding.metadata).toEqual({ name: "developer-read-only" });
    expect(binding.role_ref).toEqual({
      api_group: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: `\${kubernetes_cluster_role_v1.${roleId}.metadata[0].name}`,
    });
    expect(binding.subject).toEqual([group(DEV_GROUP_ID)]);
    expect(resources(json, "kubernetes_role_binding_v1")).toEqual([]);
  });
});

describe("DeveloperReadOnlyRole in chosen namespaces", () => {
  test("binds the role in each namespace only, after the namespace exists", () => {
    const stack = kubernetesTestStack();
    const web = new SecureNamespace(stack, "Web", { name: "web" });
    new DeveloperReadOnlyRole(stack, "Developers", { groupObjectIds: [DEV_GROUP_ID, ADMIN_GROUP_ID], namespaces: [web, "existing-ns"], name: "dev-read" });
    const json = synth(stack);
    expect(resources(json, "kubernetes_cluster_role_binding_v1")).toEqual([]);
    const bindings = resources(json, "kubernetes_role_binding_v1");
    expect(bindings.map((b) => b.metadata).sort((a, b) => a.namespace.localeCompare(b.namespace))).toEqual([
      { name: "dev-read", namespace: "existing-ns" },
      { name: "dev-read", namespace: "web" },
    ]);
    for (const b of bindings) {
      expect(b.role_ref.kind).toBe("ClusterRole");
      expect(b.subject).toEqual([group(DEV_GROUP_ID), group(ADMIN_GROUP_ID)]);
    }
    const inWeb = bindings.find((b) => b.metadata.namespace === "web")!;
    const inExisting = bindings.find((b) => b.metadata.namespace === "existing-ns")!;
    expect(inWeb.depends_on).toEqual([`kubernetes_namespace_v1.${Object.keys(json.resource.kubernetes_namespace_v1)[0]}`, `kubernetes_default_service_account_v1.${Object.keys(json.resource.kubernetes_default_service_account_v1)[0]}`]);
    expect(inExisting.depends_on).toBeUndefined();
  });

  test.each([
    [{ groupObjectIds: [] }, /groupObjectIds must not be empty/],
    [{ groupObjectIds: ["developers"] }, /groupObjectIds entries must be a GUID/],
    [{ groupObjectIds: [DEV_GROUP_ID], name: "Developer Read" }, /name must be a DNS-1123 label/],
    [{ groupObjectIds: [DEV_GROUP_ID], namespaces: ["Not_A_Label"] }, /namespaces\[0\] must be a DNS-1123 label/],
  ])("rejects %p", (props, message) => {
    expect(() => new DeveloperReadOnlyRole(kubernetesTestStack(), "Developers", props)).toThrow(message);
  });
});

describe("DeveloperReadOnlyRole in namespaces the platform owns", () => {
  test.each(["kube-system", "default", "flux-system"])("refuses to bind in '%s'", (name) => {
    expect(() => new DeveloperReadOnlyRole(kubernetesTestStack(), "Developers", { groupObjectIds: [DEV_GROUP_ID], namespaces: ["payments", name] })).toThrow(
      new RegExp(`^namespaces\\[1\\] must not be a namespace the platform owns \\(.*\\); got '${name}'\\. Bind the developers' role in the teams' namespaces`),
    );
  });
});

describe("DeveloperReadOnlyRole from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no groups", { groupObjectIds: undefined }, /^groupObjectIds is required and must be an array.*got nothing/],
    ["groups as one string", { groupObjectIds: DEV_GROUP_ID }, /^groupObjectIds is required and must be an array/],
    ["a name that is a number", { name: 5 }, /^name must be a non-empty string when given.*got 5/],
    ["namespaces as one name", { namespaces: "payments" }, /^namespaces must be an array when given/],
    ["a null namespace", { namespaces: [null] }, /^namespaces\[0\] is required and must be a namespace's name or a SecureNamespace.*got null/],
  ])("names the prop for %s", (_name, fields, message) => {
    expect(() => new DeveloperReadOnlyRole(kubernetesTestStack(), "Developers", { groupObjectIds: [DEV_GROUP_ID], ...fields } as any)).toThrow(message);
  });
});
