import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [
    { name: "cost analysis on the Standard tier", stack: clusterStack() },
    { name: "cost analysis on the Premium tier", stack: clusterStack({ sku_tier: "Premium" }) },
    { name: "a Free-tier cluster, which cannot have it (NODE-4's finding)", stack: clusterStack({ sku_tier: "Free", cost_analysis_enabled: false }), checks: [CLUSTER] },
  ],
  failing: [
    {
      name: "override cost analysis off",
      stack: clusterOverride("cost_analysis_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["cost_analysis_enabled is false; it must be true"] }],
    },
    {
      name: "a Standard-tier cluster that leaves it at the provider's default",
      stack: clusterStack({ cost_analysis_enabled: undefined }),
      failures: [{ address: CLUSTER, problems: ["cost_analysis_enabled is not set (the provider then deploys false); it must be true"] }],
    },
  ],
};
