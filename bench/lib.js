"use strict";
// Helpers of bench/run.js: statistics, formatting, child processes, and what the machine
// was doing meanwhile. Plain Node, no dependencies.
const { spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const CHILD = path.join(__dirname, "child.js");

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

/** `npm run <script>` in the project, through the npm that runs us when there is one. */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && npmCli.endsWith(".js")
      ? [process.execPath, [npmCli, "run", script, "--silent"]]
      : [process.platform === "win32" ? "npm.cmd" : "npm", ["run", script, "--silent"]];
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

/**
 * Runs one scenario of bench/child.js in a fresh temporary directory. `nodeArgs` go to node
 * before the script (e.g. `--cpu-prof`); `keep` is called with the directory before it is
 * removed.
 */
function runChild(scenario, argument, { nodeArgs = [], keep } = {}) {
  const cwd = tempDir(scenario);
  try {
    const run = timed(process.execPath, [...nodeArgs, CHILD, scenario, String(argument ?? "")], { cwd, env: childEnv() });
    if (!run.ok) return { ok: false, error: lastLines(run.stderr || run.stdout) };
    const line = run.stdout.trim().split(/\r?\n/).pop();
    const result = { ok: true, wallMs: run.wallMs, ...JSON.parse(line), output: inspectOutput(path.join(cwd, "cdktf.out")) };
    if (keep) keep(cwd, result);
    return result;
  } finally {
    removeDir(cwd);
  }
}

/** Medians of several runs of one scenario, and whether every run wrote the same files. */
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
    minWallMs: round(Math.min(...ok.map((r) => r.wallMs))),
    maxWallMs: round(Math.max(...ok.map((r) => r.wallMs))),
    output: ok[0].output ? { ...ok[0].output, identicalAcrossRuns: hashes.length === 1 } : undefined,
    error: ok.length === runs.length ? undefined : runs.find((r) => !r.ok).error,
  };
}

/**
 * Each scenario `runs` times, after one untimed warm-up of each (file cache), the scenarios
 * interleaved so that a change in the machine's load hits them alike.
 */
function measureChildren(scenarios, runs) {
  const collected = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  for (let turn = 0; turn <= runs; turn++) {
    for (const s of scenarios) {
      progress(`${turn === 0 ? "warm-up" : `run ${turn}/${runs}`}: ${s.label}`);
      const result = runChild(s.scenario, s.argument);
      if (turn > 0 || !result.ok) collected[s.key].push(result);
    }
  }
  if (process.stderr.isTTY) process.stderr.write("\r".padEnd(71) + "\r");
  return Object.fromEntries(scenarios.map((s) => [s.key, summarize(collected[s.key])]));
}

module.exports = {
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
  inspectOutput,
  runChild,
  summarize,
  measureChildren,
};
