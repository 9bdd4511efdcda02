import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: private, no public FQDN", stack: clusterStack() }],
  failing: [
    {
      name: "override private_cluster_public_fqdn_enabled",
      stack: clusterOverride("private_cluster_public_fqdn_enabled", true),
      failures: [{ address: DEFAULTS.cluster, problems: ["private_cluster_public_fqdn_enabled is true; it must be false"] }],
    },
    {
      name: "a public cluster, with the provider's default for the FQDN",
      stack: clusterStack({ private_cluster_enabled: undefined, private_cluster_public_fqdn_enabled: undefined }),
      failures: [{ address: CLUSTER, problems: ["private_cluster_enabled is not set (the provider then deploys false); it must be true"] }],
    },
  ],
};
