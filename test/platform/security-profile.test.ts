// Security profiles on a HardenedPlatform: what each built-in profile applies, how an explicit
// prop wins over a choice, how acknowledgements carry the profile's name, the platform's
// backup, and the bad input (JavaScript callers, short reasons, conflicts).
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  Compliance,
  EnvironmentState,
  HardenedPlatform,
  PlatformEnvironments,
  ProfileChoices,
  SecurityProfile,
  ValidationError,
  renderMarkdownReport,
  renderSarifReport,
  type ComplianceReport,
  type HardenedPlatformProps,
} from "hardened-aks";
import { only, resources, synth } from "../helpers";
import { RUNNER_VNET, platformProps } from "./platform-props";

const STATE = EnvironmentState.azurerm({ resourceGroupName: "rg-tfstate", storageAccountName: "sttfstate", containerName: "tfstate" });

function build(overrides: Partial<HardenedPlatformProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "test");
  STATE.configure(stack, "test");
  const platform = new HardenedPlatform(stack, platformProps(overrides));
  return { stack, platform };
}

const rule = (report: ComplianceReport, id: string) => report.rules.find((r) => r.rule.id === id)!;
const failing = (report: ComplianceReport) => report.rules.filter((r) => r.status === "fail").map((r) => r.rule.id);

describe("SecurityProfile's built-in profiles", () => {
  test("production has no choice; regulated adds backup and a year of logs; development acknowledges EGR-4 and NODE-4", () => {
    expect(SecurityProfile.production().choices).toEqual([]);
    expect(SecurityProfile.regulated().choices.map((c) => [c.controlId, c.prop, c.kind])).toEqual([
      ["OPS-6", "backup", "strengthened"],
      ["MON-2", "monitoring.retentionInDays", "strengthened"],
    ]);
    expect(SecurityProfile.development().choices.map((c) => [c.controlId, c.prop, c.kind])).toEqual([
      ["EGR-4", "hub.firewall.withoutIntrusionDetection", "acknowledged"],
      ["NODE-4", "cluster.skuTier", "acknowledged"],
    ]);
  });

  test("each choice has one reason and documents the parity differences it causes", () => {
    for (const profile of [SecurityProfile.regulated(), SecurityProfile.development()]) {
      for (const choice of profile.choices) {
        expect(choice.reason.length).toBeGreaterThanOrEqual(10);
        expect(choice.parityDifferences.length).toBeGreaterThan(0);
      }
    }
    expect(SecurityProfile.development().choiceFor("hub.firewall.withoutIntrusionDetection")!.parityDifferences).toEqual([
      { resource: "EgressFirewall/Resource", attribute: "sku_tier" },
      { resource: "EgressFirewall/Policy", attribute: "sku" },
      { resource: "EgressFirewall/Policy", attribute: "intrusion_detection" },
    ]);
  });

  test("the development profile takes the user's own reasons", () => {
    const profile = SecurityProfile.development({ firewallWithoutIntrusionDetectionReason: "Sandbox subscription, synthetic data only." });
    expect(profile.choiceFor("hub.firewall.withoutIntrusionDetection")!.reason).toBe("Sandbox subscription, synthetic data only.");
    expect(profile.choiceFor("cluster.skuTier")!.reason).toMatch(/uptime SLA/);
  });

  test("a custom profile is made of the same choices, and keeps its own name", () => {
    const profile = SecurityProfile.custom("pci", [...SecurityProfile.regulated().choices, ProfileChoices.firewallWithoutIntrusionDetection("IDPS is the hub team's, on their own firewall.")]);
    expect(profile.name).toBe("pci");
    expect(profile.choices.map((c) => c.controlId)).toEqual(["OPS-6", "MON-2", "EGR-4"]);
  });

  test("its choices are frozen: a profile cannot be edited after the fact", () => {
    const profile = SecurityProfile.development();
    expect(Object.isFrozen(profile.choices)).toBe(true);
    expect(Object.isFrozen(profile.choices[0])).toBe(true);
  });
});

