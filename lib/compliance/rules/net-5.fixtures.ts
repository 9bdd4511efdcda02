import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

/**
 * An inbound allow rule, as an inline security_rule block or a separate resource's config.
 * The fields are the provider's (azurerm v4.55.0, internal/services/network/
 * network_security_rule_resource.go and network_security_group_resource.go): one source as
 * `source_address_prefix` or a set as `source_address_prefixes`, likewise the ports.
 */
const inbound = (name: string, source: JsonObject, ports: JsonObject, extra: JsonObject = {}): JsonObject => ({
  name,
  priority: 100,
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  source_port_range: "*",
  destination_address_prefix: "*",
  ...source,
  ...ports,
  ...extra,
});

/** A gateway in subnet `gw`, whose NSG is `gw`, and a node subnet whose NSG is `nodes`. */
const GATEWAY_AND_NODES = {
  azurerm_application_gateway: { agw: { gateway_ip_configuration: [{ name: "gateway", subnet_id: "${azurerm_subnet.gw.id}" }] } },
  azurerm_subnet: { gw: { name: "snet-gw" }, nodes: { name: "snet-nodes" } },
  azurerm_subnet_network_security_group_association: {
    gw: { subnet_id: "${azurerm_subnet.gw.id}", network_security_group_id: "${azurerm_network_security_group.gw.id}" },
    nodes: { subnet_id: "${azurerm_subnet.nodes.id}", network_security_group_id: "${azurerm_network_security_group.nodes.id}" },
  },
};

/** A separate rule of one of GATEWAY_AND_NODES' NSGs. */
const ruleOf = (group: "gw" | "nodes", config: JsonObject): JsonObject => ({ ...config, network_security_group_name: `\${azurerm_network_security_group.${group}.name}` });

