// The compliance engine: pure functions from a stack's Terraform JSON (and the
// acknowledgements in force) to a report. No cdktf here; compliance.ts wires it to stacks.
import { creationSite, type SourceLocation } from "./creation-sites";
export type { SourceLocation } from "./creation-sites";
import { HARDENED_AKS_PACK } from "./hardened-aks-pack";
import type { ComplianceRule, PendingControl, RuleContext, RulePack } from "./rule";
import { resourcesOfType, type JsonObject, type TerraformResource } from "./terraform-json";

/**
 * A violation accepted for every resource under a construct path, with the reason. Written
 * in code with `Compliance.acknowledge(scope, ruleId, reason)`, reviewed like code.
 */
export interface Acknowledgement {
  /** Id of the rule whose violations it accepts, e.g. `IMG-4`. */
  readonly ruleId: string;
  /** Why the violation is accepted, as the reports show it to reviewers. */
  readonly reason: string;
  /** Construct path of the scope it was given on (`""` for the app). */
  readonly scopePath: string;
}

/** Outcome of a rule on one resource. */
export type ResourceStatus = "pass" | "fail" | "acknowledged";

/** Outcome of a rule on a stack: its worst unacknowledged resource outcome. */
export type RuleStatus = "pass" | "fail" | "acknowledged" | "not-applicable";

/** A rule's outcome on one resource. */
export interface ResourceResult {
  /** Terraform address, e.g. `azurerm_kubernetes_cluster.Cluster_EB0386A7`. */
  readonly address: string;
  /** Construct path, e.g. `prod/Cluster/Resource`. */
  readonly constructPath: string;
  /** Whether the resource passed, failed, or failed under an acknowledgement. */
  readonly status: ResourceStatus;
  /** What is wrong (empty when it passes). */
  readonly problems: readonly string[];
  /** The acknowledgement that accepted the problems, when status is `acknowledged`. */
  readonly acknowledgement?: Acknowledgement;
  /**
   * Where the resource's construct was created in the user's code, when cdktf recorded it
   * (see `recordCreationSites`) and the file is inside the project root.
   *
   * @default - not recorded
   */
  readonly createdAt?: SourceLocation;
}

/** A rule's metadata, as reports show it: the rule without its check. */
export type RuleInfo = Omit<ComplianceRule, "check">;

/** A rule's outcome on a stack. */
export interface RuleResult {
  /** The rule that was evaluated, without its check. */
  readonly rule: RuleInfo;
  /** The worst unacknowledged outcome among its resources, or `not-applicable` when it checked none. */
  readonly status: RuleStatus;
  /** One entry per resource the rule checked, sorted by address. */
  readonly resources: readonly ResourceResult[];
}

/** Counts of rule outcomes. */
export interface ComplianceSummary {
  /** Rules evaluated: the pack's rules. */
  readonly rules: number;
  /** Rules every checked resource passed. */
  readonly pass: number;
  /** Rules with at least one unacknowledged violation: these fail synthesis. */
  readonly fail: number;
  /** Rules whose every violation is acknowledged. */
  readonly acknowledged: number;
  /** Rules that found none of their resource types in the stack. */
  readonly notApplicable: number;
  /** Catalogue controls the pack does not evaluate yet. */
  readonly notYetEvaluated: number;
}

/** The compliance of one stack: every rule with its outcome. Deterministic for a given input. */
export interface ComplianceReport {
  /** The stack's name (its construct id). */
  readonly stack: string;
  /** The evaluated Terraform, relative to the output directory: `stacks/<stack>/cdk.tf.json` (`cdk.tf` with HCL output). */
  readonly terraformFile: string;
  /**
   * The output directory relative to the project root (e.g. `cdktf.out`), when it is inside
   * it: the SARIF report then names the synthesized file as the project sees it.
   *
   * @default - unknown: the SARIF report names it relative to the output directory
   */
  readonly outputDirectory?: string;
  /** Whether the stack was evaluated as production (`Compliance.markProduction`). */
  readonly production: boolean;
  /** The rule pack evaluated, so a report says which rule set it applies. */
  readonly pack: {
    /** Name of the pack, e.g. `hardened-aks`. */
    readonly name: string;
    /** Version of the pack's rule set. */
    readonly version: string;
  };
  /** Counts of rule outcomes. */
  readonly summary: ComplianceSummary;
  /** Every rule of the pack, in the pack's order. */
  readonly rules: readonly RuleResult[];
  /** Catalogue controls the pack does not evaluate yet, so the report does not read as complete. */
  readonly notYetEvaluated: readonly PendingControl[];
  /** Acknowledgements that matched no failing resource: candidates for removal. */
  readonly unusedAcknowledgements: readonly Acknowledgement[];
}

/** Input of {@link evaluateTerraform}. */
export interface EvaluateOptions {
  /** The stack's name, for the report. */
  readonly stackName: string;
  /**
   * The stack's Terraform file relative to the output directory, for the report.
   *
   * @default `stacks/<stackName>/cdk.tf.json`
   */
  readonly terraformFile?: string;
  /**
   * The rules to evaluate.
   *
   * @default HARDENED_AKS_PACK
   */
  readonly pack?: RulePack;
  /**
   * Acknowledgements in force.
   *
   * @default - none
   */
  readonly acknowledgements?: readonly Acknowledgement[];
  /**
   * Whether the stack is production, for the rules that ask more of production stacks.
   *
   * @default false
   */
  readonly production?: boolean;
  /**
   * The project's root directory (absolute), against which creation sites are made relative;
   * frames outside it are not reported.
   *
   * @default - none: no creation site is reported
   */
  readonly projectRoot?: string;
  /**
   * The output directory relative to the project root, for the report.
   *
   * @default - unknown
   */
  readonly outputDirectory?: string;
}

