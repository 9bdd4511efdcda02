import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, invokeAspects, type IConstruct } from "../private/cdktf";
import { CheckingStackSynthesizer, type StackSynthesis, type SynthesisCheck } from "../private/checking-synthesizer";
import { ValidationError } from "../errors";
import { describe, isToken, MIN_REASON_LENGTH, reason as reasonVerdict } from "../private/validate";
import { evaluateTerraform, violationMessages, type Acknowledgement, type ComplianceReport } from "./evaluate";
import { HARDENED_AKS_PACK } from "./hardened-aks-pack";
import { COMPLIANCE_REPORT_FILES, COMPLIANCE_SUMMARY_FILE, assembleSummary, renderJsonReport, renderMarkdownReport, renderSarifReport, summaryParts, type SummaryParts } from "./reports";
import type { ComplianceRule, RulePack } from "./rule";
import type { JsonObject } from "./terraform-json";
import type { ISynthesisSession } from "../private/cdktf";
import { deploymentSection, hasDeploymentCheck, installDeploymentCheck } from "../private/deploy/deployment-check";

/** Node metadata type under which acknowledgements are stored on their construct. */
export const ACKNOWLEDGEMENT_METADATA_TYPE = "hardened-aks/compliance-acknowledgement";

/** Node metadata type that marks a construct's stacks as production (`Compliance.markProduction`). */
export const PRODUCTION_METADATA_TYPE = "hardened-aks/compliance-production";

/** The shortest reason an acknowledgement accepts: a sentence, not a placeholder. */
export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = MIN_REASON_LENGTH;

/** Options of {@link Compliance.check}. */
export interface ComplianceCheckOptions {
  /**
   * The rules to evaluate.
   *
   * @default HARDENED_AKS_PACK
   */
  readonly pack?: RulePack;
  /**
   * Whether an unacknowledged violation fails synthesis. Set false only to adopt the rules
   * on an existing stack: violations are then only reported.
   *
   * @default true
   */
  readonly failOnViolation?: boolean;
  /**
   * Whether `app.synth()` writes the reports next to each stack's `cdk.tf.json`: the JSON
   * one, and those `reports` asks for. Set false to write none.
   *
   * @default true
   */
  readonly writeReports?: boolean;
  /**
   * Which reports are written besides `compliance-report.json`, which always is (unless
   * `writeReports` is false). The JSON report holds the whole report: `renderMarkdownReport`
   * and `renderSarifReport` render the other two from it, byte for byte, whenever they are
   * needed (in the CI job that uploads SARIF, say). The two cost about a millisecond per
   * stack, a few percent of a synthesis, but they are most of its output (SARIF alone is
   * about 2.5 times a stack's Terraform): apps with many stacks may leave them out.
   *
   * @default - Markdown and SARIF are written too
   */
  readonly reports?: ComplianceReportOptions;
}

/** The reports `Compliance.check` writes besides the JSON one. */
export interface ComplianceReportOptions {
  /**
   * Whether to write `compliance-report.md`, for reviewers, and the app's summary across its
   * stacks, `compliance-summary.md` in the output directory.
   *
   * @default true
   */
  readonly markdown?: boolean;
  /**
   * Whether to write `compliance-report.sarif` (SARIF 2.1.0), for code scanning.
   *
   * @default true
   */
  readonly sarif?: boolean;
}

/** The reports written besides the JSON one when `reports` does not say. */
const DEFAULT_REPORTS: Required<ComplianceReportOptions> = { markdown: true, sarif: true };

/** Node metadata type that marks an app whose stacks `Compliance.check(app)` checked. */
const CHECKED_APP_METADATA_TYPE = "hardened-aks/compliance-checked-app";

/**
 * The compliance checks of the hardening catalogue (cdk-nag style): every rule evaluated on
 * the final Terraform of each stack, overrides included. Violations fail synthesis unless
 * acknowledged in code with a reason; each synth writes a JSON, Markdown and SARIF report
 * per stack, and `compliance-summary.md` across the app's stacks in the output directory.
 *
 * ```ts
 * const app = new App();
 * const stack = new PlatformStack(app, "prod");
 * Compliance.acknowledge(stack.cluster, "NODE-4", "Throwaway load-test cluster, deleted after the run (change CHG-123).");
 * Compliance.check(app);
 * app.synth(); // fails on any unacknowledged violation; writes cdktf.out/stacks/prod/compliance-report.* and cdktf.out/compliance-summary.md
 * ```
 */
