// Every rule both ways on synthesized stacks: it passes on the library's defaults, and it
// fails with a message naming the resource, the rule, the problem and the fix when its
// attribute is weakened, through a prop where one exists and through an escape-hatch override.
import { TerraformOutput, TerraformResource, type TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import {
  ApiServerAccess,
  ClusterEgress,
  ClusterEncryption,
  ClusterMonitoring,
  Compliance,
  ControlPlaneLogs,
  HARDENED_AKS_RULES,
  type HardenedCluster,
  type HardenedClusterProps,
} from "hardened-aks";
import {
  DEVELOPERS_GROUP_ID,
  baselineStack,
  evaluate,
  failingRules,
  platformStack,
  ruleResult,
  violationsOf,
  type Baseline,
  type BaselineOptions,
  type Platform,
  type PlatformOptions,
} from "./compliance-helpers";
import { CURRENT_CORE_RULE_SETS } from "../../lib/ingress/waf-ingress";

type Weaken = (cluster: HardenedCluster, stack: TerraformStack, platform: Platform) => void;

/** One way to weaken a rule's control, and what the failure must say. */
interface Weakening {
  readonly how: string;
  /** Props of the platform's cluster. */
  readonly props?: Partial<HardenedClusterProps>;
  /** Props of the platform's other parts. */
  readonly platform?: PlatformOptions;
  readonly weaken?: Weaken;
  /** Weaken the in-cluster stack instead of the Azure one. */
  readonly inCluster?: { readonly options?: BaselineOptions; readonly weaken?: (baseline: Baseline) => void };
  /** The problem text the rule reports. */
  readonly problem: RegExp;
  /** Address of the resource that fails (the first, when several do). */
  readonly resource: RegExp;
  /**
   * How many resources fail.
   *
   * @default 1
   */
  readonly failing?: number;
  /** Other rules the same change fails too. */
  readonly alsoFails?: readonly string[];
}

const CLUSTER = /^azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}$/;
const APPS_POOL = /^azurerm_kubernetes_cluster_node_pool\.Cluster_NodePool-apps_[0-9A-F]{8}$/;
const STACK = /^terraform$/;
const NAMESPACE = /^kubernetes_namespace_v1\.Orders_[0-9A-F]{8}$/;

