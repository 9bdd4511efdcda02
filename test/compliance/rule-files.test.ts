// The rules' folder: one file per rule, found by its name, next to its fixtures; rules read
// Terraform JSON and the facts module, never a construct or another rule.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HARDENED_AKS_RULES } from "../../lib/compliance/hardened-aks-pack";
import { discoverRules } from "../../lib/compliance/rule-discovery";

const LIB = path.join(__dirname, "..", "..", "lib");
const RULES = path.join(LIB, "compliance", "rules");
const files = fs.readdirSync(RULES).sort();
const ruleFiles = files.filter((file) => !file.endsWith(".fixtures.ts"));
const fixtureFiles = files.filter((file) => file.endsWith(".fixtures.ts"));

/** What a rule may import: the rule types, its references, the Terraform JSON helpers, the facts, CIDR arithmetic, the public suffix list and the Kubernetes version table. */
const RULE_IMPORTS = ["../rule", "../references", "../terraform-json", "../aks-json", "../kubernetes-json", "../azurerm-json", "../../facts", "../../private/cidr", "../../private/domains", "../../kubernetes-versions"];
/** What fixtures may import: the fixture types and builders, and the JSON types. */
const FIXTURE_IMPORTS = ["../rule-fixture", "../terraform-json"];
/** What the modules rules import may import in turn: nothing beyond each other. */
const HELPER_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  "facts.ts": ["./private/freeze"],
  "kubernetes-versions.ts": ["./private/freeze"],
  // Freezes the exported facts; imports nothing.
  "private/freeze.ts": [],
  // Well-kept libraries for addresses and domain names, which load no construct either.
  "private/cidr.ts": ["ipaddr.js"],
  "private/domains.ts": ["tldts"],
  "compliance/terraform-json.ts": [],
  "compliance/aks-json.ts": ["./terraform-json"],
  "compliance/kubernetes-json.ts": ["./terraform-json"],
  "compliance/azurerm-json.ts": ["./terraform-json"],
  "compliance/rule.ts": ["./terraform-json"],
  "compliance/references.ts": ["./rule"],
  "compliance/rule-fixture.ts": ["./terraform-json"],
};

/** Every module a source file imports, re-exports or requires, type-only imports included. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const found = [...source.matchAll(/\bfrom\s+"([^"]+)"|\brequire\(\s*"([^"]+)"\s*\)|\bimport\(\s*"([^"]+)"\s*\)|^\s*import\s+"([^"]+)"/gm)];
  return found.map((match) => match[1] ?? match[2] ?? match[3] ?? match[4]);
}

describe("the rules folder", () => {
  test("holds one file per rule, named after its id, each with its fixtures next to it", () => {
    expect(ruleFiles.map((file) => file.replace(/\.ts$/, "").toUpperCase()).sort()).toEqual(HARDENED_AKS_RULES.map((rule) => rule.id).sort());
    expect(fixtureFiles).toEqual(ruleFiles.map((file) => file.replace(/\.ts$/, ".fixtures.ts")));
  });

  test("the pack lists its rules in the catalogue's order: by family, then by number", () => {
    // The catalogue's order (shared/controls.md), written out: not derived from the code under test.
    const families = [...new Set(HARDENED_AKS_RULES.map((rule) => rule.id.split("-")[0]))];
    expect(families).toEqual(["IAM", "API", "NET", "EGR", "ING", "SEC", "IMG", "NODE", "UPG", "MON", "POL", "K8S", "OPS"]);
    expect(HARDENED_AKS_RULES.filter((rule) => rule.id.startsWith("SEC-")).map((rule) => rule.id)).toEqual(["SEC-1", "SEC-2", "SEC-3", "SEC-4", "SEC-5", "SEC-6"]);
  });

  test.each(ruleFiles)("%s imports no construct and no other rule", (file) => {
    expect(importsOf(path.join(RULES, file)).filter((specifier) => !RULE_IMPORTS.includes(specifier))).toEqual([]);
  });

  test.each(fixtureFiles)("%s imports only the fixture builders", (file) => {
    expect(importsOf(path.join(RULES, file)).filter((specifier) => !FIXTURE_IMPORTS.includes(specifier))).toEqual([]);
  });

  test.each(Object.entries(HELPER_IMPORTS))("lib/%s, which rules or fixtures read, loads no construct", (file, allowed) => {
    expect(importsOf(path.join(LIB, file)).filter((specifier) => !allowed.includes(specifier))).toEqual([]);
  });
});

/** Where references may point: public documentation sites, never a file of the repository. */
const PUBLIC_HOSTS = ["learn.microsoft.com", "kubernetes.io", "developer.hashicorp.com", "registry.terraform.io", "www.cisecurity.org"];

