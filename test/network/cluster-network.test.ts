import { TerraformOutput, TerraformVariable, Testing } from "cdktf";
// Types of the cdktf jest matchers that test/setup.ts installs (toHaveResourceWithProperties).
import type {} from "cdktf/lib/testing/adapters/jest";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import {
  ClusterNetwork,
  DEFAULT_SUBNET_PREFIX_LENGTHS,
  ValidationError,
  type ClusterNetworkProps,
  type SubnetRole,
} from "hardened-aks";
import { SUBNET_ROLES, planSubnetLayout } from "../../lib/network/cluster-network";
import { PLACEMENT, resources, synth, testNetwork, testStack, type Synthesized } from "../helpers";

const DEFAULT_LAYOUT: Record<SubnetRole, string> = {
  userNodes: "10.240.0.0/20",
  applicationGateway: "10.240.16.0/24",
  privateEndpoints: "10.240.17.0/24",
  systemNodes: "10.240.18.0/24",
  apiServer: "10.240.19.0/28",
};

const SUBNET_NAME: Record<SubnetRole, string> = {
  systemNodes: "snet-system-nodes",
  userNodes: "snet-user-nodes",
  applicationGateway: "snet-appgw",
  privateEndpoints: "snet-private-endpoints",
  apiServer: "snet-api-server",
};

/** A network built with the given props (on top of valid defaults) in a fresh stack. */
function network(props: Partial<ClusterNetworkProps> = {}) {
  const stack = testStack();
  const net = new ClusterNetwork(stack, "Network", { ...PLACEMENT, name: "vnet-test", addressSpace: "10.240.0.0/16", ...props });
  return { stack, net };
}

/** Synthesizes a network built with the given props. */
function synthNetwork(props: Partial<ClusterNetworkProps> = {}): Synthesized {
  return synth(network(props).stack);
}

/** Logical id of each resource of a type, by a property of it (e.g. its name). */
function logicalIdsBy(json: Synthesized, type: string, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(json.resource[type] ?? {}).map(([id, r]) => [r[key], id]));
}

/** The subnet resource of a role. */
function subnet(json: Synthesized, role: SubnetRole): Record<string, any> {
  const found = resources(json, "azurerm_subnet").filter((s) => s.name === SUBNET_NAME[role]);
  expect(found).toHaveLength(1);
  return found[0];
}

