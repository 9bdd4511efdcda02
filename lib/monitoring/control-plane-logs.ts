import { Construct } from "../private/cdktf";
import { MonitorDiagnosticSetting } from "../private/azurerm";
import { isToken, nonEmpty, required, throwIfInvalid } from "../private/validate";
import { canonicalCategory, logCategoryVerdicts } from "./log-categories";

export { AKS_LOG_CATEGORIES } from "./log-categories";
import { CONTROL_PLANE_AUDIT_CATEGORIES, CONTROL_PLANE_GUARD_CATEGORY } from "../facts";
import { deepFreeze } from "../private/freeze";

/**
 * The AKS control-plane log categories the library sends by default. `kube-audit-admin`
 * records every request that changes state (the audit trail) without the high-volume
 * get/list reads of `kube-audit`; `guard` records Entra ID and Azure RBAC decisions.
 */
export const DEFAULT_CONTROL_PLANE_LOG_CATEGORIES: readonly string[] = deepFreeze([
  "kube-apiserver",
  "kube-audit-admin",
  "kube-controller-manager",
  "kube-scheduler",
  "cluster-autoscaler",
  "cloud-controller-manager",
  "guard",
]);

/** Categories without which the cluster's audit trail is incomplete. */
export const REQUIRED_AUDIT_CATEGORIES: readonly string[] = deepFreeze([CONTROL_PLANE_AUDIT_CATEGORIES[0], CONTROL_PLANE_GUARD_CATEGORY]);

/** Props of {@link ControlPlaneLogs}. */
export interface ControlPlaneLogsProps {
  /** Resource id of the AKS cluster. */
  readonly clusterId: string;
  /** Resource id of the Log Analytics workspace. */
  readonly workspaceId: string;
  /**
   * Log categories to send, from `AKS_LOG_CATEGORIES` (case does not matter: they are written
   * as Azure spells them). Must include `kube-audit-admin` (or the full `kube-audit`) and
   * `guard`.
   *
   * @default DEFAULT_CONTROL_PLANE_LOG_CATEGORIES
   */
  readonly categories?: readonly string[];
}

/**
 * Diagnostic setting that sends the cluster's control-plane logs, including the audit log
 * and Entra ID authorization decisions, to Log Analytics in resource-specific tables (MON-2).
 */
export class ControlPlaneLogs extends Construct {
  /** The diagnostic setting (escape hatch). */
  public readonly resource: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: ControlPlaneLogsProps) {
    super(scope, id);
    // JavaScript callers: every required prop present and of its type before anything reads one.
    throwIfInvalid(this, required("props", props, "object", "{ clusterId, workspaceId }"));
    throwIfInvalid(
      this,
      required("clusterId", props.clusterId, "string", "cluster.clusterId"),
      required("workspaceId", props.workspaceId, "string", "monitoring.workspaceId"),
      props.categories === undefined || isToken(props.categories) ? undefined : required("categories", props.categories, "array", "['kube-audit-admin', 'guard']"),
    );
    if (props.categories !== undefined && isToken(props.categories)) {
      // One enabled_log block is written per category, and the audit categories are checked,
      // so the list itself must be known; its entries may still be tokens.
      throwIfInvalid(
        this,
        "categories must be a list known at synth time (e.g. ['kube-audit-admin', 'guard', ...]): one log block is written per category and the audit categories are checked.",
      );
    }
    throwIfInvalid(this, ...logCategoryVerdicts("categories", props.categories ?? []));
    // Written as Azure spells them, so 'Kube-Audit-Admin' counts as the audit category.
    const categories = (props.categories ?? DEFAULT_CONTROL_PLANE_LOG_CATEGORIES).map((category) => canonicalCategory(category));
    throwIfInvalid(this, nonEmpty("categories", categories, "send at least the audit categories kube-audit-admin and guard."));
    const hasAudit = CONTROL_PLANE_AUDIT_CATEGORIES.some((category) => categories.includes(category));
    // A token entry may be either audit category: it is not held against the list.
    const unknown = categories.some((category) => isToken(category));
    if (!unknown && (!hasAudit || !categories.includes(CONTROL_PLANE_GUARD_CATEGORY))) {
      throwIfInvalid(
        this,
        `categories must include 'kube-audit-admin' (or 'kube-audit') and 'guard', the cluster's audit trail; got [${categories.join(", ")}]. Add them to the list.`,
      );
    }
    this.resource = new MonitorDiagnosticSetting(this, "Resource", {
      name: "control-plane-logs",
      targetResourceId: props.clusterId,
      logAnalyticsWorkspaceId: props.workspaceId,
      // Resource-specific tables (AKSAudit, AKSAuditAdmin, AKSControlPlane): cheaper to
      // query and to retain than the legacy AzureDiagnostics table.
      logAnalyticsDestinationType: "Dedicated",
      enabledLog: categories.map((category) => ({ category })),
      enabledMetric: [{ category: "AllMetrics" }],
    });
  }
}
