// Parity with security profiles (OPS-1): a difference an environment's profile documents
// passes, labelled with the profile and the reason; the same difference with no profile behind
// it, or a difference outside the profile's documented paths, still fails.
import { App, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  ClusterEgress,
  ClusterEncryption,
  EnvironmentState,
  HardenedCluster,
  HardenedPlatform,
  PlatformEnvironments,
  ProfileChoices,
  SecurityProfile,
  ValidationError,
  type EnvironmentDefinition,
} from "hardened-aks";
import { acceptedByProfiles, type ParityDifference, type ProfileDocumentedDifference } from "../../lib/environments/parity";
import { ADMIN_GROUP_ID, PLACEMENT, TENANT_ID, testNetwork } from "../helpers";
import { platformProps } from "../platform/platform-props";

interface Sizing {
  readonly skuTier?: "Standard" | "Free";
  readonly localAccounts?: boolean;
}

const STATE = EnvironmentState.azurerm({ resourceGroupName: "rg-tfstate", storageAccountName: "sttfstate", containerName: "tfstate" });
const SPACES: Record<string, string> = { dev: "10.240.0.0/16", stage: "10.241.0.0/16", prod: "10.242.0.0/16" };

function env(name: string, sizing: Sizing = {}, profile?: SecurityProfile): EnvironmentDefinition<Sizing> {
  return { name, addressPlan: { spoke: SPACES[name] }, sizing, state: STATE, ...(profile ? { profile } : {}) };
}

/** A cluster per environment; its tier and local accounts set by the environment's sizing, not its profile. */
function clusters(environments: EnvironmentDefinition<Sizing>[], app: App = Testing.app()) {
  const platform = new PlatformEnvironments<Sizing>(app, {
    environments,
    define: (e) => {
      const stack = e.stack("platform");
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      const cluster = new HardenedCluster(stack, "Cluster", {
        ...PLACEMENT,
        name: `aks-${e.name}`,
        tenantId: TENANT_ID,
        adminGroupObjectIds: [ADMIN_GROUP_ID],
        network: testNetwork(stack, e.addressPlan.spoke),
        egress: ClusterEgress.loadBalancerUnrestricted(),
        encryption: ClusterEncryption.platformManagedKeys(),
        skuTier: e.sizing.skuTier,
        userPools: { apps: { vmSize: "Standard_D4ds_v5", maxCount: 5 } },
      });
      if (e.sizing.localAccounts) cluster.resource.addOverride("local_account_disabled", false);
    },
  });
  return { app, platform };
}

describe("parity with the development profile", () => {
  test("accepts nothing a platform did not apply: a hand-built Free-tier cluster in a development environment fails", () => {
    // The profile documents the Free tier, but no HardenedPlatform of dev applied it: the
    // difference is the hand-built cluster's, and parity judges it like any other.
    const { app, platform } = clusters([env("dev", { skuTier: "Free" }, SecurityProfile.development()), env("prod")]);
    expect(platform.parityViolations("platform")).toEqual(expect.arrayContaining([expect.stringMatching(/sku_tier: dev="Free", prod="Standard"/)]));
    expect(platform.parityAcceptedByProfiles("platform")).toEqual([]);
    expect(() => app.synth()).toThrow(/OPS-1 parity: .* sku_tier/);
  });

  test("fails the same difference when dev's profile does not document it", () => {
    const { app, platform } = clusters([env("dev", { skuTier: "Free" }), env("prod")]);
    expect(platform.parityViolations("platform")).toEqual(
      expect.arrayContaining([expect.stringMatching(/^OPS-1 parity: the 'platform' stacks differ at Cluster\/Resource \(azurerm_kubernetes_cluster\) sku_tier: dev="Free", prod="Standard"/)]),
    );
    expect(platform.parityAcceptedByProfiles("platform")).toEqual([]);
    expect(() => app.synth()).toThrow(/OPS-1 parity: .* sku_tier/);
  });

  test("fails the documented difference when it is between environments whose profiles do not document it", () => {
    const { platform } = clusters([env("dev", {}, SecurityProfile.development()), env("stage", { skuTier: "Free" }), env("prod")]);
    expect(platform.parityViolations("platform")).toEqual(expect.arrayContaining([expect.stringMatching(/sku_tier: dev="Standard", stage="Free", prod="Standard"/)]));
  });

  test("exposes each environment's profile to define, production by default", () => {
    const { platform } = clusters([env("dev", {}, SecurityProfile.development()), env("prod")]);
    expect(platform.environments.map((e) => e.profile.name)).toEqual(["development", "production"]);
  });

  test("refuses a production environment on the development profile, naming the environment", () => {
    const call = () => clusters([env("dev"), { ...env("prod", {}, SecurityProfile.development()), production: true }]);
    expect(call).toThrow(/^environments\[1\] is production: true with SecurityProfile\.development\(\)/);
  });

  test("rejects a profile that is not a SecurityProfile (a JavaScript caller's string), naming the environment", () => {
    const call = () => clusters([env("dev"), { ...env("prod"), profile: "dev" as any }]);
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(/^environments\[1\]\.profile must be a SecurityProfile, e.g\. SecurityProfile\.development\(\); got 'dev'\./);
  });
});

