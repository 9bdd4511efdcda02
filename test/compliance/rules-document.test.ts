import * as fs from "fs";
import * as path from "path";
import { HARDENED_AKS_PACK, renderRulesDocument } from "hardened-aks";

const DOCUMENT = path.join(__dirname, "..", "..", "lib", "compliance", "RULES.md");

test("lib/compliance/RULES.md is the rule pack's current reference", () => {
  const rendered = renderRulesDocument(HARDENED_AKS_PACK);
  if (process.env.UPDATE_RULES_DOCUMENT === "1") fs.writeFileSync(DOCUMENT, rendered);
  expect(fs.readFileSync(DOCUMENT, "utf8")).toBe(rendered);
});
