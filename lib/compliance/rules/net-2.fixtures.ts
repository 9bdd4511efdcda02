import { DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: cilium", stack: clusterStack() }],
  failing: [
    {
      name: "override network_policy away",
      stack: clusterOverride("network_profile.network_policy", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: ["network_profile.network_policy is not set; it must be one of 'azure', 'calico', 'cilium'"] }],
    },
  ],
};
