#!/usr/bin/env node
"use strict";
// How synthesis grows with the number of environments of one PlatformEnvironments, built
// with the multi-env example's definition (an Azure and an in-cluster stack per
// environment, the parity check and Compliance.check(app)), and what each compliance report
// format costs. A report, not a test; run `npm run build` first.
//
//   node bench/environments.js [--runs N] [--envs 1,10,30,100]
//
// Each measurement runs in its own process (this file with --child), the runs of all sizes
// interleaved; medians are printed. Besides the times it counts how often a stack is
// resolved (`toTerraform`, `toHclTerraform`), and times rendering and writing each report
// format inside the synthesis.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SELF = path.join(__dirname, "environments.js");
const REPORT_FILES = { "compliance-report.json": "json", "compliance-report.md": "markdown", "compliance-report.sarif": "sarif" };

function fromProject(id) {
  return require(require.resolve(id, { paths: [ROOT] }));
}

/** One measurement: builds `count` environments, synthesizes, prints one JSON line. */
function child(count) {
  const started = performance.now();
  const { App, TerraformStack } = fromProject("cdktf");
  const lib = require(path.join(ROOT, "dist", "lib", "index.js"));
  const reports = require(path.join(ROOT, "dist", "lib", "compliance", "reports.js"));
  const { defineEnvironment } = require(path.join(ROOT, "dist", "examples", "multi-env", "main.js"));

  let resolutions = 0;
  for (const name of ["toTerraform", "toHclTerraform"]) {
    const original = TerraformStack.prototype[name];
    TerraformStack.prototype[name] = function (...args) {
      resolutions++;
      return original.apply(this, args);
    };
  }
  const costMs = { json: 0, markdown: 0, sarif: 0 };
  for (const [format, name] of [["json", "renderJsonReport"], ["markdown", "renderMarkdownReport"], ["sarif", "renderSarifReport"]]) {
    const original = reports[name];
    reports[name] = function (...args) {
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        costMs[format] += performance.now() - start;
      }
    };
  }
  const write = fs.writeFileSync;
  fs.writeFileSync = function (file, ...args) {
    const format = REPORT_FILES[path.basename(String(file))];
    if (!format) return write.call(this, file, ...args);
    const start = performance.now();
    try {
      return write.call(this, file, ...args);
    } finally {
      costMs[format] += performance.now() - start;
    }
  };
  const loaded = performance.now();

  lib.disableTokenStackTraces();
  const app = new App({ outdir: "cdktf.out" });
  const state = lib.EnvironmentState.azurerm({ resourceGroupName: "rg-platform-tfstate", storageAccountName: "stplatformtfstate", containerName: "tfstate" });
  new lib.PlatformEnvironments(app, {
    environments: Array.from({ length: count }, (_, i) => {
      const name = i === count - 1 ? "prod" : `env${i}`;
      const apps = { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 6 + i };
      return { name, production: name === "prod", addressPlan: { spoke: `10.${100 + i}.0.0/16`, hub: `172.16.${i}.0/24` }, sizing: { userPools: { apps } }, state };
    }),
    define: defineEnvironment,
  });
  lib.Compliance.check(app);
  const built = performance.now();
  app.synth();
  const finished = performance.now();

  const bytes = { terraform: 0, json: 0, markdown: 0, sarif: 0 };
  const stacks = path.join("cdktf.out", "stacks");
  for (const stack of fs.readdirSync(stacks)) {
    for (const file of fs.readdirSync(path.join(stacks, stack))) {
      const size = fs.statSync(path.join(stacks, stack, file)).size;
      if (file === "cdk.tf.json") bytes.terraform += size;
      else if (REPORT_FILES[file]) bytes[REPORT_FILES[file]] += size;
    }
  }
  const line = { stacks: 2 * count, resolutions, loadMs: loaded - started, buildMs: built - loaded, synthMs: finished - built, totalMs: finished, costMs, bytes };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function parent(argv) {
  let runs = 5;
  let counts = [1, 10, 30, 100];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--envs") counts = argv[++i].split(",").map(Number);
    else {
      console.error("usage: node bench/environments.js [--runs N] [--envs 1,10,30,100]");
      process.exit(2);
    }
  }
  if (!fs.existsSync(path.join(ROOT, "dist", "lib", "index.js"))) {
    console.error("bench/environments.js measures dist/: run `npm run build` first");
    process.exit(2);
  }
  const results = Object.fromEntries(counts.map((count) => [count, []]));
  for (let run = 0; run < runs; run++) {
    for (const count of counts) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-bench-envs-"));
      const result = spawnSync(process.execPath, [SELF, "--child", String(count)], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      fs.rmSync(dir, { recursive: true, force: true });
      if (result.status !== 0) {
        console.error(`${count} environments failed:\n${(result.stderr || "").split(dir).join("<tmp>").slice(-4000)}`);
        process.exit(1);
      }
      results[count].push(JSON.parse(result.stdout));
    }
  }
  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
  console.log(`medians of ${runs} runs; report cost is rendering and writing, inside the synthesis`);
  console.log("| environments | stacks | resolutions | synth | whole process | JSON report | Markdown | SARIF | bytes: Terraform / JSON / Markdown / SARIF |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const count of counts) {
    const rows = results[count];
    const ms = (pick) => `${Math.round(median(rows.map(pick)))} ms`;
    const { bytes } = rows[0];
    console.log(
      `| ${count} | ${rows[0].stacks} | ${rows[0].resolutions} | ${ms((r) => r.synthMs)} | ${ms((r) => r.totalMs)} | ` +
        `${ms((r) => r.costMs.json)} | ${ms((r) => r.costMs.markdown)} | ${ms((r) => r.costMs.sarif)} | ` +
        `${kb(bytes.terraform)} / ${kb(bytes.json)} / ${kb(bytes.markdown)} / ${kb(bytes.sarif)} |`,
    );
  }
}

if (process.argv[2] === "--child") child(Number(process.argv[3]));
else parent(process.argv.slice(2));
