// The two shipped documents (docs/RULES.md, docs/CONTROLS.md) are generated from the rule
// pack and kept current here; their links must work wherever the package is read.
import * as fs from "fs";
import * as path from "path";
import { HARDENED_AKS_PACK } from "hardened-aks";
import { CIS_AKS_RECOMMENDATIONS, CONTROLS_DOCUMENT, RULES_DOCUMENT, renderControlsDocument, renderRulesDocument } from "../../lib/compliance/rules-document";

const ROOT = path.join(__dirname, "..", "..");
const DOCUMENTS = [
  [RULES_DOCUMENT, renderRulesDocument(HARDENED_AKS_PACK)],
  [CONTROLS_DOCUMENT, renderControlsDocument(HARDENED_AKS_PACK)],
] as const;

describe.each(DOCUMENTS)("%s", (document, rendered) => {
  test("is the rule pack's current rendering", () => {
    const file = path.join(ROOT, document);
    if (process.env.UPDATE_RULES_DOCUMENT === "1") fs.writeFileSync(file, rendered);
    const current = fs.readFileSync(file, "utf8");
    if (current !== rendered) {
      const line = current.split("\n").findIndex((text, i) => text !== rendered.split("\n")[i]);
      throw new Error(`${document} is out of date from line ${line + 1}: regenerate it with \`npm run rules:doc\` and commit it.`);
    }
  });

  test("links only to public https pages or to the other shipped document, and to headings that exist", () => {
    const targets = [...rendered.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    expect(targets.length).toBeGreaterThan(0);
    const shipped = new Map(DOCUMENTS.map(([name, text]) => [path.basename(name), text]));
    for (const target of targets) {
      if (/^https:\/\//.test(target)) continue;
      const [linked, hash] = target.split("#");
      // `#heading` is a heading of this document.
      const file = linked === "" ? path.basename(document) : linked;
      expect({ target, shipped: shipped.has(file) }).toEqual({ target, shipped: true });
      if (hash) expect({ target, heading: headingAnchors(shipped.get(file)!).includes(hash) }).toEqual({ target, heading: true });
    }
  });
});

/** GitHub's anchors of a Markdown document's headings. */
function headingAnchors(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
    match[1]
      .toLowerCase()
      .replace(/[^a-z0-9 _-]/g, "")
      .replace(/ /g, "-"),
  );
}

describe("the hardening catalogue", () => {
  const controls = renderControlsDocument(HARDENED_AKS_PACK);
  const rows = controls.split("\n").filter((line) => /^\| [A-Z0-9]+-\d+ \|/.test(line));

  test("lists every control once: each rule and each control no rule evaluates per stack", () => {
    const ids = rows.map((row) => row.split(" | ")[0].slice(2));
    const expected = [...HARDENED_AKS_PACK.rules.map((r) => r.id), ...HARDENED_AKS_PACK.notYetEvaluated.map((c) => c.id)];
    expect([...ids].sort()).toEqual([...expected].sort());
  });

  test("says which rule checks a control, and why none does for a pending one", () => {
    expect(rows.find((row) => row.startsWith("| IAM-2 |"))).toContain("rule [IAM-2](RULES.md#iam-2-local-accounts-disabled-no-static-admin-kubeconfig) (high)");
    expect(rows.find((row) => row.startsWith("| EGR-3 |"))).toContain("no rule per stack: Its evidence is in-cluster: K8S-3 checks it");
    // Pending controls sit in their domain, in number order, not after the rules.
    expect(rows.findIndex((row) => row.startsWith("| EGR-3 |"))).toBe(rows.findIndex((row) => row.startsWith("| EGR-2 |")) + 1);
  });

  test("names the CIS AKS recommendations with their titles", () => {
    expect(rows.find((row) => row.startsWith("| API-1 |"))).toContain("5.4.2 (Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled)");
    expect(controls).toContain("| 4.4.2 | Ensure that all Namespaces have Network Policies defined | K8S-2, K8S-3 |");
  });
});

test("every CIS AKS id a rule maps to is a recommendation that was looked up", () => {
  const unknown = HARDENED_AKS_PACK.rules.flatMap((rule) => (rule.mappings.cisAks ?? []).filter((id) => !(id in CIS_AKS_RECOMMENDATIONS)).map((id) => `${rule.id}: ${id}`));
  expect(unknown).toEqual([]);
});
