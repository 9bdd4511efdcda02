import { TerraformVariable } from "cdktf";
import {
  ApiServerAccess,
  ClusterEgress,
  ClusterEncryption,
  ClusterMonitoring,
  ClusterNetwork,
  Compliance,
  EgressRoute,
  WafIngress,
} from "hardened-aks";
import { POD_SECURITY_RESTRICTED_INITIATIVE_ID } from "../../lib/cluster/hardened-cluster";
import { ADMIN_GROUP_ID, PLACEMENT, TENANT_ID, only, ref, resources, synth, testCluster, testNetwork, testStack, testVault } from "../helpers";

const CLUSTER = "azurerm_kubernetes_cluster";

function defaultCluster(overrides = {}) {
  const stack = testStack();
  const cluster = testCluster(stack, overrides);
  return { stack, cluster, json: synth(stack) };
}

describe("HardenedCluster defaults", () => {
  const { json } = defaultCluster();
  const aks = only(json, CLUSTER);

  test("authenticates with Entra ID and authorizes with Azure RBAC, no local accounts (IAM-1, IAM-2)", () => {
    expect(aks.role_based_access_control_enabled).toBe(true);
    expect(aks.azure_active_directory_role_based_access_control).toEqual({
      azure_rbac_enabled: true,
      tenant_id: TENANT_ID,
      admin_group_object_ids: [ADMIN_GROUP_ID],
    });
    expect(aks.local_account_disabled).toBe(true);
  });

  test("uses user-assigned identities for the control plane and the kubelet, never a service principal (IAM-3)", () => {
    expect(aks.identity).toEqual({
      type: "UserAssigned",
      identity_ids: ["${azurerm_user_assigned_identity.Cluster_ControlPlaneIdentity_A3822C9C.id}"],
    });
    expect(aks.kubelet_identity).toEqual({
      client_id: "${azurerm_user_assigned_identity.Cluster_KubeletIdentity_E2F05AAE.client_id}",
      object_id: "${azurerm_user_assigned_identity.Cluster_KubeletIdentity_E2F05AAE.principal_id}",
      user_assigned_identity_id: "${azurerm_user_assigned_identity.Cluster_KubeletIdentity_E2F05AAE.id}",
    });
    expect(aks.service_principal).toBeUndefined();
    expect(resources(json, "azurerm_user_assigned_identity")).toHaveLength(2);
  });

  test("turns on the OIDC issuer and workload identity (IAM-4)", () => {
    expect(aks.oidc_issuer_enabled).toBe(true);
    expect(aks.workload_identity_enabled).toBe(true);
  });

  test("grants the control plane only the roles it needs, on the narrowest scopes (IAM-5)", () => {
    const grants = resources(json, "azurerm_role_assignment").map((r) => ({
      role: r.role_definition_name,
      scope: r.scope,
      principal: r.principal_id,
      type: r.principal_type,
    }));
    const principal = "${azurerm_user_assigned_identity.Cluster_ControlPlaneIdentity_A3822C9C.principal_id}";
    expect(grants).toHaveLength(3);
    expect(grants).toEqual(
      expect.arrayContaining([
        { role: "Managed Identity Operator", scope: "${azurerm_user_assigned_identity.Cluster_KubeletIdentity_E2F05AAE.id}", principal, type: "ServicePrincipal" },
        { role: "Private DNS Zone Contributor", scope: "${azurerm_private_dns_zone.Cluster_ApiServerDnsZone_464FA0E0.id}", principal, type: "ServicePrincipal" },
        { role: "Network Contributor", scope: "${azurerm_virtual_network.Network_1C6012B5.id}", principal, type: "ServicePrincipal" },
      ]),
    );
    for (const grant of grants) expect(grant.role).not.toMatch(/^(Owner|Contributor|User Access Administrator)$/);
  });

  test("creates the cluster only after its role assignments exist", () => {
    const roleAssignments = Object.keys(json.resource.azurerm_role_assignment).map((k) => `azurerm_role_assignment.${k}`);
    expect(aks.depends_on).toEqual(expect.arrayContaining(roleAssignments));
  });

  test("keeps the API server private with no public FQDN (API-1) and run command off (API-3)", () => {
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.private_cluster_public_fqdn_enabled).toBe(false);
    expect(aks.private_dns_zone_id).toBe("${azurerm_private_dns_zone.Cluster_ApiServerDnsZone_464FA0E0.id}");
    expect(only(json, "azurerm_private_dns_zone").name).toBe("privatelink.westeurope.azmk8s.io");
    expect(aks.api_server_access_profile).toBeUndefined();
    expect(aks.run_command_enabled).toBe(false);
  });

  test("uses Azure CNI Overlay with the Cilium data plane and network policy (NET-1, NET-2)", () => {
    expect(aks.network_profile).toEqual({
      network_plugin: "azure",
      network_plugin_mode: "overlay",
      network_policy: "cilium",
      network_data_plane: "cilium",
      pod_cidr: "10.244.0.0/16",
      service_cidr: "10.0.0.0/16",
      dns_service_ip: "10.0.0.10",
      outbound_type: "loadBalancer",
      load_balancer_sku: "standard",
      advanced_networking: { security_enabled: true, observability_enabled: true },
    });
  });

  test("keeps the system pool for critical add-ons, zonal, autoscaled, ephemeral Azure Linux, no public IPs (NODE-1..3, NET-4)", () => {
    expect(aks.default_node_pool).toMatchObject({
      name: "system",
      only_critical_addons_enabled: true,
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 6,
      zones: ["1", "2", "3"],
      os_disk_type: "Ephemeral",
      os_disk_size_gb: 128,
      os_sku: "AzureLinux",
      node_public_ip_enabled: false,
      vnet_subnet_id: "${azurerm_subnet.Network_systemNodesSubnet_50CC6918.id}",
      upgrade_settings: { max_surge: "33%", drain_timeout_in_minutes: 30 },
    });
    expect(aks.default_node_pool.node_count).toBeUndefined();
  });

  test("runs on the paid tier with the uptime SLA (NODE-4)", () => {
    expect(aks.sku_tier).toBe("Standard");
  });

  test("upgrades automatically on a channel, in planned windows (UPG-1, UPG-2)", () => {
    expect(aks.automatic_upgrade_channel).toBe("patch");
    expect(aks.node_os_upgrade_channel).toBe("NodeImage");
    expect(aks.maintenance_window_auto_upgrade).toEqual({
      frequency: "Weekly",
      interval: 1,
      day_of_week: "Sunday",
      start_time: "00:00",
      duration: 4,
      utc_offset: "+00:00",
    });
    expect(aks.maintenance_window_node_os).toMatchObject({ frequency: "Weekly", day_of_week: "Saturday", duration: 4 });
  });

  test("never fights the upgrade channel or the autoscaler, and rotates the system pool instead of replacing the cluster (UPG-3, OPS-4)", () => {
    expect(aks.lifecycle.ignore_changes).toEqual(
      expect.arrayContaining(["kubernetes_version", "default_node_pool[0].orchestrator_version", "default_node_pool[0].node_count"]),
    );
    expect(aks.default_node_pool.temporary_name_for_rotation).toBe("systemtmp");
  });

  test("sends container insights with managed identity auth, and runs Defender (MON-1, MON-3)", () => {
    const workspace = "${azurerm_log_analytics_workspace.Cluster_Monitoring_CAA74C7A.id}";
    expect(aks.oms_agent).toEqual({ log_analytics_workspace_id: workspace, msi_auth_for_monitoring_enabled: true });
    expect(aks.microsoft_defender).toEqual({ log_analytics_workspace_id: workspace });
    expect(only(json, "azurerm_monitor_data_collection_rule_association").target_resource_id).toBe(
      "${azurerm_kubernetes_cluster.Cluster_EB0386A7.id}",
    );
  });

  test("sends control-plane audit logs to the workspace (MON-2)", () => {
    const setting = only(json, "azurerm_monitor_diagnostic_setting");
    expect(setting.target_resource_id).toBe("${azurerm_kubernetes_cluster.Cluster_EB0386A7.id}");
    expect(setting.enabled_log.map((l: { category: string }) => l.category)).toEqual(
      expect.arrayContaining(["kube-audit-admin", "guard", "kube-apiserver"]),
    );
  });

  test("creates its own protected workspace when none is given", () => {
    expect(only(json, "azurerm_log_analytics_workspace")).toMatchObject({
      name: "log-aks-test",
      local_authentication_enabled: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("enables Azure Policy and assigns the Pod Security restricted initiative in deny mode (POL-1)", () => {
    expect(aks.azure_policy_enabled).toBe(true);
    const assignment = only(json, "azurerm_resource_policy_assignment");
    expect(assignment.resource_id).toBe("${azurerm_kubernetes_cluster.Cluster_EB0386A7.id}");
    expect(assignment.policy_definition_id).toBe(POD_SECURITY_RESTRICTED_INITIATIVE_ID);
    expect(JSON.parse(assignment.parameters)).toEqual({
      effect: { value: "deny" },
      excludedNamespaces: { value: ["kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"] },
    });
  });

  test("cleans stale images from nodes (IMG-2)", () => {
    expect(aks.image_cleaner_enabled).toBe(true);
    expect(aks.image_cleaner_interval_hours).toBe(168);
  });

  test("does not turn on the subscription-wide Defender plan unless asked", () => {
    expect(resources(json, "azurerm_security_center_subscription_pricing")).toHaveLength(0);
  });
});

describe("HardenedCluster user pools", () => {
  test("hardens user pools like the system pool and leaves versions and counts to the platform", () => {
    const { json } = defaultCluster();
    const pool = only(json, "azurerm_kubernetes_cluster_node_pool");
    expect(pool).toMatchObject({
      name: "apps",
      mode: "User",
      kubernetes_cluster_id: "${azurerm_kubernetes_cluster.Cluster_EB0386A7.id}",
      vnet_subnet_id: "${azurerm_subnet.Network_userNodesSubnet_92F51B12.id}",
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 10,
      zones: ["1", "2", "3"],
      node_public_ip_enabled: false,
      os_disk_type: "Ephemeral",
      os_sku: "AzureLinux",
      temporary_name_for_rotation: "appstmp",
      upgrade_settings: { max_surge: "33%", drain_timeout_in_minutes: 30 },
    });
    expect(pool.lifecycle.ignore_changes).toEqual(expect.arrayContaining(["node_count", "orchestrator_version"]));
  });

  test("addNodePool adds pools with their own sizing and taints", () => {
    const stack = testStack();
    const cluster = testCluster(stack);
    const batch = cluster.addNodePool("batch", { vmSize: "Standard_D8ds_v5", minCount: 0, maxCount: 20, taints: ["dedicated=batch:NoSchedule"] });
    expect(batch.poolName).toBe("batch");
    const pools = resources(synth(stack), "azurerm_kubernetes_cluster_node_pool");
    expect(pools.find((p) => p.name === "batch")).toMatchObject({
      vm_size: "Standard_D8ds_v5",
      min_count: 0,
      max_count: 20,
      node_taints: ["dedicated=batch:NoSchedule"],
    });
  });

  test("fails synthesis without any user pool, saying how to add one", () => {
    const stack = testStack();
    testCluster(stack, { userPools: {} });
    expect(() => synth(stack)).toThrow(/no user node pool.*Pass userPools or call addNodePool/);
  });

  test("rejects a pool name already used, including the system pool's rotation name", () => {
    const stack = testStack();
    const cluster = testCluster(stack);
    expect(() => cluster.addNodePool("apps", { vmSize: "Standard_D4ds_v5" })).toThrow(/addNodePool name 'apps' collides with the pool 'apps' \(userPools\.apps\)/);
    expect(() => cluster.addNodePool("systemtmp", { vmSize: "Standard_D4ds_v5" })).toThrow(/addNodePool name 'systemtmp' collides with the system pool's rotation pool 'systemtmp'/);
    expect(() => cluster.addNodePool("system", { vmSize: "Standard_D4ds_v5" })).toThrow(/addNodePool name 'system' collides with the system pool 'system'/);
  });
});

describe("HardenedCluster opt-outs and options", () => {
  test("a public API server carries its authorized ranges (API-2)", () => {
    const { json } = defaultCluster({ apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["203.0.113.0/24"]) });
    const aks = only(json, CLUSTER);
    expect(aks.private_cluster_enabled).toBe(false);
    expect(aks.api_server_access_profile).toEqual({ authorized_ip_ranges: ["203.0.113.0/24"] });
  });

  test("a private cluster can use a private DNS zone the user manages", () => {
    const zone = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io";
    const { json } = defaultCluster({ apiServerAccess: ApiServerAccess.privateOnly(zone) });
    expect(only(json, CLUSTER).private_dns_zone_id).toBe(zone);
  });

  test("the node-image channel owns no Kubernetes version, so versions are not ignored", () => {
    const { json } = defaultCluster({ automaticUpgradeChannel: "node-image" });
    const ignored = only(json, CLUSTER).lifecycle.ignore_changes;
    expect(ignored).toEqual(["default_node_pool[0].node_count"]);
    expect(only(json, "azurerm_kubernetes_cluster_node_pool").lifecycle.ignore_changes).toEqual(["node_count"]);
  });

  test("calico on the Azure data plane is an option, without ACNS (NET-6's opt-out)", () => {
    const { json } = defaultCluster({ networkPolicy: "calico", withoutAdvancedNetworking: { reason: "Calico policies shared with the on-premises clusters" } });
    expect(only(json, CLUSTER).network_profile).toMatchObject({ network_policy: "calico", network_data_plane: "azure" });
    expect(only(json, CLUSTER).network_profile.advanced_networking).toBeUndefined();
  });

  // azurerm v4.55.0 internal/services/containers/kubernetes_cluster_resource.go: the
  // advanced_networking block (L1305-1326) is Optional with both booleans Default false and
  // not ForceNew; resourceKubernetesClusterUpdate (L2313-2315) sends the block on
  // d.HasChange("network_profile.0.advanced_networking"), and
  // expandKubernetesClusterAdvancedNetworking (L3569-3599) sends Enabled=false when the block
  // is removed. So turning ACNS on for an existing cluster, or opting out, updates it in
  // place. The CustomizeDiff (L130-140) refuses the block unless network_data_plane is
  // 'cilium' and network_plugin 'azure', which the library's defaults are.
  test("Advanced Container Networking Services are on by default: security and observability (NET-6)", () => {
    const { stack, json } = defaultCluster();
    expect(only(json, CLUSTER).network_profile).toEqual(
      expect.objectContaining({
        network_plugin: "azure",
        network_data_plane: "cilium",
        advanced_networking: { security_enabled: true, observability_enabled: true },
      }),
    );
    expect(Compliance.acknowledgementsOf(stack).filter((a) => a.ruleId === "NET-6")).toEqual([]);
  });

  test("withoutAdvancedNetworking leaves ACNS off and records its reason as NET-6's acknowledgement on the cluster", () => {
    const reason = "throwaway load-test cluster, deleted after the run";
    const { stack, cluster, json } = defaultCluster({ withoutAdvancedNetworking: { reason } });
    expect(only(json, CLUSTER).network_profile.advanced_networking).toBeUndefined();
    expect(only(json, CLUSTER).network_profile).toEqual(expect.objectContaining({ network_data_plane: "cilium", network_policy: "cilium" }));
    expect(Compliance.acknowledgementsOf(stack)).toEqual([expect.objectContaining({ ruleId: "NET-6", reason, scopePath: cluster.resource.node.path })]);
  });

  test("NET-6 passes on the default cluster, and reports the opt-out as acknowledged with its reason, not as a failure", () => {
    const net6 = (stack: ReturnType<typeof testStack>) => Compliance.evaluate(stack).rules.find((r) => r.rule.id === "NET-6")!;
    expect(net6(defaultCluster().stack).status).toBe("pass");
    const reason = "Calico policies shared with the on-premises clusters";
    const result = net6(defaultCluster({ networkPolicy: "calico", withoutAdvancedNetworking: { reason } }).stack);
    expect(result.status).toBe("acknowledged");
    expect(result.resources).toEqual([
      expect.objectContaining({
        status: "acknowledged",
        problems: [expect.stringMatching(/^has no network_profile\.advanced_networking block/)],
        acknowledgement: expect.objectContaining({ ruleId: "NET-6", reason }),
      }),
    ]);
  });

  test("the Pod Security initiative can be set to audit", () => {
    const { json } = defaultCluster({ podSecurityPolicyEffect: "audit" });
    expect(JSON.parse(only(json, "azurerm_resource_policy_assignment").parameters).effect).toEqual({ value: "audit" });
  });

  test("the subscription's Defender for Containers plan is turned on when asked", () => {
    const { json } = defaultCluster({ enableDefenderPlan: true });
    expect(only(json, "azurerm_security_center_subscription_pricing")).toMatchObject({ tier: "Standard", resource_type: "Containers" });
  });

  test("uses a workspace the user passes instead of creating one", () => {
    const stack = testStack();
    const monitoring = new ClusterMonitoring(stack, "SharedMonitoring", { ...PLACEMENT, workspaceName: "log-shared" });
    testCluster(stack, { monitoring });
    const json = synth(stack);
    expect(resources(json, "azurerm_log_analytics_workspace")).toHaveLength(1);
    expect(only(json, CLUSTER).oms_agent.log_analytics_workspace_id).toBe("${azurerm_log_analytics_workspace.SharedMonitoring_20006B7F.id}");
  });

  test("with an AKS-managed DNS zone and a brought network that uses one subnet for all nodes, grants Network Contributor on that subnet once", () => {
    const stack = testStack();
    const subnet = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes";
    const network = ClusterNetwork.fromExisting({
      virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
      systemNodesSubnetId: subnet,
      userNodesSubnetId: subnet,
      addressSpaces: ["10.1.0.0/16"],
    });
    testCluster(stack, { network, apiServerAccess: ApiServerAccess.privateWithAksManagedDnsZone() });
    const json = synth(stack);
    const grants = resources(json, "azurerm_role_assignment").filter((r) => r.role_definition_name === "Network Contributor");
    expect(grants).toEqual([expect.objectContaining({ scope: subnet })]);
    expect(only(json, CLUSTER).private_dns_zone_id).toBe("System");
    expect(resources(json, "azurerm_private_dns_zone")).toHaveLength(0);
  });

  test("a DNS zone the user manages gets the control plane's DNS and network roles, and no zone is created", () => {
    const zone = "/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io";
    const { json } = defaultCluster({ apiServerAccess: ApiServerAccess.privateOnly(zone) });
    expect(resources(json, "azurerm_private_dns_zone")).toHaveLength(0);
    expect(resources(json, "azurerm_role_assignment")).toEqual(
      expect.arrayContaining([expect.objectContaining({ role_definition_name: "Private DNS Zone Contributor", scope: zone })]),
    );
  });

  test("a public API server creates no private DNS zone and grants Network Contributor on the node subnets", () => {
    const { json } = defaultCluster({ apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["203.0.113.0/24"]) });
    expect(resources(json, "azurerm_private_dns_zone")).toHaveLength(0);
    const scopes = resources(json, "azurerm_role_assignment")
      .filter((r) => r.role_definition_name === "Network Contributor")
      .map((r) => r.scope);
    expect(scopes).toEqual(["${azurerm_subnet.Network_systemNodesSubnet_50CC6918.id}", "${azurerm_subnet.Network_userNodesSubnet_92F51B12.id}"]);
    expect(only(json, CLUSTER).private_dns_zone_id).toBeUndefined();
  });

  test("uses the upgrade windows the user gives", () => {
    const { json } = defaultCluster({
      upgradeWindow: { dayOfWeek: "Wednesday", startTime: "22:30", durationHours: 6, utcOffset: "+01:00" },
    });
    expect(only(json, CLUSTER).maintenance_window_auto_upgrade).toMatchObject({
      day_of_week: "Wednesday",
      start_time: "22:30",
      duration: 6,
      utc_offset: "+01:00",
    });
  });
});

describe("HardenedCluster rejects bad input at construct time", () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ["a cluster name with bad characters", { name: "aks_test!" }, /name must be 1-63 letters.*got 'aks_test!'/],
    ["a cluster name that is too long", { name: "a".repeat(64) }, /name must be 1-63/],
    ["a DNS prefix with underscores", { dnsPrefix: "aks_test" }, /dnsPrefix must be 1-54 letters, digits or hyphens.*got 'aks_test'/],
    ["a DNS prefix ending in a hyphen", { dnsPrefix: "aks-" }, /dnsPrefix must be/],
    ["a tenant id that is not a GUID", { tenantId: "contoso" }, /tenantId must be a GUID.*got 'contoso'/],
    ["an empty admin group list", { adminGroupObjectIds: [] }, /adminGroupObjectIds must not be empty: local accounts are disabled/],
    ["an admin group id that is not a GUID", { adminGroupObjectIds: ["admins"] }, /adminGroupObjectIds\[0\] must be a GUID/],
    ["a Kubernetes version with a v", { kubernetesVersion: "v1.33" }, /kubernetesVersion must be a Kubernetes version as MAJOR.MINOR.*got 'v1.33'/],
    ["a Kubernetes version with one part", { kubernetesVersion: "1" }, /kubernetesVersion must be/],
    ["a service CIDR with host bits", { serviceCidr: "10.0.0.1/16" }, /serviceCidr must be an IPv4 CIDR with no host bits set.*got '10.0.0.1\/16'/],
    ["a pod CIDR that is not a CIDR", { podCidr: "pods" }, /podCidr must be an IPv4 CIDR/],
    ["a DNS service IP outside the service CIDR", { dnsServiceIp: "10.1.0.10" }, /dnsServiceIp must lie inside serviceCidr '10.0.0.0\/16'; got '10.1.0.10'/],
    ["a DNS service IP that is the network address", { dnsServiceIp: "10.0.0.0" }, /dnsServiceIp must not be the network or broadcast address/],
    ["a service CIDR overlapping the pod CIDR", { serviceCidr: "10.244.0.0/16" }, /serviceCidr '10.244.0.0\/16' overlaps podCidr '10.244.0.0\/16'/],
    ["a pod CIDR overlapping the VNet", { podCidr: "10.240.0.0/12" }, /podCidr '10.240.0.0\/12' overlaps the network's address space '10.240.0.0\/16'/],
    ["a public API server open to everyone", { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["0.0.0.0/0"]) }, /must not contain or add up to a catch-all range; got '0.0.0.0\/0'/],
    ["a public API server open to all of IPv6", { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["10.0.0.0/8", "::/0"]) }, /catch-all range; got '::\/0'/],
    ["a public API server with a wildcard", { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["*"]) }, /catch-all range; got '\*'/],
    ["a public API server with no ranges", { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges([]) }, /must list at least one range/],
    ["an authorized range that is not an address", { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["office"]) }, /must be IPv4 addresses or CIDRs with no host bits set, or IPv6 addresses or CIDRs; got .office./],
    ["cilium policy on the Azure data plane", { networkPolicy: "cilium", networkDataplane: "azure" }, /networkPolicy 'cilium' needs networkDataplane 'cilium'/],
    ["the Cilium data plane with calico", { networkPolicy: "calico", networkDataplane: "cilium" }, /networkPolicy must be 'cilium'; got 'calico'/],
    ["a system pool min above max", { systemPool: { minCount: 5, maxCount: 3 } }, /systemPool.minCount \(5\) must not be greater than systemPool.maxCount \(3\)/],
    ["a system pool of zero nodes", { systemPool: { minCount: 0 } }, /systemPool.minCount must be a whole number from 1/],
    ["a zone outside 1-3", { systemPool: { zones: ["1", "4"] } }, /systemPool.zones entries must be '1', '2' or '3'.*got '4'/],
    ["a repeated zone", { systemPool: { zones: ["1", "1"] } }, /lists zone '1' twice/],
    ["max pods above the CNI's range", { systemPool: { maxPods: 251 } }, /systemPool.maxPods must be a whole number from 10 to 250.*got 251/],
    ["max pods below the CNI's range", { systemPool: { maxPods: 5 } }, /systemPool.maxPods must be a whole number from 10 to 250/],
    ["a system pool name with capitals", { systemPool: { name: "System" } }, /systemPool.name must be 1-12 lowercase letters or digits.*got 'System'/],
    ["a bad max surge", { systemPool: { maxSurge: "lots" } }, /systemPool.maxSurge must be a node count/],
    ["a user pool name that is too long", { userPools: { applicationpool: { vmSize: "Standard_D4ds_v5" } } }, /userPools key must be 1-12 lowercase.*got 'applicationpool'/],
    ["a user pool min above max", { userPools: { apps: { vmSize: "Standard_D4ds_v5", minCount: 11, maxCount: 10 } } }, /userPools.apps.minCount \(11\) must not be greater than userPools.apps.maxCount \(10\)/],
    ["a user pool with max pods out of range", { userPools: { apps: { vmSize: "Standard_D4ds_v5", maxPods: 300 } } }, /userPools.apps.maxPods must be a whole number from 10 to 250/],
    ["a maintenance window shorter than 4 hours", { upgradeWindow: { dayOfWeek: "Sunday", startTime: "00:00", durationHours: 2 } }, /upgradeWindow.durationHours must be a whole number from 4 to 24/],
    ["a maintenance window start that is not HH:mm", { nodeOsWindow: { dayOfWeek: "Sunday", startTime: "25:00" } }, /nodeOsWindow.startTime must be a time of day as HH:mm.*got '25:00'/],
    ["an image cleaner interval out of range", { imageCleanerIntervalHours: 1 }, /imageCleanerIntervalHours must be a whole number from 24 to 2160/],
  ];

  test.each(cases)("rejects %s", (_name, overrides, message) => {
    const stack = testStack();
    expect(() => testCluster(stack, overrides)).toThrow(message);
  });

  test("errors say where the construct is", () => {
    const stack = testStack();
    expect(() => testCluster(stack, { name: "bad name" })).toThrow(/\(at test\/Cluster\)$/);
  });
});