export class Compliance {
  /**
   * Accepts the violations of one rule for every resource under a construct (a construct,
   * or a whole stack or app), with the reason. Reports show them as acknowledged, with the
   * reason, instead of failing.
   *
   * @param ruleId a rule id of the catalogue, e.g. `API-1`
   * @param reason why the control does not apply here, and who accepted the risk (at least
   *   10 characters)
   * @throws ValidationError for an unknown rule id, a missing or too short reason, or a
   *   second acknowledgement of the same rule on the same construct
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const known = knownRuleIds(scope);
    if (!known.includes(ruleId)) {
      const near = known.find((id) => id.toLowerCase() === String(ruleId).trim().toLowerCase());
      throw new ValidationError(
        `Compliance.acknowledge: unknown rule '${ruleId}'${near ? ` (did you mean '${near}'?)` : ""}. Known rule ids: ${known.join(", ")}.`,
        scope,
      );
    }
    const verdict = reasonVerdict(
      `Compliance.acknowledge: the reason for ${ruleId}`,
      reason,
      "why the control does not apply here and who accepted the risk",
    );
    if (verdict !== undefined) throw new ValidationError(verdict, scope);
    const trimmed = isToken(reason) ? reason : reason.trim();
    const existing = ownAcknowledgements(scope).find((a) => a.ruleId === ruleId);
    if (existing) {
      throw new ValidationError(
        `Compliance.acknowledge: ${ruleId} is already acknowledged on this construct ("${existing.reason}"). Keep one acknowledgement per rule and construct.`,
        scope,
      );
    }
    scope.node.addMetadata(ACKNOWLEDGEMENT_METADATA_TYPE, { ruleId, reason: trimmed });
  }

  /**
   * Marks stacks as production, so the rules ask what production needs on top of the
   * catalogue's defaults (OPS-3: the AKS cluster itself carries `lifecycle.prevent_destroy`).
   * Given a stack, marks it; given an app (or any construct above stacks), marks every stack
   * under it; given a construct inside a stack, marks that stack. Reports say when a stack
   * was evaluated as production. Marking twice is harmless.
   *
   * ```ts
   * const prod = new TerraformStack(app, "prod-platform");
   * Compliance.markProduction(prod);
   * ```
   */
  public static markProduction(scope: IConstruct): void {
    if (scope.node.metadata.some((entry) => entry.type === PRODUCTION_METADATA_TYPE)) return;
    scope.node.addMetadata(PRODUCTION_METADATA_TYPE, { production: true });
  }

  /**
   * Whether a stack is marked production: `markProduction` was called on it, on a scope
   * above it (its app), or on a construct inside it.
   */
  public static isProduction(stack: TerraformStack): boolean {
    return [...stack.node.scopes, ...stack.node.findAll()].some((c) => c.node.metadata.some((entry) => entry.type === PRODUCTION_METADATA_TYPE));
  }

  /**
   * Turns the checks on for a stack, or for every stack of an app (create the stacks first).
   * Each stack then synthesizes through a synthesizer that wraps its own: after the stack's
   * own synthesis has run its aspects and written its Terraform, the rules evaluate that
   * Terraform (the JSON form, also with HCL output), the reports are written into the
   * stack's directory, and any unacknowledged violation fails `app.synth()`, listing each:
   * resource, construct path, rule, problem and fix. The stack's Terraform file is then
   * removed, so nothing that fails the rules is left for Terraform to apply; the reports
   * stay, also when the synthesis fails for another reason. `Testing.synth(stack, true)`,
   * which bypasses synthesizers, fails the same way through a validation. Calling it again
   * replaces the options.
   */
  public static check(scope: App | TerraformStack, options: ComplianceCheckOptions = {}): void {
    if (options.pack) throwIfPackInvalid(scope, options.pack);
    if (TerraformStack.isStack(scope)) {
      checkStack(scope, options);
      return;
    }
    if (!App.isApp(scope)) {
      throw new ValidationError(`Compliance.check takes an App or a TerraformStack; got the construct at '${(scope as IConstruct).node.path}'.`, scope as IConstruct);
    }
    const stacks = stacksOf(scope);
    if (stacks.length === 0) {
      throw new ValidationError("Compliance.check(app): the app has no stack yet. Create the stacks first, then call Compliance.check(app) before app.synth().", scope);
    }
    stacks.forEach((stack) => checkStack(stack, options));
    if (!scope.node.metadata.some((entry) => entry.type === CHECKED_APP_METADATA_TYPE)) {
      scope.node.addMetadata(CHECKED_APP_METADATA_TYPE, { checked: true });
      scope.node.addValidation({
        validate: () =>
          stacksOf(scope)
            .filter((stack) => !gateOf(stack))
            .map(
              (stack) =>
                `Stack '${stack.node.id}' was created after Compliance.check(app), so its compliance was not checked. Call Compliance.check(app) after creating every stack.`,
            ),
      });
    }
  }

