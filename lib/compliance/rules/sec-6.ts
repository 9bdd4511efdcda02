import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { block, ignoresChanges, isExpression, isSet, problems } from "../terraform-json";

/** SEC-6: keys rotate and expire on their own, and no plan after a rotation fights the policy. */
export const SEC_6: ComplianceRule = {
  id: "SEC-6",
  name: "KeysRotateAndExpireWithoutDrift",
  title: "Key Vault keys have a rotation policy that rotates and expires versions, a first version that expires, and expiration_date in ignore_changes",
  description:
    "A rotation policy's expiry applies only to the versions it creates, so a key created without expiration_date has a first version that never expires (and a rotate-before-expiry policy never fires for it). Once Key Vault rotates the key, the azurerm provider reads the latest version's expiry (v4.55.0 key_vault_key_resource.go, resourceKeyVaultKeyRead): a fixed expiration_date then makes every later plan move the new version's expiry back to the old date (resourceKeyVaultKeyUpdate patches the latest version), and no expiration_date makes the plan replace the key (the resource's CustomizeDiff forces a new key when expiration_date goes from set to empty), which destroys a key that still decrypts data, or fails on prevent_destroy.",
  severity: "medium",
  fix: "EncryptionKey sets it: a rotation policy, expiration_date from a time_offset of expireAfter, and lifecycle { ignore_changes = [expiration_date] }. In Terraform: rotation_policy { expire_after, automatic { time_after_creation or time_before_expiry } }, expiration_date = time_offset.<first_version_expiry>.rfc3339, lifecycle { ignore_changes = [expiration_date] }.",
  references: [R.keyVaultKeyRotation],
  mappings: {},
  resourceTypes: ["azurerm_key_vault_key"],
  check: ({ config }) => {
    const policy = block(config, "rotation_policy");
    const ignored = ignoresChanges(config, "expiration_date");
    return problems(
      !policy ? "no rotation_policy: Key Vault never rotates the key and its versions never expire" : undefined,
      policy && !isSet(policy.expire_after) ? "rotation_policy.expire_after is not set: rotated versions never expire" : undefined,
      policy && !block(policy, "automatic") ? "rotation_policy has no automatic block: Key Vault only notifies, it never rotates the key" : undefined,
      // An expiry known only when Terraform runs (expire_after from a variable) cannot date the
      // first version at synth; ignore_changes still keeps rotations from replacing the key.
      !isSet(config.expiration_date) && !isExpression(policy?.expire_after) ? "expiration_date is not set: the first version never expires (the rotation policy's expiry applies only to versions it creates)" : undefined,
      policy && !ignored
        ? isSet(config.expiration_date)
          ? "expiration_date is not in lifecycle.ignore_changes: after each rotation the next apply moves the new version's expiry back to this date"
          : "expiration_date is not in lifecycle.ignore_changes: after the first rotation the next plan replaces the key"
        : undefined,
    );
  },
};