describe("HardenedCluster with unresolved values", () => {
  test("does not check or crash on tokens, and passes them through", () => {
    const stack = testStack();
    const str = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const list = (name: string) => new TerraformVariable(stack, name, { type: "list(string)" }).listValue;
    const network = testNetwork(stack);
    testCluster(stack, {
      name: str("cluster_name"),
      dnsPrefix: str("dns_prefix"),
      tenantId: str("tenant_id"),
      adminGroupObjectIds: list("admins"),
      kubernetesVersion: str("k8s_version"),
      serviceCidr: str("service_cidr"),
      podCidr: str("pod_cidr"),
      dnsServiceIp: str("dns_ip"),
      apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(list("ranges")),
      systemPool: { maxPods: new TerraformVariable(stack, "max_pods", { type: "number" }).numberValue },
      network,
    });
    const aks = only(synth(stack), CLUSTER);
    expect(aks.name).toBe("${var.cluster_name}");
    expect(aks.kubernetes_version).toBe("${var.k8s_version}");
    expect(aks.network_profile.service_cidr).toBe("${var.service_cidr}");
    expect(aks.api_server_access_profile.authorized_ip_ranges).toBe("${var.ranges}");
    expect(aks.default_node_pool.max_pods).toBe("${var.max_pods}");
  });
});

