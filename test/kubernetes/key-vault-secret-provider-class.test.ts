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
    expect(manifest.depends_on).toEqual([`kubernetes_namespace_v1.${Object.keys(json.resource.kubernetes_namespace_v1)[0]}`, `kubernetes_default_service_account_v1.${Object.keys(json.resource.kubernetes_default_service_account_v1)[0]}`]);
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

describe("KeyVaultSecretProviderClass file names and object fields", () => {
  const object = (fields: Record<string, unknown>) => ({ objects: [{ name: "db-password", type: "secret", ...fields }] as any });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["an alias that climbs out of the mount", { alias: "../../etc/passwd" }, /^objects\[0\]\.alias becomes a file name in the mounted volume and must be a plain file name, e\.g\. 'db-password'; got '\.\.\/\.\.\/etc\/passwd': it contains a path separator/],
    ["an absolute alias", { alias: "/etc/ssl/key.pem" }, /^objects\[0\]\.alias .*got '\/etc\/ssl\/key\.pem': it contains a path separator/],
    ["an alias into a directory", { alias: "certs/tls.key" }, /got 'certs\/tls\.key': it contains a path separator/],
    ["the parent directory", { alias: ".." }, /got '\.\.': it names the mount directory or its parent/],
    ["an empty alias", { alias: "" }, /got '': it is empty/],
    ["a type in upper case", { type: "Secret" }, /^objects\[0\]\.type must be one of 'secret', 'key', 'cert'; got 'Secret'\. Did you mean 'secret'\? Values are case-sensitive\. For a certificate with its private key, use 'secret'\./],
    ["no type", { type: undefined }, /^objects\[0\]\.type is required: one of 'secret', 'key', 'cert'; got nothing/],
    ["a format that is not pem or pfx", { format: "der" }, /^objects\[0\]\.format must be one of 'pem', 'pfx'; got 'der'\./],
    ["an encoding that is not one of three", { encoding: "utf8" }, /^objects\[0\]\.encoding must be one of 'utf-8', 'hex', 'base64'; got 'utf8'\./],
    ["a version with a path in it", { version: "../v1" }, /^objects\[0\]\.version must be a Key Vault object version/],
  ])("rejects %s", (_name, fields, message) => {
    expect(() => build(object(fields))).toThrow(message);
  });

  test("writes a plain alias and the listed fields", () => {
    const { json } = build(object({ alias: "db.password", format: "pem", encoding: "base64" }));
    expect(only(json, "kubernetes_manifest").manifest.spec.parameters.objects).toContain(`objectAlias: "db.password"`);
  });

  test("takes a token alias without checking it", () => {
    const stack = kubernetesTestStack();
    const alias = new TerraformVariable(stack, "alias", { type: "string" }).stringValue;
    new KeyVaultSecretProviderClass(stack, "Secrets", { namespace: "payments", ...BASE, objects: [{ name: "db-password", type: "secret", alias }] });
    expect(only(synth(stack), "kubernetes_manifest").manifest.spec.parameters.objects).toContain("objectAlias: \"${var.alias}\"");
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["a data key with a slash", { data: [{ key: "tls/crt", objectName: "db-password" }] }, /^syncToKubernetesSecret\.data\[0\]\.key must be a Secret data key: 1-253 letters, digits, '-', '_' or '\.' \(not '\.' or '\.\.'\), e\.g\. 'tls\.crt'; got 'tls\/crt'\./],
    ["a data entry without an object name", { data: [{ key: "password" }] }, /^syncToKubernetesSecret\.data\[0\]\.objectName is required/],
    ["data that is not a list", { data: { key: "password", objectName: "db-password" } }, /^syncToKubernetesSecret\.data is required and must be an array/],
    ["a secret type that is a number", { type: 1 }, /^syncToKubernetesSecret\.type must be a non-empty string when given.*got 1/],
  ])("rejects a synced secret with %s", (_name, fields, message) => {
    expect(() => build({ syncToKubernetesSecret: { secretName: "payments-db", data: [{ key: "password", objectName: "db-password" }], ...fields } as any })).toThrow(message);
  });
});

describe("KeyVaultSecretProviderClass from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no namespace", { namespace: undefined }, /^namespace is required and must be a namespace's name or a SecureNamespace, e\.g\. 'payments'; got nothing/],
    ["a null namespace", { namespace: null }, /^namespace is required .*got null/],
    ["no name", { name: undefined }, /^name is required and must be a non-empty string/],
    ["no key vault name", { keyVaultName: undefined }, /^keyVaultName is required and must be a non-empty string, e\.g\. vault\.vaultName/],
    ["a tenant id that is a number", { tenantId: 0 }, /^tenantId is required and must be a non-empty string.*got 0/],
    ["no client id", { clientId: undefined }, /^clientId is required/],
    ["no objects", { objects: undefined }, /^objects is required and must be an array/],
    ["objects as one object", { objects: { name: "db-password", type: "secret" } }, /^objects is required and must be an array/],
    ["a null object", { objects: [null] }, /^objects\[0\] is required and must be an object.*got null/],
    ["an object without a name", { objects: [{ type: "secret" }] }, /^objects\[0\]\.name is required and must be a non-empty string/],
    ["a sync that is a string", { syncToKubernetesSecret: "payments-db" }, /^syncToKubernetesSecret is required and must be an object/],
  ])("names the prop for %s", (_name, fields, message) => {
    expect(() => new KeyVaultSecretProviderClass(kubernetesTestStack(), "Secrets", { namespace: "payments", ...BASE, ...fields } as any)).toThrow(message);
  });

  test("names the props object when there is none", () => {
    expect(() => new KeyVaultSecretProviderClass(kubernetesTestStack(), "Secrets", undefined as any)).toThrow(/^props is required and must be an object/);
  });
});
