import { join } from "path";
import type { ComplianceRule, PendingControl, RulePack } from "./rule";
import { REFERENCES } from "./references";
import { discoverRules } from "./rule-discovery";
import { deepFreeze } from "../private/freeze";

/**
 * Every rule of the hardening catalogue that is evaluated, in the catalogue's order: one
 * file per rule in `rules/`, found by its name (`rules/iam-1.ts` holds `IAM_1`).
 */
export const HARDENED_AKS_RULES: readonly ComplianceRule[] = discoverRules(join(__dirname, "rules"));

/**
 * Catalogue controls no rule of the pack evaluates on a stack, each with the reason and
 * where its evidence is checked instead.
 */
export const NOT_YET_EVALUATED: readonly PendingControl[] = [
  {
    id: "EGR-3",
    title: "Pods cannot reach the instance metadata endpoint",
    note: "Its evidence is in-cluster: K8S-3 checks it in every namespace an in-cluster stack creates. An Azure stack holds nothing that shows it",
    references: [REFERENCES.aksImdsRestriction, REFERENCES.aksClusterSecurity],
  },
  {
    id: "OPS-1",
    title: "Environments from one definition, security settings identical",
    note: "A property of several stacks, not of one: PlatformEnvironments compares the environments' stacks and fails synthesis on any difference not accepted with a reason",
  },
  {
    id: "OPS-5",
    title: "Every opt-out explicit, with a reason, in the compliance report",
    note: "The engine itself: an acknowledgement needs a written reason and every report lists it, and every opt-out prop of the library fails a rule until acknowledged. Parity exceptions between environments carry reasons too but are recorded in the environments' definition, not in these reports, so it is not claimed as evaluated",
  },
];

/** The library's rule pack: what `Compliance.check` evaluates by default. */
export const HARDENED_AKS_PACK: RulePack = deepFreeze({
  name: "hardened-aks",
  version: "4",
  rules: HARDENED_AKS_RULES,
  notYetEvaluated: NOT_YET_EVALUATED,
});
