import { DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: the Standard tier", stack: clusterStack() },
    { name: "the Premium tier", stack: clusterStack({ sku_tier: "Premium" }) },
  ],
  failing: [
    {
      name: "override sku_tier away",
      stack: clusterOverride("sku_tier", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: ["sku_tier is not set (the provider then deploys 'Free'); it must be one of 'Standard', 'Premium'"] }],
    },
  ],
};
