import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: run command off", stack: clusterStack() }],
  failing: [
    {
      name: "override run_command_enabled",
      stack: clusterOverride("run_command_enabled", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: ["run_command_enabled is not set (the provider then deploys true); it must be false"] }],
    },
    {
      name: "an absent attribute is judged by the provider's default (on)",
      stack: clusterStack({ run_command_enabled: undefined }),
      failures: [{ address: CLUSTER, problems: ["run_command_enabled is not set (the provider then deploys true); it must be false"] }],
    },
  ],
};
