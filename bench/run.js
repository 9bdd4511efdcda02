#!/usr/bin/env node
"use strict";
// `npm run bench`: what synthesis, the tests and the type-check cost on this machine, and
// how the cost grows with the number of stacks. A report, not a test: the exit code is 0
// even when a target is missed, unless --check is given.
//
// It runs `npm run build` once, then measures the compiled JS with plain `node`, each
// measurement in its own child process (bench/child.js), several runs of each, interleaved
// so that a change in the machine's load hits every scenario alike; it reports medians.
// The figures go to bench/results/<date>.json and bench/results/latest.json, without any
// path of this machine; the previous latest.json, if any, is shown next to them.
//
//   node bench/run.js [--runs N] [--quick] [--check] [--no-build] [--no-tests] [--no-typed-jest]
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const CHILD = path.join(__dirname, "child.js");
const PEAK_RSS = path.join(__dirname, "peak-rss.js");
const STACK_COUNTS = [1, 3, 10, 30];
const TARGETS = { quickstartOverFloor: 2, stacks30OverStacks1: 10, npmTestSeconds: 30 };

// ---------------------------------------------------------------------------------------
// Options

const USAGE = `usage: node bench/run.js [options]
  --runs N          runs of each synthesis and import measurement (default 5; median reported)
  --quick           3 runs, one test run, no jest-with-type-checking comparison
  --check           exit 1 when a target is missed (default: always 0, it is a report)
  --no-build        do not run \`npm run build\` first (use the dist/ that is there)
  --no-tests        skip the jest and tsc measurements
  --no-typed-jest   skip the jest-with-type-checking comparison`;

function parseArgs(argv) {
  const opts = { runs: 5, quick: false, check: false, build: true, tests: true, typedJest: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") opts.quick = true;
    else if (arg === "--check") opts.check = true;
    else if (arg === "--no-build") opts.build = false;
    else if (arg === "--no-tests") opts.tests = false;
    else if (arg === "--no-typed-jest") opts.typedJest = false;
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
    opts.typedJest = false;
  }
  // The slower, steadier measurements (whole test suite, tsc) need fewer runs.
  opts.toolRuns = opts.quick ? 1 : Math.min(opts.runs, 3);
  opts.warmTestRuns = opts.quick ? 1 : 2;
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// Helpers

function median(values) {
  const sorted = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value, digits = 1) => (value == null ? null : Number(value.toFixed(digits)));
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : round(a / b, 2));
const secs = (ms) => (ms == null ? "n/a" : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);
const msText = (ms) => (ms == null ? "n/a" : `${Math.round(ms)} ms`);
const mb = (kb) => (kb == null ? "n/a" : `${Math.round(kb / 1024)} MB`);
const bytesText = (bytes) =>
  bytes == null ? "n/a" : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A progress line that rewrites itself on a terminal; nothing in a log. */
function progress(text) {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${text}`.padEnd(70));
}

function tempDir(label) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hardened-aks-bench-${label}-`));
}

function removeDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The environment of every child: this one without cdktf's own settings (outdir, context). */
function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (key.startsWith("CDKTF_")) delete env[key];
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs a command to completion; returns its wall time in ms, exit status and output. */
function timed(command, args, options) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...options });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return {
    wallMs,
    status: result.status,
    ok: result.status === 0,
    stdout: result.stdout || "",
    stderr: (result.stderr || "") + (result.error ? String(result.error) : ""),
  };
}

function lastLines(text, count = 15) {
  return text
    // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
    .replace(/\u001b\[[0-9;]*m/g, "") // colours
    .trim()
    .split(/\r?\n/)
    .filter((line) => !line.startsWith("Test results written to"))
    .slice(-count)
    .join("\n");
}

function resolveFromProject(id) {
  return require.resolve(id, { paths: [ROOT] });
}

function git(args) {
  const result = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(resolveFromProject(`${name}/package.json`), "utf8")).version;
  } catch {
    return null;
  }
}

/** Replaces this machine's paths in every string of `value` (error messages can carry them). */
function scrub(value) {
  const paths = [ROOT, os.tmpdir(), safeRealpath(os.tmpdir()), os.homedir()]
    .filter((p) => p && p.length > 1)
    .sort((a, b) => b.length - a.length);
  const names = { [ROOT]: "<repo>", [os.homedir()]: "<home>" };
  const clean = (text) => paths.reduce((t, p) => t.split(p).join(names[p] || "<tmp>"), text);
  if (typeof value === "string") return clean(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  }
  return value;
}

