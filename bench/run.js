#!/usr/bin/env node
"use strict";
// `npm run bench`: what the library costs where users feel it, and what share of that is the
// library's own work. A report, not a test: the exit code is 0 even when a target is missed,
// unless --check is given.
//
// - synth: `npm run synth` from a clean dist/ and again (tsc is incremental), split into the
//   build and the node step; and what a consumer's project pays to type-check the same app
//   against the built package.
// - synthesis, each run its own process (bench/child.js), scenarios interleaved, medians:
//   the quickstart against a plain cdktf app that declares the same resources with the same
//   generated classes and no library code; 1, 10, 30 and 100 environments in one app.
// - the library's own share of a synthesis: CPU samples (node --cpu-prof) whose innermost
//   frame in a JavaScript package file is in dist/lib/ (validation, compliance evaluation,
//   reports, the constructs' own logic), over the whole process's wall time.
// - `npm test` with a cold and a warm jest cache, and the whole `.ci/run` on a fresh clone.
// The figures go to bench/results/<date>.json and bench/results/latest.json, without any
// path of this machine; the previous latest.json, if any, is shown next to them.
//
//   node bench/run.js [--runs N] [--quick] [--check] [--no-tests] [--no-ci]
const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");
const {
  ROOT,
  median,
  round,
  ratio,
  secs,
  msText,
  mb,
  progress,
  tempDir,
  removeDir,
  childEnv,
  timed,
  lastLines,
  resolveFromProject,
  git,
  packageVersion,
  scrub,
  cpuMeter,
  npmRun,
  runChild,
  measureChildren,
} = require("./lib");

const RESULTS = path.join(__dirname, "results");
const ENVIRONMENT_COUNTS = [1, 10, 30, 100];
const TARGETS = {
  /** The library's own work, as a share of a whole synthesis process. */
  libraryShare: 0.15,
  /** The quickstart's wall time over the plain app's. */
  quickstartOverPlain: 1.15,
  /** The cost of each environment from 30 to 100 over its cost from 1 to 30: linear is 1. */
  marginalGrowth: 1.25,
  npmTestSeconds: 30,
};

// ---------------------------------------------------------------------------------------
// Options

const USAGE = `usage: node bench/run.js [options]
  --runs N     runs of each synthesis scenario (default 5; median reported)
  --quick      3 runs, one profile run, one warm test run, no .ci/run
  --check      exit 1 when a target is missed (default: always 0, it is a report)
  --no-tests   skip npm test and .ci/run
  --no-ci      skip .ci/run on a fresh clone`;

