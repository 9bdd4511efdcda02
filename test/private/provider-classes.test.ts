// Every resource the library creates is an instance of the provider bindings' generated
// class, so what cdktf teaches users works on it: `instanceof` in their own aspects, the
// generated setters, `put*`/`reset*` methods and `*Input` getters on the `resource` escape
// hatches, and cdktf's HCL output.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Aspects, TerraformResource, TerraformStack, Testing, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { HardenedCluster } from "hardened-aks";
import { buildQuickstart } from "../../examples/quickstart/main";
import { buildMultiEnv } from "../../examples/multi-env/main";

const ROOT = path.resolve(__dirname, "..", "..");

/** A class, as `instanceof` takes it. */
type AnyClass = abstract new (...args: never[]) => unknown;

/** The generated class of a resource type, found in its bindings package by its `tfResourceType`. */
function generatedClassOf(type: string): AnyClass {
  const [provider, ...rest] = type.split("_");
  const module = `@cdktf/provider-${provider}/lib/${rest.join("-")}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- looked up by the resource's type
  const exports = require(module) as Record<string, unknown>;
  const found = Object.values(exports).find((value) => typeof value === "function" && (value as { tfResourceType?: string }).tfResourceType === type);
  if (!found) throw new Error(`no generated class with tfResourceType '${type}' in ${module}`);
  return found as AnyClass;
}

/** Every construct of the app that exposes a `resource` escape hatch, by construct path. */
function escapeHatches(app: App): Map<string, TerraformResource> {
  const found = new Map<string, TerraformResource>();
  for (const node of app.node.findAll()) {
    const resource = (node as { resource?: unknown }).resource;
    if (resource instanceof TerraformResource) found.set(node.node.path, resource);
  }
  return found;
}

describe("the library's resources are the provider's generated classes", () => {
  test.each([
    ["quickstart", () => buildQuickstart(Testing.app())],
    ["multi-env", () => buildMultiEnv(Testing.app())],
  ])("every construct's resource in the %s example is an instance of its generated class", (_name, build) => {
    const hatches = escapeHatches(build());
    // Every domain of the library is represented, not a handful of constructs.
    expect(hatches.size).toBeGreaterThan(20);
    const types = new Set<string>();
    for (const [constructPath, resource] of hatches) {
      types.add(resource.terraformResourceType);
      expect({ constructPath, generated: resource instanceof generatedClassOf(resource.terraformResourceType) }).toEqual({ constructPath, generated: true });
    }
    expect([...types]).toEqual(expect.arrayContaining(["azurerm_kubernetes_cluster", "azurerm_key_vault", "azurerm_firewall", "kubernetes_namespace_v1"]));
  });

  test("every resource of the quickstart, not only the escape hatches, is a generated class instance", () => {
    const app = buildQuickstart(Testing.app());
    const all = app.node.findAll().filter((node): node is TerraformResource => node instanceof TerraformResource);
    expect(all.length).toBeGreaterThan(80);
    const notGenerated = all.filter((resource) => !(resource instanceof generatedClassOf(resource.terraformResourceType))).map((r) => r.node.path);
    expect(notGenerated).toEqual([]);
  });

  test("a user's guardrail aspect finds the library's clusters and pools with instanceof and reads their inputs", () => {
    const seen: { clusters: string[]; pools: string[]; localAccountDisabled: unknown[] } = { clusters: [], pools: [], localAccountDisabled: [] };
    // Written the way cdktf's documentation teaches a policy aspect.
    class ClusterGuardrail implements IAspect {
      visit(node: IConstruct): void {
        if (node instanceof KubernetesCluster) {
          seen.clusters.push(node.node.path);
          seen.localAccountDisabled.push(node.localAccountDisabledInput);
        }
        if (node instanceof KubernetesClusterNodePool) seen.pools.push(node.nameInput ?? "");
      }
    }
    const app = buildQuickstart(Testing.app());
    // cdktf applies the aspects of each stack and its children (not the App's).
    const guardrail = new ClusterGuardrail();
    for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) Aspects.of(stack).add(guardrail);
    app.synth();
    expect(seen.clusters).toHaveLength(1);
    expect(seen.localAccountDisabled).toEqual([true]);
    expect(seen.pools.length).toBeGreaterThanOrEqual(1);
  });

  test("the escape hatch has the generated surface: setters and put/reset methods change the Terraform", () => {
    const app = buildQuickstart(Testing.app());
    const cluster = app.node.findAll().find((node): node is HardenedCluster => node instanceof HardenedCluster)!;
    cluster.resource.costAnalysisEnabled = true;
    cluster.resource.putAutoScalerProfile({ balanceSimilarNodeGroups: true });
    cluster.resource.resetRunCommandEnabled();
    const json = JSON.parse(Testing.synth(TerraformStack.of(cluster)));
    const written = Object.values(json.resource.azurerm_kubernetes_cluster)[0] as Record<string, unknown>;
    expect(written.cost_analysis_enabled).toBe(true);
    expect(written.auto_scaler_profile).toEqual({ balance_similar_node_groups: true });
    expect(written).not.toHaveProperty("run_command_enabled");
  });

  test("the library imports the provider bindings only by deep path, and only in lib/private/azurerm.ts, kubernetes.ts and time.ts", () => {
    const imports: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".ts")) {
          const source = fs.readFileSync(full, "utf8");
          for (const match of source.matchAll(/^(?:import|export)\b[^;]*?from "(@cdktf\/provider-[^"]*)";/gms)) {
            const file = path.relative(ROOT, full).split(path.sep).join("/");
            expect({ file, module: match[1], deep: /^@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+$/.test(match[1]) }).toEqual({ file, module: match[1], deep: true });
            imports.push(file);
          }
        }
      }
    };
    walk(path.join(ROOT, "lib"));
    expect([...new Set(imports)].sort()).toEqual(["lib/private/azurerm.ts", "lib/private/kubernetes.ts", "lib/private/time.ts"]);
  });
});

describe("cdktf's HCL output", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-hcl-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  // As the cdktf CLI runs an app whose cdktf.json says "hclOutput": true: cdktf 0.21's stacks
  // read SYNTH_HCL_OUTPUT when they are created (the App's hclOutput alone names the file
  // cdk.tf but writes JSON into it).
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true";
  let app: App;
  try {
    app = buildQuickstart(new App({ outdir, hclOutput: true, stackTraces: false }));
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  app.synth();
  const hcl = fs.readFileSync(path.join(outdir, "stacks", "quickstart", "cdk.tf"), "utf8");
  const json = (JSON.parse(Testing.synth(app.node.findChild("quickstart") as TerraformStack)) as { resource: Record<string, Record<string, Record<string, unknown>>> });

  test("writes the stacks as HCL, not JSON", () => {
    expect(fs.existsSync(path.join(outdir, "stacks", "quickstart", "cdk.tf.json"))).toBe(false);
    expect(hcl).toMatch(/^resource "azurerm_kubernetes_cluster" "[A-Za-z0-9_]+" \{$/m);
    expect(hcl.trimStart().startsWith("{")).toBe(false);
  });

  test("the cluster block carries every security attribute the JSON carries", () => {
    const [name, cluster] = Object.entries(json.resource.azurerm_kubernetes_cluster)[0];
    const block = hcl.slice(hcl.indexOf(`resource "azurerm_kubernetes_cluster" "${name}" {`));
    // cdktf writes HCL unindented: the block ends where the next top-level block starts.
    const next = block.slice(1).search(/\n(resource|data|output|provider|terraform|locals|variable|module) /);
    const body = next < 0 ? block : block.slice(0, next + 1);
    const scalars = Object.entries(cluster).filter(([, value]) => ["boolean", "number"].includes(typeof value) || (typeof value === "string" && !value.includes("${")));
    expect(scalars.map(([key]) => key)).toEqual(expect.arrayContaining(["local_account_disabled", "private_cluster_enabled", "run_command_enabled", "azure_policy_enabled"]));
    for (const [key, value] of scalars) {
      expect(body).toMatch(new RegExp(`^\\s*${key}\\s*= ${escapeRegExp(JSON.stringify(value))}$`, "m"));
    }
    expect(body).toMatch(/^\s*azure_rbac_enabled\s*= true$/m);
  });

  test("the compliance reports are still written next to the HCL", () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "quickstart", "compliance-report.json"), "utf8"));
    expect(report.summary).toEqual(expect.objectContaining({ fail: 0 }));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
