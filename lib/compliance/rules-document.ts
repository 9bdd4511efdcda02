import type { ComplianceRule, RulePack } from "./rule";

/** Where each kind of mapping was checked, for readers of the rules document. */
const MAPPING_SOURCES: readonly string[] = [
  "**Checkov**: the `id` in the check's source (`checkov/terraform/checks/resource/azure/*.py`, `checkov/terraform/checks/resource/kubernetes/*.py` and `checkov/terraform/checks/graph_checks/azure/*.yaml` in bridgecrewio/checkov; CKV_AZURE_109's id read from its ARM twin, the Terraform one sharing it). Checkov renumbered its critical-add-ons check from CKV_AZURE_229 to CKV_AZURE_232; 229 is now an SQL check.",
  "**Where a Checkov check covers only part of a rule**: CKV_AZURE_122 (ING-2) checks only that the WAF policy is enabled, despite its name; no Checkov check of Prevention mode was found. CKV_AZURE_218 (ING-3) accepts only AppGwSslPolicy20220101S among predefined policies, where ING-3 also accepts AppGwSslPolicy20220101. CKV_AZURE_220 (EGR-2) asks for IDPS in deny mode on every firewall policy, where EGR-2 asks it of Premium ones (Standard has no IDPS). CKV_AZURE_42 (SEC-2), in the version read, also looks for soft_delete_enabled, an attribute azurerm 3.0 removed. CKV_AZURE_189 (SEC-2) also passes a public vault restricted by ip_rules, which SEC-2 reports as an opt-out to acknowledge. The CKV_K8S checks of K8S-6 each check one setting, and some only kubernetes_pod.",
  "**Not mapped on purpose**: CKV_AZURE_135 (WAF with OWASP 3.1/3.2 for Log4j) fails Microsoft_DefaultRuleSet 2.1, which ING-2 prefers; CKV_AZURE_216 checks threat intelligence on classic firewalls, where EGR-2 checks the firewall policy.",
  "**Trivy / tfsec**: the AVD id and the tfsec check name of the Azure checks (`azure-container-*`, `azure-keyvault-*`), as the checks' metadata declares them (trivy-checks `checks/cloud/azure/`).",
  "**CIS AKS v1.7.0**: recommendation numbers of the CIS Azure Kubernetes Service Benchmark, checked against published mappings of the benchmark: 5.4.x and 5.5.1 agree across independent ones; 2.1.1 and 5.5.2 come from a mapping of v1.7.0.",
  "**MCSB**: control ids of the Microsoft cloud security benchmark v1, mapped by the control's own text (e.g. NS-2 Secure cloud native services with network controls, PA-7 Follow just enough administration).",
  "A missing mapping means none was confirmed, not that none exists.",
];

/**
 * The reference of every rule of a pack, as Markdown: what it checks, why, severity, fix and
 * mappings. `lib/compliance/RULES.md` is this document; a test keeps it up to date.
 */
export function renderRulesDocument(pack: RulePack): string {
  const lines: string[] = [
    `# Compliance rules (\`${pack.name}\` v${pack.version})`,
    "",
    "`Compliance.check(app)` evaluates these rules on the final Terraform JSON of every stack (escape-hatch",
    "overrides included) when it is synthesized. Any violation fails synthesis unless acknowledged in code with",
    "`Compliance.acknowledge(construct, ruleId, reason)`; each synth writes `compliance-report.json`, `.md` and",
    "`.sarif` next to the stack's `cdk.tf.json`. Severity orders the reports and sets the SARIF level (high: error,",
    "medium: warning, low: note). A rule that finds none of its resource types in a stack is not applicable; a rule",
    "that checks the stack as a whole (its backend, its outputs) applies to every stack. Azure rules apply to the Azure",
    "stacks and the K8S rules to the in-cluster stacks (Terraform kubernetes provider).",
    "",
    "Stacks marked with `Compliance.markProduction(stack)` are evaluated as production: OPS-3 then also requires",
    "`prevent_destroy` on the AKS cluster. Reports say when a stack was evaluated as production.",
    "",
    "This file is generated from the rule pack: run `npm run rules:doc` after adding or changing a rule.",
    "",
    "| Rule | Title | Severity |",
    "| --- | --- | --- |",
    ...pack.rules.map((rule) => `| [${rule.id}](#${anchor(rule)}) | ${rule.title} | ${rule.severity} |`),
  ];
  for (const rule of pack.rules) {
    const m = rule.mappings;
    const mappings = [
      m.cisAks && `CIS AKS v1.7.0 ${m.cisAks.join(", ")}`,
      m.mcsb && `MCSB ${m.mcsb.join(", ")}`,
      m.checkov && `Checkov ${m.checkov.join(", ")}`,
      m.trivy && `Trivy ${m.trivy.join(", ")}`,
      m.tfsec && `tfsec ${m.tfsec.join(", ")}`,
    ].filter((entry): entry is string => !!entry);
    lines.push(
      "",
      `## ${rule.id}: ${rule.title}`,
      "",
      rule.description,
      "",
      `- Severity: ${rule.severity}`,
      `- Checks: ${rule.resourceTypes.length > 0 ? rule.resourceTypes.map((t) => `\`${t}\``).join(", ") : "the stack as a whole"}`,
      `- Seed articles: ${rule.seeds.length > 0 ? rule.seeds.join(", ") : "none"}`,
      `- Mappings: ${mappings.length > 0 ? mappings.join("; ") : "none confirmed"}`,
      `- Fix: ${rule.fix}`,
    );
  }
  lines.push("", "## Not evaluated per stack", "", "Catalogue controls no rule of the pack evaluates, with the reason and where their evidence is checked instead.", "");
  for (const control of pack.notYetEvaluated) lines.push(`- ${control.id}: ${control.title}.${control.note ? ` ${control.note}.` : " Its rule is still to come."}`);
  lines.push("", "## Where the mappings come from", "", ...MAPPING_SOURCES.map((source) => `- ${source}`));
  return `${lines.join("\n")}\n`;
}

function anchor(rule: ComplianceRule): string {
  return `${rule.id}: ${rule.title}`
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}
