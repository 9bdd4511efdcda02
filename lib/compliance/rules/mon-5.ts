import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** MON-5: AKS cost analysis on. */
export const MON_5: ComplianceRule = {
  id: "MON-5",
  name: "CostAnalysisEnabled",
  title: "AKS cost analysis on (cost_analysis_enabled), wherever the tier allows it",
  description:
    "Cost analysis breaks the cluster's cost down by namespace and workload in Azure Cost Management: a workload that scales out of control, or a miner on a compromised node, shows as cost before anything else. AKS runs it on the Standard and Premium tiers only; a Free-tier cluster is NODE-4's finding, and passes here.",
  severity: "low",
  fix: "Leave HardenedCluster's costAnalysisEnabled unset (true on Standard and Premium); remove the override. In Terraform: cost_analysis_enabled = true (with sku_tier Standard or Premium). costAnalysisEnabled: false is an opt-out: acknowledge MON-5 with the reason.",
  references: [R.aksCostAnalysis],
  mappings: {},
  resourceTypes: [CLUSTER],
  check: ({ config }) => {
    // azurerm 4.55 refuses cost analysis on any other tier (kubernetes_cluster_resource.go,
    // expandKubernetesClusterMetricsProfile); an absent sku_tier is the provider's default, Free.
    const tier = config.sku_tier ?? "Free";
    if (typeof tier === "string" && tier.toLowerCase() === "free") return [];
    return problems(expectOneOf(config.cost_analysis_enabled, "cost_analysis_enabled", [true], false));
  },
};
