// Finds the rules of a directory by their file names, so that adding a rule is adding its
// file: `iam-1.ts` exports `IAM_1`, whose id is `IAM-1`. No list to keep in step by hand.
import { readdirSync } from "fs";
import { extname, join } from "path";
import type { ComplianceRule } from "./rule";

/** The catalogue's families of controls, in its order: rules sort by family, then by number. */
export const RULE_FAMILIES: readonly string[] = ["IAM", "API", "NET", "EGR", "ING", "SEC", "IMG", "NODE", "UPG", "MON", "POL", "K8S", "OPS"];

/** `<family>-<number>.<ext>`; fixtures (`iam-1.fixtures.ts`) and declarations (`iam-1.d.ts`) do not match. */
const RULE_FILE = /^([a-z][a-z0-9]*)-([1-9][0-9]*)\.([a-z]+)$/;

/**
 * The rules in a directory, in catalogue order. Reads the files with this module's own
 * extension: `.ts` when run from source (ts-jest, ts-node), `.js` once built.
 *
 * @throws when a rule file's family is not in {@link RULE_FAMILIES}, or the file does not
 *   export its rule under the name and id its file name gives
 */
export function discoverRules(directory: string): ComplianceRule[] {
  const extension = extname(__filename).slice(1);
  const found: { family: number; number: number; rule: ComplianceRule }[] = [];
  for (const file of readdirSync(directory).sort()) {
    const match = RULE_FILE.exec(file);
    if (!match || match[3] !== extension) continue;
    const family = match[1].toUpperCase();
    const number = Number(match[2]);
    const familyIndex = RULE_FAMILIES.indexOf(family);
    if (familyIndex < 0) {
      // eslint-disable-next-line no-restricted-syntax -- a contributor's mistake in a rule file, found while loading the pack: no construct exists
      throw new Error(
        `rule file ${file}: '${family}' is not a family of the catalogue (${RULE_FAMILIES.join(", ")}). Name the file after its control's id, or add the family to RULE_FAMILIES in lib/compliance/rule-discovery.ts at its place in the catalogue.`,
      );
    }
    const exportName = `${family}_${number}`;
    const id = `${family}-${number}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file is known only at run time: that is the point
    const rule: unknown = require(join(directory, file))[exportName];
    if (!isRule(rule) || rule.id !== id) {
      // eslint-disable-next-line no-restricted-syntax -- a contributor's mistake in a rule file, found while loading the pack: no construct exists
      throw new Error(
        `rule file ${file} must export its rule as ${exportName}, with id '${id}'; got ${isRule(rule) ? `a rule with id '${rule.id}'` : `no rule named ${exportName}`}.`,
      );
    }
    found.push({ family: familyIndex, number, rule });
  }
  // An empty pack would pass every stack without a word (a bundler that drops the rules
  // folder, say): refuse it instead.
  if (found.length === 0) {
    // eslint-disable-next-line no-restricted-syntax -- found while loading the pack: no construct exists
    throw new Error(
      `no rule files (<family>-<number>.${extension}) in ${directory}: the compliance pack would check nothing. hardened-aks finds its rules in its own lib/compliance/rules folder at run time; do not bundle the library into a single file.`,
    );
  }
  return found.sort((a, b) => a.family - b.family || a.number - b.number).map((entry) => entry.rule);
}

function isRule(value: unknown): value is ComplianceRule {
  return typeof value === "object" && value !== null && typeof (value as ComplianceRule).id === "string" && typeof (value as ComplianceRule).check === "function";
}
