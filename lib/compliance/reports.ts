// Renders a compliance report as JSON (for tools), Markdown (for reviewers) and SARIF 2.1.0
// (for code scanning). Pure and deterministic: no clock, no machine paths, stable order.
import type { ComplianceReport, ResourceResult, RuleInfo, RuleResult } from "./evaluate";
import type { RuleMappings, RuleReference, RuleSeverity } from "./rule";
import { deepFreeze } from "../private/freeze";

/** The report files written next to each stack's `cdk.tf.json`. */
export const COMPLIANCE_REPORT_FILES = deepFreeze({
  /** The full report, one object per stack, for tools. */
  json: "compliance-report.json",
  /** The report for people: a summary and every failing or acknowledged rule. */
  markdown: "compliance-report.md",
  /** SARIF 2.1.0, for code scanning (GitHub, Azure DevOps). */
  sarif: "compliance-report.sarif",
});

/** The app-level summary across stacks, written in the output directory (next to `stacks/`). */
export const COMPLIANCE_SUMMARY_FILE = "compliance-summary.md";

/** The SARIF schema the report declares. */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** The tool name in reports. */
const TOOL = "hardened-aks";

/**
 * The report as JSON, with a format marker for tools. Format version 2: rules carry
 * `references` instead of `seeds`; resources may carry `createdAt`, the report `outputDirectory`.
 */
export function renderJsonReport(report: ComplianceReport): string {
  return `${JSON.stringify({ format: "hardened-aks/compliance-report", formatVersion: 2, ...report }, null, 2)}\n`;
}

const STATUS_TEXT: Readonly<Record<RuleResult["status"], string>> = {
  pass: "pass",
  fail: "**FAIL**",
  acknowledged: "acknowledged",
  "not-applicable": "not applicable",
};