const apps = (cluster: HardenedCluster) => cluster.nodePools.apps.resource;
const override = (path: string, value: unknown): Weaken => (cluster) => cluster.resource.addOverride(path, value);
/** The reference to the ingress controller's identity of the test cluster. */
const agicPrincipal = (cluster: HardenedCluster) => cluster.resource.ingressApplicationGateway.ingressApplicationGatewayIdentity.get(0).objectId;
/** A resource of a construct, by its id. */
const child = (scope: { node: { findChild(id: string): unknown } }, id: string) => scope.node.findChild(id) as TerraformResource;

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
  "IAM-4": [
    { how: "override workload_identity_enabled", weaken: override("workload_identity_enabled", false), problem: /workload_identity_enabled is false/, resource: CLUSTER },
    {
      how: "override the federated credential's subject to a wildcard",
      weaken: (_c, _s, p) => p.identity.federatedCredential.addOverride("subject", "system:serviceaccount:orders:*"),
      problem: /subject is 'system:serviceaccount:orders:\*'; it must be "system:serviceaccount:<namespace>:<name>" for one service account, with no wildcard/,
      resource: /^azurerm_federated_identity_credential\.OrdersIdentity_FederatedCredential_[0-9A-F]{8}$/,
    },
    {
      how: "override the federated credential's issuer and audience",
      weaken: (_c, _s, p) => {
        p.identity.federatedCredential.addOverride("issuer", "https://token.actions.githubusercontent.com");
        p.identity.federatedCredential.addOverride("audience", undefined);
      },
      problem: /issuer is 'https:\/\/token\.actions\.githubusercontent\.com', not a reference to a cluster's oidc_issuer_url/,
      resource: /^azurerm_federated_identity_credential\./,
    },
  ],
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
        const grant = cluster.node.findAll().find((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === "azurerm_role_assignment")!;
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
  "EGR-1": [
    {
      how: "prop egress ClusterEgress.loadBalancerUnrestricted()",
      props: { egress: ClusterEgress.loadBalancerUnrestricted() },
      problem: /^network_profile\.outbound_type is 'loadBalancer'; it must be 'userDefinedRouting'$/,
      resource: CLUSTER,
    },
    {
      how: "override the route table's default route to the internet",
      weaken: (_c, _s, p) => p.route.resource.addOverride("route.0.next_hop_type", "Internet"),
      problem: /the 0\.0\.0\.0\/0 route's next_hop_type in route table 'rt-aks-test-egress' is 'Internet'; it must be 'VirtualAppliance', so the default_node_pool subnet 'snet-system-nodes' does not egress through a firewall/,
      resource: CLUSTER,
    },
    {
      how: "override the route table's BGP propagation on",
      weaken: (_c, _s, p) => p.route.resource.addOverride("bgp_route_propagation_enabled", true),
      problem: /propagates BGP routes \(bgp_route_propagation_enabled is true\): a learned route could bypass the firewall/,
      resource: CLUSTER,
    },
  ],
  "EGR-2": [
    {
      how: "override the policy's threat intelligence to alert only",
      weaken: (_c, _s, p) => p.firewall.policy.addOverride("threat_intelligence_mode", "Alert"),
      problem: /^threat_intelligence_mode is 'Alert'; it must be 'Deny'$/,
      resource: /^azurerm_firewall_policy\.EgressFirewall_Policy_[0-9A-F]{8}$/,
    },
    {
      how: "override a network rule to everything on every port",
      weaken: (_c, _s, p) => {
        p.firewall.ruleCollectionGroup.addOverride("network_rule_collection.0.rule.0.destination_addresses", ["0.0.0.0/0"]);
        p.firewall.ruleCollectionGroup.addOverride("network_rule_collection.0.rule.0.destination_ports.0", "*");
      },
      problem: /network rule 'ntp' of collection 'aks-required-network' allows the catch-all destination_addresses '0\.0\.0\.0\/0'/,
      resource: /^azurerm_firewall_policy_rule_collection_group\./,
    },
    {
      how: "override the firewall's diagnostic setting to DNS logs only",
      weaken: (_c, _s, p) => {
        child(p.firewall, "Logs").addOverride("enabled_log.0.category_group", undefined);
        child(p.firewall, "Logs").addOverride("enabled_log.0.category", "AZFWDnsQuery");
      },
      problem: /the diagnostic settings of this firewall send no application rule and no network rule logs/,
      resource: /^azurerm_firewall\.EgressFirewall_[0-9A-F]{8}$/,
    },
  ],
  "ING-1": [
    {
      how: "override the gateway's SKU to Standard_v2",
      weaken: (_c, _s, p) => {
        p.ingress.resource.addOverride("sku.tier", "Standard_v2");
        p.ingress.resource.addOverride("sku.name", "Standard_v2");
      },
      problem: /^sku\.tier is 'Standard_v2'; it must be 'WAF_v2'$/,
      resource: /^azurerm_application_gateway\.Ingress_[0-9A-F]{8}$/,
    },
    {
      how: "override the cluster's ingress add-on to create its own gateway",
      weaken: (cluster) => {
        cluster.resource.addOverride("ingress_application_gateway.gateway_id", undefined);
        cluster.resource.addOverride("ingress_application_gateway.subnet_cidr", "10.240.99.0/24");
      },
      problem: /ingress_application_gateway has no gateway_id \(it sets subnet_cidr or subnet_id\): the add-on creates its own Standard_v2 gateway, without a WAF/,
      resource: CLUSTER,
      alsoFails: ["ING-4"],
    },
    {
      how: "override the web app routing add-on on",
      weaken: override("web_app_routing", { dns_zone_ids: [] }),
      problem: /has a web_app_routing block: the app routing add-on runs a public NGINX ingress that bypasses the WAF/,
      resource: CLUSTER,
    },
  ],
  "ING-2": [
    {
      how: "prop wafMode Detection",
      platform: { ingress: { wafMode: "Detection" } },
      problem: /^policy_settings\.mode is 'Detection'; it must be 'Prevention'$/,
      resource: /^azurerm_web_application_firewall_policy\.Ingress_WafPolicy_[0-9A-F]{8}$/,
    },
    {
      how: "prop managedRuleSets without the bot manager",
      platform: { ingress: { managedRuleSets: [{ type: "OWASP", version: "3.2" }] } },
      problem: /^managed_rules has no Microsoft_BotManagerRuleSet/,
      resource: /^azurerm_web_application_firewall_policy\./,
    },
    {
      how: "override request body inspection off",
      weaken: (_c, _s, p) => p.ingress.wafPolicy.addOverride("policy_settings.request_body_check", false),
      problem: /^policy_settings\.request_body_check is false; it must be true$/,
      resource: /^azurerm_web_application_firewall_policy\./,
    },
  ],
  "ING-3": [
    {
      how: "override the TLS policy to the 2015 predefined one",
      weaken: (_c, _s, p) => p.ingress.resource.addOverride("ssl_policy.policy_name", "AppGwSslPolicy20150501"),
      problem: /^ssl_policy\.policy_name is 'AppGwSslPolicy20150501'; it must be one of 'AppGwSslPolicy20220101S', 'AppGwSslPolicy20220101'$/,
      resource: /^azurerm_application_gateway\./,
    },
  ],
  "ING-4": [
    {
      how: "set the gateway's lifecycle through the escape hatch, ignoring only tags",
      weaken: (_c, _s, p) => {
        p.ingress.resource.lifecycle = { ignoreChanges: ["tags"] };
      },
      problem: /^lifecycle\.ignore_changes does not cover backend_address_pool, backend_http_settings, frontend_port, http_listener, probe, redirect_configuration, request_routing_rule, rewrite_rule_set, ssl_certificate, trusted_root_certificate, url_path_map, which the ingress controller manages/,
      resource: /^azurerm_application_gateway\./,
    },
    {
      how: "grant the ingress controller Network Contributor on the resource group",
      weaken: (cluster, stack) =>
        new RoleAssignment(stack, "AgicOnGroup", { scope: "${azurerm_resource_group.Group.id}", roleDefinitionName: "Network Contributor", principalId: agicPrincipal(cluster) }),
      problem: /the ingress controller's identity is granted 'Network Contributor' at scope '\$\{azurerm_resource_group\.Group\.id\}' \(azurerm_role_assignment\.AgicOnGroup\)/,
      resource: CLUSTER,
    },
  ],
  "SEC-1": [
    {
      how: "override secret rotation off",
      weaken: override("key_vault_secrets_provider.secret_rotation_enabled", false),
      problem: /^key_vault_secrets_provider\.secret_rotation_enabled is false; it must be true$/,
      resource: CLUSTER,
    },
    {
      how: "prop syncToKubernetesSecret on the SecretProviderClass",
      inCluster: { options: { secrets: { syncToKubernetesSecret: { secretName: "orders-db", data: [{ objectName: "orders-db-password", key: "password" }] } } } },
      problem: /SecretProviderClass 'orders-secrets' syncs Key Vault objects into the Kubernetes secret\(s\) 'orders-db' \(spec\.secretObjects\)/,
      resource: /^kubernetes_manifest\.OrdersSecrets_[0-9A-F]{8}$/,
    },
  ],
  "SEC-2": [
    {
      how: "prop deployerIpRanges",
      platform: { vault: { deployerIpRanges: ["203.0.113.7"] } },
      problem: /^public_network_access_enabled is true; it must be false \(public access is restricted to network_acls\.ip_rules \["203\.0\.113\.7"\]\)$/,
      resource: /^azurerm_key_vault\.Vault_[0-9A-F]{8}$/,
    },
    {
      how: "prop softDeleteRetentionDays 30",
      platform: { vault: { softDeleteRetentionDays: 30 } },
      problem: /^soft_delete_retention_days is 30; it must be 90/,
      resource: /^azurerm_key_vault\./,
    },
    {
      how: "override RBAC authorization off, with an access policy",
      weaken: (_c, _s, p) => {
        p.vault.resource.addOverride("rbac_authorization_enabled", false);
        p.vault.resource.addOverride("access_policy", [{ tenant_id: "t", object_id: "o", secret_permissions: ["Get"] }]);
      },
      problem: /^rbac_authorization_enabled is false; it must be true$/,
      resource: /^azurerm_key_vault\./,
    },
  ],
  "SEC-3": [
    {
      how: "prop encryption ClusterEncryption.platformManagedKeys()",
      props: { encryption: ClusterEncryption.platformManagedKeys() },
      problem: /^has no key_management_service block: etcd secrets are encrypted with platform-managed keys only$/,
      resource: CLUSTER,
      alsoFails: ["SEC-4"],
    },
    {
      how: "override KMS network access to public",
      weaken: override("key_management_service.key_vault_network_access", "Public"),
      problem: /^key_management_service\.key_vault_network_access is 'Public'; it must be 'Private'$/,
      resource: CLUSTER,
    },
  ],
  "SEC-4": [
    {
      how: "prop hostEncryptionEnabled false",
      props: { hostEncryptionEnabled: false },
      problem: /^default_node_pool\.host_encryption_enabled is false; it must be true$/,
      resource: CLUSTER,
      failing: 2,
    },
    {
      how: "override the disk encryption set away",
      weaken: override("disk_encryption_set_id", undefined),
      problem: /^disk_encryption_set_id is not set: node disks are encrypted with platform-managed keys only$/,
      resource: CLUSTER,
    },
    {
      how: "override a user pool's host encryption off",
      weaken: (cluster) => apps(cluster).addOverride("host_encryption_enabled", false),
      problem: /^host_encryption_enabled is false; it must be true$/,
      resource: APPS_POOL,
    },
  ],
  "SEC-5": [
    {
      how: "an output of the raw kubeconfig, not sensitive",
      weaken: (cluster, stack) => new TerraformOutput(stack, "kubeconfig", { value: cluster.resource.getStringAttribute("kube_config_raw") }),
      problem: /^output 'kubeconfig' exposes azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}\.kube_config_raw without sensitive = true/,
      resource: STACK,
    },
    {
      how: "an output of the admin kubeconfig, even sensitive",
      weaken: (cluster, stack) => new TerraformOutput(stack, "admin", { value: cluster.resource.getStringAttribute("kube_admin_config[0].client_key"), sensitive: true }),
      problem: /^output 'admin' exposes azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}\.kube_admin_config\[0\]\.client_key: an admin kubeconfig is a static cluster-admin credential/,
      resource: STACK,
    },
    {
      how: "a Kubernetes secret with a literal value",
      inCluster: { weaken: (b) => new SecretV1(b.stack, "DbPassword", { metadata: { name: "db", namespace: "orders" }, data: { password: "hunter2hunter2" } }) },
      problem: /^kubernetes_secret_v1\.DbPassword writes literal secret values \(data\) into the code and the state/,
      resource: STACK,
    },
  ],
  "IMG-1": [
    {
      how: "override the admin user on",
      weaken: (_c, _s, p) => p.registry.resource.addOverride("admin_enabled", true),
      problem: /^admin_enabled is true; it must be false$/,
      resource: /^azurerm_container_registry\.Registry_[0-9A-F]{8}$/,
    },
    {
      how: "grant the kubelet AcrPush on the registry",
      weaken: (cluster, stack, p) =>
        new RoleAssignment(stack, "KubeletPush", { scope: p.registry.registryId, roleDefinitionName: "AcrPush", principalId: cluster.kubeletIdentityObjectId }),
      problem: /^azurerm_role_assignment\.KubeletPush grants a kubelet identity 'AcrPush' on the registry; it needs only AcrPull$/,
      resource: /^azurerm_container_registry\./,
    },
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
  "K8S-1": [
    {
      how: "override the namespace's Pod Security labels",
      inCluster: { weaken: (b) => b.namespace.resource.addOverride("metadata.labels", { "pod-security.kubernetes.io/enforce": "baseline" }) },
      problem: /^metadata\.labels\["pod-security\.kubernetes\.io\/enforce"\] is 'baseline'; it must be 'restricted'$/,
      resource: NAMESPACE,
    },
  ],
  "K8S-2": [
    {
      how: "override the DNS policy's port",
      inCluster: { weaken: (b) => b.namespace.networkPolicies["allow-dns"].addOverride("spec.egress.0.ports", undefined) },
      problem: /no network policy in namespace 'orders' allows egress to kube-dns \(pods labelled k8s-app=kube-dns in kube-system\) on port 53 UDP/,
      resource: NAMESPACE,
    },
    {
      how: "override the default deny to ingress only",
      inCluster: { weaken: (b) => b.namespace.networkPolicies["default-deny-all"].addOverride("spec.policy_types.1", "Ingress") },
      problem: /^no network policy in namespace 'orders' denies all egress/,
      resource: NAMESPACE,
      alsoFails: ["K8S-3"],
    },
  ],
  "K8S-3": [
    {
      how: "override the internet egress rule's except away",
      inCluster: { weaken: (b) => b.namespace.networkPolicies["allow-egress"].addOverride("spec.egress.0.to.0.ip_block.except", undefined) },
      problem: /^egress rule 0 of network policy 'allow-egress' allows the ip_block '0\.0\.0\.0\/0', which contains 169\.254\.169\.254, without except \["169\.254\.169\.254\/32"\]$/,
      resource: NAMESPACE,
    },
  ],
  "K8S-4": [
    {
      how: "override the quota's limits away",
      inCluster: { weaken: (b) => b.namespace.resourceQuota.addOverride("spec.hard", undefined) },
      problem: /^namespace 'orders' has no kubernetes_resource_quota_v1 with spec\.hard/,
      resource: NAMESPACE,
    },
  ],
  "K8S-5": [
    {
      how: "override the developer role to read secrets",
      inCluster: { weaken: (b) => b.developers.resource.addOverride("rule", [{ api_groups: [""], resources: ["secrets"], verbs: ["get", "list"] }]) },
      problem: /^grants reading secrets \(get, list or watch on secrets\) and is bound to the Entra group\(s\) '33333333-3333-3333-3333-333333333333'/,
      resource: /^kubernetes_cluster_role_v1\.Developers_[0-9A-F]{8}$/,
    },
    {
      how: "a binding of cluster-admin to the developers' group",
      inCluster: {
        weaken: (b) =>
          new ClusterRoleBindingV1(b.stack, "DevelopersAdmin", {
            metadata: { name: "developers-admin" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
            subject: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: DEVELOPERS_GROUP_ID }],
          }),
      },
      problem: /^binds cluster-admin to group '33333333-3333-3333-3333-333333333333'/,
      resource: /^kubernetes_cluster_role_binding_v1\.DevelopersAdmin$/,
    },
  ],
  "K8S-6": [
    {
      how: "override the container's root filesystem to writable",
      inCluster: { weaken: (b) => b.deployment.resource.addOverride("spec.template.spec.container.0.security_context.read_only_root_filesystem", false) },
      problem: /^container 'orders-api': security_context\.read_only_root_filesystem is false; it must be true$/,
      resource: /^kubernetes_deployment_v1\.OrdersApi_[0-9A-F]{8}$/,
    },
    {
      how: "override the pod's and container's run_as_non_root away",
      inCluster: {
        weaken: (b) => {
          b.deployment.resource.addOverride("spec.template.spec.security_context.run_as_non_root", undefined);
          b.deployment.resource.addOverride("spec.template.spec.container.0.security_context.run_as_non_root", undefined);
        },
      },
      problem: /^container 'orders-api': run_as_non_root is not set \(container or pod security_context\); it must be true$/,
      resource: /^kubernetes_deployment_v1\./,
    },
  ],
  "OPS-2": [
    {
      how: "no backend",
      platform: { remoteState: false },
      problem: /^the stack configures no backend: cdktf then writes a local backend/,
      resource: STACK,
    },
    {
      how: "override the backend to local",
      weaken: (_c, stack) => {
        stack.addOverride("terraform.backend.azurerm", undefined);
        stack.addOverride("terraform.backend.local", { path: "terraform.tfstate" });
      },
      problem: /^the stack uses the local backend \('terraform\.tfstate'\): the state with its secrets stays on the laptop or runner that applies it$/,
      resource: STACK,
    },
  ],
  "OPS-3": [
    {
      how: "override the workspace's prevent_destroy",
      weaken: (cluster) => (cluster.monitoring as ClusterMonitoring).resource.addOverride("lifecycle.prevent_destroy", false),
      problem: /lifecycle\.prevent_destroy is not true/,
      resource: /^azurerm_log_analytics_workspace\./,
    },
    {
      how: "override the etcd key's prevent_destroy",
      weaken: (cluster) => cluster.etcdKey!.resource.addOverride("lifecycle.prevent_destroy", false),
      problem: /^lifecycle\.prevent_destroy is not true: a plan that deletes it/,
      resource: /^azurerm_key_vault_key\.Cluster_EtcdKey_[0-9A-F]{8}$/,
    },
    {
      how: "mark the stack production, with a cluster that can be destroyed",
      weaken: (_c, stack) => Compliance.markProduction(stack),
      problem: /^lifecycle\.prevent_destroy is not true in a production stack: a plan that replaces or deletes the cluster would go through$/,
      resource: CLUSTER,
    },
  ],
  "OPS-4": [{ how: "override temporary_name_for_rotation away", weaken: override("default_node_pool.temporary_name_for_rotation", undefined), problem: /temporary_name_for_rotation is not set/, resource: CLUSTER }],
};

