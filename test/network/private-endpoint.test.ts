import { TerraformOutput, TerraformVariable } from "cdktf";
import { ClusterNetwork, PrivateEndpoint, ValidationError, type PrivateEndpointProps } from "hardened-aks";
import { PLACEMENT, only, ref, resources, synth, testNetwork, testStack, type Synthesized } from "../helpers";

const VAULT = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-test";
const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke/subnets/snet-private-endpoints";
const SPOKE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke";
const HUB = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub";
const SHARED_ZONE = "/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net";

/** A Key Vault endpoint built with the given props (on top of valid defaults) in a fresh stack. */
function endpoint(props: Partial<PrivateEndpointProps> = {}) {
  const stack = testStack();
  const construct = new PrivateEndpoint(stack, "Endpoint", {
    ...PLACEMENT,
    name: "pe-kv-test",
    targetResourceId: VAULT,
    subresourceName: "vault",
    subnetId: SUBNET,
    privateDnsZoneName: "privatelink.vaultcore.azure.net",
    virtualNetworkIds: [SPOKE],
    ...props,
  });
  return { stack, construct };
}

/** Synthesizes an endpoint built with the given props. */
function synthEndpoint(props: Partial<PrivateEndpointProps> = {}): Synthesized {
  return synth(endpoint(props).stack);
}

describe("PrivateEndpoint with a created zone", () => {
  const json = synthEndpoint();

  it("puts the endpoint in the subnet, connected automatically to the service's sub-resource (SEC-2, IMG-1)", () => {
    expect(only(json, "azurerm_private_endpoint")).toEqual({
      name: "pe-kv-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      subnet_id: SUBNET,
      private_service_connection: {
        name: "pe-kv-test-connection",
        private_connection_resource_id: VAULT,
        subresource_names: ["vault"],
        is_manual_connection: false,
      },
      private_dns_zone_group: { name: "default", private_dns_zone_ids: [ref(json, "azurerm_private_dns_zone")] },
    });
  });

  it("creates the private DNS zone named as given", () => {
    expect(only(json, "azurerm_private_dns_zone")).toEqual({ name: "privatelink.vaultcore.azure.net", resource_group_name: "rg-test" });
  });

  it("links the zone to the network without auto-registration", () => {
    expect(only(json, "azurerm_private_dns_zone_virtual_network_link")).toEqual({
      name: "pe-kv-test-link-0",
      resource_group_name: "rg-test",
      private_dns_zone_name: ref(json, "azurerm_private_dns_zone", "name"),
      virtual_network_id: SPOKE,
      registration_enabled: false,
    });
  });

  it("creates nothing else", () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      "azurerm_private_dns_zone",
      "azurerm_private_dns_zone_virtual_network_link",
      "azurerm_private_endpoint",
    ]);
  });

  it("links the zone to every network given, once each", () => {
    const links = resources(synthEndpoint({ virtualNetworkIds: [SPOKE, HUB, SPOKE] }), "azurerm_private_dns_zone_virtual_network_link");
    expect(links.map((l) => [l.name, l.virtual_network_id])).toEqual([
      ["pe-kv-test-link-0", SPOKE],
      ["pe-kv-test-link-1", HUB],
    ]);
  });

  it("creates the zone but no link when no network is given", () => {
    const none = synthEndpoint({ virtualNetworkIds: undefined });
    expect(resources(none, "azurerm_private_dns_zone")).toHaveLength(1);
    expect(resources(none, "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(0);
  });

  it("exposes the created zone, its id and its links", () => {
    const { stack, construct } = endpoint();
    expect(construct.dnsZone).toBeDefined();
    expect(construct.dnsZoneLinks).toHaveLength(1);
    new TerraformOutput(stack, "zone", { value: construct.privateDnsZoneId });
    const out = synth(stack);
    expect(out.output.zone.value).toBe(ref(out, "azurerm_private_dns_zone"));
  });

  it("tags the endpoint, the zone and the links", () => {
    const tagged = synthEndpoint({ tags: { env: "prod" } });
    for (const type of ["azurerm_private_endpoint", "azurerm_private_dns_zone", "azurerm_private_dns_zone_virtual_network_link"]) {
      expect(only(tagged, type).tags).toEqual({ env: "prod" });
    }
  });

  it("uses a cluster network's endpoints subnet and VNet by reference", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    new PrivateEndpoint(stack, "Endpoint", {
      ...PLACEMENT,
      name: "pe-kv-test",
      targetResourceId: VAULT,
      subresourceName: "vault",
      subnetId: network.privateEndpointsSubnetId,
      privateDnsZoneName: "privatelink.vaultcore.azure.net",
      virtualNetworkIds: [network.virtualNetworkId],
    });
    const out = synth(stack);
    const subnetIds = Object.fromEntries(Object.entries(out.resource.azurerm_subnet).map(([id, s]) => [s.name, `\${azurerm_subnet.${id}.id}`]));
    expect(only(out, "azurerm_private_endpoint").subnet_id).toBe(subnetIds["snet-private-endpoints"]);
    expect(only(out, "azurerm_private_dns_zone_virtual_network_link").virtual_network_id).toBe(ref(out, "azurerm_virtual_network"));
  });
});

