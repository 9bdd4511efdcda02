import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";

// The run's temp folder is removed by Jest's globalTeardown (test/temporary-folder.js), and
// .ci/run checks that a whole `npm test` leaves the OS temp folder as it found it. This test
// holds the other half: everything the tests write to "the temp folder" lands in that one folder.
describe("the test run's temp folder", () => {
  const folder = process.env.HARDENED_AKS_TEST_TMPDIR;

  test("is set for the run, and is what os.tmpdir() returns in the tests", () => {
    expect(folder).toMatch(/hardened-aks-test-/);
    expect(os.tmpdir()).toBe(folder);
  });

  test("holds the output folders cdktf's Testing helpers create", () => {
    const app = Testing.app();
    expect(path.dirname(app.outdir)).toBe(folder);
  });
});
