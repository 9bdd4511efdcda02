import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, expectOneOf, isSet, problems } from "../terraform-json";

/** SEC-3: etcd secrets encrypted with a customer-managed key, vault reached privately. */
export const SEC_3: ComplianceRule = {
  id: "SEC-3",
  name: "EtcdEncryptedWithCustomerKey",
  title: "Kubernetes secrets in etcd encrypted by KMS with a customer-managed key, from a vault reached privately",
  description:
    "With KMS, secrets in etcd are encrypted with a key in your vault: you can rotate it and, by revoking it, make the data unreadable. Platform-managed keys encrypt too, but stay out of your control. Private network access keeps the KMS plugin's calls to the vault off the internet.",
  severity: "medium",
  fix: "Use ClusterEncryption.customerManagedKeys(vault). ClusterEncryption.platformManagedKeys() is the documented opt-out: acknowledge SEC-3 (and SEC-4) with the reason. In Terraform: key_management_service { key_vault_key_id = data.azurerm_key_vault_key.<key>.id, key_vault_network_access = \"Private\" }, the data source's name and key_vault_id referring to the azurerm_key_vault_key, so KMS follows the key's rotations.",
  references: [R.aksKmsEtcd],
  mappings: { cisAks: ["5.3.1"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) => {
    const kms = block(config, "key_management_service");
    if (!kms) return [missingBlock("key_management_service", "etcd secrets are encrypted with platform-managed keys only")];
    return problems(
      isSet(kms.key_vault_key_id) ? undefined : "key_management_service.key_vault_key_id is not set: no customer-managed key encrypts etcd",
      pinnedKeyVersion(kms.key_vault_key_id),
      expectOneOf(kms.key_vault_network_access, "key_management_service.key_vault_network_access", ["Private"], "Public"),
    );
  },
};

/**
 * The id of a managed `azurerm_key_vault_key` names the version Terraform created for good:
 * the provider's read keeps the version in the id (azurerm v4.55.0
 * key_vault_key_resource.go, resourceKeyVaultKeyRead), so KMS would never follow a rotation.
 */
function pinnedKeyVersion(keyId: unknown): string | undefined {
  const pinned = typeof keyId === "string" ? /^\$\{(azurerm_key_vault_key\.[^.}]+)\.id\}$/.exec(keyId) : null;
  return pinned
    ? `key_management_service.key_vault_key_id is ${pinned[1]}.id, the version Terraform created: the provider never moves it to a rotated version, so etcd stays on the first one until it expires. Use the id of a data.azurerm_key_vault_key whose name and key_vault_id refer to the key (EncryptionKey.latestVersionKeyId)`
    : undefined;
}
