// Every rule both ways on synthesized stacks: it passes on the library's defaults, and it
// fails with a message naming the resource, the rule, the problem and the fix when its
// attribute is weakened, through a prop where one exists and through an escape-hatch override.
import { TerraformResource, type TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import {
  ApiServerAccess,
  ClusterMonitoring,
  ControlPlaneLogs,
  HARDENED_AKS_RULES,
  type HardenedCluster,
  type HardenedClusterProps,
} from "hardened-aks";
import { clusterStack, evaluate, failingRules, ruleResult, violationsOf } from "./compliance-helpers";

type Weaken = (cluster: HardenedCluster, stack: TerraformStack) => void;

/** One way to weaken a rule's control, and what the failure must say. */
interface Weakening {
  readonly how: string;
  readonly props?: Partial<HardenedClusterProps>;
  readonly weaken?: Weaken;
  /** The problem text the rule reports. */
  readonly problem: RegExp;
  /** Address of the resource that fails. */
  readonly resource: RegExp;
  /** Other rules the same change fails too. */
  readonly alsoFails?: readonly string[];
}

const CLUSTER = /^azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}$/;
const APPS_POOL = /^azurerm_kubernetes_cluster_node_pool\.Cluster_NodePool-apps_[0-9A-F]{8}$/;

const apps = (cluster: HardenedCluster) => cluster.nodePools.apps.resource;
const override = (path: string, value: unknown): Weaken => (cluster) => cluster.resource.addOverride(path, value);

