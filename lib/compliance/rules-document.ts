import { CIS_AKS_BENCHMARK_VERSION, CIS_AKS_RECOMMENDATIONS } from "./cis-aks";
import { REFERENCES } from "./references";
import type { ComplianceRule, PendingControl, RuleMappings, RuleReference, RulePack } from "./rule";

export { CIS_AKS_BENCHMARK_VERSION, CIS_AKS_RECOMMENDATIONS } from "./cis-aks";

/** Where the two generated documents live in the package (both ship, in `docs/`). */
export const RULES_DOCUMENT = "docs/RULES.md";
/** The hardening catalogue's document, next to the rules document. */
export const CONTROLS_DOCUMENT = "docs/CONTROLS.md";

/** Where each kind of mapping was checked, for readers of the rules document. */
const MAPPING_SOURCES: readonly string[] = [
  "**Checkov**: the `id` in the check's source (`checkov/terraform/checks/resource/azure/*.py`, `checkov/terraform/checks/resource/kubernetes/*.py` and `checkov/terraform/checks/graph_checks/azure/*.yaml` in bridgecrewio/checkov; CKV_AZURE_109's id read from its ARM twin, the Terraform one sharing it). Checkov renumbered its critical-add-ons check from CKV_AZURE_229 to CKV_AZURE_232; 229 is now an SQL check.",
  "**Where a Checkov check covers only part of a rule**: CKV_AZURE_122 (ING-2) checks only that the WAF policy is enabled, despite its name; no Checkov check of Prevention mode was found. CKV_AZURE_218 (ING-3) accepts only AppGwSslPolicy20220101S among predefined policies, where ING-3 also accepts AppGwSslPolicy20220101. CKV_AZURE_220 (EGR-2) asks for IDPS in deny mode on every firewall policy, where EGR-2 asks it of Premium ones (Standard has no IDPS). CKV_AZURE_42 (SEC-2), in the version read, also looks for soft_delete_enabled, an attribute azurerm 3.0 removed. CKV_AZURE_189 (SEC-2) also passes a public vault restricted by ip_rules, which SEC-2 reports as an opt-out to acknowledge. The CKV_K8S checks of K8S-6 each check one setting, and some only kubernetes_pod.",
  "**Not mapped on purpose**: CKV_AZURE_135 (WAF with OWASP 3.1/3.2 for Log4j) fails Microsoft_DefaultRuleSet 2.1, which ING-2 prefers; CKV_AZURE_216 checks threat intelligence on classic firewalls, where EGR-2 checks the firewall policy.",
  "**Trivy / tfsec**: the AVD id and the tfsec check name of the Azure checks (`azure-container-*`, `azure-keyvault-*`), as the checks' metadata declares them (trivy-checks `checks/cloud/azure/`).",
  "**CIS AKS v1.7.0**: recommendation numbers and titles of the CIS Azure Kubernetes Service Benchmark v1.7.0 as its published checks word them ([aquasecurity/kube-bench `cfg/aks-1.7`](https://github.com/aquasecurity/kube-bench/tree/main/cfg/aks-1.7), which `cfg/aks-1.8` numbers the same), each mapped by the recommendation's text and remediation. The benchmark itself is published by [CIS](https://www.cisecurity.org/benchmark/kubernetes/). Section 4 (policies) maps the in-cluster rules; section 5 (managed services) the Azure ones.",
  "**MCSB**: control ids of the Microsoft cloud security benchmark v1, mapped by the control's own text (e.g. NS-2 Secure cloud native services with network controls, PA-7 Follow just enough administration); the [Azure security baseline for AKS](https://learn.microsoft.com/security/benchmark/azure/baselines/aks-security-baseline) applies them to AKS.",
  "A missing mapping means none was confirmed, not that none exists.",
];

