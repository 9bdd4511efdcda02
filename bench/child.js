"use strict";
// One measurement in its own process, started by bench/run.js with plain `node`:
//
//   node bench/child.js <scenario> [count|file]
//
// It loads, builds and synthesizes one scenario from the compiled output in dist/, then
// prints one JSON line on stdout with the phase times (milliseconds on the process's own
// clock, which starts before Node's bootstrap) and the peak resident set size.
// The working directory is a fresh temporary directory: apps write to ./cdktf.out.
//
// Scenarios:
//   node          nothing at all: the cost of starting Node
//   empty         an empty cdktf app: App + one empty TerraformStack with a LocalBackend
//   quickstart    dist/examples/quickstart/main.js: buildQuickstart(app)
//   plain <file>  the same resources as the quickstart, declared with the same generated
//                 classes and no library code: <file> is the JSON that bench/run.js
//                 wrote from the quickstart's synthesized stacks (see plainApp below)
//   environments <count>
//                 PlatformEnvironments with <count> environments in one App, each defined
//                 with the multi-env example's definition (defineEnvironment): 2 stacks
//                 per environment
const fs = require("fs");
const path = require("path");

const started = performance.now();
const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const OUTDIR = "cdktf.out";

/** Requires a package the way the project resolves it (its node_modules). */
function fromProject(id) {
  return require(require.resolve(id, { paths: [ROOT] }));
}

function example(name) {
  return require(path.join(DIST, "examples", name));
}

/** The generated class of a resource or data source type, found by its `tfResourceType`. */
function generatedClass(type, dataSource) {
  const [provider, ...rest] = type.split("_");
  const file = dataSource ? `data-${provider}-${rest.join("-")}` : rest.join("-");
  const module = fromProject(`@cdktf/provider-${provider}/lib/${file}`);
  const found = Object.values(module).find((value) => typeof value === "function" && value.tfResourceType === type);
  if (!found) throw new Error(`no generated class for ${type}`);
  return found;
}

/**
 * The plain app: each stack of the quickstart's synthesized Terraform declared again with the
 * provider bindings' generated classes and cdktf alone. Every attribute is set as written in
 * the synthesized JSON (`addOverride`), so the app declares exactly the same resources, data
 * sources, providers, backends and outputs, with no library code: what a user who wrote the
 * quickstart by hand would run, without validation and without compliance reports.
 */
function plainApp(cdktf, stacks) {
  const app = new cdktf.App({ outdir: OUTDIR });
  const override = (element, config) => {
    for (const [key, value] of Object.entries(config)) if (key !== "//") element.addOverride(key, value);
  };
  for (const [name, json] of Object.entries(stacks)) {
    const stack = new cdktf.TerraformStack(app, name);
    new cdktf.LocalBackend(stack, json.terraform.backend.local);
    for (const [provider, configs] of Object.entries(json.provider || {})) {
      const Provider = Object.values(fromProject(`@cdktf/provider-${provider}/lib/provider`)).find((v) => typeof v === "function");
      configs.forEach((config, i) => override(new Provider(stack, `${provider}${i || ""}`, {}), config));
    }
    for (const [type, byName] of Object.entries(json.data || {})) {
      for (const [id, config] of Object.entries(byName)) {
        if (type === "terraform_remote_state") override(new cdktf.DataTerraformRemoteStateLocal(stack, id, {}), config);
        else override(new (generatedClass(type, true))(stack, id, {}), config);
      }
    }
    for (const [type, byName] of Object.entries(json.resource || {})) {
      const Resource = generatedClass(type, false);
      for (const [id, config] of Object.entries(byName)) override(new Resource(stack, id, {}), config);
    }
    for (const [id, output] of Object.entries(json.output || {})) new cdktf.TerraformOutput(stack, id, output);
  }
  return app;
}

/** Environments' address plans that never overlap each other, the service or the pod range. */
function environment(i, state) {
  return {
    name: `env${String(i).padStart(3, "0")}`,
    addressPlan: { spoke: `10.${i}.0.0/16`, hub: `10.200.${i}.0/24` },
    sizing: { userPools: { apps: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 6 } } },
    state,
  };
}

const scenario = process.argv[2];
const argument = process.argv[3];

let app;
let loaded;
let built;
switch (scenario) {
  case "node": {
    loaded = built = performance.now();
    break;
  }
  case "empty": {
    const { App, LocalBackend, TerraformStack } = fromProject("cdktf");
    loaded = performance.now();
    app = new App({ outdir: OUTDIR });
    new LocalBackend(new TerraformStack(app, "empty"), { path: "terraform.empty.tfstate" });
    built = performance.now();
    break;
  }
  case "quickstart": {
    const { App } = fromProject("cdktf");
    const { buildQuickstart } = example("quickstart/main.js");
    loaded = performance.now();
    app = buildQuickstart(new App({ outdir: OUTDIR }));
    built = performance.now();
    break;
  }
  case "plain": {
    const cdktf = fromProject("cdktf");
    const stacks = JSON.parse(fs.readFileSync(argument, "utf8"));
    // The classes a hand-written app would import at its top.
    for (const json of Object.values(stacks)) {
      for (const type of Object.keys(json.resource || {})) generatedClass(type, false);
    }
    loaded = performance.now();
    app = plainApp(cdktf, stacks);
    built = performance.now();
    break;
  }
  case "environments": {
    const { App } = fromProject("cdktf");
    const { PlatformEnvironments, EnvironmentState, Compliance, disableTokenStackTraces } = require(path.join(DIST, "lib", "index.js"));
    const { defineEnvironment } = example("multi-env/main.js");
    loaded = performance.now();
    disableTokenStackTraces();
    app = new App({ outdir: OUTDIR });
    const state = EnvironmentState.azurerm({ resourceGroupName: "rg-platform-tfstate", storageAccountName: "stplatformtfstate", containerName: "tfstate" });
    const count = Number(argument || "1");
    new PlatformEnvironments(app, { environments: Array.from({ length: count }, (_, i) => environment(i + 1, state)), define: defineEnvironment });
    Compliance.check(app);
    built = performance.now();
    break;
  }
  default:
    throw new Error(`unknown scenario '${scenario}'`);
}
if (app) app.synth();
const finished = performance.now();

process.stdout.write(
  JSON.stringify({
    startMs: started, // Node's own bootstrap, before this file ran
    loadMs: loaded - started,
    buildMs: built - loaded,
    synthMs: finished - built,
    totalMs: finished,
    maxRssKb: process.resourceUsage().maxRSS, // kilobytes, as Node reports it
  }) + "\n",
);