function safeRealpath(p) {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/**
 * CPU used by other processes while a section ran, from /proc (Linux): the machine's busy
 * time minus this process's and its waited-for children's. Elsewhere: null.
 */
function cpuMeter() {
  const read = () => {
    try {
      const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
      const busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu[7] || 0); // user nice system irq softirq steal
      const self = fs.readFileSync("/proc/self/stat", "utf8");
      const fields = self.slice(self.lastIndexOf(")") + 2).split(" ").map(Number);
      const ours = fields[11] + fields[12] + fields[13] + fields[14]; // utime stime cutime cstime
      return { busy, ours, at: process.hrtime.bigint() };
    } catch {
      return null;
    }
  };
  const start = read();
  return () => {
    const end = read();
    if (!start || !end) return null;
    const ticksPerSecond = 100; // USER_HZ
    const othersSec = Math.max(0, end.busy - start.busy - (end.ours - start.ours)) / ticksPerSecond;
    const wallSec = Number(end.at - start.at) / 1e9;
    return { othersCpuSeconds: round(othersSec, 1), othersShare: round(othersSec / (wallSec * os.cpus().length), 2) };
  };
}

// ---------------------------------------------------------------------------------------
// Build

function build() {
  // `npm run build`, through the npm that runs us when there is one.
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && npmCli.endsWith(".js")
      ? [process.execPath, [npmCli, "run", "build", "--silent"]]
      : [process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "--silent"]];
  const run = timed(command, args, { cwd: ROOT, env: childEnv(), shell: process.platform === "win32" });
  return { wallMs: round(run.wallMs), ok: run.ok, output: run.ok ? undefined : lastLines(run.stdout + run.stderr) };
}

// ---------------------------------------------------------------------------------------
// Synthesis and import measurements: one child process per run

/** Files under `dir`, relative, with forward slashes, sorted. */
function listFiles(dir, prefix = "") {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) files.push(rel);
  }
  return files.sort();
}

/**
 * Hashes and sizes everything an app wrote to its outdir (manifest, every stack's
 * cdk.tf.json and whatever else synthesis puts next to it), and counts the resources.
 */
function inspectOutput(outdir) {
  if (!fs.existsSync(outdir)) return null;
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  let resources = 0;
  let stacks = 0;
  const files = listFiles(outdir);
  for (const file of files) {
    const content = fs.readFileSync(path.join(outdir, file));
    hash.update(`${file}\n${content.length}\n`).update(content);
    bytes += content.length;
    if (path.posix.basename(file) === "cdk.tf.json") {
      stacks += 1;
      const json = JSON.parse(content.toString("utf8"));
      for (const byType of Object.values(json.resource || {})) resources += Object.keys(byType).length;
    }
  }
  return { stacks, resources, files: files.length, bytes, sha256: hash.digest("hex") };
}

function runChild(scenario, count) {
  const cwd = tempDir(scenario);
  try {
    const run = timed(process.execPath, [CHILD, scenario, String(count || 1)], { cwd, env: childEnv() });
    if (!run.ok) return { ok: false, error: lastLines(run.stderr || run.stdout) };
    const line = run.stdout.trim().split(/\r?\n/).pop();
    return { ok: true, wallMs: run.wallMs, ...JSON.parse(line), output: inspectOutput(path.join(cwd, "cdktf.out")) };
  } finally {
    removeDir(cwd);
  }
}

function summarize(runs) {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) return { ok: false, error: runs[0] && runs[0].error };
  const pick = (key) => round(median(ok.map((r) => r[key])));
  const hashes = [...new Set(ok.map((r) => r.output && r.output.sha256).filter(Boolean))];
  return {
    ok: ok.length === runs.length,
    runs: ok.length,
    wallMs: pick("wallMs"),
    startMs: pick("startMs"),
    loadMs: pick("loadMs"),
    buildMs: pick("buildMs"),
    synthMs: pick("synthMs"),
    maxRssKb: Math.round(median(ok.map((r) => r.maxRssKb))),
    mode: ok[0].mode,
    minWallMs: round(Math.min(...ok.map((r) => r.wallMs))),
    maxWallMs: round(Math.max(...ok.map((r) => r.wallMs))),
    output: ok[0].output ? { ...ok[0].output, identicalAcrossRuns: hashes.length === 1 } : undefined,
    error: ok.length === runs.length ? undefined : runs.find((r) => !r.ok).error,
  };
}

