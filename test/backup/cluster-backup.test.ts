// ClusterBackup: Azure Backup for AKS, opt-in. The attributes asserted are the azurerm
// provider's at v4.55.0 (internal/services/dataprotection/ and internal/services/containers/).
import { TerraformVariable, type TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ClusterBackup, ValidationError, type ClusterBackupProps } from "hardened-aks";
import { ENDPOINTS_SUBNET_ID, PLACEMENT, VNET_ID, only, ref, resources, synth, testCluster, testStack, type Synthesized } from "../helpers";
import { evaluate, failingRules, platformStack, violationsOf } from "../compliance/compliance-helpers";

const CLUSTER_ID = "/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.ContainerService/managedClusters/aks-test";
const CP_PRINCIPAL = "66666666-6666-6666-6666-666666666666";

/** Props with only what is required, on a cluster given by ids. */
function required(overrides: Partial<ClusterBackupProps> = {}): ClusterBackupProps {
  return {
    ...PLACEMENT,
    cluster: { clusterId: CLUSTER_ID, controlPlaneIdentityPrincipalId: CP_PRINCIPAL },
    vaultName: "bv-aks-test",
    storageAccountName: "staksbackuptest",
    snapshotResourceGroupName: "rg-test-snapshots",
    privateEndpointSubnetId: ENDPOINTS_SUBNET_ID,
    virtualNetworkIds: [VNET_ID],
    ...overrides,
  };
}

function backupOf(overrides: Partial<ClusterBackupProps> = {}): { stack: TerraformStack; backup: ClusterBackup; json: Synthesized } {
  const stack = testStack();
  const backup = new ClusterBackup(stack, "Backup", required(overrides));
  return { stack, backup, json: synth(stack) };
}