describe("HardenedCluster derived names", () => {
  test("a 63-character cluster name still gives Azure-valid names to what the cluster creates", () => {
    const name = `aks-${"x".repeat(58)}1`;
    expect(name).toHaveLength(63);
    const stack = testStack();
    testCluster(stack, { name });
    const json = synth(stack);
    expect(only(json, "azurerm_log_analytics_workspace").name).toBe(`log-${name}`.slice(0, 63));
    expect(only(json, "azurerm_monitor_data_collection_rule").name.length).toBeLessThanOrEqual(64);
    expect(only(json, "azurerm_monitor_data_collection_rule").name).not.toMatch(/-$/);
  });
});

test("the default DNS prefix is the cluster name made valid for DNS", () => {
  const { json } = defaultCluster({ name: "aks_team_a" });
  expect(only(json, "azurerm_kubernetes_cluster").dns_prefix).toBe("aks-team-a");
});

describe("HardenedCluster egress and ingress", () => {
  function perimeterCluster() {
    const stack = testStack();
    const network = testNetwork(stack);
    const monitoring = ClusterMonitoring.fromExistingWorkspace("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log");
    const route = new EgressRoute(stack, "EgressRoute", {
      ...PLACEMENT,
      name: "rt-egress",
      firewallPrivateIp: "10.200.0.4",
      subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId],
    });
    const ingress = new WafIngress(stack, "Ingress", { ...PLACEMENT, name: "agw-test", subnetId: network.applicationGatewaySubnetId, monitoring });
    testCluster(stack, { network, monitoring, egress: ClusterEgress.throughFirewall(route), ingress });
    return synth(stack);
  }
  const json = perimeterCluster();
  const aks = only(json, CLUSTER);

  test("sends all egress through the firewall route and waits for the route to be in place (EGR-1)", () => {
    expect(aks.network_profile.outbound_type).toBe("userDefinedRouting");
    const associations = Object.keys(json.resource.azurerm_subnet_route_table_association).map((k) => `azurerm_subnet_route_table_association.${k}`);
    expect(associations).toHaveLength(2);
    expect(aks.depends_on).toEqual(expect.arrayContaining(associations));
  });

  test("the load balancer opt-out is explicit and leaves no route dependency", () => {
    const { json: lb } = defaultCluster({ egress: ClusterEgress.loadBalancerUnrestricted() });
    const cluster = only(lb, CLUSTER);
    expect(cluster.network_profile.outbound_type).toBe("loadBalancer");
    expect(cluster.depends_on.filter((d: string) => d.startsWith("azurerm_subnet_route_table_association."))).toEqual([]);
    expect(cluster.depends_on.length).toBeGreaterThan(0);
  });

  test("turns on the ingress controller add-on for the WAF gateway (ING-1)", () => {
    expect(aks.ingress_application_gateway).toEqual({ gateway_id: "${azurerm_application_gateway.Ingress_0D3F461F.id}" });
  });

  test("grants the ingress controller exactly its three roles (ING-4)", () => {
    const agic = "${azurerm_kubernetes_cluster.Cluster_EB0386A7.ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id}";
    const grants = resources(json, "azurerm_role_assignment")
      .filter((r) => r.principal_id === agic)
      .map((r) => [r.role_definition_name, r.scope]);
    expect(grants).toHaveLength(3);
    expect(grants).toEqual(
      expect.arrayContaining([
        ["Contributor", "${azurerm_application_gateway.Ingress_0D3F461F.id}"],
        ["Reader", '${join("/", slice(split("/", azurerm_application_gateway.Ingress_0D3F461F.id), 0, 5))}'],
        ["Network Contributor", "${azurerm_subnet.Network_applicationGatewaySubnet_EEDBCA2D.id}"],
      ]),
    );
  });

  test("without ingress there is no add-on and no controller role", () => {
    const { json: plain } = defaultCluster();
    expect(only(plain, CLUSTER).ingress_application_gateway).toBeUndefined();
    expect(resources(plain, "azurerm_role_assignment").some((r) => String(r.principal_id).includes("ingress_application_gateway"))).toBe(false);
  });
});