function measureChildren(scenarios, runs) {
  const collected = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  // One untimed warm-up of each (file cache), then `runs` rounds, scenarios interleaved.
  for (let turn = 0; turn <= runs; turn++) {
    for (const s of scenarios) {
      progress(`${turn === 0 ? "warm-up" : `run ${turn}/${runs}`}: ${s.label}`);
      const result = runChild(s.scenario, s.count);
      if (turn > 0 || !result.ok) collected[s.key].push(result);
    }
  }
  if (process.stderr.isTTY) process.stderr.write("\r".padEnd(71) + "\r");
  return Object.fromEntries(scenarios.map((s) => [s.key, summarize(collected[s.key])]));
}

// ---------------------------------------------------------------------------------------
// Tests and type-check

/** Runs jest as `npm test` does (CI=true), with its own cache directory. */
function runJest(cacheDir, { configJson, maxWorkers } = {}) {
  const outFile = path.join(cacheDir, "..", `jest-${crypto.randomUUID()}.json`);
  const args = [resolveFromProject("jest/bin/jest"), "--ci", "--cacheDirectory", cacheDir, "--json", "--outputFile", outFile];
  if (configJson) args.push("--config", configJson);
  if (maxWorkers) args.push(`--maxWorkers=${maxWorkers}`);
  const run = timed(process.execPath, args, { cwd: ROOT, env: childEnv({ CI: "true" }) });
  let counts = null;
  try {
    const report = JSON.parse(fs.readFileSync(outFile, "utf8"));
    counts = {
      suites: report.numTotalTestSuites,
      tests: report.numTotalTests,
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      slowestFiles: report.testResults
        .map((t) => ({
          file: path.relative(ROOT, t.name).split(path.sep).join("/"),
          ms: t.endTime - t.startTime,
          tests: t.assertionResults.length,
        }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5),
    };
  } catch {
    // no report: jest did not get that far; the output below says why
  }
  fs.rmSync(outFile, { force: true });
  return { wallMs: round(run.wallMs), ok: run.ok, counts, output: run.ok ? undefined : lastLines(run.stderr || run.stdout) };
}

/** jest.config.js with ts-jest type-checking every file (isolatedModules off, diagnostics on). */
function typeCheckingJestConfig() {
  const config = { ...require(path.join(ROOT, "jest.config.js")), rootDir: ROOT };
  config.transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: true, tsconfig: { isolatedModules: false } }] };
  return JSON.stringify(config);
}

function measureTests(opts) {
  const base = tempDir("jest");
  try {
    process.stderr.write("  npm test (jest), cold cache...\n");
    const cold = runJest(path.join(base, "cache"));
    const warm = [];
    for (let i = 1; i <= opts.warmTestRuns; i++) {
      process.stderr.write(`  npm test (jest), warm cache ${i}/${opts.warmTestRuns}...\n`);
      warm.push(runJest(path.join(base, "cache")));
    }
    // jest's default is one worker fewer than the CPUs: on 2 CPUs, one worker, in band.
    const cpus = os.cpus().length;
    let allCpus = null;
    if (!opts.quick && cpus > 1) {
      process.stderr.write(`  npm test (jest) with --maxWorkers=${cpus}, cold cache...\n`);
      allCpus = { maxWorkers: cpus, ...runJest(path.join(base, "all-cpus-cache"), { maxWorkers: cpus }) };
    }
    let typed = null;
    if (opts.typedJest) {
      process.stderr.write("  jest with type-checking (ts-jest, isolatedModules off), cold cache...\n");
      typed = runJest(path.join(base, "typed-cache"), { configJson: typeCheckingJestConfig() });
    }
    // Comparable only when both ran the same tests: a type error fails whole suites.
    const sameTests = (r) => r && r.counts && cold.counts && r.counts.tests === cold.counts.tests && r.ok === cold.ok;
    return {
      command: "jest --ci (what `npm test` runs), CI=true",
      cold,
      warm: { wallMs: round(median(warm.map((w) => w.wallMs))), runs: warm.length, ok: warm.every((w) => w.ok) },
      allCpusCold: allCpus,
      allCpusOverDefault: sameTests(allCpus) ? ratio(allCpus.wallMs, cold.wallMs) : null,
      typeCheckingCold: typed,
      typeCheckingOverTranspileOnly: sameTests(typed) ? ratio(typed.wallMs, cold.wallMs) : null,
    };
  } finally {
    removeDir(base);
  }
}