describe("SecurityProfile rejects bad input", () => {
  test.each<[string, () => unknown, RegExp]>([
    [
      "a short reason of its own",
      () => SecurityProfile.development({ firewallWithoutIntrusionDetectionReason: "dev" }),
      /^SecurityProfile\.development: firewallWithoutIntrusionDetectionReason must say why this environment's firewall runs without intrusion detection, in at least 10 characters; got 'dev'\. .*leave it out for the library's reason/,
    ],
    ["a blank reason for the tier", () => SecurityProfile.development({ clusterFreeTierReason: "   " }), /^SecurityProfile\.development: clusterFreeTierReason must say .*; got ' {3}'/],
    ["options that are not an object", () => SecurityProfile.development("cheap" as any), /^SecurityProfile\.development: options must be an object.*; got 'cheap'\./],
    ["a custom profile with a built-in name", () => SecurityProfile.custom("regulated", []), /^SecurityProfile\.custom: name 'regulated' is a built-in profile's.*Use SecurityProfile\.regulated\(\)/],
    ["a custom profile with a capitalised name", () => SecurityProfile.custom("PCI", []), /^SecurityProfile\.custom: name must be a lowercase label such as 'pci'.*; got 'PCI'/],
    ["a custom retention no longer than the default, which would shorten audit history unacknowledged", () => SecurityProfile.custom("cheap", [ProfileChoices.logRetentionDays(30, "Short retention to save cost in this lab.")]), /^SecurityProfile\.custom: choices\[0\]\.value must be a whole number from 91 to 730 \(days, longer than the default 90: a profile lengthens retention; a shorter one is the platform's monitoring\.retentionInDays\); got 30\./],
    ["a custom choice with a short reason", () => SecurityProfile.custom("pci", [ProfileChoices.backup("ok")]), /^SecurityProfile\.custom: choices\[0\]\.reason must say why backup differs from the library's default, in at least 10 characters; got 'ok'/],
    ["a custom choice not made by ProfileChoices", () => SecurityProfile.custom("pci", [{ prop: "cluster.localAccounts" } as any]), /^SecurityProfile\.custom: choices\[0\] must be a choice made by ProfileChoices.*; got \{"prop":"cluster\.localAccounts"\}/],
    ["two choices for one prop", () => SecurityProfile.custom("pci", [ProfileChoices.logRetentionDays(180), ProfileChoices.logRetentionDays(365)]), /^SecurityProfile\.custom: choices\[1\] sets monitoring\.retentionInDays, which choices\[0\] already sets/],
    ["a retention Log Analytics refuses", () => SecurityProfile.custom("pci", [ProfileChoices.logRetentionDays(1000)]), /^SecurityProfile\.custom: choices\[0\]\.value must be .*730.*; got 1000/],
    ["choices that are not a list", () => SecurityProfile.custom("pci", "backup" as any), /^SecurityProfile\.custom: choices must be a list of ProfileChoices.*; got 'backup'/],
  ])("rejects %s", (_case, call, message) => {
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(message);
  });

  test("accepts reasons of 10 characters or more, and checks no token", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const token = new TerraformVariable(stack, "reason", { type: "string" }).stringValue;
    expect(() => SecurityProfile.development({ firewallWithoutIntrusionDetectionReason: "No IDPS in dev." })).not.toThrow();
    expect(() => SecurityProfile.development({ clusterFreeTierReason: token })).not.toThrow();
    expect(() => SecurityProfile.custom("pci", [ProfileChoices.backup(token)])).not.toThrow();
  });
});

describe("HardenedPlatform with the production profile (the default)", () => {
  const { stack, platform } = build();
  const json = synth(stack);

  test("applies nothing: Premium firewall with IDPS, Standard tier, no backup, 90 days of logs", () => {
    expect(platform.profile.name).toBe("production");
    expect(platform.appliedProfileChoices).toEqual([]);
    expect(only(json, "azurerm_firewall").sku_tier).toBe("Premium");
    expect(only(json, "azurerm_kubernetes_cluster").sku_tier).toBe("Standard");
    expect(only(json, "azurerm_log_analytics_workspace").retention_in_days).toBe(90);
    expect(resources(json, "azurerm_data_protection_backup_vault")).toEqual([]);
    expect(platform.backup).toBeUndefined();
    // No storage account: the provider keeps the library's plain features block.
    expect(json.provider.azurerm[0]).toEqual({ features: [{}] });
  });
});

describe("HardenedPlatform with the development profile", () => {
  const { stack, platform } = build({ profile: SecurityProfile.development() });
  const json = synth(stack);
  const report = Compliance.evaluate(stack);

  test("runs the firewall on Standard without IDPS and the cluster on the Free tier", () => {
    expect(platform.appliedProfileChoices.map((c) => c.controlId)).toEqual(["EGR-4", "NODE-4"]);
    expect(only(json, "azurerm_firewall").sku_tier).toBe("Standard");
    expect(only(json, "azurerm_firewall_policy")).toMatchObject({ sku: "Standard" });
    expect(only(json, "azurerm_firewall_policy").intrusion_detection).toBeUndefined();
    expect(only(json, "azurerm_kubernetes_cluster").sku_tier).toBe("Free");
  });

  test("acknowledges EGR-4 and NODE-4 with the reason prefixed by the profile's name, and fails no rule", () => {
    expect(failing(report)).toEqual([]);
    for (const id of ["EGR-4", "NODE-4"]) {
      expect(rule(report, id).status).toBe("acknowledged");
      const reasons = rule(report, id).resources.filter((r) => r.status === "acknowledged").map((r) => r.acknowledgement!.reason);
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason).toMatch(new RegExp(`^Security profile 'development' \\(${id}\\): `));
    }
    expect(report.unusedAcknowledgements).toEqual([]);
  });

  test("the Markdown and SARIF reports show the profile in the acknowledgement", () => {
    expect(renderMarkdownReport(report)).toMatch(/acknowledged at `test\/Default\/EgressFirewall`: Security profile 'development' \(EGR-4\): No production data/);
    const sarif = JSON.parse(renderSarifReport(report));
    const justifications = sarif.runs[0].results.flatMap((r: any) => (r.suppressions ?? []).map((s: any) => s.justification));
    expect(justifications).toEqual(expect.arrayContaining([expect.stringMatching(/^Security profile 'development' \(NODE-4\): /)]));
  });
});

describe("an explicit prop wins over the profile's choice for it", () => {
  test("asking for cost analysis keeps the development cluster on its paid tier, instead of a contradiction", () => {
    const { stack, platform } = build({ profile: SecurityProfile.development(), cluster: { costAnalysisEnabled: true } });
    expect(platform.appliedProfileChoices.map((c) => c.controlId)).toEqual(["EGR-4"]);
    const cluster = only(synth(stack), "azurerm_kubernetes_cluster");
    expect(cluster.sku_tier).toBe("Standard");
    expect(cluster.cost_analysis_enabled).toBe(true);
  });

  test("the user's own firewall reason and cluster tier are kept; only the untouched choice applies", () => {
    const { stack, platform } = build({
      profile: SecurityProfile.development(),
      hub: { firewall: { withoutIntrusionDetection: { reason: "The hub team runs IDPS upstream of this firewall." } } },
      cluster: { skuTier: "Standard" },
    });
    expect(platform.appliedProfileChoices).toEqual([]);
    const json = synth(stack);
    expect(only(json, "azurerm_kubernetes_cluster").sku_tier).toBe("Standard");
    const report = Compliance.evaluate(stack);
    expect(rule(report, "EGR-4").resources.find((r) => r.status === "acknowledged")!.acknowledgement!.reason).toBe("The hub team runs IDPS upstream of this firewall.");
    expect(rule(report, "NODE-4").status).toBe("pass");
  });

  test("a choice for a part the platform does not build is not applied", () => {
    const hub = { firewallPrivateIp: "10.200.0.4", virtualNetworkId: "/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub", virtualNetworkName: "vnet-hub", resourceGroupName: "rg-hub" };
    const { platform } = build({ profile: SecurityProfile.development(), hub: { existing: hub } });
    expect(platform.appliedProfileChoices.map((c) => c.controlId)).toEqual(["NODE-4"]);
  });
});

describe("a custom profile on the platform", () => {
  test("applies its own values, and skips the retention for a brought workspace", () => {
    const pci = SecurityProfile.custom("pci", [ProfileChoices.logRetentionDays(730, "Card-data policy: two years of audit logs."), ProfileChoices.clusterFreeTier("A sandbox for the PCI tooling only.")]);
    const { stack, platform } = build({ profile: pci });
    const json = synth(stack);
    expect(only(json, "azurerm_log_analytics_workspace").retention_in_days).toBe(730);
    expect(platform.appliedProfileChoices.map((c) => c.prop)).toEqual(["monitoring.retentionInDays", "cluster.skuTier"]);
    const report = Compliance.evaluate(stack);
    expect(rule(report, "NODE-4").resources[0].acknowledgement!.reason).toBe("Security profile 'pci' (NODE-4): A sandbox for the PCI tooling only.");
    const brought = build({ profile: pci, monitoring: { existingWorkspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log" } });
    expect(brought.platform.appliedProfileChoices.map((c) => c.prop)).toEqual(["cluster.skuTier"]);
  });
});

describe("HardenedPlatform with the regulated profile", () => {
  const { stack, platform } = build({ profile: SecurityProfile.regulated() });
  const json = synth(stack);

  test("builds the backup wired to the platform: group, cluster, private endpoint subnet, spoke, runner and hub zone links", () => {
    expect(platform.backup).toBeDefined();
    expect(only(json, "azurerm_data_protection_backup_vault")).toMatchObject({ name: "bv-aks-test", resource_group_name: "${azurerm_resource_group.ResourceGroup.name}", location: "westeurope" });
    expect(only(json, "azurerm_storage_account")).toMatchObject({ name: "staksbktest", public_network_access_enabled: false, shared_access_key_enabled: false });
    const snapshots = json.resource.azurerm_resource_group.BackupSnapshots;
    expect(snapshots).toMatchObject({ name: "rg-aks-test-snapshots", location: "westeurope" });
    expect(only(json, "azurerm_data_protection_backup_instance_kubernetes_cluster")).toMatchObject({
      snapshot_resource_group_name: "${azurerm_resource_group.BackupSnapshots.name}",
      kubernetes_cluster_id: "${azurerm_kubernetes_cluster.Cluster_EB0386A7.id}",
    });
    const endpoint = resources(json, "azurerm_private_endpoint").find((e) => e.name === "pe-staksbktest")!;
    expect(endpoint.subnet_id).toMatch(/^\$\{azurerm_subnet\.Network_privateEndpointsSubnet_\w+\.id\}$/);
    const blobLinks = resources(json, "azurerm_private_dns_zone_virtual_network_link")
      .filter((l) => String(l.private_dns_zone_name).includes("Backup_PrivateEndpoint_DnsZone") || l.private_dns_zone_name === "privatelink.blob.core.windows.net")
      .map((l) => l.virtual_network_id);
    expect(blobLinks).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\$\{azurerm_virtual_network\.Network_\w+\.id\}$/), RUNNER_VNET, expect.stringMatching(/^\$\{azurerm_virtual_network\.EgressFirewall_HubNetwork_\w+\.id\}$/)]),
    );
    expect(blobLinks).toHaveLength(3);
  });

  test("configures the provider it creates for the private storage account, and keeps logs a year", () => {
    expect(json.provider.azurerm[0]).toEqual({ features: [{ storage: [{ data_plane_available: false }] }], storage_use_azuread: true });
    expect(only(json, "azurerm_log_analytics_workspace").retention_in_days).toBe(365);
  });

  test("passes every rule, OPS-6 on the vault included, and the deployment check", () => {
    const report = Compliance.evaluate(stack);
    expect(failing(report)).toEqual([]);
    expect(rule(report, "OPS-6").status).toBe("pass");
    expect(report.summary.acknowledged).toBe(0);
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });
});

describe("the backup prop", () => {
  test("turns backup on in any profile, with the names the user picks and a brought snapshot group", () => {
    const { stack, platform } = build({ backup: { storageAccountName: "stcontosoaksbk", vaultName: "bv-contoso", snapshotResourceGroup: { name: "rg-snapshots", existing: true }, retentionDays: 30 } });
    const json = synth(stack);
    expect(platform.profile.name).toBe("production");
    expect(only(json, "azurerm_storage_account").name).toBe("stcontosoaksbk");
    expect(only(json, "azurerm_data_protection_backup_vault").name).toBe("bv-contoso");
    expect(json.resource.azurerm_resource_group.BackupSnapshots).toBeUndefined();
    expect(only(json, "azurerm_data_protection_backup_instance_kubernetes_cluster").snapshot_resource_group_name).toBe("rg-snapshots");
    expect(only(json, "azurerm_data_protection_backup_policy_kubernetes_cluster").default_retention_rule.life_cycle[0].duration).toBe("P30D");
  });

  test("a stack's own provider without the storage settings fails the deployment check, naming the fix", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    new HardenedPlatform(stack, platformProps({ backup: {} }));
    expect(() => Testing.fullSynth(stack)).toThrow(/Backup\/StorageAccount .*refuses shared keys, but its azurerm provider has no storage_use_azuread = true.*Fix: configure the provider with storageUseAzuread: true/s);
  });

  test("takes names from variables without checking them", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const name = new TerraformVariable(stack, "account", { type: "string" }).stringValue;
    const group = new TerraformVariable(stack, "snapshots", { type: "string" }).stringValue;
    expect(() => new HardenedPlatform(stack, platformProps({ backup: { storageAccountName: name, snapshotResourceGroup: { name: group, existing: true } } }))).not.toThrow();
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["a storage account name with capitals", { storageAccountName: "StAksBackup" }, /^backup\.storageAccountName must be 3-24 lowercase letters or digits.*; got 'StAksBackup'\. Did you mean 'staksbackup'\?/],
    ["a vault name with underscores", { vaultName: "bv_aks" }, /^backup\.vaultName must be 2-50 letters, digits or hyphens.*; got 'bv_aks'/],
    ["a retention the operational tier refuses", { retentionDays: 400 }, /^backup\.retentionDays must be/],
    ["a snapshot group that is a string", { snapshotResourceGroup: "rg-snapshots" }, /^backup\.snapshotResourceGroup is required and must be an object.*; got 'rg-snapshots'/],
    ["a snapshot group name Azure refuses", { snapshotResourceGroup: { name: "rg snapshots!" } }, /^backup\.snapshotResourceGroup\.name /],
  ])("rejects %s, naming the prop as written", (_case, backup, message) => {
    expect(() => build({ backup: backup as any })).toThrow(message);
  });

  test("a JavaScript caller's backup that is not an object is named", () => {
    expect(() => build({ backup: true as any })).toThrow(/^backup is required and must be an object.*; got true/);
  });
});

