import { TerraformOutput, TerraformVariable } from "cdktf";
import { DEFAULT_KEY_ROTATION_POLICY, KeyUsage, Principal, ValidationError, type EncryptionKeyOptions, type SecretsVaultProps } from "hardened-aks";
import { only, ref, resources, synth, testStack, testVault } from "../helpers";

const KEY = "azurerm_key_vault_key";
const CONTROL_PLANE = "66666666-6666-6666-6666-666666666666";

/** A vault and one key built with the given options (on top of a KMS key) in a fresh stack. */
function keyIn(options: Partial<EncryptionKeyOptions> = {}, vaultProps: Partial<SecretsVaultProps> = {}) {
  const stack = testStack();
  const vault = testVault(stack, vaultProps);
  const key = vault.addKey("EtcdKey", { name: "etcd-kms", usage: KeyUsage.KUBERNETES_KMS, ...options });
  return { stack, vault, key };
}

describe("EncryptionKey's first version expires as the versions the policy creates do (SEC-6)", () => {
  // azurerm v4.55.0 key_vault_key_resource.go: resourceKeyVaultKeyCreate sets the first
  // version's expiry from expiration_date; resourceKeyVaultKeyRead reads the latest version's
  // expiry back; the CustomizeDiff forces a new key when expiration_date goes from set to
  // empty. Hence a fixed date for the first version and ignore_changes for the rest.
  it("dates the first version's expiry with a time_offset of expireAfter, and ignores expiration_date afterwards", () => {
    const json = synth(keyIn().stack);
    const offsets = Object.entries(json.resource.time_offset ?? {});
    expect(offsets).toHaveLength(1);
    const [name, offset] = offsets[0] as [string, Record<string, unknown>];
    expect(offset).toEqual(expect.objectContaining({ offset_years: 2 }));
    expect(offset).not.toHaveProperty("offset_months");
    expect(only(json, KEY).expiration_date).toBe(`\${time_offset.${name}.rfc3339}`);
    expect(only(json, KEY).lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["expiration_date"] });
    expect(json.terraform.required_providers.time).toBeDefined();
  });

  it.each([
    ["P1Y6M", { offset_years: 1, offset_months: 6 }],
    ["P400D", { offset_days: 400 }],
    ["P2Y0M30D", { offset_years: 2, offset_days: 30 }],
  ])("turns expireAfter '%s' into the offset's parts", (expireAfter, parts) => {
    const json = synth(keyIn({ rotationPolicy: { expireAfter, rotateAfterCreation: "P60D" } }).stack);
    const offset = Object.values(json.resource.time_offset)[0] as Record<string, unknown>;
    expect(Object.fromEntries(Object.entries(offset).filter(([k]) => k.startsWith("offset_")))).toEqual(parts);
  });

  it("with a token expireAfter, sets no first expiry (its parts are unknown) but still ignores expiration_date", () => {
    const stack = testStack();
    const vault = testVault(stack);
    const expireAfter = new TerraformVariable(stack, "expireAfter", { type: "string" }).stringValue;
    vault.addKey("EtcdKey", { name: "etcd-kms", usage: KeyUsage.KUBERNETES_KMS, rotationPolicy: { expireAfter, rotateAfterCreation: "P1Y" } });
    const json = synth(stack);
    expect(json.resource.time_offset).toBeUndefined();
    expect(only(json, KEY).expiration_date).toBeUndefined();
    expect(only(json, KEY).lifecycle.ignore_changes).toEqual(["expiration_date"]);
  });
});

