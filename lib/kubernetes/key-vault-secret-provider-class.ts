import { Construct } from "../private/cdktf";
import { Manifest } from "../private/kubernetes";
import { guid, isToken, nonEmpty, oneOf, optionalOfKind, required, throwIfInvalid, type Verdict } from "../private/validate";
import { resolveNamespace, type NamespaceRef } from "./namespace-ref";
import * as rules from "./validate";

/** The CSI driver's API version and the Azure provider's name. */
export const SECRET_PROVIDER_CLASS_API_VERSION = "secrets-store.csi.x-k8s.io/v1";
/** The CSI driver name pods mount secrets with. */
export const SECRETS_STORE_CSI_DRIVER = "secrets-store.csi.k8s.io";

/** A Key Vault object to mount. */
export interface KeyVaultObject {
  /** Its name in Key Vault. */
  readonly name: string;
  /** `secret`, `key` or `cert`. For a certificate with its private key, use `secret`. */
  readonly type: "secret" | "key" | "cert";
  /**
   * The file name in the mount: a plain file name (no '/', '\\', '.' or '..'), since the
   * driver writes the object to `<mount>/<alias>`.
   *
   * @default - the object's name
   */
  readonly alias?: string;
  /**
   * A fixed version.
   *
   * @default - the latest, refreshed by secret rotation (SEC-1)
   */
  readonly version?: string;
  /** `pem` or `pfx` (certificates read as secrets). @default - the provider's, pem */
  readonly format?: "pem" | "pfx";
  /** `utf-8`, `hex` or `base64` (secrets only). @default - the provider's, utf-8 */
  readonly encoding?: "utf-8" | "hex" | "base64";
}

/** Syncing mounted objects into a Kubernetes secret (off unless given). */
export interface KubernetesSecretSync {
  /** The secret's name. */
  readonly secretName: string;
  /** The secret's type. @default "Opaque" */
  readonly type?: string;
  /** Keys of the secret, each from a mounted object (by alias, or by name without one). */
  readonly data: ReadonlyArray<{
    /** Key in the Kubernetes secret. */
    readonly key: string;
    /** The mounted object it holds: its alias, or its name without one. */
    readonly objectName: string;
  }>;
}

/** Props of `KeyVaultSecretProviderClass`. */
export interface KeyVaultSecretProviderClassProps {
  /** The namespace of the pods that mount it. */
  readonly namespace: NamespaceRef;
  /** Its name (a DNS-1123 label); pods reference it in their CSI volume. */
  readonly name: string;
  /** The Key Vault's name. */
  readonly keyVaultName: string;
  /** The Key Vault's tenant. */
  readonly tenantId: string;
  /**
   * Client id of the workload identity that reads the vault: the one a
   * `WorkloadServiceAccount` of the mounting pods is annotated with.
   */
  readonly clientId: string;
  /** The objects to mount. At least one. */
  readonly objects: readonly KeyVaultObject[];
  /**
   * Also sync objects into a Kubernetes secret, for consumers that can only read secrets
   * (e.g. an ingress TLS secret). Off by default: a synced secret lives in etcd and is
   * readable by whoever can read secrets in the namespace. The secret exists only while
   * a pod mounts the volume.
   *
   * @default - no Kubernetes secret
   */
  readonly syncToKubernetesSecret?: KubernetesSecretSync;
}

/**
 * A `SecretProviderClass` for the Azure Key Vault provider of the Secrets Store CSI driver
 * (SEC-1), authenticating with workload identity (IAM-4): never pod identity, never a
 * client secret. Objects are mounted as files; syncing to a Kubernetes secret is opt-in.
 *
 * It is a custom resource, created with `kubernetes_manifest`, which reads the cluster's
 * API during plan: the CRD must exist then. The cluster's `key_vault_secrets_provider`
 * add-on installs it, so plan the in-cluster stack after the cluster stack is applied.
 */