  /**
   * Evaluates the rules on a stack's final Terraform now (for tools and tests); writes
   * nothing. Runs the stack's aspects first, as synthesis does: they change the Terraform
   * (production clusters get `prevent_destroy` from one). cdktf runs them again on every
   * synthesis, so aspects are written to be repeatable.
   */
  public static evaluate(stack: TerraformStack, options: Pick<ComplianceCheckOptions, "pack"> = {}): ComplianceReport {
    invokeAspects(stack);
    return evaluateStack(stack, stack.toTerraform() as JsonObject, options.pack ?? gateOf(stack)?.options.pack);
  }

  /** Every acknowledgement that applies in a stack: on the stack, its app, or a construct in it. */
  public static acknowledgementsOf(stack: TerraformStack): Acknowledgement[] {
    const ancestors = stack.node.scopes.filter((scope) => scope !== stack);
    return [...ancestors, ...stack.node.findAll()].flatMap(ownAcknowledgements);
  }
}

/**
 * The rules on a stack's final Terraform (inside a synthesis, after its aspects). Creation
 * sites and the output directory are reported relative to the working directory, which is the
 * project root when the app runs the way `cdktf synth` runs it (from the project's folder).
 */
function evaluateStack(stack: TerraformStack, terraform: JsonObject, pack: RulePack | undefined, terraformFile?: string, outdir?: string): ComplianceReport {
  const projectRoot = process.cwd();
  return evaluateTerraform(terraform, {
    stackName: stack.node.id,
    terraformFile,
    pack: pack ?? HARDENED_AKS_PACK,
    acknowledgements: Compliance.acknowledgementsOf(stack),
    production: Compliance.isProduction(stack),
    projectRoot,
    outputDirectory: outdir === undefined ? undefined : relativeInside(projectRoot, outdir),
  });
}

/** A directory relative to the project root (with `/`), or undefined when it is outside it. */
function relativeInside(root: string, directory: string): string | undefined {
  const relative = path.relative(root, path.resolve(directory));
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  return relative === "" ? "." : relative.split(path.sep).join("/");
}

/** The reports of the stacks synthesized so far in each synthesis, for the app's summary. */
const SESSION_REPORTS = new WeakMap<ISynthesisSession, { readonly order: readonly TerraformStack[]; readonly parts: Map<TerraformStack, SummaryParts> }>();

/**
 * The rules' gate of one stack, a check of its synthesizer: evaluates the Terraform each
 * synthesis wrote, writes the reports, and fails the synthesis on a violation. The options
 * of the latest `Compliance.check` live here.
 */
class ComplianceGate implements SynthesisCheck {
  /** The report this gate last wrote, which afterChecks may write again. */
  private lastWritten?: ComplianceReport;

  constructor(public options: ComplianceCheckOptions) {}

  /** Whether this stack's report goes into the app's summary (it is written with the Markdown reports). */
  public get writesSummary(): boolean {
    return this.options.writeReports !== false && (this.options.reports?.markdown ?? DEFAULT_REPORTS.markdown);
  }

  public check(synthesis: StackSynthesis): string[] {
    const report = this.evaluate(synthesis);
    return [...(this.options.failOnViolation === false ? [] : violationMessages(report)), ...uncheckedSiblings(synthesis)];
  }