describe("HardenedPlatform's profile prop rejects bad input", () => {
  test.each<[string, unknown, RegExp]>([
    ["a profile's name as a string", "development", /^profile must be a SecurityProfile, e.g. SecurityProfile\.development\(\); got 'development'\. The built-in profiles are/],
    ["an unknown profile's name", "dev", /^profile must be a SecurityProfile.*; got 'dev'\./],
    ["null", null, /^profile must be a SecurityProfile.*; got null\./],
    ["a look-alike object", { name: "development", choices: [] }, /^profile must be a SecurityProfile.*; got \{"name":"development","choices":\[\]\}/],
  ])("rejects %s", (_case, profile, message) => {
    expect(() => build({ profile: profile as any })).toThrow(ValidationError);
    expect(() => build({ profile: profile as any })).toThrow(message);
  });
});

describe("HardenedPlatform in a PlatformEnvironments environment", () => {
  test("takes the environment's profile by default, and exposes it to define", () => {
    const seen: Record<string, string> = {};
    const built: Record<string, HardenedPlatform> = {};
    new PlatformEnvironments(Testing.app(), {
      environments: [
        { name: "dev", profile: SecurityProfile.development(), addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" }, sizing: {}, state: STATE },
        { name: "prod", addressPlan: { spoke: "10.242.0.0/16", hub: "10.200.2.0/24" }, sizing: {}, state: STATE },
      ],
      define: (env) => {
        seen[env.name] = env.profile.name;
        built[env.name] = new HardenedPlatform(env.stack("platform"), platformProps({ name: env.name, addressPlan: env.addressPlan }));
      },
    });
    expect(seen).toEqual({ dev: "development", prod: "production" });
    expect(built.dev.profile.name).toBe("development");
    expect(built.prod.profile.name).toBe("production");
  });

  test("refuses a platform profile other than its environment's: parity reads the environment's", () => {
    expect(
      () =>
        new PlatformEnvironments(Testing.app(), {
          environments: [{ name: "prod", addressPlan: { spoke: "10.242.0.0/16", hub: "10.200.2.0/24" }, sizing: {}, state: STATE }],
          define: (env) => new HardenedPlatform(env.stack("platform"), platformProps({ name: env.name, addressPlan: env.addressPlan, profile: SecurityProfile.development() })),
        }),
    ).toThrow(/^profile 'development' differs from the profile 'production' of the environment this stack belongs to.*set the environment's profile \(EnvironmentDefinition\.profile\) instead/);
  });

  test("accepts the environment's own profile given again", () => {
    expect(
      () =>
        new PlatformEnvironments(Testing.app(), {
          environments: [{ name: "dev", profile: SecurityProfile.development(), addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" }, sizing: {}, state: STATE }],
          define: (env) => new HardenedPlatform(env.stack("platform"), platformProps({ name: env.name, addressPlan: env.addressPlan, profile: env.profile })),
        }),
    ).not.toThrow();
  });
});
