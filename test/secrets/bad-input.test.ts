// Bad input to SecretsVault, EncryptionKey and DiskEncryption: each family as a table of bad
// values with the message asserted, the good values of the same table passing, a Terraform
// variable (never checked, never sliced), and a JavaScript-style call that leaves props out.
import { TerraformVariable } from "cdktf";
import { DiskEncryption, KeyUsage, SecretsVault, ValidationError, type DiskEncryptionProps, type EncryptionKeyOptions, type SecretsVaultProps } from "hardened-aks";
import { ENDPOINTS_SUBNET_ID, PLACEMENT, TENANT_ID, VNET_ID, resources, synth, testStack, testVault } from "../helpers";

/** Props as a JavaScript caller may pass them: values TypeScript would refuse. */
type Loose = any;

const VAULT_PROPS: SecretsVaultProps = { ...PLACEMENT, name: "kv-aks-test", tenantId: TENANT_ID, privateEndpointSubnetId: ENDPOINTS_SUBNET_ID, virtualNetworkIds: [VNET_ID] };

const vault = (overrides: Loose) => () => new SecretsVault(testStack(), "Vault", { ...VAULT_PROPS, ...overrides });
const key = (options: Loose) => () => testVault(testStack()).addKey("Key", { name: "etcd-kms", usage: KeyUsage.KUBERNETES_KMS, ...options });
const disks = (overrides: Loose) => () => {
  const stack = testStack();
  return new DiskEncryption(stack, "DiskEncryption", { ...PLACEMENT, name: "des-aks-test", vault: testVault(stack), ...overrides } as DiskEncryptionProps);
};

describe("SecretsVault", () => {
  test.each<[string, Loose, RegExp]>([
    ["resourceGroupName ending with a period", { resourceGroupName: "rg-aks." }, /^resourceGroupName must be 1-90 letters, .* not ending with a period .*; got 'rg-aks\.'/],
    ["a punctuated location", { location: "west-europe!" }, /^location must be an Azure region name such as 'westeurope' \(or 'West Europe'\); got 'west-europe!'/],
    ["a tag name Azure refuses", { tags: { "cost/center": "1" } }, /^tags tag name 'cost\/center' must be 1-128 characters/],
    ["a tag value that is not a string", { tags: { team: 7 } }, /^tags\.team must be a string; got 7/],
    ["a sku in the wrong case", { sku: "Premium" }, /^sku must be one of 'premium', 'standard'; got 'Premium'\. Did you mean 'premium'\?/],
    ["a vault name with two hyphens", { name: "kv--aks" }, /^name must be 3-24 letters, digits or hyphens.*got 'kv--aks'/],
    ["a deployer range that is a number", { deployerIpRanges: [203] }, /^deployerIpRanges\[0\] must be a string such as '203\.0\.113\.7'; got 203/],
  ])("rejects %s", (_what, overrides, message) => {
    expect(vault(overrides)).toThrow(ValidationError);
    expect(vault(overrides)).toThrow(message);
  });

  test.each<[string, Loose]>([
    ["a portal-form location", { location: "West Europe" }],
    ["a resource group with parentheses and periods", { resourceGroupName: "rg-(aks).prod" }],
    ["tags", { tags: { team: "platform", "cost-center": "42" } }],
    ["the standard sku", { sku: "standard" }],
  ])("accepts %s", (_what, overrides) => {
    expect(vault(overrides)).not.toThrow();
  });

  test("takes a name, location and resource group from Terraform variables without checking them", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "vaultName", { type: "string" }).stringValue;
    const location = new TerraformVariable(stack, "location", { type: "string" }).stringValue;
    const group = new TerraformVariable(stack, "group", { type: "string" }).stringValue;
    new SecretsVault(stack, "Vault", { ...VAULT_PROPS, name, location, resourceGroupName: group });
    expect(resources(synth(stack), "azurerm_key_vault")[0]).toMatchObject({ name: "${var.vaultName}", location: "${var.location}", resource_group_name: "${var.group}" });
  });

  test.each<[string, Loose, RegExp]>([
    ["no props", undefined, /^SecretsVault props is required and must be an object/],
    ["no name", { ...VAULT_PROPS, name: undefined }, /^name is required and must be a non-empty string, e\.g\. 'kv-aks-prod'; got nothing \(the prop is missing\)/],
    ["a null tenantId", { ...VAULT_PROPS, tenantId: null }, /^tenantId is required and must be a non-empty string.*; got null/],
    ["no resourceGroupName", { ...VAULT_PROPS, resourceGroupName: undefined }, /^resourceGroupName is required/],
    ["a location that is a number", { ...VAULT_PROPS, location: 1 }, /^location is required and must be a non-empty string, e\.g\. 'westeurope'; got 1/],
    ["virtualNetworkIds as a string", { ...VAULT_PROPS, virtualNetworkIds: VNET_ID }, /^virtualNetworkIds is required and must be an array/],
    ["disablePurgeProtection as a string", { ...VAULT_PROPS, disablePurgeProtection: "lab vault, nightly" }, /^disablePurgeProtection must be an object when given/],
  ])("a JavaScript caller with %s gets a ValidationError naming the prop", (_what, props, message) => {
    const build = () => new SecretsVault(testStack(), "Vault", props);
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(message);
  });
});

