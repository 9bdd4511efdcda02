import { Construct } from "../private/cdktf";
import { LogAnalyticsWorkspace } from "../private/azurerm";
import { describe, integerBetween, isToken, matches, placementVerdicts, required, throwIfInvalid, type Verdict } from "../private/validate";
import { throwIfPropsInvalid } from "../private/prop-paths";
import type { AzureResourceOptions } from "../resource-options";

/** What the cluster needs of its monitoring, whoever built it. */
export interface IClusterMonitoring {
  /** Resource id of the Log Analytics workspace that receives logs and insights. */
  readonly workspaceId: string;
}

/** Props of {@link ClusterMonitoring}. */
export interface ClusterMonitoringProps extends AzureResourceOptions {
  /** Name of the Log Analytics workspace (4-63 characters). */
  readonly workspaceName: string;
  /**
   * Days the workspace keeps logs (30-730). Audit logs are evidence: 90 days covers most
   * investigations. Retention past the workspace's included period (31 days, or 90 with
   * Microsoft Sentinel) is billed.
   *
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * Daily ingestion cap in GB, to bound cost: a number greater than 0. Logs past the cap
   * are dropped until the next day, including audit logs, so no cap is the secure default.
   *
   * @default - no cap
   */
  readonly dailyQuotaGb?: number;
  /**
   * Whether the workspace accepts shared-key (workspace key) authentication. Off by
   * default: every agent the library configures authenticates with Entra ID (managed
   * identity), so a leaked workspace key cannot be used to write or read logs.
   *
   * @default false
   */
  readonly localAuthenticationEnabled?: boolean;
}

/** Retention the library sets when none is given. */
export const DEFAULT_LOG_RETENTION_DAYS = 90;

/**
 * The Log Analytics workspace that receives the cluster's control-plane logs, container
 * insights and Defender data (MON-1, MON-2, MON-3). Protected from accidental destroy:
 * it holds the audit trail.
 *
 * To use a workspace you already have, pass `ClusterMonitoring.fromExistingWorkspace(id)`
 * to the cluster instead.
 */
export class ClusterMonitoring extends Construct implements IClusterMonitoring {
  /** A workspace the user already has. */
  public static fromExistingWorkspace(workspaceId: string): IClusterMonitoring {
    return { workspaceId };
  }

  /** The workspace (escape hatch). */
  public readonly resource: LogAnalyticsWorkspace;
  public readonly workspaceId: string;

  constructor(scope: Construct, id: string, props: ClusterMonitoringProps) {
    super(scope, id);
    // JavaScript callers: every required prop present and of its type before anything reads one.
    throwIfInvalid(this, required("props", props, "object", "{ workspaceName, resourceGroupName, location }"));
    throwIfPropsInvalid(
      this,
      props,
      required("workspaceName", props.workspaceName, "string", "'log-aks-prod'"),
      ...placementVerdicts(props),
      typed("retentionInDays", props.retentionInDays, "number"),
      typed("dailyQuotaGb", props.dailyQuotaGb, "number"),
      typed("localAuthenticationEnabled", props.localAuthenticationEnabled, "boolean"),
    );
    const retentionInDays = props.retentionInDays ?? DEFAULT_LOG_RETENTION_DAYS;
    throwIfPropsInvalid(
      this,
      props,
      matches(
        "workspaceName",
        props.workspaceName,
        /^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/,
        "4-63 letters, digits or hyphens, starting and ending with a letter or digit (Azure's rule for Log Analytics workspaces)",
      ),
      integerBetween("retentionInDays", retentionInDays, 30, 730, "Log Analytics' retention range"),
      dailyQuota(props.dailyQuotaGb),
    );

    this.resource = new LogAnalyticsWorkspace(this, "Resource", {
      name: props.workspaceName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: "PerGB2018",
      retentionInDays,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled: props.localAuthenticationEnabled ?? false,
      tags: props.tags,
      lifecycle: { preventDestroy: true },
    });
    this.workspaceId = this.resource.id;
  }
}

/** A daily cap that lets logs in: 0 or less would drop every log, the audit trail too. */
function dailyQuota(value: number | undefined): Verdict {
  if (value === undefined || isToken(value)) return undefined;
  return Number.isFinite(value) && value > 0
    ? undefined
    : `dailyQuotaGb must be a number of GB greater than 0; got ${value}. A cap of 0 or less would drop every log, including the audit trail: leave dailyQuotaGb unset for no cap.`;
}

/** An optional prop of a JavaScript caller is of its type: `'90'` is not compared as 90. */
function typed(prop: string, value: unknown, kind: "number" | "boolean"): Verdict {
  if (value === undefined || isToken(value) || typeof value === kind) return undefined;
  return `${prop} must be a ${kind}; got ${describe(value)}.`;
}