describe("PrivateEndpoint with an existing zone", () => {
  const { construct, stack } = endpoint({ privateDnsZoneId: SHARED_ZONE, virtualNetworkIds: [SPOKE, HUB] });
  const json = synth(stack);

  it("registers the endpoint in that zone", () => {
    expect(only(json, "azurerm_private_endpoint").private_dns_zone_group).toEqual({ name: "default", private_dns_zone_ids: [SHARED_ZONE] });
    expect(construct.privateDnsZoneId).toBe(SHARED_ZONE);
  });

  it("creates no zone and no link: the zone's owner links it", () => {
    expect(resources(json, "azurerm_private_dns_zone")).toHaveLength(0);
    expect(resources(json, "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(0);
    expect(construct.dnsZone).toBeUndefined();
    expect(construct.dnsZoneLinks).toEqual([]);
  });
});

describe("PrivateEndpoint rejects", () => {
  it("a missing subnet, naming the prop, the endpoint and how to get a subnet", () => {
    expect(() => endpoint({ subnetId: undefined })).toThrow(
      "subnetId is required for the private endpoint 'pe-kv-test'; got undefined. Pass the network's privateEndpointsSubnetId (ClusterNetwork creates one; with ClusterNetwork.fromExisting, set privateEndpointsSubnetId).",
    );
    expect(() => endpoint({ subnetId: undefined })).toThrow(ValidationError);
  });

  it("the missing subnet of a brought network without an endpoints subnet", () => {
    const existing = ClusterNetwork.fromExisting({ virtualNetworkId: SPOKE, systemNodesSubnetId: `${SPOKE}/subnets/a`, userNodesSubnetId: `${SPOKE}/subnets/b` });
    expect(() => endpoint({ subnetId: existing.privateEndpointsSubnetId })).toThrow(/subnetId is required .*\(at test\/Endpoint\)$/);
  });

  it("a network list that is a token as a whole, when a zone is created", () => {
    const stack = testStack();
    const networks = new TerraformVariable(stack, "networks", { type: "list(string)" });
    const props = {
      ...PLACEMENT,
      name: "pe-kv-test",
      targetResourceId: VAULT,
      subresourceName: "vault",
      subnetId: SUBNET,
      privateDnsZoneName: "privatelink.vaultcore.azure.net",
      virtualNetworkIds: networks.listValue,
    };
    expect(() => new PrivateEndpoint(stack, "Endpoint", props)).toThrow(/virtualNetworkIds must be a list written in the code/);
    expect(() => new PrivateEndpoint(stack, "Shared", { ...props, privateDnsZoneId: SHARED_ZONE })).not.toThrow();
  });
});