export class KeyVaultSecretProviderClass extends Construct {
  /**
   * The `objects` parameter in the provider's format: a YAML document with an `array` of
   * YAML strings, one per object.
   */
  public static objectsParameter(objects: readonly KeyVaultObject[]): string {
    const lines = ["array:"];
    for (const object of objects) {
      const fields: Array<[string, string | undefined]> = [
        ["objectName", object.name],
        ["objectType", object.type],
        ["objectAlias", object.alias],
        ["objectVersion", object.version],
        ["objectFormat", object.format],
        ["objectEncoding", object.encoding],
      ];
      lines.push("  - |");
      for (const [key, value] of fields) {
        if (value !== undefined) lines.push(`    ${key}: ${JSON.stringify(value)}`);
      }
    }
    return `${lines.join("\n")}\n`;
  }

  /** The `kubernetes_manifest` (escape hatch). */
  public readonly resource: Manifest;
  /** Its name, for the pods' `volumeAttributes.secretProviderClass`. */
  public readonly secretProviderClassName: string;
  /** Namespace of the SecretProviderClass: only pods in it can mount it. */
  public readonly namespaceName: string;

  constructor(scope: Construct, id: string, props: KeyVaultSecretProviderClassProps) {
    super(scope, id);
    // What a JavaScript caller may leave out or mistype, before anything below reads it.
    throwIfInvalid(this, required("props", props, "object", "{ namespace, name: 'payments-secrets', keyVaultName, tenantId, clientId, objects }"));
    throwIfInvalid(
      this,
      rules.namespaceRef("namespace", props.namespace),
      required("name", props.name, "string", "'payments-secrets'"),
      required("keyVaultName", props.keyVaultName, "string", "vault.vaultName"),
      required("tenantId", props.tenantId, "string", "'<tenant GUID>'"),
      required("clientId", props.clientId, "string", "identity.clientId"),
      required("objects", props.objects, "array", "[{ name: 'db-password', type: 'secret' }]"),
      props.syncToKubernetesSecret === undefined
        ? undefined
        : required("syncToKubernetesSecret", props.syncToKubernetesSecret, "object", "{ secretName: 'tls', data: [{ key: 'tls.crt', objectName: 'cert' }] }"),
    );
    const objects = isToken(props.objects) ? [] : props.objects;
    throwIfInvalid(
      this,
      ...objects.map((o, i) => required(`objects[${i}]`, o, "object", "{ name: 'db-password', type: 'secret' }")),
    );
    throwIfInvalid(
      this,
      ...objects.map((o, i) => required(`objects[${i}].name`, o.name, "string", "'db-password'")),
    );
    const ns = resolveNamespace(props.namespace);
    throwIfInvalid(
      this,
      rules.dns1123Label("namespace", ns.name),
      rules.dns1123Label("name", props.name),
      rules.keyVaultName("keyVaultName", props.keyVaultName),
      guid("tenantId", props.tenantId),
      guid("clientId", props.clientId),
      nonEmpty("objects", props.objects, "list the Key Vault objects to mount."),
      ...objects.map((o, i) => rules.keyVaultObjectName(`objects[${i}].name`, o.name)),
      ...objects.map((o, i) => oneOf(`objects[${i}].type`, o.type, OBJECT_TYPES, "For a certificate with its private key, use 'secret'.") ?? requiredType(`objects[${i}].type`, o.type)),
      ...objects.map((o, i) => oneOf(`objects[${i}].format`, o.format, OBJECT_FORMATS)),
      ...objects.map((o, i) => oneOf(`objects[${i}].encoding`, o.encoding, OBJECT_ENCODINGS)),
      ...objects.map((o, i) => (o.alias === undefined ? undefined : rules.mountedFileName(`objects[${i}].alias`, o.alias))),
      ...objects.map((o, i) =>
        o.version === undefined || isToken(o.version) || (typeof o.version === "string" && /^[0-9A-Za-z]+$/.test(o.version))
          ? undefined
          : `objects[${i}].version must be a Key Vault object version (letters and digits, e.g. '4387e9f3d6e14c459867679a90fd0f79'); got '${String(o.version)}'.`,
      ),
      uniqueFileNames(objects),
      props.syncToKubernetesSecret ? sync(props.syncToKubernetesSecret, objects) : undefined,
    );
    this.secretProviderClassName = props.name;
    this.namespaceName = ns.name;

    const spec: Record<string, unknown> = {
      provider: "azure",
      parameters: {
        usePodIdentity: "false",
        useVMManagedIdentity: "false",
        clientID: props.clientId,
        keyvaultName: props.keyVaultName,
        tenantId: props.tenantId,
        objects: KeyVaultSecretProviderClass.objectsParameter(props.objects),
      },
    };
    if (props.syncToKubernetesSecret) {
      const s = props.syncToKubernetesSecret;
      spec.secretObjects = [
        {
          secretName: s.secretName,
          type: s.type ?? "Opaque",
          data: s.data.map((d) => ({ key: d.key, objectName: d.objectName })),
        },
      ];
    }
    this.resource = new Manifest(this, "Resource", {
      manifest: {
        apiVersion: SECRET_PROVIDER_CLASS_API_VERSION,
        kind: "SecretProviderClass",
        metadata: { name: props.name, namespace: ns.name },
        spec,
      },
      dependsOn: ns.dependsOn,
    });
  }
}