describe("HardenedCluster secrets and keys", () => {
  function cmkCluster(overrides = {}) {
    const stack = testStack();
    const network = testNetwork(stack);
    const vault = testVault(stack, { privateEndpointSubnetId: network.privateEndpointsSubnetId, virtualNetworkIds: [network.virtualNetworkId] });
    testCluster(stack, { network, encryption: ClusterEncryption.customerManagedKeys(vault), ...overrides });
    return synth(stack);
  }
  const json = cmkCluster();
  const aks = only(json, CLUSTER);
  const controlPlane = "${azurerm_user_assigned_identity.Cluster_ControlPlaneIdentity_A3822C9C.principal_id}";

  test("mounts Key Vault secrets through the CSI driver with rotation, whatever the keys (SEC-1)", () => {
    expect(aks.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "2m" });
    const { json: platform } = defaultCluster();
    expect(only(platform, CLUSTER).key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "2m" });
  });

  test("encrypts etcd with its own KMS key in the private vault, reached through API server VNet integration (SEC-3)", () => {
    const keys = resources(json, "azurerm_key_vault_key");
    const etcd = keys.find((k) => k.name === "aks-test-etcd")!;
    expect(etcd).toMatchObject({ key_size: 3072, key_opts: expect.arrayContaining(["wrapKey", "unwrapKey"]) });
    expect(aks.key_management_service).toEqual({
      key_vault_key_id: expect.stringMatching(/^\$\{data\.azurerm_key_vault_key\.Cluster_EtcdKey_LatestVersion_[0-9A-F]+\.id\}$/),
      key_vault_network_access: "Private",
    });
    expect(aks.api_server_access_profile).toEqual({
      virtual_network_integration_enabled: true,
      subnet_id: "${azurerm_subnet.Network_apiServerSubnet_873AEAE4.id}",
    });
  });

  test("encrypts node disks with a disk encryption set and every host (SEC-4)", () => {
    expect(aks.disk_encryption_set_id).toBe("${azurerm_disk_encryption_set.Cluster_DiskEncryption_074AB319.id}");
    expect(aks.default_node_pool.host_encryption_enabled).toBe(true);
    expect(only(json, "azurerm_kubernetes_cluster_node_pool").host_encryption_enabled).toBe(true);
  });

  test("grants the control plane the KMS and disk roles and waits for them", () => {
    const grants = resources(json, "azurerm_role_assignment").filter((r) => r.principal_id === controlPlane);
    const roles = grants.map((g) => g.role_definition_name);
    expect(roles).toEqual(expect.arrayContaining(["Key Vault Crypto User", "Key Vault Contributor", "Reader"]));
    expect(grants.find((g) => g.role_definition_name === "Reader")!.scope).toBe("${azurerm_disk_encryption_set.Cluster_DiskEncryption_074AB319.id}");
    const grantAddresses = Object.entries(json.resource.azurerm_role_assignment)
      .filter(([, r]) => (r as { principal_id: string }).principal_id === controlPlane)
      .map(([k]) => `azurerm_role_assignment.${k}`);
    expect(aks.depends_on).toEqual(expect.arrayContaining(grantAddresses));
  });

  test("with an AKS-managed DNS zone, grants Network Contributor on the API server subnet too", () => {
    const withSystemZone = cmkCluster({ apiServerAccess: ApiServerAccess.privateWithAksManagedDnsZone() });
    const scopes = resources(withSystemZone, "azurerm_role_assignment")
      .filter((r) => r.role_definition_name === "Network Contributor")
      .map((r) => r.scope);
    expect(scopes).toContain("${azurerm_subnet.Network_apiServerSubnet_873AEAE4.id}");
  });

  test("platform-managed keys are the explicit opt-out: no KMS, no disk encryption set, host encryption still on", () => {
    const { json: platform } = defaultCluster();
    const cluster = only(platform, CLUSTER);
    expect(cluster.key_management_service).toBeUndefined();
    expect(cluster.disk_encryption_set_id).toBeUndefined();
    expect(cluster.api_server_access_profile).toBeUndefined();
    expect(cluster.default_node_pool.host_encryption_enabled).toBe(true);
  });

  test("host encryption can be turned off, on every pool", () => {
    const { json: off } = defaultCluster({ hostEncryptionEnabled: false });
    expect(only(off, CLUSTER).default_node_pool.host_encryption_enabled).toBe(false);
    expect(only(off, "azurerm_kubernetes_cluster_node_pool").host_encryption_enabled).toBe(false);
  });

  test("customer-managed keys on a brought network without an API server subnet are rejected with the fix", () => {
    const stack = testStack();
    const vault = testVault(stack);
    const network = ClusterNetwork.fromExisting({
      virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
      systemNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a",
      userNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/b",
    });
    expect(() => testCluster(stack, { network, encryption: ClusterEncryption.customerManagedKeys(vault) })).toThrow(
      /network.apiServerSubnetId is required with customer-managed keys: KMS reaches a private vault only through API server VNet integration/,
    );
  });
});

