import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { ClusterEncryption, Deployer, DeployerPrincipal, EnvironmentState, HardenedPlatform, PlatformEnvironments, ValidationError, type HardenedPlatformProps } from "hardened-aks";
import { WORKSPACE_ID, only, resources, synth } from "../helpers";
import { RUNNER_VNET, platformProps } from "./platform-props";

const SPOKE = "/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke";
const STATE = EnvironmentState.azurerm({ resourceGroupName: "rg-tfstate", storageAccountName: "sttfstate", containerName: "tfstate" });
const HUB = "/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";


function platform(overrides: Partial<HardenedPlatformProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "test");
  const built = new HardenedPlatform(stack, platformProps(overrides));
  return { stack, platform: built, json: synth(stack) };
}

describe("HardenedPlatform wires its parts", () => {
  const { platform: built, json } = platform({ workloads: { orders: { namespace: "orders", serviceAccountName: "orders-api", secrets: ["db-password"] } } });

  test("keeps the parts' addresses as the stack's own children would have them", () => {
    expect(Object.keys(json.resource.azurerm_kubernetes_cluster)).toEqual(["Cluster_EB0386A7"]);
    expect(Object.keys(json.resource.azurerm_resource_group)).toEqual(["ResourceGroup"]);
    expect(Object.keys(json.resource.azurerm_key_vault)).toEqual(["Vault_23237E5B"]);
  });

  test("peers the hub with the spoke both ways and makes the cluster wait for it", () => {
    const ids = Object.keys(json.resource.azurerm_virtual_network_peering).filter((id) => id.startsWith("EgressFirewall_"));
    expect(ids).toHaveLength(2);
    expect(only(json, "azurerm_kubernetes_cluster").depends_on).toEqual(expect.arrayContaining(ids.map((id) => `azurerm_virtual_network_peering.${id}`)));
    expect(built.hubPeerings).toHaveLength(2);
  });

  test("routes both node subnets to the firewall", () => {
    expect(only(json, "azurerm_route_table").route[0].next_hop_in_ip_address).toBe("${azurerm_firewall.EgressFirewall_93D29F62.ip_configuration[0].private_ip_address}");
    expect(resources(json, "azurerm_subnet_route_table_association")).toHaveLength(2);
  });

  test("grants the kubelet AcrPull on the registry", () => {
    expect(resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "AcrPull")).toEqual([
      expect.objectContaining({ scope: "${azurerm_container_registry.Registry_4DB9CCA5.id}", principal_id: expect.stringContaining("Cluster_KubeletIdentity") }),
    ]);
  });

  test("lets the deployer list the vault's secret names (the named-secret check at every plan), without a principal type it does not know", () => {
    const readers = resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "Key Vault Reader");
    expect(readers).toEqual([expect.objectContaining({ scope: "${azurerm_key_vault.Vault_23237E5B.id}", principal_id: "${data.azurerm_client_config.Deployer.object_id}" })]);
    expect(readers[0]).not.toHaveProperty("principal_type");
    const none = platform().json;
    expect(resources(none, "azurerm_role_assignment").filter((r) => r.role_definition_name === "Key Vault Reader")).toEqual([]);
  });

  test("grants the deployer key administration on the vault before any key", () => {
    const officer = resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "Key Vault Crypto Officer");
    expect(officer).toEqual([expect.objectContaining({ principal_id: "${data.azurerm_client_config.Deployer.object_id}" })]);
    for (const key of resources(json, "azurerm_key_vault_key")) {
      expect(key.depends_on).toEqual(expect.arrayContaining(["azurerm_role_assignment.Vault_KeyAdministration_CA109B62"]));
    }
  });

  test("connects the deployer's runner network with the spoke, the hub and every private DNS zone", () => {
    const links = resources(json, "azurerm_private_dns_zone_virtual_network_link").filter((l) => l.virtual_network_id === RUNNER_VNET);
    expect(links.map((l) => l.private_dns_zone_name.split(".")[1]).sort()).toEqual([
      "Cluster_ApiServerDnsZone_464FA0E0",
      "Prometheus_PrivateEndpoint_DnsZone_EF8A858C",
      "Registry_PrivateEndpoint_DnsZone_19AB9393",
      "Vault_PrivateEndpoint_DnsZone_E4C05202",
    ]);
    const toRunner = resources(json, "azurerm_virtual_network_peering").filter((p) => p.remote_virtual_network_id === RUNNER_VNET);
    expect(toRunner.map((p) => p.virtual_network_name).sort()).toEqual(["${azurerm_virtual_network.EgressFirewall_HubNetwork_4DB812EA.name}", "${azurerm_virtual_network.Network_1C6012B5.name}"]);
  });

  test("writes the keys only after the runner's peerings and DNS links exist (its line of sight on the first apply)", () => {
    const sight = [
      ...Object.keys(json.resource.azurerm_virtual_network_peering).filter((k) => k.startsWith("Deployer-")).map((k) => `azurerm_virtual_network_peering.${k}`),
      ...Object.keys(json.resource.azurerm_private_dns_zone_virtual_network_link).filter((k) => k.startsWith("Deployer-")).map((k) => `azurerm_private_dns_zone_virtual_network_link.${k}`),
    ];
    // Four peerings (both ways with the spoke and the hub), and a link to each of the four zones (API server, Prometheus, registry, vault).
    expect(sight).toHaveLength(8);
    for (const key of resources(json, "azurerm_key_vault_key")) expect(key.depends_on).toEqual(expect.arrayContaining(sight));
  });

  test("creates each workload's identity, federated with its service account, reading only its secrets", () => {
    expect(built.workloads.orders.subject).toBe("system:serviceaccount:orders:orders-api");
    const identity = Object.entries(json.resource.azurerm_user_assigned_identity as Record<string, any>).find(([id]) => id.startsWith("OrdersIdentity_"));
    expect(identity?.[1].name).toBe("id-orders-api");
    expect(only(json, "azurerm_federated_identity_credential").subject).toBe("system:serviceaccount:orders:orders-api");
    const reads = resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "Key Vault Secrets User");
    expect(reads).toEqual([expect.objectContaining({ scope: expect.stringMatching(/\/secrets\/db-password$/) })]);
  });
});

