import { DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: image cleaner on", stack: clusterStack() }],
  failing: [
    {
      name: "override image_cleaner_enabled",
      stack: clusterOverride("image_cleaner_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["image_cleaner_enabled is false; it must be true"] }],
    },
  ],
};
