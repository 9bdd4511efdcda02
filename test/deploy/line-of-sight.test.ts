// The pure line-of-sight function on small Terraform JSON fixtures: one fact removed at a
// time, the verdict changes.
import { type JsonObject } from "hardened-aks";
import { lineOfSight, checkableDataPlaneResources, type ReachabilityVerdict } from "../../lib/private/deploy/line-of-sight";

const RUNNER = "/subscriptions/s/resourceGroups/rg-runners/providers/Microsoft.Network/virtualNetworks/vnet-runners";
const SPOKE_ID = "/subscriptions/s/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet-spoke";
const RG = "${azurerm_resource_group.rg.name}";

type Resources = Record<string, Record<string, Record<string, unknown> | undefined>>;

/** A vault with a key, its private endpoint in the spoke, its zone linked to the spoke and the runner, the spoke peered with the runner both ways. */
function wired(): Resources {
  return {
    azurerm_resource_group: { rg: { name: "rg-app", location: "westeurope" } },
    azurerm_virtual_network: { spoke: { name: "vnet-spoke", resource_group_name: RG } },
    azurerm_subnet: { pe: { name: "snet-pe", virtual_network_name: "${azurerm_virtual_network.spoke.name}", resource_group_name: RG } },
    azurerm_key_vault: { kv: { name: "kv-app", public_network_access_enabled: false, network_acls: { default_action: "Deny", bypass: "AzureServices" } } },
    azurerm_private_endpoint: {
      pe: {
        subnet_id: "${azurerm_subnet.pe.id}",
        private_service_connection: { private_connection_resource_id: "${azurerm_key_vault.kv.id}", subresource_names: ["vault"] },
        private_dns_zone_group: { name: "default", private_dns_zone_ids: ["${azurerm_private_dns_zone.kv.id}"] },
      },
    },
    azurerm_private_dns_zone: { kv: { name: "privatelink.vaultcore.azure.net", resource_group_name: RG } },
    azurerm_private_dns_zone_virtual_network_link: {
      spoke: { private_dns_zone_name: "${azurerm_private_dns_zone.kv.name}", resource_group_name: RG, virtual_network_id: "${azurerm_virtual_network.spoke.id}" },
      runner: { private_dns_zone_name: "${azurerm_private_dns_zone.kv.name}", resource_group_name: RG, virtual_network_id: RUNNER },
    },
    azurerm_virtual_network_peering: {
      toRunner: { virtual_network_name: "${azurerm_virtual_network.spoke.name}", resource_group_name: RG, remote_virtual_network_id: RUNNER },
      fromRunner: { virtual_network_name: "vnet-runners", resource_group_name: "rg-runners", remote_virtual_network_id: "${azurerm_virtual_network.spoke.id}" },
    },
    azurerm_key_vault_key: { etcd: { name: "etcd", key_vault_id: "${azurerm_key_vault.kv.id}" } },
  };
}

/** The fixture with some resources removed or changed (`undefined` removes one). */
function stack(changes: Resources = {}, extra: JsonObject = {}): JsonObject {
  const resources = wired();
  for (const [type, byName] of Object.entries(changes)) {
    resources[type] = { ...(resources[type] ?? {}) };
    for (const [name, config] of Object.entries(byName)) {
      if (config === undefined) delete resources[type][name];
      else resources[type][name] = config;
    }
  }
  return { resource: resources, ...extra };
}

const runner = { kind: "network", virtualNetworkId: RUNNER } as const;

function only(verdicts: ReachabilityVerdict[]): ReachabilityVerdict {
  expect(verdicts).toHaveLength(1);
  return verdicts[0];
}