describe("ClusterBackup, with only the required props", () => {
  const { json } = backupOf();
  const vault = ref(json, "azurerm_data_protection_backup_vault");
  const vaultPrincipal = ref(json, "azurerm_data_protection_backup_vault", "identity[0].principal_id");
  const account = ref(json, "azurerm_storage_account");
  const client = `data.azurerm_client_config.${Object.keys(json.data.azurerm_client_config)[0]}`;

  test("creates a vault with soft delete and immutability on, a system identity, protected from destroy", () => {
    // data_protection_backup_vault_resource.go:resourceDataProtectionBackupVault: soft_delete
    // defaults to "On" but immutability to "Disabled", so both are written.
    expect(only(json, "azurerm_data_protection_backup_vault")).toEqual(
      expect.objectContaining({
        name: "bv-aks-test",
        datastore_type: "VaultStore",
        redundancy: "GeoRedundant",
        soft_delete: "On",
        immutability: "Unlocked",
        identity: { type: "SystemAssigned" },
        lifecycle: { prevent_destroy: true },
      }),
    );
  });

  test("writes the cluster's resources to a private, Entra-only storage account", () => {
    // storage_account_resource.go: infrastructure_encryption_enabled is ForceNew and defaults
    // to false; shared_access_key_enabled defaults to true; min_tls_version accepts TLS1_2 only.
    expect(only(json, "azurerm_storage_account")).toEqual(
      expect.objectContaining({
        name: "staksbackuptest",
        account_kind: "StorageV2",
        account_tier: "Standard",
        account_replication_type: "ZRS",
        min_tls_version: "TLS1_2",
        https_traffic_only_enabled: true,
        public_network_access_enabled: false,
        shared_access_key_enabled: false,
        default_to_oauth_authentication: true,
        allow_nested_items_to_be_public: false,
        cross_tenant_replication_enabled: false,
        infrastructure_encryption_enabled: true,
        network_rules: expect.objectContaining({ default_action: "Deny" }),
        lifecycle: { prevent_destroy: true },
      }),
    );
    // storage_container_resource.go: storage_account_id creates the container through
    // Resource Manager, which needs neither shared keys nor the public endpoint.
    expect(only(json, "azurerm_storage_container")).toEqual(expect.objectContaining({ storage_account_id: account, container_access_type: "private" }));
    expect(only(json, "azurerm_private_endpoint")).toEqual(
      expect.objectContaining({
        subnet_id: ENDPOINTS_SUBNET_ID,
        private_service_connection: expect.objectContaining({ private_connection_resource_id: account, subresource_names: ["blob"] }),
      }),
    );
    expect(only(json, "azurerm_private_dns_zone").name).toBe("privatelink.blob.core.windows.net");
    expect(only(json, "azurerm_private_dns_zone_virtual_network_link").virtual_network_id).toBe(VNET_ID);
  });

  test("installs the backup extension with Entra ID access to the container", () => {
    const extension = only(json, "azurerm_kubernetes_cluster_extension");
    expect(extension).toEqual(
      expect.objectContaining({
        cluster_id: CLUSTER_ID,
        extension_type: "microsoft.dataprotection.kubernetes",
        release_train: "stable",
        release_namespace: "dataprotection-microsoft",
      }),
    );
    expect(extension.configuration_settings).toEqual({
      "configuration.backupStorageLocation.bucket": ref(json, "azurerm_storage_container", "name"),
      "configuration.backupStorageLocation.config.resourceGroup": "rg-test",
      "configuration.backupStorageLocation.config.storageAccount": ref(json, "azurerm_storage_account", "name"),
      "configuration.backupStorageLocation.config.subscriptionId": `${"$"}{${client}.subscription_id}`,
      "credentials.tenantId": `${"$"}{${client}.tenant_id}`,
      "configuration.backupStorageLocation.config.useAAD": "true",
      "configuration.backupStorageLocation.config.storageAccountURI": ref(json, "azurerm_storage_account", "primary_blob_endpoint"),
    });
    expect(extension.depends_on).toEqual(expect.arrayContaining([ref(json, "azurerm_private_endpoint").replace(/^\$\{|\.id\}$/g, "")]));
  });

  test("binds the vault to the cluster through Trusted Access as backup operator", () => {
    // kubernetes_cluster_trusted_access_role_binding_resource.go:Arguments: roles is a list,
    // source_resource_id and kubernetes_cluster_id are ForceNew.
    expect(only(json, "azurerm_kubernetes_cluster_trusted_access_role_binding")).toEqual(
      expect.objectContaining({ kubernetes_cluster_id: CLUSTER_ID, roles: ["Microsoft.DataProtection/backupVaults/backup-operator"], source_resource_id: vault }),
    );
  });

  test("grants the roles backup needs, and no broader ones", () => {
    const snapshotGroup = `/subscriptions/${"$"}{${client}.subscription_id}/resourceGroups/rg-test-snapshots`;
    const grants = resources(json, "azurerm_role_assignment").map(({ scope, role_definition_name, principal_id }) => ({ scope, role_definition_name, principal_id }));
    expect(grants).toEqual(
      expect.arrayContaining([
        {
          scope: account,
          role_definition_name: "Storage Blob Data Contributor",
          principal_id: ref(json, "azurerm_kubernetes_cluster_extension", "aks_assigned_identity[0].principal_id"),
        },
        { scope: CLUSTER_ID, role_definition_name: "Reader", principal_id: vaultPrincipal },
        { scope: snapshotGroup, role_definition_name: "Reader", principal_id: vaultPrincipal },
        { scope: snapshotGroup, role_definition_name: "Disk Snapshot Contributor", principal_id: CP_PRINCIPAL },
      ]),
    );
    expect(grants).toHaveLength(4);
  });

  test("backs up every 4 hours and keeps each recovery point 14 days in the operational tier", () => {
    // data_protection_backup_policy_kubernetes_cluster_resource.go:Arguments: every argument
    // is ForceNew, and data_store_type accepts only OperationalStore.
    expect(only(json, "azurerm_data_protection_backup_policy_kubernetes_cluster")).toEqual(
      expect.objectContaining({
        vault_name: ref(json, "azurerm_data_protection_backup_vault", "name"),
        backup_repeating_time_intervals: ["R/2025-01-01T02:00:00+00:00/PT4H"],
        default_retention_rule: { life_cycle: [{ data_store_type: "OperationalStore", duration: "P14D" }] },
      }),
    );
  });

  test("protects the cluster with volumes and cluster-scoped resources, once the roles have propagated", () => {
    // data_protection_backup_instance_kubernetes_cluster_resource.go:Arguments:
    // volume_snapshot_enabled and cluster_scoped_resources_enabled default to false.
    const instance = only(json, "azurerm_data_protection_backup_instance_kubernetes_cluster");
    expect(instance).toEqual(
      expect.objectContaining({
        vault_id: vault,
        backup_policy_id: ref(json, "azurerm_data_protection_backup_policy_kubernetes_cluster"),
        kubernetes_cluster_id: CLUSTER_ID,
        snapshot_resource_group_name: "rg-test-snapshots",
        backup_datasource_parameters: expect.objectContaining({ volume_snapshot_enabled: true, cluster_scoped_resources_enabled: true }),
      }),
    );
    const sleep = Object.keys(json.resource.time_sleep)[0];
    expect(instance.depends_on).toEqual(
      expect.arrayContaining([
        `time_sleep.${sleep}`,
        `azurerm_kubernetes_cluster_trusted_access_role_binding.${Object.keys(json.resource.azurerm_kubernetes_cluster_trusted_access_role_binding)[0]}`,
        `azurerm_kubernetes_cluster_extension.${Object.keys(json.resource.azurerm_kubernetes_cluster_extension)[0]}`,
      ]),
    );
    expect(json.resource.time_sleep[sleep].depends_on).toHaveLength(4);
  });
});

