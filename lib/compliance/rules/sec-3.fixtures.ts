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
      name: "override the KMS key to the key resource's id, which never follows a rotation",
      stack: clusterOverride("key_management_service.key_vault_key_id", "${azurerm_key_vault_key.etcd.id}"),
      failures: [{ address: DEFAULTS.cluster, problems: [/^key_management_service\.key_vault_key_id is azurerm_key_vault_key\.etcd\.id, the version Terraform created/] }],
    },
    {
      name: "no KMS",
      stack: clusterStack({ key_management_service: undefined }),
      failures: [{ address: CLUSTER, problems: ["has no key_management_service block: etcd secrets are encrypted with platform-managed keys only"] }],
    },
  ],
};