/** The stack a weakening applies to, weakened. */
function weakened(weakening: Weakening): TerraformStack {
  if (weakening.inCluster) return baselineStack(weakening.inCluster.options, weakening.inCluster.weaken).stack;
  return platformStack({ ...weakening.platform, cluster: weakening.props }, (p) => weakening.weaken?.(p.cluster, p.stack, p)).stack;
}

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

  test("rule ids and names are unique", () => {
    expect(new Set(HARDENED_AKS_RULES.map((r) => r.id)).size).toBe(HARDENED_AKS_RULES.length);
    expect(new Set(HARDENED_AKS_RULES.map((r) => r.name)).size).toBe(HARDENED_AKS_RULES.length);
  });
});

describe("on the library's defaults, with only the required props", () => {
  const azure = evaluate(platformStack().stack);
  const inCluster = evaluate(baselineStack().stack);

  test.each(HARDENED_AKS_RULES.map((r) => r.id))("%s passes, in the Azure stack or the in-cluster stack, and fails in neither", (id) => {
    const statuses = [ruleResult(azure, id).status, ruleResult(inCluster, id).status];
    expect(statuses).toContain("pass");
    expect(statuses.every((status) => status === "pass" || status === "not-applicable")).toBe(true);
  });
});

describe.each(Object.entries(WEAKENINGS))("%s", (id, weakenings) => {
  test.each(weakenings.map((w) => [w.how, w] as const))("fails when weakened: %s", (_how, weakening) => {
    const report = evaluate(weakened(weakening));

    expect(failingRules(report).sort()).toEqual([id, ...(weakening.alsoFails ?? [])].sort());
    const failing = ruleResult(report, id).resources.filter((r) => r.status === "fail");
    expect(failing).toHaveLength(weakening.failing ?? 1);
    expect(failing[0].address).toMatch(weakening.resource);
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
    const { cluster, stack } = platformStack();
    expect(ruleResult(evaluate(stack), "IAM-2").status).toBe("pass");
    cluster.resource.addOverride("local_account_disabled", false);
    expect(ruleResult(evaluate(stack), "IAM-2").resources[0].problems).toEqual(["local_account_disabled is false; it must be true"]);
  });
});

