// Rules are pure functions of Terraform JSON: the cases a synthesized stack cannot easily
// produce, on small fixtures.
import { HARDENED_AKS_PACK, HARDENED_AKS_RULES, evaluateTerraform, type ComplianceRule, type JsonObject } from "hardened-aks";
import { compliantCluster, fixture, problemsOf, ruleResult } from "./compliance-helpers";

const AKS = "azurerm_kubernetes_cluster";
const cluster = (overrides: JsonObject = {}) => fixture({ [AKS]: { aks: compliantCluster(overrides) } });
const clusterProblems = (id: string, overrides: JsonObject = {}, extra: Record<string, Record<string, JsonObject>> = {}) =>
  problemsOf(id, { resource: { [AKS]: { aks: compliantCluster(overrides) }, ...extra } }, `${AKS}.aks`);

/** What the cluster's relations need: a user pool, a DCR association, audit logs, the policy assignment. */
const RELATIONS: Record<string, Record<string, JsonObject>> = {
  azurerm_kubernetes_cluster_node_pool: {
    apps: {
      kubernetes_cluster_id: "${azurerm_kubernetes_cluster.aks.id}",
      mode: "User",
      vnet_subnet_id: "${azurerm_subnet.user.id}",
      zones: ["1"],
      auto_scaling_enabled: true,
      min_count: 1,
      max_count: 3,
      os_disk_type: "Ephemeral",
      os_sku: "AzureLinux3",
      upgrade_settings: { max_surge: "33%" },
      lifecycle: { ignore_changes: ["node_count", "orchestrator_version"] },
    },
  },
  azurerm_monitor_data_collection_rule_association: { ci: { target_resource_id: "${azurerm_kubernetes_cluster.aks.id}" } },
  azurerm_monitor_diagnostic_setting: {
    logs: {
      target_resource_id: "${azurerm_kubernetes_cluster.aks.id}",
      log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}",
      enabled_log: [{ category: "kube-audit-admin" }, { category: "guard" }],
    },
  },
  azurerm_resource_policy_assignment: {
    pss: {
      resource_id: "${azurerm_kubernetes_cluster.aks.id}",
      policy_definition_id: "/providers/Microsoft.Authorization/policySetDefinitions/42b8ef37-b724-4e24-bbc8-7a7708edfe00",
      parameters: JSON.stringify({ effect: { value: "deny" } }),
    },
  },
};

describe("the compliant fixture", () => {
  test("passes every rule: the fixture is the reference the other cases change one thing of", () => {
    const report = evaluateTerraform({ resource: { [AKS]: { aks: compliantCluster() }, ...RELATIONS } }, { stackName: "fixture" });
    expect(report.rules.filter((r) => r.status !== "pass" && r.status !== "not-applicable").map((r) => r.rule.id)).toEqual([]);
  });
});

describe("values", () => {
  test("an expression known only at apply time does not pass a required literal", () => {
    expect(clusterProblems("IAM-2", { local_account_disabled: "${var.disable_local}" })).toEqual([
      "local_account_disabled is the expression '${var.disable_local}', known only when Terraform runs; it must be the literal true",
    ]);
  });

  test("a boolean spelled as a string is what Terraform converts it to", () => {
    expect(clusterProblems("IAM-2", { local_account_disabled: "true" })).toEqual([]);
    expect(clusterProblems("IAM-2", { local_account_disabled: "false" })).toEqual(["local_account_disabled is 'false'; it must be true"]);
  });

  test("an absent attribute is judged by the provider's default", () => {
    expect(clusterProblems("NET-4", { default_node_pool: { ...(compliantCluster().default_node_pool as JsonObject), node_public_ip_enabled: undefined } })).toEqual([]);
    expect(clusterProblems("API-3", { run_command_enabled: undefined })).toEqual([
      "run_command_enabled is not set (the provider then deploys true); it must be false",
    ]);
  });

  test("blocks read the same as an object or a list of objects", () => {
    expect(clusterProblems("IAM-3", { identity: [{ type: "UserAssigned", identity_ids: ["x"] }] })).toEqual([]);
    expect(clusterProblems("IAM-3", { identity: [{ type: "SystemAssigned" }] })).toEqual([
      "identity.type is 'SystemAssigned'; it must be 'UserAssigned'",
      "identity.identity_ids lists no user-assigned identity",
    ]);
  });
});