describe("acceptedByProfiles", () => {
  const documented = (resource: string, attribute?: string): ProfileDocumentedDifference => ({ resource, attribute, profile: "regulated", controlId: "OPS-6", reason: "Backups for regulated data." });
  const difference = (resource: string, attribute: string, values: Record<string, string>): ParityDifference => ({ resource, type: "t", attribute, values });

  test.each<[string, ParityDifference, boolean]>([
    ["a resource under the documented path", difference("Backup/StorageAccount", "(resource)", { stage: "(present)", prod: "(absent)" }), true],
    ["the documented path itself", difference("Backup", "(resource)", { stage: "(present)", prod: "(absent)" }), true],
    ["a sibling whose name merely starts the same", difference("Backups/StorageAccount", "(resource)", { stage: "(present)", prod: "(absent)" }), false],
    ["another resource", difference("Cluster/Resource", "sku_tier", { stage: '"Free"', prod: '"Standard"' }), false],
  ])("%s", (_case, diff, accepted) => {
    expect(acceptedByProfiles(diff, { stage: [documented("Backup")], prod: [] }) !== undefined).toBe(accepted);
  });

  test("matches an attribute or a prefix of it, never a longer name", () => {
    const docs = { dev: [documented("EgressFirewall/Policy", "intrusion_detection")], prod: [] };
    expect(acceptedByProfiles(difference("EgressFirewall/Policy", "intrusion_detection.0.mode", { dev: "(absent)", prod: '"Deny"' }), docs)).toBeDefined();
    expect(acceptedByProfiles(difference("EgressFirewall/Policy", "intrusion_detection_x", { dev: "(absent)", prod: '"Deny"' }), docs)).toBeUndefined();
  });
});

