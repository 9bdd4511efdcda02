import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, blocks, expectOneOf, isObject, problems, show, type JsonObject } from "../terraform-json";

const MANIFEST = "kubernetes_manifest";

/** SEC-1: Key Vault secrets through the Secrets Store CSI driver, rotated, and not copied into Kubernetes secrets. */
export const SEC_1: ComplianceRule = {
  id: "SEC-1",
  name: "SecretsStoreCsiWithRotation",
  title: "Secrets from Key Vault through the Secrets Store CSI driver with rotation on; SecretProviderClasses do not copy them into Kubernetes secrets",
  description:
    "Mounted from Key Vault, a secret never lives in etcd or in Terraform state, and rotation lets a changed secret reach running pods without a redeploy. Syncing it into a Kubernetes secret (secretObjects) puts it back in etcd, readable by whoever can read secrets in the namespace.",
  severity: "medium",
  fix: "HardenedCluster always enables the add-on with rotation; remove the override. Leave syncToKubernetesSecret out of KeyVaultSecretProviderClass; a consumer that can only read Kubernetes secrets (e.g. an ingress TLS secret) is an opt-out: acknowledge SEC-1 with the reason. In Terraform: key_vault_secrets_provider { secret_rotation_enabled = true }, and no spec.secretObjects in SecretProviderClass manifests.",
  references: [R.aksSecretsStoreCsi, R.aksSecretsStoreOptions],
  mappings: { cisAks: ["4.5.2"], checkov: ["CKV_AZURE_172"] },
  resourceTypes: [CLUSTER, MANIFEST],
  check: ({ type, config }) => {
    if (type === MANIFEST) return checkSecretProviderClass(config);
    const provider = block(config, "key_vault_secrets_provider");
    if (!provider) return [missingBlock("key_vault_secrets_provider", "the Secrets Store CSI driver is off, so pods cannot mount Key Vault secrets")];
    return problems(expectOneOf(provider.secret_rotation_enabled, "key_vault_secrets_provider.secret_rotation_enabled", [true], false));
  },
};

function checkSecretProviderClass(config: JsonObject): string[] {
  const manifest = block(config, "manifest");
  if (!manifest || manifest.kind !== "SecretProviderClass") return [];
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  const synced = blocks(spec.secretObjects);
  return synced.length === 0
    ? []
    : [`SecretProviderClass ${show(isObject(manifest.metadata) ? manifest.metadata.name : undefined)} syncs Key Vault objects into the Kubernetes secret(s) ${synced.map((s) => show(s.secretName)).join(", ")} (spec.secretObjects): they are then stored in etcd`];
}