test("names the API server's DNS zone after the region's programmatic name, also for a display-name location", () => {
  const { json } = defaultCluster({ location: "West Europe" });
  expect(only(json, "azurerm_private_dns_zone").name).toBe("privatelink.westeurope.azmk8s.io");
});

describe("ApiServerAccess binds itself to the cluster", () => {
  const ZONE = "/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io";
  const API_SUBNET = "${azurerm_subnet.Network_apiServerSubnet_873AEAE4.id}";
  const NODE_SUBNETS = ["${azurerm_subnet.Network_systemNodesSubnet_50CC6918.id}", "${azurerm_subnet.Network_userNodesSubnet_92F51B12.id}"].sort();

  function bound(overrides: Record<string, unknown> = {}, customerManagedKeys = false) {
    const stack = testStack();
    const network = testNetwork(stack);
    const vault = testVault(stack, { privateEndpointSubnetId: network.privateEndpointsSubnetId, virtualNetworkIds: [network.virtualNetworkId] });
    const encryption = customerManagedKeys ? ClusterEncryption.customerManagedKeys(vault) : ClusterEncryption.platformManagedKeys();
    const cluster = testCluster(stack, { network, encryption, ...overrides });
    const json = synth(stack);
    const networkScopes = resources(json, "azurerm_role_assignment")
      .filter((r) => r.role_definition_name === "Network Contributor" && r.principal_id === "${azurerm_user_assigned_identity.Cluster_ControlPlaneIdentity_A3822C9C.principal_id}")
      .map((r) => r.scope)
      .sort();
    const apiServerZones = resources(json, "azurerm_private_dns_zone").filter((z) => z.name.endsWith(".azmk8s.io"));
    return { cluster, json, aks: only(json, CLUSTER), networkScopes, apiServerZones, vnet: ref(json, "azurerm_virtual_network") };
  }

  test("the default creates its zone in the cluster's scope and exposes it", () => {
    const { cluster, aks, networkScopes, apiServerZones, vnet } = bound();
    expect(cluster.apiServerDnsZone).toBeDefined();
    expect(cluster.node.tryFindChild("ApiServerDnsZone")).toBe(cluster.apiServerDnsZone);
    expect(apiServerZones).toHaveLength(1);
    expect(aks.private_dns_zone_id).toBe("${azurerm_private_dns_zone.Cluster_ApiServerDnsZone_464FA0E0.id}");
    expect(networkScopes).toEqual([vnet]);
  });

  test("an AKS-managed zone: 'System', nothing created, the node subnets joined", () => {
    const { cluster, json, aks, networkScopes, apiServerZones } = bound({ apiServerAccess: ApiServerAccess.privateWithAksManagedDnsZone() });
    expect(aks.private_dns_zone_id).toBe("System");
    expect(cluster.apiServerDnsZone).toBeUndefined();
    expect(apiServerZones).toHaveLength(0);
    expect(resources(json, "azurerm_role_assignment").some((r) => r.role_definition_name === "Private DNS Zone Contributor")).toBe(false);
    expect(networkScopes).toEqual(NODE_SUBNETS);
  });

  test("no private zone: 'None', public FQDN still off, nothing created, the node subnets joined", () => {
    const { aks, networkScopes, apiServerZones } = bound({ apiServerAccess: ApiServerAccess.privateWithoutPrivateDnsZone() });
    expect(aks).toMatchObject({ private_cluster_enabled: true, private_cluster_public_fqdn_enabled: false, private_dns_zone_id: "None" });
    expect(apiServerZones).toHaveLength(0);
    expect(networkScopes).toEqual(NODE_SUBNETS);
  });

  test.each([
    ["System", () => ApiServerAccess.privateWithAksManagedDnsZone()],
    ["None", () => ApiServerAccess.privateWithoutPrivateDnsZone()],
  ])("privateOnly(%j) still means the typed factory", (mode, factory) => {
    expect(bound({ apiServerAccess: ApiServerAccess.privateOnly(mode) }).json).toEqual(bound({ apiServerAccess: factory() }).json);
    expect(ApiServerAccess.privateOnly(mode).privateDnsZoneId).toBe(mode);
  });

  test.each([
    ["system", /got 'system'\. Use ApiServerAccess\.privateWithAksManagedDnsZone\(\)/],
    ["none", /got 'none'\. Use ApiServerAccess\.privateWithoutPrivateDnsZone\(\)/],
    ["privatelink.westeurope.azmk8s.io", /must be the resource id of a private DNS zone .*got 'privatelink\.westeurope\.azmk8s\.io'\. Pass the id of your zone/],
  ])("rejects %j as a zone id, with the fix", (zone, message) => {
    expect(() => bound({ apiServerAccess: ApiServerAccess.privateOnly(zone) })).toThrow(message);
  });

  test("passes a token zone id through unchecked", () => {
    const stack = testStack();
    const zone = new TerraformVariable(stack, "zone", { type: "string" }).stringValue;
    testCluster(stack, { apiServerAccess: ApiServerAccess.privateOnly(zone) });
    expect(only(synth(stack), CLUSTER).private_dns_zone_id).toBe("${var.zone}");
  });

  test("customer-managed keys ask a public API server for VNet integration too, beside its ranges", () => {
    const { aks, networkScopes } = bound({ apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["203.0.113.0/24"]) }, true);
    expect(aks.api_server_access_profile).toEqual({
      authorized_ip_ranges: ["203.0.113.0/24"],
      virtual_network_integration_enabled: true,
      subnet_id: API_SUBNET,
    });
    expect(networkScopes).toEqual([...NODE_SUBNETS, API_SUBNET].sort());
  });

  test("with a zone AKS links to the network, the network's role covers the API server subnet", () => {
    const { aks, networkScopes, vnet } = bound({ apiServerAccess: ApiServerAccess.privateOnly(ZONE) }, true);
    expect(aks.api_server_access_profile).toEqual({ virtual_network_integration_enabled: true, subnet_id: API_SUBNET });
    expect(networkScopes).toEqual([vnet]);
  });
});

