// The construct tests again, with the providers' generated classes in place of the
// library's own resource classes (lib/private/azurerm, lib/private/kubernetes): every
// assertion and snapshot must hold either way. `npm run test:bindings`; CI runs it after
// `npm test`. test/bindings/provider-bindings.test.ts (in `npm test`) compares the examples'
// whole output byte for byte.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: "generated bindings",
  testMatch: [
    "<rootDir>/test/{cluster,egress,environments,examples,identity,ingress,kubernetes,monitoring,network,registry,secrets}/**/*.test.ts",
  ],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    "^\\.\\./private/(azurerm|kubernetes)$": "<rootDir>/test/bindings/generated-$1.ts",
  },
};
