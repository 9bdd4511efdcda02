import { stackOf, type RuleFixtures } from "../rule-fixture";

const KEY = "azurerm_key_vault_key.etcd";

/** A key as EncryptionKey writes it, with `overrides`. */
function key(overrides: Record<string, unknown> = {}) {
  return stackOf({
    azurerm_key_vault_key: {
      etcd: {
        name: "etcd",
        key_vault_id: "${azurerm_key_vault.vault.id}",
        key_type: "RSA-HSM",
        key_size: 3072,
        key_opts: ["wrapKey", "unwrapKey"],
        rotation_policy: { expire_after: "P2Y", notify_before_expiry: "P30D", automatic: { time_after_creation: "P1Y" } },
        expiration_date: "${time_offset.etcd_expiry.rfc3339}",
        lifecycle: { prevent_destroy: true, ignore_changes: ["expiration_date"] },
        ...overrides,
      },
    },
  });
}

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the library's keys", stack: { defaults: "azure" } },
    { name: "a key as EncryptionKey writes it", stack: key(), checks: [KEY] },
    { name: "a literal first expiry, ignored afterwards", stack: key({ expiration_date: "2028-12-01T00:00:00Z" }), checks: [KEY] },
    { name: "rotation before expiry", stack: key({ rotation_policy: { expire_after: "P2Y", automatic: { time_before_expiry: "P30D" } } }), checks: [KEY] },
    {
      name: "no first expiry when expire_after is known only when Terraform runs, with ignore_changes",
      stack: key({ expiration_date: undefined, rotation_policy: { expire_after: "${var.expire_after}", automatic: { time_after_creation: "P1Y" } } }),
      checks: [KEY],
    },
    { name: "ignore_changes = all", stack: key({ lifecycle: { prevent_destroy: true, ignore_changes: "all" } }), checks: [KEY] },
  ],
  failing: [
    {
      name: "no expiration_date and no ignore_changes (the first rotation makes the next plan replace the key)",
      stack: key({ expiration_date: undefined, lifecycle: { prevent_destroy: true } }),
      failures: [{ address: KEY, problems: [/^expiration_date is not set: the first version never expires/, /after the first rotation the next plan replaces the key$/] }],
    },
    {
      name: "a fixed expiration_date not ignored (each rotation's expiry moved back)",
      stack: key({ lifecycle: { prevent_destroy: true } }),
      failures: [{ address: KEY, problems: [/moves the new version's expiry back to this date$/] }],
    },
    {
      name: "no rotation policy",
      stack: key({ rotation_policy: undefined }),
      failures: [{ address: KEY, problems: ["no rotation_policy: Key Vault never rotates the key and its versions never expire"] }],
    },
    {
      name: "a policy that only notifies",
      stack: key({ rotation_policy: { expire_after: "P2Y", notify_before_expiry: "P30D" } }),
      failures: [{ address: KEY, problems: [/has no automatic block/] }],
    },
    {
      name: "remove the library key's ignore_changes through the escape hatch",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_key_vault_key", "Cluster_EtcdKey").override("lifecycle.ignore_changes", undefined) },
      failures: [{ address: /^azurerm_key_vault_key\.Cluster_EtcdKey_[0-9A-F]{8}$/, problems: [/is not in lifecycle\.ignore_changes/] }],
    },
  ],
};
