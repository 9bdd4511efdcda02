/** @type {import('jest').Config} */
module.exports = {
  // Jest's node environment, collecting each test file's garbage when it ends (see the file).
  testEnvironment: "<rootDir>/test/environment.ts",
  // Jest defaults to one worker on a 2-core machine (cores - 1); the suite is CPU-bound
  // synthesis, so both cores finish it about a fifth sooner (see the benchmark).
  maxWorkers: 2,
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Transpile only (isolatedModules in tsconfig.json): type errors are caught by
  // `npm run build` (tsc over lib, examples and tests), which CI runs first, so each test file is not
  // type-checked again inside jest.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  moduleNameMapper: { "^hardened-aks$": "<rootDir>/lib/index.ts" },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // One temp folder per run, removed at the end: cdktf's Testing helpers never clean up.
  globalSetup: "<rootDir>/test/temporary-folder-setup.js",
  globalTeardown: "<rootDir>/test/temporary-folder-teardown.js",
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
