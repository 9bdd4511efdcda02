import { TerraformOutput, TerraformVariable } from "cdktf";
import { ClusterEgress, ClusterMonitoring, EgressFirewall, EgressRoute, ValidationError, type EgressRouteProps } from "hardened-aks";
import { PLACEMENT, WORKSPACE_ID, only, ref, resources, synth, testCluster, testNetwork, testStack, type Synthesized } from "../helpers";

const SYSTEM = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/system";
const USER = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/user";

/** A route built with the given props (on top of valid defaults) in a fresh stack. */
function route(props: Partial<EgressRouteProps> = {}) {
  const stack = testStack();
  const construct = new EgressRoute(stack, "Route", { ...PLACEMENT, name: "rt-egress", firewallPrivateIp: "10.200.0.4", subnetIds: [SYSTEM, USER], ...props });
  return { stack, construct };
}

/** Synthesizes a route built with the given props. */
function synthRoute(props: Partial<EgressRouteProps> = {}): Synthesized {
  return synth(route(props).stack);
}

describe("EgressRoute", () => {
  const json = synthRoute();

  it("sends 0.0.0.0/0 to the firewall as a virtual appliance, with BGP propagation off (EGR-1)", () => {
    expect(only(json, "azurerm_route_table")).toEqual({
      name: "rt-egress",
      resource_group_name: "rg-test",
      location: "westeurope",
      bgp_route_propagation_enabled: false,
      route: [{ name: "default-via-firewall", address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.200.0.4" }],
    });
  });

  it("associates the route table with every subnet given, and nothing else", () => {
    const table = ref(json, "azurerm_route_table");
    expect(resources(json, "azurerm_subnet_route_table_association")).toEqual([
      { subnet_id: SYSTEM, route_table_id: table },
      { subnet_id: USER, route_table_id: table },
    ]);
    expect(Object.keys(json.resource).sort()).toEqual(["azurerm_route_table", "azurerm_subnet_route_table_association"]);
  });

  it("associates a subnet given twice only once", () => {
    const associations = resources(synthRoute({ subnetIds: [SYSTEM, USER, SYSTEM, USER] }), "azurerm_subnet_route_table_association");
    expect(associations.map((a) => a.subnet_id)).toEqual([SYSTEM, USER]);
  });

  it("associates each of a network's node subnets once, when given by reference", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    new EgressRoute(stack, "Route", {
      ...PLACEMENT,
      name: "rt-egress",
      firewallPrivateIp: "10.200.0.4",
      subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId, network.systemNodesSubnetId],
    });
    const out = synth(stack);
    const subnetIds = resources(out, "azurerm_subnet_route_table_association").map((a) => a.subnet_id);
    const byName = Object.fromEntries(Object.entries(out.resource.azurerm_subnet).map(([id, s]) => [s.name, `\${azurerm_subnet.${id}.id}`]));
    expect(subnetIds).toEqual([byName["snet-system-nodes"], byName["snet-user-nodes"]]);
  });

  it("routes to an EgressFirewall's private IP, a reference resolved at apply time", () => {
    const stack = testStack();
    const firewall = new EgressFirewall(stack, "Firewall", {
      ...PLACEMENT,
      name: "afw-test",
      hubAddressSpace: "10.200.0.0/24",
      sourceAddressSpaces: ["10.240.0.0/16"],
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    });
    new EgressRoute(stack, "Route", { ...PLACEMENT, name: "rt-egress", firewallPrivateIp: firewall.privateIpAddress, subnetIds: [SYSTEM] });
    const out = synth(stack);
    expect(only(out, "azurerm_route_table").route[0].next_hop_in_ip_address).toBe(ref(out, "azurerm_firewall", "ip_configuration[0].private_ip_address"));
  });

  it("tags the route table", () => {
    expect(only(synthRoute({ tags: { env: "prod" } }), "azurerm_route_table").tags).toEqual({ env: "prod" });
  });

  it("exposes the route table id and the associations as what nodes must wait for", () => {
    const { stack, construct } = route();
    new TerraformOutput(stack, "id", { value: construct.routeTableId });
    const out = synth(stack);
    expect(out.output.id.value).toBe(ref(out, "azurerm_route_table"));
    expect(construct.dependables).toEqual(construct.associations);
    expect(construct.associations).toHaveLength(2);
  });

  describe("rejects", () => {
    it.each(["10.200.0", "10.200.0.256", "999.1.1.1", "10.200.0.4/32", "firewall", "fd00::4", "10.200.0.04"])(
      "the firewall address '%s', which is not an IPv4 address",
      (address) => {
        expect(() => route({ firewallPrivateIp: address })).toThrow(
          `firewallPrivateIp must be an IPv4 address such as '10.200.0.4' (the firewall's private IP); got '${address}'.`,
        );
      },
    );

    it.each([
      [{ firewallPrivateIp: "" }, "firewallPrivateIp is required and must be a non-empty string, e.g. firewall.privateIpAddress; got ''."],
      [{ firewallPrivateIp: undefined }, "firewallPrivateIp is required and must be a non-empty string, e.g. firewall.privateIpAddress; got nothing (the prop is missing)."],
      [{ name: undefined }, "name is required and must be a non-empty string, e.g. 'rt-aks-egress'; got nothing (the prop is missing)."],
      [{ resourceGroupName: null }, "resourceGroupName is required and must be a non-empty string, e.g. 'rg-aks-prod'; got null."],
      [{ location: undefined }, "location is required and must be a non-empty string, e.g. 'westeurope'; got nothing (the prop is missing)."],
      [{ subnetIds: "snet" }, "subnetIds is required and must be an array, e.g. [network.systemNodesSubnetId, network.userNodesSubnetId]; got 'snet'."],
      [{ location: "westeurope." }, "location must be an Azure region name such as 'westeurope' (or 'West Europe'); got 'westeurope.'."],
      [{ tags: { "a<b": "c" } }, "tags tag name 'a<b' must be 1-128 characters"],
    ])("the JavaScript-style value %j, naming the prop", (props, message) => {
      expect(() => route(props as any)).toThrow(message);
    });

    it("no subnets", () => {
      expect(() => route({ subnetIds: [] })).toThrow(
        "subnetIds must not be empty: pass the node subnets (system and user) whose egress goes through the firewall.",
      );
    });

    it("a subnet list that is a token as a whole", () => {
      const stack = testStack();
      const subnets = new TerraformVariable(stack, "subnets", { type: "list(string)" });
      expect(() => new EgressRoute(stack, "Route", { ...PLACEMENT, name: "rt-egress", firewallPrivateIp: "10.200.0.4", subnetIds: subnets.listValue })).toThrow(
        /subnetIds must be a list written in the code/,
      );
    });

    it("a bad name", () => {
      expect(() => route({ name: "rt egress" })).toThrow(/name must be 1-80 letters, digits, underscores, periods or hyphens.*got 'rt egress'/);
    });

    it("with a ValidationError located at the construct", () => {
      expect(() => route({ firewallPrivateIp: "x" })).toThrow(ValidationError);
      expect(() => route({ firewallPrivateIp: "x" })).toThrow(/\(at test\/Route\)$/);
    });

    it("but accepts a token firewall address", () => {
      const stack = testStack();
      const ip = new TerraformVariable(stack, "ip", { type: "string" });
      new EgressRoute(stack, "Route", { ...PLACEMENT, name: "rt-egress", firewallPrivateIp: ip.stringValue, subnetIds: [SYSTEM] });
      expect(only(synth(stack), "azurerm_route_table").route[0].next_hop_in_ip_address).toBe("${var.ip}");
    });
  });
});