describe("IAM-1", () => {
  test("needs an Entra admin group", () => {
    expect(
      clusterProblems("IAM-1", { azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: [] } }),
    ).toEqual([expect.stringMatching(/admin_group_object_ids lists no Entra group/)]);
  });

  test("fails without the Entra block", () => {
    expect(clusterProblems("IAM-1", { azure_active_directory_role_based_access_control: undefined })).toEqual([
      expect.stringMatching(/has no azure_active_directory_role_based_access_control block/),
    ]);
  });
});

describe("IAM-5", () => {
  const grant = (roleDefinitionName: string | undefined, scope: string, roleDefinitionId?: string) =>
    problemsOf(
      "IAM-5",
      fixture({ azurerm_role_assignment: { g: { role_definition_name: roleDefinitionName, role_definition_id: roleDefinitionId, scope, principal_id: "p" } } }),
      "azurerm_role_assignment.g",
    );

  test.each([
    ["Owner", "/subscriptions/abc", /grants Owner at subscription scope/],
    ["owner", "/subscriptions/abc/", /grants Owner at subscription scope/],
    ["Contributor", "/subscriptions/abc/resourceGroups/rg", /grants Contributor at resource group scope/],
    ["Contributor", "${azurerm_resource_group.rg.id}", /grants Contributor at resource group scope/],
    ["User Access Administrator", "${data.azurerm_subscription.current.id}", /grants User Access Administrator at subscription scope/],
    ["Owner", "/subscriptions/${var.subscription_id}", /grants Owner at subscription scope/],
    ["Owner", "/providers/Microsoft.Management/managementGroups/corp", /at management group scope/],
    ["Owner", "/", /at root scope/],
    ["Contributor", "${var.scope}", /cannot be shown to be narrower than a resource group/],
  ])("%s at %s fails", (role, scope, problem) => {
    expect(grant(role, scope)).toEqual([expect.stringMatching(problem)]);
  });

  test("matches the built-in roles by definition id too", () => {
    expect(grant(undefined, "/subscriptions/abc", "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635")).toEqual([
      expect.stringMatching(/grants Owner at subscription scope/),
    ]);
  });

  test.each([
    ["Contributor", "${azurerm_kubernetes_cluster.aks.id}"],
    ["Owner", "${azurerm_resource_group.rg.id}/providers/Microsoft.Network/virtualNetworks/vnet"],
    ["Reader", "/subscriptions/abc"],
    ["Network Contributor", "${azurerm_resource_group.rg.id}"],
  ])("%s at %s passes", (role, scope) => {
    expect(grant(role, scope)).toEqual([]);
  });
});

describe("API-2", () => {
  const publicCluster = (ranges: unknown) =>
    clusterProblems("API-2", { private_cluster_enabled: false, api_server_access_profile: { authorized_ip_ranges: ranges } });

  test("passes a public API server with specific ranges, and any private one", () => {
    expect(publicCluster(["203.0.113.0/24", "2001:db8::/48"])).toEqual([]);
    expect(clusterProblems("API-2", { private_cluster_enabled: true, api_server_access_profile: { authorized_ip_ranges: ["0.0.0.0/0"] } })).toEqual([]);
  });

  test.each(["0.0.0.0/0", "::/0", "*", "Internet", "10.0.0.0/0"])("rejects the catch-all %s", (range) => {
    expect(publicCluster(["203.0.113.0/24", range])).toEqual([`the API server is public and api_server_access_profile.authorized_ip_ranges contains the catch-all '${range}'`]);
  });

  test("cannot check ranges known only at apply time", () => {
    expect(publicCluster("${var.ranges}")).toEqual([expect.stringMatching(/is the expression '\$\{var\.ranges\}'/)]);
  });
});