const OBJECT_TYPES: readonly KeyVaultObject["type"][] = ["secret", "key", "cert"];
const OBJECT_FORMATS: readonly NonNullable<KeyVaultObject["format"]>[] = ["pem", "pfx"];
const OBJECT_ENCODINGS: readonly NonNullable<KeyVaultObject["encoding"]>[] = ["utf-8", "hex", "base64"];

/** The object type is required: the provider cannot tell a secret from a key. */
function requiredType(prop: string, value: unknown): Verdict {
  return value === undefined ? `${prop} is required: one of ${OBJECT_TYPES.map((t) => `'${t}'`).join(", ")}; got nothing (the prop is missing).` : undefined;
}

function uniqueFileNames(objects: readonly KeyVaultObject[]): Verdict {
  if (isToken(objects)) return undefined;
  const seen = new Set<string>();
  for (const object of objects) {
    const file = object.alias ?? object.name;
    if (isToken(file)) continue;
    if (seen.has(file)) return `objects mount two objects as '${file}': give one of them a different alias.`;
    seen.add(file);
  }
  return undefined;
}

function sync(s: KubernetesSecretSync, objects: readonly KeyVaultObject[]): Verdict {
  const files = new Set(objects.map((o) => o.alias ?? o.name));
  const verdict =
    required("syncToKubernetesSecret.secretName", s.secretName, "string", "'payments-tls'") ??
    rules.dns1123Label("syncToKubernetesSecret.secretName", s.secretName) ??
    optionalOfKind("syncToKubernetesSecret.type", s.type, "string", "'kubernetes.io/tls'") ??
    required("syncToKubernetesSecret.data", s.data, "array", "[{ key: 'tls.crt', objectName: 'cert' }]");
  if (verdict) return verdict;
  if (isToken(s.data)) return undefined;
  if (s.data.length === 0) return "syncToKubernetesSecret.data must map at least one object to a key of the secret.";
  const badEntry = s.data
    .map(
      (d, i) =>
        required(`syncToKubernetesSecret.data[${i}]`, d, "object", "{ key: 'tls.crt', objectName: 'cert' }") ??
        required(`syncToKubernetesSecret.data[${i}].key`, d.key, "string", "'tls.crt'") ??
        rules.secretDataKey(`syncToKubernetesSecret.data[${i}].key`, d.key) ??
        required(`syncToKubernetesSecret.data[${i}].objectName`, d.objectName, "string", "'cert'"),
    )
    .find((v) => v !== undefined);
  if (badEntry) return badEntry;
  const missing = s.data.find((d) => !isToken(d.objectName) && !files.has(d.objectName));
  return missing
    ? `syncToKubernetesSecret.data names '${missing.objectName}', which is not a mounted object: use an object's alias, or its name when it has none (${[...files].join(", ")}).`
    : undefined;
}
