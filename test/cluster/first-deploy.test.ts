// What makes the low-level constructs apply the first time, asserted on the synthesized
// JSON: KMS names the key's latest version through a data source, role assignments are
// waited for, and every subnet association comes before the nodes.
import { TerraformVariable, type TerraformStack } from "cdktf";
import {
  ApiServerAccess,
  ClusterEgress,
  ClusterEncryption,
  ClusterMonitoring,
  ClusterNetwork,
  EgressFirewall,
  EgressRoute,
  KeyUsage,
  Principal,
  ValidationError,
} from "hardened-aks";
import { DEFAULT_ROLE_PROPAGATION_WAIT } from "../../lib/secrets/encryption-key";
import { TimeProvider } from "@cdktf/provider-time/lib/provider";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { PLACEMENT, WORKSPACE_ID, only, resources, synth, testCluster, testNetwork, testStack, testVault, type Synthesized } from "../helpers";

const CLUSTER = "azurerm_kubernetes_cluster";
const SLEEP = "time_sleep";
const DEPLOYER = "99999999-9999-9999-9999-999999999999";

/** `type.name` of every resource of a type, as depends_on writes them. */
function addresses(json: Synthesized, type: string, filter: (r: Record<string, unknown>) => boolean = () => true): string[] {
  return Object.entries(json.resource[type] ?? {})
    .filter(([, r]) => filter(r as Record<string, unknown>))
    .map(([name]) => `${type}.${name}`);
}

/** A firewall in the hub for the given sources. */
function hubFirewall(stack: TerraformStack, sourceAddressSpaces: readonly string[] = ["10.240.0.0/16"]): EgressFirewall {
  return new EgressFirewall(stack, "Firewall", {
    ...PLACEMENT,
    name: "afw-test",
    hubAddressSpace: "10.200.0.0/24",
    sourceAddressSpaces,
    monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
  });
}

/** The hardened perimeter: network, firewall peered with it, route, customer-managed keys. */
function platform(options: { userPools?: boolean } = {}) {
  const stack = testStack();
  const network = testNetwork(stack);
  const monitoring = ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID);
  const firewall = hubFirewall(stack, network.addressSpaces);
  const peerings = firewall.peerWith(network);
  const route = new EgressRoute(stack, "Route", {
    ...PLACEMENT,
    name: "rt-test",
    firewallPrivateIp: firewall.privateIpAddress,
    subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId],
  });
  const vault = testVault(stack);
  vault.grantKeyAdministration(Principal.servicePrincipal(DEPLOYER));
  const cluster = testCluster(stack, {
    network,
    monitoring,
    egress: ClusterEgress.throughFirewall(route, { waitFor: peerings }),
    encryption: ClusterEncryption.customerManagedKeys(vault),
    ...(options.userPools === false ? {} : { userPools: { apps: { vmSize: "Standard_D4ds_v5" }, batch: { vmSize: "Standard_D8ds_v5" } } }),
  });
  firewall.linkPrivateDnsZones([vault.privateEndpoint, cluster]);
  return { stack, network, firewall, vault, cluster, json: synth(stack) };
}