/** Runs tsc under the peak-RSS preload; `cwd` holds the project. */
function runTsc(args, cwd) {
  const rssFile = path.join(os.tmpdir(), `hardened-aks-bench-rss-${crypto.randomUUID()}`);
  const run = timed(process.execPath, ["--require", PEAK_RSS, resolveFromProject("typescript/bin/tsc"), ...args], {
    cwd,
    env: childEnv({ BENCH_PEAK_RSS_FILE: rssFile }),
  });
  let maxRssKb = null;
  try {
    maxRssKb = Number(fs.readFileSync(rssFile, "utf8"));
    fs.rmSync(rssFile, { force: true });
  } catch {
    // tsc did not exit normally
  }
  return { wallMs: run.wallMs, maxRssKb, ok: run.ok, output: run.ok ? undefined : lastLines(run.stdout + run.stderr) };
}

function summarizeTsc(runs) {
  return {
    wallMs: round(median(runs.map((r) => r.wallMs))),
    maxRssKb: Math.round(median(runs.map((r) => r.maxRssKb))) || null,
    runs: runs.length,
    ok: runs.every((r) => r.ok),
    output: runs.find((r) => !r.ok)?.output,
  };
}

function measureTypecheck(opts) {
  const project = [];
  const libAndExamples = [];
  for (let i = 1; i <= opts.toolRuns; i++) {
    process.stderr.write(`  tsc --noEmit ${i}/${opts.toolRuns}...\n`);
    project.push(runTsc(["-p", "tsconfig.json", "--noEmit"], ROOT));
    libAndExamples.push(runTsc(["-p", "tsconfig.build.json", "--noEmit"], ROOT));
  }
  return {
    project: { command: "tsc -p tsconfig.json --noEmit (npm run typecheck: lib, examples, tests)", ...summarizeTsc(project) },
    libAndExamples: { command: "tsc -p tsconfig.build.json --noEmit (lib and examples)", ...summarizeTsc(libAndExamples) },
  };
}

/** tsconfig.json's compilerOptions; the strict defaults if it is not plain JSON. */
function projectCompilerOptions() {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")).compilerOptions || {};
  } catch {
    return { target: "ES2022", module: "commonjs", moduleResolution: "node10", strict: true, skipLibCheck: true };
  }
}

/**
 * The deep-import rule in tsc: one file that uses KubernetesCluster, type-checked with the
 * project's compiler options, imported from the package root or from its deep path.
 */
function measureTscImports(opts) {
  const base = tempDir("tsc-imports");
  const sources = {
    root: 'import * as azurerm from "@cdktf/provider-azurerm";\nexport const cluster = azurerm.kubernetesCluster.KubernetesCluster;\n',
    deep: 'import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";\nexport const cluster = KubernetesCluster;\n',
  };
  const nodeModules = path.join(ROOT, "node_modules");
  try {
    for (const [name, source] of Object.entries(sources)) {
      const dir = path.join(base, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "main.ts"), source);
      const compilerOptions = projectCompilerOptions();
      fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            ...compilerOptions,
            paths: { "*": [path.join(nodeModules, "*")] },
            typeRoots: [path.join(nodeModules, "@types")],
            types: ["node"],
            outDir: undefined,
            rootDir: undefined,
            noEmit: true,
          },
          files: ["main.ts"],
        }),
      );
    }
    const runs = { root: [], deep: [] };
    for (let i = 1; i <= opts.toolRuns; i++) {
      process.stderr.write(`  tsc, root vs deep import ${i}/${opts.toolRuns}...\n`);
      for (const name of Object.keys(sources)) runs[name].push(runTsc(["-p", "."], path.join(base, name)));
    }
    return { root: summarizeTsc(runs.root), deep: summarizeTsc(runs.deep) };
  } finally {
    removeDir(base);
  }
}

// ---------------------------------------------------------------------------------------
// Installed size of the runtime dependencies

function packageDir(name, fromDir) {
  // Node's lookup: <dir>/node_modules/<name>, walking up, but not above the project.
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === ROOT || path.dirname(dir) === dir) return null;
  }
}

/** Bytes and files under `dir`, without its own node_modules (those packages count apart). */
function dirSize(dir, top = true) {
  let bytes = 0;
  let diskBytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (top && entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = dirSize(full, false);
      bytes += sub.bytes;
      diskBytes += sub.diskBytes;
      files += sub.files;
    } else if (entry.isFile()) {
      const stat = fs.lstatSync(full);
      bytes += stat.size;
      diskBytes += stat.blocks != null ? stat.blocks * 512 : stat.size;
      files += 1;
    }
  }
  return { bytes, diskBytes, files };
}

