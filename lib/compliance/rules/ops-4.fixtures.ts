import { DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: a temporary pool name for rotation", stack: clusterStack() }],
  failing: [
    {
      name: "override temporary_name_for_rotation away",
      stack: clusterOverride("default_node_pool.temporary_name_for_rotation", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: [/temporary_name_for_rotation is not set/] }],
    },
  ],
};