describe("HardenedPlatform takes what the user brings", () => {
  test("an existing resource group, by name: none is created", () => {
    const { json } = platform({ resourceGroup: { name: "rg-shared", existing: true } });
    expect(json.resource.azurerm_resource_group).toBeUndefined();
    expect(only(json, "azurerm_kubernetes_cluster").resource_group_name).toBe("rg-shared");
  });

  test("an existing workspace: none is created and the cluster logs there", () => {
    const { json } = platform({ monitoring: { existingWorkspaceId: WORKSPACE_ID } });
    expect(json.resource.azurerm_log_analytics_workspace).toBeUndefined();
    expect(only(json, "azurerm_kubernetes_cluster").oms_agent.log_analytics_workspace_id).toBe(WORKSPACE_ID);
  });

  test("an existing network and hub: peered both ways, egress to the given firewall IP", () => {
    const { platform: built, json } = platform({
      addressPlan: { spoke: "10.50.0.0/16" },
      network: {
        existing: {
          virtualNetworkId: SPOKE,
          virtualNetworkName: "vnet-spoke",
          resourceGroupName: "rg-net",
          systemNodesSubnetId: `${SPOKE}/subnets/system`,
          userNodesSubnetId: `${SPOKE}/subnets/user`,
          applicationGatewaySubnetId: `${SPOKE}/subnets/agw`,
          privateEndpointsSubnetId: `${SPOKE}/subnets/pe`,
          apiServerSubnetId: `${SPOKE}/subnets/api`,
        },
      },
      hub: { existing: { firewallPrivateIp: "10.0.1.4", virtualNetworkId: HUB, virtualNetworkName: "vnet-hub", resourceGroupName: "rg-hub" } },
    });
    expect(built.firewall).toBeUndefined();
    expect(json.resource.azurerm_virtual_network).toBeUndefined();
    expect(only(json, "azurerm_route_table").route[0].next_hop_in_ip_address).toBe("10.0.1.4");
    expect(json.resource.azurerm_virtual_network_peering.SpokeToHub).toMatchObject({ virtual_network_name: "vnet-spoke", remote_virtual_network_id: HUB, allow_forwarded_traffic: true });
    expect(json.resource.azurerm_virtual_network_peering.HubToSpoke).toMatchObject({ virtual_network_name: "vnet-hub", remote_virtual_network_id: SPOKE, allow_forwarded_traffic: true });
    expect(only(json, "azurerm_kubernetes_cluster").depends_on).toEqual(
      expect.arrayContaining(["azurerm_virtual_network_peering.SpokeToHub", "azurerm_virtual_network_peering.HubToSpoke"]),
    );
    // The runner needs the spoke's private endpoints only; the hub is another team's network.
    const toRunner = resources(json, "azurerm_virtual_network_peering").filter((p) => p.remote_virtual_network_id === RUNNER_VNET);
    expect(toRunner.map((p) => p.virtual_network_name)).toEqual(["vnet-spoke"]);
  });

  test("a deployer with a stated principal: its object id and principal type on the key administration", () => {
    const deployer = Deployer.runnerInNetwork({ virtualNetworkId: RUNNER_VNET, principal: DeployerPrincipal.group("44444444-4444-4444-4444-444444444444") });
    const { json } = platform({ deployer });
    const officer = resources(json, "azurerm_role_assignment").find((r) => r.role_definition_name === "Key Vault Crypto Officer");
    expect(officer).toMatchObject({ principal_id: "44444444-4444-4444-4444-444444444444", principal_type: "Group" });
    expect(json.data?.azurerm_client_config).toBeUndefined();
  });

  test("a public-IP deployer (a trial): the registry and the vault allow exactly its ranges, and no runner network is connected", () => {
    const deployer = Deployer.publicIpRanges(["203.0.113.7"], { reason: "Trial from a laptop before the CI runners exist." });
    const { json } = platform({ deployer, cluster: { encryption: ClusterEncryption.platformManagedKeys() } });
    expect(only(json, "azurerm_container_registry")).toMatchObject({
      public_network_access_enabled: true,
      network_rule_set: [expect.objectContaining({ default_action: "Deny", ip_rule: [expect.objectContaining({ ip_range: "203.0.113.7/32" })] })],
    });
    expect(only(json, "azurerm_key_vault").network_acls).toEqual(expect.objectContaining({ default_action: "Deny", ip_rules: ["203.0.113.7"] }));
    expect(Object.keys(json.resource.azurerm_virtual_network_peering).filter((k) => k.startsWith("Deployer-"))).toEqual([]);
  });

  test("each part's props adjusted through the platform's props", () => {
    const { json } = platform({ cluster: { skuTier: "Premium" }, ingress: { maxCapacity: 4 }, hub: { firewall: { withoutIntrusionDetection: { reason: "development environment, no IDPS" } } }, monitoring: { retentionInDays: 365 } });
    expect(only(json, "azurerm_kubernetes_cluster").sku_tier).toBe("Premium");
    expect(only(json, "azurerm_application_gateway").autoscale_configuration.max_capacity).toBe(4);
    expect(only(json, "azurerm_firewall").sku_tier).toBe("Standard");
    expect(only(json, "azurerm_log_analytics_workspace").retention_in_days).toBe(365);
  });
});

