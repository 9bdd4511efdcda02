import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const STACK = "terraform";
const VAULT = "azurerm_data_protection_backup_vault.bv";
const vault = (overrides: JsonObject = {}): JsonObject => ({
  name: "bv-aks",
  resource_group_name: "rg",
  location: "westeurope",
  datastore_type: "VaultStore",
  redundancy: "GeoRedundant",
  soft_delete: "On",
  immutability: "Unlocked",
  identity: { type: "SystemAssigned" },
  lifecycle: { prevent_destroy: true },
  ...overrides,
});
const stack = (overrides: JsonObject = {}) => stackOf({ azurerm_data_protection_backup_vault: { bv: vault(overrides) } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "ClusterBackup's vault: soft delete on, immutability unlocked, prevent_destroy", stack: stack() },
    { name: "the library's default stack: backup is opt-in, no vault to weaken", stack: { defaults: "azure" } },
    { name: "the stricter, irreversible settings", stack: stack({ soft_delete: "AlwaysOn", immutability: "Locked" }) },
    { name: "soft delete left to the provider's default, On", stack: stack({ soft_delete: undefined }) },
    { name: "settings from Terraform variables are known only at apply", stack: stack({ soft_delete: "${var.soft_delete}", immutability: "${var.immutability}" }) },
  ],
  failing: [
    {
      name: "a vault added to the library's default stack with soft delete off",
      stack: { defaults: "azure", change: (s) => s.add("azurerm_data_protection_backup_vault", "bv", vault({ soft_delete: "Off" })) },
      failures: [{ address: STACK, problems: [`${VAULT}: soft_delete is 'Off': a deleted backup is gone at once`] }],
    },
    {
      name: "soft delete off, immutability disabled",
      stack: stack({ soft_delete: "Off", immutability: "Disabled" }),
      failures: [
        {
          address: STACK,
          problems: [
            `${VAULT}: soft_delete is 'Off': a deleted backup is gone at once`,
            `${VAULT}: immutability is 'Disabled': recovery points can be deleted before they expire; set 'Unlocked' or 'Locked'`,
          ],
        },
      ],
    },
    {
      name: "immutability left to the provider's default, and no prevent_destroy",
      stack: stack({ immutability: undefined, lifecycle: undefined }),
      failures: [{ address: STACK, problems: [/^azurerm_data_protection_backup_vault\.bv: immutability is not set, so the provider's default 'Disabled' applies/, /^azurerm_data_protection_backup_vault\.bv: lifecycle\.prevent_destroy is not true/] }],
    },
  ],
};
