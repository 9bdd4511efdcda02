// Lint: typescript-eslint's recommended rules over the library, examples, tests and bench.
// CI runs `npm run lint`; type errors are `npm run build`'s (tsc over lib, examples and tests).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What a `throw` in the library may be. */
const THROWN_ERRORS = [
  {
    selector: "ThrowStatement > NewExpression[callee.name!='ValidationError']",
    message: "Throw a ValidationError (lib/errors.ts): it names the prop, the value, the rule and the fix.",
  },
  {
    selector: "ThrowStatement > NewExpression[callee.name='ValidationError'][arguments.length<2]",
    message: "Pass the construct that rejected the value as the ValidationError's scope, so the error carries its path.",
  },
];

export default tseslint.config(
  { ignores: ["dist/", "cdktf.out/", "node_modules/", "coverage/", "docs/api/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Bad input is a ValidationError (lib/errors.ts) that names the prop, the value, the rule
    // and the fix, and carries the path of the construct that rejected it. Where no construct
    // exists yet (a static factory such as ClusterNetwork.fromExisting, a pure helper users
    // call directly), the throw passes no scope, its message names what was rejected, and
    // the line above it disables this rule with the reason. Pure helpers the constructs call
    // take the construct as a parameter (planSubnetLayout) or return verdicts (validate.ts).
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-syntax": ["error", ...THROWN_ERRORS],
      // The framework is imported in one place, so a move to the cdktn fork touches one file.
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(cdktf|constructs)(/|$)", message: "Import the framework through lib/private/cdktf.ts." }] }],
    },
  },
  {
    files: ["lib/private/cdktf.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Tests read synthesized Terraform JSON, which is untyped data.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["bench/**/*.js", "jest*.config.js", "test/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly", performance: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
