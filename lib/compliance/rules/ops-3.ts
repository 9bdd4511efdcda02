import type { ComplianceRule } from "../rule";
import { preventsDestroy } from "../terraform-json";

/** OPS-3: stateful resources protected from an accidental destroy. */
export const OPS_3: ComplianceRule = {
  id: "OPS-3",
  name: "StatefulResourcesPreventDestroy",
  title: "Stateful resources (Log Analytics workspace, Key Vault, container registry) carry lifecycle.prevent_destroy",
  description:
    "Destroying the workspace loses the audit trail; destroying a vault or registry loses keys, secrets and images. prevent_destroy makes Terraform refuse any plan that would.",
  severity: "medium",
  fix: "ClusterMonitoring (and the library's vault and registry constructs) set it; remove the override. In Terraform: lifecycle { prevent_destroy = true }.",
  seeds: [],
  mappings: {},
  resourceTypes: ["azurerm_log_analytics_workspace", "azurerm_key_vault", "azurerm_container_registry"],
  check: ({ config }) =>
    preventsDestroy(config) ? [] : ["lifecycle.prevent_destroy is not true: a plan that deletes it (and what it holds) would go through"],
};