describe("ClusterBackup's choices", () => {
  test("interval, retention, redundancy, the stricter vault settings and namespace filters reach the resources", () => {
    const { json } = backupOf({
      backupIntervalHours: 24,
      retentionDays: 30,
      redundancy: "ZoneRedundant",
      softDelete: "AlwaysOn",
      immutability: "Locked",
      storageReplication: "GZRS",
      includedNamespaces: ["orders"],
      excludedNamespaces: ["scratch"],
    });
    expect(only(json, "azurerm_data_protection_backup_vault")).toEqual(expect.objectContaining({ redundancy: "ZoneRedundant", soft_delete: "AlwaysOn", immutability: "Locked" }));
    expect(only(json, "azurerm_storage_account").account_replication_type).toBe("GZRS");
    const policy = only(json, "azurerm_data_protection_backup_policy_kubernetes_cluster");
    expect(policy.backup_repeating_time_intervals).toEqual(["R/2025-01-01T02:00:00+00:00/PT24H"]);
    expect(policy.default_retention_rule.life_cycle[0].duration).toBe("P30D");
    expect(only(json, "azurerm_data_protection_backup_instance_kubernetes_cluster").backup_datasource_parameters).toEqual(
      expect.objectContaining({ included_namespaces: ["orders"], excluded_namespaces: ["scratch"] }),
    );
  });

  test("an existing DNS zone replaces the created zone and its links", () => {
    const zone = "/subscriptions/s/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net";
    const { json } = backupOf({ privateDnsZoneId: zone, virtualNetworkIds: undefined });
    expect(resources(json, "azurerm_private_dns_zone")).toHaveLength(0);
    expect(only(json, "azurerm_private_endpoint").private_dns_zone_group).toEqual(expect.objectContaining({ private_dns_zone_ids: [zone] }));
  });

  test("takes a HardenedCluster as its target", () => {
    const stack = testStack();
    const cluster = testCluster(stack);
    new ClusterBackup(stack, "Backup", required({ cluster }));
    const json = synth(stack);
    expect(only(json, "azurerm_kubernetes_cluster_extension").cluster_id).toBe(ref(json, "azurerm_kubernetes_cluster"));
    expect(resources(json, "azurerm_role_assignment").find((r) => r.role_definition_name === "Disk Snapshot Contributor")?.principal_id).toBe(
      `\${azurerm_user_assigned_identity.${cluster.controlPlaneIdentity.friendlyUniqueId}.principal_id}`,
    );
  });
});

