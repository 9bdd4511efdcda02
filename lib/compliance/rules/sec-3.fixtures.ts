import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, type RuleFixtures } from "../rule-fixture";

export const fixtures: RuleFixtures = {
  passing: [{ name: "the compliant cluster: KMS with a customer key, reached privately", stack: clusterStack() }],
  failing: [
    {
      name: "override KMS network access to public",
      stack: clusterOverride("key_management_service.key_vault_network_access", "Public"),
      failures: [{ address: DEFAULTS.cluster, problems: ["key_management_service.key_vault_network_access is 'Public'; it must be 'Private'"] }],
    },
    {
      name: "no KMS",
      stack: clusterStack({ key_management_service: undefined }),
      failures: [{ address: CLUSTER, problems: ["has no key_management_service block: etcd secrets are encrypted with platform-managed keys only"] }],
    },
  ],
};
