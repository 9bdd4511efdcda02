// The README as a user reads it: packs the package as it is published (`npm pack`), sets up a
// fresh cdktf TypeScript project with only the peer dependencies the README's install line
// names, writes each `ts` block of the README there verbatim as a whole main.ts, type-checks
// them under `strict`, and synthesizes each with Node. Run after `npm run build`:
//
//   node test/readme/check-readme.mjs
//
// The peers are linked from this project's node_modules (the versions package-lock.json
// pins) instead of installed again: no network, and no copy of the provider bindings'
// hundreds of MB; the package itself is the packed tarball, unpacked as npm installs it.
/* global process, console */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { brokenLinks } from "./links.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// npm pack ships dist/lib as it is: without a build the package would be empty or stale.
if (!fs.existsSync(path.join(ROOT, "dist", "lib", "index.js"))) throw new Error("dist/lib/index.js is missing: run `npm run build` first.");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The README's `ts` blocks (not `ts fragment`), in order. */
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
if (blocks.length === 0) throw new Error("README.md has no ```ts block");

/** The packages the README's install line names, besides the library itself. */
const install = /^npm install hardened-aks (.+)$/m.exec(readme);
if (!install) throw new Error("README.md has no `npm install hardened-aks ...` line");
const peers = install[1].split(/\s+/).map((spec) => spec.replace(/@[^@/]*$/, ""));

const work = fs.mkdtempSync(path.join(os.tmpdir(), "hardened-aks-readme-"));
try {
  const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").pop();
  const modules = path.join(work, "node_modules");
  fs.mkdirSync(path.join(modules, "hardened-aks"), { recursive: true });
  execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", path.join(modules, "hardened-aks"), "--strip-components=1"]);
  // A cdktf TypeScript project's own tooling, the README's peers, and the package's own
  // dependencies (which npm would install with it).
  const packed = JSON.parse(fs.readFileSync(path.join(modules, "hardened-aks", "package.json"), "utf8"));
  for (const name of [...peers, ...Object.keys(packed.dependencies ?? {}), "typescript", "@types/node"]) {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules", name), path.join(modules, name), "dir");
  }
  fs.writeFileSync(path.join(work, "package.json"), JSON.stringify({ name: "readme-check", private: true }, null, 2));
  checkShippedLinks(path.join(modules, "hardened-aks"), packed);
  // What a consumer reads besides the code: the licence, and the package's own metadata
  // (tools such as licence checkers require it through the exports map).
  if (!fs.existsSync(path.join(modules, "hardened-aks", "LICENSE"))) throw new Error("the packed package has no LICENSE");
  const metadata = execFileSync(process.execPath, ["-p", 'require("hardened-aks/package.json").license'], { cwd: work, encoding: "utf8" }).trim();
  if (metadata !== "MPL-2.0") throw new Error(`require("hardened-aks/package.json").license gave '${metadata}'`);
  fs.writeFileSync(
    path.join(work, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node10", strict: true, skipLibCheck: true, types: ["node"], outDir: "dist", rootDir: "." },
        include: blocks.map((_, i) => `block${i + 1}/main.ts`),
      },
      null,
      2,
    ),
  );
  blocks.forEach((code, i) => {
    fs.mkdirSync(path.join(work, `block${i + 1}`));
    fs.writeFileSync(path.join(work, `block${i + 1}`, "main.ts"), code);
  });
  execFileSync(process.execPath, [path.join(modules, "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: work, stdio: "inherit" });
  blocks.forEach((_, i) => {
    const dir = path.join(work, `block${i + 1}`);
    execFileSync(process.execPath, [path.join(work, "dist", `block${i + 1}`, "main.js")], { cwd: dir, stdio: "inherit" });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "manifest.json"), "utf8"));
    const stacks = Object.keys(manifest.stacks);
    if (stacks.length === 0) throw new Error(`README block ${i + 1} synthesized no stack`);
    console.log(`README block ${i + 1}: type-checks under strict, synthesizes ${stacks.join(", ")}`);
  });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

/** Every link of every Markdown document in the unpacked package leads somewhere that exists. */
function checkShippedLinks(root, packed) {
  const shipped = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else shipped.add(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  const documents = Object.fromEntries([...shipped].filter((f) => f.endsWith(".md")).map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]));
  for (const required of ["README.md", "CHANGELOG.md", "docs/RULES.md", "docs/CONTROLS.md"]) {
    if (!shipped.has(required)) throw new Error(`the packed package has no ${required}`);
  }
  // The checker itself: a relative README link and a link to another version are found.
  const sample = { "README.md": "# T\n[a](docs/RULES.md) [b](https://cdn.jsdelivr.net/npm/x@0.0.1/README.md) [c](#t)" };
  if (brokenLinks({ file: "README.md", documents: sample, shipped: new Set(["README.md", "docs/RULES.md"]), name: "x", version: "1.0.0" }).length !== 2) {
    throw new Error("the link check no longer finds the broken links of its own sample");
  }
  const problems = Object.keys(documents).flatMap((file) => brokenLinks({ file, documents, shipped, name: packed.name, version: packed.version }));
  if (problems.length > 0) throw new Error(`broken links in the packed documents:\n${problems.join("\n")}`);
  console.log(`Links: ${Object.keys(documents).length} shipped documents, every link leads to a shipped file, a heading or an https page`);
}
