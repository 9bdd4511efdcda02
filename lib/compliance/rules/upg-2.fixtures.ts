import { DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: both maintenance windows", stack: clusterStack() }],
  failing: [
    {
      name: "override the node OS window away",
      stack: clusterOverride("maintenance_window_node_os", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: ["has no maintenance_window_node_os block: node OS updates may start at any time"] }],
    },
  ],
};