describe("EncryptionKey defaults (SEC-3)", () => {
  const { stack, key } = keyIn();
  new TerraformOutput(stack, "keyId", { value: key.keyId });
  new TerraformOutput(stack, "versionlessKeyId", { value: key.versionlessKeyId });
  new TerraformOutput(stack, "keyResourceId", { value: key.keyResourceId });
  const json = synth(stack);

  it("is an HSM-protected RSA 3072 key with only KMS's operations, rotated yearly, versions valid 2 years, protected from destroy", () => {
    expect(only(json, KEY)).toMatchObject({
      name: "etcd-kms",
      key_vault_id: ref(json, "azurerm_key_vault"),
      key_type: "RSA-HSM",
      key_size: 3072,
      key_opts: ["decrypt", "encrypt", "unwrapKey", "wrapKey"],
      rotation_policy: {
        expire_after: "P2Y",
        notify_before_expiry: "P30D",
        automatic: { time_after_creation: "P1Y" },
      },
      lifecycle: { prevent_destroy: true },
    });
    expect(DEFAULT_KEY_ROTATION_POLICY).toEqual({ expireAfter: "P2Y", notifyBeforeExpiry: "P30D", rotateAfterCreation: "P1Y" });
  });

  it("exposes the versioned id for AKS KMS, the versionless id and the resource id for role scopes", () => {
    expect(json.output.keyId.value).toBe(ref(json, KEY, "id"));
    expect(json.output.versionlessKeyId.value).toBe(ref(json, KEY, "versionless_id"));
    expect(json.output.keyResourceId.value).toBe(ref(json, KEY, "resource_versionless_id"));
  });

  it("is created after the vault's private endpoint exists", () => {
    const endpoint = Object.keys(json.resource.azurerm_private_endpoint).map((k) => `azurerm_private_endpoint.${k}`);
    expect(only(json, KEY).depends_on).toEqual(expect.arrayContaining(endpoint));
  });
});

describe("EncryptionKey options", () => {
  it("is a software RSA key on a standard vault", () => {
    expect(only(synth(keyIn({}, { sku: "standard" }).stack), KEY).key_type).toBe("RSA");
  });

  it("allows only wrap and unwrap for disk encryption", () => {
    expect(only(synth(keyIn({ usage: KeyUsage.DISK_ENCRYPTION }).stack), KEY).key_opts).toEqual(["unwrapKey", "wrapKey"]);
  });

  it.each([2048, 4096])("takes a %s-bit key", (keySize) => {
    expect(only(synth(keyIn({ keySize }).stack), KEY).key_size).toBe(keySize);
  });

  it("rotates before expiry instead of after creation when asked", () => {
    const json = synth(keyIn({ rotationPolicy: { expireAfter: "P2Y", rotateBeforeExpiry: "P1Y" } }).stack);
    expect(only(json, KEY).rotation_policy).toEqual({
      expire_after: "P2Y",
      notify_before_expiry: "P30D",
      automatic: { time_before_expiry: "P1Y" },
    });
  });
});

