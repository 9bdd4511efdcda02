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
    const clusterLogs = resources(json, "azurerm_monitor_diagnostic_setting").find((d) => d.target_resource_id.startsWith("${azurerm_kubernetes_cluster."));
    expect(clusterLogs!.enabled_log).toEqual(
      expect.arrayContaining([{ category: "kube-audit-admin" }, { category: "guard" }]),
    );
    expect(only(json, "azurerm_resource_policy_assignment").policy_definition_id).toMatch(/42b8ef37-b724-4e24-bbc8-7a7708edfe00$/);
  });

  test("synthesizes the perimeter: hub and spoke, firewall, route, WAF gateway, private registry and endpoints", () => {
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.network_profile.outbound_type).toBe("userDefinedRouting");
    expect(aks.ingress_application_gateway.gateway_id).toMatch(/^\$\{azurerm_application_gateway\./);
    expect(resources(json, "azurerm_virtual_network")).toHaveLength(2);
    expect(resources(json, "azurerm_virtual_network_peering")).toHaveLength(2);
    expect(only(json, "azurerm_firewall")).toMatchObject({ sku_tier: "Standard", zones: ["1", "2", "3"] });
    expect(only(json, "azurerm_firewall_policy")).toMatchObject({ threat_intelligence_mode: "Deny", dns: { proxy_enabled: true } });
    expect(only(json, "azurerm_route_table").route).toEqual([expect.objectContaining({ address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance" })]);
    expect(only(json, "azurerm_application_gateway").sku).toEqual({ name: "WAF_v2", tier: "WAF_v2" });
    expect(only(json, "azurerm_web_application_firewall_policy").policy_settings).toMatchObject({ mode: "Prevention", request_body_check: true });
    const logTargets = resources(json, "azurerm_monitor_diagnostic_setting").map((d) => d.target_resource_id.split(".")[0]);
    expect(logTargets.sort()).toEqual(["${azurerm_application_gateway", "${azurerm_firewall", "${azurerm_kubernetes_cluster"]);
    expect(only(json, "azurerm_container_registry")).toMatchObject({ sku: "Premium", public_network_access_enabled: false, admin_enabled: false });
    expect(only(json, "azurerm_private_endpoint").private_service_connection.subresource_names).toEqual(["registry"]);
    expect(resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "AcrPull")).toEqual([
      expect.objectContaining({ principal_id: "${azurerm_user_assigned_identity.Cluster_KubeletIdentity_E2F05AAE.principal_id}" }),
    ]);
  });
});
