import { TerraformOutput, TerraformVariable } from "cdktf";
import { ClusterNetwork, Principal, PrivateRegistry, ValidationError, type PrivateRegistryProps } from "hardened-aks";
import { REGISTRY_PRIVATE_DNS_ZONE } from "../../lib/registry/private-registry";
import { PLACEMENT, only, ref, resources, synth, testCluster, testNetwork, testStack, type Synthesized } from "../helpers";

const SUBNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke/subnets/snet-private-endpoints";
const SPOKE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke";
const HUB = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub";
const SHARED_ZONE = "/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io";
const KUBELET = "22222222-2222-2222-2222-222222222222";

/** A registry built with the given props (on top of valid defaults) in a fresh stack. */
function registry(props: Partial<PrivateRegistryProps> = {}) {
  const stack = testStack();
  const construct = new PrivateRegistry(stack, "Registry", {
    ...PLACEMENT,
    name: "acrtest01",
    privateEndpointSubnetId: SUBNET,
    virtualNetworkIds: [SPOKE],
    ...props,
  });
  return { stack, construct };
}

/** Synthesizes a registry built with the given props. */
function synthRegistry(props: Partial<PrivateRegistryProps> = {}): Synthesized {
  return synth(registry(props).stack);
}

describe("PrivateRegistry defaults (IMG-1)", () => {
  const json = synthRegistry();

  it("creates a Premium registry with admin user, anonymous pull, public access and export off, protected from destroy", () => {
    expect(only(json, "azurerm_container_registry")).toEqual({
      name: "acrtest01",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku: "Premium",
      admin_enabled: false,
      anonymous_pull_enabled: false,
      public_network_access_enabled: false,
      export_policy_enabled: false,
      network_rule_bypass_option: "AzureServices",
      data_endpoint_enabled: true,
      zone_redundancy_enabled: true,
      retention_policy_in_days: 7,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("reaches the registry only through a private endpoint on its 'registry' sub-resource", () => {
    expect(only(json, "azurerm_private_endpoint")).toEqual({
      name: "pe-acrtest01",
      resource_group_name: "rg-test",
      location: "westeurope",
      subnet_id: SUBNET,
      private_service_connection: {
        name: "pe-acrtest01-connection",
        private_connection_resource_id: ref(json, "azurerm_container_registry"),
        subresource_names: ["registry"],
        is_manual_connection: false,
      },
      private_dns_zone_group: { name: "default", private_dns_zone_ids: [ref(json, "azurerm_private_dns_zone")] },
    });
  });

  it("resolves the registry privately in the given networks through privatelink.azurecr.io", () => {
    expect(REGISTRY_PRIVATE_DNS_ZONE).toBe("privatelink.azurecr.io");
    expect(only(json, "azurerm_private_dns_zone")).toEqual({ name: "privatelink.azurecr.io", resource_group_name: "rg-test" });
    expect(only(json, "azurerm_private_dns_zone_virtual_network_link")).toEqual({
      name: "pe-acrtest01-link-0",
      resource_group_name: "rg-test",
      private_dns_zone_name: ref(json, "azurerm_private_dns_zone", "name"),
      virtual_network_id: SPOKE,
      registration_enabled: false,
    });
  });

  it("grants nobody anything until asked", () => {
    expect(resources(json, "azurerm_role_assignment")).toEqual([]);
  });

  it("exposes the registry id and login server", () => {
    const { stack, construct } = registry();
    new TerraformOutput(stack, "id", { value: construct.registryId });
    new TerraformOutput(stack, "server", { value: construct.loginServer });
    const out = synth(stack);
    expect(out.output.id.value).toBe(ref(out, "azurerm_container_registry"));
    expect(out.output.server.value).toBe(ref(out, "azurerm_container_registry", "login_server"));
  });
});

describe("PrivateRegistry options", () => {
  it("keeps untagged manifests as many days as asked, 0 to 365", () => {
    expect(only(synthRegistry({ untaggedRetentionDays: 0 }), "azurerm_container_registry").retention_policy_in_days).toBe(0);
    expect(only(synthRegistry({ untaggedRetentionDays: 365 }), "azurerm_container_registry").retention_policy_in_days).toBe(365);
  });

  it("turns zone redundancy off only when asked", () => {
    expect(only(synthRegistry({ zoneRedundancyEnabled: false }), "azurerm_container_registry").zone_redundancy_enabled).toBe(false);
  });

  it("links the created zone to every network given", () => {
    const links = resources(synthRegistry({ virtualNetworkIds: [SPOKE, HUB] }), "azurerm_private_dns_zone_virtual_network_link");
    expect(links.map((l) => l.virtual_network_id)).toEqual([SPOKE, HUB]);
  });

  it("registers the endpoint in an existing zone, creating no zone and no link", () => {
    const json = synthRegistry({ privateDnsZoneId: SHARED_ZONE, virtualNetworkIds: [] });
    expect(only(json, "azurerm_private_endpoint").private_dns_zone_group).toEqual({ name: "default", private_dns_zone_ids: [SHARED_ZONE] });
    expect(resources(json, "azurerm_private_dns_zone")).toHaveLength(0);
    expect(resources(json, "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(0);
  });

  it("tags the registry, endpoint, zone and link", () => {
    const json = synthRegistry({ tags: { env: "prod" } });
    for (const type of ["azurerm_container_registry", "azurerm_private_endpoint", "azurerm_private_dns_zone", "azurerm_private_dns_zone_virtual_network_link"]) {
      expect(only(json, type).tags).toEqual({ env: "prod" });
    }
  });

  it("uses a cluster network's endpoints subnet and VNet by reference", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    new PrivateRegistry(stack, "Registry", {
      ...PLACEMENT,
      name: "acrtest01",
      privateEndpointSubnetId: network.privateEndpointsSubnetId,
      virtualNetworkIds: [network.virtualNetworkId],
    });
    const json = synth(stack);
    const subnetIds = Object.fromEntries(Object.entries(json.resource.azurerm_subnet).map(([id, s]) => [s.name, `\${azurerm_subnet.${id}.id}`]));
    expect(only(json, "azurerm_private_endpoint").subnet_id).toBe(subnetIds["snet-private-endpoints"]);
    expect(only(json, "azurerm_private_dns_zone_virtual_network_link").virtual_network_id).toBe(ref(json, "azurerm_virtual_network"));
  });

  it("accepts a token name and location", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "name", { type: "string" });
    const location = new TerraformVariable(stack, "location", { type: "string" });
    new PrivateRegistry(stack, "Registry", {
      resourceGroupName: "rg-test",
      location: location.stringValue,
      name: name.stringValue,
      privateEndpointSubnetId: SUBNET,
      virtualNetworkIds: [SPOKE],
    });
    const json = synth(stack);
    expect(only(json, "azurerm_container_registry")).toMatchObject({ name: "${var.name}", location: "${var.location}" });
    expect(only(json, "azurerm_private_endpoint").name).toBe("pe-${var.name}");
  });
});

describe("PrivateRegistry.grantPull", () => {
  it("gives the cluster's kubelet identity AcrPull on the registry, and nothing else", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const cluster = testCluster(stack, { network });
    const acr = new PrivateRegistry(stack, "Registry", {
      ...PLACEMENT,
      name: "acrtest01",
      privateEndpointSubnetId: network.privateEndpointsSubnetId,
      virtualNetworkIds: [network.virtualNetworkId],
    });
    acr.grantPull(cluster);
    const json = synth(stack);
    const kubelet = Object.keys(json.resource.azurerm_user_assigned_identity).find((id) => id.startsWith("Cluster_KubeletIdentity"))!;
    expect(kubelet).toBeDefined();
    const pulls = resources(json, "azurerm_role_assignment").filter((r) => r.scope === ref(json, "azurerm_container_registry"));
    expect(pulls).toEqual([
      {
        scope: ref(json, "azurerm_container_registry"),
        role_definition_name: "AcrPull",
        principal_id: `\${azurerm_user_assigned_identity.${kubelet}.principal_id}`,
        principal_type: "ServicePrincipal",
      },
    ]);
    expect(resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "AcrPull")).toHaveLength(1);
  });

  it("creates one assignment for the same identity granted twice, and returns it", () => {
    const { stack, construct } = registry();
    const first = construct.grantPull(Principal.servicePrincipal(KUBELET));
    const second = construct.grantPull(Principal.servicePrincipal(KUBELET), { id: "Again" });
    expect(second).toBe(first);
    expect(resources(synth(stack), "azurerm_role_assignment")).toHaveLength(1);
  });

  it("creates one assignment per identity for two clusters", () => {
    const { stack, construct } = registry();
    construct.grantPull(Principal.servicePrincipal(KUBELET));
    construct.grantPull(Principal.servicePrincipal("33333333-3333-3333-3333-333333333333"), { id: "StageAcrPull" });
    const json = synth(stack);
    expect(resources(json, "azurerm_role_assignment").map((r) => [r.role_definition_name, r.principal_id])).toEqual([
      ["AcrPull", KUBELET],
      ["AcrPull", "33333333-3333-3333-3333-333333333333"],
    ]);
  });
});

describe("PrivateRegistry rejects", () => {
  it.each([
    ["acr-test", "a hyphen"],
    ["acr_test", "an underscore"],
    ["acr1", "too short"],
    ["a".repeat(51), "too long"],
  ])("the name '%s' (%s), naming the prop, the value and the rule", (name) => {
    expect(() => registry({ name })).toThrow(
      `name must be 5-50 letters or digits (Azure's rule for container registries; no hyphens); got '${name}'.`,
    );
  });

  it.each([
    [{ name: "" }, "name is required and must be a non-empty string, e.g. 'craksprod'; got ''."],
    [{ name: undefined }, "name is required and must be a non-empty string, e.g. 'craksprod'; got nothing (the prop is missing)."],
    [{ resourceGroupName: undefined }, "resourceGroupName is required and must be a non-empty string, e.g. 'rg-aks-prod'; got nothing (the prop is missing)."],
    [{ location: null }, "location is required and must be a non-empty string, e.g. 'westeurope'; got null."],
    [{ virtualNetworkIds: undefined }, "virtualNetworkIds is required and must be an array, e.g. [network.virtualNetworkId]; got nothing (the prop is missing)."],
    [{ virtualNetworkIds: "/subscriptions/s/vnet" }, "virtualNetworkIds is required and must be an array, e.g. [network.virtualNetworkId]; got '/subscriptions/s/vnet'."],
    [{ privateEndpointSubnetId: 5 }, "privateEndpointSubnetId must be a non-empty string when given, e.g. network.privateEndpointsSubnetId; got 5."],
    [{ untaggedRetentionDays: "7" }, "untaggedRetentionDays must be a number; got '7'."],
    [{ zoneRedundancyEnabled: "true" }, "zoneRedundancyEnabled must be a boolean; got 'true'."],
    [{ deployerIpRanges: "203.0.113.7" }, "deployerIpRanges is required and must be an array, e.g. ['203.0.113.7']; got '203.0.113.7'."],
    [{ location: "North Europe 2!" }, "location must be an Azure region name such as 'westeurope' (or 'West Europe'); got 'North Europe 2!'."],
    [{ tags: { env: ["prod"] } }, "tags.env must be a string; got [\"prod\"]."],
  ])("the JavaScript-style value %j, naming the prop", (props, message) => {
    expect(() => registry(props as any)).toThrow(message);
  });

  it("accepts names of exactly 5 and 50 characters", () => {
    expect(() => registry({ name: "acr01" })).not.toThrow();
    expect(() => registry({ name: "A".repeat(50) })).not.toThrow();
  });

  it.each([-1, 366, 1.5])("the retention %p", (days) => {
    expect(() => registry({ untaggedRetentionDays: days })).toThrow(
      `untaggedRetentionDays must be a whole number from 0 to 365 (Azure Container Registry's retention range); got ${days}.`,
    );
  });

  it("no endpoints subnet, naming the prop and how to get one", () => {
    expect(() => registry({ privateEndpointSubnetId: undefined })).toThrow(
      "privateEndpointSubnetId is required; got undefined. The registry's public network access is off, so its private endpoint is the only way in: pass the network's privateEndpointsSubnetId (ClusterNetwork creates one; with ClusterNetwork.fromExisting, set privateEndpointsSubnetId).",
    );
  });

  it("the missing endpoints subnet of a brought network", () => {
    const existing = ClusterNetwork.fromExisting({ virtualNetworkId: SPOKE, systemNodesSubnetId: `${SPOKE}/subnets/a`, userNodesSubnetId: `${SPOKE}/subnets/b` });
    expect(() => registry({ privateEndpointSubnetId: existing.privateEndpointsSubnetId, virtualNetworkIds: [existing.virtualNetworkId] })).toThrow(
      /^privateEndpointSubnetId is required; got undefined\..*\(at test\/Registry\)$/,
    );
  });

  it("no network to link the created zone to", () => {
    expect(() => registry({ virtualNetworkIds: [] })).toThrow(
      "virtualNetworkIds must not be empty; got []. The created privatelink.azurecr.io zone resolves the registry only in the networks it is linked to: pass the cluster's network id, or give privateDnsZoneId for a zone you link yourself.",
    );
  });

  it("with a ValidationError located at the construct", () => {
    expect(() => registry({ name: "acr-test" })).toThrow(ValidationError);
    expect(() => registry({ name: "acr-test" })).toThrow(/\(at test\/Registry\)$/);
  });
});
