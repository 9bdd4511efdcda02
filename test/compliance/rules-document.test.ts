import * as fs from "fs";
import * as path from "path";
import { HARDENED_AKS_PACK } from "hardened-aks";
import { renderRulesDocument } from "../../lib/compliance/rules-document";

const DOCUMENT = path.join(__dirname, "..", "..", "lib", "compliance", "RULES.md");

test("lib/compliance/RULES.md is the rule pack's current reference", () => {
  const rendered = renderRulesDocument(HARDENED_AKS_PACK);
  if (process.env.UPDATE_RULES_DOCUMENT === "1") fs.writeFileSync(DOCUMENT, rendered);
  const current = fs.readFileSync(DOCUMENT, "utf8");
  if (current !== rendered) {
    const line = current.split("\n").findIndex((text, i) => text !== rendered.split("\n")[i]);
    throw new Error(`lib/compliance/RULES.md is out of date from line ${line + 1}: regenerate it with \`npm run rules:doc\` and commit it.`);
  }
});
