import { CLUSTER, DEFAULTS, clusterStack, compliantCluster, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const subnet = { system: { name: "snet-system" } };
const association = { a: { subnet_id: "${azurerm_subnet.system.id}", route_table_id: "${azurerm_route_table.rt.id}" } };
const table = (route: JsonObject[] | undefined) => ({ rt: { name: "rt-egress", bgp_route_propagation_enabled: false, route } });

export const fixtures: RuleFixtures = {
  passing: [
    {
      name: "a node subnet routed to a virtual appliance by an inline route",
      stack: clusterStack(
        {},
        {
          azurerm_subnet: subnet,
          azurerm_subnet_route_table_association: association,
          azurerm_route_table: table([{ name: "d", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.200.0.4" }]),
        },
      ),
    },
    {
      name: "a node subnet routed to a virtual appliance by an azurerm_route",
      stack: clusterStack(
        {},
        {
          azurerm_subnet: subnet,
          azurerm_subnet_route_table_association: association,
          azurerm_route_table: table(undefined),
          azurerm_route: { d: { route_table_name: "${azurerm_route_table.rt.name}", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance" } },
        },
      ),
    },
    {
      name: "a node subnet with more specific routes beside the default that leave part of the address space to it",
      stack: clusterStack(
        {},
        {
          azurerm_subnet: subnet,
          azurerm_subnet_route_table_association: association,
          azurerm_route_table: table([
            { name: "d", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.200.0.4" },
            { name: "corp", address_prefix: "10.0.0.0/8", next_hop_type: "VirtualNetworkGateway" },
            { name: "half", address_prefix: "0.0.0.0/1", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.200.0.4" },
          ]),
        },
      ),
    },
    { name: "subnets the stack does not create (a network brought by id) are not checked", stack: clusterStack() },
  ],
  failing: [
    {
      name: "routes to the internet for both halves of the address space beside the default route",
      stack: clusterStack(
        {},
        {
          azurerm_subnet: subnet,
          azurerm_subnet_route_table_association: association,
          azurerm_route_table: table([
            { name: "d", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.200.0.4" },
            { name: "low", address_prefix: "0.0.0.0/1", next_hop_type: "Internet" },
          ]),
          azurerm_route: { high: { route_table_name: "${azurerm_route_table.rt.name}", address_prefix: "128.0.0.0/1", next_hop_type: "Internet" } },
        },
      ),
      failures: [
        {
          address: CLUSTER,
          problems: [
            "route table 'rt-egress' of the default_node_pool subnet 'snet-system' has routes to a next hop other than a virtual appliance that together cover every address ('0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)): they are more specific than 0.0.0.0/0, so all traffic bypasses the firewall",
          ],
        },
      ],
    },
    {
      name: "override the route table's default route to the internet",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_route_table").override("route.0.next_hop_type", "Internet") },
      failures: [
        {
          address: DEFAULTS.cluster,
          problems: [
            /the 0\.0\.0\.0\/0 route's next_hop_type in route table 'rt-aks-test-egress' is 'Internet'; it must be 'VirtualAppliance', so the default_node_pool subnet 'snet-system-nodes' does not egress through a firewall/,
            "the 0.0.0.0/0 route's next_hop_type in route table 'rt-aks-test-egress' is 'Internet'; it must be 'VirtualAppliance', so the node pool 'apps' subnet 'snet-user-nodes' does not egress through a firewall",
          ],
        },
      ],
    },
    {
      name: "override the route table's BGP propagation on",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_route_table").override("bgp_route_propagation_enabled", true) },
      failures: [
        {
          address: DEFAULTS.cluster,
          problems: [
            /propagates BGP routes \(bgp_route_propagation_enabled is true\): a learned route could bypass the firewall/,
            "route table 'rt-aks-test-egress' of the node pool 'apps' subnet 'snet-user-nodes' propagates BGP routes (bgp_route_propagation_enabled is true): a learned route could bypass the firewall",
          ],
        },
      ],
    },
    {
      name: "a node subnet without a route table",
      stack: clusterStack({}, { azurerm_subnet: subnet }),
      failures: [{ address: CLUSTER, problems: [/the default_node_pool subnet 'snet-system' has no azurerm_subnet_route_table_association/] }],
    },
    {
      name: "a node subnet whose route table has no default route",
      stack: clusterStack({}, { azurerm_subnet: subnet, azurerm_subnet_route_table_association: association, azurerm_route_table: table([]) }),
      failures: [{ address: CLUSTER, problems: [/route table 'rt-egress' of the default_node_pool subnet 'snet-system' has no 0\.0\.0\.0\/0 route/] }],
    },
    {
      name: "a missing outbound_type is the provider's load balancer",
      stack: stackOf({ azurerm_kubernetes_cluster: { aks: compliantCluster({ network_profile: { network_plugin: "azure" } }) } }),
      failures: [{ address: CLUSTER, problems: ["network_profile.outbound_type is not set (the provider then deploys 'loadBalancer'); it must be 'userDefinedRouting'"] }],
    },
  ],
};