describe("EncryptionKey.grantKmsAccess (SEC-3, IAM-5)", () => {
  it("grants the control plane Key Vault Crypto User on the key and, for a private vault, Key Vault Contributor on the vault", () => {
    const { stack, key } = keyIn();
    const assignments = key.grantKmsAccess(Principal.servicePrincipal(CONTROL_PLANE));
    const json = synth(stack);
    expect(assignments).toHaveLength(2);
    const grants = resources(json, "azurerm_role_assignment").map((r) => [r.role_definition_name, r.scope, r.principal_id, r.principal_type]);
    expect(grants).toHaveLength(2);
    expect(grants).toEqual(
      expect.arrayContaining([
        ["Key Vault Crypto User", ref(json, KEY, "resource_versionless_id"), CONTROL_PLANE, "ServicePrincipal"],
        ["Key Vault Contributor", ref(json, "azurerm_key_vault"), CONTROL_PLANE, "ServicePrincipal"],
      ]),
    );
  });

  it("grants only Key Vault Crypto User for public network access", () => {
    const { stack, key } = keyIn();
    key.grantKmsAccess(Principal.servicePrincipal(CONTROL_PLANE), { keyVaultNetworkAccess: "Public" });
    expect(only(synth(stack), "azurerm_role_assignment").role_definition_name).toBe("Key Vault Crypto User");
  });

  it("gives the same assignments when granted twice", () => {
    const { stack, key } = keyIn();
    const first = key.grantKmsAccess(Principal.servicePrincipal(CONTROL_PLANE));
    expect(key.grantKmsAccess(Principal.servicePrincipal(CONTROL_PLANE))).toEqual(first);
    expect(resources(synth(stack), "azurerm_role_assignment")).toHaveLength(2);
  });

  it("refuses a disk encryption key, which cannot encrypt", () => {
    const { key } = keyIn({ usage: KeyUsage.DISK_ENCRYPTION });
    expect(() => key.grantKmsAccess(Principal.servicePrincipal(CONTROL_PLANE))).toThrow(/grantKmsAccess needs a key made with usage KeyUsage\.KUBERNETES_KMS; this key's usage is disk encryption/);
  });
});

describe("EncryptionKey bad input", () => {
  const bad = (options: Partial<EncryptionKeyOptions>, vaultProps: Partial<SecretsVaultProps> = {}) => () => keyIn(options, vaultProps);

  it.each([1024, 512, 2047])("rejects a %s-bit key", (keySize) => {
    expect(bad({ keySize })).toThrow(ValidationError);
    expect(bad({ keySize })).toThrow(new RegExp(`keySize must be at least 2048 bits .*; got ${keySize}\\. Use 3072 \\(the default\\) or 4096`));
  });

  it("rejects a size Key Vault does not create", () => {
    expect(bad({ keySize: 2560 })).toThrow(/keySize must be 2048, 3072 or 4096 \(the RSA sizes Key Vault creates\); got 2560/);
  });

  it("rejects an HSM key on a standard vault", () => {
    expect(bad({ hsmProtected: true }, { sku: "standard" })).toThrow(/hsmProtected needs a premium vault; .*Set the vault's sku to 'premium'/);
  });

  it("rejects an invalid key name", () => {
    expect(bad({ name: "etcd_kms" })).toThrow(/name must be 1-127 letters, digits or hyphens .*; got 'etcd_kms'/);
  });

  it.each([
    [{ expireAfter: "2 years" }, /rotationPolicy\.expireAfter must be an ISO 8601 duration .*; got '2 years'/],
    [{ expireAfter: "P20D" }, /rotationPolicy\.expireAfter must be at least 28 days \(Azure's minimum\); got 'P20D'/],
    [{ notifyBeforeExpiry: "P3D" }, /rotationPolicy\.notifyBeforeExpiry must be at least 7 days .*; got 'P3D'/],
    [{ rotateAfterCreation: "P5D" }, /rotationPolicy\.rotateAfterCreation must be at least 7 days .*; got 'P5D'/],
    [{ rotateAfterCreation: "P1Y", rotateBeforeExpiry: "P30D" }, /rotationPolicy takes rotateAfterCreation or rotateBeforeExpiry, not both/],
    [{ expireAfter: "P1Y", rotateAfterCreation: "P1Y" }, /rotationPolicy\.rotateAfterCreation \('P1Y'\) must leave at least 7 days before the version expires/],
    [{ expireAfter: "P1Y", notifyBeforeExpiry: "P1Y", rotateAfterCreation: "P90D" }, /notifyBeforeExpiry \('P1Y'\) must be shorter than expireAfter/],
  ])("rejects the rotation policy %j", (rotationPolicy, message) => {
    expect(bad({ rotationPolicy })).toThrow(message);
  });

  it("rejects versions that would expire before AKS KMS stops using them", () => {
    expect(bad({ rotationPolicy: { expireAfter: "P18M", rotateAfterCreation: "P1Y" } })).toThrow(
      /rotationPolicy\.expireAfter \('P18M'\) must be at least twice the rotation interval \(365 days\) for a KMS key/,
    );
    expect(bad({ rotationPolicy: { expireAfter: "P1Y", rotateBeforeExpiry: "P90D" } })).toThrow(/at least twice the rotation interval \(275 days\)/);
    // A disk encryption set follows new versions at once: the rule is KMS's only.
    expect(bad({ usage: KeyUsage.DISK_ENCRYPTION, rotationPolicy: { expireAfter: "P18M", rotateAfterCreation: "P1Y" } })).not.toThrow();
  });
});

describe("EncryptionKey with tokens", () => {
  it("accepts Terraform variables for the size and the policy without checking them", () => {
    const stack = testStack();
    const size = new TerraformVariable(stack, "size", { type: "number" });
    const expire = new TerraformVariable(stack, "expire", {});
    testVault(stack).addKey("Key", {
      name: new TerraformVariable(stack, "name", {}).stringValue,
      usage: KeyUsage.KUBERNETES_KMS,
      keySize: size.numberValue,
      rotationPolicy: { expireAfter: expire.stringValue },
    });
    expect(only(synth(stack), KEY)).toMatchObject({
      name: "${var.name}",
      key_size: "${var.size}",
      rotation_policy: { expire_after: "${var.expire}", automatic: { time_after_creation: "P1Y" } },
    });
  });
});
