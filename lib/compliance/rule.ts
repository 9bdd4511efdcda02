import type { JsonObject, TerraformResource } from "./terraform-json";

/**
 * How serious a violation is. Every unacknowledged violation fails synthesis; severity
 * orders the reports and sets the SARIF level (`high` error, `medium` warning, `low` note).
 */
export type RuleSeverity = "high" | "medium" | "low";

/**
 * Where the same control appears in public benchmarks and in widely used IaC scanners. Only
 * ids that were checked against the benchmark or the scanner's source are listed; a missing
 * entry means no equivalent was confirmed, not that none exists.
 */
export interface RuleMappings {
  /** Recommendation numbers of the CIS Azure Kubernetes Service (AKS) Benchmark v1.7.0 (`CIS_AKS_RECOMMENDATIONS` has their titles). */
  readonly cisAks?: readonly string[];
  /** Control ids of the Microsoft cloud security benchmark (v1). */
  readonly mcsb?: readonly string[];
  /** Checkov check ids (`CKV_AZURE_*`, `CKV2_AZURE_*`, and `CKV_K8S_*` for the Terraform kubernetes provider). */
  readonly checkov?: readonly string[];
  /** Trivy misconfiguration ids (`AVD-AZU-*`), which tfsec's checks also carry. */
  readonly trivy?: readonly string[];
  /** tfsec check names. */
  readonly tfsec?: readonly string[];
}

/** A public page that documents a control: what reports and the rule documents link to. */
export interface RuleReference {
  /** What the page is, e.g. `AKS: Create a private AKS cluster`. */
  readonly title: string;
  /** Its public address (`https://`), e.g. `https://learn.microsoft.com/azure/aks/private-clusters`. */
  readonly url: string;
}

/** What a rule knows about the stack beyond its Terraform: how the stack was marked. */
export interface RuleContext {
  /** The stack's name (its construct id). */
  readonly stackName: string;
  /**
   * Whether the stack is marked production (`Compliance.markProduction`). Rules that ask
   * more of production stacks (OPS-3: the cluster's prevent_destroy) read it.
   */
  readonly production: boolean;
}

/**
 * A compliance rule: one control of the hardening catalogue, checked on the final
 * Terraform JSON of a stack (overrides included). One rule per file in
 * `lib/compliance/rules/`, listed in a {@link RulePack}.
 */
export interface ComplianceRule {
  /** Control id of the catalogue, e.g. `IAM-2`. */
  readonly id: string;
  /** PascalCase name, e.g. `LocalAccountsDisabled` (the SARIF rule name). */
  readonly name: string;
  /** What the control requires, in one line. */
  readonly title: string;
  /** Why it matters: the risk the control removes. */
  readonly description: string;
  /** How serious a violation is: the order of the reports and the SARIF level. */
  readonly severity: RuleSeverity;
  /** How to fix a violation: the construct prop, or the Terraform attribute. */
  readonly fix: string;
  /**
   * Public guidance that says what the control asks for and why (Microsoft's AKS and Azure
   * documentation, the Kubernetes documentation, the CIS benchmarks): at least one, the most
   * specific first. Reports link the rule to the first (the SARIF rule's `helpUri`).
   */
  readonly references: readonly RuleReference[];
  /** The same control's ids in public benchmarks and IaC scanners, where one was confirmed. */
  readonly mappings: RuleMappings;
  /**
   * The Terraform resource types the rule checks, one evaluation per resource. A stack with
   * none of them is "not applicable" for the rule. An empty list means the rule checks the
   * stack as a whole, once (e.g. its backend): it is then always applicable, with the
   * address `terraform` and the whole stack JSON as `config`.
   */
  readonly resourceTypes: readonly string[];
  /**
   * Checks one resource. Pure: reads the resource and, for relations (an NSG association,
   * a diagnostic setting targeting the resource), the whole stack, and the stack's context.
   *
   * @returns what is wrong, one sentence each, naming the attribute and the value found;
   *   empty when the resource complies
   */
  check(resource: TerraformResource, stack: JsonObject, context: RuleContext): readonly string[];
}

/** A catalogue control that no rule of the pack evaluates. */
export interface PendingControl {
  /** Control id of the catalogue, e.g. `OPS-1`. */
  readonly id: string;
  /** What the control requires, in one line. */
  readonly title: string;
  /**
   * Why no per-stack rule evaluates it, and where its evidence is checked instead, if
   * anywhere.
   *
   * @default - none: its rule is still to come
   */
  readonly note?: string;
  /**
   * Public guidance that documents the control, as for a rule.
   *
   * @default - none
   */
  readonly references?: readonly RuleReference[];
  /**
   * Where the control appears in public benchmarks, as for a rule.
   *
   * @default - none confirmed
   */
  readonly mappings?: RuleMappings;
}

/** A named, versioned list of rules. */
export interface RulePack {
  /** Name, e.g. `hardened-aks`. */
  readonly name: string;
  /** Version of the pack's rule set, changed when a rule is added or tightened. */
  readonly version: string;
  /** The rules, in the order the reports list them. */
  readonly rules: readonly ComplianceRule[];
  /** Catalogue controls the pack does not evaluate yet, listed in every report. */
  readonly notYetEvaluated: readonly PendingControl[];
}
