import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { catchAllIn } from "../../private/cidr";
import { CLUSTER, NODE_POOL, clusterOf } from "../aks-json";
import {
  block,
  blocks,
  expectOneOf,
  isTrue,
  problems,
  referencedResource,
  refersTo,
  resourcesOfType,
  show,
  type JsonObject,
  type TerraformResource,
} from "../terraform-json";

const SUBNET = "azurerm_subnet";
const ROUTE_TABLE = "azurerm_route_table";

/** EGR-1: all egress through the firewall: user-defined routing, 0.0.0.0/0 to a virtual appliance. */
export const EGR_1: ComplianceRule = {
  id: "EGR-1",
  name: "EgressThroughFirewall",
  title: "All egress through a firewall: outbound_type userDefinedRouting, node subnets route 0.0.0.0/0 to a virtual appliance",
  description:
    "With the load balancer as the way out, nodes and pods reach any internet address: a compromised pod exfiltrates data or fetches tooling unhindered. User-defined routing sends every packet to the firewall, which allows only what AKS and the workloads need (EGR-2). The rule checks each node subnet the stack creates: it must be associated with a route table that sends 0.0.0.0/0 to a virtual appliance, with BGP route propagation off so no learned route bypasses it, and no more specific routes to another next hop that together cover every address (0.0.0.0/1 + 128.0.0.0/1 to the internet).",
  severity: "high",
  fix: "Give the cluster ClusterEgress.throughFirewall(route) with an EgressRoute over its node subnets (the default path; EgressFirewall, or the private IP of your own firewall). ClusterEgress.loadBalancerUnrestricted() is the documented opt-out: acknowledge EGR-1 with the reason. In Terraform: network_profile.outbound_type = \"userDefinedRouting\", and an azurerm_subnet_route_table_association per node subnet with a route table whose route sends 0.0.0.0/0 to next_hop_type \"VirtualAppliance\", bgp_route_propagation_enabled = false.",
  references: [R.aksOutboundType, R.aksEgressUdr, R.aksLimitEgress],
  mappings: {},
  resourceTypes: [CLUSTER],
  check: (cluster, stack) => {
    const profile = block(cluster.config, "network_profile");
    const outbound = expectOneOf(profile?.outbound_type, "network_profile.outbound_type", ["userDefinedRouting"], "loadBalancer");
    const pools = [
      { where: "default_node_pool", subnetId: block(cluster.config, "default_node_pool")?.vnet_subnet_id },
      ...resourcesOfType(stack, NODE_POOL)
        .filter((pool) => clusterOf(pool, stack)?.address === cluster.address)
        .map((pool) => ({ where: `node pool ${show(pool.config.name ?? pool.name)}`, subnetId: pool.config.vnet_subnet_id })),
    ];
    // Each subnet once, in the order the pools use them; only subnets this stack creates can be checked.
    const seen = new Set<string>();
    const routing: (string | undefined)[] = [];
    for (const pool of pools) {
      const subnet = referencedResource(stack, pool.subnetId, SUBNET);
      if (!subnet || seen.has(subnet.address)) continue;
      seen.add(subnet.address);
      routing.push(subnetRouting(subnet, pool.where, stack));
    }
    return problems(outbound, ...routing);
  },
};

/** The problem with a node subnet's routing, or undefined when it sends 0.0.0.0/0 to a virtual appliance. */
function subnetRouting(subnet: TerraformResource, where: string, stack: JsonObject): string | undefined {
  const label = `the ${where} subnet ${show(subnet.config.name ?? subnet.name)}`;
  const tables = resourcesOfType(stack, "azurerm_subnet_route_table_association")
    .filter((association) => refersTo(association.config.subnet_id, subnet))
    .map((association) => referencedResource(stack, association.config.route_table_id, ROUTE_TABLE));
  if (tables.length === 0) {
    return `${label} has no azurerm_subnet_route_table_association in the stack: its traffic leaves by Azure's default route, not through a firewall`;
  }
  const table = tables.find((t): t is TerraformResource => t !== undefined);
  if (!table) {
    return `${label} is associated with a route table that is not in the stack, so its default route cannot be checked`;
  }
  const routes = routesOf(table, stack);
  // Routes more specific than the default win: halves of the address space sent elsewhere
  // (0.0.0.0/1 + 128.0.0.0/1 to the internet) take every packet past the firewall.
  const bypass = catchAllIn(
    routes
      .filter((route) => route.next_hop_type !== "VirtualAppliance" && route.address_prefix !== "0.0.0.0/0" && typeof route.address_prefix === "string")
      .map((route) => route.address_prefix as string)
      .filter((prefix) => !prefix.includes("${")),
  );
  if (bypass !== undefined) {
    return `route table ${show(table.config.name ?? table.name)} of ${label} has routes to a next hop other than a virtual appliance that together cover every address (${bypass}): they are more specific than 0.0.0.0/0, so all traffic bypasses the firewall`;
  }
  const defaultRoute = routes.find((route) => route.address_prefix === "0.0.0.0/0");
  if (!defaultRoute) {
    return `route table ${show(table.config.name ?? table.name)} of ${label} has no 0.0.0.0/0 route: traffic leaves by Azure's default route, not through a firewall`;
  }
  const hop = expectOneOf(defaultRoute.next_hop_type, `the 0.0.0.0/0 route's next_hop_type in route table ${show(table.config.name ?? table.name)}`, ["VirtualAppliance"]);
  if (hop) return `${hop}, so ${label} does not egress through a firewall`;
  if (table.config.bgp_route_propagation_enabled === undefined || isTrue(table.config.bgp_route_propagation_enabled)) {
    return `route table ${show(table.config.name ?? table.name)} of ${label} propagates BGP routes (bgp_route_propagation_enabled is ${show(table.config.bgp_route_propagation_enabled ?? "not set, so true")}): a learned route could bypass the firewall`;
  }
  return undefined;
}

/** The routes of a table: inline `route` blocks and separate `azurerm_route` resources naming it. */
function routesOf(table: TerraformResource, stack: JsonObject): JsonObject[] {
  const separate = resourcesOfType(stack, "azurerm_route")
    .filter((route) => refersTo(route.config.route_table_name, table, "name") || (route.config.route_table_name === table.config.name && route.config.route_table_name !== undefined))
    .map((route) => route.config);
  return [...blocks(table.config.route), ...separate];
}