/**
 * The reference of every rule of a pack, as Markdown: what it checks, why, severity, fix,
 * references and mappings. `docs/RULES.md` (shipped in the package) is this document; a test
 * keeps it up to date. Its links are public URLs, or relative ones to `CONTROLS.md` next to it.
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
    "The hardening catalogue, [CONTROLS.md](CONTROLS.md), lists every control by domain, with the controls no rule",
    "evaluates per stack.",
    "",
    "This file is generated from the rule pack: run `npm run rules:doc` after adding or changing a rule.",
    "",
    "| Rule | Title | Severity |",
    "| --- | --- | --- |",
    ...pack.rules.map((rule) => `| [${rule.id}](#${anchor(rule)}) | ${rule.title} | ${rule.severity} |`),
  ];
  for (const rule of pack.rules) {
    const mappings = mappingEntries(rule.mappings);
    lines.push(
      "",
      `## ${rule.id}: ${rule.title}`,
      "",
      rule.description,
      "",
      `- Severity: ${rule.severity}`,
      `- Checks: ${rule.resourceTypes.length > 0 ? rule.resourceTypes.map((t) => `\`${t}\``).join(", ") : "the stack as a whole"}`,
      `- Mappings: ${mappings.length > 0 ? mappings.join("; ") : "none confirmed"}`,
      `- Fix: ${rule.fix}`,
      `- References: ${links(rule.references)}`,
    );
  }
  lines.push("", "## Not evaluated per stack", "", "Catalogue controls no rule of the pack evaluates, with the reason and where their evidence is checked instead.", "");
  for (const control of pack.notYetEvaluated) lines.push(`- ${control.id}: ${control.title}.${control.note ? ` ${control.note}.` : " Its rule is still to come."}`);
  lines.push("", "## Where the mappings come from", "", ...MAPPING_SOURCES.map((source) => `- ${source}`));
  return `${lines.join("\n")}\n`;
}

/** The domains of the catalogue, each with the control families it holds, in the catalogue's order. */
const DOMAINS: readonly { readonly title: string; readonly families: readonly string[] }[] = [
  { title: "Identity and access to the API server", families: ["IAM", "API"] },
  { title: "Network", families: ["NET", "EGR", "ING"] },
  { title: "Workloads, secrets and keys", families: ["SEC", "IMG"] },
  { title: "Cluster and nodes", families: ["NODE", "UPG"] },
  { title: "Monitoring, threat protection and policy", families: ["MON", "POL"] },
  { title: "In-cluster baseline (Terraform kubernetes provider)", families: ["K8S"] },
  { title: "Operations: many environments, no surprises", families: ["OPS"] },
];

/** A control of the catalogue: a rule of the pack, or a control no rule evaluates per stack. */
interface CatalogueControl {
  readonly id: string;
  readonly title: string;
  readonly rule?: ComplianceRule;
  readonly pending?: PendingControl;
  readonly references: readonly RuleReference[];
  readonly mappings: RuleMappings;
}

/**
 * The hardening catalogue as Markdown: every control id of a pack by domain, what it means,
 * whether a rule checks it (and the rule's severity) or why none does per stack, its CIS AKS
 * and MCSB mappings and its references; then the CIS recommendations with the controls that
 * map to them. `docs/CONTROLS.md` (shipped in the package) is this document; a test keeps it
 * up to date. Its links are public URLs, or relative ones to `RULES.md` next to it.
 */