function parseArgs(argv) {
  const opts = { runs: 5, quick: false, check: false, tests: true, ci: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") opts.quick = true;
    else if (arg === "--check") opts.check = true;
    else if (arg === "--no-tests") opts.tests = false;
    else if (arg === "--no-ci") opts.ci = false;
    else if (arg === "--runs" || arg.startsWith("--runs=")) {
      const value = arg === "--runs" ? argv[++i] : arg.slice("--runs=".length);
      opts.runs = Number(value);
      opts.runsGiven = true;
      if (!Number.isInteger(opts.runs) || opts.runs < 1) fail(`--runs needs a positive integer, got '${value}'`);
    } else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option '${arg}'\n${USAGE}`);
  }
  if (opts.quick) {
    if (!opts.runsGiven) opts.runs = 3;
    opts.ci = false;
  }
  opts.profileRuns = opts.quick ? 1 : 3;
  opts.warmTestRuns = opts.quick ? 1 : 2;
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// npm run synth: the build and the node step

function measureSynthCommand() {
  const node = () => {
    const cwd = tempDir("synth");
    try {
      return timed(process.execPath, [path.join(ROOT, "dist", "examples", "quickstart", "main.js")], { cwd, env: childEnv() });
    } finally {
      removeDir(cwd);
    }
  };
  process.stderr.write("npm run build from a clean dist/, then again...\n");
  removeDir(path.join(ROOT, "dist"));
  const cold = npmRun("build");
  const warm = npmRun("build");
  if (!cold.ok) process.stderr.write(`npm run build failed:\n${cold.output}\n`);
  const nodeStep = median([node(), node(), node()].map((r) => r.wallMs));
  return {
    buildColdMs: cold.wallMs,
    buildWarmMs: warm.wallMs,
    nodeStepMs: round(nodeStep),
    synthColdMs: round(cold.wallMs + nodeStep),
    synthWarmMs: round(warm.wallMs + nodeStep),
    tscShareCold: ratio(cold.wallMs, cold.wallMs + nodeStep),
    ok: cold.ok && warm.ok,
    consumerTypecheck: measureConsumerTypecheck(),
  };
}

/**
 * What a consumer's project pays to compile the quickstart against the built package: the
 * example's files in a fresh project whose node_modules holds this project's packages
 * and `hardened-aks` itself, type-checked under `strict` (ts-node in a cdktf app does the same).
 */
function measureConsumerTypecheck() {
  const dir = tempDir("consumer");
  try {
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(path.join(modules, "@cdktf"), { recursive: true });
    for (const name of ["cdktf", "constructs", "@cdktf/provider-azurerm", "@cdktf/provider-kubernetes", "@types"]) {
      fs.symlinkSync(path.join(ROOT, "node_modules", name), path.join(modules, name));
    }
    fs.symlinkSync(ROOT, path.join(modules, "hardened-aks"));
    for (const example of ["quickstart/main.ts", "placeholders.ts"]) {
      fs.mkdirSync(path.join(dir, path.dirname(example)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, "examples", example), path.join(dir, example));
    }
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node10", strict: true, skipLibCheck: true, types: ["node"], noEmit: true },
        files: ["quickstart/main.ts"],
      }),
    );
    const runs = [1, 2, 3].map(() => timed(process.execPath, [resolveFromProject("typescript/bin/tsc"), "-p", "."], { cwd: dir, env: childEnv() }));
    return { wallMs: round(median(runs.map((r) => r.wallMs))), ok: runs.every((r) => r.ok), output: runs[0].ok ? undefined : lastLines(runs[0].stdout) };
  } finally {
    removeDir(dir);
  }
}

// ---------------------------------------------------------------------------------------
// The plain app's input, and the library's share from CPU profiles

/** The quickstart's synthesized stacks, for the plain app (bench/child.js `plain`). */
function writePlainInput(dir) {
  const file = path.join(dir, "quickstart-stacks.json");
  runChild("quickstart", "", {
    keep: (cwd) => {
      const stacksDir = path.join(cwd, "cdktf.out", "stacks");
      const stacks = {};
      for (const name of fs.readdirSync(stacksDir).sort()) {
        stacks[name] = JSON.parse(fs.readFileSync(path.join(stacksDir, name, "cdk.tf.json"), "utf8"));
      }
      fs.writeFileSync(file, JSON.stringify(stacks));
    },
  });
  if (!fs.existsSync(file)) fail("the quickstart did not synthesize: no input for the plain app");
  return file;
}

const LIBRARY = `${path.sep}dist${path.sep}lib${path.sep}`;

/** Who a profile frame's file belongs to: the library, other JavaScript, or no file (native, GC). */
function ownerOf(url) {
  if (!url || url.startsWith("node:")) return null;
  const file = url.startsWith("file://") ? require("url").fileURLToPath(url) : url;
  if (!file.startsWith(ROOT)) return null;
  if (file.includes(LIBRARY)) {
    const rest = file.slice(file.indexOf(LIBRARY) + LIBRARY.length).split(path.sep);
    return `library:${rest.length > 1 ? rest[0] : "index"}`;
  }
  return "other";
}

/**
 * Milliseconds of CPU samples by owner. A sample belongs to the innermost frame on its stack
 * that is in a JavaScript file of the project or its packages: native work (JSON.stringify,
 * regular expressions, fs) counts for the JavaScript that asked for it. Loading modules (the
 * library's own included) counts as loading: a plain app loads the same generated classes.
 */
function attribute(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children || []) parent.set(child, n.id);
  const ownerCache = new Map();
  const owner = (id) => {
    if (ownerCache.has(id)) return ownerCache.get(id);
    let result = "runtime";
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const url = byId.get(at).callFrame.url;
      // Compiling and running a required module's top level happens under Node's loader,
      // called from whoever required it: that is loading, not the requirer's work.
      if (url.startsWith("node:internal/modules/")) {
        result = "loading";
        break;
      }
      const found = ownerOf(url);
      if (found) {
        result = found;
        break;
      }
    }
    ownerCache.set(id, result);
    return result;
  };
  const totals = {};
  profile.samples.forEach((id, i) => {
    const key = owner(id);
    totals[key] = (totals[key] || 0) + (profile.timeDeltas[i] || 0) / 1000;
  });
  return totals;
}

function measureLibraryShare(scenario, argument, runs) {
  const shares = [];
  for (let i = 0; i < runs; i++) {
    progress(`profile ${i + 1}/${runs}: ${scenario} ${argument}`);
    runChild(scenario, argument, {
      nodeArgs: ["--cpu-prof", "--cpu-prof-dir=profile", "--cpu-prof-interval=250"],
      keep: (cwd, result) => {
        const dir = path.join(cwd, "profile");
        const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
        const totals = attribute(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
        const library = Object.entries(totals).filter(([k]) => k.startsWith("library:"));
        const libraryMs = library.reduce((sum, [, ms]) => sum + ms, 0);
        shares.push({
          share: libraryMs / result.totalMs,
          libraryMs,
          wallMs: result.totalMs,
          byFolder: Object.fromEntries(library.map(([k, ms]) => [k.slice("library:".length), ms])),
        });
      },
    });
  }
  if (process.stderr.isTTY) process.stderr.write("\r".padEnd(71) + "\r");
  if (shares.length === 0) return { ok: false };
  const byShare = [...shares].sort((a, b) => a.share - b.share);
  const mid = byShare[Math.floor(byShare.length / 2)];
  return {
    ok: true,
    runs: shares.length,
    share: round(mid.share, 3),
    libraryMs: round(mid.libraryMs),
    wallMs: round(mid.wallMs),
    byFolderMs: Object.fromEntries(Object.entries(mid.byFolder).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v)])),
  };
}

// ---------------------------------------------------------------------------------------
// Tests and CI

/** Runs jest as `npm test` does (CI=true), with its own cache directory. */
function runJest(cacheDir) {
  const outFile = path.join(path.dirname(cacheDir), `jest-${crypto.randomUUID()}.json`);
  const args = [resolveFromProject("jest/bin/jest"), "--ci", "--cacheDirectory", cacheDir, "--json", "--outputFile", outFile];
  const run = timed(process.execPath, args, { cwd: ROOT, env: childEnv({ CI: "true" }) });
  let counts = null;
  try {
    const report = JSON.parse(fs.readFileSync(outFile, "utf8"));
    counts = { suites: report.numTotalTestSuites, tests: report.numTotalTests, passed: report.numPassedTests, failed: report.numFailedTests };
  } catch {
    // no report: jest did not get that far; the output below says why
  }
  fs.rmSync(outFile, { force: true });
  return { wallMs: round(run.wallMs), ok: run.ok, counts, output: run.ok ? undefined : lastLines(run.stderr || run.stdout) };
}

function measureTests(opts) {
  const base = tempDir("jest");
  try {
    process.stderr.write("npm test, cold jest cache...\n");
    const cold = runJest(path.join(base, "cache"));
    const warm = [];
    for (let i = 1; i <= opts.warmTestRuns; i++) {
      process.stderr.write(`npm test, warm jest cache ${i}/${opts.warmTestRuns}...\n`);
      warm.push(runJest(path.join(base, "cache")));
    }
    return { cold, warm: { wallMs: round(median(warm.map((w) => w.wallMs))), runs: warm.length, ok: warm.every((w) => w.ok) } };
  } finally {
    removeDir(base);
  }
}

/** `.ci/run` as CI runs it: a fresh clone of the committed HEAD, CI=true, `npm ci` included. */
function measureCi() {
  const dir = tempDir("ci");
  try {
    process.stderr.write(".ci/run on a fresh clone of HEAD...\n");
    const clone = timed("git", ["clone", "--quiet", "--no-hardlinks", ROOT, path.join(dir, "repo")], { env: childEnv() });
    if (!clone.ok) return { ok: false, output: lastLines(clone.stderr) };
    const run = timed("bash", [".ci/run"], { cwd: path.join(dir, "repo"), env: childEnv({ CI: "true" }) });
    return { wallMs: round(run.wallMs), ok: run.ok, commit: git(["rev-parse", "--short=12", "HEAD"]), output: run.ok ? undefined : lastLines(run.stdout + run.stderr) };
  } finally {
    removeDir(dir);
  }
}

// ---------------------------------------------------------------------------------------
// Report

function readPrevious() {
  try {
    return JSON.parse(fs.readFileSync(path.join(RESULTS, "latest.json"), "utf8"));
  } catch {
    return null;
  }
}

function get(object, keys) {
  return keys.split(".").reduce((o, k) => (o == null ? undefined : o[k]), object);
}

function printTable(rows, header) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells) => "  " + cells.map((c, i) => (i === 0 ? String(c ?? "").padEnd(widths[i]) : String(c ?? "").padStart(widths[i]))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function report(results, previous) {
  const m = results.machine;
  const prev = (keys, format) => {
    const value = previous ? get(previous, keys) : undefined;
    return value == null ? "" : format(value);
  };
  console.log("");
  console.log(
    `hardened-aks bench: ${m.cpus} CPU (${m.cpuModel}), ${(m.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB, node ${m.node}; ` +
      `${results.options.runs} runs, medians; commit ${results.git.commit || "n/a"}${results.git.dirty ? " (modified)" : ""}`,
  );
  const busy = Object.entries(m.otherWork || {}).filter(([, w]) => w && w.othersShare > 0.1);
  if (busy.length) {
    console.log(`note: other processes used the CPU during ${busy.map(([k, w]) => `${k} (${Math.round(w.othersShare * 100)} %)`).join(", ")}: those figures are inflated`);
  }

  const s = results.synthCommand;
  console.log("\nnpm run synth");
  printTable(
    [
      ["from a clean dist/ (tsc cold + node)", secs(s.synthColdMs), `tsc ${secs(s.buildColdMs)}`, prev("synthCommand.synthColdMs", secs)],
      ["again (tsc incremental + node)", secs(s.synthWarmMs), `tsc ${secs(s.buildWarmMs)}`, prev("synthCommand.synthWarmMs", secs)],
      ["the node step alone", secs(s.nodeStepMs), "", prev("synthCommand.nodeStepMs", secs)],
      ["a consumer's tsc of the quickstart against the package", secs(s.consumerTypecheck.wallMs), "", prev("synthCommand.consumerTypecheck.wallMs", secs)],
    ],
    ["", "wall", "of which", "previous"],
  );

  const row = (label, r, key) => [
    label,
    secs(get(r, "wallMs")),
    msText(get(r, "loadMs")),
    msText(get(r, "buildMs")),
    msText(get(r, "synthMs")),
    mb(get(r, "maxRssKb")),
    get(r, "output.resources") ?? "",
    prev(`synthesis.${key}.wallMs`, secs),
  ];
  const syn = results.synthesis;
  console.log("\nsynthesis, one process each");
  printTable(
    [
      row("node alone", syn.node, "node"),
      row("empty cdktf app", syn.empty, "empty"),
      row("plain app: quickstart's resources, generated classes, no library", syn.plain, "plain"),
      row("quickstart", syn.quickstart, "quickstart"),
      ...ENVIRONMENT_COUNTS.map((n) => row(`${n} environment${n > 1 ? "s" : ""} in one app`, syn[`environments${n}`], `environments${n}`)),
    ],
    ["", "wall", "load", "construct", "synth", "peak RSS", "resources", "previous"],
  );
  const g = results.growth;
  console.log(`  each environment adds ${msText(g.perEnvironmentMs1to30)} (1 to 30) and ${msText(g.perEnvironmentMs30to100)} (30 to 100), ${mb(g.perEnvironmentRssKb)} of peak memory`);

  console.log("\nthe library's own share of a synthesis (CPU samples in dist/lib over the process's wall time)");
  printTable(
    Object.entries(results.libraryShare).map(([label, r]) => [
      label,
      r.ok ? `${(r.share * 100).toFixed(1)} %` : "n/a",
      msText(r.libraryMs),
      secs(r.wallMs),
      r.ok ? Object.entries(r.byFolderMs).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v)}`).join(", ") : "",
    ]),
    ["", "share", "library", "process", "by folder (ms)"],
  );

  if (results.tests) {
    const t = results.tests;
    console.log("\ntests and CI");
    printTable(
      [
        [`npm test, cold jest cache (${get(t, "cold.counts.tests") ?? "?"} tests)`, secs(t.cold.wallMs), t.cold.ok ? "" : "FAILED", prev("tests.cold.wallMs", secs)],
        ["npm test, warm jest cache", secs(t.warm.wallMs), t.warm.ok ? "" : "FAILED", prev("tests.warm.wallMs", secs)],
        ...(results.ci ? [[".ci/run on a fresh clone (npm ci included)", secs(results.ci.wallMs), results.ci.ok ? "" : "FAILED", prev("ci.wallMs", secs)]] : []),
      ],
      ["", "wall", "", "previous"],
    );
  }

  console.log("\ntargets");
  printTable(
    results.targets.map((t) => [t.name, t.value ?? "n/a", t.target, t.pass == null ? "not measured" : t.pass ? "met" : "MISSED"]),
    ["", "measured", "target", ""],
  );
}