describe("KMS follows the key's rotations (defect: the key resource's id never changes)", () => {
  const { json } = platform();
  const aks = only(json, CLUSTER);
  const etcdKey = Object.entries(json.resource.azurerm_key_vault_key).find(([, k]) => (k as { key_opts: string[] }).key_opts.includes("encrypt"))!;
  const etcdKeyAddress = `azurerm_key_vault_key.${etcdKey[0]}`;

  test("the cluster's key_vault_key_id is the id of an azurerm_key_vault_key data source, not the key resource's id", () => {
    // azurerm v4.55.0 internal/services/keyvault/key_vault_key_resource.go,
    // resourceKeyVaultKeyRead: the read parses the version from the state id and never sets a
    // new id, so `azurerm_key_vault_key.x.id` stays on the created version after Key Vault
    // rotates the key. key_vault_key_data_source.go, dataSourceKeyVaultKeyRead: GetKey(..., "")
    // reads the latest version and sets the id from its kid.
    const dataSources = Object.keys(json.data.azurerm_key_vault_key);
    expect(dataSources).toHaveLength(1);
    expect(aks.key_management_service.key_vault_key_id).toBe(`\${data.azurerm_key_vault_key.${dataSources[0]}.id}`);
    expect(aks.key_management_service.key_vault_key_id).not.toContain("${azurerm_key_vault_key.");
  });

  test("the data source's name and key_vault_id refer to the key resource, so Terraform defers it while the key has pending changes", () => {
    // Terraform v1.14 internal/terraform/transform_reference.go, dataDependsOn: a data source
    // that references a managed resource depends on it, and planDataSource defers the read to
    // apply while a dependency has pending changes. Literals would make the first plan read a
    // key that does not exist yet and fail with "not found".
    const [data] = Object.values(json.data.azurerm_key_vault_key) as Record<string, unknown>[];
    expect(data).toEqual(
      expect.objectContaining({
        name: `\${${etcdKeyAddress}.name}`,
        key_vault_id: `\${${etcdKeyAddress}.key_vault_id}`,
      }),
    );
  });

  test("a changed key id is an in-place update of the cluster: key_management_service is not ForceNew", () => {
    // azurerm v4.55.0 internal/services/containers/kubernetes_cluster_resource.go: the
    // key_management_service block is ForceNew: false, and resourceKubernetesClusterUpdate
    // PUTs securityProfile.azureKeyVaultKms when d.HasChanges("key_management_service"). What
    // the library controls: nothing in the lifecycle replaces the cluster on that change.
    expect(aks.lifecycle?.replace_triggered_by).toBeUndefined();
    expect(aks.lifecycle.ignore_changes).not.toContain("key_management_service");
  });

  test("only the KMS key gets the data source: the disk encryption set takes the versionless id and rotates on its own", () => {
    // disk_encryption_set_resource.go (v4.55.0): auto_key_rotation_enabled = true requires a
    // versionless key_vault_key_id (validateKeyAndRotationEnabled) and read keeps it versionless.
    const des = only(json, "azurerm_disk_encryption_set");
    expect(des.auto_key_rotation_enabled).toBe(true);
    expect(des.key_vault_key_id).toMatch(/^\$\{azurerm_key_vault_key\.[A-Za-z0-9_]+\.versionless_id\}$/);
  });
});

describe("EncryptionKey.latestVersionKeyId", () => {
  test("creates one data source however often it is read, and none for a key whose latest version nobody reads", () => {
    const stack = testStack();
    const vault = testVault(stack);
    const kms = vault.addKey("Kms", { name: "kms", usage: KeyUsage.KUBERNETES_KMS });
    vault.addKey("Disk", { name: "disk", usage: KeyUsage.DISK_ENCRYPTION });
    expect(kms.latestVersionKeyId).toBeDefined();
    expect(kms.latestVersionKeyId).toBeDefined();
    const json = synth(stack);
    expect(Object.keys(json.data.azurerm_key_vault_key)).toEqual([expect.stringMatching(/^Vault_Kms_LatestVersion_/)]);
  });
});

