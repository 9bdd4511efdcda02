// The library writes its azurerm and Kubernetes resources without the providers' generated
// classes (lib/private/json-resource.ts). This proves the Terraform is the same as the
// generated classes write: both examples are synthesized twice, once as the library ships
// and once with lib/private/azurerm and lib/private/kubernetes replaced by the generated
// classes, and every file of the output must be byte-identical. `npm run test:bindings`
// (CI) compares every resource every test writes (compare-with-generated.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformOutput, TerraformResource, TerraformStack, Testing } from "cdktf";
import * as libraryAzurerm from "../../lib/private/azurerm";
import * as libraryKubernetes from "../../lib/private/kubernetes";
import { snakeCase, type AttributeNaming } from "../../lib/private/json-resource";
import * as generatedAzurerm from "./generated-azurerm";
import * as generatedKubernetes from "./generated-kubernetes";

type Bindings = "library" | "generated";

const ROOT = path.resolve(__dirname, "..", "..");

const EXAMPLES: Record<string, { module: string; build: string }> = {
  quickstart: { module: "../../examples/quickstart/main", build: "buildQuickstart" },
  "multi-env": { module: "../../examples/multi-env/main", build: "buildMultiEnv" },
};

/** Synthesizes an example in a fresh module registry; returns every output file by relative path. */
function synthesize(example: string, bindings: Bindings): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `bindings-${bindings}-`));
  try {
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports -- a fresh module registry per synthesis */
      if (bindings === "generated") {
        jest.doMock("../../lib/private/azurerm", () => jest.requireActual("./generated-azurerm"));
        jest.doMock("../../lib/private/kubernetes", () => jest.requireActual("./generated-kubernetes"));
      }
      const cdktf = require("cdktf") as typeof import("cdktf");
      require("../../lib/performance").disableTokenStackTraces();
      const { module, build } = EXAMPLES[example];
      const app: App = require(module)[build](new cdktf.App({ outdir, stackTraces: false }));
      app.synth();
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
    return readTree(outdir);
  } finally {
    jest.dontMock("../../lib/private/azurerm");
    jest.dontMock("../../lib/private/kubernetes");
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full), fs.readFileSync(full, "utf8"));
    }
  };
  walk(root);
  return files;
}

describe.each(Object.keys(EXAMPLES))("the %s example", (example) => {
  const library = synthesize(example, "library");
  const generated = synthesize(example, "generated");

  test("writes the same files with the library's resources as with the generated classes", () => {
    expect([...library.keys()]).toEqual([...generated.keys()]);
    expect([...library.keys()].filter((file) => file.endsWith("cdk.tf.json")).length).toBeGreaterThanOrEqual(2);
  });

  test("writes every file byte for byte as the generated classes do", () => {
    for (const [file, content] of library) {
      const reference = generated.get(file) ?? "";
      // A readable difference first (JSON), then the exact bytes.
      if (file.endsWith(".json")) expect({ file, json: JSON.parse(content) }).toEqual({ file, json: JSON.parse(reference) });
      expect({ file, same: content === reference }).toEqual({ file, same: true });
    }
  });
});

