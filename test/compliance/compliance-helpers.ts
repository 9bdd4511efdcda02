import type { TerraformStack } from "cdktf";
import {
  Compliance,
  HARDENED_AKS_RULES,
  evaluateTerraform,
  violationMessages,
  type ComplianceReport,
  type ComplianceRule,
  type HardenedCluster,
  type HardenedClusterProps,
  type JsonObject,
  type RuleResult,
} from "hardened-aks";
import { testCluster, testStack } from "../helpers";

/** A test stack with a cluster of only the required props (plus overrides), then `weaken` applied. */
export function clusterStack(
  props: Partial<HardenedClusterProps> = {},
  weaken: (cluster: HardenedCluster, stack: TerraformStack) => void = () => undefined,
): { stack: TerraformStack; cluster: HardenedCluster } {
  const stack = testStack();
  const cluster = testCluster(stack, props);
  weaken(cluster, stack);
  return { stack, cluster };
}

/** The result of one rule in a report. */
export function ruleResult(report: ComplianceReport, id: string): RuleResult {
  const found = report.rules.find((r) => r.rule.id === id);
  if (!found) throw new Error(`no rule ${id} in the report`);
  return found;
}

/** Ids of the rules that fail, in report order. */
export function failingRules(report: ComplianceReport): string[] {
  return report.rules.filter((r) => r.status === "fail").map((r) => r.rule.id);
}

/** The violation lines of one rule, as the synth error lists them. */
export function violationsOf(report: ComplianceReport, id: string): string[] {
  return violationMessages(report).filter((line) => line.startsWith(`${id} `));
}

/** Evaluates a stack. */
export function evaluate(stack: TerraformStack): ComplianceReport {
  return Compliance.evaluate(stack);
}

/** A rule of the pack, by id. */
export function rule(id: string): ComplianceRule {
  const found = HARDENED_AKS_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** Stack JSON with the given resources: `{ type: { name: config } }`. */
export function fixture(resources: Record<string, Record<string, JsonObject>>): JsonObject {
  return { resource: resources };
}

/** The problems of one rule on one resource of a fixture stack. */
export function problemsOf(id: string, stack: JsonObject, address: string): readonly string[] {
  const report = evaluateTerraform(stack, { stackName: "fixture" });
  const resource = ruleResult(report, id).resources.find((r) => r.address === address);
  if (!resource) throw new Error(`${id} did not evaluate ${address}`);
  return resource.problems;
}

/** A cluster configuration that passes every cluster rule: the library's defaults, as JSON. */
export function compliantCluster(overrides: JsonObject = {}): JsonObject {
  return {
    role_based_access_control_enabled: true,
    azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: ["g"], tenant_id: "t" },
    local_account_disabled: true,
    identity: { type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.cp.id}"] },
    kubelet_identity: { user_assigned_identity_id: "${azurerm_user_assigned_identity.kubelet.id}" },
    oidc_issuer_enabled: true,
    workload_identity_enabled: true,
    private_cluster_enabled: true,
    private_cluster_public_fqdn_enabled: false,
    run_command_enabled: false,
    network_profile: { network_plugin: "azure", network_plugin_mode: "overlay", network_policy: "cilium" },
    default_node_pool: {
      name: "system",
      only_critical_addons_enabled: true,
      vnet_subnet_id: "${azurerm_subnet.system.id}",
      node_public_ip_enabled: false,
      zones: ["1", "2", "3"],
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 6,
      os_disk_type: "Ephemeral",
      os_sku: "AzureLinux",
      temporary_name_for_rotation: "systemtmp",
      upgrade_settings: { max_surge: "33%" },
    },
    sku_tier: "Standard",
    automatic_upgrade_channel: "patch",
    node_os_upgrade_channel: "NodeImage",
    maintenance_window_auto_upgrade: { frequency: "Weekly", interval: 1, duration: 4 },
    maintenance_window_node_os: { frequency: "Weekly", interval: 1, duration: 4 },
    oms_agent: { log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}", msi_auth_for_monitoring_enabled: true },
    microsoft_defender: { log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}" },
    azure_policy_enabled: true,
    image_cleaner_enabled: true,
    lifecycle: { ignore_changes: ["default_node_pool[0].node_count", "kubernetes_version", "default_node_pool[0].orchestrator_version"] },
    ...overrides,
  };
}