describe("HardenedPlatform rejects bad input", () => {
  const cases: Array<[string, Partial<HardenedPlatformProps>, RegExp]> = [
    ["a name with capitals", { name: "Prod" }, /name must be 1-17 lowercase letters or digits.*got 'Prod'/],
    ["a tenant id that is not a GUID", { tenantId: "my-tenant" }, /tenantId must be a GUID.*got 'my-tenant'/],
    ["no admin group", { adminGroupObjectIds: [] }, /adminGroupObjectIds must not be empty/],
    ["an admin group that is not a GUID", { adminGroupObjectIds: ["admins"] }, /adminGroupObjectIds\[0\] must be a GUID/],
    ["a spoke that is not a CIDR", { addressPlan: { spoke: "10.240.0.0", hub: "10.200.0.0/24" } }, /addressPlan\.spoke must be an IPv4 CIDR/],
    ["no hub range and no existing hub", { addressPlan: { spoke: "10.240.0.0/16" } }, /addressPlan\.hub is missing: .*pass hub\.existing/],
    ["a workload key that is not a label", { workloads: { Orders: { namespace: "orders", serviceAccountName: "api" } } }, /workloads\.Orders must be a short lowercase key/],
  ];
  test.each(cases)("rejects %s", (_name, overrides, message) => {
    const stack = new TerraformStack(Testing.app(), "test");
    expect(() => new HardenedPlatform(stack, platformProps(overrides))).toThrow(message);
    expect(() => new HardenedPlatform(new TerraformStack(Testing.app(), "test"), platformProps(overrides))).toThrow(ValidationError);
  });

  test("rejects a second platform in the same stack, naming the fix", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new HardenedPlatform(stack, platformProps());
    expect(() => new HardenedPlatform(stack, platformProps({ name: "other" }))).toThrow(/stack 'test' already has a platform.*its own stack/);
  });
});