describe("role assignments a later resource needs are waited for (time_sleep)", () => {
  const { json, cluster } = platform();
  const aks = only(json, CLUSTER);
  const sleeps = json.resource[SLEEP] as Record<string, { create_duration: string; depends_on?: string[]; triggers?: Record<string, string> }>;
  const clusterSleep = `${SLEEP}.${Object.keys(sleeps).find((name) => name.startsWith("Cluster_RoleAssignmentPropagation"))}`;

  test("configures the time provider the sleeps need, pinned by the bindings", () => {
    expect(Object.keys(json.provider)).toContain("time");
    expect(json.terraform.required_providers.time).toEqual(expect.objectContaining({ source: "hashicorp/time" }));
  });

  test("the cluster depends on a sleep that depends on the control plane's grants", () => {
    expect(aks.depends_on).toContain(clusterSleep);
    const sleep = sleeps[clusterSleep.slice(SLEEP.length + 1)];
    expect(sleep.create_duration).toBe(DEFAULT_ROLE_PROPAGATION_WAIT);
    const granted = (role: string) => addresses(json, "azurerm_role_assignment", (r) => r.role_definition_name === role && String(r.principal_id).includes("ControlPlaneIdentity"));
    for (const role of ["Managed Identity Operator", "Network Contributor", "Private DNS Zone Contributor", "Key Vault Crypto User", "Key Vault Contributor", "Reader"]) {
      expect({ role, granted: granted(role).length > 0 }).toEqual({ role, granted: true });
      for (const grant of granted(role)) expect({ role, waitedFor: sleep.depends_on!.includes(grant) }).toEqual({ role, waitedFor: true });
    }
    // The disk encryption set's identity on its key: AKS encrypts node disks while creating the cluster.
    const desGrant = addresses(json, "azurerm_role_assignment", (r) => r.role_definition_name === "Key Vault Crypto Service Encryption User");
    expect(desGrant).toHaveLength(1);
    expect(sleep.depends_on).toEqual(expect.arrayContaining(desGrant));
    // Waits again when a grant is replaced.
    expect(sleep.triggers?.role_assignment_ids).toMatch(/^\$\{join\(",", \[azurerm_role_assignment\./);
    expect(cluster.roleAssignmentPropagation.node.path).toBe("test/Cluster/RoleAssignmentPropagation");
  });

  test("a role assignment the user passes in dependsOn is waited for but does not trigger the wait (replacing it replaces no sleep)", () => {
    const stack = testStack();
    const userGrant = new RoleAssignment(stack, "UserGrant", { scope: "/subscriptions/s", roleDefinitionName: "Reader", principalId: "44444444-4444-4444-4444-444444444444" });
    testCluster(stack, { dependsOn: [userGrant] });
    const out = synth(stack);
    expect(only(out, CLUSTER).depends_on).toContain("azurerm_role_assignment.UserGrant");
    const sleep = Object.entries(out.resource[SLEEP] as Record<string, { triggers?: Record<string, string> }>).find(([name]) => name.startsWith("Cluster_RoleAssignmentPropagation"))![1];
    expect(sleep.triggers?.role_assignment_ids).toMatch(/azurerm_role_assignment\./);
    expect(sleep.triggers?.role_assignment_ids).not.toContain("UserGrant");
  });

  test("every key is created after a sleep that starts once the deployer's key-administration grant exists", () => {
    const keyAdministration = addresses(json, "azurerm_role_assignment", (r) => r.role_definition_name === "Key Vault Crypto Officer");
    expect(keyAdministration).toHaveLength(1);
    const keys = json.resource.azurerm_key_vault_key as Record<string, { depends_on: string[] }>;
    expect(Object.keys(keys)).toHaveLength(2);
    for (const [name, key] of Object.entries(keys)) {
      const sleep = key.depends_on.find((d) => d.startsWith(`${SLEEP}.`));
      expect({ name, sleep: sleep !== undefined }).toEqual({ name, sleep: true });
      const config = sleeps[sleep!.slice(SLEEP.length + 1)];
      expect(config.depends_on).toEqual(expect.arrayContaining(keyAdministration));
      expect(config.create_duration).toBe(DEFAULT_ROLE_PROPAGATION_WAIT);
    }
  });

  test("reuses a TimeProvider the stack already has", () => {
    const stack = testStack();
    new TimeProvider(stack, "MyTime", { alias: "mine" });
    testCluster(stack);
    expect(synth(stack).provider.time).toEqual([{ alias: "mine" }]);
  });

  test("the waits are props with a default, validated", () => {
    const stack = testStack();
    const vault = testVault(stack);
    vault.addKey("Short", { name: "short", usage: KeyUsage.DISK_ENCRYPTION, roleAssignmentPropagationWait: "45s" });
    testCluster(stack, { roleAssignmentPropagationWait: "3m" });
    const json = synth(stack);
    expect(Object.values(json.resource[SLEEP]).map((s) => (s as { create_duration: string }).create_duration).sort()).toEqual(["3m", "45s"]);
    expect(() => testCluster(testStack(), { roleAssignmentPropagationWait: "two minutes" })).toThrow(ValidationError);
    expect(() => testCluster(testStack(), { roleAssignmentPropagationWait: "two minutes" })).toThrow(
      /roleAssignmentPropagationWait must be a duration such as '120s', '2m' or '1m30s' .*; got 'two minutes'/,
    );
    const token = testStack();
    expect(() => testCluster(token, { roleAssignmentPropagationWait: new TerraformVariable(token, "wait", {}).stringValue })).not.toThrow();
  });
});

describe("every subnet association comes before the nodes", () => {
  const { json } = platform();
  const aks = only(json, CLUSTER);
  const associations = [...addresses(json, "azurerm_subnet_network_security_group_association"), ...addresses(json, "azurerm_subnet_route_table_association")];

  test("the cluster depends on every NSG and route table association", () => {
    expect(addresses(json, "azurerm_subnet_network_security_group_association")).toHaveLength(5);
    expect(addresses(json, "azurerm_subnet_route_table_association")).toHaveLength(2);
    expect(aks.depends_on).toEqual(expect.arrayContaining(associations));
  });

  test("so does each user pool", () => {
    const pools = resources(json, "azurerm_kubernetes_cluster_node_pool");
    expect(pools).toHaveLength(2);
    for (const pool of pools) expect({ pool: pool.name, dependsOn: pool.depends_on }).toEqual({ pool: pool.name, dependsOn: expect.arrayContaining(associations) });
  });

  test("a brought network's own associations, given as dependsOn, are waited for too", () => {
    const stack = testStack();
    const own = new TerraformVariable(stack, "marker", {});
    const network = ClusterNetwork.fromExisting({
      virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet",
      systemNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/system",
      userNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/user",
      apiServerSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/api",
      dependsOn: [own],
    });
    testCluster(stack, { network, userPools: { apps: { vmSize: "Standard_D4ds_v5" } } });
    const json = synth(stack);
    expect(only(json, CLUSTER).depends_on).toContain("var.marker");
    expect(only(json, "azurerm_kubernetes_cluster_node_pool").depends_on).toContain("var.marker");
  });
});

describe("hub-and-spoke DNS through the firewall's DNS proxy", () => {
  const { json, firewall } = platform();
  const aks = only(json, CLUSTER);
  const firewallIp = `\${azurerm_firewall.${Object.keys(json.resource.azurerm_firewall)[0]}.ip_configuration[0].private_ip_address}`;

  test("peerWith points the spoke's DNS servers at the firewall, after the peerings, and the cluster waits for it", () => {
    const dns = only(json, "azurerm_virtual_network_dns_servers");
    expect(dns.dns_servers).toEqual([firewallIp]);
    expect(dns.virtual_network_id).toBe(`\${azurerm_virtual_network.${Object.keys(json.resource.azurerm_virtual_network).find((n) => n.startsWith("Network"))}.id}`);
    expect(dns.depends_on).toEqual(expect.arrayContaining(addresses(json, "azurerm_virtual_network_peering")));
    const dnsAddress = addresses(json, "azurerm_virtual_network_dns_servers")[0];
    expect(aks.depends_on).toContain(dnsAddress);
    expect(firewall.spokeDnsServers.Spoke).toBeDefined();
    expect(only(json, "azurerm_firewall_policy").dns).toEqual({ proxy_enabled: true });
  });

  test("linkPrivateDnsZones links the vault's and the API server's zones to the hub", () => {
    const hub = `\${azurerm_virtual_network.${Object.keys(json.resource.azurerm_virtual_network).find((n) => n.startsWith("Firewall"))}.id}`;
    const hubLinks = resources(json, "azurerm_private_dns_zone_virtual_network_link").filter((l) => l.virtual_network_id === hub);
    expect(hubLinks.map((l) => l.private_dns_zone_name).sort()).toEqual(["privatelink.vaultcore.azure.net", "privatelink.westeurope.azmk8s.io"]);
    for (const link of hubLinks) expect(link.registration_enabled).toBe(false);
    // Named after the zone, so linking one more zone never renames the others; created after the zone.
    expect(Object.keys(json.resource.azurerm_private_dns_zone_virtual_network_link).filter((k) => k.startsWith("Firewall_HubDnsLink-")).sort()).toEqual([
      expect.stringMatching(/^Firewall_HubDnsLink-privatelink-vaultcore-azure-net_/),
      expect.stringMatching(/^Firewall_HubDnsLink-privatelink-westeurope-azmk8s-io_/),
    ]);
    for (const link of hubLinks) expect(link.depends_on).toEqual([expect.stringMatching(/^azurerm_private_dns_zone\./)]);
  });

  test("links a zone once however often it is passed, and refuses two zones of one name", () => {
    const { firewall: fw, vault, cluster } = platform({ userPools: true });
    expect(fw.linkPrivateDnsZones([vault.privateEndpoint, cluster, vault.privateEndpoint])).toHaveLength(2);
    const stack = testStack();
    const other = hubFirewall(stack);
    const a = testVault(stack, {}, "VaultA");
    const b = testVault(stack, { name: "kv-test-b" }, "VaultB");
    expect(() => other.linkPrivateDnsZones([a.privateEndpoint, b.privateEndpoint])).toThrow(
      /two different zones are named 'privatelink\.vaultcore\.azure\.net' .*Azure links a network to one zone of a name only/,
    );
  });

  test("a cluster created before peerWith waits for the DNS servers too, and so do its pools", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    testCluster(stack, { network });
    hubFirewall(stack, network.addressSpaces).peerWith(network);
    const json = synth(stack);
    const dns = addresses(json, "azurerm_virtual_network_dns_servers");
    expect(dns).toHaveLength(1);
    expect(only(json, CLUSTER).depends_on).toContain(dns[0]);
    expect(only(json, "azurerm_kubernetes_cluster_node_pool").depends_on).toContain(dns[0]);
  });

  test("a spoke that is not a ClusterNetwork gets its DNS servers too, exposed for the cluster's dependsOn", () => {
    const stack = testStack();
    const fw = hubFirewall(stack);
    fw.peerWith({ virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke", virtualNetworkName: "spoke", resourceGroupName: "rg" }, "Other");
    const dns = only(synth(stack), "azurerm_virtual_network_dns_servers");
    expect(dns.virtual_network_id).toBe("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke");
    expect(fw.spokeDnsServers.Other).toBeDefined();
  });

  test("useFirewallDns: false leaves the spoke's DNS alone", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const fw = hubFirewall(stack, network.addressSpaces);
    fw.peerWith(network, "Spoke", { useFirewallDns: false });
    expect(synth(stack).resource.azurerm_virtual_network_dns_servers).toBeUndefined();
    expect(network.dependables).toHaveLength(5);
  });

  test("the constructs expose the private DNS zones they created", () => {
    const { vault, cluster } = platform();
    expect(vault.privateEndpoint.privateDnsZones).toHaveLength(1);
    expect(cluster.privateDnsZones).toHaveLength(1);
    expect(vault.privateEndpoint.privateDnsZones[0].name).toBe("privatelink.vaultcore.azure.net");
    expect(cluster.privateDnsZones[0].name).toBe("privatelink.westeurope.azmk8s.io");
    const aksManaged = testCluster(testStack(), { apiServerAccess: ApiServerAccess.privateWithAksManagedDnsZone() });
    expect(aksManaged.privateDnsZones).toEqual([]);
  });
});

describe("user pools rotate on a VM size change instead of being replaced", () => {
  test("every user pool sets temporary_name_for_rotation (kubernetes_cluster_node_pool_resource.go v4.55.0: vm_size is in cycleNodePoolProperties)", () => {
    const { json } = platform();
    for (const pool of resources(json, "azurerm_kubernetes_cluster_node_pool")) {
      expect(pool.temporary_name_for_rotation).toBe(`${pool.name}tmp`);
    }
  });
});
