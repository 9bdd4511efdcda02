import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const VAULT = "azurerm_key_vault.kv";
const endpoint = { pe: { private_service_connection: { private_connection_resource_id: "${azurerm_key_vault.kv.id}", subresource_names: ["vault"] } } };
const hardened = { rbac_authorization_enabled: true, purge_protection_enabled: true, public_network_access_enabled: false, network_acls: { default_action: "Deny" } };
const vault = (config: JsonObject, extra: Record<string, Record<string, JsonObject>> = {}) => stackOf({ azurerm_key_vault: { kv: config }, ...extra });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a hardened vault with a private endpoint, Azure's default retention", stack: vault(hardened, { azurerm_private_endpoint: endpoint }) },
    {
      name: "the legacy enable_rbac_authorization",
      stack: vault({ ...hardened, rbac_authorization_enabled: undefined, enable_rbac_authorization: true }, { azurerm_private_endpoint: endpoint }),
    },
  ],
  failing: [
    {
      name: "override RBAC authorization off, with an access policy",
      stack: {
        defaults: "azure",
        change: (s) =>
          s
            .resource("azurerm_key_vault")
            .override("rbac_authorization_enabled", false)
            .override("access_policy", [{ tenant_id: "t", object_id: "o", secret_permissions: ["Get"] }]),
      },
      failures: [
        {
          address: /^azurerm_key_vault\./,
          problems: ["rbac_authorization_enabled is false; it must be true", "has access policies (access_policy blocks): they grant data-plane access outside Azure RBAC"],
        },
      ],
    },
    {
      name: "access policies given as separate resources, and no private endpoint",
      stack: vault(hardened, { azurerm_key_vault_access_policy: { ap: { key_vault_id: "${azurerm_key_vault.kv.id}" } } }),
      failures: [
        {
          address: VAULT,
          problems: ["has access policies (azurerm_key_vault_access_policy.ap): they grant data-plane access outside Azure RBAC", /^no azurerm_private_endpoint in the stack connects to this vault/],
        },
      ],
    },
    {
      name: "a bare vault: every missing setting named",
      stack: vault({}, { azurerm_private_endpoint: endpoint }),
      failures: [
        {
          address: VAULT,
          problems: [
            "rbac_authorization_enabled is not set (the vault then uses access policies); it must be true",
            "purge_protection_enabled is not set (the provider then deploys false); it must be true",
            "public_network_access_enabled is not set (the provider then deploys true); it must be false",
            "network_acls.default_action is not set; it must be 'Deny'",
          ],
        },
      ],
    },
  ],
};
