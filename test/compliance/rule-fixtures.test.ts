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
      host_encryption_enabled: true,
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
    const report = evaluateTerraform(fixture({ [AKS]: { aks: compliantCluster() }, ...RELATIONS }), { stackName: "fixture" });
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
  test("a stack with none of a rule's resource types is not applicable for it; the stack-wide rules still apply", () => {
    const report = evaluateTerraform(fixture({ azurerm_resource_group: { rg: { name: "rg" } } }), { stackName: "empty" });
    const stackWide = HARDENED_AKS_RULES.filter((r) => r.resourceTypes.length === 0).map((r) => r.id);
    expect(stackWide).toEqual(["SEC-5", "OPS-2"]);
    expect(report.rules.map((r) => [r.rule.id, r.status])).toEqual(HARDENED_AKS_RULES.map((r) => [r.id, stackWide.includes(r.id) ? "pass" : "not-applicable"]));
    expect(report.summary).toMatchObject({ rules: HARDENED_AKS_RULES.length, pass: 2, fail: 0, notApplicable: HARDENED_AKS_RULES.length - 2 });
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

/** The problems of a rule on the only resource of a fixture with the given resources. */
const only = (id: string, resources: Record<string, Record<string, JsonObject>>, address: string, production = false) =>
  problemsOf(id, fixture(resources), address, production);

describe("EGR-1", () => {
  const subnet = { system: { name: "snet-system" } };
  const association = (table = "rt") => ({ a: { subnet_id: "${azurerm_subnet.system.id}", route_table_id: `\${azurerm_route_table.${table}.id}` } });
  const table = (route: JsonObject[] | undefined, extra: JsonObject = {}) => ({ rt: { name: "rt-egress", bgp_route_propagation_enabled: false, route, ...extra } });
  const egress = (resources: Record<string, Record<string, JsonObject>>) => only("EGR-1", { [AKS]: { aks: compliantCluster() }, ...resources }, `${AKS}.aks`);

  test("passes a node subnet routed to a virtual appliance, with the route inline or as an azurerm_route", () => {
    expect(egress({ azurerm_subnet: subnet, azurerm_subnet_route_table_association: association(), azurerm_route_table: table([{ name: "d", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.200.0.4" }]) })).toEqual([]);
    expect(
      egress({
        azurerm_subnet: subnet,
        azurerm_subnet_route_table_association: association(),
        azurerm_route_table: table(undefined),
        azurerm_route: { d: { route_table_name: "${azurerm_route_table.rt.name}", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance" } },
      }),
    ).toEqual([]);
  });

  test("does not check subnets the stack does not create (a network brought by id)", () => {
    expect(egress({})).toEqual([]);
  });

  test("fails a node subnet without a route table, or whose table has no default route", () => {
    expect(egress({ azurerm_subnet: subnet })).toEqual([expect.stringMatching(/the default_node_pool subnet 'snet-system' has no azurerm_subnet_route_table_association/)]);
    expect(egress({ azurerm_subnet: subnet, azurerm_subnet_route_table_association: association(), azurerm_route_table: table([]) })).toEqual([
      expect.stringMatching(/route table 'rt-egress' of the default_node_pool subnet 'snet-system' has no 0\.0\.0\.0\/0 route/),
    ]);
  });

  test("reads a missing outbound_type as the provider's load balancer", () => {
    const cluster = compliantCluster({ network_profile: { network_plugin: "azure" } });
    expect(problemsOf("EGR-1", fixture({ [AKS]: { aks: cluster } }), `${AKS}.aks`)).toEqual([
      "network_profile.outbound_type is not set (the provider then deploys 'loadBalancer'); it must be 'userDefinedRouting'",
    ]);
  });
});

describe("EGR-2", () => {
  const policy = (config: JsonObject) => only("EGR-2", { azurerm_firewall_policy: { p: config } }, "azurerm_firewall_policy.p");
  const group = (config: JsonObject) => only("EGR-2", { azurerm_firewall_policy_rule_collection_group: { g: config } }, "azurerm_firewall_policy_rule_collection_group.g");

  test("asks Premium policies for intrusion detection in deny mode", () => {
    const base = { sku: "Premium", dns: { proxy_enabled: true }, threat_intelligence_mode: "Deny" };
    expect(policy({ ...base, intrusion_detection: { mode: "Deny" } })).toEqual([]);
    expect(policy({ ...base, intrusion_detection: { mode: "Alert" } })).toEqual(["intrusion_detection.mode is 'Alert'; it must be 'Deny'"]);
    expect(policy({ ...base, sku: "Standard" })).toEqual([]);
  });

  test("reads missing DNS proxy and threat intelligence as the provider's defaults", () => {
    expect(policy({})).toEqual([
      "dns.proxy_enabled is not set (the provider then deploys false); it must be true",
      "threat_intelligence_mode is not set (the provider then deploys 'Alert'); it must be 'Deny'",
    ]);
  });

  test("rejects catch-all destinations and ports in Allow collections only", () => {
    const rule = (destination: JsonObject) => ({ name: "r", protocols: [{ type: "Https", port: 443 }], source_addresses: ["10.0.0.0/8"], ...destination });
    expect(group({ application_rule_collection: [{ name: "c", action: "Allow", rule: [rule({ destination_fqdns: ["*"] })] }] })).toEqual([
      "application rule 'r' of collection 'c' allows the catch-all destination_fqdns '*': the firewall would let anything out",
    ]);
    expect(group({ application_rule_collection: [{ name: "c", action: "Allow", rule: [rule({ destination_fqdns: ["*.com"] })] }] })).toHaveLength(1);
    expect(group({ application_rule_collection: [{ name: "c", action: "Allow", rule: [rule({ destination_fqdns: ["*.github.com"] })] }] })).toEqual([]);
    expect(group({ network_rule_collection: [{ name: "n", action: "Allow", rule: [{ name: "r", destination_addresses: ["Internet"], destination_ports: ["1-65535"] }] }] })).toEqual([
      "network rule 'r' of collection 'n' allows the catch-all destination_addresses 'Internet': the firewall would let anything out",
      "network rule 'r' of collection 'n' allows every destination port ('1-65535'); list the ports the service uses",
    ]);
    expect(group({ network_rule_collection: [{ name: "n", action: "Deny", rule: [{ name: "r", destination_addresses: ["*"], destination_ports: ["*"] }] }] })).toEqual([]);
  });

  test("fails a firewall without a policy or without logs", () => {
    expect(only("EGR-2", { azurerm_firewall: { f: { name: "afw" } } }, "azurerm_firewall.f")).toEqual([
      expect.stringMatching(/^firewall_policy_id is not set/),
      expect.stringMatching(/^no azurerm_monitor_diagnostic_setting in the stack sends this firewall's logs/),
    ]);
  });

  test("is not applicable to a stack without a firewall (egress through one run elsewhere)", () => {
    expect(ruleResult(evaluateTerraform(fixture({ [AKS]: { aks: compliantCluster() } }), { stackName: "x" }), "EGR-2").status).toBe("not-applicable");
  });
});

describe("ING-1, ING-3, ING-4", () => {
  const gateway = {
    sku: { name: "WAF_v2", tier: "WAF_v2" },
    firewall_policy_id: "${azurerm_web_application_firewall_policy.waf.id}",
    gateway_ip_configuration: [{ name: "g", subnet_id: "${azurerm_subnet.agw.id}" }],
    ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" },
  };
  const agicCluster = compliantCluster({ ingress_application_gateway: { gateway_id: "${azurerm_application_gateway.agw.id}" } });
  const agic = "${azurerm_kubernetes_cluster.aks.ingress_application_gateway.0.ingress_application_gateway_identity.0.object_id}";
  const grant = (role: string, scope: string) => ({ role_definition_name: role, scope, principal_id: agic });

  test("ING-1 fails an ingress add-on pointing at a gateway outside the stack", () => {
    const cluster = compliantCluster({ ingress_application_gateway: { gateway_id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw" } });
    expect(problemsOf("ING-1", fixture({ [AKS]: { aks: cluster } }), `${AKS}.aks`)).toEqual([expect.stringMatching(/not an azurerm_application_gateway of this stack, so its WAF cannot be checked/)]);
  });

  test("ING-3 accepts CustomV2 from TLS 1.2 and rejects older minimums or no policy", () => {
    const tls = (ssl: JsonObject | undefined) => only("ING-3", { azurerm_application_gateway: { agw: { ...gateway, ssl_policy: ssl } } }, "azurerm_application_gateway.agw");
    expect(tls({ policy_type: "CustomV2", min_protocol_version: "TLSv1_3" })).toEqual([]);
    expect(tls({ policy_type: "CustomV2", min_protocol_version: "TLSv1_1" })).toEqual(["ssl_policy.min_protocol_version is 'TLSv1_1'; it must be one of 'TLSv1_2', 'TLSv1_3'"]);
    expect(tls(undefined)).toEqual([expect.stringMatching(/^has no ssl_policy block/)]);
  });

  test("ING-4 accepts the controller's three roles in any spelling of the gateway's resource group", () => {
    const stack = fixture({
      [AKS]: { aks: agicCluster },
      azurerm_application_gateway: { agw: { ...gateway, lifecycle: { ignore_changes: ["all"] } } },
      azurerm_role_assignment: {
        c: grant("Contributor", "${azurerm_application_gateway.agw.id}"),
        r1: grant("Reader", "${azurerm_resource_group.rg.id}"),
        r2: grant("Reader", '${join("/", slice(split("/", azurerm_application_gateway.agw.id), 0, 5))}'),
        n: grant("Network Contributor", "${azurerm_subnet.agw.id}"),
      },
    });
    expect(problemsOf("ING-4", stack, `${AKS}.aks`)).toEqual([]);
    expect(problemsOf("ING-4", stack, "azurerm_application_gateway.agw")).toEqual([]);
  });

  test("ING-4 rejects a role at subscription scope or on another subnet", () => {
    const stack = fixture({
      [AKS]: { aks: agicCluster },
      azurerm_application_gateway: { agw: gateway },
      azurerm_role_assignment: { r: grant("Reader", "/subscriptions/s"), n: grant("Network Contributor", "${azurerm_subnet.other.id}") },
    });
    expect(problemsOf("ING-4", stack, `${AKS}.aks`)).toEqual([
      expect.stringMatching(/granted 'Network Contributor' at scope '\$\{azurerm_subnet\.other\.id\}'/),
      expect.stringMatching(/granted 'Reader' at scope '\/subscriptions\/s'/),
    ]);
    expect(problemsOf("ING-4", stack, "azurerm_application_gateway.agw")).toEqual([expect.stringMatching(/^lifecycle\.ignore_changes does not cover backend_address_pool/)]);
  });

  test("ING-4 leaves a gateway no ingress add-on points at alone", () => {
    expect(only("ING-4", { azurerm_application_gateway: { agw: gateway } }, "azurerm_application_gateway.agw")).toEqual([]);
  });
});

describe("ING-2", () => {
  const waf = (managed: JsonObject[]) =>
    only("ING-2", { azurerm_web_application_firewall_policy: { w: { policy_settings: { enabled: true, mode: "Prevention", request_body_check: true }, managed_rules: { managed_rule_set: managed } } } }, "azurerm_web_application_firewall_policy.w");
  const bots = { type: "Microsoft_BotManagerRuleSet", version: "1.1" };

  test("accepts the core rule sets WafIngress accepts, and OWASP as the provider's default type", () => {
    expect(waf([{ type: "Microsoft_DefaultRuleSet", version: "2.2" }, bots])).toEqual([]);
    expect(waf([{ version: "3.2" }, bots])).toEqual([]);
  });

  test("rejects retired or Front Door rule sets", () => {
    expect(waf([{ type: "OWASP", version: "3.1" }, bots])).toEqual([expect.stringMatching(/no current core rule set .*got \[OWASP '3\.1', Microsoft_BotManagerRuleSet '1\.1'\]/)]);
    expect(waf([{ type: "Microsoft_DefaultRuleSet", version: "2.0" }, bots])).toHaveLength(1);
  });
});

describe("SEC-2", () => {
  const vault = (config: JsonObject, extra: Record<string, Record<string, JsonObject>> = {}) =>
    only("SEC-2", { azurerm_key_vault: { kv: config }, ...extra }, "azurerm_key_vault.kv");
  const endpoint = { pe: { private_service_connection: { private_connection_resource_id: "${azurerm_key_vault.kv.id}", subresource_names: ["vault"] } } };
  const hardened = { rbac_authorization_enabled: true, purge_protection_enabled: true, public_network_access_enabled: false, network_acls: { default_action: "Deny" } };

  test("accepts the legacy enable_rbac_authorization and Azure's default retention", () => {
    expect(vault({ ...hardened, rbac_authorization_enabled: undefined, enable_rbac_authorization: true }, { azurerm_private_endpoint: endpoint })).toEqual([]);
  });

  test("fails access policies given as separate resources, and a vault with no private endpoint", () => {
    expect(vault(hardened, { azurerm_key_vault_access_policy: { ap: { key_vault_id: "${azurerm_key_vault.kv.id}" } } })).toEqual([
      "has access policies (azurerm_key_vault_access_policy.ap): they grant data-plane access outside Azure RBAC",
      expect.stringMatching(/^no azurerm_private_endpoint in the stack connects to this vault/),
    ]);
  });

  test("names every missing setting of a bare vault", () => {
    expect(vault({}, { azurerm_private_endpoint: endpoint })).toEqual([
      "rbac_authorization_enabled is not set (the vault then uses access policies); it must be true",
      "purge_protection_enabled is not set (the provider then deploys false); it must be true",
      "public_network_access_enabled is not set (the provider then deploys true); it must be false",
      "network_acls.default_action is not set; it must be 'Deny'",
    ]);
  });
});

describe("SEC-5", () => {
  const outputs = (output: JsonObject, extra: JsonObject = {}) =>
    problemsOf("SEC-5", { ...fixture({}), output, ...extra }, "terraform");

  test("finds sensitive attributes anywhere in an output's value, through functions", () => {
    expect(outputs({ o: { value: "${base64decode(azurerm_kubernetes_cluster.aks.kube_config.0.client_key)}" } })).toEqual([
      expect.stringMatching(/^output 'o' exposes azurerm_kubernetes_cluster\.aks\.kube_config\[0\]\.client_key without sensitive = true/),
    ]);
    expect(outputs({ o: { value: { key: "${azurerm_storage_account.st.primary_access_key}" } } })).toHaveLength(1);
    expect(outputs({ o: { value: "${data.azurerm_key_vault_secret.db.value}" } })).toHaveLength(1);
  });

  test("passes sensitive outputs and outputs of non-secret attributes", () => {
    expect(outputs({ o: { value: "${azurerm_kubernetes_cluster.aks.kube_config[0].host}", sensitive: true } })).toEqual([]);
    expect(outputs({ o: { value: "${azurerm_kubernetes_cluster.aks.oidc_issuer_url}" }, k: { value: "${azurerm_key_vault_key.etcd.id}" } })).toEqual([]);
  });

  test("finds literal credentials in providers and backends, and ignores expressions", () => {
    expect(
      outputs({}, { provider: { azurerm: [{ client_secret: "s3cret-value" }, { client_secret: "${var.client_secret}" }] }, terraform: { backend: { azurerm: { access_key: "abc==" } } } }),
    ).toEqual([
      "provider 'azurerm' (block 0) has a literal client_secret: a credential in the code",
      expect.stringMatching(/^the 'azurerm' backend has a literal access_key/),
    ]);
  });
});

describe("IMG-1", () => {
  const registry = { sku: "Premium", admin_enabled: false, public_network_access_enabled: false, export_policy_enabled: false };
  const endpoint = { pe: { private_service_connection: { private_connection_resource_id: "${azurerm_container_registry.acr.id}", subresource_names: ["registry"] } } };

  test("reads missing admin and anonymous pull as the provider's default (off)", () => {
    expect(only("IMG-1", { azurerm_container_registry: { acr: registry }, azurerm_private_endpoint: endpoint }, "azurerm_container_registry.acr")).toEqual([]);
  });

  test("checks the roles of a kubelet identity AKS created, by the cluster's attribute", () => {
    const stack = fixture({
      [AKS]: { aks: compliantCluster({ kubelet_identity: undefined }) },
      azurerm_container_registry: { acr: registry },
      azurerm_private_endpoint: endpoint,
      azurerm_role_assignment: {
        pull: { scope: "${azurerm_container_registry.acr.id}", role_definition_name: "AcrPull", principal_id: "${azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id}" },
        owner: { scope: "${azurerm_container_registry.acr.id}", role_definition_name: "Owner", principal_id: "${azurerm_kubernetes_cluster.aks.kubelet_identity.0.object_id}" },
        ci: { scope: "${azurerm_container_registry.acr.id}", role_definition_name: "AcrPush", principal_id: "ci-object-id" },
      },
    });
    expect(problemsOf("IMG-1", stack, "azurerm_container_registry.acr")).toEqual(["azurerm_role_assignment.owner grants a kubelet identity 'Owner' on the registry; it needs only AcrPull"]);
  });
});

describe("IAM-4", () => {
  const credential = (config: JsonObject) =>
    only(
      "IAM-4",
      { azurerm_federated_identity_credential: { fic: { audience: ["api://AzureADTokenExchange"], issuer: "${azurerm_kubernetes_cluster.aks.oidc_issuer_url}", subject: "system:serviceaccount:orders:orders-api", ...config } } },
      "azurerm_federated_identity_credential.fic",
    );

  test("accepts an issuer from another stack's cluster through cdktf's cross-stack output", () => {
    expect(credential({ issuer: "${data.terraform_remote_state.cross-stack-reference-input-platform.outputs.cross-stack-output-azurerm_kubernetes_clusterCluster_EB0386A7oidc_issuer_url}" })).toEqual([]);
  });

  test.each([["system:serviceaccount:*:orders-api"], ["system:serviceaccount:orders"], ["system:serviceaccounts:orders"], ["repo:org/app:ref:refs/heads/main"]])("rejects the subject %s", (subject) => {
    expect(credential({ subject })).toEqual([expect.stringMatching(/^subject is/)]);
  });

  test("rejects another audience", () => {
    expect(credential({ audience: ["api://AzureADTokenExchange", "sts.amazonaws.com"] })).toEqual([expect.stringMatching(/^audience is .*it must be exactly \["api:\/\/AzureADTokenExchange"\]/)]);
  });
});

describe("K8S rules", () => {
  const ns = { orders: { metadata: { name: "orders", labels: { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted" } } } };
  const policy = (spec: JsonObject, namespace = "orders") => ({ metadata: { name: "p", namespace }, spec });
  const denyAll = policy({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
  const dns = policy({
    pod_selector: {},
    policy_types: ["Egress"],
    egress: [{ to: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } }, pod_selector: { match_labels: { "k8s-app": "kube-dns" } } }], ports: [{ port: "53", protocol: "UDP" }] }],
  });
  const namespaceProblems = (id: string, policies: Record<string, JsonObject>) =>
    only(id, { kubernetes_namespace_v1: ns, kubernetes_network_policy_v1: policies }, "kubernetes_namespace_v1.orders");

  test("K8S-2 finds policies by a reference to the namespace as well as by its name", () => {
    const byReference = { ...denyAll, metadata: { name: "deny", namespace: "${kubernetes_namespace_v1.orders.metadata.0.name}" } };
    expect(namespaceProblems("K8S-2", { deny: byReference, dns })).toEqual([]);
  });

  test("K8S-2 accepts the default deny split over two policies, and checks nothing in namespaces the stack does not create", () => {
    const ingress = policy({ pod_selector: {}, policy_types: ["Ingress"] });
    const egress = policy({ pod_selector: {}, policy_types: ["Egress"] });
    expect(namespaceProblems("K8S-2", { ingress, egress, dns })).toEqual([]);
    const report = evaluateTerraform(fixture({ kubernetes_network_policy_v1: { p: policy({ pod_selector: {} }, "kube-system") } }), { stackName: "x" });
    expect(ruleResult(report, "K8S-2").status).toBe("not-applicable");
  });

  test("K8S-2 does not count a deny that selects only some pods", () => {
    const partial = policy({ pod_selector: { match_labels: { app: "web" } }, policy_types: ["Ingress", "Egress"] });
    expect(namespaceProblems("K8S-2", { partial, dns })).toEqual([expect.stringMatching(/denies all ingress/), expect.stringMatching(/denies all egress/)]);
  });

  test("K8S-3 accepts an except range around the metadata address, and rejects rules without a destination", () => {
    const egress = (rule: JsonObject) => policy({ pod_selector: {}, policy_types: ["Egress"], egress: [rule] });
    expect(namespaceProblems("K8S-3", { deny: denyAll, e: egress({ to: [{ ip_block: { cidr: "169.254.0.0/16", except: ["169.254.0.0/16"] } }] }) })).toEqual([]);
    expect(namespaceProblems("K8S-3", { deny: denyAll, e: egress({ to: [{ ip_block: { cidr: "10.0.0.0/8" } }] }) })).toEqual([]);
    expect(namespaceProblems("K8S-3", { deny: denyAll, e: egress({ ports: [{ port: "443" }] }) })).toEqual(["egress rule 0 of network policy 'p' has no 'to': it allows every destination, 169.254.169.254 included"]);
  });

  test("K8S-5 binds a Role only through RoleBindings of its namespace", () => {
    const secretsRole = { metadata: { name: "reader", namespace: "orders" }, rule: [{ api_groups: [""], resources: ["secrets"], verbs: ["get"] }] };
    const binding = (namespace: string) => ({ metadata: { name: "b", namespace }, role_ref: { api_group: "rbac.authorization.k8s.io", kind: "Role", name: "reader" }, subject: [{ kind: "Group", name: "g" }] });
    const check = (namespace: string) => only("K8S-5", { kubernetes_role_v1: { r: secretsRole }, kubernetes_role_binding_v1: { b: binding(namespace) } }, "kubernetes_role_v1.r");
    expect(check("payments")).toEqual([]);
    expect(check("orders")).toEqual([expect.stringMatching(/bound to the Entra group\(s\) 'g' \(kubernetes_role_binding_v1\.b\)/)]);
  });

  test("K8S-5 lets a secrets-reading role be bound to a service account", () => {
    const role = { metadata: { name: "controller" }, rule: [{ api_groups: ["*"], resources: ["*"], verbs: ["*"] }] };
    const binding = { metadata: { name: "b" }, role_ref: { kind: "ClusterRole", name: "${kubernetes_cluster_role_v1.r.metadata[0].name}" }, subject: [{ kind: "ServiceAccount", name: "ctrl", namespace: "ops" }] };
    expect(only("K8S-5", { kubernetes_cluster_role_v1: { r: role }, kubernetes_cluster_role_binding_v1: { b: binding } }, "kubernetes_cluster_role_v1.r")).toEqual([]);
  });

  test("K8S-6 reads pod-level settings, init containers and cron jobs' templates", () => {
    const container = (name: string, context: JsonObject = {}) => ({
      name,
      security_context: { allow_privilege_escalation: false, read_only_root_filesystem: true, capabilities: { drop: ["ALL"] }, ...context },
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    });
    const podSpec = (containers: JsonObject[], init: JsonObject[] = []) => ({
      security_context: { run_as_non_root: true, seccomp_profile: { type: "RuntimeDefault" } },
      container: containers,
      init_container: init,
    });
    const cronJob = (spec: JsonObject) => only("K8S-6", { kubernetes_cron_job_v1: { c: { spec: { job_template: { spec: { template: { spec } } } } } } }, "kubernetes_cron_job_v1.c");
    expect(cronJob(podSpec([container("job")]))).toEqual([]);
    expect(cronJob(podSpec([container("job")], [container("init", { privileged: true, capabilities: { drop: ["NET_RAW"], add: ["SYS_ADMIN"] } })]))).toEqual([
      "init container 'init': security_context.privileged is true",
      `init container 'init': security_context.capabilities.drop is ["NET_RAW"]; it must include "ALL"`,
      `init container 'init': security_context.capabilities.add is ["SYS_ADMIN"]; only NET_BIND_SERVICE may be added`,
    ]);
  });
});

describe("OPS-2", () => {
  const backend = (terraform: JsonObject) => problemsOf("OPS-2", { terraform, resource: {} }, "terraform");

  test("passes an azurerm backend, fails other remote state with a reason to acknowledge", () => {
    expect(backend({ backend: { azurerm: {} } })).toEqual([]);
    expect(backend({ backend: { s3: {} } })).toEqual([expect.stringMatching(/uses the 's3' backend, not azurerm/)]);
    expect(backend({ cloud: { organization: "o" } })).toEqual([expect.stringMatching(/HCP Terraform/)]);
  });
});

describe("OPS-3", () => {
  test("asks the cluster for prevent_destroy only in production stacks", () => {
    const stack = fixture({ [AKS]: { aks: compliantCluster() } });
    expect(problemsOf("OPS-3", stack, `${AKS}.aks`)).toEqual([]);
    expect(problemsOf("OPS-3", stack, `${AKS}.aks`, true)).toEqual([expect.stringMatching(/in a production stack/)]);
    expect(problemsOf("OPS-3", fixture({ [AKS]: { aks: compliantCluster({ lifecycle: { prevent_destroy: true } }) } }), `${AKS}.aks`, true)).toEqual([]);
  });
});