describe("parity with full platforms", () => {
  function platforms(environments: EnvironmentDefinition[]) {
    return new PlatformEnvironments(Testing.app(), {
      environments,
      define: (e) => new HardenedPlatform(e.stack("platform"), platformProps({ name: e.name, addressPlan: e.addressPlan })),
    });
  }
  const full = (name: string, hub: string, profile?: SecurityProfile): EnvironmentDefinition => ({
    name,
    addressPlan: { spoke: SPACES[name], hub },
    sizing: {},
    state: STATE,
    ...(profile ? { profile } : {}),
  });

  test("a regulated stage and a production prod differ only in what the regulated profile documents", () => {
    const environments = platforms([full("stage", "10.200.1.0/24", SecurityProfile.regulated()), full("prod", "10.200.2.0/24")]);
    expect(environments.parityViolations("platform")).toEqual([]);
    const accepted = environments.parityAcceptedByProfiles("platform");
    expect(accepted).toEqual(expect.arrayContaining([expect.stringMatching(/differ at Backup\/Resource \(azurerm_data_protection_backup_vault\) \(resource\): stage=\(present\), prod=\(absent\)\. Accepted by security profile 'regulated' of stage \(OPS-6\)/)]));
    expect(accepted).toEqual(expect.arrayContaining([expect.stringMatching(/Monitoring\/Resource \(azurerm_log_analytics_workspace\) retention_in_days: stage=365, prod=90\. Accepted by security profile 'regulated' of stage \(MON-2\)/)]));
  });

  test("two profiles documenting different values of one attribute are both accepted", () => {
    const longer = SecurityProfile.custom("audit", [ProfileChoices.logRetentionDays(120, "Audit logs kept four months for the internal audit.")]);
    const environments = platforms([full("stage", "10.200.1.0/24", longer), full("prod", "10.200.2.0/24", SecurityProfile.regulated())]);
    expect(environments.parityViolations("platform").filter((m) => m.includes("retention_in_days"))).toEqual([]);
  });

  test("a profile choice applied in one role's stack accepts nothing in another role's", () => {
    const environments = new PlatformEnvironments(Testing.app(), {
      environments: [full("dev", "10.200.0.0/24", SecurityProfile.development()), full("prod", "10.200.2.0/24")],
      define: (e) => {
        new HardenedPlatform(e.stack("platform"), platformProps({ name: e.name, addressPlan: e.addressPlan }));
        // A second role with a hand-built Free-tier cluster in dev only: the profile did not make it.
        const extra = e.stack("extra");
        new AzurermProvider(extra, "azurerm", { features: [{}] });
        new HardenedCluster(extra, "Cluster", {
          ...PLACEMENT,
          name: `aks-extra-${e.name}`,
          tenantId: TENANT_ID,
          adminGroupObjectIds: [ADMIN_GROUP_ID],
          network: testNetwork(extra, "10.250.0.0/16"),
          egress: ClusterEgress.loadBalancerUnrestricted(),
          encryption: ClusterEncryption.platformManagedKeys(),
          skuTier: e.name === "dev" ? "Free" : undefined,
          userPools: { apps: { vmSize: "Standard_D4ds_v5", maxCount: 5 } },
        });
      },
    });
    expect(environments.parityViolations("platform")).toEqual([]);
    expect(environments.parityViolations("extra")).toEqual(expect.arrayContaining([expect.stringMatching(/sku_tier: dev="Free", prod="Standard"/)]));
  });

  test("a choice the platform skipped because the user set the prop accepts nothing", () => {
    // Regulated documents a longer retention; this stage sets a shorter one itself.
    const environments = new PlatformEnvironments(Testing.app(), {
      environments: [full("stage", "10.200.1.0/24", SecurityProfile.regulated()), full("prod", "10.200.2.0/24")],
      define: (e) =>
        new HardenedPlatform(e.stack("platform"), platformProps({ name: e.name, addressPlan: e.addressPlan, ...(e.name === "stage" ? { monitoring: { retentionInDays: 30 } } : {}) })),
    });
    expect(environments.parityViolations("platform")).toEqual(expect.arrayContaining([expect.stringMatching(/retention_in_days: stage=30, prod=90/)]));
  });

  test("a development dev and a production prod differ only in what the development profile documents", () => {
    const environments = platforms([full("dev", "10.200.0.0/24", SecurityProfile.development()), full("prod", "10.200.2.0/24")]);
    expect(environments.parityViolations("platform")).toEqual([]);
    const at = environments.parityAcceptedByProfiles("platform").map((line) => /differ at (\S+) \(\S+\) (\S+):/.exec(line)!.slice(1).join(" "));
    expect(at).toEqual(["Cluster/Resource cost_analysis_enabled", "Cluster/Resource sku_tier", "EgressFirewall/Policy intrusion_detection.mode", "EgressFirewall/Policy sku", "EgressFirewall/Resource sku_tier"]);
  });
});