// ---------------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const previous = readPrevious();
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: (os.cpus()[0] && os.cpus()[0].model.trim()) || "unknown",
      totalMemoryBytes: os.totalmem(),
      platform: `${process.platform}-${process.arch}`,
      node: process.version,
      loadAverageAtStart: round(os.loadavg()[0], 2),
    },
    git: { commit: git(["rev-parse", "--short=12", "HEAD"]), dirty: git(["status", "--porcelain"]) ? true : false },
    versions: Object.fromEntries(["cdktf", "@cdktf/provider-azurerm", "@cdktf/provider-kubernetes", "typescript", "jest"].map((n) => [n, packageVersion(n)])),
    options: { runs: opts.runs, quick: opts.quick },
  };
  const otherWork = {};

  let meter = cpuMeter();
  results.synthCommand = measureSynthCommand();
  otherWork.synthCommand = meter();
  if (!results.synthCommand.ok) fail("npm run build failed");

  const inputs = tempDir("plain-input");
  try {
    const plainInput = writePlainInput(inputs);
    process.stderr.write(`synthesis, ${opts.runs} runs each...\n`);
    const scenarios = [
      { key: "node", scenario: "node", label: "node alone" },
      { key: "empty", scenario: "empty", label: "empty app" },
      { key: "plain", scenario: "plain", argument: plainInput, label: "plain app" },
      { key: "quickstart", scenario: "quickstart", label: "quickstart" },
      ...ENVIRONMENT_COUNTS.map((n) => ({ key: `environments${n}`, scenario: "environments", argument: n, label: `${n} environments` })),
    ];
    meter = cpuMeter();
    results.synthesis = measureChildren(scenarios, opts.runs);
    otherWork.synthesis = meter();
  } finally {
    removeDir(inputs);
  }
  const wall = (n) => get(results.synthesis, `environments${n}.wallMs`);
  const rss = (n) => get(results.synthesis, `environments${n}.maxRssKb`);
  const per = (a, b) => (wall(a) == null || wall(b) == null ? null : round((wall(b) - wall(a)) / (b - a)));
  results.growth = {
    perEnvironmentMs1to30: per(1, 30),
    perEnvironmentMs30to100: per(30, 100),
    marginalGrowth: ratio(per(30, 100), per(1, 30)),
    perEnvironmentRssKb: rss(100) == null || rss(1) == null ? null : Math.round((rss(100) - rss(1)) / 99),
    environments100OverEnvironments1: ratio(wall(100), wall(1)),
  };

  process.stderr.write(`the library's share, ${opts.profileRuns} profiled runs each...\n`);
  meter = cpuMeter();
  results.libraryShare = {
    quickstart: measureLibraryShare("quickstart", "", opts.profileRuns),
    "30 environments": measureLibraryShare("environments", 30, opts.profileRuns),
  };
  otherWork.libraryShare = meter();

  if (opts.tests) {
    meter = cpuMeter();
    results.tests = measureTests(opts);
    otherWork.tests = meter();
    if (opts.ci) {
      meter = cpuMeter();
      results.ci = measureCi();
      otherWork.ci = meter();
    }
  }

  const quickstartOverPlain = ratio(get(results.synthesis, "quickstart.wallMs"), get(results.synthesis, "plain.wallMs"));
  const shares = Object.values(results.libraryShare).map((r) => r.share).filter((v) => v != null);
  const worstShare = shares.length ? Math.max(...shares) : null;
  const testSeconds = results.tests ? round(results.tests.cold.wallMs / 1000, 1) : null;
  const identical = get(results.synthesis, "quickstart.output.identicalAcrossRuns");
  const target = (name, value, limit, pass) => ({ name, value, target: limit, pass: value == null ? null : pass });
  results.targets = [
    target("library's own share of a synthesis (worst scenario)", worstShare, `<= ${TARGETS.libraryShare}`, worstShare <= TARGETS.libraryShare),
    target("quickstart / plain app with the same resources", quickstartOverPlain, `<= ${TARGETS.quickstartOverPlain}`, quickstartOverPlain <= TARGETS.quickstartOverPlain),
    target("per-environment cost, 30-100 over 1-30 (linear = 1)", results.growth.marginalGrowth, `<= ${TARGETS.marginalGrowth}`, results.growth.marginalGrowth <= TARGETS.marginalGrowth),
    target("npm test, cold jest cache (s)", testSeconds, `< ${TARGETS.npmTestSeconds}`, results.tests && testSeconds < TARGETS.npmTestSeconds && results.tests.cold.ok),
    target("quickstart output identical across runs", identical == null ? null : identical ? "yes" : "no", "yes", identical === true),
  ];
  results.quickstartSha256 = get(results.synthesis, "quickstart.output.sha256") || null;
  results.machine.loadAverageAtEnd = round(os.loadavg()[0], 2);
  results.machine.otherWork = otherWork;

  report(results, previous);
  if (previous && previous.quickstartSha256 && results.quickstartSha256) {
    const same = previous.quickstartSha256 === results.quickstartSha256;
    console.log(`\nquickstart output ${same ? "is byte-identical to" : "differs from"} the previous results' (sha256 ${results.quickstartSha256.slice(0, 16)}...)`);
  }

  fs.mkdirSync(RESULTS, { recursive: true });
  const json = JSON.stringify(scrub(results), null, 2) + "\n";
  const stamp = results.date.replace(/\.\d+Z$/, "Z").replace(/:/g, "");
  fs.writeFileSync(path.join(RESULTS, `${stamp}.json`), json);
  fs.writeFileSync(path.join(RESULTS, "latest.json"), json);
  console.log(`figures written to bench/results/${stamp}.json and bench/results/latest.json`);

  const missed = results.targets.filter((t) => t.pass === false);
  if (!get(results.synthesis, "quickstart.ok")) process.exitCode = 1;
  if (opts.check && missed.length) {
    console.log(`--check: ${missed.length} target(s) missed`);
    process.exitCode = 1;
  }
}

main();