export function renderControlsDocument(pack: RulePack): string {
  const controls: CatalogueControl[] = [
    ...pack.rules.map((rule) => ({ id: rule.id, title: rule.title, rule, references: rule.references, mappings: rule.mappings })),
    ...pack.notYetEvaluated.map((pending) => ({ id: pending.id, title: pending.title, pending, references: pending.references ?? [], mappings: pending.mappings ?? {} })),
  ].sort(byCatalogueOrder);
  const known = new Set(DOMAINS.flatMap((domain) => domain.families));
  const domains = [...DOMAINS, { title: "Other controls", families: [...new Set(controls.map(familyOf).filter((family) => !known.has(family)))] }];

  const lines: string[] = [
    `# Hardening catalogue (\`${pack.name}\` v${pack.version})`,
    "",
    "What \"secure by default\" means for this library, control by control. Every control is on in what the library",
    "synthesizes when you pass only the required props; turning one off takes an explicit, documented prop, and the",
    "compliance report then shows the control as acknowledged, with the reason you gave",
    "(`Compliance.acknowledge(construct, ruleId, reason)`).",
    "",
    "Each control is checked by the rule of the same id on the final Terraform of every stack, unless marked",
    "otherwise: [RULES.md](RULES.md) says what each rule checks and how to fix a violation. CIS AKS ids are",
    `recommendations of the CIS Azure Kubernetes Service Benchmark v${CIS_AKS_BENCHMARK_VERSION}, MCSB ids controls of the Microsoft cloud`,
    "security benchmark v1; a missing mapping means none was confirmed, not that none exists.",
    "",
    "This file is generated from the rule pack: run `npm run rules:doc` after adding or changing a rule or a control.",
  ];
  for (const domain of domains) {
    const inDomain = controls.filter((control) => domain.families.includes(familyOf(control)));
    if (inDomain.length === 0) continue;
    lines.push("", `## ${domain.title}`, "", "| Control | What it means | Checked by | CIS AKS | MCSB | References |", "| --- | --- | --- | --- | --- | --- |");
    for (const control of inDomain) {
      const meaning = control.rule ? `${control.title}. ${control.rule.description}` : `${control.title}.`;
      const checkedBy = control.rule
        ? `rule [${control.id}](RULES.md#${anchor(control.rule)}) (${control.rule.severity})`
        : `no rule per stack: ${control.pending?.note ?? "its rule is still to come"}`;
      lines.push(
        `| ${control.id} | ${cell(meaning)} | ${cell(checkedBy)} | ${cell(cisList(control.mappings.cisAks))} | ${list(control.mappings.mcsb)} | ${cell(links(control.references))} |`,
      );
    }
  }

  const cisIds = [...new Set(controls.flatMap((control) => control.mappings.cisAks ?? []))].sort(compareSectionIds);
  lines.push(
    "",
    `## CIS Azure Kubernetes Service Benchmark v${CIS_AKS_BENCHMARK_VERSION}`,
    "",
    "The recommendations the controls map to. The benchmark's titles are quoted from its published checks",
    `([aquasecurity/kube-bench \`cfg/aks-1.7\`](https://github.com/aquasecurity/kube-bench/tree/main/cfg/aks-1.7)); the benchmark is published by [CIS](${REFERENCES.cisKubernetesBenchmarks.url}).`,
    "",
    "| Recommendation | Title | Controls |",
    "| --- | --- | --- |",
    ...cisIds.map(
      (id) =>
        `| ${id} | ${cell(CIS_AKS_RECOMMENDATIONS[id] ?? "(not in the table of checked recommendations)")} | ${controls
          .filter((control) => control.mappings.cisAks?.includes(id))
          .map((control) => control.id)
          .join(", ")} |`,
    ),
  );
  return `${lines.join("\n")}\n`;
}

/** A reference list as Markdown links. */
function links(references: readonly RuleReference[]): string {
  return references.length > 0 ? references.map((r) => `[${r.title}](${r.url})`).join(", ") : "none";
}

function mappingEntries(m: RuleMappings): string[] {
  return [
    m.cisAks && `CIS AKS v${CIS_AKS_BENCHMARK_VERSION} ${cisList(m.cisAks)}`,
    m.mcsb && `MCSB ${m.mcsb.join(", ")}`,
    m.checkov && `Checkov ${m.checkov.join(", ")}`,
    m.trivy && `Trivy ${m.trivy.join(", ")}`,
    m.tfsec && `tfsec ${m.tfsec.join(", ")}`,
  ].filter((entry): entry is string => !!entry);
}

/** CIS ids with their titles: `5.4.2 (Ensure clusters are created with ...)`. */
function cisList(ids: readonly string[] | undefined): string {
  if (!ids || ids.length === 0) return "-";
  return ids.map((id) => (CIS_AKS_RECOMMENDATIONS[id] ? `${id} (${CIS_AKS_RECOMMENDATIONS[id]})` : id)).join(", ");
}

function list(ids: readonly string[] | undefined): string {
  return ids && ids.length > 0 ? ids.join(", ") : "-";
}

/** A table cell: pipes escaped, on one line. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function familyOf(control: { readonly id: string }): string {
  return control.id.split("-")[0];
}

/** The catalogue's order: by family as DOMAINS lists them (others after, by name), then by number. */
function byCatalogueOrder(a: { readonly id: string }, b: { readonly id: string }): number {
  const families = DOMAINS.flatMap((domain) => domain.families);
  const rank = (id: string) => {
    const index = families.indexOf(id.split("-")[0]);
    return index === -1 ? families.length : index;
  };
  const number = (id: string) => Number(id.split("-")[1]) || 0;
  return rank(a.id) - rank(b.id) || (a.id.split("-")[0] < b.id.split("-")[0] ? -1 : a.id.split("-")[0] > b.id.split("-")[0] ? 1 : 0) || number(a.id) - number(b.id);
}

/** Section ids in numeric order: 4.2.10 after 4.2.9. */
function compareSectionIds(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function anchor(rule: ComplianceRule): string {
  return `${rule.id}: ${rule.title}`
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}
