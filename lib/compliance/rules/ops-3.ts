import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { preventsDestroy } from "../terraform-json";

/** OPS-3: stateful resources (and, in production, the cluster) protected from an accidental destroy. */
export const OPS_3: ComplianceRule = {
  id: "OPS-3",
  name: "StatefulResourcesPreventDestroy",
  title: "Stateful resources (Log Analytics workspace, Key Vault and its keys, container registry) and, in production stacks, the AKS cluster carry lifecycle.prevent_destroy",
  description:
    "Destroying the workspace loses the audit trail; destroying a vault, a key or a registry loses keys, secrets and images, and a lost key leaves everything it encrypted unreadable. In a production stack (Compliance.markProduction) the cluster is protected too: replacing it takes every workload down. prevent_destroy makes Terraform refuse any plan that would destroy them.",
  severity: "medium",
  fix: "ClusterMonitoring, SecretsVault, EncryptionKey and PrivateRegistry set it; PlatformEnvironments sets it on the clusters of production environments. Remove the override, or in Terraform: lifecycle { prevent_destroy = true }.",
  references: [R.terraformLifecycle],
  mappings: {},
  resourceTypes: ["azurerm_log_analytics_workspace", "azurerm_key_vault", "azurerm_key_vault_key", "azurerm_container_registry", CLUSTER],
  check: ({ type, config }, _stack, context) => {
    if (preventsDestroy(config)) return [];
    if (type === CLUSTER) {
      return context.production ? ["lifecycle.prevent_destroy is not true in a production stack: a plan that replaces or deletes the cluster would go through"] : [];
    }
    return ["lifecycle.prevent_destroy is not true: a plan that deletes it (and what it holds) would go through"];
  },
};
