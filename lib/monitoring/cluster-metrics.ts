import { Annotations, type IConstruct } from "../private/cdktf";
import { describe, isToken, type Verdict } from "../private/validate";
import { booleanOrUnset } from "./validate-prometheus";

/** What of a cluster's props decides its metrics settings. */
export interface ClusterMetricsProps {
  readonly skuTier?: string;
  readonly managedPrometheusEnabled?: boolean;
  readonly costAnalysisEnabled?: boolean;
}

/** The cluster's metrics settings, as the cluster resource takes them. */
export interface ClusterMetricsConfig {
  /** The Managed Prometheus add-on (`monitor_metrics`); absent when off. */
  readonly monitorMetrics?: Record<string, never>;
  /** `cost_analysis_enabled`. */
  readonly costAnalysisEnabled: boolean;
}

/** The control-plane tiers on which AKS runs cost analysis (azurerm 4.55 refuses it on the others). */
export const COST_ANALYSIS_TIERS: readonly string[] = ["Standard", "Premium"];

/**
 * The cluster's metrics props: booleans, and cost analysis asked for only on a tier that has
 * it. azurerm 4.55 refuses `cost_analysis_enabled` on any tier but Standard or Premium, and
 * only when it applies (`expandKubernetesClusterMetricsProfile` in
 * `kubernetes_cluster_resource.go`), so a plan would pass and the apply fail.
 */
export function clusterMetricsVerdicts(props: { readonly skuTier?: string; readonly costAnalysisEnabled?: boolean; readonly managedPrometheusEnabled?: boolean }): Verdict[] {
  const tier = props.skuTier ?? "Standard";
  return [
    booleanOrUnset("managedPrometheusEnabled", props.managedPrometheusEnabled, true),
    booleanOrUnset("costAnalysisEnabled", props.costAnalysisEnabled, true),
    props.costAnalysisEnabled === true && !isToken(tier) && !COST_ANALYSIS_TIERS.includes(tier)
      ? `costAnalysisEnabled is true but skuTier is ${describe(tier)}: AKS runs cost analysis only on the 'Standard' or 'Premium' tier, and azurerm refuses it at apply time on the others. Leave skuTier unset ('Standard'), or leave costAnalysisEnabled unset (off on the ${describe(tier)} tier).`
      : undefined,
  ];
}

/**
 * Whether the cluster runs cost analysis: as asked; unasked, on wherever the tier allows it.
 * A token tier is trusted to be a paid one, the library's default.
 */
function costAnalysisOn(props: { readonly skuTier?: string; readonly costAnalysisEnabled?: boolean }): boolean {
  if (props.costAnalysisEnabled !== undefined) return props.costAnalysisEnabled;
  const tier = props.skuTier ?? "Standard";
  return isToken(tier) || COST_ANALYSIS_TIERS.includes(tier);
}

/**
 * The cluster's `monitor_metrics` and `cost_analysis_enabled`. On the Free tier, cost
 * analysis left unset is off, and the construct says so (an info annotation): the
 * alternative, refusing the Free tier unless cost analysis is turned off too, would make a
 * throwaway cluster's one opt-out (NODE-4) take two props.
 */
export function clusterMetricsConfig(scope: IConstruct, props: ClusterMetricsProps): ClusterMetricsConfig {
  const costAnalysisEnabled = costAnalysisOn(props);
  if (props.costAnalysisEnabled === undefined && !costAnalysisEnabled) {
    Annotations.of(scope).addInfo(
      `Cost analysis is off: the cluster is on the ${describe(props.skuTier)} tier, and AKS runs cost analysis only on 'Standard' or 'Premium'. Leave skuTier unset ('Standard') to have it.`,
    );
  }
  return { monitorMetrics: props.managedPrometheusEnabled === false ? undefined : {}, costAnalysisEnabled };
}
