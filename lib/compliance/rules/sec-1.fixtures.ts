import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, stackOf, type RuleFixtures } from "../rule-fixture";

const secretProviderClass = (spec: Record<string, unknown>) =>
  stackOf({ kubernetes_manifest: { spc: { manifest: { apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass", metadata: { name: "orders-secrets" }, spec } } } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: the CSI driver with rotation", stack: clusterStack() },
    { name: "a SecretProviderClass that only mounts", stack: secretProviderClass({ provider: "azure", parameters: { keyvaultName: "kv" } }) },
  ],
  failing: [
    {
      name: "override secret rotation off",
      stack: clusterOverride("key_vault_secrets_provider.secret_rotation_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["key_vault_secrets_provider.secret_rotation_enabled is false; it must be true"] }],
    },
    {
      name: "the CSI driver off",
      stack: clusterStack({ key_vault_secrets_provider: undefined }),
      failures: [{ address: CLUSTER, problems: [/^has no key_vault_secrets_provider block/] }],
    },
    {
      name: "a SecretProviderClass that copies secrets into a Kubernetes secret",
      stack: secretProviderClass({ provider: "azure", secretObjects: [{ secretName: "orders-db", type: "Opaque" }] }),
      failures: [
        {
          address: "kubernetes_manifest.spc",
          problems: ["SecretProviderClass 'orders-secrets' syncs Key Vault objects into the Kubernetes secret(s) 'orders-db' (spec.secretObjects): they are then stored in etcd"],
        },
      ],
    },
  ],
};