  /** The reports say why, when the synthesis failed for another reason. */
  public afterFailure(synthesis: StackSynthesis): void {
    this.evaluate(synthesis, false);
  }

  /**
   * When any check failed (this one, the deployment check, parity), the synthesis removes the
   * stack's cdk.tf.json: the SARIF report, written before that was known, is written again
   * pointing at the JSON report instead.
   */
  public afterChecks({ directory }: StackSynthesis, failures: readonly string[]): void {
    if (failures.length === 0 || !this.lastWritten || this.options.writeReports === false || !(this.options.reports?.sarif ?? DEFAULT_REPORTS.sarif)) return;
    fs.writeFileSync(path.join(directory, COMPLIANCE_REPORT_FILES.sarif), renderSarifReport(this.lastWritten, { terraformFileKept: false }));
  }

  /**
   * The gate outside a synthesis (`Testing.synth(stack, true)`, `node.validate()`): the
   * stack's Terraform as it is now, nothing written.
   */
  public validate(stack: TerraformStack): string[] {
    let report: ComplianceReport;
    try {
      report = evaluateStack(stack, stack.toTerraform() as JsonObject, this.options.pack);
    } catch (error) {
      return [`The compliance rules could not evaluate the stack's Terraform: ${error instanceof Error ? error.message : String(error)}`];
    }
    return this.options.failOnViolation === false ? [] : violationMessages(report);
  }

  private evaluate({ stack, terraform, terraformFile, directory, session }: StackSynthesis, terraformFileKept = true): ComplianceReport {
    const report = evaluateStack(stack, terraform, this.options.pack, terraformFile, session.outdir);
    // The deployment check's verdicts (line of sight, wiring) go in the JSON report too.
    const deployment = hasDeploymentCheck(stack) ? deploymentSection(stack, terraform, session) : undefined;
    const written: ComplianceReport = deployment ? Object.assign({}, report, { deployment }) : report;
    if (this.options.writeReports !== false) {
      // Whether the stack's cdk.tf.json stays is known once every check has run (afterChecks).
      writeReports(written, directory, this.options.reports, terraformFileKept);
      this.lastWritten = written;
      if (this.writesSummary) writeSummary(stack, report, session);
    }
    return report;
  }
}

function checkStack(stack: TerraformStack, options: ComplianceCheckOptions): void {
  const synthesizer = CheckingStackSynthesizer.of(stack);
  const existing = synthesizer.findCheck(ComplianceGate);
  if (existing) {
    existing.options = options;
    return;
  }
  const gate = new ComplianceGate(options);
  synthesizer.addCheck(gate);
  // Checked stacks are also checked for where they deploy from (see Deployer).
  installDeploymentCheck(stack);
  // Inside a synthesis the gate runs after the stack is written, on what was written; this
  // validation is for what bypasses synthesizers.
  stack.node.addValidation({ validate: () => (synthesizer.synthesizing ? [] : gate.validate(stack)) });
}

/**
 * With skipValidation the app never runs its validations, so the one that catches a stack
 * created after `Compliance.check(app)` would not either, and that stack would be written
 * unchecked. Each checked stack's gate says so instead (only then, so a normal synthesis
 * reports it once, from the app).
 */
function uncheckedSiblings({ stack, session }: StackSynthesis): string[] {
  const app = stack.node.root;
  if (!session.skipValidation || !App.isApp(app) || !app.node.metadata.some((entry) => entry.type === CHECKED_APP_METADATA_TYPE)) return [];
  return stacksOf(app)
    .filter((other) => !gateOf(other))
    .map(
      (other) =>
        `Stack '${other.node.id}' was created after Compliance.check(app), so its compliance was not checked. Call Compliance.check(app) after creating every stack.`,
    );
}

/**
 * A custom pack's rules as the reports read them: each with a list of references, `{ title,
 * url }` with https urls (`seeds` of 0.1 became `references`; a team's own rule may list none). Checked once, at the call, so a pack carried
 * over from 0.1 fails here with the rule's name instead of in the middle of writing a report.
 */