// The rotation bounds rest on the provider (azurerm v4.55.0,
// internal/services/keyvault/key_vault_key_resource.go, the rotation_policy schema):
// expire_after ISO8601DurationBetween("P28D", "P100Y"), notify_before_expiry
// ISO8601DurationBetween("P7D", "P36493D"); Key Vault's docs add the 7-day minimum rotation
// and the 7 days between rotation and expiry.
describe("EncryptionKey", () => {
  test.each<[string, Loose, RegExp]>([
    ["a key name with an underscore", { name: "etcd_kms" }, /^name must be 1-127 letters, digits or hyphens \(Azure's rule for Key Vault key names\), e\.g\. 'aks-prod-kms'; got 'etcd_kms'/],
    ["expiry under Key Vault's 28 days", { rotationPolicy: { expireAfter: "P27D", rotateAfterCreation: "P7D" } }, /^rotationPolicy\.expireAfter must be at least 28 days \(Azure's minimum\); got 'P27D'/],
    ["expiry beyond the provider's 100 years", { rotationPolicy: { expireAfter: "P101Y" } }, /^rotationPolicy\.expireAfter must be at most 100 years \('P100Y'\) \(the provider's limit\); got 'P101Y'/],
    ["a notice under 7 days", { rotationPolicy: { notifyBeforeExpiry: "P6D" } }, /^rotationPolicy\.notifyBeforeExpiry must be at least 7 days \(Azure's minimum\); got 'P6D'/],
    ["a rotation under 7 days", { rotationPolicy: { rotateAfterCreation: "P6D", expireAfter: "P60D" } }, /^rotationPolicy\.rotateAfterCreation must be at least 7 days \(Azure's minimum\); got 'P6D'/],
    [
      "a rotation less than 7 days before expiry",
      { rotationPolicy: { expireAfter: "P60D", rotateAfterCreation: "P55D" } },
      /^rotationPolicy\.rotateAfterCreation \('P55D'\) must leave at least 7 days before the version expires/,
    ],
    ["both rotation triggers", { rotationPolicy: { rotateAfterCreation: "P1Y", rotateBeforeExpiry: "P30D" } }, /^rotationPolicy takes rotateAfterCreation or rotateBeforeExpiry, not both/],
    [
      "a duration given as a number of days",
      { rotationPolicy: { expireAfter: 90 } },
      /^rotationPolicy\.expireAfter must be an ISO 8601 duration string of whole years, months or days, such as 'P1Y', 'P6M' or 'P90D'; got 90\. Write the string 'P90D' for 90 days\./,
    ],
    ["a duration in hours", { rotationPolicy: { notifyBeforeExpiry: "PT12H" } }, /^rotationPolicy\.notifyBeforeExpiry must be an ISO 8601 duration string .*; got 'PT12H'/],
    ["a KMS key whose versions expire before the next rotation", { rotationPolicy: { expireAfter: "P1Y", rotateAfterCreation: "P300D" } }, /must be at least twice the rotation interval \(300 days\) for a KMS key/],
    ["a tag value that is not a string", { tags: { team: false } }, /^tags\.team must be a string; got false/],
  ])("rejects %s", (_what, options, message) => {
    expect(key(options)).toThrow(ValidationError);
    expect(key(options)).toThrow(message);
  });

  test.each<[string, Partial<EncryptionKeyOptions>]>([
    ["the minimums together", { usage: KeyUsage.DISK_ENCRYPTION, rotationPolicy: { expireAfter: "P28D", notifyBeforeExpiry: "P7D", rotateAfterCreation: "P7D" } }],
    ["rotation 7 days before a 28-day expiry", { usage: KeyUsage.DISK_ENCRYPTION, rotationPolicy: { expireAfter: "P28D", notifyBeforeExpiry: "P7D", rotateBeforeExpiry: "P7D" } }],
    ["the provider's maximum expiry", { rotationPolicy: { expireAfter: "P100Y" } }],
    ["months", { rotationPolicy: { expireAfter: "P24M", rotateAfterCreation: "P6M" } }],
  ])("accepts %s", (_what, options) => {
    expect(key(options)).not.toThrow();
  });

  test("takes a key name and rotation durations from Terraform variables without checking them", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "keyName", { type: "string" }).stringValue;
    const expiry = new TerraformVariable(stack, "expiry", { type: "string" }).stringValue;
    testVault(stack).addKey("Key", { name, usage: KeyUsage.KUBERNETES_KMS, rotationPolicy: { expireAfter: expiry, rotateAfterCreation: "P1Y" } });
    expect(resources(synth(stack), "azurerm_key_vault_key")[0]).toMatchObject({ name: "${var.keyName}", rotation_policy: { expire_after: "${var.expiry}" } });
  });

  test.each<[string, Loose, RegExp]>([
    ["no usage", { name: "etcd-kms", usage: undefined }, /^usage is required and must be KeyUsage\.KUBERNETES_KMS or KeyUsage\.DISK_ENCRYPTION .*; got nothing \(the prop is missing\)/],
    ["a usage given as a string", { name: "etcd-kms", usage: "kms" }, /^usage is required and must be KeyUsage\.KUBERNETES_KMS or KeyUsage\.DISK_ENCRYPTION .*; got 'kms'/],
    ["no name", { usage: KeyUsage.KUBERNETES_KMS }, /^name is required and must be a non-empty string, e\.g\. 'aks-prod-kms'; got nothing/],
    ["a key size given as a string", { name: "etcd-kms", usage: KeyUsage.KUBERNETES_KMS, keySize: "4096" }, /^keySize must be a number when given, e\.g\. 3072; got '4096'/],
    ["a rotation policy given as a string", { name: "etcd-kms", usage: KeyUsage.KUBERNETES_KMS, rotationPolicy: "P1Y" }, /^rotationPolicy must be an object when given/],
  ])("a JavaScript caller with %s gets a ValidationError naming the prop", (_what, options, message) => {
    const build = () => testVault(testStack()).addKey("Key", options);
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(message);
  });

  test("a key without a vault names the vault", async () => {
    const { EncryptionKey } = await import("hardened-aks");
    const build = () => new EncryptionKey(testStack(), "Key", { name: "etcd-kms", usage: KeyUsage.KUBERNETES_KMS } as Loose);
    expect(build).toThrow(/^vault is required and must be a SecretsVault/);
  });
});

describe("DiskEncryption", () => {
  test.each<[string, Loose, RegExp]>([
    ["a location with punctuation", { location: "westeurope;" }, /^location must be an Azure region name/],
    ["a resource group name that is too long", { resourceGroupName: "r".repeat(91) }, /^resourceGroupName must be 1-90 letters/],
    ["a key name with a period", { key: { name: "des.key" } }, /^key\.name must be 1-127 letters, digits or hyphens/],
    ["a key size Key Vault does not create", { key: { keySize: 1024 } }, /^key\.keySize must be at least 2048 bits/],
    ["a key expiring too soon", { key: { rotationPolicy: { expireAfter: "P14D" } } }, /^key\.rotationPolicy\.expireAfter must be at least 28 days/],
    ["an encryption type in the wrong case", { encryptionType: "encryptionAtRestWithCustomerKey" }, /^encryptionType must be one of .*Did you mean 'EncryptionAtRestWithCustomerKey'\?/],
  ])("rejects %s, naming the prop as written", (_what, overrides, message) => {
    expect(disks(overrides)).toThrow(ValidationError);
    expect(disks(overrides)).toThrow(message);
  });

  test.each<[string, Loose]>([
    ["a key of 4096 bits", { key: { keySize: 4096 } }],
    ["a named key", { key: { name: "des-aks-test-key" } }],
    ["customer keys only", { encryptionType: "EncryptionAtRestWithCustomerKey" }],
  ])("accepts %s", (_what, overrides) => {
    expect(disks(overrides)).not.toThrow();
  });

  test("passes a token name through whole: the identity and key names are not cut", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "desName", { type: "string" }).stringValue;
    new DiskEncryption(stack, "DiskEncryption", { ...PLACEMENT, name, vault: testVault(stack) });
    const json = synth(stack);
    expect(resources(json, "azurerm_user_assigned_identity")[0].name).toBe("id-${var.desName}");
    expect(resources(json, "azurerm_key_vault_key")[0].name).toBe("${var.desName}-key");
  });

  test.each<[string, Loose, RegExp]>([
    ["no props", undefined, /^DiskEncryption props is required and must be an object/],
    ["no vault", { ...PLACEMENT, name: "des-aks-test" }, /^vault is required and must be a SecretsVault/],
    ["no name", { ...PLACEMENT, vault: "kv-aks-test" }, /^name is required and must be a non-empty string/],
  ])("a JavaScript caller with %s gets a ValidationError naming the prop", (_what, props, message) => {
    const build = () => new DiskEncryption(testStack(), "DiskEncryption", props);
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(message);
  });

  test("a JavaScript caller with a key given as a string gets a ValidationError naming key", () => {
    expect(disks({ key: "des-key" })).toThrow(/^key must be an object when given, e\.g\. \{ keySize: 4096 \}; got 'des-key'/);
  });
});