describe("ClusterEgress", () => {
  it("through a firewall: userDefinedRouting, the route table, and waiting for the associations", () => {
    const { construct } = route();
    const egress = ClusterEgress.throughFirewall(construct);
    expect(egress.outboundType).toBe("userDefinedRouting");
    expect(egress.routeTableId).toBe(construct.routeTableId);
    expect(egress.dependables).toEqual(construct.associations);
  });

  it("through the load balancer: the unrestricted opt-out, with nothing to wait for", () => {
    const egress = ClusterEgress.loadBalancerUnrestricted();
    expect(egress.outboundType).toBe("loadBalancer");
    expect(egress.routeTableId).toBeUndefined();
    expect(egress.dependables).toEqual([]);
  });

  it("makes a cluster use userDefinedRouting and wait for the route's associations", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const egressRoute = new EgressRoute(stack, "Route", {
      ...PLACEMENT,
      name: "rt-egress",
      firewallPrivateIp: "10.200.0.4",
      subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId],
    });
    testCluster(stack, { network, egress: ClusterEgress.throughFirewall(egressRoute) });
    const json = synth(stack);
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.network_profile.outbound_type).toBe("userDefinedRouting");
    const associations = Object.keys(json.resource.azurerm_subnet_route_table_association).map((k) => `azurerm_subnet_route_table_association.${k}`);
    expect(associations).toHaveLength(2);
    expect(aks.depends_on).toEqual(expect.arrayContaining(associations));
  });
});