/** The address and config a stack-level rule (no resource types) is checked with. */
export const STACK_ADDRESS = "terraform";

/** Evaluates every rule of a pack on a stack's final Terraform JSON. */
export function evaluateTerraform(terraform: JsonObject, options: EvaluateOptions): ComplianceReport {
  const pack = options.pack ?? HARDENED_AKS_PACK;
  const acknowledgements = options.acknowledgements ?? [];
  const used = new Set<Acknowledgement>();
  const context: RuleContext = { stackName: options.stackName, production: options.production ?? false };

  const rules = pack.rules.map((rule): RuleResult => {
    const targets = targetsOf(rule, terraform, options.stackName);
    const resources = targets.map((resource): ResourceResult => {
      const found = runCheck(rule, resource, terraform, context);
      const site = creationSite(resource.stackTrace, options.projectRoot);
      const where = { address: resource.address, constructPath: resource.constructPath };
      const createdAt = site ? { createdAt: site } : {};
      if (found.length === 0) return { ...where, status: "pass", problems: [], ...createdAt };
      const acknowledgement = acknowledgementFor(rule.id, resource.constructPath, acknowledgements);
      if (!acknowledgement) return { ...where, status: "fail", problems: found, ...createdAt };
      used.add(acknowledgement);
      return { ...where, status: "acknowledged", problems: found, acknowledgement, ...createdAt };
    });
    return { rule: infoOf(rule), status: ruleStatus(resources), resources };
  });

  const count = (status: RuleStatus) => rules.filter((r) => r.status === status).length;
  return {
    stack: options.stackName,
    terraformFile: options.terraformFile ?? `stacks/${options.stackName}/cdk.tf.json`,
    ...(options.outputDirectory !== undefined ? { outputDirectory: options.outputDirectory } : {}),
    production: context.production,
    pack: { name: pack.name, version: pack.version },
    summary: {
      rules: rules.length,
      pass: count("pass"),
      fail: count("fail"),
      acknowledged: count("acknowledged"),
      notApplicable: count("not-applicable"),
      notYetEvaluated: pack.notYetEvaluated.length,
    },
    rules,
    notYetEvaluated: [...pack.notYetEvaluated],
    unusedAcknowledgements: acknowledgements
      .filter((a) => !used.has(a))
      .sort((a, b) => compare(a.ruleId, b.ruleId) || compare(a.scopePath, b.scopePath)),
  };
}

/** One line per unacknowledged failure: resource, construct path, rule, what is wrong, the fix. */
export function violationMessages(report: ComplianceReport): string[] {
  return report.rules.flatMap(({ rule, resources }) =>
    resources
      .filter((resource) => resource.status === "fail")
      .map(
        (resource) =>
          `${rule.id} (${rule.title}) fails on ${resource.address} at ${resource.constructPath}: ${resource.problems.join("; ")}. ` +
          `Fix: ${rule.fix} To accept it instead: Compliance.acknowledge(<construct>, "${rule.id}", "<why>").`,
      ),
  );
}

function targetsOf(rule: ComplianceRule, terraform: JsonObject, stackName: string): TerraformResource[] {
  if (rule.resourceTypes.length === 0) {
    return [{ type: "", name: STACK_ADDRESS, address: STACK_ADDRESS, constructPath: stackName, config: terraform }];
  }
  return rule.resourceTypes
    .flatMap((type) => resourcesOfType(terraform, type))
    .sort((a, b) => compare(a.address, b.address));
}

/** Runs a rule; a rule that throws is reported as a failure that names the error, not a crash. */
function runCheck(rule: ComplianceRule, resource: TerraformResource, terraform: JsonObject, context: RuleContext): readonly string[] {
  try {
    return rule.check(resource, terraform, context);
  } catch (error) {
    return [`the rule could not evaluate this resource (${error instanceof Error ? error.message : String(error)})`];
  }
}

/** The acknowledgement of a rule nearest to a construct path: on the path itself or an ancestor. */
function acknowledgementFor(ruleId: string, path: string, acknowledgements: readonly Acknowledgement[]): Acknowledgement | undefined {
  return acknowledgements
    .filter((a) => a.ruleId === ruleId && covers(a.scopePath, path))
    .sort((a, b) => b.scopePath.length - a.scopePath.length)[0];
}

function covers(scopePath: string, path: string): boolean {
  return scopePath === "" || path === scopePath || path.startsWith(`${scopePath}/`);
}

function ruleStatus(resources: readonly ResourceResult[]): RuleStatus {
  if (resources.length === 0) return "not-applicable";
  if (resources.some((r) => r.status === "fail")) return "fail";
  return resources.some((r) => r.status === "acknowledged") ? "acknowledged" : "pass";
}

function infoOf(rule: ComplianceRule): RuleInfo {
  const { id, name, title, description, severity, fix, references, mappings, resourceTypes } = rule;
  return { id, name, title, description, severity, fix, references, mappings, resourceTypes };
}

/** Locale-independent string order, so reports are byte-identical everywhere. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
