import { App, Aspects, TerraformResource, Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { KubernetesCluster as GeneratedKubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import {
  ClusterEgress,
  Compliance,
  ClusterEncryption,
  EnvironmentState,
  HardenedCluster,
  PlatformEnvironments,
  ValidationError,
  type EnvironmentDefinition,
  type ParityException,
} from "hardened-aks";
import { ADMIN_GROUP_ID, PLACEMENT, TENANT_ID, testNetwork } from "../helpers";

interface Sizing {
  readonly maxCount: number;
  readonly skuTier?: "Standard" | "Free";
  readonly localAccounts?: boolean;
}

const STATE = EnvironmentState.azurerm({ resourceGroupName: "rg-tfstate", storageAccountName: "sttfstate", containerName: "tfstate" });

function env(name: string, space: string, sizing: Sizing = { maxCount: 5 }, extra: Partial<EnvironmentDefinition<Sizing>> = {}): EnvironmentDefinition<Sizing> {
  return { name, addressPlan: { spoke: space }, sizing, state: STATE, ...extra };
}

/** Small platform: a network and a cluster per environment. */
function platforms(environments: EnvironmentDefinition<Sizing>[], parityExceptions: ParityException[] = [], app: App = Testing.app()) {
  const platform = new PlatformEnvironments<Sizing>(app, {
    environments,
    parityExceptions,
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
        userPools: { apps: { vmSize: "Standard_D4ds_v5", maxCount: e.sizing.maxCount } },
      });
      if (e.sizing.localAccounts) cluster.resource.addOverride("local_account_disabled", false);
    },
  });
  return { app, platform };
}

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack, true));

