import { DEFAULTS, appsPoolOverride, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: a disk encryption set and encryption at host", stack: clusterStack() }],
  failing: [
    {
      name: "override the disk encryption set away",
      stack: clusterOverride("disk_encryption_set_id", undefined),
      failures: [{ address: DEFAULTS.cluster, problems: ["disk_encryption_set_id is not set: node disks are encrypted with platform-managed keys only"] }],
    },
    {
      name: "override a user pool's host encryption off",
      stack: appsPoolOverride("host_encryption_enabled", false),
      failures: [{ address: DEFAULTS.appsPool, problems: ["host_encryption_enabled is false; it must be true"] }],
    },
  ],
};