describe("NET-3", () => {
  const association = (subnet: string) => ({ subnet_id: `\${azurerm_subnet.${subnet}.id}`, network_security_group_id: "${azurerm_network_security_group.nsg.id}" });

  test("passes a subnet with an NSG association and the subnets Azure reserves", () => {
    const stack = fixture({
      azurerm_subnet: { nodes: { name: "snet-nodes" }, firewall: { name: "AzureFirewallSubnet" }, bastion: { name: "AzureBastionSubnet" }, gw: { name: "GatewaySubnet" } },
      azurerm_subnet_network_security_group_association: { a: association("nodes") },
    });
    const result = ruleResult(evaluateTerraform(stack, { stackName: "fixture" }), "NET-3");
    expect(result.status).toBe("pass");
    expect(result.resources).toHaveLength(4);
  });

  test("fails a subnet whose association points elsewhere, and inline subnets without a security group", () => {
    const stack = fixture({
      azurerm_subnet: { nodes: { name: "snet-nodes" } },
      azurerm_subnet_network_security_group_association: { a: association("other") },
      azurerm_virtual_network: { vnet: { subnet: [{ name: "inline-a" }, { name: "inline-b", security_group: "${azurerm_network_security_group.nsg.id}" }, { name: "GatewaySubnet" }] } },
    });
    expect(problemsOf("NET-3", stack, "azurerm_subnet.nodes")).toEqual([expect.stringMatching(/subnet 'snet-nodes' has no azurerm_subnet_network_security_group_association/)]);
    expect(problemsOf("NET-3", stack, "azurerm_virtual_network.vnet")).toEqual(["inline subnet 'inline-a' has no security_group: no NSG filters its traffic"]);
  });
});

describe("UPG-3", () => {
  const pool = compliantCluster().default_node_pool as JsonObject;

  test.each([[["all"]], ["all"], [["default_node_pool", "kubernetes_version"]], [["default_node_pool.0.node_count", "kubernetes_version", "default_node_pool.0.orchestrator_version"]]])(
    "ignore_changes %j covers what the platform owns",
    (ignore) => {
      expect(clusterProblems("UPG-3", { lifecycle: { ignore_changes: ignore } })).toEqual([]);
    },
  );

  test("asks for the version ignores only with a channel that upgrades Kubernetes", () => {
    const only = { lifecycle: { ignore_changes: ["default_node_pool[0].node_count"] } };
    expect(clusterProblems("UPG-3", { ...only, automatic_upgrade_channel: "node-image" })).toEqual([]);
    expect(clusterProblems("UPG-3", { ...only, automatic_upgrade_channel: "stable" })).toEqual([
      expect.stringMatching(/does not cover default_node_pool\[0\]\.orchestrator_version/),
      expect.stringMatching(/does not cover kubernetes_version/),
    ]);
  });

  test("asks for the node count ignore only with autoscaling", () => {
    expect(clusterProblems("UPG-3", { default_node_pool: { ...pool, auto_scaling_enabled: false }, lifecycle: { ignore_changes: ["kubernetes_version", "default_node_pool[0].orchestrator_version"] } })).toEqual([]);
  });

  test("checks a node pool against its cluster's channel", () => {
    const stack = { resource: { [AKS]: { aks: compliantCluster() }, azurerm_kubernetes_cluster_node_pool: { apps: { ...RELATIONS.azurerm_kubernetes_cluster_node_pool.apps, lifecycle: { ignore_changes: ["node_count"] } } } } };
    expect(problemsOf("UPG-3", stack, "azurerm_kubernetes_cluster_node_pool.apps")).toEqual([expect.stringMatching(/does not cover orchestrator_version/)]);
  });
});