describe("PlatformEnvironments", () => {
  test("creates one stack per environment and role, named <environment>-<role>", () => {
    const { app } = platforms([env("dev", "10.240.0.0/16"), env("prod", "10.242.0.0/16")]);
    expect(app.node.children.filter(TerraformStack.isStack).map((s) => s.node.id)).toEqual(["dev-platform", "prod-platform"]);
  });

  test("gives each stack its own remote state, authenticated with Entra ID (OPS-2)", () => {
    const { platform } = platforms([env("dev", "10.240.0.0/16"), env("prod", "10.242.0.0/16")]);
    expect(synth(platform.environments[1].stacks.platform).terraform.backend).toEqual({
      azurerm: { resource_group_name: "rg-tfstate", storage_account_name: "sttfstate", container_name: "tfstate", key: "prod-platform.tfstate", use_azuread_auth: true },
    });
  });

  test("protects production clusters from destroy, and only those (OPS-3)", () => {
    const { platform } = platforms([env("dev", "10.240.0.0/16"), env("prod", "10.242.0.0/16", undefined, { production: true })]);
    const cluster = (stack: TerraformStack) => Object.values(synth(stack).resource.azurerm_kubernetes_cluster)[0] as Record<string, any>;
    expect(cluster(platform.environments[1].stacks.platform).lifecycle.prevent_destroy).toBe(true);
    expect(cluster(platform.environments[0].stacks.platform).lifecycle.prevent_destroy).toBeUndefined();
  });

  test("Compliance.evaluate sees the protection before any synthesis: it runs the aspects as synthesis does (OPS-3)", () => {
    const { platform } = platforms([env("prod", "10.242.0.0/16", undefined, { production: true })]);
    const stack = platform.environments[0].stacks.platform;
    const ops3 = () => Compliance.evaluate(stack).rules.find((r) => r.rule.id === "OPS-3")!;
    const cluster = () => ops3().resources.find((r) => r.address.startsWith("azurerm_kubernetes_cluster."));
    expect(cluster()).toMatchObject({ status: "pass" });
    // Repeatable: a second evaluation and a synthesis see the same.
    expect(cluster()).toMatchObject({ status: "pass" });
    expect(Object.values(synth(stack).resource.azurerm_kubernetes_cluster).map((c: any) => c.lifecycle.prevent_destroy)).toEqual([true]);
  });

  test("protects a cluster a production stack adds itself with the provider's generated class too (OPS-3)", () => {
    const platform = new PlatformEnvironments<Sizing>(Testing.app(), {
      environments: [env("prod", "10.242.0.0/16", undefined, { production: true })],
      define: (e) => {
        const stack = e.stack("platform");
        new AzurermProvider(stack, "azurerm", { features: [{}] });
        new GeneratedKubernetesCluster(stack, "Own", { ...PLACEMENT, name: "aks-own", defaultNodePool: { name: "system", vmSize: "Standard_D4ds_v5" } });
      },
    });
    const json = JSON.parse(Testing.synth(platform.environments[0].stacks.platform));
    expect(json.resource.azurerm_kubernetes_cluster.Own.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("passes parity when environments differ only in names, sizes and address ranges (OPS-1)", () => {
    const { app, platform } = platforms([env("dev", "10.240.0.0/16", { maxCount: 3 }), env("stage", "10.241.0.0/16", { maxCount: 10 }), env("prod", "10.242.0.0/16", { maxCount: 30 })]);
    expect(platform.parityViolations("platform")).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  // Names that occur inside ordinary words of the Terraform: "latest", "westeurope",
  // "northeurope", "AzureActiveDirectory", "Standard_D4ds_v5", ... Identical environments
  // must still pass, and a real difference must still be caught.
  describe.each(["test", "west", "eu", "ad", "a", "e0"])("an environment named '%s'", (name) => {
    test("passes parity against an identical environment, through a full synthesis", () => {
      const { app, platform } = platforms([env(name, "10.240.0.0/16"), env("prod", "10.242.0.0/16")]);
      expect(platform.parityViolations("platform")).toEqual([]);
      expect(() => app.synth()).not.toThrow();
    });

    test("still fails synthesis on a real difference", () => {
      const { app } = platforms([env(name, "10.240.0.0/16", { maxCount: 3, skuTier: "Free" }), env("prod", "10.242.0.0/16")]);
      expect(() => app.synth()).toThrow(new RegExp(`OPS-1 parity: the 'platform' stacks differ at Cluster/Resource \\(azurerm_kubernetes_cluster\\) sku_tier: ${name}="Free", prod="Standard"`));
    });
  });

  test("fails synthesis when one environment weakens a control, naming the resource, attribute and values", () => {
    const { app, platform } = platforms([env("dev", "10.240.0.0/16", { maxCount: 3, skuTier: "Free" }), env("prod", "10.242.0.0/16")]);
    // The Free tier has no cost analysis (MON-5), so the tier's difference brings that one.
    expect(platform.parityViolations("platform")).toEqual([
      expect.stringMatching(/^OPS-1 parity: the 'platform' stacks differ at Cluster\/Resource \(azurerm_kubernetes_cluster\) cost_analysis_enabled: dev=false, prod=true\./),
      expect.stringMatching(/^OPS-1 parity: the 'platform' stacks differ at Cluster\/Resource \(azurerm_kubernetes_cluster\) sku_tier: dev="Free", prod="Standard"\./),
    ]);
    expect(() => app.synth()).toThrow(/OPS-1 parity: the 'platform' stacks differ at Cluster\/Resource \(azurerm_kubernetes_cluster\) sku_tier: dev="Free", prod="Standard"/);
  });

  test("compares what the stacks synthesize, after each stack's aspects ran", () => {
    // An aspect weakens prod's cluster only when prod's stack is synthesized: a comparison
    // made before prod's aspects ran would see two equal clusters.
    const { app, platform } = platforms([env("dev", "10.240.0.0/16"), env("prod", "10.242.0.0/16")]);
    Aspects.of(platform.environments[1].stacks.platform).add({
      visit: (node) => {
        if (node instanceof TerraformResource && node.terraformResourceType === "azurerm_kubernetes_cluster") node.addOverride("local_account_disabled", false);
      },
    });
    expect(() => app.synth()).toThrow(/OPS-1 parity: .* local_account_disabled: dev=true, prod=false/);
    expect(platform.parityViolations("platform")).toEqual([expect.stringContaining("local_account_disabled: dev=true, prod=false")]);
  });

  test("resolves each stack once per synthesis, for its Terraform file, the compliance rules and parity", () => {
    const { app } = platforms([env("dev", "10.240.0.0/16"), env("stage", "10.241.0.0/16"), env("prod", "10.242.0.0/16")]);
    Compliance.check(app, { failOnViolation: false });
    const resolve = jest.spyOn(TerraformStack.prototype, "toTerraform");
    try {
      app.synth();
      expect(resolve.mock.contexts.map((stack) => (stack as TerraformStack).node.id)).toEqual(["dev-platform", "stage-platform", "prod-platform"]);
      // A second synthesis compares its own stacks again, once each.
      resolve.mockClear();
      app.synth();
      expect(resolve).toHaveBeenCalledTimes(3);
    } finally {
      resolve.mockRestore();
    }
  });

  test("checks parity again on every synthesis: a difference introduced since the last one fails the next", () => {
    const { app, platform } = platforms([env("dev", "10.240.0.0/16"), env("prod", "10.242.0.0/16")]);
    app.synth();
    const dev = platform.environments[0].stacks.platform.node.findChild("Cluster") as HardenedCluster;
    dev.resource.addOverride("sku_tier", "Free");
    expect(() => app.synth()).toThrow(/OPS-1 parity: .* sku_tier: dev="Free", prod="Standard"/);
  });

  test("sees a control weakened through an escape-hatch override", () => {
    const { platform } = platforms([env("dev", "10.240.0.0/16", { maxCount: 3, localAccounts: true }), env("prod", "10.242.0.0/16")]);
    expect(platform.parityViolations("platform")).toEqual([expect.stringContaining("local_account_disabled: dev=false, prod=true")]);
  });

  test("accepts a difference covered by a parity exception with its reason", () => {
    const { platform } = platforms(
      [env("dev", "10.240.0.0/16", { maxCount: 3, skuTier: "Free" }), env("prod", "10.242.0.0/16")],
      [
        { resource: "Cluster/Resource", attribute: "sku_tier", reason: "No paid SLA tier in dev: it holds no customer traffic." },
        { resource: "Cluster/Resource", attribute: "cost_analysis_enabled", reason: "AKS has no cost analysis on the Free tier." },
      ],
    );
    expect(platform.parityViolations("platform")).toEqual([]);
  });

  test("local state is an explicit opt-out with a reason", () => {
    expect(() => EnvironmentState.localForTrial("")).toThrow(/reason must say why state stays on the machine that runs Terraform, in at least 10 characters/);
    const local = EnvironmentState.localForTrial("Trying the library out on a laptop.");
    const { platform } = platforms([env("dev", "10.240.0.0/16", undefined, { state: local })]);
    expect(synth(platform.environments[0].stacks.platform).terraform.backend).toEqual({ local: { path: "../../../terraform.dev-platform.tfstate" } });
  });
});

describe("PlatformEnvironments rejects bad input", () => {
  const cases: Array<[string, EnvironmentDefinition<Sizing>[], RegExp]> = [
    ["no environment", [], /environments must not be empty/],
    ["a name with capitals", [env("Dev", "10.240.0.0/16")], /environments\[0\]\.name must be a short lowercase label.*got 'Dev'/],
    ["a name that is too long", [env("development1", "10.240.0.0/16")], /environments\[0\]\.name must be a short lowercase label/],
    ["a name with a hyphen", [env("pre-prod", "10.240.0.0/16")], /got 'pre-prod'/],
    ["two environments with the same name", [env("dev", "10.240.0.0/16"), env("dev", "10.241.0.0/16")], /environments\[1\]\.name 'dev' is used twice/],
    ["a spoke range that is not a CIDR", [env("dev", "10.240.0.1/16")], /environments\[0\]\.addressPlan\.spoke must be an IPv4 CIDR/],
    ["a hub range that is not a CIDR", [env("dev", "10.240.0.0/16", undefined, { addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0" } })], /environments\[0\]\.addressPlan\.hub must be an IPv4 CIDR/],
    [
      "a hub inside its own spoke",
      [env("dev", "10.240.0.0/16", undefined, { addressPlan: { spoke: "10.240.0.0/16", hub: "10.240.1.0/24" } })],
      /environments\[0\]\.addressPlan\.spoke '10\.240\.0\.0\/16' overlaps environments\[0\]\.addressPlan\.hub '10\.240\.1\.0\/24': in environment 'dev' the spoke and the hub are peered/,
    ],
    [
      "one environment's hub inside another's spoke",
      [env("dev", "10.240.0.0/16"), env("prod", "10.242.0.0/16", undefined, { addressPlan: { spoke: "10.242.0.0/16", hub: "10.240.5.0/24" } })],
      /environments\[0\]\.addressPlan\.spoke '10\.240\.0\.0\/16' overlaps environments\[1\]\.addressPlan\.hub '10\.240\.5\.0\/24': peered environments \('dev', 'prod'\) need distinct ranges/,
    ],
    [
      "overlapping address spaces of peered environments",
      [env("dev", "10.240.0.0/16"), env("prod", "10.240.128.0/17")],
      /environments\[0\]\.addressPlan\.spoke '10\.240\.0\.0\/16' overlaps environments\[1\]\.addressPlan\.spoke '10\.240\.128\.0\/17': peered environments/,
    ],
  ];
  test.each(cases)("rejects %s", (_name, environments, message) => {
    expect(() => platforms(environments)).toThrow(message);
    expect(() => platforms(environments)).toThrow(ValidationError);
  });

  test("allows overlapping address spaces when the environments are never peered", () => {
    const app = Testing.app();
    expect(
      () =>
        new PlatformEnvironments<Sizing>(app, {
          peered: false,
          environments: [env("dev", "10.240.0.0/16"), env("prod", "10.240.0.0/16")],
          define: (e) => {
            new AzurermProvider(e.stack("platform"), "azurerm", { features: [{}] });
          },
        }),
    ).not.toThrow();
  });

  test("rejects environments that do not create the same stacks", () => {
    const app = Testing.app();
    expect(
      () =>
        new PlatformEnvironments<Sizing>(app, {
          environments: [env("dev", "10.240.0.0/16"), env("prod", "10.242.0.0/16")],
          define: (e) => {
            e.stack("platform");
            if (e.name === "prod") e.stack("baseline");
          },
        }),
    ).toThrow(/environment 'prod' has stacks \[baseline, platform\] but 'dev' has \[platform\]/);
  });
});