const WEAKENINGS: Readonly<Record<string, readonly Weakening[]>> = {
  "IAM-1": [
    { how: "override azure_rbac_enabled", weaken: override("azure_active_directory_role_based_access_control.azure_rbac_enabled", false), problem: /azure_rbac_enabled is false; it must be true/, resource: CLUSTER },
    { how: "override role_based_access_control_enabled", weaken: override("role_based_access_control_enabled", false), problem: /role_based_access_control_enabled is false/, resource: CLUSTER },
  ],
  "IAM-2": [{ how: "override local_account_disabled", weaken: override("local_account_disabled", false), problem: /local_account_disabled is false; it must be true/, resource: CLUSTER }],
  "IAM-3": [
    { how: "override identity.type", weaken: override("identity.type", "SystemAssigned"), problem: /identity\.type is 'SystemAssigned'; it must be 'UserAssigned'/, resource: CLUSTER },
    { how: "override with a service principal", weaken: override("service_principal", { client_id: "app", client_secret: "s3cret" }), problem: /has a service_principal block/, resource: CLUSTER },
  ],
  "IAM-4": [{ how: "override workload_identity_enabled", weaken: override("workload_identity_enabled", false), problem: /workload_identity_enabled is false/, resource: CLUSTER }],
  "IAM-5": [
    {
      how: "a Contributor role assignment on the resource group",
      weaken: (_cluster, stack) =>
        new RoleAssignment(stack, "BroadGrant", { scope: "${azurerm_resource_group.Group.id}", roleDefinitionName: "Contributor", principalId: "p" }),
      problem: /grants Contributor at resource group scope/,
      resource: /^azurerm_role_assignment\.BroadGrant$/,
    },
    {
      how: "override a grant of the cluster to Owner on the subscription",
      weaken: (cluster) => {
        const grant = cluster.node.findAll().find((c): c is RoleAssignment => c instanceof RoleAssignment)!;
        grant.addOverride("role_definition_name", "Owner");
        grant.addOverride("scope", "/subscriptions/00000000-0000-0000-0000-000000000000");
      },
      problem: /grants Owner at subscription scope/,
      resource: /^azurerm_role_assignment\.Cluster_/,
    },
  ],
  "API-1": [
    { how: "prop apiServerAccess public with authorized ranges", props: { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["203.0.113.0/24"]) }, problem: /private_cluster_enabled is false; it must be true/, resource: CLUSTER },
    { how: "override private_cluster_public_fqdn_enabled", weaken: override("private_cluster_public_fqdn_enabled", true), problem: /private_cluster_public_fqdn_enabled is true; it must be false/, resource: CLUSTER },
  ],
  "API-2": [
    {
      how: "prop public with ranges, then a catch-all added by override",
      props: { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["203.0.113.0/24"]) },
      weaken: override("api_server_access_profile.authorized_ip_ranges", ["0.0.0.0/0"]),
      problem: /contains the catch-all '0\.0\.0\.0\/0'/,
      resource: CLUSTER,
      alsoFails: ["API-1"],
    },
    {
      how: "override a private cluster to public without ranges",
      weaken: override("private_cluster_enabled", false),
      problem: /the API server is public and api_server_access_profile\.authorized_ip_ranges lists no range/,
      resource: CLUSTER,
      alsoFails: ["API-1"],
    },
  ],
  "API-3": [
    { how: "prop runCommandEnabled", props: { runCommandEnabled: true }, problem: /run_command_enabled is true; it must be false/, resource: CLUSTER },
    { how: "override run_command_enabled", weaken: override("run_command_enabled", undefined), problem: /run_command_enabled is not set \(the provider then deploys true\)/, resource: CLUSTER },
  ],
  "NET-1": [
    { how: "override network_plugin", weaken: override("network_profile.network_plugin", "kubenet"), problem: /network_profile\.network_plugin is 'kubenet'; it must be 'azure'/, resource: CLUSTER },
    { how: "override a user pool's subnet away", weaken: (cluster) => apps(cluster).addOverride("vnet_subnet_id", undefined), problem: /vnet_subnet_id is not set/, resource: APPS_POOL },
  ],
  "NET-2": [{ how: "override network_policy away", weaken: override("network_profile.network_policy", undefined), problem: /network_profile\.network_policy is not set; it must be one of 'azure', 'calico', 'cilium'/, resource: CLUSTER }],
  "NET-3": [
    {
      how: "a subnet without an NSG",
      weaken: (_cluster, stack) =>
        new Subnet(stack, "Loose", { name: "snet-loose", resourceGroupName: "rg-test", virtualNetworkName: "vnet-test", addressPrefixes: ["10.240.64.0/24"] }),
      problem: /subnet 'snet-loose' has no azurerm_subnet_network_security_group_association/,
      resource: /^azurerm_subnet\.Loose$/,
    },
    {
      how: "override an NSG association away from its subnet",
      weaken: (_cluster, stack) => {
        const association = stack.node
          .findAll()
          .find((c): c is TerraformResource => TerraformResource.isTerraformResource(c) && c.terraformResourceType === "azurerm_subnet_network_security_group_association")!;
        association.addOverride("subnet_id", "${azurerm_subnet.Elsewhere.id}");
      },
      problem: /has no azurerm_subnet_network_security_group_association/,
      resource: /^azurerm_subnet\.Network_/,
    },
  ],
  "NET-4": [
    { how: "override the default pool", weaken: override("default_node_pool.node_public_ip_enabled", true), problem: /default_node_pool\.node_public_ip_enabled is true; it must be false/, resource: CLUSTER },
    { how: "override a user pool", weaken: (cluster) => apps(cluster).addOverride("node_public_ip_enabled", true), problem: /^node_public_ip_enabled is true/, resource: APPS_POOL },
  ],
  "IMG-2": [{ how: "override image_cleaner_enabled", weaken: override("image_cleaner_enabled", false), problem: /image_cleaner_enabled is false; it must be true/, resource: CLUSTER }],
  "NODE-1": [
    { how: "override only_critical_addons_enabled", weaken: override("default_node_pool.only_critical_addons_enabled", false), problem: /only_critical_addons_enabled is false/, resource: CLUSTER },
    { how: "override the user pool into a system pool", weaken: (cluster) => apps(cluster).addOverride("mode", "System"), problem: /has no user node pool/, resource: CLUSTER },
  ],
  "NODE-2": [
    { how: "prop systemPool.zones []", props: { systemPool: { zones: [] } }, problem: /default_node_pool\.zones lists no availability zone/, resource: CLUSTER },
    { how: "override a user pool's autoscaler off", weaken: (cluster) => apps(cluster).addOverride("auto_scaling_enabled", false), problem: /^auto_scaling_enabled is false/, resource: APPS_POOL },
  ],
  "NODE-3": [
    { how: "prop systemPool.osDiskType Managed", props: { systemPool: { osDiskType: "Managed" } }, problem: /default_node_pool\.os_disk_type is 'Managed'; it must be 'Ephemeral'/, resource: CLUSTER },
    { how: "override a user pool's os_sku", weaken: (cluster) => apps(cluster).addOverride("os_sku", "Ubuntu"), problem: /^os_sku is 'Ubuntu'/, resource: APPS_POOL },
  ],
  "NODE-4": [
    { how: "prop skuTier Free", props: { skuTier: "Free" }, problem: /sku_tier is 'Free'; it must be one of 'Standard', 'Premium'/, resource: CLUSTER },
    { how: "override sku_tier away", weaken: override("sku_tier", undefined), problem: /sku_tier is not set \(the provider then deploys 'Free'\)/, resource: CLUSTER },
  ],
  "UPG-1": [
    { how: "prop nodeOsUpgradeChannel Unmanaged", props: { nodeOsUpgradeChannel: "Unmanaged" }, problem: /node_os_upgrade_channel is 'Unmanaged'/, resource: CLUSTER },
    { how: "override automatic_upgrade_channel none", weaken: override("automatic_upgrade_channel", "none"), problem: /automatic_upgrade_channel is 'none'/, resource: CLUSTER },
  ],
  "UPG-2": [{ how: "override the node OS window away", weaken: override("maintenance_window_node_os", undefined), problem: /has no maintenance_window_node_os block/, resource: CLUSTER }],
  "UPG-3": [
    { how: "override ignore_changes away", weaken: override("lifecycle.ignore_changes", undefined), problem: /does not cover default_node_pool\[0\]\.node_count/, resource: CLUSTER },
    { how: "override a user pool's surge settings away", weaken: (cluster) => apps(cluster).addOverride("upgrade_settings", undefined), problem: /^upgrade_settings\.max_surge is not set/, resource: APPS_POOL },
  ],
  "MON-1": [{ how: "override managed-identity auth off", weaken: override("oms_agent.msi_auth_for_monitoring_enabled", false), problem: /oms_agent\.msi_auth_for_monitoring_enabled is false/, resource: CLUSTER }],
  "MON-2": [
    {
      how: "override the diagnostic setting's log categories away",
      weaken: (cluster) => cluster.node.findAll().find((c): c is ControlPlaneLogs => c instanceof ControlPlaneLogs)!.resource.addOverride("enabled_log", undefined),
      problem: /send no 'kube-audit-admin' \(or 'kube-audit'\) and no 'guard' logs/,
      resource: CLUSTER,
    },
  ],
  "MON-3": [{ how: "override the Defender profile away", weaken: override("microsoft_defender", undefined), problem: /has no microsoft_defender block/, resource: CLUSTER }],
  "POL-1": [
    { how: "prop podSecurityPolicyEffect audit", props: { podSecurityPolicyEffect: "audit" }, problem: /its effect parameter is 'audit'; it must be 'deny'/, resource: CLUSTER },
    { how: "override azure_policy_enabled", weaken: override("azure_policy_enabled", false), problem: /azure_policy_enabled is false; it must be true/, resource: CLUSTER },
  ],
  "OPS-3": [
    {
      how: "override the workspace's prevent_destroy",
      weaken: (cluster) => (cluster.monitoring as ClusterMonitoring).resource.addOverride("lifecycle.prevent_destroy", false),
      problem: /lifecycle\.prevent_destroy is not true/,
      resource: /^azurerm_log_analytics_workspace\./,
    },
  ],
  "OPS-4": [{ how: "override temporary_name_for_rotation away", weaken: override("default_node_pool.temporary_name_for_rotation", undefined), problem: /temporary_name_for_rotation is not set/, resource: CLUSTER }],
};

