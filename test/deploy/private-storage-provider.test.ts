// The provider a private storage account needs, checked on Terraform JSON: a storage account
// without shared keys needs storage_use_azuread (the note on shared_access_key_enabled in
// azurerm v4.55.0's website/docs/r/storage_account.html.markdown), and one without public
// access needs features.storage.data_plane_available = false (storage_account_resource.go,
// resourceStorageAccountRead reads queue and static-website properties through the data plane).
import type { JsonObject } from "hardened-aks";
import { missingWiring } from "../../lib/private/deploy/wiring";

const PRIVATE_ACCOUNT = { name: "staksbkprod", shared_access_key_enabled: false, public_network_access_enabled: false };

function stackWith(provider: JsonObject | undefined, account: JsonObject = PRIVATE_ACCOUNT): JsonObject {
  return {
    ...(provider === undefined ? {} : { provider: { azurerm: [provider] } }),
    resource: { azurerm_storage_account: { Backup_StorageAccount: { ...account, "//": { metadata: { path: "prod/Backup/StorageAccount" } } } } },
  };
}

const missing = (stack: JsonObject) => missingWiring(stack).map((problem) => problem.missing);

describe("a storage account without shared keys or public access, and its provider", () => {
  test("passes with storage_use_azuread and no data-plane reads", () => {
    expect(missingWiring(stackWith({ features: [{ storage: [{ data_plane_available: false }] }], storage_use_azuread: true }))).toEqual([]);
  });

  test.each<[string, JsonObject | undefined, RegExp[]]>([
    ["a provider with features only", { features: [{}] }, [/refuses shared keys, but its azurerm provider has no storage_use_azuread = true/, /no public network access, but its azurerm provider reads its data plane/]],
    ["no provider block (the provider's defaults)", undefined, [/storage_use_azuread/, /data_plane_available/]],
    ["storage_use_azuread false", { features: [{ storage: [{ data_plane_available: false }] }], storage_use_azuread: false }, [/storage_use_azuread/]],
    ["data-plane reads on", { features: [{ storage: [{ data_plane_available: true }] }], storage_use_azuread: true }, [/data_plane_available is not false/]],
  ])("fails with %s, naming the account and the fix", (_case, provider, expected) => {
    const problems = missingWiring(stackWith(provider));
    expect(problems.map((p) => p.missing)).toEqual(expected.map((pattern) => expect.stringMatching(pattern)));
    for (const problem of problems) {
      expect(problem).toMatchObject({ constructPath: "prod/Backup/StorageAccount", address: "azurerm_storage_account.Backup_StorageAccount" });
      expect(problem.fix).toMatch(/storageUseAzuread: true|dataPlaneAvailable: false/);
    }
  });

  test("asks nothing of an account with shared keys and public access (the provider's defaults work)", () => {
    expect(missing(stackWith({ features: [{}] }, { name: "stpublic" }))).toEqual([]);
  });

  test("judges no expression: a provider setting from a variable passes", () => {
    expect(missing(stackWith({ features: [{ storage: [{ data_plane_available: "${var.reads}" }] }], storage_use_azuread: "${var.azuread}" }))).toEqual([]);
  });

  test("reads the provider the account uses, by alias", () => {
    const stack: JsonObject = {
      provider: { azurerm: [{ features: [{}] }, { alias: "backup", features: [{ storage: [{ data_plane_available: false }] }], storage_use_azuread: true }] },
      resource: { azurerm_storage_account: { Backup_StorageAccount: { ...PRIVATE_ACCOUNT, provider: "azurerm.backup" } } },
    };
    expect(missing(stack)).toEqual([]);
    const onDefault = { ...stack, resource: { azurerm_storage_account: { Backup_StorageAccount: PRIVATE_ACCOUNT } } };
    expect(missing(onDefault)).toHaveLength(2);
  });
});
