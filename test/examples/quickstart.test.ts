import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { buildQuickstart } from "../../examples/quickstart/main";
import { only, resources, synthApp } from "../helpers";

/** Every file an app's synth writes, by path relative to its output directory. */
function outputFiles(outdir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(outdir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(outdir);
  return files;
}

describe("quickstart example", () => {
  const app = buildQuickstart(Testing.app());
  const stacks = synthApp(app);
  const { json } = stacks.quickstart;
  const baseline = stacks["quickstart-baseline"].json;

  test("synthesizes an Azure stack and an in-cluster baseline stack", () => {
    expect(Object.keys(stacks)).toEqual(["quickstart", "quickstart-baseline"]);
  });

  test("passes every compliance rule in both stacks, acknowledging only its local state (OPS-2)", () => {
    for (const name of ["quickstart", "quickstart-baseline"]) {
      const report = JSON.parse(fs.readFileSync(path.join(stacks[name].dir, "compliance-report.json"), "utf8"));
      expect([name, report.summary.fail]).toEqual([name, 0]);
      const acknowledged = report.rules.filter((r: any) => r.status === "acknowledged").map((r: any) => r.rule.id);
      expect([name, acknowledged]).toEqual([name, ["OPS-2"]]);
    }
  });

  test("synthesizes the same Terraform as the last reviewed snapshots", () => {
    expect(json).toMatchSnapshot("quickstart");
    expect(baseline).toMatchSnapshot("quickstart-baseline");
  });

  test("writes byte-identical files every time: Terraform, manifest and compliance reports", () => {
    const again = buildQuickstart(Testing.app());
    synthApp(again);
    const first = outputFiles(app.outdir);
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(["manifest.json", path.join("stacks", "quickstart", "cdk.tf.json"), path.join("stacks", "quickstart", "compliance-report.sarif")]),
    );
    expect(outputFiles(again.outdir)).toEqual(first);
  });

  test("writes nothing machine-specific: relative local backends, no absolute paths anywhere", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.quickstart.tfstate" } });
    expect(baseline.terraform.backend).toEqual({ local: { path: "../../../terraform.quickstart-baseline.tfstate" } });
    for (const [file, text] of Object.entries(outputFiles(app.outdir))) {
      expect([file, text.includes(app.outdir)]).toEqual([file, false]);
      expect([file, /"\/(home|root|tmp|work|Users|var)\//.test(text)]).toEqual([file, false]);
    }
  });

  test("the baseline stack reads the Azure stack's state from the same file the Azure stack writes", () => {
    const remote = baseline.data.terraform_remote_state["cross-stack-reference-input-quickstart"];
    expect(remote).toMatchObject({ backend: "local", config: { path: "../../../terraform.quickstart.tfstate" } });
  });

  test("puts nothing in-cluster in the Azure stack, and nothing Azure in the baseline stack", () => {
    expect(Object.keys(json.resource).filter((type) => type.startsWith("kubernetes_"))).toEqual([]);
    expect(Object.keys(baseline.resource).filter((type) => !type.startsWith("kubernetes_"))).toEqual([]);
  });

  test("the baseline locks down the application's namespace and runs it with its workload identity", () => {
    const namespace = only(baseline, "kubernetes_namespace_v1");
    expect(namespace.metadata.name).toBe("orders");
    expect(namespace.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    const policies = resources(baseline, "kubernetes_network_policy_v1");
    expect(policies.length).toBeGreaterThanOrEqual(2);
    // Egress by name only: no address range at all, so nothing reaches 169.254.169.254.
    expect(JSON.stringify(policies)).not.toContain("ip_block");
    const manifests = resources(baseline, "kubernetes_manifest").map((m) => m.manifest);
    expect(manifests.find((m) => m.kind === "CiliumNetworkPolicy")).toMatchObject({
      metadata: { namespace: "orders" },
      spec: { egress: expect.arrayContaining([expect.objectContaining({ toFQDNs: [{ matchName: "api.github.com" }] })]) },
    });
    expect(resources(baseline, "kubernetes_limit_range_v1")).toHaveLength(1);
    expect(resources(baseline, "kubernetes_resource_quota_v1")).toHaveLength(1);
    expect(only(baseline, "kubernetes_service_account_v1").metadata.annotations).toEqual({
      "azure.workload.identity/client-id": expect.stringContaining("cross-stack-output-azurerm_user_assigned_identityOrdersIdentity"),
    });
    expect(manifests.filter((m) => m.kind === "SecretProviderClass")).toHaveLength(1);
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
      network_profile: expect.objectContaining({ network_plugin: "azure", network_plugin_mode: "overlay", network_policy: "cilium", advanced_networking: { security_enabled: true, observability_enabled: true } }),
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
    expect(resources(json, "azurerm_subnet_network_security_group_association")).toHaveLength(5);
    const clusterLogs = resources(json, "azurerm_monitor_diagnostic_setting").find((d) => d.target_resource_id.startsWith("${azurerm_kubernetes_cluster."));
    expect(clusterLogs!.enabled_log).toEqual(
      expect.arrayContaining([{ category: "kube-audit-admin" }, { category: "guard" }]),
    );
    expect(only(json, "azurerm_resource_policy_assignment").policy_definition_id).toMatch(/42b8ef37-b724-4e24-bbc8-7a7708edfe00$/);
  });

  test("synthesizes the perimeter: hub and spoke, firewall, route, WAF gateway, private registry and endpoints", () => {
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.network_profile.outbound_type).toBe("userDefinedRouting");
    // Nodes reach the firewall only through the peering: the cluster waits for both.
    const peerings = Object.keys(json.resource.azurerm_virtual_network_peering)
      .filter((k) => k.startsWith("EgressFirewall_"))
      .map((k) => `azurerm_virtual_network_peering.${k}`);
    expect(peerings).toHaveLength(2);
    expect(aks.depends_on).toEqual(expect.arrayContaining(peerings));
    expect(aks.ingress_application_gateway.gateway_id).toMatch(/^\$\{azurerm_application_gateway\./);
    expect(resources(json, "azurerm_virtual_network")).toHaveLength(2);
    // Two between hub and spoke, and the deployer's runner network with each of them, both ways.
    expect(resources(json, "azurerm_virtual_network_peering")).toHaveLength(6);
    expect(only(json, "azurerm_firewall")).toMatchObject({ sku_tier: "Premium", zones: ["1", "2", "3"] });
    expect(only(json, "azurerm_firewall_policy")).toMatchObject({ threat_intelligence_mode: "Deny", dns: { proxy_enabled: true } });
    expect(only(json, "azurerm_route_table").route).toEqual([expect.objectContaining({ address_prefix: "0.0.0.0/0", next_hop_type: "VirtualAppliance" })]);
    expect(only(json, "azurerm_application_gateway").sku).toEqual({ name: "WAF_v2", tier: "WAF_v2" });
    expect(only(json, "azurerm_web_application_firewall_policy").policy_settings).toMatchObject({ mode: "Prevention", request_body_check: true });
    const logTargets = resources(json, "azurerm_monitor_diagnostic_setting").map((d) => d.target_resource_id.split(".")[0]);
    expect(logTargets.sort()).toEqual(["${azurerm_application_gateway", "${azurerm_firewall", "${azurerm_kubernetes_cluster"]);
    expect(only(json, "azurerm_container_registry")).toMatchObject({ sku: "Premium", public_network_access_enabled: false, admin_enabled: false });
    expect(resources(json, "azurerm_private_endpoint").map((e) => e.private_service_connection.subresource_names[0]).sort()).toEqual([
      "prometheusMetrics",
      "registry",
      "vault",
    ]);
    expect(resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "AcrPull")).toEqual([
      expect.objectContaining({ principal_id: "${azurerm_user_assigned_identity.Cluster_KubeletIdentity_E2F05AAE.principal_id}" }),
    ]);
  });

  test("synthesizes secrets and keys: vault, KMS, disk encryption set, host encryption, CSI rotation, a workload identity", () => {
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(only(json, "azurerm_key_vault")).toMatchObject({
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: false,
      network_acls: expect.objectContaining({ default_action: "Deny" }),
      lifecycle: { prevent_destroy: true },
    });
    expect(aks.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "2m" });
    // The key's latest version, through the data source (the resource's id stays on the
    // version Terraform created).
    expect(aks.key_management_service).toEqual({
      key_vault_key_id: expect.stringMatching(/^\$\{data\.azurerm_key_vault_key\.Cluster_EtcdKey_LatestVersion_[0-9A-F]+\.id\}$/),
      key_vault_network_access: "Private",
    });
    expect(aks.api_server_access_profile).toEqual({
      virtual_network_integration_enabled: true,
      subnet_id: "${azurerm_subnet.Network_apiServerSubnet_873AEAE4.id}",
    });
    expect(aks.disk_encryption_set_id).toMatch(/^\$\{azurerm_disk_encryption_set\./);
    expect(aks.default_node_pool.host_encryption_enabled).toBe(true);
    expect(only(json, "azurerm_kubernetes_cluster_node_pool").host_encryption_enabled).toBe(true);
    expect(resources(json, "azurerm_key_vault_key")).toHaveLength(2);
    expect(only(json, "azurerm_federated_identity_credential")).toMatchObject({
      subject: "system:serviceaccount:orders:orders-api",
      audience: ["api://AzureADTokenExchange"],
      issuer: "${azurerm_kubernetes_cluster.Cluster_EB0386A7.oidc_issuer_url}",
    });
    const secretsUser = resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "Key Vault Secrets User");
    expect(secretsUser).toEqual([expect.objectContaining({ scope: expect.stringMatching(/\/secrets\/orders-db-password$/) })]);
  });
});