describe("ClusterBackup refuses bad input, naming the prop", () => {
  const bad = (overrides: Record<string, unknown>) => () => new ClusterBackup(testStack(), "Backup", required(overrides as Partial<ClusterBackupProps>));

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["a vault name with an underscore", { vaultName: "bv_aks" }, /vaultName must be 2-50 letters, digits or hyphens \(Azure's rule for Backup vault names\); got 'bv_aks'\./],
    ["a one-letter vault name", { vaultName: "b" }, /vaultName must be 2-50 .*; got 'b'\./],
    ["a storage account name with capitals and hyphens", { storageAccountName: "St-Aks-Backup" }, /storageAccountName must be 3-24 lowercase letters or digits .*; got 'St-Aks-Backup'\. Did you mean 'staksbackup'\?/],
    ["a storage account name too long", { storageAccountName: "a".repeat(25) }, /storageAccountName must be 3-24 lowercase letters or digits/],
    ["the vault's group for the snapshots", { snapshotResourceGroupName: "RG-TEST" }, /snapshotResourceGroupName must differ from resourceGroupName; got 'RG-TEST' for both\. .*give the snapshots a group of their own/],
    ["a snapshot group name ending with a period", { snapshotResourceGroupName: "rg-snap." }, /snapshotResourceGroupName must be 1-90 letters.*; got 'rg-snap\.'/],
    ["an interval AKS does not schedule", { backupIntervalHours: 5 }, /backupIntervalHours must be one of 4, 6, 8, 12, 24 .*; got 5\. Pick the nearest interval\./],
    ["an interval as a string", { backupIntervalHours: "4" }, /backupIntervalHours must be one of 4, 6, 8, 12, 24 .*; got '4'\./],
    ["no retention", { retentionDays: 0 }, /retentionDays must be a whole number from 1 to 360 \(the operational tier keeps recovery points up to 360 days\); got 0\./],
    ["a year and more", { retentionDays: 400 }, /retentionDays must be a whole number from 1 to 360 .*; got 400\./],
    ["soft delete off", { softDelete: "Off" }, /softDelete must be one of 'On', 'AlwaysOn'; got 'Off'\. Soft delete cannot be turned off through ClusterBackup/],
    ["immutability disabled", { immutability: "Disabled" }, /immutability must be one of 'Unlocked', 'Locked'; got 'Disabled'\. Immutability cannot be turned off/],
    ["a redundancy in the wrong case", { redundancy: "georedundant" }, /redundancy must be one of 'GeoRedundant', 'ZoneRedundant', 'LocallyRedundant'; got 'georedundant'\. Did you mean 'GeoRedundant'\?/],
    ["premium storage replication", { storageReplication: "Premium_LRS" }, /storageReplication must be one of 'ZRS', 'GZRS', 'GRS', 'LRS'; got 'Premium_LRS'\./],
    ["an empty namespace filter", { includedNamespaces: [] }, /includedNamespaces must not be empty; got \[\]\. Leave it out to back up every namespace\./],
    ["a namespace name with capitals", { excludedNamespaces: ["Scratch"] }, /excludedNamespaces\[0\] must be a namespace name: 1-63 lowercase letters.*; got 'Scratch'\./],
    ["a namespace both included and excluded", { includedNamespaces: ["orders"], excludedNamespaces: ["orders"] }, /includedNamespaces and excludedNamespaces both name 'orders'.*Name each namespace in one list only\./],
    ["no network to resolve the endpoint", { virtualNetworkIds: [] }, /virtualNetworkIds must list at least one network; got \[\]\. The created privatelink\.blob\.core\.windows\.net zone/],
    ["no private endpoint subnet", { privateEndpointSubnetId: undefined }, /privateEndpointSubnetId is required; got nothing \(the prop is missing\)\. .*privateEndpointsSubnetId/],
  ])("%s", (_case, overrides, message) => {
    expect(bad(overrides)).toThrow(ValidationError);
    expect(bad(overrides)).toThrow(message);
  });

  test.each<[string, Record<string, unknown>]>([
    ["a two-character vault name", { vaultName: "bv" }],
    ["a 50-character vault name", { vaultName: "b".repeat(50) }],
    ["a 24-character account name", { storageAccountName: "a1".repeat(12) }],
    ["every interval AKS schedules", { backupIntervalHours: 12 }],
    ["a day and the longest retention", { retentionDays: 360 }],
    ["the stricter vault settings", { softDelete: "AlwaysOn", immutability: "Locked" }],
    ["namespace filters", { includedNamespaces: ["orders", "payments-1"], excludedNamespaces: ["scratch"] }],
  ])("accepts %s", (_case, overrides) => {
    expect(bad(overrides)).not.toThrow();
  });

  test("checks nothing that is known only when Terraform runs", () => {
    const stack = testStack();
    const text = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const number = (name: string) => new TerraformVariable(stack, name, { type: "number" }).numberValue;
    const list = (name: string) => new TerraformVariable(stack, name, { type: "list(string)" }).listValue;
    expect(
      () =>
        new ClusterBackup(stack, "Backup", {
          ...required(),
          resourceGroupName: text("group"),
          snapshotResourceGroupName: text("snapshots"),
          vaultName: text("vault"),
          storageAccountName: text("account"),
          backupIntervalHours: number("interval"),
          retentionDays: number("retention"),
          includedNamespaces: list("included"),
          excludedNamespaces: list("excluded"),
          virtualNetworkIds: [text("network")],
          cluster: { clusterId: text("cluster"), controlPlaneIdentityPrincipalId: text("principal") },
        }),
    ).not.toThrow();
    expect(() => synth(stack)).not.toThrow();
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no cluster", { cluster: undefined }, /^cluster is required and must be an object, e.g. a HardenedCluster; got nothing \(the prop is missing\)\./],
    ["a cluster id as the cluster", { cluster: CLUSTER_ID }, /^cluster is required and must be an object.*; got '\/subscriptions/],
    ["a cluster without its identity", { cluster: { clusterId: CLUSTER_ID } }, /^cluster\.controlPlaneIdentityPrincipalId is required and must be a non-empty string/],
    ["no vault name", { vaultName: undefined }, /^vaultName is required and must be a non-empty string, e.g. 'bv-aks-prod'; got nothing/],
    ["a null storage account name", { storageAccountName: null }, /^storageAccountName is required and must be a non-empty string.*; got null\./],
    ["a number as the snapshot group", { snapshotResourceGroupName: 42 }, /^snapshotResourceGroupName is required and must be a non-empty string.*; got 42\./],
    ["a subnet id that is not a string", { privateEndpointSubnetId: 7 }, /^privateEndpointSubnetId is required and must be a non-empty string.*; got 7\./],
  ])("a JavaScript caller with %s hears about that prop", (_case, overrides, message) => {
    expect(bad(overrides)).toThrow(ValidationError);
    expect(bad(overrides)).toThrow(message);
  });

  test("a JavaScript caller with no props at all hears about the props", () => {
    expect(() => new ClusterBackup(testStack(), "Backup", undefined as any)).toThrow(/^props is required and must be an object/);
  });
});

describe("ClusterBackup and the compliance rules", () => {
  test("added to the library's default platform, with its zone linked to the hub, fails no rule", () => {
    const { stack } = platformStack({}, (platform) => {
      const backup = new ClusterBackup(platform.stack, "Backup", {
        ...required(),
        cluster: platform.cluster,
        privateEndpointSubnetId: platform.network.privateEndpointsSubnetId,
        virtualNetworkIds: [platform.network.virtualNetworkId],
      });
      // The spoke resolves through the firewall's DNS proxy, which resolves from the hub.
      platform.firewall.linkPrivateDnsZones([backup.privateEndpoint]);
      // The account has no shared keys and no public access: the deployment check fails a
      // provider that would use keys or read its data plane (privateStorageProvider).
      const provider = platform.stack.node.children.find((child): child is AzurermProvider => child instanceof AzurermProvider)!;
      provider.storageUseAzuread = true;
      provider.features = [{ storage: [{ dataPlaneAvailable: false }] }];
    });
    expect(failingRules(evaluate(stack))).toEqual([]);
    const json = synth(stack);
    const links = resources(json, "azurerm_private_dns_zone_virtual_network_link").map((link) => [link.private_dns_zone_name, link.virtual_network_id]);
    expect(links).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.Backup_PrivateEndpoint_DnsZone_\w+\.name\}$/), expect.stringMatching(/^\$\{azurerm_virtual_network\.Network_\w+\.id\}$/)],
        ["privatelink.blob.core.windows.net", expect.stringMatching(/^\$\{azurerm_virtual_network\.EgressFirewall_HubNetwork_\w+\.id\}$/)],
      ]),
    );
  });

  test("a vault weakened through its escape hatch fails OPS-6", () => {
    const { stack } = platformStack({}, (platform) => {
      const backup = new ClusterBackup(platform.stack, "Backup", { ...required(), cluster: platform.cluster, privateEndpointSubnetId: platform.network.privateEndpointsSubnetId });
      backup.resource.addOverride("soft_delete", "Off");
      backup.resource.addOverride("immutability", "Disabled");
    });
    const report = evaluate(stack);
    expect(failingRules(report)).toEqual(["OPS-6"]);
    expect(violationsOf(report, "OPS-6").join("\n")).toMatch(/fails on terraform .*: azurerm_data_protection_backup_vault\.Backup_\w+: soft_delete is 'Off': a deleted backup is gone at once; azurerm_data_protection_backup_vault\.Backup_\w+: immutability is 'Disabled'/);
  });
});
