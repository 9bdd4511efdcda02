import { Construct } from "../private/cdktf";
import { Manifest } from "../private/kubernetes";
import { guid, isToken, nonEmpty, throwIfInvalid, type Verdict } from "../private/validate";
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
   * The file name in the mount.
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
  readonly data: ReadonlyArray<{ readonly key: string; readonly objectName: string }>;
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
  public readonly namespaceName: string;

  constructor(scope: Construct, id: string, props: KeyVaultSecretProviderClassProps) {
    super(scope, id);
    const ns = resolveNamespace(props.namespace);
    throwIfInvalid(
      this,
      rules.dns1123Label("namespace", ns.name),
      rules.dns1123Label("name", props.name),
      rules.keyVaultName("keyVaultName", props.keyVaultName),
      guid("tenantId", props.tenantId),
      guid("clientId", props.clientId),
      nonEmpty("objects", props.objects, "list the Key Vault objects to mount."),
      ...props.objects.map((o, i) => rules.keyVaultObjectName(`objects[${i}].name`, o.name)),
      uniqueFileNames(props.objects),
      props.syncToKubernetesSecret ? sync(props.syncToKubernetesSecret, props.objects) : undefined,
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
  const verdict = rules.dns1123Label("syncToKubernetesSecret.secretName", s.secretName);
  if (verdict) return verdict;
  if (s.data.length === 0) return "syncToKubernetesSecret.data must map at least one object to a key of the secret.";
  const missing = s.data.find((d) => !isToken(d.objectName) && !files.has(d.objectName));
  return missing
    ? `syncToKubernetesSecret.data names '${missing.objectName}', which is not a mounted object: use an object's alias, or its name when it has none (${[...files].join(", ")}).`
    : undefined;
}
