"use strict";
// One measurement in its own process, started by bench/run.js with plain `node`:
//
//   node bench/child.js <scenario> [count]
//
// It loads, builds and synthesizes one scenario from the compiled output in dist/, then
// prints one JSON line on stdout with the phase times (milliseconds on the process's own
// clock, which starts before Node's bootstrap) and the peak resident set size.
// The working directory is a fresh temporary directory: apps write to ./cdktf.out.
//
// Scenarios:
//   node         nothing at all: the cost of starting Node
//   empty        the floor: App + one empty TerraformStack with a relative LocalBackend
//   quickstart   dist/examples/quickstart/main.js: buildQuickstart(app)
//   multi-env    dist/examples/multi-env/main.js: buildMultiEnv(app). Contract: the example
//                exports `buildMultiEnv(app: App): App`, which adds all its stacks to `app`
//                and does not synthesize (like buildQuickstart).
//   stacks       <count> copies of the quickstart platform (its Azure and in-cluster stacks)
//                in one App: `buildQuickstart(app, "quickstart-<i>")` for i = 1..<count>.
//   import-root  require("@cdktf/provider-azurerm"): the package root
//   import-deep  require("@cdktf/provider-azurerm/lib/kubernetes-cluster"): one deep path
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
  return require(path.join(DIST, "examples", name, "main.js"));
}

const scenario = process.argv[2];
const count = Number(process.argv[3] || "1");

let apps = [];
let mode;
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
    const app = new App({ outdir: OUTDIR });
    apps.push(app);
    const stack = new TerraformStack(app, "empty");
    new LocalBackend(stack, { path: "terraform.empty.tfstate" });
    built = performance.now();
    break;
  }
  case "quickstart": {
    const { App } = fromProject("cdktf");
    const { buildQuickstart } = example("quickstart");
    loaded = performance.now();
    apps.push(buildQuickstart(new App({ outdir: OUTDIR })));
    built = performance.now();
    break;
  }
  case "multi-env": {
    const { App } = fromProject("cdktf");
    const { buildMultiEnv } = example("multi-env");
    if (typeof buildMultiEnv !== "function") {
      throw new Error("examples/multi-env/main.ts does not export buildMultiEnv(app)");
    }
    loaded = performance.now();
    apps.push(buildMultiEnv(new App({ outdir: OUTDIR })));
    built = performance.now();
    break;
  }
  case "stacks": {
    const { App } = fromProject("cdktf");
    const { buildQuickstart } = example("quickstart");
    loaded = performance.now();
    mode = "stacks in one app";
    const app = new App({ outdir: OUTDIR });
    apps.push(app);
    for (let i = 1; i <= count; i++) buildQuickstart(app, `quickstart-${i}`);
    built = performance.now();
    break;
  }
  case "import-root": {
    fromProject("@cdktf/provider-azurerm");
    loaded = built = performance.now();
    break;
  }
  case "import-deep": {
    fromProject("@cdktf/provider-azurerm/lib/kubernetes-cluster");
    loaded = built = performance.now();
    break;
  }
  default:
    throw new Error(`unknown scenario '${scenario}'`);
}
for (const app of apps) app.synth();
const finished = performance.now();

process.stdout.write(
  JSON.stringify({
    startMs: started, // Node's own bootstrap, before this file ran
    loadMs: loaded - started,
    buildMs: built - loaded,
    synthMs: finished - built,
    totalMs: finished,
    maxRssKb: process.resourceUsage().maxRSS, // kilobytes, as Node reports it
    mode,
  }) + "\n",
);