/** The packages `names` pull in (dependencies, optional and peer dependencies, transitively). */
function closure(names) {
  const seen = new Map();
  const queue = names.map((name) => ({ name, from: ROOT }));
  const missing = [];
  while (queue.length) {
    const { name, from } = queue.shift();
    const dir = packageDir(name, from);
    if (!dir) {
      missing.push(name);
      continue;
    }
    const real = fs.realpathSync(dir);
    if (seen.has(real)) continue;
    const manifest = JSON.parse(fs.readFileSync(path.join(real, "package.json"), "utf8"));
    seen.set(real, `${manifest.name}@${manifest.version}`);
    const deps = { ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies };
    for (const dep of Object.keys(deps)) queue.push({ name: dep, from: real });
  }
  return { dirs: [...seen.keys()], ids: [...seen.values()], missing: [...new Set(missing)] };
}

function measureInstalledSize() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const roots = Object.keys(manifest.peerDependencies || {}).concat(Object.keys(manifest.dependencies || {}));
  const sizes = new Map();
  const sizeOf = (dir) => {
    if (!sizes.has(dir)) sizes.set(dir, dirSize(dir));
    return sizes.get(dir);
  };
  const sum = (dirs) =>
    dirs.map(sizeOf).reduce((a, s) => ({ bytes: a.bytes + s.bytes, diskBytes: a.diskBytes + s.diskBytes, files: a.files + s.files }), {
      bytes: 0,
      diskBytes: 0,
      files: 0,
    });
  const all = closure(roots);
  // Each root package's own directory, with what it bundles (its nested node_modules).
  const perRoot = {};
  for (const name of roots) {
    const dir = packageDir(name, ROOT);
    if (dir) perRoot[name] = { version: packageVersion(name), ...dirSize(dir, false) };
  }
  const libDir = path.join(ROOT, "dist", "lib");
  return {
    roots,
    packages: all.dirs.length,
    ...sum(all.dirs),
    perRoot,
    missing: all.missing,
    library: fs.existsSync(libDir) ? dirSize(libDir) : null,
  };
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

/** The line of a child's stderr that names the error. */
function errorSummary(text) {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) || lines[0] || "";
}

/** "1.3x <what>", or why the two runs are not comparable. */
function comparedTo(run, factor, what) {
  if (factor != null) return `${factor}x ${what}`;
  const c = run.counts;
  return c ? `not comparable: ${c.passed}/${c.tests} tests passed` : "not comparable: jest failed";
}

function copiesLabel(n, mode) {
  if (mode === "apps in one process") return `app${n > 1 ? "s" : ""} in one process`;
  return `stack${n > 1 ? "s" : ""} in one app`;
}

