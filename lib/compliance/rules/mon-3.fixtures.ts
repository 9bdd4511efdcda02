import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: the Defender profile", stack: clusterStack() }],
  failing: [
    {
      name: "override the Defender profile away",
      stack: clusterOverride("microsoft_defender", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: ["has no microsoft_defender block: the Defender sensor does not run"] }],
    },
    {
      name: "a Defender profile without a workspace",
      stack: clusterStack({ microsoft_defender: {} }),
      failures: [{ address: CLUSTER, problems: ["microsoft_defender.log_analytics_workspace_id is not set"] }],
    },
  ],
};