describe("HardenedPlatform in PlatformEnvironments", () => {
  const build = (parityExceptions: { resource: string; attribute: string; reason: string }[]) => {
    const app = Testing.app();
    new PlatformEnvironments(app, {
      environments: [
        { name: "dev", addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" }, sizing: {}, state: STATE },
        { name: "prod", addressPlan: { spoke: "10.242.0.0/16", hub: "10.200.2.0/24" }, sizing: {}, state: STATE },
      ],
      define: (env) => {
        new HardenedPlatform(env.stack("platform"), platformProps({
            name: env.name,
            addressPlan: env.addressPlan,
            // Each environment deploys from its own runner network (one network cannot be linked to two zones of one name).
            deployer: Deployer.runnerInNetwork({ virtualNetworkId: `${RUNNER_VNET}-${env.name}` }),
            cluster: { skuTier: env.name === "dev" ? "Free" : "Standard" },
          }));
      },
      parityExceptions,
    });
    return app;
  };

  test("names a difference by the path a stack built by hand has, and accepts the exception under that name", () => {
    const app = build([]);
    expect(() => app.synth()).toThrow(/Cluster\/Resource.*sku_tier/);
    expect(() => app.synth()).not.toThrow(/Default\/Cluster/);
    // The Free tier has no cost analysis (MON-5): that difference follows from the tier, and is accepted with it.
    const freeTier = [
      { resource: "Cluster/Resource", attribute: "sku_tier", reason: "No paid SLA tier in dev." },
      { resource: "Cluster/Resource", attribute: "cost_analysis_enabled", reason: "AKS has no cost analysis on the Free tier." },
    ];
    expect(() => build(freeTier).synth()).not.toThrow();
  });
});

describe("HardenedPlatform's defaults", () => {
  test("a part's prop given as undefined keeps the platform's default", () => {
    const { json } = platform({ cluster: { userPools: undefined, name: undefined }, registry: { name: undefined } });
    expect(only(json, "azurerm_kubernetes_cluster").name).toBe("aks-test");
    expect(only(json, "azurerm_kubernetes_cluster_node_pool")).toMatchObject({ name: "apps", vm_size: "Standard_D4ds_v5" });
    expect(only(json, "azurerm_container_registry").name).toBe("crakstest");
  });
});

describe("HardenedPlatform in PlatformEnvironments, with environment names found inside ordinary words", () => {
  // "latest", "westeurope", "northeurope", "AzureActiveDirectory", "Standard_D4ds_v5", "fe00::":
  // parity replaces an environment's name only where it is a word of its own.
  const build = (name: string, skuTier: "Free" | "Standard" = "Standard") => {
    const app = Testing.app();
    new PlatformEnvironments(app, {
      environments: [
        { name, addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" }, sizing: {}, state: STATE },
        { name: "prod", addressPlan: { spoke: "10.242.0.0/16", hub: "10.200.2.0/24" }, sizing: {}, state: STATE },
      ],
      define: (env) => {
        new HardenedPlatform(
          env.stack("platform"),
          platformProps({
            name: env.name,
            addressPlan: env.addressPlan,
            deployer: Deployer.runnerInNetwork({ virtualNetworkId: `${RUNNER_VNET}-${env.name}` }),
            cluster: { skuTier: env.name === "prod" ? "Standard" : skuTier },
          }),
        );
      },
    });
    return app;
  };

  test.each(["test", "west", "eu", "ad", "a", "e0"])("identical environments '%s' and 'prod' pass parity", (name) => {
    expect(() => build(name).synth()).not.toThrow();
  });

  test.each(["test", "west"])("a real difference between '%s' and 'prod' still fails", (name) => {
    expect(() => build(name, "Free").synth()).toThrow(new RegExp(`Cluster/Resource \\(azurerm_kubernetes_cluster\\) sku_tier: ${name}="Free", prod="Standard"`));
  });
});

describe("HardenedPlatform bad input", () => {
  test.each(["virtualNetworkName", "resourceGroupName", "firewallPrivateIp", "virtualNetworkId"] as const)(
    "a brought hub without %s is named as written, before a peering is written with nothing in it",
    (field) => {
      const HUB_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub";
      const existing: Record<string, string> = { firewallPrivateIp: "10.200.0.4", virtualNetworkId: HUB_ID, virtualNetworkName: "vnet-hub", resourceGroupName: "rg-hub" };
      delete existing[field];
      const stack = new TerraformStack(Testing.app(), "test");
      expect(() => new HardenedPlatform(stack, platformProps({ hub: { existing: existing as any } }))).toThrow(
        new RegExp(`^hub\\.existing\\.${field} is required and must be a non-empty string`),
      );
    },
  );

  test("a spoke on the default service range is named as the platform's props, not the cluster's", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    expect(() => new HardenedPlatform(stack, platformProps({ addressPlan: { spoke: "10.0.0.0/16", hub: "10.200.0.0/24" } }))).toThrow(
      /^cluster\.serviceCidr '10\.0\.0\.0\/16' \(the default\) overlaps addressPlan\.spoke '10\.0\.0\.0\/16': .* \(at test\/Default\)$/,
    );
  });

  type Loose = any;
  const build = (props: Loose) => () => new HardenedPlatform(new TerraformStack(Testing.app(), "test"), props);
  const EXISTING_HUB = { firewallPrivateIp: "10.200.0.4", virtualNetworkId: HUB, virtualNetworkName: "vnet-hub", resourceGroupName: "rg-hub" };

  test.each<[string, Loose, RegExp]>([
    ["no props", undefined, /^HardenedPlatform props is required and must be an object/],
    ["no name", { ...platformProps(), name: undefined }, /^name is required and must be a non-empty string, e\.g\. 'prod'; got nothing \(the prop is missing\)/],
    ["a null location", { ...platformProps(), location: null }, /^location is required and must be a non-empty string, e\.g\. 'westeurope'; got null/],
    ["a tenantId that is a number", { ...platformProps(), tenantId: 7 }, /^tenantId is required and must be a non-empty string.*; got 7/],
    ["adminGroupObjectIds as one string", { ...platformProps(), adminGroupObjectIds: "11111111-1111-1111-1111-111111111111" }, /^adminGroupObjectIds is required and must be an array/],
    ["an admin group id that is a number", { ...platformProps(), adminGroupObjectIds: [1] }, /^adminGroupObjectIds\[0\] is required and must be a non-empty string/],
    ["no addressPlan", { ...platformProps(), addressPlan: undefined }, /^addressPlan is required and must be an object, e\.g\. \{ spoke: '10\.240\.0\.0\/16', hub: '10\.200\.0\.0\/24' \}; got nothing/],
    ["an addressPlan without a spoke", { ...platformProps(), addressPlan: { hub: "10.200.0.0/24" } }, /^addressPlan\.spoke is required and must be a non-empty string/],
    ["no deployer", { ...platformProps(), deployer: undefined }, /^deployer is required and must be a Deployer, e\.g\. Deployer\.runnerInNetwork/],
    ["a deployer given as its options", { ...platformProps(), deployer: { virtualNetworkId: RUNNER_VNET } }, /^deployer is required and must be a Deployer.*got \{"virtualNetworkId"/],
    ["cluster given as a string", { ...platformProps(), cluster: "aks-prod" }, /^cluster is required and must be an object/],
    ["a workload without a service account", { ...platformProps(), workloads: { orders: { namespace: "orders" } } }, /^workloads\.orders\.serviceAccountName is required and must be a non-empty string/],
  ])("a JavaScript caller with %s gets a ValidationError naming that prop, not a derived one", (_what, props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test.each<[string, Partial<HardenedPlatformProps>, RegExp]>([
    ["a location with punctuation", { location: "west_europe" }, /^location must be an Azure region name such as 'westeurope' \(or 'West Europe'\); got 'west_europe'/],
    ["a tag name Azure refuses", { tags: { "a<b": "x" } }, /^tags tag name 'a<b' must be 1-128 characters/],
    ["a resource group name ending with a period", { resourceGroup: { name: "rg-aks." } }, /^resourceGroup\.name must be 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period/],
    ["a name with capitals", { name: "Prod" }, /^name must be 1-17 lowercase letters or digits starting with a letter .*; got 'Prod'/],
  ])("rejects %s", (_what, overrides, message) => {
    expect(build(platformProps(overrides))).toThrow(message);
  });

  test.each<[string, Partial<HardenedPlatformProps>]>([
    ["a portal-form location", { location: "West Europe" }],
    ["tags", { tags: { team: "platform" } }],
    ["an existing resource group with parentheses", { resourceGroup: { name: "rg-(aks)-prod", existing: true } }],
  ])("accepts %s", (_what, overrides) => {
    expect(build(platformProps(overrides))).not.toThrow();
  });

  test.each<[string, Partial<HardenedPlatformProps>, RegExp]>([
    ["cluster.kubernetesVersion", { cluster: { kubernetesVersion: "latest" } }, /^cluster\.kubernetesVersion must be a Kubernetes version as MAJOR\.MINOR/],
    ["cluster.userPools.<name>.zones", { cluster: { userPools: { batch: { vmSize: "Standard_D4ds_v5", zones: ["4"] } } } }, /^cluster\.userPools\.batch\.zones /],
    ["vault.softDeleteRetentionDays", { vault: { softDeleteRetentionDays: 3 } }, /^vault\.softDeleteRetentionDays must be a whole number from 7 to 90/],
    ["vault.name", { vault: { name: "kv--prod" } }, /^vault\.name must be 3-24 letters, digits or hyphens/],
  ])("a part's error names %s as the platform's caller wrote it", (_what, overrides, message) => {
    expect(build(platformProps(overrides))).toThrow(ValidationError);
    expect(build(platformProps(overrides))).toThrow(message);
  });

  test("an error about what the platform derived is not put under the part's prop", () => {
    // The vault's name is derived from the platform's name; the caller gave vault.tags only.
    expect(build(platformProps({ vault: { tags: { team: "platform" } } }))).not.toThrow();
    expect(build(platformProps({ vault: { tags: { "a/b": "x" } } }))).toThrow(/^vault\.tags tag name 'a\/b'/);
  });

  test("a name from a Terraform variable is passed through whole, never cut, also into the peerings' names", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const name = new TerraformVariable(stack, "platformName", { type: "string" }).stringValue;
    new HardenedPlatform(stack, platformProps({ name, hub: { existing: EXISTING_HUB } }));
    const json = synth(stack);
    expect(only(json, "azurerm_kubernetes_cluster").name).toBe("aks-${var.platformName}");
    expect(resources(json, "azurerm_virtual_network_peering").map((p) => p.name)).toEqual(
      expect.arrayContaining(["peer-aks-${var.platformName}-to-hub", "peer-hub-to-aks-${var.platformName}"]),
    );
  });

  test("a location from a Terraform variable synthesizes: the firewall's regional FQDNs become Terraform expressions, never sliced", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const location = new TerraformVariable(stack, "location", { type: "string" }).stringValue;
    new HardenedPlatform(stack, platformProps({ location }));
    const json = synth(stack);
    expect(only(json, "azurerm_kubernetes_cluster").location).toBe("${var.location}");
    expect(JSON.stringify(json.resource.azurerm_firewall_policy_rule_collection_group)).toContain("var.location");
  });

  test("with a brought hub, a location from a Terraform variable passes through unchecked", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const location = new TerraformVariable(stack, "location", { type: "string" }).stringValue;
    new HardenedPlatform(stack, platformProps({ location, hub: { existing: EXISTING_HUB } }));
    expect(only(synth(stack), "azurerm_kubernetes_cluster").location).toBe("${var.location}");
  });
});
