// The package root as a user imports it: only what users need, and exported defaults that no
// consumer can change for the rest of the process.
import * as root from "hardened-aks";
import { CLUSTER_DEFAULTS, DEFAULT_CONTROL_PLANE_LOG_CATEGORIES, HARDENED_AKS_PACK, NODE_POOL_DEFAULTS, SECURE_NAMESPACE_DEFAULTS } from "hardened-aks";
import { only, resources, synth, testCluster, testStack } from "../helpers";

/** What the root exports at run time that is data, not a class or a function. */
const data = Object.entries(root).filter(([, value]) => typeof value === "object" && value !== null);

/** Static members of exported classes that are shared instances (e.g. `KeyUsage.DISK_ENCRYPTION`). */
const sharedStatics = Object.entries(root)
  .filter(([, value]) => typeof value === "function")
  .flatMap(([name, cls]) =>
    Object.getOwnPropertyNames(cls)
      .filter((key) => !["length", "name", "prototype"].includes(key))
      .map((key) => [`${name}.${key}`, (cls as unknown as Record<string, unknown>)[key]] as const)
      .filter(([, value]) => typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype),
  );

/** The first path under `value` that is not frozen, if any. */
function unfrozenPath(value: unknown, path: string, seen = new Set<unknown>()): string | undefined {
  if (typeof value !== "object" || value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (!Object.isFrozen(value)) return path;
  for (const [key, child] of Object.entries(value)) {
    const found = unfrozenPath(child, `${path}.${key}`, seen);
    if (found) return found;
  }
  return undefined;
}

describe("the package root", () => {
  // Helpers the constructs share, as the issue names them and their kin: each would become
  // API that cannot change without a major release.
  test.each([
    "nodePoolVerdicts",
    "nodePoolShapeVerdicts",
    "resolveNodePool",
    "taintVerdicts",
    "weeklyWindowBlock",
    "maintenanceWindowVerdicts",
    "networkRuleVerdicts",
    "allowedFqdn",
    "requiredFqdnRules",
    "writeReports",
    "violationMessages",
    "renderRulesDocument",
    "lineOfSight",
    "missingWiring",
    "renderDeployPlan",
    "compareParity",
    "securityPosture",
    "planSubnetLayout",
    "parseQuantity",
    "entraGroups",
    "podSecurityLabels",
    "ACKNOWLEDGEMENT_METADATA_TYPE",
    "HARDENED_AKS_RULES",
  ])("does not export the internal %s", (name) => {
    expect(Object.keys(root)).not.toContain(name);
  });

  test("exports what the README and the examples use", () => {
    for (const name of ["HardenedPlatform", "PlatformBaseline", "PlatformEnvironments", "EnvironmentState", "Deployer", "DeployerPrincipal", "Compliance", "EgressAllow", "ValidationError", "disableTokenStackTraces", "renderMarkdownReport", "renderSarifReport"]) {
      expect(root).toHaveProperty(name);
    }
  });

  test("has data exports to check", () => {
    expect(data.map(([name]) => name)).toEqual(expect.arrayContaining(["CLUSTER_DEFAULTS", "NODE_POOL_DEFAULTS", "SECURE_NAMESPACE_DEFAULTS", "HARDENED_AKS_PACK"]));
  });

  test.each(data)("%s is frozen all the way down", (name, value) => {
    expect(unfrozenPath(value, name)).toBeUndefined();
  });

  test("has shared class instances to check", () => {
    expect(sharedStatics.map(([name]) => name)).toEqual(expect.arrayContaining(["KeyUsage.KUBERNETES_KMS", "KeyUsage.DISK_ENCRYPTION"]));
  });

  test.each(sharedStatics)("%s, a shared instance, is frozen all the way down", (name, value) => {
    expect(unfrozenPath(value, name)).toBeUndefined();
  });
});

describe("exported defaults", () => {
  test("assigning to one throws in strict mode and leaves it unchanged", () => {
    // Test files are modules, which run in strict mode: a write to a frozen property throws.
    expect(() => {
      (CLUSTER_DEFAULTS as { skuTier: string }).skuTier = "Free";
    }).toThrow(TypeError);
    expect(() => (NODE_POOL_DEFAULTS.zones as unknown as string[]).pop()).toThrow(TypeError);
    expect(() => {
      (SECURE_NAMESPACE_DEFAULTS.quota as { loadBalancerServices: number }).loadBalancerServices = 10;
    }).toThrow(TypeError);
    expect(() => (DEFAULT_CONTROL_PLANE_LOG_CATEGORIES as string[]).splice(0)).toThrow(TypeError);
    expect(() => (HARDENED_AKS_PACK.rules as unknown[]).splice(0)).toThrow(TypeError);
    expect(CLUSTER_DEFAULTS.skuTier).toBe("Standard");
    expect(NODE_POOL_DEFAULTS.zones).toEqual(["1", "2", "3"]);
    expect(SECURE_NAMESPACE_DEFAULTS.quota.loadBalancerServices).toBe(0);
    expect(DEFAULT_CONTROL_PLANE_LOG_CATEGORIES).toContain("kube-audit-admin");
    expect(HARDENED_AKS_PACK.rules.length).toBeGreaterThan(0);
  });

  test("assigning to one in sloppy mode is ignored", () => {
    // Plain scripts (no "use strict") do not throw on a frozen object: the write is dropped.
    const sloppy = new Function("defaults", 'defaults.skuTier = "Free"; defaults.networkPolicy = "azure"; return defaults.skuTier;') as (defaults: unknown) => unknown;
    expect(sloppy(CLUSTER_DEFAULTS)).toBe("Standard");
    expect(CLUSTER_DEFAULTS.networkPolicy).toBe("cilium");
  });

  test("clusters built after an attempted change still get the secure defaults", () => {
    try {
      (CLUSTER_DEFAULTS as { skuTier: string }).skuTier = "Free";
    } catch {
      // expected: frozen
    }
    try {
      (NODE_POOL_DEFAULTS.zones as unknown as string[]).length = 0;
    } catch {
      // expected: frozen
    }
    const stack = testStack();
    testCluster(stack);
    const json = synth(stack);
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.sku_tier).toBe("Standard");
    expect(aks.default_node_pool.zones).toEqual(["1", "2", "3"]);
    for (const pool of resources(json, "azurerm_kubernetes_cluster_node_pool")) expect(pool.zones).toEqual(["1", "2", "3"]);
  });
});
