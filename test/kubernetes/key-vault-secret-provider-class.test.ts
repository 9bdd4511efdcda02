import { TerraformVariable } from "cdktf";
import { KeyVaultSecretProviderClass, SecureNamespace, type KeyVaultSecretProviderClassProps } from "hardened-aks";
import { TENANT_ID, kubernetesTestStack, only, synth } from "../helpers";

const CLIENT_ID = "66666666-6666-6666-6666-666666666666";
const BASE: Omit<KeyVaultSecretProviderClassProps, "namespace"> = {
  name: "payments-secrets",
  keyVaultName: "kv-payments-prod",
  tenantId: TENANT_ID,
  clientId: CLIENT_ID,
  objects: [{ name: "db-password", type: "secret" }],
};

function build(overrides: Partial<KeyVaultSecretProviderClassProps> = {}) {
  const stack = kubernetesTestStack();
  const ns = new SecureNamespace(stack, "Payments", { name: "payments" });
  const spc = new KeyVaultSecretProviderClass(stack, "Secrets", { namespace: ns, ...BASE, ...overrides });
  return { spc, json: synth(stack) };
}

describe("KeyVaultSecretProviderClass", () => {
  test("is a SecretProviderClass for Key Vault through workload identity, never pod identity (SEC-1, IAM-4)", () => {
    const { json, spc } = build();
    const manifest = only(json, "kubernetes_manifest");
    expect(manifest.manifest).toEqual({
      apiVersion: "secrets-store.csi.x-k8s.io/v1",
      kind: "SecretProviderClass",
      metadata: { name: "payments-secrets", namespace: "payments" },
      spec: {
        provider: "azure",
        parameters: {
          usePodIdentity: "false",
          useVMManagedIdentity: "false",
          clientID: CLIENT_ID,
          keyvaultName: "kv-payments-prod",
          tenantId: TENANT_ID,
          objects: 'array:\n  - |\n    objectName: "db-password"\n    objectType: "secret"\n',
        },
      },
    });
    expect(manifest.depends_on).toEqual([`kubernetes_namespace_v1.${Object.keys(json.resource.kubernetes_namespace_v1)[0]}`]);
    expect(spc.secretProviderClassName).toBe("payments-secrets");
  });

  test("syncs nothing to a Kubernetes secret by default", () => {
    const { json } = build();
    expect(only(json, "kubernetes_manifest").manifest.spec.secretObjects).toBeUndefined();
    expect(JSON.stringify(json.resource)).not.toMatch(/clientSecret|client_secret|nodePublishSecretRef/);
  });

  test("writes every object field the provider knows, in its YAML format", () => {
    const objects = KeyVaultSecretProviderClass.objectsParameter([
      { name: "tls-cert", type: "secret", alias: "tls.pfx", format: "pfx", encoding: "base64" },
      { name: "signing-key", type: "key", version: "0123456789abcdef" },
      { name: "ca", type: "cert" },
    ]);
    expect(objects).toBe(
      [
        "array:",
        "  - |",
        '    objectName: "tls-cert"',
        '    objectType: "secret"',
        '    objectAlias: "tls.pfx"',
        '    objectFormat: "pfx"',
        '    objectEncoding: "base64"',
        "  - |",
        '    objectName: "signing-key"',
        '    objectType: "key"',
        '    objectVersion: "0123456789abcdef"',
        "  - |",
        '    objectName: "ca"',
        '    objectType: "cert"',
        "",
      ].join("\n"),
    );
  });

  test("syncs to a Kubernetes secret only when asked", () => {
    const { json } = build({
      objects: [
        { name: "tls-cert", type: "secret", alias: "tls.crt" },
        { name: "tls-key", type: "secret", alias: "tls.key" },
      ],
      syncToKubernetesSecret: {
        secretName: "payments-tls",
        type: "kubernetes.io/tls",
        data: [
          { key: "tls.crt", objectName: "tls.crt" },
          { key: "tls.key", objectName: "tls.key" },
        ],
      },
    });
    expect(only(json, "kubernetes_manifest").manifest.spec.secretObjects).toEqual([
      {
        secretName: "payments-tls",
        type: "kubernetes.io/tls",
        data: [
          { key: "tls.crt", objectName: "tls.crt" },
          { key: "tls.key", objectName: "tls.key" },
        ],
      },
    ]);
  });

  test("takes the vault name and the client id as tokens", () => {
    const stack = kubernetesTestStack();
    const v = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    new KeyVaultSecretProviderClass(stack, "Secrets", { ...BASE, namespace: "payments", keyVaultName: v("vault"), clientId: v("client"), tenantId: v("tenant") });
    const parameters = only(synth(stack), "kubernetes_manifest").manifest.spec.parameters;
    expect(parameters).toEqual(expect.objectContaining({ keyvaultName: "${var.vault}", clientID: "${var.client}", tenantId: "${var.tenant}" }));
  });

  test.each([
    [{ name: "Payments_Secrets" }, /name must be a DNS-1123 label/],
    [{ keyVaultName: "kv" }, /keyVaultName must be 3-24 letters, digits or hyphens, .*Key Vault names/],
    [{ keyVaultName: "kv--payments" }, /keyVaultName must be 3-24 letters, digits or hyphens, .*Key Vault names/],
    [{ tenantId: "contoso.onmicrosoft.com" }, /tenantId must be a GUID/],
    [{ clientId: "payments-identity" }, /clientId must be a GUID/],
    [{ objects: [] }, /objects must not be empty/],
    [{ objects: [{ name: "db_password", type: "secret" as const }] }, /objects\[0\].name must be a Key Vault object name/],
    [
      { objects: [{ name: "a", type: "secret" as const, alias: "x" }, { name: "x", type: "secret" as const }] },
      /objects mount two objects as 'x'/,
    ],
    [{ syncToKubernetesSecret: { secretName: "s", data: [{ key: "k", objectName: "missing" }] } }, /names 'missing', which is not a mounted object/],
    [{ syncToKubernetesSecret: { secretName: "S", data: [{ key: "k", objectName: "db-password" }] } }, /syncToKubernetesSecret.secretName must be a DNS-1123 label/],
    [{ syncToKubernetesSecret: { secretName: "s", data: [] } }, /syncToKubernetesSecret.data must map at least one object/],
  ])("rejects %p", (props, message) => {
    expect(() => build(props as Partial<KeyVaultSecretProviderClassProps>)).toThrow(message);
  });
});