describe("choices that are not opt-outs pass", () => {
  test("the other modern TLS policy, OWASP 3.2, a Premium firewall and DRS 2.2", () => {
    const report = evaluate(
      platformStack({
        ingress: { sslPolicyName: "AppGwSslPolicy20220101", managedRuleSets: [{ type: "OWASP", version: "3.2" }, { type: "Microsoft_BotManagerRuleSet", version: "1.1" }] },
        firewall: { tier: "Premium" },
      }).stack,
    );
    expect(failingRules(report)).toEqual([]);
    expect(ruleResult(report, "ING-2").status).toBe("pass");
    expect(ruleResult(report, "EGR-2").status).toBe("pass");
  });

  test("a public API server with authorized ranges fails only API-1", () => {
    const report = evaluate(platformStack({ cluster: { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["203.0.113.0/24"]) } }).stack);
    expect(failingRules(report)).toEqual(["API-1"]);
  });

  test("a cluster without ingress has no public ingress to check: ING-1 and ING-4 pass on it", () => {
    const report = evaluate(platformStack({ cluster: { ingress: undefined } }).stack);
    expect(failingRules(report)).toEqual([]);
    const cluster = (id: string) => ruleResult(report, id).resources.find((r) => r.address.startsWith("azurerm_kubernetes_cluster."));
    expect(cluster("ING-1")?.status).toBe("pass");
    expect(cluster("ING-4")?.status).toBe("pass");
  });
});

describe("ING-2 and WafIngress agree on what a current core rule set is", () => {
  const candidates = [
    ["Microsoft_DefaultRuleSet", "2.1"],
    ["Microsoft_DefaultRuleSet", "2.2"],
    ["OWASP", "3.2"],
    ["Microsoft_DefaultRuleSet", "2.0"],
    ["OWASP", "3.1"],
    ["OWASP", "3.0"],
  ] as const;

  test.each(candidates)("%s %s", (type, version) => {
    const accepted = CURRENT_CORE_RULE_SETS[type]?.includes(version) ?? false;
    const build = () => platformStack({ ingress: { managedRuleSets: [{ type, version }, { type: "Microsoft_BotManagerRuleSet", version: "1.1" }] } });
    if (accepted) {
      expect(ruleResult(evaluate(build().stack), "ING-2").status).toBe("pass");
    } else {
      expect(build).toThrow(/managedRuleSets must include a current core rule set/);
    }
  });
});