function throwIfPackInvalid(scope: IConstruct, pack: RulePack): void {
  const rules: unknown = (pack as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) throw new ValidationError(`Compliance.check: options.pack.rules must be an array of rules; got ${describe(rules)}.`, scope);
  const problems = rules.flatMap((rule: Partial<ComplianceRule> & { seeds?: unknown }, i) => {
    const at = `options.pack.rules[${i}]${typeof rule?.id === "string" ? ` (${rule.id})` : ""}`;
    const refs = rule?.references;
    if (Array.isArray(refs) && refs.every((r) => typeof r?.title === "string" && typeof r?.url === "string" && /^https:\/\//.test(r.url))) return [];
    const renamed = rule?.seeds !== undefined ? " The 0.1 key seeds was replaced by references." : "";
    return [`${at}.references must be a list of pages as { title, url } with https urls ([] for none), e.g. { title: 'AKS: Best practices for cluster security', url: 'https://learn.microsoft.com/azure/aks/operator-best-practices-cluster-security' }; got ${describe(refs)}.${renamed}`];
  });
  if (problems.length > 0) throw new ValidationError(problems.join("\n"), scope);
}

/** The gate of a checked stack. */
function gateOf(stack: TerraformStack): ComplianceGate | undefined {
  return CheckingStackSynthesizer.installedOn(stack)?.findCheck(ComplianceGate);
}

/** Writes the reports of a stack into a directory: the JSON one always, the others as asked. */
export function writeReports(report: ComplianceReport, directory: string, formats: ComplianceReportOptions = {}, terraformFileKept = true): void {
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, COMPLIANCE_REPORT_FILES.json), renderJsonReport(report));
  if (formats.markdown ?? DEFAULT_REPORTS.markdown) fs.writeFileSync(path.join(directory, COMPLIANCE_REPORT_FILES.markdown), renderMarkdownReport(report));
  if (formats.sarif ?? DEFAULT_REPORTS.sarif) fs.writeFileSync(path.join(directory, COMPLIANCE_REPORT_FILES.sarif), renderSarifReport(report, { terraformFileKept }));
}

/**
 * Rewrites the app's summary after each stack: stacks are synthesized one after the other,
 * and a synthesis may stop at any of them (a failed check), so each write holds the stacks
 * checked so far and names the others as not checked; the last one's write holds them all.
 * Each stack's lines are rendered once and the app's stacks listed once per synthesis, so a
 * write costs the stacks' lines (walking the app, or rendering every report, per stack made
 * it quadratic).
 */
function writeSummary(stack: TerraformStack, report: ComplianceReport, session: ISynthesisSession): void {
  let entry = SESSION_REPORTS.get(session);
  if (!entry) {
    const root = stack.node.root;
    const order = App.isApp(root) ? stacksOf(root).filter((s) => gateOf(s)?.writesSummary === true) : [stack];
    entry = { order, parts: new Map<TerraformStack, SummaryParts>() };
    SESSION_REPORTS.set(session, entry);
  }
  entry.parts.set(stack, summaryParts(report));
  const checked = entry.order.flatMap((s) => entry.parts.get(s) ?? []);
  const unchecked = entry.order.filter((s) => !entry.parts.has(s)).map((s) => s.node.id);
  fs.mkdirSync(session.outdir, { recursive: true });
  fs.writeFileSync(path.join(session.outdir, COMPLIANCE_SUMMARY_FILE), assembleSummary(checked, unchecked));
}

function stacksOf(app: App): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

function ownAcknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.metadata
    .filter((entry) => entry.type === ACKNOWLEDGEMENT_METADATA_TYPE)
    .map((entry) => ({ ruleId: entry.data.ruleId as string, reason: entry.data.reason as string, scopePath: scope.node.path }));
}

/**
 * Rule ids that may be acknowledged at a scope: the catalogue's, and those of the packs of
 * the checked stacks it applies to (its own stack, or the stacks under it).
 */
function knownRuleIds(scope: IConstruct): string[] {
  const own = scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
  const stacks = own ? [own] : scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  const packs = [HARDENED_AKS_PACK, ...stacks.flatMap((stack) => gateOf(stack)?.options.pack ?? [])];
  const ids = new Set<string>();
  for (const pack of packs) {
    pack.rules.forEach((rule) => ids.add(rule.id));
    pack.notYetEvaluated.forEach((control) => ids.add(control.id));
  }
  return [...ids];
}
