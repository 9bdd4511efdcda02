// Bad input to the cluster and its pools, family by family: each family's bad values with
// the message they get, its good values, a token, and a JavaScript-style call. Every message
// names the prop as the user wrote it.
import { TerraformVariable, Token, type TerraformStack } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import {
  ApiServerAccess,
  ClusterEncryption,
  Compliance,
  DEFAULT_POD_SECURITY_EXCLUDED_NAMESPACES,
  HardenedCluster,
  NodePool,
  ValidationError,
  type HardenedClusterProps,
} from "hardened-aks";
import { WEEK_DAYS } from "../../lib/cluster/maintenance-window";
import { only, resources, synth, testCluster, testStack, testVault } from "../helpers";

const CLUSTER = "azurerm_kubernetes_cluster";
const POOL = "azurerm_kubernetes_cluster_node_pool";
const ZONE_ID = (name: string) => `/subscriptions/s/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${name}`;

/** Props as a JavaScript caller may pass them: anything goes. */
type LooseProps = Record<string, unknown>;
const build = (overrides: LooseProps, stack: TerraformStack = testStack()) => testCluster(stack, overrides as Partial<HardenedClusterProps>);
const str = (stack: TerraformStack, name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;

/** Asserts a ValidationError whose message matches. */
function rejects(run: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(message);
}

describe("required props, for JavaScript callers", () => {
  const cases: [string, LooseProps, RegExp][] = [
    ["no name", { name: undefined }, /^name is required and must be a non-empty string, e\.g\. 'aks-prod'; got nothing \(the prop is missing\)/],
    ["a numeric name", { name: 42 }, /^name is required and must be a non-empty string.*got 42/],
    ["a null resource group", { resourceGroupName: null }, /^resourceGroupName is required and must be a non-empty string.*got null/],
    ["an empty location", { location: "" }, /^location is required and must be a non-empty string.*got ''/],
    ["no tenant id", { tenantId: undefined }, /^tenantId is required and must be a non-empty string/],
    ["admin groups as one string", { adminGroupObjectIds: "11111111-1111-1111-1111-111111111111" }, /^adminGroupObjectIds is required and must be an array.*got '11111111/],
    ["no network", { network: undefined }, /^network is required and must be an object/],
    ["no egress", { egress: undefined }, /^egress is required and must be made by ClusterEgress\.throughFirewall\(route\) or ClusterEgress\.loadBalancerUnrestricted\(\); got nothing/],
    ["an egress that is a plain object", { egress: { outboundType: "loadBalancer" } }, /^egress is required and must be made by ClusterEgress.*got \{"outboundType":"loadBalancer"\}/],
    ["encryption as a string", { encryption: "platform" }, /^encryption is required and must be made by ClusterEncryption\.customerManagedKeys\(vault\) or ClusterEncryption\.platformManagedKeys\(\); got 'platform'/],
    ["an API server access as a string", { apiServerAccess: "private" }, /^apiServerAccess must be made by ApiServerAccess\.privateOnly\(\).*got 'private'/],
    ["monitoring as a workspace id", { monitoring: "/subscriptions/s/workspaces/log" }, /^monitoring must be an object.*got '\/subscriptions/],
    ["a system pool as a size", { systemPool: "Standard_D4ds_v5" }, /^systemPool must be an object.*got 'Standard_D4ds_v5'/],
    ["a system pool with an empty size", { systemPool: { vmSize: "" } }, /^systemPool\.vmSize must be a non-empty string.*got ''/],
    ["user pools as a list", { userPools: [{ vmSize: "Standard_D4ds_v5" }] }, /^userPools must be an object.*got an array|^userPools must be an object.*got \[/],
    ["a user pool left undefined", { userPools: { apps: undefined } }, /^userPools\.apps is required and must be an object/],
    ["a user pool without a size", { userPools: { apps: {} } }, /^userPools\.apps\.vmSize is required and must be a non-empty string.*got nothing/],
    ["a user pool size as a number", { userPools: { apps: { vmSize: 4 } } }, /^userPools\.apps\.vmSize is required and must be a non-empty string.*got 4/],
    ["a user pool count as a string", { userPools: { apps: { vmSize: "Standard_D4ds_v5", minCount: "3" } } }, /^userPools\.apps\.minCount must be a number; got '3'/],
    ["taints as one string", { userPools: { apps: { vmSize: "Standard_D4ds_v5", taints: "sku=gpu:NoSchedule" } } }, /^userPools\.apps\.taints must be an array/],
    ["excluded namespaces as one string", { podSecurityExcludedNamespaces: "kube-system" }, /^podSecurityExcludedNamespaces must be an array/],
    ["an image cleaner interval as a string", { imageCleanerIntervalHours: "168" }, /^imageCleanerIntervalHours must be a number when given, e\.g\. 168; got '168'/],
    ["a Kubernetes version as a number", { kubernetesVersion: 1.33 }, /^kubernetesVersion must be a non-empty string.*got 1\.33/],
    ["run command as a string", { runCommandEnabled: "false" }, /^runCommandEnabled must be a boolean when given, e\.g\. true or false; got 'false'/],
    ["a window length as a string", { upgradeWindow: { dayOfWeek: "Sunday", startTime: "00:00", durationHours: "4" } }, /^upgradeWindow\.durationHours must be a number of hours such as 4; got '4'/],
  ];

  test.each(cases)("%s is a ValidationError naming the prop", (_name, overrides, message) => {
    rejects(() => build(overrides), message);
  });

  test("no props at all name the props, not a property of undefined", () => {
    rejects(() => new HardenedCluster(testStack(), "Cluster", undefined as unknown as HardenedClusterProps), /^props is required and must be an object/);
  });

  test("addNodePool without options or a name names the call", () => {
    const cluster = build({});
    rejects(() => cluster.addNodePool("batch", undefined as never), /^addNodePool\('batch'\) options is required and must be an object/);
    rejects(() => cluster.addNodePool(undefined as never, { vmSize: "Standard_D4ds_v5" }), /^addNodePool name is required and must be a non-empty string/);
  });

  test("a NodePool built directly names its own props", () => {
    const stack = testStack();
    rejects(() => new NodePool(stack, "Pool", { name: "apps", subnetId: "s", vmSize: "Standard_D4ds_v5" } as never), /^clusterId is required and must be a non-empty string/);
    rejects(() => new NodePool(stack, "Pool2", { name: "apps", subnetId: "s", clusterId: "c" } as never), /^vmSize is required and must be a non-empty string/);
  });
});

describe("union-typed props", () => {
  const cases: [string, LooseProps, RegExp][] = [
    ["an upgrade channel in another case", { automaticUpgradeChannel: "Patch" }, /^automaticUpgradeChannel must be one of 'patch', 'stable', 'rapid', 'node-image'; got 'Patch'\. Did you mean 'patch'\?/],
    ["an unknown node OS channel", { nodeOsUpgradeChannel: "None" }, /^nodeOsUpgradeChannel must be one of 'NodeImage', 'SecurityPatch', 'Unmanaged'; got 'None'/],
    ["no network policy", { networkPolicy: "none" }, /^networkPolicy must be one of 'azure', 'calico', 'cilium'; got 'none'/],
    ["a numeric data plane", { networkDataplane: 3 }, /^networkDataplane must be one of 'azure', 'cilium'; got 3\./],
    ["a SKU tier in lower case", { skuTier: "standard" }, /^skuTier must be one of 'Standard', 'Free', 'Premium'; got 'standard'\. Did you mean 'Standard'\?/],
    ["a policy effect in title case", { podSecurityPolicyEffect: "Deny" }, /^podSecurityPolicyEffect must be one of 'deny', 'audit'; got 'Deny'/],
    ["an OS disk type in lower case", { systemPool: { osDiskType: "ephemeral" } }, /^systemPool\.osDiskType must be one of 'Ephemeral', 'Managed'; got 'ephemeral'/],
    ["an OS SKU in lower case", { userPools: { apps: { vmSize: "Standard_D4ds_v5", osSku: "azurelinux" } } }, /^userPools\.apps\.osSku must be one of 'AzureLinux', 'AzureLinux3', 'Ubuntu', 'Ubuntu2204'; got 'azurelinux'\. Did you mean 'AzureLinux'\?/],
    ["a maintenance day abbreviated", { upgradeWindow: { dayOfWeek: "Sun", startTime: "00:00" } }, /^upgradeWindow\.dayOfWeek must be one of 'Monday', .*'Sunday'; got 'Sun'/],
    ["a maintenance day in lower case", { nodeOsWindow: { dayOfWeek: "saturday", startTime: "00:00" } }, /^nodeOsWindow\.dayOfWeek must be one of .*got 'saturday'\. Did you mean 'Saturday'\?/],
    ["a maintenance window without a day", { nodeOsWindow: { startTime: "00:00" } }, /^nodeOsWindow\.dayOfWeek is required and must be a non-empty string/],
  ];

  test.each(cases)("%s is refused", (_name, overrides, message) => {
    rejects(() => build(overrides), message);
  });

  test.each([
    ["automaticUpgradeChannel", ["patch", "stable", "rapid", "node-image"]],
    ["nodeOsUpgradeChannel", ["NodeImage", "SecurityPatch", "Unmanaged"]],
    ["skuTier", ["Standard", "Free", "Premium"]],
    ["podSecurityPolicyEffect", ["deny", "audit"]],
  ])("every value of %s passes", (prop, values) => {
    for (const value of values) expect(() => build({ [prop]: value })).not.toThrow();
  });

  test("every network policy passes with its data plane, and every day with a window", () => {
    expect(() => build({ networkPolicy: "cilium", networkDataplane: "cilium" })).not.toThrow();
    // The Azure data plane cannot run ACNS (NET-6): its engines need the opt-out.
    for (const [networkPolicy, networkDataplane] of [["calico", "azure"], ["azure", "azure"]]) {
      expect(() => build({ networkPolicy, networkDataplane, withoutAdvancedNetworking: { reason: "Azure data plane kept for a legacy CNI plugin" } })).not.toThrow();
    }
    for (const dayOfWeek of WEEK_DAYS) expect(() => build({ upgradeWindow: { dayOfWeek, startTime: "01:00" } })).not.toThrow();
    expect(() => build({ systemPool: { osDiskType: "Managed" } })).not.toThrow();
  });

  test("tokens are passed through unchecked", () => {
    const stack = testStack();
    build({ automaticUpgradeChannel: str(stack, "channel"), skuTier: str(stack, "tier"), upgradeWindow: { dayOfWeek: str(stack, "day"), startTime: "00:00" } }, stack);
    const aks = only(synth(stack), CLUSTER);
    expect(aks.automatic_upgrade_channel).toBe("${var.channel}");
    expect(aks.sku_tier).toBe("${var.tier}");
    expect(aks.maintenance_window_auto_upgrade.day_of_week).toBe("${var.day}");
  });
});

describe("node OS currency (issue 16)", () => {
  // Retirement dates: azure-aks-docs articles/aks/includes/azure-linux-retirement.md and
  // articles/aks/faq.yml; accepted values: os_sku in kubernetes_nodepool.go@v4.55.0 (L185-197).
  test.each([
    ["CBLMariner", /'CBLMariner' is Azure Linux 2\.0, which AKS stopped supporting and patching on 2025-11-30\. Use 'AzureLinux'/],
    ["Mariner", /'Mariner' is Azure Linux 2\.0/],
    ["Ubuntu1804", /'Ubuntu1804' is Ubuntu 18\.04, which AKS stopped supporting and patching on 2025-06-17/],
    ["Windows2019", /'Windows2019' is Windows Server 2019, which AKS stopped supporting and patching on 2026-03-01/],
    ["Windows2022", /'Windows2022' is a Windows image; the library's pools are Linux pools/],
    ["Ubuntu2404", /'Ubuntu2404' is not among the values azurerm 4\.55 accepts/],
  ])("refuses os SKU %s, saying why", (osSku, message) => {
    rejects(() => build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", osSku } } }), new RegExp(`^userPools\\.apps\\.osSku ${message.source}`));
    rejects(() => build({ systemPool: { osSku } }), /^systemPool\.osSku /);
  });

  test("accepts the supported Linux SKUs, and a token", () => {
    for (const osSku of ["AzureLinux", "AzureLinux3", "Ubuntu", "Ubuntu2204"]) {
      expect(() => build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", osSku } } })).not.toThrow();
    }
    const stack = testStack();
    build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", osSku: str(stack, "sku") } } }, stack);
    expect(only(synth(stack), POOL).os_sku).toBe("${var.sku}");
  });
});

describe("availability zones", () => {
  test.each([
    [[1, 2, 3], /^systemPool\.zones\[0\] must be the string '1', not 1: Azure availability zones are strings \('1', '2', '3'\)\. Write systemPool\.zones as \["1","2","3"\]/],
    [["1", 2], /^systemPool\.zones\[1\] must be the string '2', not 2/],
    ["1,2,3", /^systemPool\.zones must be a list of zone strings/],
    [["1", "4"], /^systemPool\.zones entries must be '1', '2' or '3'.*got '4'/],
  ])("refuses %j with a message that does not contradict itself", (zones, message) => {
    rejects(() => build({ systemPool: { zones } }), message);
    rejects(() => build({ systemPool: { zones } }), /^(?!.*must be '1'.*got '1')/);
  });

  test("numbers in a user pool name the pool, also through addNodePool", () => {
    rejects(() => build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", zones: [1] } } }), /^userPools\.apps\.zones\[0\] must be the string '1'/);
    rejects(() => build({}).addNodePool("batch", { vmSize: "Standard_D4ds_v5", zones: [2] as never }), /^addNodePool\('batch'\) options\.zones\[0\] must be the string '2'/);
  });

  test("strings, no zones, and tokens pass", () => {
    const stack = testStack();
    const zone = str(stack, "zone");
    build({ systemPool: { zones: ["1", "2"] }, userPools: { apps: { vmSize: "Standard_D4ds_v5", zones: [] }, batch: { vmSize: "Standard_D4ds_v5", zones: [zone] } } }, stack);
    const json = synth(stack);
    expect(only(json, CLUSTER).default_node_pool.zones).toEqual(["1", "2"]);
    expect(resources(json, POOL).find((p) => p.name === "batch")!.zones).toEqual(["${var.zone}"]);
  });
});

describe("VM sizes", () => {
  test.each([
    ["", /^userPools\.apps\.vmSize is required and must be a non-empty string/],
    ["D4ds_v5", /^userPools\.apps\.vmSize must be an Azure VM size name such as 'Standard_D4ds_v5'.*got 'D4ds_v5'/],
    ["Standard D4ds v5", /must be an Azure VM size name.*got 'Standard D4ds v5'/],
    ["Standard_", /must be an Azure VM size name.*got 'Standard_'/],
    ["large", /must be an Azure VM size name.*got 'large'/],
  ])("refuses the size %j", (vmSize, message) => {
    rejects(() => build({ userPools: { apps: { vmSize } } }), message);
  });

  // "d = diskful (a local temp disk is present)" (Microsoft's VM size naming conventions);
  // "the latest generation of VM series doesn't have a dedicated cache, only temporary
  // storage" (azure-aks-docs articles/aks/concepts-storage.md): no place for an ephemeral OS disk.
  test.each([
    ["Standard_D4s_v5", "Standard_D4ds_v5"],
    ["Standard_E8as_v5", "Standard_E8ads_v5"],
    ["Standard_D8s_v6", "Standard_D8ds_v6"],
    ["Standard_F4s_v6", "Standard_F4ds_v6"],
  ])("refuses %s with an Ephemeral OS disk, suggesting %s", (vmSize, suggestion) => {
    rejects(
      () => build({ userPools: { apps: { vmSize } } }),
      new RegExp(`^userPools\\.apps\\.vmSize '${vmSize}' has no local temp disk and no cache disk.*cannot hold userPools\\.apps\\.osDiskType 'Ephemeral' \\(the default\\).*Pick the 'd' size \\('${suggestion}'\\), or set userPools\\.apps\\.osDiskType to 'Managed'`),
    );
  });

  test.each([
    "Standard_D4ds_v5",
    "Standard_NC24ads_A100_v4",
    "Standard_B2s",
    "Standard_DS2_v2",
    "Standard_D4s_v3",
    "Standard_F8s_v2",
    "Standard_D4s_v4",
    "Standard_M8-2ms_v2",
    "Standard_ND96isr_H100_v5",
    "standard_d4s_v5",
  ])("accepts %s with an Ephemeral OS disk: it has, or may have, a disk to hold it", (vmSize) => {
    expect(() => build({ userPools: { apps: { vmSize } } })).not.toThrow();
  });

  test("a size without a temp disk is fine with a Managed OS disk; a token size is not read", () => {
    expect(() => build({ systemPool: { vmSize: "Standard_D4s_v5", osDiskType: "Managed" } })).not.toThrow();
    const stack = testStack();
    build({ systemPool: { vmSize: str(stack, "size") } }, stack);
    expect(only(synth(stack), CLUSTER).default_node_pool.vm_size).toBe("${var.size}");
  });
});

describe("node labels and taints", () => {
  test.each([
    [{ "kubernetes.azure.com/mode": "user" }, /^userPools\.apps\.labels label 'kubernetes\.azure\.com\/mode' uses the prefix 'kubernetes\.azure\.com\/', which AKS reserves/],
    [{ "kubernetes.io/role": "worker" }, /uses the prefix 'kubernetes\.io\/', which AKS reserves/],
    [{ "bad key!": "x" }, /^userPools\.apps\.labels has an invalid label key 'bad key!'/],
    [{ team: "has space" }, /^userPools\.apps\.labels has an invalid value 'has space' for label 'team'/],
    [{ replicas: 3 }, /^userPools\.apps\.labels\['replicas'\] must be a string \(Kubernetes label values are strings\); got 3/],
    ["team=a", /^userPools\.apps\.labels must be an object/],
  ])("refuses the labels %j", (labels, message) => {
    rejects(() => build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", labels } } }), message);
  });

  test("accepts labels with and without a prefix, and token values", () => {
    const stack = testStack();
    build({ systemPool: { labels: { "example.com/tier": "system" } }, userPools: { apps: { vmSize: "Standard_D4ds_v5", labels: { team: "payments", tier: str(stack, "tier") } } } }, stack);
    const json = synth(stack);
    expect(only(json, CLUSTER).default_node_pool.node_labels).toEqual({ "example.com/tier": "system" });
    expect(only(json, POOL).node_labels).toEqual({ team: "payments", tier: "${var.tier}" });
  });

  test.each([
    ["sku=gpu", /^userPools\.apps\.taints\[0\] must be a Kubernetes taint 'key=value:Effect'.*got 'sku=gpu'/],
    ["sku=gpu:noschedule", /^userPools\.apps\.taints\[0\] has the effect 'noschedule' in 'sku=gpu:noschedule'.*did you mean 'NoSchedule'\?/],
    ["sku=gpu:NeverSchedule", /has the effect 'NeverSchedule'.*must be NoSchedule, PreferNoSchedule or NoExecute/],
    ["my sku=gpu:NoSchedule", /must be a Kubernetes taint.*got 'my sku=gpu:NoSchedule'/],
    ["a=b=c:NoSchedule", /must be a Kubernetes taint.*got 'a=b=c:NoSchedule'/],
    [42, /^userPools\.apps\.taints\[0\] must be a Kubernetes taint.*got 42/],
  ])("refuses the taint %j", (taint, message) => {
    rejects(() => build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", taints: [taint] } } }), message);
  });

  test("accepts taints with and without a value or a prefix, and a token", () => {
    const stack = testStack();
    const taints = ["sku=gpu:NoSchedule", "gpu:PreferNoSchedule", "example.com/dedicated=batch:NoExecute", str(stack, "taint")];
    build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", taints } } }, stack);
    expect(only(synth(stack), POOL).node_taints).toEqual([...taints.slice(0, 3), "${var.taint}"]);
  });
});

describe("resource group, location and tags", () => {
  test.each([
    [{ resourceGroupName: "rg." }, /^resourceGroupName must be 1-90 letters.*got 'rg\.'/],
    [{ resourceGroupName: "rg/prod" }, /^resourceGroupName must be 1-90 letters.*got 'rg\/prod'/],
    [{ location: "west-europe" }, /^location must be an Azure region name such as 'westeurope'.*got 'west-europe'/],
    [{ location: "eu!" }, /^location must be an Azure region name/],
    [{ tags: { "cost/center": "x" } }, /^tags tag name 'cost\/center' must be 1-128 characters/],
    [{ tags: { owner: 3 } }, /^tags\.owner must be a string; got 3/],
    [{ systemPool: { tags: { note: "x".repeat(257) } } }, /^systemPool\.tags\.note must be at most 256 characters/],
    [{ userPools: { apps: { vmSize: "Standard_D4ds_v5", tags: { "a<b": "x" } } } }, /^userPools\.apps\.tags tag name 'a<b'/],
  ])("refuses %j", (overrides, message) => {
    rejects(() => build(overrides), message);
  });

  test("a portal-style location gives the provider-form private DNS zone", () => {
    const stack = testStack();
    build({ location: "West Europe", resourceGroupName: "rg-aks_(prod)", tags: { env: "prod" } }, stack);
    expect(only(synth(stack), "azurerm_private_dns_zone").name).toBe("privatelink.westeurope.azmk8s.io");
  });

  test("a token location is lowered and stripped by Terraform, never sliced", () => {
    const stack = testStack();
    build({ location: str(stack, "location") }, stack);
    expect(only(synth(stack), "azurerm_private_dns_zone").name).toBe('privatelink.${replace(lower(var.location), " ", "")}.azmk8s.io');
  });
});

describe("the private DNS zone of a private API server", () => {
  test.each([
    [ZONE_ID("privatelink.northeurope.azmk8s.io"), /^apiServerAccess privateDnsZoneId names the zone 'privatelink\.northeurope\.azmk8s\.io'; AKS takes only 'privatelink\.westeurope\.azmk8s\.io' or '<subzone>\.privatelink\.westeurope\.azmk8s\.io'/],
    [ZONE_ID("example.com"), /names the zone 'example\.com'/],
    [ZONE_ID("private.westeurope.azmk8s.io"), /names the zone 'private\.westeurope\.azmk8s\.io'/],
    [ZONE_ID(`${"a".repeat(33)}.privatelink.westeurope.azmk8s.io`), /whose subzone 'a{33}' must be one DNS label of at most 32/],
    [ZONE_ID("a.b.privatelink.westeurope.azmk8s.io"), /whose subzone 'a\.b' must be one DNS label/],
  ])("refuses %s in westeurope", (zoneId, message) => {
    rejects(() => build({ apiServerAccess: ApiServerAccess.privateOnly(zoneId) }), message);
  });

  test("accepts the region's zone and a subzone, whatever the location's spelling", () => {
    for (const [name, location] of [["privatelink.westeurope.azmk8s.io", "westeurope"], ["team1.privatelink.westeurope.azmk8s.io", "West Europe"], ["PrivateLink.WestEurope.azmk8s.io", "westeurope"]]) {
      expect(() => build({ location, apiServerAccess: ApiServerAccess.privateOnly(ZONE_ID(name)) })).not.toThrow();
    }
  });

  test("accepts private.<region>.azmk8s.io with API server VNet integration, which customer-managed keys turn on", () => {
    const stack = testStack();
    const vault = testVault(stack);
    expect(() => build({ encryption: ClusterEncryption.customerManagedKeys(vault), apiServerAccess: ApiServerAccess.privateOnly(ZONE_ID("private.westeurope.azmk8s.io")) }, stack)).not.toThrow();
  });

  test("a token zone id or location is not read", () => {
    const stack = testStack();
    build({ location: str(stack, "region"), apiServerAccess: ApiServerAccess.privateOnly(ZONE_ID("privatelink.northeurope.azmk8s.io")) }, stack);
    const other = testStack();
    build({ apiServerAccess: ApiServerAccess.privateOnly(str(other, "zone")) }, other);
    expect(only(synth(other), CLUSTER).private_dns_zone_id).toBe("${var.zone}");
  });
});

describe("pool names and rotation names", () => {
  test("a pool named like an earlier pool's rotation pool is refused, naming both", () => {
    rejects(
      () => build({ userPools: { apps: { vmSize: "Standard_D4ds_v5" }, appstmp: { vmSize: "Standard_D4ds_v5" } } }),
      /^userPools key 'appstmp' collides with the rotation pool 'appstmp' of userPools\.apps/,
    );
    const cluster = build({});
    rejects(() => cluster.addNodePool("appstmp", { vmSize: "Standard_D4ds_v5" }), /^addNodePool name 'appstmp' collides with the rotation pool 'appstmp' of userPools\.apps/);
  });

  test("a pool whose rotation pool is named like an earlier pool is refused, naming both", () => {
    rejects(
      () => build({ userPools: { appstmp: { vmSize: "Standard_D4ds_v5" }, apps: { vmSize: "Standard_D4ds_v5" } } }),
      /^the rotation pool name 'appstmp' of userPools\.apps collides with the pool 'appstmp' \(userPools\.appstmp\)/,
    );
    const cluster = build({ userPools: { batchtmp: { vmSize: "Standard_D4ds_v5" } } });
    rejects(() => cluster.addNodePool("batch", { vmSize: "Standard_D4ds_v5" }), /^the rotation pool name 'batchtmp' of addNodePool\('batch'\) collides with the pool 'batchtmp' \(userPools\.batchtmp\)/);
  });

  test("long names that share their first nine characters share a rotation name", () => {
    const cluster = build({ userPools: { application1: { vmSize: "Standard_D4ds_v5" } } });
    rejects(() => cluster.addNodePool("application2", { vmSize: "Standard_D4ds_v5" }), /rotation pool name 'applicatitmp' of addNodePool\('application2'\) collides with the rotation pool 'applicatitmp' of userPools\.application1/);
  });

  test("the system pool's names count too, its explicit rotation name included", () => {
    rejects(() => build({ systemPool: { rotationPoolName: "apps" } }), /^userPools key 'apps' collides with the system pool's rotation pool 'apps'/);
    rejects(() => build({ systemPool: { name: "apps" } }), /^userPools key 'apps' collides with the system pool 'apps'/);
  });

  test("an explicit rotationPoolName resolves a collision and is what the pool rotates through", () => {
    const stack = testStack();
    const cluster = build({ userPools: { apps: { vmSize: "Standard_D4ds_v5", rotationPoolName: "appsrot" } } }, stack);
    cluster.addNodePool("appstmp", { vmSize: "Standard_D4ds_v5" });
    const pools = Object.fromEntries(resources(synth(stack), POOL).map((p) => [p.name, p]));
    expect(pools.apps.temporary_name_for_rotation).toBe("appsrot");
    expect(pools.appstmp.temporary_name_for_rotation).toBe("appstmptmp");
  });

  test.each([
    [{ userPools: { apps: { vmSize: "Standard_D4ds_v5", rotationPoolName: "apps" } } }, /^userPools\.apps\.rotationPoolName must differ from the pool's own name 'apps'/],
    [{ userPools: { apps: { vmSize: "Standard_D4ds_v5", rotationPoolName: "Apps-Tmp" } } }, /^userPools\.apps\.rotationPoolName must be 1-12 lowercase letters or digits.*got 'Apps-Tmp'/],
    [{ userPools: { abcdefghitmp: { vmSize: "Standard_D4ds_v5" } } }, /^userPools key 'abcdefghitmp' is its own derived rotation name.*Set userPools\.abcdefghitmp\.rotationPoolName/],
    [{ systemPool: { rotationPoolName: 7 } }, /^systemPool\.rotationPoolName must be a non-empty string.*got 7/],
  ])("refuses the rotation name in %j", (overrides, message) => {
    rejects(() => build(overrides), message);
  });

  test("a token pool name needs a literal rotation name, and is never sliced", () => {
    const stack = testStack();
    const cluster = build({}, stack);
    const name = str(stack, "pool");
    rejects(() => cluster.addNodePool(name, { vmSize: "Standard_D4ds_v5" }), /^addNodePool name is a token \(known only when Terraform runs\).*Set addNodePool\(name\) options\.rotationPoolName to a literal name/);
    cluster.addNodePool(name, { vmSize: "Standard_D4ds_v5", rotationPoolName: "batchtmp" });
    const pool = resources(synth(stack), POOL).find((p) => p.name === "${var.pool}")!;
    expect(pool.temporary_name_for_rotation).toBe("batchtmp");
    expect(Token.isUnresolved(name)).toBe(true);
  });

  test("a token system pool name needs a literal rotation name", () => {
    const stack = testStack();
    rejects(() => build({ systemPool: { name: str(stack, "system") } }, stack), /^systemPool\.name is a token.*Set systemPool\.rotationPoolName/);
    const ok = testStack();
    build({ systemPool: { name: str(ok, "system"), rotationPoolName: "systemtmp" } }, ok);
    expect(only(synth(ok), CLUSTER).default_node_pool).toMatchObject({ name: "${var.system}", temporary_name_for_rotation: "systemtmp" });
  });
});

describe("addNodePool errors name the call, not userPools", () => {
  test.each([
    [{ vmSize: "big" }, /^addNodePool\('batch'\) options\.vmSize must be an Azure VM size name/],
    [{ vmSize: "Standard_D4ds_v5", minCount: 5, maxCount: 2 }, /^addNodePool\('batch'\) options\.minCount \(5\) must not be greater than addNodePool\('batch'\) options\.maxCount \(2\)/],
    [{ vmSize: "Standard_D4ds_v5", taints: ["gpu"] }, /^addNodePool\('batch'\) options\.taints\[0\] must be a Kubernetes taint/],
    [{ vmSize: "Standard_D4ds_v5", osSku: "CBLMariner" }, /^addNodePool\('batch'\) options\.osSku 'CBLMariner' is Azure Linux 2\.0/],
  ])("%j", (options, message) => {
    const cluster = build({});
    rejects(() => cluster.addNodePool("batch", options as never), message);
    rejects(() => cluster.addNodePool("batch", options as never), /^(?!.*userPools)/);
  });

  test("a bad name names the addNodePool name", () => {
    rejects(() => build({}).addNodePool("Batch", { vmSize: "Standard_D4ds_v5" }), /^addNodePool name must be 1-12 lowercase letters or digits.*got 'Batch'/);
  });
});

describe("authorized API server ranges that add up to everything", () => {
  test.each([
    [["0.0.0.0/1", "128.0.0.0/1"], /^apiServerAccess authorized ranges must not contain or add up to a catch-all range; got '0\.0\.0\.0\/1' \+ '128\.0\.0\.0\/1'/],
    [["203.0.113.0/24", "::/1", "8000::/1"], /catch-all range; got '::\/1' \+ '8000::\/1'/],
    [["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"], /catch-all range; got '0\.0\.0\.0\/2' \+ '64\.0\.0\.0\/2' \+ '128\.0\.0\.0\/2' \+ '192\.0\.0\.0\/2'/],
  ])("refuses %j", (ranges, message) => {
    rejects(() => build({ apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(ranges) }), message);
  });

  test("half of everything, and a token next to it, pass", () => {
    const stack = testStack();
    const ranges = ["0.0.0.0/1", "2001:db8::/32", str(stack, "runner")];
    build({ apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(ranges) }, stack);
    expect(only(synth(stack), CLUSTER).api_server_access_profile.authorized_ip_ranges).toEqual(["0.0.0.0/1", "2001:db8::/32", "${var.runner}"]);
  });
});

describe("Pod Security exclusions (POL-1)", () => {
  const excludedOf = (stack: TerraformStack): string[] => JSON.parse(only(synth(stack), "azurerm_resource_policy_assignment").parameters).excludedNamespaces.value;

  test.each([
    [{ podSecurityExcludedNamespaces: ["kube-system", "orders"] }, /^podSecurityExcludedNamespaces\[1\] 'orders' is not a namespace the platform owns.*podSecurityExclusions: \{ namespaces: \['orders'\], reason: '<why its pods cannot run restricted>' \}/],
    [{ podSecurityExcludedNamespaces: ["default"] }, /^podSecurityExcludedNamespaces\[0\] 'default' is not a namespace the platform owns/],
    [{ podSecurityExcludedNamespaces: ["Kube_System"] }, /^podSecurityExcludedNamespaces\[0\] must be a DNS-1123 label.*got 'Kube_System'/],
    [{ podSecurityExcludedNamespaces: [3] }, /^podSecurityExcludedNamespaces\[0\] must be a namespace name; got 3/],
    [{ podSecurityExclusions: { namespaces: ["orders"], reason: "legacy" } }, /^podSecurityExclusions\.reason must say why these namespaces cannot run under the Pod Security restricted profile, in at least 10 characters; got 'legacy'/],
    [{ podSecurityExclusions: { namespaces: ["orders"] } }, /^podSecurityExclusions\.reason must say why.*got nothing/],
    [{ podSecurityExclusions: { namespaces: [], reason: "a vendor daemon needs host networking" } }, /^podSecurityExclusions\.namespaces must not be empty/],
    [{ podSecurityExclusions: { namespaces: "orders", reason: "a vendor daemon needs host networking" } }, /^podSecurityExclusions\.namespaces is required and must be an array/],
    [{ podSecurityExclusions: "orders" }, /^podSecurityExclusions must be an object/],
  ])("refuses %j", (overrides, message) => {
    rejects(() => build(overrides), message);
  });

  test("platform namespaces need no reason", () => {
    const stack = testStack();
    build({ podSecurityExcludedNamespaces: ["kube-system", "flux-system", "calico-system", "kube-node-lease"] }, stack);
    expect(excludedOf(stack)).toEqual(["kube-system", "flux-system", "calico-system", "kube-node-lease"]);
  });

  test("a workload namespace with a reason is excluded next to the platform's", () => {
    const stack = testStack();
    build({ podSecurityExclusions: { namespaces: ["orders"], reason: "the vendor's daemon needs hostPath until its v3 ships" } }, stack);
    expect(excludedOf(stack)).toEqual([...DEFAULT_POD_SECURITY_EXCLUDED_NAMESPACES, "orders"]);
  });

  test("tokens are not checked", () => {
    const stack = testStack();
    const list = new TerraformVariable(stack, "excluded", { type: "list(string)" }).listValue;
    expect(() => build({ podSecurityExcludedNamespaces: list }, stack)).not.toThrow();
    const other = testStack();
    build({ podSecurityExcludedNamespaces: ["kube-system", str(other, "ns")], podSecurityExclusions: { namespaces: [str(other, "team")], reason: str(other, "why") } }, other);
    expect(excludedOf(other)).toEqual(["kube-system", "${var.ns}", "${var.team}"]);
  });

  test("the compliance report fails POL-1 when an excluded namespace is one the stack creates", () => {
    const stack = testStack();
    build({ podSecurityExclusions: { namespaces: ["orders"], reason: "the vendor's daemon needs hostPath until its v3 ships" } }, stack);
    new KubernetesProvider(stack, "kubernetes", {});
    new NamespaceV1(stack, "Orders", { metadata: { name: "orders" } });
    const pol1 = Compliance.evaluate(stack).rules.find((result) => result.rule.id === "POL-1")!;
    expect(pol1.resources.flatMap((r) => r.problems)).toEqual([expect.stringMatching(/excludedNamespaces name 'orders', which this stack creates for workloads/)]);

    const control = testStack();
    build({ podSecurityExclusions: { namespaces: ["legacy"], reason: "the vendor's daemon needs hostPath until its v3 ships" } }, control);
    new KubernetesProvider(control, "kubernetes", {});
    new NamespaceV1(control, "Orders", { metadata: { name: "orders" } });
    const passing = Compliance.evaluate(control).rules.find((result) => result.rule.id === "POL-1")!;
    expect(passing.resources.flatMap((r) => r.problems)).toEqual([]);
  });
});

describe("the secrets rotation interval", () => {
  test.each([
    ["2 minutes", /^secretRotationInterval must be a duration of hours, minutes and seconds such as '2m'.*got '2 minutes'/],
    ["0m", /above zero; got '0m'/],
    ["", /got ''/],
    [120, /got 120/],
  ])("refuses %j", (secretRotationInterval, message) => {
    rejects(() => build({ secretRotationInterval }), message);
  });

  test("accepts durations and a token", () => {
    for (const interval of ["2m", "1h30m", "90s"]) {
      const stack = testStack();
      build({ secretRotationInterval: interval }, stack);
      expect(only(synth(stack), CLUSTER).key_vault_secrets_provider.secret_rotation_interval).toBe(interval);
    }
    expect(() => build({ secretRotationInterval: Token.asString({ Ref: "interval" }) })).not.toThrow();
  });
});

describe("the strategies' own arguments, for JavaScript callers", () => {
  test.each([
    ["authorized ranges that are not a list", () => ({ apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(undefined as never) }), /^apiServerAccess authorized ranges must be a list.*got nothing/],
    ["a zone id that is a number", () => ({ apiServerAccess: ApiServerAccess.privateOnly(42 as never) }), /^apiServerAccess privateDnsZoneId must be the resource id of a private DNS zone; got 42/],
    ["customer-managed keys without a vault", () => ({ encryption: ClusterEncryption.customerManagedKeys(undefined as never) }), /^encryption: ClusterEncryption\.customerManagedKeys\(vault\) needs the SecretsVault.*got nothing/],
    ["taints on the system pool", () => ({ systemPool: { taints: ["a=b:NoSchedule"] } }), /^systemPool\.taints is not a system pool option.*CriticalAddonsOnly/],
  ])("%s", (_name, overrides, message) => {
    rejects(() => build(overrides()), message);
  });

  test("a disk encryption type outside the union names the factory's option", () => {
    const stack = testStack();
    const vault = testVault(stack);
    rejects(
      () => build({ encryption: ClusterEncryption.customerManagedKeys(vault, { diskEncryptionType: "CustomerKey" as never }) }, stack),
      /^encryption: ClusterEncryption\.customerManagedKeys options\.diskEncryptionType must be one of 'EncryptionAtRestWithPlatformAndCustomerKeys', 'EncryptionAtRestWithCustomerKey'; got 'CustomerKey'/,
    );
    const ok = testStack();
    expect(() => build({ encryption: ClusterEncryption.customerManagedKeys(testVault(ok), { diskEncryptionType: "EncryptionAtRestWithCustomerKey" }) }, ok)).not.toThrow();
  });
});

describe("Advanced Container Networking Services (NET-6)", () => {
  const REASON = "throwaway load-test cluster, deleted after the run";
  const cases: [string, LooseProps, RegExp][] = [
    [
      "calico, whose Azure data plane cannot run ACNS",
      { networkPolicy: "calico" },
      /^networkPolicy 'calico' \(networkDataplane 'azure'\) cannot run Advanced Container Networking Services, which AKS offers on the Cilium data plane only; NET-6 requires them .* Keep the default networkPolicy 'cilium', or opt out with the reason: withoutAdvancedNetworking: \{ reason: '<why the cluster runs without ACNS>' \}\./,
    ],
    ["the azure engine", { networkPolicy: "azure" }, /^networkPolicy 'azure' \(networkDataplane 'azure'\) cannot run Advanced Container Networking Services/],
    ["the Azure data plane written out", { networkPolicy: "calico", networkDataplane: "azure" }, /^networkDataplane 'azure' cannot run Advanced Container Networking Services/],
    ["an opt-out without a reason", { withoutAdvancedNetworking: {} }, /^withoutAdvancedNetworking\.reason must say why the cluster runs without Advanced Container Networking Services \(NET-6\), in at least 10 characters; got nothing \(the prop is missing\)\. .*or remove withoutAdvancedNetworking to keep ACNS on\./],
    ["an opt-out with a short reason", { withoutAdvancedNetworking: { reason: "cost" } }, /^withoutAdvancedNetworking\.reason must say why .*got 'cost'/],
    ["an opt-out with a numeric reason", { withoutAdvancedNetworking: { reason: 12345678901 } }, /^withoutAdvancedNetworking\.reason must say why .*got 12345678901/],
    ["an opt-out given as a string (JavaScript)", { withoutAdvancedNetworking: REASON }, /^withoutAdvancedNetworking must be an object when given, e\.g\. \{ reason: /],
    ["an opt-out given as null (JavaScript)", { withoutAdvancedNetworking: null }, /^withoutAdvancedNetworking must be an object.*got null/],
  ];

  test.each(cases)("%s is refused", (_name, overrides, message) => {
    rejects(() => build(overrides), message);
  });

  test.each([
    ["cilium, the default", {}],
    ["cilium written out", { networkPolicy: "cilium", networkDataplane: "cilium" }],
    ["an opt-out with its reason on cilium", { withoutAdvancedNetworking: { reason: REASON } }],
    ["calico with the opt-out", { networkPolicy: "calico", withoutAdvancedNetworking: { reason: REASON } }],
  ])("%s passes", (_name, overrides) => {
    expect(() => build(overrides)).not.toThrow();
  });

  test("a reason from a variable is not checked, and is recorded as it is", () => {
    const stack = testStack();
    const reason = str(stack, "acns_reason");
    build({ withoutAdvancedNetworking: { reason } }, stack);
    expect(Compliance.acknowledgementsOf(stack)).toEqual([expect.objectContaining({ ruleId: "NET-6", reason })]);
  });

  test("a data plane from a variable is left to the provider's check, and ACNS stays on", () => {
    const stack = testStack();
    build({ networkDataplane: str(stack, "dataplane") }, stack);
    expect(only(synth(stack), CLUSTER).network_profile.advanced_networking).toEqual({ security_enabled: true, observability_enabled: true });
  });
});