describe("line of sight from a runner in a network", () => {
  test("reaches a key through the endpoint in a VNet peered both ways, with the zone linked to the runner", () => {
    expect(only(lineOfSight(stack(), runner))).toMatchObject({
      address: "azurerm_key_vault_key.etcd",
      plane: "Key Vault data plane",
      target: "azurerm_key_vault.kv",
      status: "reachable",
      missing: [],
    });
  });

  test("a missing peering direction (runner to spoke) makes the key unreachable, naming the direction and the fix", () => {
    const verdict = only(lineOfSight(stack({ azurerm_virtual_network_peering: { fromRunner: undefined } }), runner));
    expect(verdict.status).toBe("unreachable");
    expect(verdict.missing).toEqual([
      `no private endpoint in or peered with the runner's VNet ${RUNNER}: azurerm_private_endpoint.pe is in vnet-spoke in resource group rg-app, and the peering runner → vnet-spoke in resource group rg-app is missing`,
    ]);
    expect(verdict.fix).toMatch(/^deployer\.connect\(/);
  });

  test("a missing peering the other way (spoke to runner) is named too", () => {
    const verdict = only(lineOfSight(stack({ azurerm_virtual_network_peering: { toRunner: undefined } }), runner));
    expect(verdict.missing[0]).toMatch(/the peering vnet-spoke in resource group rg-app → runner is missing$/);
  });

  test("the zone not linked to the runner's VNet makes the key unreachable", () => {
    const verdict = only(lineOfSight(stack({ azurerm_private_dns_zone_virtual_network_link: { runner: undefined } }), runner));
    expect(verdict).toMatchObject({ status: "unreachable", missing: [`zone privatelink.vaultcore.azure.net is not linked to ${RUNNER}: the runner would resolve the public address and be refused`] });
  });

  test("a runner in the endpoint's own VNet needs no peering: the VNet's literal id and the resource are the same VNet", () => {
    const noPeerings = stack({ azurerm_virtual_network_peering: { toRunner: undefined, fromRunner: undefined } });
    expect(only(lineOfSight(noPeerings, { kind: "network", virtualNetworkId: SPOKE_ID })).status).toBe("reachable");
    expect(only(lineOfSight(noPeerings, { kind: "network", virtualNetworkId: "${azurerm_virtual_network.spoke.id}" })).status).toBe("reachable");
    expect(only(lineOfSight(noPeerings, runner)).status).toBe("unreachable");
  });

  test("a vault without a private endpoint and with public access off is unreachable", () => {
    const verdict = only(lineOfSight(stack({ azurerm_private_endpoint: { pe: undefined } }), runner));
    expect(verdict.status).toBe("unreachable");
    expect(verdict.missing).toEqual(["no private endpoint connects to azurerm_key_vault.kv, and public_network_access_enabled is false"]);
  });

  test("an endpoint registered in a zone outside the app is unknown, not a failure", () => {
    const external = "/subscriptions/s/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net";
    const pe = { ...wired().azurerm_private_endpoint.pe!, private_dns_zone_group: { name: "default", private_dns_zone_ids: ["${var.zone_id}"] } };
    expect(only(lineOfSight(stack({ azurerm_private_endpoint: { pe } }), runner)).status).toBe("unknown");
    // A literal zone id of the app's own resource group is followed to the links that name it.
    const literal = { ...pe, private_dns_zone_group: { name: "default", private_dns_zone_ids: [external] } };
    const linked = stack({
      azurerm_private_endpoint: { pe: literal },
      azurerm_private_dns_zone_virtual_network_link: {
        runner: { private_dns_zone_name: "privatelink.vaultcore.azure.net", resource_group_name: "rg-dns", virtual_network_id: RUNNER },
      },
    });
    expect(only(lineOfSight(linked, runner)).status).toBe("reachable");
  });
});

describe("line of sight from public IP ranges", () => {
  const publicVault = (acls: JsonObject, enabled: unknown = true) => ({
    azurerm_key_vault: { kv: { name: "kv-app", public_network_access_enabled: enabled, network_acls: { bypass: "AzureServices", ...acls } } },
  });
  const deployer = { kind: "public", ranges: ["203.0.113.0/24", "198.51.100.7"] } as const;

  test("reaches a vault whose public endpoint denies by default and allows every declared range", () => {
    const verdict = only(lineOfSight(stack(publicVault({ default_action: "Deny", ip_rules: ["203.0.113.0/24", "198.51.100.7"] })), deployer));
    expect(verdict).toMatchObject({ status: "reachable", detail: "over its public endpoint, from 203.0.113.0/24, 198.51.100.7 only" });
  });

  test("an IP rule covering a declared range counts: 203.0.113.0/24 covers 203.0.113.0/28", () => {
    const verdict = only(lineOfSight(stack(publicVault({ default_action: "Deny", ip_rules: ["203.0.113.0/24"] })), { kind: "public", ranges: ["203.0.113.0/28"] }));
    expect(verdict.status).toBe("reachable");
  });

  test("a missing IP rule names the range", () => {
    const verdict = only(lineOfSight(stack(publicVault({ default_action: "Deny", ip_rules: ["203.0.113.0/24"] })), deployer));
    expect(verdict).toMatchObject({ status: "unreachable", missing: ["IP rule for 198.51.100.7 missing"] });
    expect(verdict.fix).toMatch(/deployerIpRanges/);
  });

  test("public network access off fails, whatever the rules", () => {
    const verdict = only(lineOfSight(stack(publicVault({ default_action: "Deny", ip_rules: ["203.0.113.0/24", "198.51.100.7"] }, false)), deployer));
    expect(verdict.missing).toEqual(["public network access is off (public_network_access_enabled = false)"]);
  });

  test("a default action of Allow fails: the vault would be open to everyone", () => {
    const verdict = only(lineOfSight(stack(publicVault({ default_action: "Allow", ip_rules: ["203.0.113.0/24", "198.51.100.7"] })), deployer));
    expect(verdict.missing).toEqual(["network_acls.default_action is 'allow': it must be 'Deny', so only the deployer's ranges get in"]);
  });
});

describe("what calls a data plane", () => {
  test("data sources that read the vault, and the disk encryption set only with auto-rotation", () => {
    const json = stack(
      {
        azurerm_disk_encryption_set: {
          rotating: { key_vault_key_id: "${azurerm_key_vault_key.etcd.versionless_id}", auto_key_rotation_enabled: true },
          pinned: { key_vault_key_id: "${azurerm_key_vault_key.etcd.id}" },
        },
      },
      {
        data: {
          azurerm_key_vault_secret: { password: { name: "db", key_vault_id: "${azurerm_key_vault.kv.id}" } },
          // The key's latest version, read through the key's own vault reference.
          azurerm_key_vault_key: { latest: { name: "${azurerm_key_vault_key.etcd.name}", key_vault_id: "${azurerm_key_vault_key.etcd.key_vault_id}" } },
        },
      },
    );
    expect(lineOfSight(json, runner).map((v) => [v.address, v.status])).toEqual([
      ["azurerm_key_vault_key.etcd", "reachable"],
      ["data.azurerm_key_vault_key.latest", "reachable"],
      ["data.azurerm_key_vault_secret.password", "reachable"],
      ["azurerm_disk_encryption_set.rotating", "reachable"],
    ]);
  });

  test("a vault outside the app (a literal id or a data source) is unknown and needs no declaration", () => {
    const json = stack({
      azurerm_key_vault_key: {
        etcd: { name: "etcd", key_vault_id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-existing" },
        other: { name: "other", key_vault_id: "${data.azurerm_key_vault.existing.id}" },
      },
    });
    expect(lineOfSight(json, runner).map((v) => v.status)).toEqual(["unknown", "unknown"]);
    expect(checkableDataPlaneResources(json)).toEqual([]);
    expect(checkableDataPlaneResources(stack())).toEqual(["azurerm_key_vault_key.etcd"]);
  });

  test("a resource that pushes to the registry is a registry data-plane client; the registry's own role assignments are not", () => {
    const json = stack({
      azurerm_container_registry: { acr: { name: "cracr", public_network_access_enabled: false } },
      azurerm_role_assignment: { pull: { scope: "${azurerm_container_registry.acr.id}", principal_id: "x", role_definition_name: "AcrPull" } },
      docker_registry_image: { app: { name: "${azurerm_container_registry.acr.login_server}/app:1.0.0" } },
    });
    const verdicts = lineOfSight(json, runner).filter((v) => v.plane === "Container Registry data plane");
    expect(verdicts).toEqual([
      expect.objectContaining({
        address: "docker_registry_image.app",
        target: "azurerm_container_registry.acr",
        status: "unreachable",
        missing: ["no private endpoint connects to azurerm_container_registry.acr, and public_network_access_enabled is false"],
      }),
    ]);
  });
});

describe("line of sight to a private API server from an in-cluster stack", () => {
  const clusterStack = (links: Resources[string] = {}): JsonObject => ({
    resource: {
      ...wired(),
      azurerm_subnet: { nodes: { name: "snet-nodes", virtual_network_name: "${azurerm_virtual_network.spoke.name}", resource_group_name: RG } },
      azurerm_private_dns_zone: { api: { name: "privatelink.westeurope.azmk8s.io", resource_group_name: RG } },
      azurerm_private_dns_zone_virtual_network_link: {
        runner: { private_dns_zone_name: "${azurerm_private_dns_zone.api.name}", resource_group_name: RG, virtual_network_id: RUNNER },
        ...links,
      },
      azurerm_kubernetes_cluster: {
        aks: { private_cluster_enabled: true, private_dns_zone_id: "${azurerm_private_dns_zone.api.id}", default_node_pool: { vnet_subnet_id: "${azurerm_subnet.nodes.id}" } },
      },
      azurerm_key_vault_key: {},
      azurerm_private_endpoint: {},
    },
    output: { "cross-stack-output-host": { value: "${azurerm_kubernetes_cluster.aks.kube_config[0].host}" } },
  });
  const inCluster: JsonObject = {
    provider: { kubernetes: [{ host: "${data.terraform_remote_state.cross-stack-reference-input-platform.outputs.cross-stack-output-host}" }] },
  };

  test("follows the cross-stack output to the cluster and finds it reachable when peered and linked", () => {
    const verdict = only(lineOfSight(inCluster, runner, (id) => (id === "platform" ? clusterStack() : undefined)));
    expect(verdict).toMatchObject({ address: "provider.kubernetes", plane: "Kubernetes API server", target: "azurerm_kubernetes_cluster.aks", status: "reachable" });
  });

  test("the API server's zone not linked to the runner is named", () => {
    const unlinked = clusterStack({ runner: undefined });
    const verdict = only(lineOfSight(inCluster, runner, () => unlinked));
    expect(verdict.missing).toEqual([`zone privatelink.westeurope.azmk8s.io is not linked to ${RUNNER}: the runner cannot resolve the API server`]);
  });

  test("public IP ranges never reach a private API server", () => {
    const verdict = only(lineOfSight(inCluster, { kind: "public", ranges: ["203.0.113.7"] }, () => clusterStack()));
    expect(verdict.status).toBe("unreachable");
    expect(verdict.fix).toMatch(/Deployer\.runnerInNetwork/);
  });

  test("a literal API server outside the app is unknown; a stack the check did not see is unknown", () => {
    expect(only(lineOfSight({ provider: { kubernetes: { host: "https://aks.example:443" } } }, runner)).status).toBe("unknown");
    expect(only(lineOfSight(inCluster, runner)).status).toBe("unknown");
  });
});
