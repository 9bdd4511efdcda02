// The whole test suite again, with every resource the library writes also written by the
// provider's generated class from the same config: they must be the same
// (test/bindings/compare-with-generated.ts). `npm run test:bindings`; CI runs it after
// `npm test`.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: "compared with the generated classes",
  setupFilesAfterEnv: [...base.setupFilesAfterEnv, "<rootDir>/test/bindings/compare-with-generated.ts"],
};