function report(results, previous) {
  const m = results.machine;
  const prev = (keys, format) => {
    const value = previous ? get(previous, keys) : undefined;
    return value == null ? "" : format(value);
  };
  console.log("");
  console.log(
    `hardened-aks bench: ${m.cpus} CPU (${m.cpuModel}), ${(m.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB, ` +
      `node ${m.node}, ${m.platform}; ${results.options.runs} runs, medians; commit ${results.git.commit || "n/a"}${results.git.dirty ? " (modified)" : ""}`,
  );
  if (m.loadAverageAtStart > m.cpus / 2) {
    console.log(`note: load average ${m.loadAverageAtStart} at start: other work is running, absolute figures are inflated`);
  }
  const busy = Object.entries(m.otherWork || {}).filter(([, w]) => w && w.othersShare > 0.1);
  if (busy.length) {
    const list = busy.map(([section, w]) => `${section} ${Math.round(w.othersShare * 100)}%`).join(", ");
    console.log(`note: other processes used the CPU during the run (${list} of the machine): those figures are inflated; rerun on a quiet machine`);
  }
  if (previous) console.log(`previous: ${previous.date} on ${get(previous, "machine.cpus")} CPU, commit ${get(previous, "git.commit") || "n/a"}`);
  if (results.build) console.log(`build (npm run build): ${secs(results.build.wallMs)}${results.build.ok ? "" : "  FAILED, figures use what tsc emitted"}`);

  console.log("\nsynthesis: compiled JS, plain node, one process per run");
  const s = results.synth;
  const synthRow = (label, r, key) => {
    if (!r) return [label, "n/a"];
    if (!r.ok && r.wallMs == null) return [label, "error"];
    return [
      label,
      secs(r.wallMs),
      msText(r.loadMs),
      msText(r.buildMs),
      msText(r.synthMs),
      mb(r.maxRssKb),
      r.output ? String(r.output.resources) : "",
      prev(`synth.${key}.wallMs`, secs),
    ];
  };
  const rows = [
    synthRow("node alone (no modules)", s.node, "node"),
    synthRow("floor: empty cdktf app", s.floor, "floor"),
    synthRow("quickstart", s.quickstart, "quickstart"),
    ...(s.multiEnv ? [synthRow("multi-env", s.multiEnv, "multiEnv")] : []),
    ...STACK_COUNTS.map((n) => synthRow(`${n} quickstart ${copiesLabel(n, results.growth.mode)}`, s.stacks[n], `stacks.${n}`)),
  ];
  printTable(rows, ["", "wall", "load", "construct", "synth", "peak RSS", "resources", "previous"]);
  if (!s.multiEnv) console.log("  multi-env: n/a (examples/multi-env not present)");
  if (results.growth.mode === "apps in one process") {
    console.log("  (the quickstart exports no QuickstartStack: N copies are N whole quickstart apps in one process)");
  }
  const g = results.growth;
  const copy = g.mode === "apps in one process" ? "app" : "stack";
  console.log(
    `  per ${copy}: ${msText(g.perStackMarginalMs)} and ${mb(g.perStackMarginalRssKb)} more for each ${copy} from 10 to 30 ` +
      `(${msText(g.perStackMarginalMsSmall)} from 1 to 3); quickstart output ${bytesText(get(s, "quickstart.output.bytes"))}`,
  );
  console.log(`  30 ${copy}s / 1 ${copy}: ${g.stacks30OverStacks1}x whole process, ${g.stacks30OverStacks1AboveFloor}x above the floor; peak RSS ${g.rss30OverRss1}x`);
  for (const [key, r] of Object.entries(s)) {
    if (key === "stacks") continue;
    if (r && r.error) console.log(`  ${key}: ERROR ${errorSummary(r.error)}`);
  }
  for (const [n, r] of Object.entries(s.stacks)) if (r && r.error) console.log(`  ${n} copies: ERROR ${errorSummary(r.error)}`);

  console.log("\nprovider import: package root vs deep path");
  const i = results.imports;
  printTable(
    [
      ['node: require("@cdktf/provider-azurerm")', secs(i.requireRoot.wallMs), mb(i.requireRoot.maxRssKb), prev("imports.requireRoot.wallMs", secs)],
      ['node: require(".../lib/kubernetes-cluster")', secs(i.requireDeep.wallMs), mb(i.requireDeep.maxRssKb), prev("imports.requireDeep.wallMs", secs)],
      ...(i.tscRoot
        ? [
            ["tsc: one file, root import", secs(i.tscRoot.wallMs), mb(i.tscRoot.maxRssKb), prev("imports.tscRoot.wallMs", secs)],
            ["tsc: one file, deep import", secs(i.tscDeep.wallMs), mb(i.tscDeep.maxRssKb), prev("imports.tscDeep.wallMs", secs)],
          ]
        : []),
    ],
    ["", "wall", "peak RSS", "previous"],
  );
  console.log(
    `  root / deep: node ${i.requireRootOverDeep}x time` + (i.tscRootOverDeep != null ? `, tsc ${i.tscRootOverDeep}x time` : ""),
  );

  if (results.tests) {
    const t = results.tests;
    const counts = (r) => (r && r.counts ? `${r.counts.passed}/${r.counts.tests} tests passed` : "");
    console.log("\ntests and type-check");
    printTable(
      [
        ["npm test (jest), cold cache", secs(t.cold.wallMs), counts(t.cold), prev("tests.cold.wallMs", secs)],
        ["npm test (jest), warm cache", secs(t.warm.wallMs), "", prev("tests.warm.wallMs", secs)],
        ...(t.allCpusCold
          ? [[`npm test, --maxWorkers=${t.allCpusCold.maxWorkers}, cold cache`, secs(t.allCpusCold.wallMs), comparedTo(t.allCpusCold, t.allCpusOverDefault, "default"), prev("tests.allCpusCold.wallMs", secs)]]
          : []),
        ...(t.typeCheckingCold
          ? [["jest with type-checking, cold cache", secs(t.typeCheckingCold.wallMs), comparedTo(t.typeCheckingCold, t.typeCheckingOverTranspileOnly, "transpile-only"), prev("tests.typeCheckingCold.wallMs", secs)]]
          : []),
        ["tsc --noEmit: lib, examples, tests", secs(results.typecheck.project.wallMs), mb(results.typecheck.project.maxRssKb), prev("typecheck.project.wallMs", secs)],
        ["tsc --noEmit: lib and examples", secs(results.typecheck.libAndExamples.wallMs), mb(results.typecheck.libAndExamples.maxRssKb), prev("typecheck.libAndExamples.wallMs", secs)],
      ],
      ["", "wall", "", "previous"],
    );
    const slowest = t.cold.counts && t.cold.counts.slowestFiles;
    if (slowest && slowest.length) {
      console.log(`  slowest test files (cold): ${slowest.map((f) => `${f.file} ${secs(f.ms)}`).join(", ")}`);
    }
    if (!t.cold.ok) console.log(`  jest FAILED:\n${t.cold.output}`);
    if (!results.typecheck.project.ok) console.log(`  tsc reported errors:\n${results.typecheck.project.output}`);
  }

  const d = results.installedSize;
  console.log(`\nruntime dependencies (peerDependencies and what they pull in), installed size`);
  printTable(
    [
      ...Object.entries(d.perRoot).map(([name, r]) => [`${name}@${r.version}`, bytesText(r.bytes), bytesText(r.diskBytes), `${r.files} files`]),
      [`total, ${d.packages} packages`, bytesText(d.bytes), bytesText(d.diskBytes), `${d.files} files`],
      ["hardened-aks itself (dist/lib)", bytesText(d.library && d.library.bytes), bytesText(d.library && d.library.diskBytes), d.library ? `${d.library.files} files` : ""],
    ],
    ["", "size", "on disk", ""],
  );
  if (d.missing.length) console.log(`  not installed: ${d.missing.join(", ")}`);

  console.log("\ntargets");
  printTable(
    results.targets.map((t) => [t.name, t.value == null ? "n/a" : String(t.value), t.target, t.pass == null ? "n/a" : t.pass ? "PASS" : "FAIL", t.note || ""]),
    ["", "measured", "target", "", ""],
  );
  console.log("");
}

