import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const GATEWAY = "azurerm_application_gateway.agw";
/** A compliant gateway in `subnetId`, with an NSG on that subnet when `group` is given. */
function gatewayIn(subnetId: string, group?: JsonObject): JsonObject {
  const resources: Record<string, Record<string, JsonObject>> = {
    azurerm_application_gateway: {
      agw: {
        sku: { name: "WAF_v2", tier: "WAF_v2" },
        ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" },
        gateway_ip_configuration: [{ name: "ip", subnet_id: subnetId }],
      },
    },
  };
  if (group !== undefined) {
    resources.azurerm_network_security_group = { nsg: { name: "nsg-agw", ...group } };
    resources.azurerm_subnet_network_security_group_association = {
      a: { subnet_id: subnetId, network_security_group_id: "${azurerm_network_security_group.nsg.id}" },
    };
  }
  return stackOf(resources);
}

const tls = (ssl: JsonObject | undefined) => stackOf({ azurerm_application_gateway: { agw: { sku: { name: "WAF_v2", tier: "WAF_v2" }, ssl_policy: ssl } } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the predefined AppGwSslPolicy20220101S", stack: tls({ policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" }) },
    { name: "CustomV2 from TLS 1.3", stack: tls({ policy_type: "CustomV2", min_protocol_version: "TLSv1_3" }) },
    { name: "the library's gateway, whose subnet's NSG denies TCP 80", stack: { defaults: "azure" } },
    { name: "a gateway in a subnet outside the stack is not judged on HTTP", stack: gatewayIn("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/agw") },
    {
      name: "an inline deny-all ahead of Azure's defaults",
      stack: gatewayIn("${azurerm_subnet.agw.id}", { security_rule: [{ name: "DenyAll", priority: 4000, direction: "Inbound", access: "Deny", protocol: "*", source_address_prefix: "*", destination_port_range: "*", destination_address_prefix: "*" }] }),
    },
  ],
  failing: [
    {
      name: "override the TLS policy to the 2015 predefined one",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_application_gateway").override("ssl_policy.policy_name", "AppGwSslPolicy20150501") },
      failures: [
        { address: /^azurerm_application_gateway\./, problems: ["ssl_policy.policy_name is 'AppGwSslPolicy20150501'; it must be one of 'AppGwSslPolicy20220101S', 'AppGwSslPolicy20220101'"] },
      ],
    },
    {
      name: "CustomV2 from TLS 1.1",
      stack: tls({ policy_type: "CustomV2", min_protocol_version: "TLSv1_1" }),
      failures: [{ address: GATEWAY, problems: ["ssl_policy.min_protocol_version is 'TLSv1_1'; it must be one of 'TLSv1_2', 'TLSv1_3'"] }],
    },
    { name: "no TLS policy", stack: tls(undefined), failures: [{ address: GATEWAY, problems: [/^has no ssl_policy block/] }] },
    {
      name: "move the library's DenyHttpInbound rule off port 80 (the VNet and the hub reach AGIC's HTTP listener)",
      stack: {
        defaults: "azure",
        change: (s) => s.resource("azurerm_network_security_rule", "Network_applicationGatewayDenyHttpInbound").override("destination_port_range", "8080"),
      },
      failures: [{ address: /^azurerm_application_gateway\./, problems: [/^the gateway subnet's NSG 'nsg-.*' has no inbound Deny for TCP 80: Azure's default AllowVnetInBound/] }],
    },
    {
      name: "an allow of 80-443 from VirtualNetwork ahead of the deny",
      stack: gatewayIn("${azurerm_subnet.agw.id}", {
        security_rule: [
          { name: "AllowWeb", priority: 150, direction: "Inbound", access: "Allow", protocol: "Tcp", source_address_prefix: "VirtualNetwork", destination_port_range: "80-443" },
          { name: "DenyHttp", priority: 300, direction: "Inbound", access: "Deny", protocol: "Tcp", source_address_prefix: "*", destination_port_range: "80", destination_address_prefix: "*" },
        ],
      }),
      failures: [{ address: GATEWAY, problems: [/allows TCP 80 from the networks \(rule 'AllowWeb'\)/] }],
    },
    {
      name: "an allow of TCP 80 from the hub's range ahead of the deny",
      stack: gatewayIn("${azurerm_subnet.agw.id}", {
        security_rule: [
          { name: "AllowHubHttp", priority: 150, direction: "Inbound", access: "Allow", protocol: "Tcp", source_address_prefix: "10.200.0.0/24", destination_port_range: "80" },
          { name: "DenyHttp", priority: 300, direction: "Inbound", access: "Deny", protocol: "Tcp", source_address_prefix: "*", destination_port_range: "80", destination_address_prefix: "*" },
        ],
      }),
      failures: [{ address: GATEWAY, problems: [/allows TCP 80 from the networks \(rule 'AllowHubHttp'\)/] }],
    },
    {
      name: "a deny of TCP 80 to one address only",
      stack: gatewayIn("${azurerm_subnet.agw.id}", {
        security_rule: [{ name: "DenyOne", priority: 300, direction: "Inbound", access: "Deny", protocol: "Tcp", source_address_prefix: "*", destination_port_range: "80", destination_address_prefix: "10.9.9.9" }],
      }),
      failures: [{ address: GATEWAY, problems: [/has no inbound Deny for TCP 80/] }],
    },
    {
      name: "a gateway subnet without an NSG",
      stack: gatewayIn("${azurerm_subnet.agw.id}", undefined),
      failures: [{ address: GATEWAY, problems: [/^the gateway's subnet has no NSG/] }],
    },
  ],
};