describe("the library's resource classes", () => {
  test.each([
    ["azurerm", libraryAzurerm, generatedAzurerm],
    ["kubernetes", libraryKubernetes, generatedKubernetes],
  ] as const)("stand in for the %s provider's generated classes of the same name, resource type and provider version", (_provider, library, generated) => {
    expect(Object.keys(library).sort()).toEqual(Object.keys(generated).sort());
    const stack = new TerraformStack(Testing.app(), "standIn");
    const described = (classes: object, name: string, id: string) => {
      const cls = (classes as Record<string, (new (...args: unknown[]) => { terraformGeneratorMetadata?: unknown }) & { tfResourceType: string }>)[name];
      return { name, type: cls.tfResourceType, generator: name === "KubernetesProvider" ? undefined : new cls(stack, id, {}).terraformGeneratorMetadata };
    };
    for (const name of Object.keys(library)) expect(described(library, name, `${name}-library`)).toEqual(described(generated, name, `${name}-generated`));
  });

  test.each([
    ["azurerm", libraryAzurerm, "generated-azurerm.ts"],
    ["kubernetes", libraryKubernetes, "generated-kubernetes.ts"],
  ] as const)("name attributes as the %s bindings do: maps and irregular names", (_provider, library, reference) => {
    // Where each class's generated counterpart lives, from the reference module's re-exports.
    const modules = new Map(
      [...fs.readFileSync(path.join(__dirname, reference), "utf8").matchAll(/export \{ (?:\w+ as )?(\w+) \} from "([^"]+)";/g)].map((m) => [m[1], m[2]]),
    );
    const stack = new TerraformStack(Testing.app(), "naming");
    const written: Record<string, { maps: string[]; renamed: Record<string, string> }> = {};
    const bindings: typeof written = {};
    for (const [name, cls] of Object.entries(library) as [string, new (...args: unknown[]) => unknown][]) {
      if (name === "KubernetesProvider") continue;
      const dir = path.dirname(require.resolve(`${modules.get(name)}/index.js`));
      const files = ["index", ...(fs.existsSync(path.join(dir, "index-structs")) ? fs.readdirSync(path.join(dir, "index-structs")).filter((f) => f.endsWith(".js")).map((f) => `index-structs/${f.slice(0, -3)}`) : [])];
      const read = (extension: string) => files.map((file) => fs.readFileSync(path.join(dir, file + extension), "utf8")).join("\n");
      // Maps: the declarations type them `{ [key: string]: ... }`.
      const maps = [...new Set([...read(".d.ts").matchAll(/readonly (\w+)\??: \{\s*\[key: string\]/g)].map((m) => m[1]))].sort();
      // Names: every `terraform_name: ...(struct.camelName)` the generated JSON writers hold.
      const renamed: Record<string, string> = {};
      let pairs = 0;
      for (const [, terraformName, camelName] of read(".js").matchAll(/^\s+(\w+): .*?\((?:struct|this)\._?(\w+)(?:\.internalValue)?\)?,?$/gm)) {
        if (terraformName === "value") continue; // the HCL writers' shape, not an attribute
        pairs++;
        const camel = camelName.charAt(0).toLowerCase() + camelName.slice(1);
        if (snakeCase(camel) !== terraformName) renamed[camel] = terraformName;
      }
      expect({ name, pairs: pairs > 0 }).toEqual({ name, pairs: true });
      bindings[name] = { maps, renamed };
      const naming = (new cls(stack, name, {}) as { naming: AttributeNaming }).naming;
      written[name] = { maps: [...naming.mapAttributes].sort(), renamed: { ...naming.renamedAttributes } };
    }
    expect(written).toEqual(bindings);
  });

  test.each([
    ["azurerm", libraryAzurerm, generatedAzurerm, { KubernetesCluster: ["kubeConfig.get(0).host", "kubeletIdentity.objectId", "oidcIssuerUrl"] }],
    ["kubernetes", libraryKubernetes, generatedKubernetes, { ClusterRoleV1: ["metadata.name"] }],
  ] as const)("read the same Terraform references through their getters as the generated %s classes", (_provider, library, generated, sample) => {
    // Every getter the library's classes add (id, name, kubeConfig.get(0).host, ...), read
    // the same way on an instance of each class.
    const getters = (instance: object): string[] => {
      const names = new Set<string>();
      for (let proto = Object.getPrototypeOf(instance); proto && proto !== TerraformResource.prototype; proto = Object.getPrototypeOf(proto)) {
        for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (descriptor.get) names.add(name);
      }
      return [...names].sort();
    };
    const paths = (value: unknown, path: string): string[] =>
      typeof value === "string"
        ? [path]
        : typeof (value as { get?: unknown }).get === "function"
          ? paths((value as { get(i: number): unknown }).get(0), `${path}.get(0)`)
          : Object.keys(value as object).flatMap((key) => paths((value as Record<string, unknown>)[key], `${path}.${key}`));
    const read = (value: unknown, path: string): unknown =>
      path.split(".").reduce((v: any, step) => (step === "get(0)" ? v.get(0) : v[step]), value);
    const outputs = (classes: Record<string, unknown>, pathsOf: Record<string, string[]>) => {
      const stack = new TerraformStack(new App({ outdir: os.tmpdir() }), "getters");
      for (const [name, cls] of Object.entries(classes)) {
        if (name === "KubernetesProvider") continue;
        const instance = new (cls as new (...args: unknown[]) => object)(stack, name, {});
        for (const path of pathsOf[name]) new TerraformOutput(stack, `${name}-${path}`.replace(/[^A-Za-z0-9-]/g, "-"), { value: read(instance, path) });
      }
      return stack.toTerraform().output;
    };
    const stack = new TerraformStack(new App({ outdir: os.tmpdir() }), "shapes");
    const pathsOf = Object.fromEntries(
      Object.entries(library)
        .filter(([name]) => name !== "KubernetesProvider")
        .map(([name, cls]) => {
          const instance = new (cls as new (...args: unknown[]) => object)(stack, name, {});
          return [name, getters(instance).flatMap((getter) => paths((instance as Record<string, unknown>)[getter], getter))];
        }),
    );
    for (const [name, expected] of Object.entries(sample)) expect(pathsOf[name]).toEqual(expect.arrayContaining([...expected]));
    expect(outputs(library, pathsOf)).toEqual(outputs(generated, pathsOf));
  });

  test("are the only way the library reaches the providers: type-only imports by deep path, and the Kubernetes provider class", () => {
    const runtimeImports: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".ts")) {
          const source = fs.readFileSync(full, "utf8");
          for (const statement of source.match(/^(?:import|export)\b[^;]*?from "@cdktf\/provider-[^"]*";/gms) ?? []) {
            const typeOnly = /^(?:import|export) type\b/.test(statement);
            const module = statement.match(/"([^"]+)"$/m)?.[1] ?? statement.match(/"([^"]+)";$/)?.[1] ?? "";
            expect({ file: path.relative(ROOT, full), module, deep: /^@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+$/.test(module) }).toEqual({
              file: path.relative(ROOT, full),
              module,
              deep: true,
            });
            if (!typeOnly) runtimeImports.push(`${path.relative(ROOT, full)}: ${module}`);
          }
        }
      }
    };
    walk(path.join(ROOT, "lib"));
    expect(runtimeImports).toEqual([path.join("lib", "private", "kubernetes", "index.ts") + ": @cdktf/provider-kubernetes/lib/provider"]);
  });
});