describe("ClusterEncryption binds itself to the cluster", () => {
  test("customer-managed keys create the key and the set as the cluster's children, and the cluster exposes them", () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const vault = testVault(stack, { privateEndpointSubnetId: network.privateEndpointsSubnetId, virtualNetworkIds: [network.virtualNetworkId] });
    const cluster = testCluster(stack, { network, encryption: ClusterEncryption.customerManagedKeys(vault, { keySize: 4096 }) });
    expect(cluster.node.tryFindChild("EtcdKey")).toBe(cluster.etcdKey);
    expect(cluster.node.tryFindChild("DiskEncryption")).toBe(cluster.diskEncryption);
    const keys = resources(synth(stack), "azurerm_key_vault_key");
    expect(keys.map((k) => [k.name, k.key_size]).sort()).toEqual([
      ["aks-test-etcd", 4096],
      [expect.stringContaining("des-aks-test"), 4096],
    ]);
  });

  test("platform-managed keys create nothing and expose nothing", () => {
    const stack = testStack();
    const cluster = testCluster(stack);
    expect(cluster.etcdKey).toBeUndefined();
    expect(cluster.diskEncryption).toBeUndefined();
    expect(resources(synth(stack), "azurerm_key_vault_key")).toHaveLength(0);
  });
});