describe("planSubnetLayout", () => {
  it("lays out 10.240.0.0/16: user nodes /20 first, then the /24s by role name, then the API server's /28", () => {
    expect(planSubnetLayout("10.240.0.0/16")).toEqual(DEFAULT_LAYOUT);
  });

  it("uses the documented default prefix lengths", () => {
    expect(DEFAULT_SUBNET_PREFIX_LENGTHS).toEqual({ systemNodes: 24, userNodes: 20, applicationGateway: 24, privateEndpoints: 24, apiServer: 28 });
  });

  it("returns the same layout every time", () => {
    expect(planSubnetLayout("10.240.0.0/16")).toEqual(planSubnetLayout("10.240.0.0/16"));
    expect(planSubnetLayout("172.16.0.0/19")).toEqual(planSubnetLayout("172.16.0.0/19"));
  });

  it("fits the defaults in a /19, as the too-small message promises", () => {
    expect(planSubnetLayout("172.16.0.0/19")).toEqual({
      userNodes: "172.16.0.0/20",
      applicationGateway: "172.16.16.0/24",
      privateEndpoints: "172.16.17.0/24",
      systemNodes: "172.16.18.0/24",
      apiServer: "172.16.19.0/28",
    });
  });

  it("keeps explicit CIDRs and carves the other roles around them", () => {
    expect(
      planSubnetLayout("10.240.0.0/16", {
        systemNodes: { cidr: "10.240.0.0/24" },
        applicationGateway: { cidr: "10.240.20.0/24" },
      }),
    ).toEqual({
      systemNodes: "10.240.0.0/24",
      applicationGateway: "10.240.20.0/24",
      // The /20 skips 10.240.0.0/20 and 10.240.16.0/20, which hold the explicit /24s.
      userNodes: "10.240.32.0/20",
      // The first free /24: 10.240.0.0/24 is taken by the system nodes.
      privateEndpoints: "10.240.1.0/24",
      // The /28 comes last (smallest): the first free one follows the private endpoints' /24.
      apiServer: "10.240.2.0/28",
    });
  });

  it("keeps all five explicit CIDRs as given", () => {
    const explicit = {
      systemNodes: "10.240.255.0/24",
      userNodes: "10.240.128.0/18",
      applicationGateway: "10.240.1.0/26",
      privateEndpoints: "10.240.1.64/27",
      apiServer: "10.240.1.96/28",
    };
    expect(
      planSubnetLayout("10.240.0.0/16", Object.fromEntries(Object.entries(explicit).map(([role, cidr]) => [role, { cidr }]))),
    ).toEqual(explicit);
  });

  it("lets an explicit CIDR override a prefix length given for the same role", () => {
    expect(planSubnetLayout("10.240.0.0/16", { userNodes: { cidr: "10.240.64.0/18", prefixLength: 22 } }).userNodes).toBe("10.240.64.0/18");
  });

  it("carves a role at the prefix length asked for", () => {
    expect(
      planSubnetLayout("10.240.0.0/16", {
        userNodes: { prefixLength: 18 },
        privateEndpoints: { prefixLength: 27 },
        systemNodes: { prefixLength: 29 },
      }),
    ).toEqual({
      userNodes: "10.240.0.0/18",
      applicationGateway: "10.240.64.0/24",
      privateEndpoints: "10.240.65.0/27",
      // The API server's default /28 is carved before the smaller /29.
      apiServer: "10.240.65.32/28",
      systemNodes: "10.240.65.48/29",
    });
  });

  it("accepts a prefix length equal to the address space's when the rest fits elsewhere", () => {
    expect(
      planSubnetLayout("10.240.0.0/24", {
        userNodes: { prefixLength: 25 },
        systemNodes: { prefixLength: 26 },
        applicationGateway: { prefixLength: 27 },
        // With the API server's default /28, the five subnets fill the /24 exactly.
        privateEndpoints: { prefixLength: 28 },
      }),
    ).toEqual({
      userNodes: "10.240.0.0/25",
      systemNodes: "10.240.0.128/26",
      applicationGateway: "10.240.0.192/27",
      // The two /28s by role name: apiServer before privateEndpoints.
      apiServer: "10.240.0.224/28",
      privateEndpoints: "10.240.0.240/28",
    });
  });

  describe("rejects", () => {
    it.each(["10.240.0.0", "10.240.0.0/33", "", "vnet"])("the address space '%s'", (space) => {
      expect(() => planSubnetLayout(space)).toThrow(
        `addressSpace must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/16'; got '${space}'.`,
      );
    });

    it("with a ValidationError that carries the path of the construct it lays out for, when given one", () => {
      const stack = testStack();
      const thrown = (scope?: typeof stack) => {
        try {
          planSubnetLayout("10.240.0.0/16", { userNodes: { cidr: "10.241.0.0/20" } }, scope);
        } catch (e) {
          return e as ValidationError;
        }
        throw new Error("planSubnetLayout accepted a subnet outside the address space");
      };
      expect(thrown(stack)).toBeInstanceOf(ValidationError);
      expect(thrown(stack).path).toBe("test");
      expect(thrown(stack).message).toMatch(/^subnets\.userNodes\.cidr must lie inside addressSpace .* \(at test\)$/);
      expect(thrown()).toBeInstanceOf(ValidationError);
      expect(thrown().path).toBeUndefined();
    });

    it("an address space with host bits set", () => {
      expect(() => planSubnetLayout("10.240.0.1/16")).toThrow(/addressSpace must be an IPv4 CIDR with no host bits set.*got '10\.240\.0\.1\/16'/);
    });

    it("an explicit CIDR that is not one", () => {
      expect(() => planSubnetLayout("10.240.0.0/16", { userNodes: { cidr: "10.240.0.0" } })).toThrow(
        "subnets.userNodes.cidr must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/24'; got '10.240.0.0'.",
      );
    });

    it("an explicit CIDR with host bits set", () => {
      expect(() => planSubnetLayout("10.240.0.0/16", { systemNodes: { cidr: "10.240.1.1/24" } })).toThrow(
        /subnets\.systemNodes\.cidr must be an IPv4 CIDR with no host bits set.*got '10\.240\.1\.1\/24'/,
      );
    });

    it("an explicit CIDR outside the address space", () => {
      expect(() => planSubnetLayout("10.240.0.0/16", { userNodes: { cidr: "10.241.0.0/20" } })).toThrow(
        /subnets\.userNodes\.cidr must lie inside addressSpace '10\.240\.0\.0\/16'; got '10\.241\.0\.0\/20'/,
      );
    });

    it("an explicit CIDR larger than the address space", () => {
      expect(() => planSubnetLayout("10.240.0.0/16", { userNodes: { cidr: "10.240.0.0/15" } })).toThrow(
        /subnets\.userNodes\.cidr must lie inside addressSpace '10\.240\.0\.0\/16'; got '10\.240\.0\.0\/15'/,
      );
    });

    it("an explicit CIDR smaller than Azure's smallest subnet, a /29", () => {
      expect(() => planSubnetLayout("10.240.0.0/16", { privateEndpoints: { cidr: "10.240.1.0/30" } })).toThrow(
        /subnets\.privateEndpoints\.cidr must be a \/29 or larger \(Azure's smallest subnet.*got '10\.240\.1\.0\/30'/,
      );
      expect(() => planSubnetLayout("10.240.0.0/16", { privateEndpoints: { cidr: "10.240.1.7/32" } })).toThrow(/must be a \/29 or larger/);
      expect(planSubnetLayout("10.240.0.0/16", { privateEndpoints: { cidr: "10.240.200.8/29" } }).privateEndpoints).toBe("10.240.200.8/29");
    });

    it("explicit CIDRs that overlap, naming both roles", () => {
      expect(() =>
        planSubnetLayout("10.240.0.0/16", {
          userNodes: { cidr: "10.240.0.0/20" },
          privateEndpoints: { cidr: "10.240.15.0/24" },
        }),
      ).toThrow("subnets.userNodes.cidr and subnets.privateEndpoints.cidr overlap. Give each role its own range.");
    });

    it("identical explicit CIDRs", () => {
      expect(() =>
        planSubnetLayout("10.240.0.0/16", { systemNodes: { cidr: "10.240.1.0/24" }, applicationGateway: { cidr: "10.240.1.0/24" } }),
      ).toThrow(/subnets\.systemNodes\.cidr and subnets\.applicationGateway\.cidr overlap/);
    });

    it("an address space too small for the default layout, listing what was asked", () => {
      expect(() => planSubnetLayout("10.240.0.0/20")).toThrow(
        "addressSpace '10.240.0.0/20' is too small for the subnet layout (systemNodes /24 (default), userNodes /20 (default), applicationGateway /24 (default), privateEndpoints /24 (default), apiServer /28 (default)). Give addressSpace a /19 or larger, or carve smaller subnets through subnets.<role>.prefixLength.",
      );
    });

    it("an address space too small beside the explicit CIDRs", () => {
      // Each /20 of the /19 holds one of the explicit /24s, so the user nodes' /20 has no room.
      expect(() =>
        planSubnetLayout("10.240.0.0/19", { systemNodes: { cidr: "10.240.8.0/24" }, privateEndpoints: { cidr: "10.240.24.0/24" } }),
      ).toThrow(
        /addressSpace '10\.240\.0\.0\/19' is too small for the subnet layout \(userNodes \/20 \(default\), applicationGateway \/24 \(default\), apiServer \/28 \(default\), beside 2 explicit CIDRs\)\. Give addressSpace more room than a \/19/,
      );
    });

    it.each([
      ["smaller than Azure's smallest subnet", 30],
      ["larger than the address space", 15],
      ["fractional", 24.5],
      ["negative", -24],
    ])("a prefix length %s", (_, prefixLength) => {
      expect(() => planSubnetLayout("10.240.0.0/16", { userNodes: { prefixLength } })).toThrow(
        `subnets.userNodes.prefixLength must be a whole number from 16 to 29 (Azure's smallest subnet is a /29 and a subnet cannot be larger than addressSpace '10.240.0.0/16'); got ${prefixLength}.`,
      );
    });

    it("a role that does not exist, listing the roles", () => {
      expect(() => planSubnetLayout("10.240.0.0/16", { userNode: { cidr: "10.240.0.0/20" } } as never)).toThrow(
        "subnets has no role named 'userNode'. The roles are systemNodes, userNodes, applicationGateway, privateEndpoints, apiServer.",
      );
    });

    it("a token as a subnet's CIDR, because the layout is carved around it", () => {
      const cidr = new TerraformVariable(testStack(), "cidr", {}).stringValue;
      expect(() => planSubnetLayout("10.240.0.0/16", { userNodes: { cidr } })).toThrow(
        /subnets\.userNodes\.cidr must be known at synth time \(a literal CIDR such as '10\.240\.0\.0\/24'\)/,
      );
    });

    it("a token as a prefix length, because the layout is computed from it", () => {
      const prefixLength = new TerraformVariable(testStack(), "prefix", {}).numberValue;
      expect(() => planSubnetLayout("10.240.0.0/16", { systemNodes: { prefixLength } })).toThrow(
        /subnets\.systemNodes\.prefixLength must be known at synth time/,
      );
    });
  });
});

describe("ClusterNetwork", () => {
  it("creates one virtual network with the address space, name, placement and tags", () => {
    const json = synthNetwork({ tags: { env: "test" } });
    expect(resources(json, "azurerm_virtual_network")).toEqual([
      {
        name: "vnet-test",
        resource_group_name: "rg-test",
        location: "westeurope",
        address_space: ["10.240.0.0/16"],
        tags: { env: "test" },
      },
    ]);
  });

  it("creates exactly one subnet per role, at the default layout", () => {
    const json = synthNetwork();
    expect(resources(json, "azurerm_subnet")).toHaveLength(5);
    for (const role of SUBNET_ROLES) {
      expect(subnet(json, role)).toMatchObject({
        resource_group_name: "rg-test",
        address_prefixes: [DEFAULT_LAYOUT[role]],
        virtual_network_name: expect.stringMatching(/^\$\{azurerm_virtual_network\.Network_\w+\.name\}$/),
      });
    }
  });

  it("turns Azure's default outbound access off on every subnet", () => {
    const subnets = resources(synthNetwork(), "azurerm_subnet");
    expect(subnets).toHaveLength(5);
    for (const s of subnets) expect(s.default_outbound_access_enabled).toBe(false);
  });

  it("enables network policies for private endpoints on the endpoints subnet only", () => {
    const json = synthNetwork();
    expect(subnet(json, "privateEndpoints").private_endpoint_network_policies).toBe("Enabled");
    for (const role of ["systemNodes", "userNodes", "applicationGateway", "apiServer"] as const) {
      expect(subnet(json, role)).not.toHaveProperty("private_endpoint_network_policies");
    }
  });

  it("delegates the API server subnet to AKS, and no other subnet to anything", () => {
    const json = synthNetwork();
    expect(subnet(json, "apiServer").delegation).toEqual([
      {
        name: "aks-api-server",
        service_delegation: {
          name: "Microsoft.ContainerService/managedClusters",
          actions: ["Microsoft.Network/virtualNetworks/subnets/join/action"],
        },
      },
    ]);
    for (const role of SUBNET_ROLES.filter((r) => r !== "apiServer")) {
      expect(subnet(json, role)).not.toHaveProperty("delegation");
    }
  });

  it("gives the API server subnet its own NSG and no default outbound access, like the other roles", () => {
    const json = synthNetwork({ tags: { env: "test" } });
    const apiServer = subnet(json, "apiServer");
    expect(apiServer).toMatchObject({
      name: "snet-api-server",
      resource_group_name: "rg-test",
      address_prefixes: ["10.240.19.0/28"],
      default_outbound_access_enabled: false,
    });
    const subnetId = logicalIdsBy(json, "azurerm_subnet", "name")["snet-api-server"];
    const groupId = logicalIdsBy(json, "azurerm_network_security_group", "name")["nsg-vnet-test-api-server"];
    expect(groupId).toBeDefined();
    expect(json.resource.azurerm_network_security_group[groupId]).toMatchObject({
      name: "nsg-vnet-test-api-server",
      resource_group_name: "rg-test",
      location: "westeurope",
      tags: { env: "test" },
    });
    const associations = resources(json, "azurerm_subnet_network_security_group_association").filter(
      (a) => a.subnet_id === `\${azurerm_subnet.${subnetId}.id}`,
    );
    expect(associations).toEqual([
      {
        subnet_id: `\${azurerm_subnet.${subnetId}.id}`,
        network_security_group_id: `\${azurerm_network_security_group.${groupId}.id}`,
      },
    ]);
  });

  it("puts an NSG on every role subnet, each subnet its own", () => {
    const json = synthNetwork();
    const subnetIds = logicalIdsBy(json, "azurerm_subnet", "name");
    const groupIds = logicalIdsBy(json, "azurerm_network_security_group", "name");
    const associations = resources(json, "azurerm_subnet_network_security_group_association");
    expect(associations).toHaveLength(5);
    expect(new Set(associations.map((a) => a.network_security_group_id)).size).toBe(5);
    const groupNames: Record<SubnetRole, string> = {
      systemNodes: "nsg-vnet-test-system-nodes",
      userNodes: "nsg-vnet-test-user-nodes",
      applicationGateway: "nsg-vnet-test-appgw",
      privateEndpoints: "nsg-vnet-test-private-endpoints",
      apiServer: "nsg-vnet-test-api-server",
    };
    for (const role of SUBNET_ROLES) {
      expect(associations).toContainEqual({
        subnet_id: `\${azurerm_subnet.${subnetIds[SUBNET_NAME[role]]}.id}`,
        network_security_group_id: `\${azurerm_network_security_group.${groupIds[groupNames[role]]}.id}`,
      });
    }
  });

  it("names each NSG nsg-<vnet>-<role> and places and tags it like the network", () => {
    const groups = resources(synthNetwork({ tags: { env: "test" } }), "azurerm_network_security_group");
    expect(groups.map((g) => g.name).sort()).toEqual([
      "nsg-vnet-test-api-server",
      "nsg-vnet-test-appgw",
      "nsg-vnet-test-private-endpoints",
      "nsg-vnet-test-system-nodes",
      "nsg-vnet-test-user-nodes",
    ]);
    for (const g of groups) expect(g).toMatchObject({ resource_group_name: "rg-test", location: "westeurope", tags: { env: "test" } });
  });

  it("declares no inline NSG rules, so separate rule resources are never fought over", () => {
    for (const g of resources(synthNetwork(), "azurerm_network_security_group")) expect(g).not.toHaveProperty("security_rule");
  });

  it("gives the Application Gateway NSG exactly its documented inbound rules, and a deny of plain HTTP from every network", () => {
    const json = synthNetwork();
    const appGatewayGroup = logicalIdsBy(json, "azurerm_network_security_group", "name")["nsg-vnet-test-appgw"];
    const rules = resources(json, "azurerm_network_security_rule").sort((a, b) => a.priority - b.priority);
    const common = {
      direction: "Inbound",
      access: "Allow",
      source_port_range: "*",
      resource_group_name: "rg-test",
      network_security_group_name: `\${azurerm_network_security_group.${appGatewayGroup}.name}`,
      description: expect.any(String),
    };
    expect(rules).toEqual([
      {
        ...common,
        name: "AllowGatewayManagerInbound",
        priority: 100,
        protocol: "Tcp",
        source_address_prefix: "GatewayManager",
        destination_port_range: "65200-65535",
        // Azure documents this infrastructure rule with destination Any.
        destination_address_prefix: "*",
      },
      {
        ...common,
        name: "AllowAzureLoadBalancerInbound",
        priority: 110,
        protocol: "*",
        source_address_prefix: "AzureLoadBalancer",
        destination_port_range: "*",
        destination_address_prefix: "10.240.16.0/24",
      },
      {
        ...common,
        name: "AllowHttpsInbound",
        priority: 200,
        protocol: "Tcp",
        source_address_prefix: "Internet",
        destination_port_range: "443",
        destination_address_prefix: "10.240.16.0/24",
      },
      {
        ...common,
        // AGIC's HTTP listener on 80: closed to the VNet and the peered hub too, ahead of
        // Azure's default AllowVnetInBound (ING-3).
        access: "Deny",
        name: "DenyHttpInbound",
        priority: 300,
        protocol: "Tcp",
        source_address_prefix: "*",
        destination_port_range: "80",
        destination_address_prefix: "*",
      },
    ]);
  });

  it("adds no rule to the node, endpoint and API server NSGs: Azure's defaults deny inbound internet traffic", () => {
    const json = synthNetwork();
    const groupIds = logicalIdsBy(json, "azurerm_network_security_group", "name");
    const ruleGroups = new Set(resources(json, "azurerm_network_security_rule").map((r) => r.network_security_group_name));
    for (const name of ["nsg-vnet-test-system-nodes", "nsg-vnet-test-user-nodes", "nsg-vnet-test-private-endpoints", "nsg-vnet-test-api-server"]) {
      expect(ruleGroups).not.toContain(`\${azurerm_network_security_group.${groupIds[name]}.name}`);
    }
  });

  it("lets the internet reach only port 443 of the Application Gateway subnet", () => {
    const fromInternet = resources(synthNetwork(), "azurerm_network_security_rule").filter(
      (r) => r.access === "Allow" && ["Internet", "*", "0.0.0.0/0", "Any"].includes(r.source_address_prefix),
    );
    expect(fromInternet).toEqual([expect.objectContaining({ name: "AllowHttpsInbound", destination_port_range: "443", protocol: "Tcp" })]);
  });

  it("points the Application Gateway rules at the subnet's CIDR where it was placed explicitly", () => {
    const json = synthNetwork({ subnets: { applicationGateway: { cidr: "10.240.200.0/24" } } });
    const https = resources(json, "azurerm_network_security_rule").find((r) => r.name === "AllowHttpsInbound");
    expect(https?.destination_address_prefix).toBe("10.240.200.0/24");
    expect(subnet(json, "applicationGateway").address_prefixes).toEqual(["10.240.200.0/24"]);
  });

  it("synthesizes explicit CIDRs as given and carves the rest around them", () => {
    const json = synthNetwork({ subnets: { userNodes: { cidr: "10.240.64.0/18" }, systemNodes: { prefixLength: 26 } } });
    expect(subnet(json, "userNodes").address_prefixes).toEqual(["10.240.64.0/18"]);
    expect(subnet(json, "applicationGateway").address_prefixes).toEqual(["10.240.0.0/24"]);
    expect(subnet(json, "privateEndpoints").address_prefixes).toEqual(["10.240.1.0/24"]);
    expect(subnet(json, "systemNodes").address_prefixes).toEqual(["10.240.2.0/26"]);
    expect(subnet(json, "apiServer").address_prefixes).toEqual(["10.240.2.64/28"]);
  });

  it("exposes the layout, the address space and references to the resources it created", () => {
    const { stack, net } = network();
    expect(net.subnetCidrs).toEqual(DEFAULT_LAYOUT);
    expect(net.addressSpaces).toEqual(["10.240.0.0/16"]);
    expect(Object.keys(net.subnets).sort()).toEqual([...SUBNET_ROLES].sort());
    expect(Object.keys(net.securityGroups).sort()).toEqual([...SUBNET_ROLES].sort());
    for (const s of Object.values(net.subnets)) expect(s.terraformResourceType).toBe("azurerm_subnet");
    // Each attribute resolves to a reference to the resource it names.
    const refs = {
      virtualNetworkId: net.virtualNetworkId,
      virtualNetworkName: net.virtualNetworkName,
      systemNodesSubnetId: net.systemNodesSubnetId,
      userNodesSubnetId: net.userNodesSubnetId,
      applicationGatewaySubnetId: net.applicationGatewaySubnetId,
      privateEndpointsSubnetId: net.privateEndpointsSubnetId,
      apiServerSubnetId: net.apiServerSubnetId,
    };
    for (const [name, value] of Object.entries(refs)) new TerraformOutput(stack, name, { value });
    const json = synth(stack);
    const subnetIds = logicalIdsBy(json, "azurerm_subnet", "name");
    const vnetId = Object.keys(json.resource.azurerm_virtual_network)[0];
    expect(Object.fromEntries(Object.entries(json.output).map(([name, o]) => [name, (o as { value: string }).value]))).toEqual({
      virtualNetworkId: `\${azurerm_virtual_network.${vnetId}.id}`,
      virtualNetworkName: `\${azurerm_virtual_network.${vnetId}.name}`,
      systemNodesSubnetId: `\${azurerm_subnet.${subnetIds["snet-system-nodes"]}.id}`,
      userNodesSubnetId: `\${azurerm_subnet.${subnetIds["snet-user-nodes"]}.id}`,
      applicationGatewaySubnetId: `\${azurerm_subnet.${subnetIds["snet-appgw"]}.id}`,
      privateEndpointsSubnetId: `\${azurerm_subnet.${subnetIds["snet-private-endpoints"]}.id}`,
      apiServerSubnetId: `\${azurerm_subnet.${subnetIds["snet-api-server"]}.id}`,
    });
  });

  it("is found by the cdktf jest matcher as a private endpoints subnet without default outbound access", () => {
    const synthesized = Testing.synthScope((scope) => {
      new ClusterNetwork(scope, "Network", { ...PLACEMENT, name: "vnet-test", addressSpace: "10.240.0.0/16" });
    });
    expect(synthesized).toHaveResourceWithProperties(Subnet, {
      name: "snet-private-endpoints",
      default_outbound_access_enabled: false,
      private_endpoint_network_policies: "Enabled",
      address_prefixes: ["10.240.17.0/24"],
    });
  });

  it("accepts a resource group name that is a token and passes it through", () => {
    const stack = testStack();
    const group = new ResourceGroup(stack, "Group", { name: "rg-test", location: "westeurope" });
    new ClusterNetwork(stack, "Network", { name: "vnet-test", resourceGroupName: group.name, location: group.location, addressSpace: "10.240.0.0/16" });
    const json = synth(stack);
    const groupRef = "${azurerm_resource_group.Group.name}";
    for (const type of ["azurerm_virtual_network", "azurerm_subnet", "azurerm_network_security_group", "azurerm_network_security_rule"]) {
      for (const r of resources(json, type)) expect(r.resource_group_name).toEqual(groupRef);
    }
  });

  it("accepts a name that is a token and derives the NSG names from it", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "name", {}).stringValue;
    new ClusterNetwork(stack, "Network", { ...PLACEMENT, name, addressSpace: "10.240.0.0/16" });
    const groups = resources(synth(stack), "azurerm_network_security_group");
    expect(groups.map((g) => g.name).sort()).toEqual([
      "nsg-${var.name}-api-server",
      "nsg-${var.name}-appgw",
      "nsg-${var.name}-private-endpoints",
      "nsg-${var.name}-system-nodes",
      "nsg-${var.name}-user-nodes",
    ]);
  });

  it("accepts the longest name whose NSG names still fit Azure's 80 characters", () => {
    const name = "v".repeat(58);
    const groups = resources(synthNetwork({ name }), "azurerm_network_security_group");
    expect(Math.max(...groups.map((g) => g.name.length))).toBe(80);
  });

  describe("rejects", () => {
    it("a token as the address space, because the layout is computed from it", () => {
      const stack = testStack();
      const addressSpace = new TerraformVariable(stack, "space", {}).stringValue;
      expect(() => new ClusterNetwork(stack, "Network", { ...PLACEMENT, name: "vnet-test", addressSpace })).toThrow(
        "addressSpace must be known at synth time (a literal CIDR such as '10.240.0.0/16'): the subnet layout is computed from it. (at test/Network)",
      );
    });

    it("a bad address space with a ValidationError that carries the construct path", () => {
      let thrown: unknown;
      try {
        network({ addressSpace: "10.240.0.1/16" });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).path).toBe("test/Network");
      expect((thrown as ValidationError).message).toMatch(/^addressSpace must be an IPv4 CIDR with no host bits set; got '10\.240\.0\.1\/16'\. Did you mean '10\.240\.0\.0\/16'\? \(at test\/Network\)$/);
    });

    it("a subnet outside the address space", () => {
      expect(() => network({ subnets: { userNodes: { cidr: "10.0.0.0/20" } } })).toThrow(
        /subnets\.userNodes\.cidr must lie inside addressSpace '10\.240\.0\.0\/16'; got '10\.0\.0\.0\/20'\. .* \(at test\/Network\)$/,
      );
    });

    it("an invalid subnet CIDR", () => {
      expect(() => network({ subnets: { applicationGateway: { cidr: "10.240.300.0/24" } } })).toThrow(
        /subnets\.applicationGateway\.cidr must be an IPv4 CIDR with no host bits set.*got '10\.240\.300\.0\/24'/,
      );
    });

    it("a subnet CIDR with host bits set", () => {
      expect(() => network({ subnets: { applicationGateway: { cidr: "10.240.16.1/24" } } })).toThrow(
        /subnets\.applicationGateway\.cidr must be an IPv4 CIDR with no host bits set.*got '10\.240\.16\.1\/24'/,
      );
    });

    it("explicit subnets that overlap each other", () => {
      expect(() =>
        network({ subnets: { systemNodes: { cidr: "10.240.0.0/24" }, userNodes: { cidr: "10.240.0.0/20" } } }),
      ).toThrow(/subnets\.systemNodes\.cidr and subnets\.userNodes\.cidr overlap/);
    });

    it("an address space too small for the layout", () => {
      expect(() => network({ addressSpace: "10.240.0.0/20" })).toThrow(
        /addressSpace '10\.240\.0\.0\/20' is too small for the subnet layout .*\(at test\/Network\)$/,
      );
    });

    it.each([30, 8])("the prefix length %d", (prefixLength) => {
      expect(() => network({ subnets: { privateEndpoints: { prefixLength } } })).toThrow(
        new RegExp(`subnets\\.privateEndpoints\\.prefixLength must be a whole number from 16 to 29 .*got ${prefixLength}\\.`),
      );
    });

    it("a token as a subnet's CIDR", () => {
      const stack = testStack();
      const cidr = new TerraformVariable(stack, "cidr", {}).stringValue;
      expect(
        () => new ClusterNetwork(stack, "Network", { ...PLACEMENT, name: "vnet-test", addressSpace: "10.240.0.0/16", subnets: { privateEndpoints: { cidr } } }),
      ).toThrow(/subnets\.privateEndpoints\.cidr must be known at synth time.* \(at test\/Network\)$/);
    });

    it.each([
      ["a trailing hyphen", "vnet-"],
      ["a leading period", ".vnet"],
      ["a space", "vnet test"],
      ["65 characters", "v".repeat(65)],
    ])("a name with %s", (_, name) => {
      expect(() => network({ name })).toThrow(
        new RegExp(`^name must be 1-64 letters, digits, underscores, periods or hyphens.*; got '${name.replace(/\./g, "\\.")}'\\. \\(at test/Network\\)$`),
      );
    });

    it("a one-character name: Azure wants at least 2 for a virtual network", () => {
      expect(() => network({ name: "v" })).toThrow("name must be at least 2 characters (Azure's rule for virtual networks); got 'v'.");
    });

    it("a name too long for the NSG names derived from it", () => {
      const name = "v".repeat(59);
      expect(() => network({ name })).toThrow(
        `name must be at most 58 characters: the network security groups are named 'nsg-<name>-<role>' and Azure caps NSG names at 80; got '${name}' (59 characters).`,
      );
    });
  });
});