/** The report as Markdown: a summary line, a table of every rule, then the details. */
export function renderMarkdownReport(report: ComplianceReport): string {
  const { summary } = report;
  const lines: string[] = [
    `# Compliance report: ${report.stack}`,
    "",
    `Rule pack \`${report.pack.name}\` v${report.pack.version}, evaluated on \`${report.terraformFile}\` (the final Terraform, overrides included).` +
      (report.production ? " Evaluated as a production stack (Compliance.markProduction)." : ""),
    "",
    `**${summary.rules} rules: ${summary.pass} pass, ${summary.fail} FAIL, ${summary.acknowledged} acknowledged, ${summary.notApplicable} not applicable.** ` +
      `${summary.notYetEvaluated} catalogue controls are not evaluated per stack (listed below).`,
    "",
    "| Rule | Title | Severity | Status | Resources |",
    "| --- | --- | --- | --- | --- |",
    ...report.rules.map((result) => {
      const status = result.status === "acknowledged" ? `acknowledged: ${reasons(result)}` : STATUS_TEXT[result.status];
      return `| ${ruleLink(result.rule)} | ${cell(result.rule.title)} | ${result.rule.severity} | ${cell(status)} | ${resourceCount(result)} |`;
    }),
  ];

  /** Starts a section, one blank line after what came before. */
  const section = (title: string, ...intro: string[]) => {
    if (lines[lines.length - 1] !== "") lines.push("");
    lines.push(title, "", ...intro);
  };

  const failing = report.rules.filter((r) => r.status === "fail");
  if (failing.length > 0) {
    section("## Failures");
    for (const result of failing) {
      lines.push(`### ${result.rule.id}: ${result.rule.title}`, "");
      for (const resource of result.resources.filter((r) => r.status === "fail")) lines.push(resourceLine(resource));
      lines.push("", `Fix: ${result.rule.fix}`, "", `References: ${referenceLinks(result.rule.references)}`, "");
    }
  }

  const acknowledged = report.rules.flatMap((result) =>
    result.resources.filter((r) => r.status === "acknowledged").map((resource) => ({ result, resource })),
  );
  if (acknowledged.length > 0) {
    section("## Acknowledged");
    for (const { result, resource } of acknowledged) {
      lines.push(
        `- ${result.rule.id} on \`${resource.address}\` (\`${resource.constructPath}\`), acknowledged at \`${scopeLabel(resource.acknowledgement!.scopePath)}\`: ${resource.acknowledgement!.reason}` +
          ` Found: ${resource.problems.join("; ")}.`,
      );
    }
  }

  if (report.unusedAcknowledgements.length > 0) {
    section("## Unused acknowledgements", "These match no failing resource; remove them if the opt-out is gone.", "");
    for (const a of report.unusedAcknowledgements) lines.push(`- ${a.ruleId} at \`${scopeLabel(a.scopePath)}\`: ${a.reason}`);
  }

  section("## Mappings", ...mappingTable(report.rules.map((r) => r.rule)));

  if (report.notYetEvaluated.length > 0) {
    section("## Not yet evaluated", "Catalogue controls no rule of the pack evaluates on a stack, and where their evidence is checked instead:", "");
    for (const control of report.notYetEvaluated) lines.push(`- ${control.id}: ${control.title}${control.note ? `. ${control.note}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

const SARIF_LEVEL: Readonly<Record<RuleSeverity, "error" | "warning" | "note">> = { high: "error", medium: "warning", low: "note" };
/** GitHub code scanning orders security alerts by this CVSS-like score. */
const SECURITY_SEVERITY: Readonly<Record<RuleSeverity, string>> = { high: "8.0", medium: "5.5", low: "3.0" };

/**
 * The report as a SARIF 2.1.0 log. Results are the failing and the acknowledged resources
 * (acknowledged ones carry an external suppression with the reason); passing and
 * not-applicable rules are in the run's properties, because code scanning UIs show every
 * result as an alert whatever its kind. Each result names its construct path as a logical
 * location, and as physical location the line of the user's code that created the construct
 * when it was recorded (`recordCreationSites`), else the stack's synthesized Terraform file:
 * relative to the project root (`uriBaseId` PROJECTROOT) when the output directory is inside
 * it, else relative to the output directory (CDKTF_OUT). Rules link to their first reference
 * (`helpUri`) and list them all.
 *
 * @param report the stack's report
 * @param options.terraformFileKept whether the stack's `cdk.tf.json` exists to point at; a
 *   stack that fails the check has none (the synthesis removes it), and results then point at
 *   the stack's `compliance-report.json` beside it, or at the recorded creation site
 */
export function renderSarifReport(report: ComplianceReport, options: { readonly terraformFileKept?: boolean } = {}): string {
  const kept = options.terraformFileKept ?? true;
  const rules = report.rules.map(({ rule }) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    ...(rule.references.length > 0 ? { helpUri: rule.references[0].url } : {}),
    help: {
      text: `Fix: ${rule.fix}${rule.references.length > 0 ? ` References: ${rule.references.map((r) => `${r.title} (${r.url})`).join("; ")}.` : ""}`,
      markdown: `**Fix:** ${rule.fix}${rule.references.length > 0 ? `\n\n**References:** ${referenceLinks(rule.references)}` : ""}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      severity: rule.severity,
      "security-severity": SECURITY_SEVERITY[rule.severity],
      tags: ["security", "aks", "terraform", ...mappingTags(rule.mappings)],
      references: rule.references.map(({ title, url }) => ({ title, url })),
      mappings: rule.mappings,
      resourceTypes: [...rule.resourceTypes],
    },
  }));

  // Without its cdk.tf.json (a failed stack's is removed), results point at the stack's JSON
  // report, written beside it: code scanning refuses a result with no physical location.
  const stackFile = kept ? report.terraformFile : joinUri(report.terraformFile.split("/").slice(0, -1).join("/"), COMPLIANCE_REPORT_FILES.json);
  const terraformArtifact =
    report.outputDirectory !== undefined ? { uri: joinUri(report.outputDirectory, stackFile), uriBaseId: PROJECT_ROOT } : { uri: stackFile, uriBaseId: CDKTF_OUT };
  const sourceFiles = new Set<string>();

  const results = report.rules.flatMap((result, ruleIndex) =>
    result.resources
      .filter((resource) => resource.status !== "pass")
      .map((resource) => {
        if (resource.createdAt) sourceFiles.add(resource.createdAt.file);
        const physicalLocation = resource.createdAt
          ? { artifactLocation: { uri: resource.createdAt.file, uriBaseId: PROJECT_ROOT }, region: { startLine: resource.createdAt.line } }
          : { artifactLocation: terraformArtifact };
        return {
          ruleId: result.rule.id,
          ruleIndex,
          kind: "fail",
          level: SARIF_LEVEL[result.rule.severity],
          message: { text: `${resource.address} (${resource.constructPath}): ${resource.problems.join("; ")}. Fix: ${result.rule.fix}` },
          locations: [
            {
              physicalLocation,
              logicalLocations: [
                {
                  name: resource.address,
                  fullyQualifiedName: resource.constructPath,
                  // A stack-level rule checks the stack as a whole: Terraform's root module.
                  kind: result.rule.resourceTypes.length === 0 ? "module" : "resource",
                },
              ],
            },
          ],
          partialFingerprints: { "hardenedAksResource/v1": `${result.rule.id}:${report.stack}:${resource.address}` },
          ...(resource.acknowledgement
            ? {
                suppressions: [
                  {
                    kind: "external",
                    status: "accepted",
                    justification: resource.acknowledgement.reason,
                    properties: { scope: scopeLabel(resource.acknowledgement.scopePath) },
                  },
                ],
              }
            : {}),
        };
      }),
  );

  const baseIds = {
    ...(report.outputDirectory !== undefined || sourceFiles.size > 0
      ? { [PROJECT_ROOT]: { description: { text: "The project's root directory, where the app is synthesized from (the repository root for code scanning)." } } }
      : {}),
    ...(report.outputDirectory === undefined
      ? { [CDKTF_OUT]: { description: { text: "The cdktf output directory the stacks were synthesized into (cdktf.out by default)." } } }
      : {}),
  };

  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: TOOL, rules } },
        automationDetails: { id: `${TOOL}/${report.stack}/` },
        originalUriBaseIds: baseIds,
        artifacts: [{ location: terraformArtifact }, ...[...sourceFiles].sort().map((uri) => ({ location: { uri, uriBaseId: PROJECT_ROOT } }))],
        results,
        properties: {
          stack: report.stack,
          production: report.production,
          pack: report.pack,
          summary: report.summary,
          ruleStatuses: report.rules.map((r) => ({ ruleId: r.rule.id, status: r.status })),
          notYetEvaluated: report.notYetEvaluated,
          unusedAcknowledgements: report.unusedAcknowledgements,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** SARIF base ids: files relative to the project root, and to the cdktf output directory. */
const PROJECT_ROOT = "PROJECTROOT";
const CDKTF_OUT = "CDKTF_OUT";

/**
 * The summary of an app's compliance across its stacks, as Markdown: each stack's counts,
 * then every acknowledgement with its reason, then the unacknowledged failures. `Compliance.check`
 * writes it as `compliance-summary.md` in the output directory (with the Markdown reports);
 * each stack's own report has the details. Stacks in the order given.
 *
 * @param reports the checked stacks' reports
 * @param notChecked stacks of the app the synthesis did not reach (it stopped at a failed check before them)
 */
export function renderComplianceSummary(reports: readonly ComplianceReport[], notChecked: readonly string[] = []): string {
  return assembleSummary(reports.map(summaryParts), notChecked);
}

/**
 * One stack's lines of the app's summary, rendered once: the synthesis rewrites the summary
 * after each stack from these, so each write costs the stacks' lines, not their reports.
 *
 * @internal
 */
export interface SummaryParts {
  readonly stack: string;
  readonly pack: string;
  readonly failing: boolean;
  readonly row: string;
  readonly acknowledgements: readonly string[];
  readonly failures: readonly string[];
}

/**
 * A stack's lines of the summary.
 *
 * @internal
 */
export function summaryParts(r: ComplianceReport): SummaryParts {
  const file = joinUri(r.terraformFile.split("/").slice(0, -1).join("/"), COMPLIANCE_REPORT_FILES.markdown);
  const of = (status: string) => r.rules.flatMap((result) => result.resources.filter((resource) => resource.status === status).map((resource) => ({ result, resource })));
  return {
    stack: r.stack,
    pack: `\`${r.pack.name}\` v${r.pack.version}`,
    failing: r.summary.fail > 0,
    row: `| ${cell(r.stack)} | ${r.production ? "yes" : "no"} | ${r.summary.pass} | ${r.summary.fail > 0 ? `**${r.summary.fail}**` : "0"} | ${r.summary.acknowledged} | ${r.summary.notApplicable} | [${file}](${file}) |`,
    acknowledgements: of("acknowledged").map(
      ({ result, resource }) =>
        `| ${cell(r.stack)} | ${ruleLink(result.rule)} | \`${resource.address}\` | \`${cell(scopeLabel(resource.acknowledgement!.scopePath))}\` | ${cell(resource.acknowledgement!.reason)} |`,
    ),
    failures: of("fail").map(({ result, resource }) => `- ${r.stack}: ${result.rule.id} on \`${resource.address}\` (\`${resource.constructPath}\`): ${resource.problems.join("; ")}. Fix: ${result.rule.fix}`),
  };
}

/**
 * The summary from its stacks' lines, with the stacks of the app not (or not yet) checked.
 *
 * @internal
 */
export function assembleSummary(parts: readonly SummaryParts[], notChecked: readonly string[] = []): string {
  const packs = [...new Set(parts.map((p) => p.pack))];
  const failing = parts.filter((p) => p.failing);
  const lines: string[] = [
    "# Compliance summary",
    "",
    `${parts.length} ${parts.length === 1 ? "stack" : "stacks"} checked with rule pack ${packs.join(", ")}` +
      (failing.length > 0 ? `; **${failing.length} with unacknowledged failures** (${failing.map((p) => p.stack).join(", ")}).` : "; no unacknowledged failure."),
    "",
    ...(notChecked.length > 0 ? [`Not checked: synthesis stopped before ${notChecked.map((id) => `\`${id}\``).join(", ")}.`, ""] : []),
    "| Stack | Production | Pass | FAIL | Acknowledged | Not applicable | Report |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...parts.map((p) => p.row),
  ];
  const acknowledged = parts.flatMap((p) => p.acknowledgements);
  lines.push("", "## Acknowledgements", "");
  if (acknowledged.length === 0) lines.push("None: no rule is acknowledged in any stack.");
  else lines.push("| Stack | Rule | Resource | Acknowledged at | Reason |", "| --- | --- | --- | --- | --- |", ...acknowledged);
  const failures = parts.flatMap((p) => p.failures);
  if (failures.length > 0) lines.push("", "## Failures", "", ...failures);
  return `${lines.join("\n")}\n`;
}

/** The benchmark and scanner ids of each rule, as a Markdown table. */
function mappingTable(rules: readonly { readonly id: string; readonly mappings: RuleMappings }[]): string[] {
  return [
    "| Rule | CIS AKS v1.7.0 | MCSB | Checkov | Trivy | tfsec |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rules.map(({ id, mappings: m }) => `| ${id} | ${list(m.cisAks)} | ${list(m.mcsb)} | ${list(m.checkov)} | ${list(m.trivy)} | ${list(m.tfsec)} |`),
  ];
}

function mappingTags(m: RuleMappings): string[] {
  return [
    ...(m.cisAks ?? []).map((id) => `CIS-AKS-${id}`),
    ...(m.mcsb ?? []).map((id) => `MCSB-${id}`),
    ...(m.checkov ?? []),
    ...(m.trivy ?? []),
  ];
}

/** A rule id, linked to the rule's first reference when it has one. */
function ruleLink(rule: Pick<RuleInfo, "id" | "references">): string {
  return rule.references.length > 0 ? `[${rule.id}](${rule.references[0].url})` : rule.id;
}

/** References as Markdown links, separated by commas. */
function referenceLinks(references: readonly RuleReference[]): string {
  return references.length > 0 ? references.map((r) => `[${r.title}](${r.url})`).join(", ") : "none";
}

/** Joins URI path segments with `/`, skipping empty ones. */
function joinUri(...parts: string[]): string {
  return parts.filter((part) => part !== "" && part !== ".").join("/");
}

function reasons(result: RuleResult): string {
  const distinct = [...new Set(result.resources.flatMap((r) => (r.acknowledgement ? [r.acknowledgement.reason] : [])))];
  return distinct.join(" / ");
}

function resourceCount(result: RuleResult): string {
  const total = result.resources.length;
  const failing = result.resources.filter((r) => r.status === "fail").length;
  return failing > 0 ? `${failing} of ${total} failing` : String(total);
}

function resourceLine(resource: ResourceResult): string {
  return `- \`${resource.address}\` (\`${resource.constructPath}\`): ${resource.problems.join("; ")}`;
}

function scopeLabel(scopePath: string): string {
  return scopePath === "" ? "(app)" : scopePath;
}

function list(ids: readonly string[] | undefined): string {
  return ids && ids.length > 0 ? ids.join(", ") : "-";
}

/** A table cell: pipes escaped, on one line. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}