describe("the rule pack", () => {
  test("has a rule for every control the library builds, each with id, title, severity, seeds, mappings and a fix", () => {
    expect(HARDENED_AKS_RULES.map((r) => r.id).sort()).toEqual(Object.keys(WEAKENINGS).sort());
    for (const rule of HARDENED_AKS_RULES) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(["high", "medium", "low"]).toContain(rule.severity);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.seeds.every((seed) => /^00[0-4]$/.test(seed))).toBe(true);
    }
  });
});

describe("on the defaults of a cluster with only its required props", () => {
  const report = evaluate(clusterStack().stack);

  test.each(HARDENED_AKS_RULES.map((r) => r.id))("%s passes", (id) => {
    expect(ruleResult(report, id)).toMatchObject({ status: "pass" });
  });
});

describe.each(Object.entries(WEAKENINGS))("%s", (id, weakenings) => {
  test.each(weakenings.map((w) => [w.how, w] as const))("fails when weakened: %s", (_how, weakening) => {
    const { stack } = clusterStack(weakening.props, weakening.weaken);
    const report = evaluate(stack);

    expect(failingRules(report).sort()).toEqual([id, ...(weakening.alsoFails ?? [])].sort());
    const failing = ruleResult(report, id).resources.filter((r) => r.status === "fail");
    expect(failing.map((r) => r.address)).toEqual([expect.stringMatching(weakening.resource)]);
    expect(failing[0].problems).toEqual(expect.arrayContaining([expect.stringMatching(weakening.problem)]));

    // The synth error line names the rule, the resource, its construct path, the problem and the fix.
    const [line] = violationsOf(report, id);
    expect(line).toContain(`${id} (${ruleResult(report, id).rule.title}) fails on ${failing[0].address} at ${failing[0].constructPath}`);
    expect(line).toMatch(/Fix: /);
    expect(line).toContain(`Compliance.acknowledge(<construct>, "${id}"`);
  });
});

describe("rules see the final Terraform", () => {
  test("an escape-hatch override of local_account_disabled is what IAM-2 evaluates", () => {
    const { stack, cluster } = clusterStack();
    expect(ruleResult(evaluate(stack), "IAM-2").status).toBe("pass");
    cluster.resource.addOverride("local_account_disabled", false);
    expect(ruleResult(evaluate(stack), "IAM-2").resources[0].problems).toEqual(["local_account_disabled is false; it must be true"]);
  });
});
