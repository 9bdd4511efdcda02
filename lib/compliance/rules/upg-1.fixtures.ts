import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: patch channel, node images", stack: clusterStack() }],
  failing: [
    {
      name: "override automatic_upgrade_channel none",
      stack: clusterOverride("automatic_upgrade_channel", "none"),
      failures: [{ address: DEFAULTS.cluster, problems: ["automatic_upgrade_channel is 'none': the cluster is never upgraded automatically"] }],
    },
    {
      name: "no channels set",
      stack: clusterStack({ automatic_upgrade_channel: undefined, node_os_upgrade_channel: undefined }),
      failures: [
        {
          address: CLUSTER,
          problems: [/^automatic_upgrade_channel is not set: the cluster is never upgraded automatically/, "node_os_upgrade_channel is not set; it must be one of 'NodeImage', 'SecurityPatch'"],
        },
      ],
    },
  ],
};
