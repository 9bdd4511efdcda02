// Lint: typescript-eslint's recommended rules over the library, examples, tests and bench.
// CI runs `npm run lint`; type errors are `npm run build`'s (tsc over lib, examples and tests).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "cdktf.out/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Tests read synthesized Terraform JSON, which is untyped data.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["bench/**/*.js", "jest*.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly", performance: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