export const fixtures: RuleFixtures = {
  passing: [
    // The library's own: GatewayManager to 65200-65535 and AzureLoadBalancer to * (not the
    // internet), Internet to 443 on the gateway's subnet only.
    { name: "the library's NSGs", stack: { defaults: "azure" } },
    {
      name: "HTTPS from the internet to the gateway's subnet; private, service-tag, denied, outbound and unknown sources elsewhere",
      stack: stackOf({
        ...GATEWAY_AND_NODES,
        azurerm_network_security_group: {
          gw: {
            name: "nsg-gw",
            security_rule: [
              inbound("https", { source_address_prefix: "Internet" }, { destination_port_range: "443" }),
              inbound("manager", { source_address_prefix: "GatewayManager" }, { destination_port_range: "65200-65535" }),
            ],
          },
          nodes: {
            name: "nsg-nodes",
            security_rule: [
              inbound("ssh-from-hub", { source_address_prefixes: ["10.200.0.0/24", "192.168.10.0/24", "fd00::/8"] }, { destination_port_range: "22" }),
              inbound("deny-ssh", { source_address_prefix: "*" }, { destination_port_range: "22" }, { access: "Deny" }),
              inbound("egress", { source_address_prefix: "*" }, { destination_port_range: "*" }, { direction: "Outbound" }),
              inbound("from-variable", { source_address_prefix: "${var.trusted_range}" }, { destination_port_range: "22" }),
              inbound("to-variable", { source_address_prefix: "Internet" }, { destination_port_ranges: ["${var.port}"] }),
            ],
          },
        },
        azurerm_network_security_rule: {
          https: ruleOf("gw", inbound("https-prefixes", { source_address_prefixes: ["0.0.0.0/0"] }, { destination_port_ranges: ["443"] })),
          lb: ruleOf("nodes", inbound("lb", { source_address_prefix: "AzureLoadBalancer" }, { destination_port_range: "*" })),
        },
      }),
      checks: ["azurerm_network_security_group.gw", "azurerm_network_security_group.nodes", "azurerm_network_security_rule.https", "azurerm_network_security_rule.lb"],
    },
  ],
  failing: [
    {
      name: "add SSH from the internet to the gateway's NSG through an escape hatch",
      stack: {
        defaults: "azure",
        change: (s) =>
          s.add("azurerm_network_security_rule", "OpenSsh", {
            ...inbound("AllowSshInbound", { source_address_prefix: "Internet" }, { destination_port_range: "22" }),
            resource_group_name: "rg-test",
            network_security_group_name: s.resource("azurerm_network_security_group", "Network_applicationGatewaySecurityGroup").ref("name"),
          }),
      },
      failures: [
        {
          address: "azurerm_network_security_rule.OpenSsh",
          problems: [
            "rule 'AllowSshInbound' allows inbound traffic from the internet ('Internet') to port(s) '22': only HTTPS (443) to the application gateway's subnet may be open to the internet, behind the WAF",
          ],
        },
      ],
    },
    {
      name: "override the library's HTTPS rule to a range of ports",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_network_security_rule", "Network_applicationGatewayAllowHttpsInbound").override("destination_port_range", "80-443") },
      failures: [{ address: /^azurerm_network_security_rule\.Network_applicationGatewayAllowHttpsInbound_/, problems: [/rule 'AllowHttpsInbound' allows inbound traffic from the internet \('Internet'\) to port\(s\) '80-443'/] }],
    },
    {
      name: "an inline rule on a node subnet's NSG through an override",
      stack: {
        defaults: "azure",
        change: (s) => s.resource("azurerm_network_security_group", "Network_userNodesSecurityGroup").override("security_rule", [inbound("https-to-nodes", { source_address_prefix: "*" }, { destination_port_range: "443" })]),
      },
      failures: [
        {
          address: /^azurerm_network_security_group\.Network_userNodesSecurityGroup_/,
          problems: [/security_rule 'https-to-nodes' allows inbound traffic from the internet \('\*'\) to port 443 of an NSG that is not the application gateway's subnet's/],
        },
      ],
    },
    {
      name: "catch-alls written whole or split, public ranges, AzureCloud and numeric ports",
      stack: stackOf({
        ...GATEWAY_AND_NODES,
        azurerm_network_security_group: {
          gw: { name: "nsg-gw", security_rule: [inbound("gw-http", { source_address_prefix: "0.0.0.0/0" }, { destination_port_ranges: ["443", "80"] })] },
          nodes: {
            name: "nsg-nodes",
            security_rule: [
              inbound("halves", { source_address_prefixes: ["0.0.0.0/1", "128.0.0.0/1"] }, { destination_port_range: "3389" }),
              inbound("office", { source_address_prefixes: ["10.0.0.0/8", "203.0.113.0/24"] }, { destination_port_range: "22" }),
              inbound("v6", { source_address_prefix: "::/0" }, { destination_port_range: "*" }, { protocol: "*" }),
            ],
          },
        },
        azurerm_network_security_rule: {
          cloud: ruleOf("nodes", inbound("cloud", { source_address_prefix: "AzureCloud.WestEurope" }, { destination_port_range: 30080 })),
          elsewhere: { ...inbound("unknown-nsg", { source_address_prefix: "Internet" }, { destination_port_range: "443" }), network_security_group_name: "nsg-not-in-this-stack" },
        },
      }),
      failures: [
        { address: "azurerm_network_security_group.gw", problems: [/security_rule 'gw-http' allows inbound traffic from the internet \('0\.0\.0\.0\/0'\) to port\(s\) '80'/] },
        {
          address: "azurerm_network_security_group.nodes",
          problems: [
            /security_rule 'halves' allows inbound traffic from the internet \('0\.0\.0\.0\/1' \+ '128\.0\.0\.0\/1' \(together every IPv4 address\)\) to port\(s\) '3389'/,
            /security_rule 'office' allows inbound traffic from the internet \(the public range '203\.0\.113\.0\/24'\) to port\(s\) '22'/,
            /security_rule 'v6' allows inbound traffic from the internet \('::\/0'\) to port\(s\) '\*'/,
          ],
        },
        { address: "azurerm_network_security_rule.cloud", problems: [/rule 'cloud' allows inbound traffic from the internet \('AzureCloud\.WestEurope'\) to port\(s\) '30080'/] },
        { address: "azurerm_network_security_rule.elsewhere", problems: [/rule 'unknown-nsg' allows inbound traffic from the internet \('Internet'\) to port 443 of an NSG that is not the application gateway's subnet's/] },
      ],
    },
  ],
};
