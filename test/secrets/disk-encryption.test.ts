import { TerraformVariable } from "cdktf";
import { Principal, DiskEncryption, ValidationError, type DiskEncryptionProps, type SecretsVaultProps } from "hardened-aks";
import { DEFAULT_DISK_ENCRYPTION_TYPE } from "../../lib/secrets/disk-encryption";
import { PLACEMENT, only, ref, resources, synth, testStack, testVault } from "../helpers";

const DES = "azurerm_disk_encryption_set";
const CONTROL_PLANE = "77777777-7777-7777-7777-777777777777";

/** A vault and a disk encryption set built with the given props in a fresh stack. */
function diskEncryption(props: Partial<DiskEncryptionProps> = {}, vaultProps: Partial<SecretsVaultProps> = {}) {
  const stack = testStack();
  const vault = testVault(stack, vaultProps);
  const des = new DiskEncryption(stack, "DiskEncryption", { ...PLACEMENT, name: "des-aks-test", vault, ...props });
  return { stack, vault, des };
}

describe("DiskEncryption defaults (SEC-4)", () => {
  const { stack } = diskEncryption();
  const json = synth(stack);

  it("creates a double-encrypting set with its own user-assigned identity, following the key's new versions", () => {
    expect(only(json, DES)).toEqual({
      name: "des-aks-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      key_vault_key_id: ref(json, "azurerm_key_vault_key", "versionless_id"),
      auto_key_rotation_enabled: true,
      encryption_type: "EncryptionAtRestWithPlatformAndCustomerKeys",
      identity: { type: "UserAssigned", identity_ids: [ref(json, "azurerm_user_assigned_identity")] },
      depends_on: [`azurerm_role_assignment.${Object.keys(json.resource.azurerm_role_assignment)[0]}`],
    });
    expect(DEFAULT_DISK_ENCRYPTION_TYPE).toBe("EncryptionAtRestWithPlatformAndCustomerKeys");
    expect(only(json, "azurerm_user_assigned_identity").name).toBe("id-des-aks-test");
  });

  it("has its own HSM-protected RSA 3072 key that only wraps and unwraps, rotated, protected from destroy", () => {
    expect(only(json, "azurerm_key_vault_key")).toMatchObject({
      name: "des-aks-test-key",
      key_vault_id: ref(json, "azurerm_key_vault"),
      key_type: "RSA-HSM",
      key_size: 3072,
      key_opts: ["unwrapKey", "wrapKey"],
      rotation_policy: { expire_after: "P2Y", notify_before_expiry: "P30D", automatic: { time_after_creation: "P1Y" } },
      lifecycle: { prevent_destroy: true },
    });
  });

  it("gives its identity Key Vault Crypto Service Encryption User on its key only (IAM-5)", () => {
    const grant = only(json, "azurerm_role_assignment");
    expect(grant).toEqual({
      scope: ref(json, "azurerm_key_vault_key", "resource_versionless_id"),
      role_definition_name: "Key Vault Crypto Service Encryption User",
      principal_id: ref(json, "azurerm_user_assigned_identity", "principal_id"),
      principal_type: "ServicePrincipal",
    });
  });
});

describe("DiskEncryption options", () => {
  it("encrypts with the customer key only when asked", () => {
    const json = synth(diskEncryption({ encryptionType: "EncryptionAtRestWithCustomerKey" }).stack);
    expect(only(json, DES).encryption_type).toBe("EncryptionAtRestWithCustomerKey");
  });

  it("takes the key's name, size and identity name", () => {
    const json = synth(diskEncryption({ key: { name: "disks", keySize: 4096 }, identityName: "id-disks" }).stack);
    expect(only(json, "azurerm_key_vault_key")).toMatchObject({ name: "disks", key_size: 4096 });
    expect(only(json, "azurerm_user_assigned_identity").name).toBe("id-disks");
  });

  it("uses a software key on a standard vault", () => {
    expect(only(synth(diskEncryption({}, { sku: "standard" }).stack), "azurerm_key_vault_key").key_type).toBe("RSA");
  });
});

describe("DiskEncryption.grantRead", () => {
  it("grants the cluster's control plane Reader on the set, once", () => {
    const { stack, des } = diskEncryption();
    const assignment = des.grantRead(Principal.servicePrincipal(CONTROL_PLANE));
    expect(des.grantRead(Principal.servicePrincipal(CONTROL_PLANE))).toBe(assignment);
    const json = synth(stack);
    const readers = resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "Reader");
    expect(readers).toEqual([{ scope: ref(json, DES), role_definition_name: "Reader", principal_id: CONTROL_PLANE, principal_type: "ServicePrincipal" }]);
  });

  it("asks for a distinct id for a second principal", () => {
    const { des } = diskEncryption();
    des.grantRead(Principal.servicePrincipal(CONTROL_PLANE));
    expect(() => des.grantRead(Principal.servicePrincipal("88888888-8888-8888-8888-888888888888"))).toThrow(/id 'ClusterReadsDiskEncryptionSet' already exists.*Pass a distinct options\.id/);
  });
});

describe("DiskEncryption bad input", () => {
  it("refuses a vault without purge protection", () => {
    const build = () => diskEncryption({}, { disablePurgeProtection: { reason: "throwaway vault for a demo" } });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(/vault must have purge protection on; got 'test\/Vault', which sets disablePurgeProtection\. .*use a vault without disablePurgeProtection/);
  });

  it("rejects an invalid set name, encryption type and key size", () => {
    expect(() => diskEncryption({ name: "des aks" })).toThrow(/name must be 1-80 letters, digits, underscores, periods or hyphens.*; got 'des aks'/);
    expect(() => diskEncryption({ encryptionType: "ConfidentialVmEncryptedWithCustomerKey" as any })).toThrow(
      /encryptionType must be one of 'EncryptionAtRestWithPlatformAndCustomerKeys', 'EncryptionAtRestWithCustomerKey'; got 'ConfidentialVmEncryptedWithCustomerKey'/,
    );
    expect(() => diskEncryption({ key: { keySize: 1024 } })).toThrow(/keySize must be at least 2048 bits .*; got 1024/);
  });
});

describe("DiskEncryption with tokens", () => {
  it("derives the identity and key names from a token name without mangling it", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "name", {}).stringValue;
    new DiskEncryption(stack, "DiskEncryption", { ...PLACEMENT, name, vault: testVault(stack) });
    const json = synth(stack);
    expect(only(json, DES).name).toBe("${var.name}");
    expect(only(json, "azurerm_user_assigned_identity").name).toBe("id-${var.name}");
    expect(only(json, "azurerm_key_vault_key").name).toBe("${var.name}-key");
  });
});
