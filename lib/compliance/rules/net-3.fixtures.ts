import { stackOf, type RuleFixtures } from "../rule-fixture";

const association = (subnet: string) => ({ subnet_id: `\${azurerm_subnet.${subnet}.id}`, network_security_group_id: "${azurerm_network_security_group.nsg.id}" });

export const fixtures: RuleFixtures = {
  passing: [
    {
      name: "a subnet with an NSG association, and the subnets Azure reserves",
      stack: stackOf({
        azurerm_subnet: { nodes: { name: "snet-nodes" }, firewall: { name: "AzureFirewallSubnet" }, bastion: { name: "AzureBastionSubnet" }, gw: { name: "GatewaySubnet" } },
        azurerm_subnet_network_security_group_association: { a: association("nodes") },
      }),
      checks: ["azurerm_subnet.bastion", "azurerm_subnet.firewall", "azurerm_subnet.gw", "azurerm_subnet.nodes"],
    },
  ],
  failing: [
    {
      name: "a subnet without an NSG",
      stack: {
        defaults: "azure",
        change: (s) => s.add("azurerm_subnet", "Loose", { name: "snet-loose", resource_group_name: "rg-test", virtual_network_name: "vnet-test", address_prefixes: ["10.240.64.0/24"] }),
      },
      failures: [{ address: "azurerm_subnet.Loose", problems: [/subnet 'snet-loose' has no azurerm_subnet_network_security_group_association/] }],
    },
    {
      name: "override an NSG association away from its subnet",
      stack: {
        defaults: "azure",
        change: (s) => s.resource("azurerm_subnet_network_security_group_association", "Network_systemNodes").override("subnet_id", "${azurerm_subnet.Elsewhere.id}"),
      },
      failures: [{ address: /^azurerm_subnet\.Network_/, problems: [/has no azurerm_subnet_network_security_group_association/] }],
    },
    {
      name: "a subnet whose association points elsewhere, and inline subnets without a security group",
      stack: stackOf({
        azurerm_subnet: { nodes: { name: "snet-nodes" } },
        azurerm_subnet_network_security_group_association: { a: association("other") },
        azurerm_virtual_network: {
          vnet: { subnet: [{ name: "inline-a" }, { name: "inline-b", security_group: "${azurerm_network_security_group.nsg.id}" }, { name: "GatewaySubnet" }] },
        },
      }),
      failures: [
        { address: "azurerm_subnet.nodes", problems: [/subnet 'snet-nodes' has no azurerm_subnet_network_security_group_association/] },
        { address: "azurerm_virtual_network.vnet", problems: ["inline subnet 'inline-a' has no security_group: no NSG filters its traffic"] },
      ],
    },
  ],
};
