import { TerraformOutput, TerraformVariable } from "cdktf";
import { ApplicationGateway } from "@cdktf/provider-azurerm/lib/application-gateway";
import {
  ClusterMonitoring,
  DEFAULT_MANAGED_RULE_SETS,
  ValidationError,
  WafIngress,
  type WafIngressProps,
} from "hardened-aks";
import { AGIC_MANAGED_BLOCKS } from "../../lib/facts";
import { DEFAULT_SSL_POLICY } from "../../lib/ingress/waf-ingress";
import { PLACEMENT, WORKSPACE_ID, only, ref, synth, testCluster, testNetwork, testStack, type Synthesized } from "../helpers";

const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/snet-appgw";
const GATEWAY = "azurerm_application_gateway";

/** The blocks AGIC rewrites, in the order the library lists them. */
const EXPECTED_IGNORED = [
  "backend_address_pool",
  "backend_http_settings",
  "frontend_port",
  "http_listener",
  "probe",
  "redirect_configuration",
  "request_routing_rule",
  "rewrite_rule_set",
  "ssl_certificate",
  "trusted_root_certificate",
  "url_path_map",
  "tags",
];

/** A gateway built with the given props (on top of valid defaults) in a fresh stack. */
function ingress(props: Partial<WafIngressProps> = {}) {
  const stack = testStack();
  const construct = new WafIngress(stack, "Ingress", {
    ...PLACEMENT,
    name: "agw-test",
    subnetId: SUBNET,
    monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    ...props,
  });
  return { stack, construct };
}

/** Synthesizes a gateway built with the given props. */
function synthIngress(props: Partial<WafIngressProps> = {}): Synthesized {
  return synth(ingress(props).stack);
}

