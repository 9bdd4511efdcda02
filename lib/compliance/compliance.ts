import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack, invokeAspects, type IConstruct } from "../private/cdktf";
import { ValidationError } from "../errors";
import { evaluateTerraform, violationMessages, type Acknowledgement, type ComplianceReport } from "./evaluate";
import { HARDENED_AKS_PACK } from "./hardened-aks-pack";
import { COMPLIANCE_REPORT_FILES, renderJsonReport, renderMarkdownReport, renderSarifReport } from "./reports";
import type { RulePack } from "./rule";
import type { JsonObject } from "./terraform-json";

/** Node metadata type under which acknowledgements are stored on their construct. */
export const ACKNOWLEDGEMENT_METADATA_TYPE = "hardened-aks/compliance-acknowledgement";

/** Node metadata type that marks a construct's stacks as production (`Compliance.markProduction`). */
export const PRODUCTION_METADATA_TYPE = "hardened-aks/compliance-production";

/** The shortest reason an acknowledgement accepts: a sentence, not a placeholder. */
export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 10;

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
   * Whether `app.synth()` writes `compliance-report.json`, `.md` and `.sarif` next to each
   * stack's `cdk.tf.json`.
   *
   * @default true
   */
  readonly writeReports?: boolean;
}

/** Options in force per checked stack; also marks a stack as checked. */
const checkedStacks = new WeakMap<TerraformStack, ComplianceCheckOptions>();
/**
 * The report the validation computed during the synthesis under way, so the reports written
 * right after reuse it instead of evaluating the same Terraform again.
 */
const reportOfThisSynthesis = new WeakMap<TerraformStack, ComplianceReport>();
/** Apps whose stacks were checked, to flag stacks created after the call. */
const checkedApps = new WeakSet<App>();
/** Packs given to `check` per app or stack, so their rule ids can be acknowledged. */
const packsByScope = new WeakMap<IConstruct, RulePack>();