describe("ClusterNetwork placement, as every Azure construct checks it", () => {
  it.each<[Partial<ClusterNetworkProps>, RegExp]>([
    [{ resourceGroupName: "rg-(bad." }, /^resourceGroupName must be 1-90 letters/],
    [{ location: "west-europe" }, /^location must be an Azure region name such as 'westeurope'/],
    [{ tags: { "a<b": "x" } }, /^tags tag name 'a<b' must be 1-128 characters/],
  ])("refuses %j", (props, message) => {
    expect(() => network(props)).toThrow(message);
  });
});

describe("ClusterNetwork.fromExisting", () => {
  const ids = {
    virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet",
    systemNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/system",
    userNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/user",
  };

  it("returns the given ids and creates nothing", () => {
    const stack = testStack();
    const before = stack.node.findAll().length;
    const existing = ClusterNetwork.fromExisting({ ...ids, privateEndpointsSubnetId: "/pe", addressSpaces: ["10.240.0.0/16"] });
    expect(existing).toEqual({ ...ids, privateEndpointsSubnetId: "/pe", addressSpaces: ["10.240.0.0/16"] });
    expect(existing.applicationGatewaySubnetId).toBeUndefined();
    expect(existing.apiServerSubnetId).toBeUndefined();
    expect(stack.node.findAll()).toHaveLength(before);
  });

  it("passes the API server subnet id through", () => {
    const apiServerSubnetId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/api-server";
    const existing = ClusterNetwork.fromExisting({ ...ids, apiServerSubnetId });
    expect(existing.apiServerSubnetId).toBe(apiServerSubnetId);
    expect(existing).toEqual({ ...ids, apiServerSubnetId, addressSpaces: [] });
  });

  it("defaults the address spaces to none", () => {
    expect(ClusterNetwork.fromExisting(ids).addressSpaces).toEqual([]);
  });

  it("copies the address spaces, so later changes to the caller's array do not leak in", () => {
    const spaces = ["10.240.0.0/16"];
    const existing = ClusterNetwork.fromExisting({ ...ids, addressSpaces: spaces });
    spaces.push("10.0.0.0/8");
    expect(existing.addressSpaces).toEqual(["10.240.0.0/16"]);
  });

  it("accepts ids that are tokens, such as another stack's subnet ids", () => {
    const net = testNetwork(testStack());
    const existing = ClusterNetwork.fromExisting({
      virtualNetworkId: net.virtualNetworkId,
      systemNodesSubnetId: net.systemNodesSubnetId,
      userNodesSubnetId: net.userNodesSubnetId,
      addressSpaces: [new TerraformVariable(net, "space", {}).stringValue],
    });
    expect(existing.systemNodesSubnetId).toBe(net.systemNodesSubnetId);
    expect(existing.addressSpaces).toHaveLength(1);
  });

  it("treats an address space list that is a token as unknown", () => {
    const list = new TerraformVariable(testStack(), "spaces", {}).listValue;
    expect(ClusterNetwork.fromExisting({ ...ids, addressSpaces: list }).addressSpaces).toEqual([]);
  });

  it("rejects a malformed address space, which would silently skip the cluster's overlap check", () => {
    expect(() => ClusterNetwork.fromExisting({ ...ids, addressSpaces: ["10.240.0.0/16", "10.241.0.1/16"] })).toThrow(
      "ClusterNetwork.fromExisting: addressSpaces[1] must be an IPv4 CIDR with no host bits set; got '10.241.0.1/16'. Did you mean '10.241.0.0/16'?",
    );
  });
});