describe("WafIngress defaults", () => {
  const json = synthIngress();
  const gateway = only(json, GATEWAY);

  it("creates a zone-redundant, autoscaled WAF_v2 gateway in the given subnet, bound to its WAF policy (ING-1)", () => {
    expect(gateway).toEqual({
      name: "agw-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      zones: ["1", "2", "3"],
      sku: { name: "WAF_v2", tier: "WAF_v2" },
      autoscale_configuration: { min_capacity: 2, max_capacity: 10 },
      firewall_policy_id: ref(json, "azurerm_web_application_firewall_policy"),
      force_firewall_policy_association: true,
      enable_http2: true,
      ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" },
      gateway_ip_configuration: [{ name: "gateway", subnet_id: SUBNET }],
      frontend_ip_configuration: [{ name: "public", public_ip_address_id: ref(json, "azurerm_public_ip") }],
      frontend_port: [{ name: "http", port: 80 }],
      backend_address_pool: [{ name: "bootstrap" }],
      backend_http_settings: [{ name: "bootstrap", port: 80, protocol: "Http", cookie_based_affinity: "Disabled", request_timeout: 30 }],
      http_listener: [{ name: "bootstrap", frontend_ip_configuration_name: "public", frontend_port_name: "http", protocol: "Http" }],
      request_routing_rule: [
        {
          name: "bootstrap",
          rule_type: "Basic",
          priority: 19000,
          http_listener_name: "bootstrap",
          backend_address_pool_name: "bootstrap",
          backend_http_settings_name: "bootstrap",
        },
      ],
      lifecycle: { ignore_changes: EXPECTED_IGNORED },
    });
  });

  it("runs a TLS 1.2+ policy with strong ciphers only (ING-3)", () => {
    expect(DEFAULT_SSL_POLICY).toBe("AppGwSslPolicy20220101S");
    expect(gateway.ssl_policy).toEqual({ policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" });
  });

  it("creates a WAF policy in Prevention mode with request body inspection and the current rule sets plus bot manager (ING-2)", () => {
    expect(only(json, "azurerm_web_application_firewall_policy")).toEqual({
      name: "waf-agw-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      policy_settings: {
        enabled: true,
        mode: "Prevention",
        request_body_check: true,
        max_request_body_size_in_kb: 128,
        file_upload_limit_in_mb: 100,
      },
      managed_rules: {
        managed_rule_set: [
          { type: "Microsoft_DefaultRuleSet", version: "2.1" },
          { type: "Microsoft_BotManagerRuleSet", version: "1.1" },
        ],
      },
    });
    expect(DEFAULT_MANAGED_RULE_SETS).toEqual([
      { type: "Microsoft_DefaultRuleSet", version: "2.1" },
      { type: "Microsoft_BotManagerRuleSet", version: "1.1" },
    ]);
  });

  it("gives the gateway a static, zone-redundant Standard public IP", () => {
    expect(only(json, "azurerm_public_ip")).toEqual({
      name: "pip-agw-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      allocation_method: "Static",
      sku: "Standard",
      zones: ["1", "2", "3"],
    });
  });

  it("sends every access, performance and WAF log category and the metrics to the workspace", () => {
    expect(only(json, "azurerm_monitor_diagnostic_setting")).toEqual({
      name: "gateway-logs",
      target_resource_id: ref(json, GATEWAY),
      log_analytics_workspace_id: WORKSPACE_ID,
      log_analytics_destination_type: "Dedicated",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  it("creates nothing else", () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      GATEWAY,
      "azurerm_monitor_diagnostic_setting",
      "azurerm_public_ip",
      "azurerm_web_application_firewall_policy",
    ]);
  });

  it("exposes the gateway id and the subnet for the cluster's ingress add-on", () => {
    const { stack, construct } = ingress();
    new TerraformOutput(stack, "gateway", { value: construct.gatewayId });
    const out = synth(stack);
    expect(out.output.gateway.value).toBe(ref(out, GATEWAY));
    expect(construct.subnetId).toBe(SUBNET);
  });
});

// ING-4. Without these, the first `terraform apply` after AGIC has programmed the gateway
// puts the bootstrap listener, pool and rule back and deletes every route AGIC made:
// traffic to the cluster stops until AGIC reconciles again.
describe("WafIngress and the ingress controller (ING-4)", () => {
  const gateway = only(synthIngress(), GATEWAY);
  const ignored: string[] = gateway.lifecycle?.ignore_changes ?? [];

  it("tells Terraform to ignore exactly the blocks AGIC rewrites", () => {
    expect(AGIC_MANAGED_BLOCKS).toEqual(EXPECTED_IGNORED);
    expect(ignored).toEqual(EXPECTED_IGNORED);
  });

  it("spells each ignored block as Terraform does (snake_case attributes of azurerm_application_gateway)", () => {
    // Terraform rejects an ignore_changes entry that is not an attribute of the resource,
    // and cdktf passes the entries through unconverted: a camelCase name would fail the plan.
    // The provider's generated class writes every attribute of its schema (unset ones too).
    const schema = new ApplicationGateway(testStack(), "Schema", {} as never);
    const attributes = Object.keys((schema as any).synthesizeAttributes());
    for (const block of ignored) {
      expect(block).toMatch(/^[a-z0-9_]+$/);
      expect(attributes).toContain(block);
    }
  });

  it("ignores every AGIC-managed placeholder block Terraform creates", () => {
    const agicBlocks = ["backend_address_pool", "backend_http_settings", "frontend_port", "http_listener", "request_routing_rule", "probe", "url_path_map", "ssl_certificate"];
    for (const block of agicBlocks.filter((b) => b in gateway)) expect(ignored).toContain(block);
    expect(ignored).toEqual(expect.arrayContaining(["backend_address_pool", "backend_http_settings", "frontend_port", "http_listener", "request_routing_rule"]));
  });

  it("still enforces the security settings: none of them is ignored", () => {
    for (const enforced of [
      "sku",
      "firewall_policy_id",
      "force_firewall_policy_association",
      "ssl_policy",
      "waf_configuration",
      "autoscale_configuration",
      "zones",
      "gateway_ip_configuration",
      "frontend_ip_configuration",
      "identity",
    ]) {
      expect(ignored).not.toContain(enforced);
    }
    expect(ignored).not.toContain("all");
  });

  it("ignores the same blocks whatever the options", () => {
    const other = only(synthIngress({ wafMode: "Detection", minCapacity: 0, maxCapacity: 3, tags: { env: "dev" } }), GATEWAY);
    expect(other.lifecycle).toEqual({ ignore_changes: EXPECTED_IGNORED });
  });
});

describe("WafIngress options", () => {
  it("uses the autoscale bounds given", () => {
    expect(only(synthIngress({ minCapacity: 0, maxCapacity: 125 }), GATEWAY).autoscale_configuration).toEqual({ min_capacity: 0, max_capacity: 125 });
    expect(only(synthIngress({ minCapacity: 3, maxCapacity: 3 }), GATEWAY).autoscale_configuration).toEqual({ min_capacity: 3, max_capacity: 3 });
  });

  it("runs Detection mode only when asked, keeping body inspection on", () => {
    const settings = only(synthIngress({ wafMode: "Detection" }), "azurerm_web_application_firewall_policy").policy_settings;
    expect(settings.mode).toBe("Detection");
    expect(settings.enabled).toBe(true);
    expect(settings.request_body_check).toBe(true);
  });

  it("uses the rule sets given when one is a current core set", () => {
    const sets = [
      { type: "OWASP", version: "3.2" },
      { type: "Microsoft_BotManagerRuleSet", version: "1.0" },
    ];
    expect(only(synthIngress({ managedRuleSets: sets }), "azurerm_web_application_firewall_policy").managed_rules).toEqual({ managed_rule_set: sets });
    expect(() => synthIngress({ managedRuleSets: [{ type: "Microsoft_DefaultRuleSet", version: "2.2" }] })).not.toThrow();
  });

  it("uses the TLS policy and body size given", () => {
    const json = synthIngress({ sslPolicyName: "AppGwSslPolicy20220101", maxRequestBodySizeInKb: 2000 });
    expect(only(json, GATEWAY).ssl_policy).toEqual({ policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101" });
    expect(only(json, "azurerm_web_application_firewall_policy").policy_settings.max_request_body_size_in_kb).toBe(2000);
  });

  it("uses the zones given for the gateway and its public IP", () => {
    const json = synthIngress({ zones: ["2"] });
    expect(only(json, GATEWAY).zones).toEqual(["2"]);
    expect(only(json, "azurerm_public_ip").zones).toEqual(["2"]);
  });

  it("tags the gateway, its policy and its public IP", () => {
    const json = synthIngress({ tags: { env: "prod" } });
    for (const type of [GATEWAY, "azurerm_web_application_firewall_policy", "azurerm_public_ip"]) expect(only(json, type).tags).toEqual({ env: "prod" });
  });

  it("accepts a token location and subnet", () => {
    const stack = testStack();
    const location = new TerraformVariable(stack, "location", { type: "string" });
    const subnet = new TerraformVariable(stack, "subnet", { type: "string" });
    new WafIngress(stack, "Ingress", {
      resourceGroupName: "rg-test",
      location: location.stringValue,
      name: "agw-test",
      subnetId: subnet.stringValue,
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    });
    const gateway = only(synth(stack), GATEWAY);
    expect(gateway.location).toBe("${var.location}");
    expect(gateway.gateway_ip_configuration).toEqual([{ name: "gateway", subnet_id: "${var.subnet}" }]);
  });

  it("turns on the cluster's ingress add-on for this gateway", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const waf = new WafIngress(stack, "Ingress", {
      ...PLACEMENT,
      name: "agw-test",
      subnetId: network.applicationGatewaySubnetId,
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    });
    testCluster(stack, { network, ingress: waf });
    const json = synth(stack);
    expect(only(json, "azurerm_kubernetes_cluster").ingress_application_gateway).toEqual({ gateway_id: ref(json, GATEWAY) });
  });
});

describe("WafIngress rejects", () => {
  it("a minimum capacity above the maximum, naming both", () => {
    expect(() => ingress({ minCapacity: 5, maxCapacity: 3 })).toThrow(
      "minCapacity (5) must not be greater than maxCapacity (3). Raise maxCapacity or lower minCapacity.",
    );
    expect(() => ingress({ minCapacity: 11 })).toThrow("minCapacity (11) must not be greater than maxCapacity (10).");
  });

  it.each([
    [{ minCapacity: -1 }, "minCapacity must be a whole number from 0 to 125 (Application Gateway v2's autoscale range); got -1."],
    [{ minCapacity: 1.5 }, "minCapacity must be a whole number from 0 to 125 (Application Gateway v2's autoscale range); got 1.5."],
    [{ maxCapacity: 1, minCapacity: 0 }, "maxCapacity must be a whole number from 2 to 125 (Application Gateway v2's autoscale range); got 1."],
    [{ maxCapacity: 126 }, "maxCapacity must be a whole number from 2 to 125 (Application Gateway v2's autoscale range); got 126."],
    [{ maxRequestBodySizeInKb: 4 }, "maxRequestBodySizeInKb must be a whole number from 8 to 2000 (the WAF's inspection limit); got 4."],
    [{ maxRequestBodySizeInKb: 2001 }, "maxRequestBodySizeInKb must be a whole number from 8 to 2000 (the WAF's inspection limit); got 2001."],
    [{ zones: ["0"] }, "zones entries must be '1', '2' or '3' (Azure availability zones); got '0'."],
    [{ zones: ["zone1"] }, "zones entries must be '1', '2' or '3' (Azure availability zones); got 'zone1'."],
    [{ zones: ["3", "3"] }, "zones lists zone '3' twice."],
    [{ name: "agw test" }, "name must be 1-76 letters, digits, underscores, periods or hyphens"],
  ] as [Partial<WafIngressProps>, string][])("%j", (props, message) => {
    expect(() => ingress(props)).toThrow(message);
  });

  it.each([
    [[{ type: "Microsoft_BotManagerRuleSet", version: "1.1" }], "Microsoft_BotManagerRuleSet 1.1"],
    [[{ type: "OWASP", version: "3.1" }], "OWASP 3.1"],
    [[{ type: "OWASP", version: "2.2.9" }], "OWASP 2.2.9"],
    [[{ type: "Microsoft_DefaultRuleSet", version: "2.0" }], "Microsoft_DefaultRuleSet 2.0"],
    [[], ""],
  ])("the rule sets %j, which have no current core rule set", (sets, listed) => {
    expect(() => ingress({ managedRuleSets: sets })).toThrow(
      `managedRuleSets must include a current core rule set (Microsoft_DefaultRuleSet 2.1 or 2.2, or OWASP 3.2); got [${listed}].`,
    );
  });

  it.each([
    [{ wafMode: "prevention" }, "wafMode must be one of 'Prevention', 'Detection'; got 'prevention'. Did you mean 'Prevention'? Values are case-sensitive."],
    [{ wafMode: "Off" }, "wafMode must be one of 'Prevention', 'Detection'; got 'Off'. Prevention blocks attacks; Detection only logs them."],
    [{ wafMode: true }, "wafMode must be one of 'Prevention', 'Detection'; got true."],
    [{ sslPolicyName: "AppGwSslPolicy20150501" }, "sslPolicyName must be one of 'AppGwSslPolicy20220101S', 'AppGwSslPolicy20220101'; got 'AppGwSslPolicy20150501'. Both keep TLS 1.2 as the minimum (ING-3)"],
    [{ sslPolicyName: "appgwsslpolicy20220101s" }, "Did you mean 'AppGwSslPolicy20220101S'? Values are case-sensitive."],
    [{ minCapacity: "2" }, "minCapacity must be a number; got '2'."],
    [{ maxRequestBodySizeInKb: null }, "maxRequestBodySizeInKb must be a number; got null."],
    [{ zones: [1, 2, 3] }, "zones[0] must be a string (write '1'); got 1."],
    [{ zones: "1" }, "zones must be an array when given, e.g. ['1', '2', '3']; got '1'."],
    [{ managedRuleSets: [{ type: "OWASP" }] }, "managedRuleSets[0].version is required and must be a non-empty string, e.g. '2.1'; got nothing (the prop is missing)."],
    [{ managedRuleSets: ["OWASP 3.2"] }, "managedRuleSets[0] must be an object such as { type: 'Microsoft_DefaultRuleSet', version: '2.1' }; got 'OWASP 3.2'."],
    [{ resourceGroupName: "rg/x" }, "resourceGroupName must be 1-90 letters, digits, underscores, hyphens, periods or parentheses"],
    [{ location: "" }, "location is required and must be a non-empty string, e.g. 'westeurope'; got ''."],
    [{ tags: { env: 5 } }, "tags.env must be a string; got 5."],
  ])("the JavaScript-style value %j, naming the prop", (props, message) => {
    expect(() => ingress(props as any)).toThrow(message);
  });

  it.each([
    [{ wafMode: "Detection" }, "Detection"],
    [{ wafMode: "Prevention" }, "Prevention"],
  ] as const)("accepts %j", (props, mode) => {
    expect(only(synthIngress(props), "azurerm_web_application_firewall_policy").policy_settings.mode).toBe(mode);
  });

  it.each(["AppGwSslPolicy20220101S", "AppGwSslPolicy20220101"] as const)("accepts the TLS policy '%s'", (sslPolicyName) => {
    expect(only(synthIngress({ sslPolicyName }), GATEWAY).ssl_policy.policy_name).toBe(sslPolicyName);
  });

  it("does not check a WAF mode, TLS policy or rule set given as a token", () => {
    const stack = testStack();
    const mode = new TerraformVariable(stack, "mode", { type: "string" }).stringValue;
    const version = new TerraformVariable(stack, "version", { type: "string" }).stringValue;
    new WafIngress(stack, "Ingress", {
      ...PLACEMENT,
      name: "agw-test",
      subnetId: SUBNET,
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
      wafMode: mode as any,
      sslPolicyName: mode as any,
      managedRuleSets: [{ type: "OWASP", version }],
    });
    expect(only(synth(stack), "azurerm_web_application_firewall_policy").policy_settings.mode).toBe("${var.mode}");
  });

  it.each([
    ["name", "name is required and must be a non-empty string, e.g. 'agw-prod'; got nothing (the prop is missing)."],
    ["resourceGroupName", "resourceGroupName is required and must be a non-empty string, e.g. 'rg-aks-prod'; got nothing (the prop is missing)."],
    ["location", "location is required and must be a non-empty string, e.g. 'westeurope'; got nothing (the prop is missing)."],
    ["subnetId", "subnetId is required and must be a non-empty string, e.g. network.applicationGatewaySubnetId; got nothing (the prop is missing)."],
    ["monitoring", "monitoring is required and must be an object, e.g. a ClusterMonitoring, or ClusterMonitoring.fromExistingWorkspace(id); got nothing (the prop is missing)."],
  ])("a JavaScript call without %s names that prop", (prop, message) => {
    expect(() => ingress({ [prop]: undefined } as any)).toThrow(message);
    expect(() => ingress({ [prop]: null } as any)).toThrow(message.replace("nothing (the prop is missing)", "null"));
  });

  it("a JavaScript call without props names them", () => {
    expect(() => new WafIngress(testStack(), "Ingress", undefined as any)).toThrow("props is required and must be an object");
  });

  it("with a ValidationError located at the construct", () => {
    expect(() => ingress({ minCapacity: 5, maxCapacity: 3 })).toThrow(ValidationError);
    expect(() => ingress({ minCapacity: 5, maxCapacity: 3 })).toThrow(/\(at test\/Ingress\)$/);
  });
});