describe("MON-2", () => {
  const withLogs = (setting: JsonObject) => clusterProblems("MON-2", {}, { azurerm_monitor_diagnostic_setting: { logs: setting } });
  const target = { target_resource_id: "${azurerm_kubernetes_cluster.aks.id}", log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}" };

  test("accepts kube-audit for kube-audit-admin, and the allLogs category group", () => {
    expect(withLogs({ ...target, enabled_log: [{ category: "kube-audit" }, { category: "guard" }] })).toEqual([]);
    expect(withLogs({ ...target, enabled_log: { category_group: "allLogs" } })).toEqual([]);
  });

  test("names each missing category, and a setting that goes to no workspace", () => {
    expect(withLogs({ ...target, enabled_log: [{ category: "kube-audit-admin" }] })).toEqual([expect.stringMatching(/send no 'guard' logs/)]);
    expect(withLogs({ target_resource_id: target.target_resource_id, enabled_log: [{ category: "kube-audit-admin" }, { category: "guard" }] })).toEqual([
      expect.stringMatching(/send to no Log Analytics workspace/),
    ]);
    expect(clusterProblems("MON-2")).toEqual([expect.stringMatching(/no azurerm_monitor_diagnostic_setting in the stack targets this cluster/)]);
  });
});

describe("POL-1", () => {
  const assignment = (extra: JsonObject) => ({ azurerm_resource_policy_assignment: { pss: { ...RELATIONS.azurerm_resource_policy_assignment.pss, ...extra } } });

  test("accepts the effect deny in any case", () => {
    expect(clusterProblems("POL-1", {}, assignment({ parameters: JSON.stringify({ effect: { value: "Deny" } }) }))).toEqual([]);
  });

  test.each([
    [{ enforce: false }, /enforce is false, so the policy only reports/],
    [{ parameters: undefined }, /its parameters set no effect/],
    [{ parameters: JSON.stringify({ effect: { value: "audit" } }) }, /its effect parameter is 'audit'/],
    [{ policy_definition_id: "/providers/Microsoft.Authorization/policySetDefinitions/other" }, /no azurerm_resource_policy_assignment in the stack assigns the Pod Security restricted initiative/],
  ])("fails %j", (extra, problem) => {
    expect(clusterProblems("POL-1", {}, assignment(extra))).toEqual([expect.stringMatching(problem)]);
  });
});

describe("applicability", () => {
  test("a stack with no cluster is not applicable for the cluster rules, and passes", () => {
    const report = evaluateTerraform(fixture({ azurerm_resource_group: { rg: { name: "rg" } } }), { stackName: "empty" });
    expect(report.rules.map((r) => r.status)).toEqual(HARDENED_AKS_RULES.map(() => "not-applicable"));
    expect(report.summary).toMatchObject({ rules: HARDENED_AKS_RULES.length, pass: 0, fail: 0, notApplicable: HARDENED_AKS_RULES.length });
  });

  test("a rule with no resource types checks the stack itself, once, and is always applicable", () => {
    const backend: ComplianceRule = {
      id: "OPS-2",
      name: "RemoteState",
      title: "Remote state per environment",
      description: "State holds secrets.",
      severity: "medium",
      fix: "Use an azurerm backend.",
      seeds: [],
      mappings: {},
      resourceTypes: [],
      check: (stack) => (JSON.stringify(stack.config.terraform ?? {}).includes('"azurerm"') ? [] : ["the stack has no azurerm backend"]),
    };
    const pack = { ...HARDENED_AKS_PACK, rules: [backend] };
    const local = evaluateTerraform({ terraform: { backend: { local: {} } } }, { stackName: "dev", pack });
    expect(local.rules[0]).toMatchObject({ status: "fail", resources: [{ address: "terraform", constructPath: "dev", problems: ["the stack has no azurerm backend"] }] });
    expect(evaluateTerraform({ terraform: { backend: { azurerm: {} } } }, { stackName: "dev", pack }).rules[0].status).toBe("pass");
  });

  test("a rule that throws fails the resource with the error, instead of crashing synthesis", () => {
    const broken: ComplianceRule = { ...HARDENED_AKS_RULES[0], check: () => { throw new Error("boom"); } };
    const report = evaluateTerraform(cluster(), { stackName: "x", pack: { ...HARDENED_AKS_PACK, rules: [broken] } });
    expect(report.rules[0].resources[0].problems).toEqual(["the rule could not evaluate this resource (boom)"]);
  });
});