/**
 * The compliance checks of the hardening catalogue (cdk-nag style): every rule evaluated on
 * the final Terraform of each stack, overrides included. Violations fail synthesis unless
 * acknowledged in code with a reason; each synth writes a JSON, Markdown and SARIF report
 * per stack.
 *
 * ```ts
 * const app = new App();
 * const stack = new PlatformStack(app, "prod");
 * Compliance.acknowledge(stack.cluster, "NODE-4", "Throwaway load-test cluster, deleted after the run (change CHG-123).");
 * Compliance.check(app);
 * app.synth(); // fails on any unacknowledged violation; writes cdktf.out/stacks/prod/compliance-report.*
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
    const trimmed = typeof reason === "string" ? reason.trim() : "";
    if (trimmed.length < MIN_ACKNOWLEDGEMENT_REASON_LENGTH) {
      throw new ValidationError(
        `Compliance.acknowledge: acknowledging ${ruleId} needs a written reason of at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters: why the control does not apply here and who accepted the risk; got ${JSON.stringify(reason ?? null)}.`,
        scope,
      );
    }
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
   * Adds a validation that fails synthesis (`app.synth()`, `Testing.synth(stack, true)`)
   * with every unacknowledged violation: resource, construct path, rule, problem and fix.
   * On `app.synth()`, writes the reports into each stack's directory, next to `cdk.tf.json`,
   * also when the synthesis fails. Calling it again replaces the options.
   */
  public static check(scope: App | TerraformStack, options: ComplianceCheckOptions = {}): void {
    if (TerraformStack.isStack(scope)) {
      checkStack(scope, options);
      return;
    }
    if (!App.isApp(scope)) {
      throw new ValidationError(`Compliance.check takes an App or a TerraformStack; got the construct at '${(scope as IConstruct).node.path}'.`, scope as IConstruct);
    }
    const stacks = stacksOf(scope);
    if (stacks.length === 0) {
      throw new ValidationError("Compliance.check(app): the app has no stack yet. Create the stacks first, then call Compliance.check(app) before app.synth().");
    }
    if (options.pack) packsByScope.set(scope, options.pack);
    stacks.forEach((stack) => checkStack(stack, options));
    if (!checkedApps.has(scope)) {
      checkedApps.add(scope);
      scope.node.addValidation({
        validate: () =>
          stacksOf(scope)
            .filter((stack) => !checkedStacks.has(stack))
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
    return evaluateStack(stack, options);
  }

  /** Every acknowledgement that applies in a stack: on the stack, its app, or a construct in it. */
  public static acknowledgementsOf(stack: TerraformStack): Acknowledgement[] {
    const ancestors = stack.node.scopes.filter((scope) => scope !== stack);
    return [...ancestors, ...stack.node.findAll()].flatMap(ownAcknowledgements);
  }
}

/** The rules on the stack's Terraform as it is now (inside a synthesis, aspects have run). */
function evaluateStack(stack: TerraformStack, options: Pick<ComplianceCheckOptions, "pack"> = {}): ComplianceReport {
  return evaluateTerraform(stack.toTerraform() as JsonObject, {
    stackName: stack.node.id,
    pack: options.pack ?? checkedStacks.get(stack)?.pack ?? HARDENED_AKS_PACK,
    acknowledgements: Compliance.acknowledgementsOf(stack),
    production: Compliance.isProduction(stack),
  });
}

function checkStack(stack: TerraformStack, options: ComplianceCheckOptions): void {
  const firstTime = !checkedStacks.has(stack);
  checkedStacks.set(stack, options);
  if (options.pack) packsByScope.set(stack, options.pack);
  if (!firstTime) return;

  stack.node.addValidation({
    validate: () => {
      let report: ComplianceReport;
      try {
        report = evaluateStack(stack);
      } catch (error) {
        return [`The compliance rules could not evaluate the stack's Terraform: ${error instanceof Error ? error.message : String(error)}`];
      }
      reportOfThisSynthesis.set(stack, report);
      return checkedStacks.get(stack)?.failOnViolation === false ? [] : violationMessages(report);
    },
  });

  // The reports go where cdktf writes the stack: wrap the stack's synthesizer, which knows
  // the output directory and the stack's working directory in it.
  const inner = stack.synthesizer;
  stack.synthesizer = {
    synthesize: (session) => {
      reportOfThisSynthesis.delete(stack);
      // The check (a validation) and the write both need the stack's resolved Terraform, one
      // right after the other inside this synthesis, with nothing changing the tree between
      // them (aspects ran before both): resolve it once. Resolving is the costliest step of
      // a synthesis.
      const resolve = stack.toTerraform;
      let resolved: ReturnType<typeof resolve> | undefined;
      stack.toTerraform = () => (resolved ??= resolve.call(stack));
      // The reports are written also when the synthesis fails (they say why).
      const finish = () => {
        stack.toTerraform = resolve;
        const report = reportOfThisSynthesis.get(stack);
        reportOfThisSynthesis.delete(stack);
        if (checkedStacks.get(stack)?.writeReports === false) return;
        writeReports(report ?? evaluateStack(stack), path.join(session.outdir, session.manifest.forStack(stack).workingDirectory));
      };
      try {
        inner.synthesize(session);
      } catch (error) {
        try {
          finish();
        } catch {
          // never hide the error that failed the synthesis
        }
        throw error;
      }
      finish();
    },
  };
}

/** Writes the three reports of a stack into a directory. */
export function writeReports(report: ComplianceReport, directory: string): void {
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, COMPLIANCE_REPORT_FILES.json), renderJsonReport(report));
  fs.writeFileSync(path.join(directory, COMPLIANCE_REPORT_FILES.markdown), renderMarkdownReport(report));
  fs.writeFileSync(path.join(directory, COMPLIANCE_REPORT_FILES.sarif), renderSarifReport(report));
}

function stacksOf(app: App): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

function ownAcknowledgements(scope: IConstruct): Acknowledgement[] {
  return scope.node.metadata
    .filter((entry) => entry.type === ACKNOWLEDGEMENT_METADATA_TYPE)
    .map((entry) => ({ ruleId: entry.data.ruleId as string, reason: entry.data.reason as string, scopePath: scope.node.path }));
}

/** Rule ids that may be acknowledged at a scope: the catalogue's, and those of packs checked above or at it. */
function knownRuleIds(scope: IConstruct): string[] {
  const packs = [HARDENED_AKS_PACK, ...scope.node.scopes.flatMap((s) => packsByScope.get(s) ?? [])];
  const ids = new Set<string>();
  for (const pack of packs) {
    pack.rules.forEach((rule) => ids.add(rule.id));
    pack.notYetEvaluated.forEach((control) => ids.add(control.id));
  }
  return [...ids];
}