describe("every rule", () => {
  test.each(HARDENED_AKS_RULES.map((rule) => [rule.id, rule] as const))("%s has a name, title, severity, references, mappings and a fix", (_id, rule) => {
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.fix.length).toBeGreaterThan(10);
    expect(["high", "medium", "low"]).toContain(rule.severity);
    expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    expect(rule.references.length).toBeGreaterThan(0);
    for (const reference of rule.references) {
      expect(reference.title.length).toBeGreaterThan(5);
      expect(new URL(reference.url).protocol).toBe("https:");
      expect(PUBLIC_HOSTS).toContain(new URL(reference.url).host);
    }
    expect(new Set(rule.references.map((r) => r.url)).size).toBe(rule.references.length);
  });

  test("no rule carries the internal article numbers of old (seeds)", () => {
    expect(HARDENED_AKS_RULES.filter((rule) => "seeds" in rule).map((rule) => rule.id)).toEqual([]);
  });

  test("ids and names are unique", () => {
    expect(new Set(HARDENED_AKS_RULES.map((r) => r.id)).size).toBe(HARDENED_AKS_RULES.length);
    expect(new Set(HARDENED_AKS_RULES.map((r) => r.name)).size).toBe(HARDENED_AKS_RULES.length);
  });
});

describe("discovering rules", () => {
  const directories: string[] = [];
  afterAll(() => directories.forEach((directory) => fs.rmSync(directory, { recursive: true, force: true })));

  /** A directory with the given files, for discovery to read. */
  function directoryWith(files: Record<string, string>): string {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "rules-"));
    directories.push(directory);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(directory, name), content);
    return directory;
  }
  const rule = (id: string) => `{ id: "${id}", check: () => [] }`;

  test("finds the rule files, in catalogue order, and skips fixtures and other files", () => {
    const directory = directoryWith({
      "ops-2.ts": `exports.OPS_2 = ${rule("OPS-2")};`,
      "iam-10.ts": `exports.IAM_10 = ${rule("IAM-10")};`,
      "iam-9.ts": `exports.IAM_9 = ${rule("IAM-9")};`,
      "iam-9.fixtures.ts": "throw new Error('fixtures are not rules');",
      "README.md": "not a rule",
    });
    expect(discoverRules(directory).map((r) => r.id)).toEqual(["IAM-9", "IAM-10", "OPS-2"]);
  });

  test("refuses a folder without rule files: an empty pack would pass every stack", () => {
    expect(() => discoverRules(directoryWith({ "README.md": "not a rule" }))).toThrow(/no rule files .* the compliance pack would check nothing/);
  });

  test("rejects a family the catalogue does not have, naming where to add it", () => {
    const directory = directoryWith({ "xyz-1.ts": `exports.XYZ_1 = ${rule("XYZ-1")};` });
    expect(() => discoverRules(directory)).toThrow(/rule file xyz-1\.ts: 'XYZ' is not a family of the catalogue .*add the family to RULE_FAMILIES/);
  });

  test("rejects a file that does not export its rule under its own name and id", () => {
    expect(() => discoverRules(directoryWith({ "net-7.ts": `exports.NET_8 = ${rule("NET-8")};` }))).toThrow(
      "rule file net-7.ts must export its rule as NET_7, with id 'NET-7'; got no rule named NET_7.",
    );
    expect(() => discoverRules(directoryWith({ "net-7.ts": `exports.NET_7 = ${rule("NET-8")};` }))).toThrow(/got a rule with id 'NET-8'/);
  });
});