// ---------------------------------------------------------------------------------------

function testsNote(tests) {
  if (!tests || tests.cold.ok) return undefined;
  const c = tests.cold.counts;
  return c ? `but ${c.failed} of ${c.tests} tests failed` : "but jest failed";
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const previous = readPrevious();
  const date = new Date();
  const results = {
    date: date.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: (os.cpus()[0] && os.cpus()[0].model.trim()) || "unknown",
      totalMemoryBytes: os.totalmem(),
      platform: `${process.platform}-${process.arch}`,
      node: process.version,
      // Other work on the machine skews every figure; the ratios, measured interleaved, less so.
      loadAverageAtStart: round(os.loadavg()[0], 2),
    },
    git: { commit: git(["rev-parse", "--short=12", "HEAD"]), dirty: git(["status", "--porcelain"]) ? true : false },
    versions: Object.fromEntries(["cdktf", "@cdktf/provider-azurerm", "typescript", "jest", "ts-jest"].map((n) => [n, packageVersion(n)])),
    options: { runs: opts.runs, quick: opts.quick, toolRuns: opts.toolRuns },
  };

  if (opts.build) {
    process.stderr.write("npm run build...\n");
    results.build = build();
    if (!results.build.ok) process.stderr.write(`npm run build failed:\n${results.build.output}\n`);
  }
  if (!fs.existsSync(path.join(ROOT, "dist", "examples", "quickstart", "main.js"))) {
    fail("dist/examples/quickstart/main.js is missing: `npm run build` did not produce it");
  }
  const hasMultiEnv = fs.existsSync(path.join(ROOT, "dist", "examples", "multi-env", "main.js"));

  process.stderr.write(`synthesis and imports, ${opts.runs} runs each...\n`);
  const scenarios = [
    { key: "node", scenario: "node", label: "node alone" },
    { key: "floor", scenario: "empty", label: "floor (empty app)" },
    { key: "quickstart", scenario: "quickstart", label: "quickstart" },
    ...(hasMultiEnv ? [{ key: "multiEnv", scenario: "multi-env", label: "multi-env" }] : []),
    ...STACK_COUNTS.map((n) => ({ key: `stacks${n}`, scenario: "stacks", count: n, label: `${n} stacks` })),
    { key: "requireRoot", scenario: "import-root", label: "provider root import" },
    { key: "requireDeep", scenario: "import-deep", label: "provider deep import" },
  ];
  const otherWork = {};
  let meter = cpuMeter();
  const measured = measureChildren(scenarios, opts.runs);
  otherWork.synthesis = meter();
  results.synth = {
    node: measured.node,
    floor: measured.floor,
    quickstart: measured.quickstart,
    multiEnv: hasMultiEnv ? measured.multiEnv : null,
    stacks: Object.fromEntries(STACK_COUNTS.map((n) => [n, measured[`stacks${n}`]])),
  };
  const wall = (n) => get(results.synth.stacks[n], "wallMs");
  const rss = (n) => get(results.synth.stacks[n], "maxRssKb");
  const perStack = (a, b) => (wall(a) == null || wall(b) == null ? null : round((wall(b) - wall(a)) / (b - a)));
  const floorMs = get(results.synth, "floor.wallMs");
  results.growth = {
    mode: get(results.synth.stacks[1], "mode") || get(results.synth.stacks[30], "mode") || null,
    stacks30OverStacks1: ratio(wall(30), wall(1)),
    // The same without the empty app's cost, which every process pays once.
    stacks30OverStacks1AboveFloor: wall(30) == null || wall(1) == null || floorMs == null ? null : ratio(wall(30) - floorMs, wall(1) - floorMs),
    perStackMarginalMs: perStack(10, 30),
    perStackMarginalMsSmall: perStack(1, 3),
    perStackMarginalRssKb: rss(30) == null || rss(10) == null ? null : Math.round((rss(30) - rss(10)) / 20),
    rss30OverRss1: ratio(rss(30), rss(1)),
  };

  results.imports = { requireRoot: measured.requireRoot, requireDeep: measured.requireDeep };
  results.imports.requireRootOverDeep = ratio(measured.requireRoot.wallMs, measured.requireDeep.wallMs);
  if (opts.tests) {
    meter = cpuMeter();
    const tsc = measureTscImports(opts);
    Object.assign(results.imports, { tscRoot: tsc.root, tscDeep: tsc.deep, tscRootOverDeep: ratio(tsc.root.wallMs, tsc.deep.wallMs) });
    otherWork.tscImports = meter();
    meter = cpuMeter();
    results.tests = measureTests(opts);
    otherWork.tests = meter();
    meter = cpuMeter();
    results.typecheck = measureTypecheck(opts);
    otherWork.typecheck = meter();
  }
  process.stderr.write("installed size...\n");
  results.installedSize = measureInstalledSize();

  const quickstartRatio = ratio(get(results.synth, "quickstart.wallMs"), get(results.synth, "floor.wallMs"));
  const identical = get(results.synth, "quickstart.output.identicalAcrossRuns");
  const testSeconds = results.tests ? round(results.tests.cold.wallMs / 1000, 1) : null;
  results.targets = [
    { name: "quickstart synth / empty-app floor", value: quickstartRatio, target: `<= ${TARGETS.quickstartOverFloor}`, pass: quickstartRatio == null ? null : quickstartRatio <= TARGETS.quickstartOverFloor },
    { name: results.growth.mode === "apps in one process" ? "30 quickstart copies / 1 copy" : "30 stacks / 1 stack", value: results.growth.stacks30OverStacks1, target: `<= ${TARGETS.stacks30OverStacks1}`, pass: results.growth.stacks30OverStacks1 == null ? null : results.growth.stacks30OverStacks1 <= TARGETS.stacks30OverStacks1 },
    {
      name: "npm test, cold cache (s)",
      value: testSeconds,
      target: `< ${TARGETS.npmTestSeconds}`,
      pass: testSeconds == null ? null : testSeconds < TARGETS.npmTestSeconds,
      note: testsNote(results.tests),
    },
    { name: "quickstart output identical across runs", value: identical == null ? null : identical ? "yes" : "no", target: "yes", pass: identical == null ? null : identical },
  ];
  results.quickstartSha256 = get(results.synth, "quickstart.output.sha256") || null;

  results.machine.loadAverageAtEnd = round(os.loadavg()[0], 2);
  // Share of the machine's CPU that other processes used during each section.
  results.machine.otherWork = otherWork;
  report(results, previous);
  if (previous && previous.quickstartSha256 && results.quickstartSha256) {
    const same = previous.quickstartSha256 === results.quickstartSha256;
    console.log(
      `quickstart output ${same ? "is byte-identical to" : "differs from"} the previous results' (sha256 ${results.quickstartSha256.slice(0, 16)}...)` +
        (same ? "" : ": expected only when lib/ or examples/ changed in between"),
    );
  }

  fs.mkdirSync(RESULTS, { recursive: true });
  const json = JSON.stringify(scrub(results), null, 2) + "\n";
  const stamp = results.date.replace(/\.\d+Z$/, "Z").replace(/:/g, "");
  fs.writeFileSync(path.join(RESULTS, `${stamp}.json`), json);
  fs.writeFileSync(path.join(RESULTS, "latest.json"), json);
  console.log(`figures written to bench/results/${stamp}.json and bench/results/latest.json`);

  const failed = results.targets.filter((t) => t.pass === false);
  if (!get(results.synth, "floor.ok") || !get(results.synth, "quickstart.ok")) process.exitCode = 1;
  if (opts.check && failed.length) {
    console.log(`--check: ${failed.length} target(s) missed`);
    process.exitCode = 1;
  }
}

main();
