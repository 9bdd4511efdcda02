import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const STACK = "terraform";
const outputs = (output: JsonObject, extra: JsonObject = {}) => ({ ...stackOf({}), output, ...extra });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a sensitive output of a credential", stack: outputs({ o: { value: "${azurerm_kubernetes_cluster.aks.kube_config[0].host}", sensitive: true } }) },
    { name: "outputs of attributes that are not secrets", stack: outputs({ o: { value: "${azurerm_kubernetes_cluster.aks.oidc_issuer_url}" }, k: { value: "${azurerm_key_vault_key.etcd.id}" } }) },
  ],
  failing: [
    {
      name: "an output of the raw kubeconfig, not sensitive",
      stack: { defaults: "azure", change: (s) => s.override("output.kubeconfig", { value: s.resource("azurerm_kubernetes_cluster").ref("kube_config_raw") }) },
      failures: [{ address: STACK, problems: [/^output 'kubeconfig' exposes azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}\.kube_config_raw without sensitive = true/] }],
    },
    {
      name: "an output of the admin kubeconfig, even sensitive",
      stack: {
        defaults: "azure",
        change: (s) => s.override("output.admin", { value: s.resource("azurerm_kubernetes_cluster").ref("kube_admin_config[0].client_key"), sensitive: true }),
      },
      failures: [
        {
          address: STACK,
          problems: [/^output 'admin' exposes azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}\.kube_admin_config\[0\]\.client_key: an admin kubeconfig is a static cluster-admin credential/],
        },
      ],
    },
    {
      name: "a Kubernetes secret with a literal value",
      stack: { defaults: "in-cluster", change: (s) => s.add("kubernetes_secret_v1", "DbPassword", { metadata: { name: "db", namespace: "orders" }, data: { password: "hunter2hunter2" } }) },
      failures: [{ address: STACK, problems: [/^kubernetes_secret_v1\.DbPassword writes literal secret values \(data\) into the code and the state/] }],
    },
    {
      name: "a sensitive attribute inside a function",
      stack: outputs({ o: { value: "${base64decode(azurerm_kubernetes_cluster.aks.kube_config.0.client_key)}" } }),
      failures: [{ address: STACK, problems: [/^output 'o' exposes azurerm_kubernetes_cluster\.aks\.kube_config\[0\]\.client_key without sensitive = true/] }],
    },
    {
      name: "a sensitive attribute inside an object value",
      stack: outputs({ o: { value: { key: "${azurerm_storage_account.st.primary_access_key}" } } }),
      failures: [{ address: STACK, problems: [/^output 'o' exposes azurerm_storage_account\.st\.primary_access_key without sensitive = true/] }],
    },
    {
      name: "a Key Vault secret's value",
      stack: outputs({ o: { value: "${data.azurerm_key_vault_secret.db.value}" } }),
      failures: [{ address: STACK, problems: [/^output 'o' exposes data\.azurerm_key_vault_secret\.db\.value without sensitive = true/] }],
    },
    {
      name: "literal credentials in providers and backends; expressions are fine",
      stack: outputs(
        {},
        { provider: { azurerm: [{ client_secret: "s3cret-value" }, { client_secret: "${var.client_secret}" }] }, terraform: { backend: { azurerm: { access_key: "abc==" } } } },
      ),
      failures: [{ address: STACK, problems: ["provider 'azurerm' (block 0) has a literal client_secret: a credential in the code", /^the 'azurerm' backend has a literal access_key/] }],
    },
  ],
};
