import { Testing, type TerraformStack } from "cdktf";
import { buildQuickstart } from "../../examples/quickstart/main";
import { only, resources } from "../helpers";

function quickstartStack(): TerraformStack {
  const app = buildQuickstart(Testing.app());
  return app.node.findChild("quickstart") as TerraformStack;
}

describe("quickstart example", () => {
  const synthesized = Testing.synth(quickstartStack(), true);
  const json = JSON.parse(synthesized);

  test("synthesizes the same Terraform as the last reviewed snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  test("synthesizes byte-identical output every time", () => {
    expect(Testing.synth(quickstartStack(), true)).toBe(synthesized);
  });

  test("writes nothing machine-specific: an explicit relative local backend, no absolute paths", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "terraform.quickstart.tfstate" } });
    expect(synthesized).not.toMatch(/"\/(home|root|tmp|work|Users|var)\//);
  });

  test("shows every cluster-level control of the catalogue with its value", () => {
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks).toMatchObject({
      role_based_access_control_enabled: true,
      azure_active_directory_role_based_access_control: expect.objectContaining({ azure_rbac_enabled: true }),
      local_account_disabled: true,
      identity: expect.objectContaining({ type: "UserAssigned" }),
      kubelet_identity: expect.objectContaining({ user_assigned_identity_id: expect.any(String) }),
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      private_cluster_enabled: true,
      private_cluster_public_fqdn_enabled: false,
      run_command_enabled: false,
      network_profile: expect.objectContaining({ network_plugin: "azure", network_plugin_mode: "overlay", network_policy: "cilium" }),
      default_node_pool: expect.objectContaining({
        only_critical_addons_enabled: true,
        node_public_ip_enabled: false,
        auto_scaling_enabled: true,
        zones: ["1", "2", "3"],
        os_disk_type: "Ephemeral",
        os_sku: "AzureLinux",
        temporary_name_for_rotation: "systemtmp",
      }),
      sku_tier: "Standard",
      automatic_upgrade_channel: "patch",
      node_os_upgrade_channel: "NodeImage",
      maintenance_window_auto_upgrade: expect.any(Object),
      maintenance_window_node_os: expect.any(Object),
      oms_agent: expect.objectContaining({ msi_auth_for_monitoring_enabled: true }),
      microsoft_defender: expect.any(Object),
      azure_policy_enabled: true,
      image_cleaner_enabled: true,
    });
    expect(aks.service_principal).toBeUndefined();
    expect(resources(json, "azurerm_kubernetes_cluster_node_pool")).toEqual([
      expect.objectContaining({ mode: "User", node_public_ip_enabled: false, auto_scaling_enabled: true }),
    ]);
    expect(resources(json, "azurerm_subnet_network_security_group_association")).toHaveLength(4);
    expect(only(json, "azurerm_monitor_diagnostic_setting").enabled_log).toEqual(
      expect.arrayContaining([{ category: "kube-audit-admin" }, { category: "guard" }]),
    );
    expect(only(json, "azurerm_resource_policy_assignment").policy_definition_id).toMatch(/42b8ef37-b724-4e24-bbc8-7a7708edfe00$/);
  });
});
