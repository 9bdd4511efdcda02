// cdktf's Testing.app() and Testing.synth() make a folder in the OS temp folder for every
// synthesis and never remove it: a full run left about 1,800 behind. The run gets one
// folder of its own instead: TMPDIR points there before Jest starts its workers (which
// inherit it, and os.tmpdir() reads it on every call), and the folder goes when the run ends.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const VARIABLE = "HARDENED_AKS_TEST_TMPDIR";

/** Jest's globalSetup: one temp folder for the whole run. */
async function setup() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-test-"));
  process.env[VARIABLE] = folder;
  process.env.TMPDIR = folder;
}

/** Jest's globalTeardown: the run's temp folder and everything the tests put in it. */
async function teardown() {
  const folder = process.env[VARIABLE];
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
}

module.exports = { setup, teardown, VARIABLE };
