// Facts about Azure and Kubernetes that both the constructs and the compliance rules rely on:
// names, ids and values that Microsoft or Kubernetes define, each with where it is published.
// A construct writes them and a rule checks them. Here, apart from both, changing one is a
// change of a documented fact, reviewed as such, rather than an edit to a construct that a
// rule happens to follow. Values that only state what a control requires (WAF_v2, Premium,
// userDefinedRouting) stay in the rule that requires them.
//
// Imports only the freeze helper (which imports nothing): the rules may read this module
// without loading any construct.
import { deepFreeze } from "./private/freeze";

// --- Azure RBAC ---------------------------------------------------------------------------

/** An Azure built-in role: its name, and the GUID its role definition id ends with. */
export interface BuiltInRole {
  /** The role's name, as `role_definition_name` takes it. */
  readonly name: string;
  /** The GUID a `role_definition_id` of the role ends with. */
  readonly id: string;
}

/**
 * The Azure built-in roles the library grants, and those the rules look for. Names and
 * definition GUIDs are the same in every tenant.
 *
 * @see https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */
export const AZURE_ROLES = {
  owner: { name: "Owner", id: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635" },
  contributor: { name: "Contributor", id: "b24988ac-6180-42a0-ab88-20f7382dd24c" },
  userAccessAdministrator: { name: "User Access Administrator", id: "18d7d88d-d35e-4fb5-a5c3-7773c4a72b09" },
  reader: { name: "Reader", id: "acdd72a7-3385-48ef-bd42-f606fba81ae7" },
  networkContributor: { name: "Network Contributor", id: "4d97b98b-1d4f-4787-a291-c67834d212e7" },
  managedIdentityOperator: { name: "Managed Identity Operator", id: "f1a07417-d97a-45cb-824c-7a7467783830" },
  privateDnsZoneContributor: { name: "Private DNS Zone Contributor", id: "b12aa53e-6015-4669-85d0-8515ebb3ae7f" },
  acrPull: { name: "AcrPull", id: "7f951dda-4ed3-4680-a7ca-43fe172d538d" },
} as const satisfies Readonly<Record<string, BuiltInRole>>;

// --- Azure Policy -------------------------------------------------------------------------

/**
 * GUID of the built-in initiative "Kubernetes cluster pod security restricted standards for
 * Linux-based workloads": the Pod Security Standards `restricted` profile as Azure Policy.
 *
 * @see https://learn.microsoft.com/azure/aks/policy-reference
 */
export const POD_SECURITY_RESTRICTED_INITIATIVE = "42b8ef37-b724-4e24-bbc8-7a7708edfe00";

// --- Azure Monitor ------------------------------------------------------------------------

/**
 * The diagnostic settings category group that selects every log category of a resource,
 * including categories added later.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#category-groups
 */
export const ALL_LOGS_CATEGORY_GROUP = "allLogs";

/**
 * AKS control-plane log categories that record the audit trail: `kube-audit-admin` records
 * every request that changes state; `kube-audit` records those and every read as well.
 * Either one is the trail.
 *
 * @see https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs
 */
export const CONTROL_PLANE_AUDIT_CATEGORIES: readonly string[] = ["kube-audit-admin", "kube-audit"];

/**
 * AKS control-plane log category of the Entra ID and Azure RBAC authorization decisions.
 *
 * @see https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs
 */
export const CONTROL_PLANE_GUARD_CATEGORY = "guard";

// --- Entra workload identity ----------------------------------------------------------------

/**
 * The audience Entra ID expects in a Kubernetes service account token it exchanges.
 *
 * @see https://learn.microsoft.com/azure/aks/workload-identity-overview
 */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

// --- Key Vault ------------------------------------------------------------------------------

/**
 * Days a deleted vault, secret or key stays recoverable: Azure accepts 7 to 90, and 90, the
 * maximum, is its default.
 *
 * @see https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
 */
export const MAX_SOFT_DELETE_RETENTION_DAYS = 90;

// --- Private Link ---------------------------------------------------------------------------

/**
 * The private DNS zones of the private endpoints the library creates, by service: the
 * constructs create them and the deployment check matches them by name.
 *
 * @see https://learn.microsoft.com/azure/private-link/private-endpoint-dns
 */
export const PRIVATE_DNS_ZONE_NAMES = deepFreeze({
  /** Key Vault (`vault` subresource). */
  keyVault: "privatelink.vaultcore.azure.net",
  /** Azure Container Registry (`registry` subresource). */
  containerRegistry: "privatelink.azurecr.io",
});

/**
 * The sub-resource a private endpoint connects to, by target service.
 *
 * @see https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource
 */
export const PRIVATE_LINK_SUBRESOURCES = {
  keyVault: "vault",
  containerRegistry: "registry",
  /** Azure Monitor workspace: its Prometheus query endpoint. */
  monitorWorkspace: "prometheusMetrics",
} as const;

// --- Virtual network --------------------------------------------------------------------

/**
 * Subnet names Azure reserves for its own services, which take no NSG or break with one.
 *
 * @see https://learn.microsoft.com/azure/firewall/firewall-faq (AzureFirewallSubnet, AzureFirewallManagementSubnet)
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub (GatewaySubnet)
 * @see https://learn.microsoft.com/azure/bastion/bastion-nsg (AzureBastionSubnet)
 * @see https://learn.microsoft.com/azure/route-server/route-server-faq (RouteServerSubnet)
 */
export const RESERVED_SUBNETS = {
  firewall: "AzureFirewallSubnet",
  firewallManagement: "AzureFirewallManagementSubnet",
  gateway: "GatewaySubnet",
  bastion: "AzureBastionSubnet",
  routeServer: "RouteServerSubnet",
} as const;

// --- Application Gateway and its WAF ------------------------------------------------------

/**
 * Rule sets current for the core rules on Application Gateway. DRS 2.0 is a Front Door rule
 * set: Application Gateway went from CRS 3.2 to DRS 2.1.
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules
 */
export const CURRENT_CORE_RULE_SETS: Readonly<Record<string, readonly string[]>> = deepFreeze({
  Microsoft_DefaultRuleSet: ["2.1", "2.2"],
  OWASP: ["3.2"],
});

/**
 * The managed rule set of the WAF's bot protection.
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/bot-protection-overview
 */
export const BOT_MANAGER_RULE_SET = "Microsoft_BotManagerRuleSet";

/**
 * Predefined Application Gateway TLS policies with TLS 1.2 as the minimum; the `S` variant
 * also drops the weaker cipher suites.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview
 */
export const MODERN_SSL_POLICIES = deepFreeze(["AppGwSslPolicy20220101S", "AppGwSslPolicy20220101"]);

/**
 * Blocks of the gateway that the Application Gateway Ingress Controller rewrites at run
 * time from the cluster's Ingress objects. Terraform must ignore them, or every plan would
 * undo AGIC's work and cut traffic.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/ingress-controller-overview
 */
export const AGIC_MANAGED_BLOCKS: readonly string[] = [
  "backend_address_pool",
  "backend_http_settings",
  "frontend_port",
  "http_listener",
  "probe",
  "redirect_configuration",
  "request_routing_rule",
  "rewrite_rule_set",
  "ssl_certificate",
  "trusted_root_certificate",
  "url_path_map",
  "tags",
];

// --- Kubernetes -------------------------------------------------------------------------

/**
 * The Azure instance metadata endpoint (IMDS): it hands out tokens of the node's managed
 * identities to whatever reaches it.
 *
 * @see https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service
 */
export const INSTANCE_METADATA_ADDRESS = "169.254.169.254";

/** The instance metadata address (`169.254.169.254`) as a CIDR: pods must never reach it (EGR-3, K8S-3). */
export const INSTANCE_METADATA_CIDR = `${INSTANCE_METADATA_ADDRESS}/32`;

/**
 * The label Kubernetes sets on every namespace with the namespace's name.
 *
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name
 */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Where cluster DNS runs, and the label of its pods (CoreDNS on AKS keeps the `kube-dns`
 * label).
 *
 * @see https://learn.microsoft.com/azure/aks/coredns-custom
 */
export const CLUSTER_DNS = {
  /** The namespace CoreDNS runs in. */
  namespace: "kube-system",
  /** The labels that select CoreDNS's pods, e.g. in a network policy that allows DNS. */
  podLabels: {
    /** The `kube-dns` label CoreDNS on AKS keeps. */
    "k8s-app": "kube-dns",
  },
} as const;

/** The port cluster DNS answers on (UDP, and TCP for large answers). */
export const DNS_PORT = 53;

/**
 * Cilium's namespaced network policy, the kind that carries FQDN egress rules (`toFQDNs`).
 * AKS enforces its FQDN rules only with Advanced Container Networking Services security on.
 *
 * @see https://learn.microsoft.com/azure/aks/how-to-apply-fqdn-filtering-policies
 */
export const CILIUM_NETWORK_POLICY = { apiVersion: "cilium.io/v2", kind: "CiliumNetworkPolicy" } as const;

/**
 * Pod Security admission: the label prefix, the modes a namespace sets a level for, and
 * the `restricted` level.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export const POD_SECURITY_ADMISSION = {
  labelPrefix: "pod-security.kubernetes.io/",
  modes: ["enforce", "audit", "warn"],
  restricted: "restricted",
} as const;

/**
 * Namespaces the platform owns: Kubernetes itself, AKS and its add-ons and extensions. Binding
 * `admin` or `edit` in one of them hands out the platform (in `kube-system`, that is cluster
 * admin: its service accounts and secrets run the control plane's add-ons). Names starting
 * with `kube-` are reserved by Kubernetes as well.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces
 * @see https://learn.microsoft.com/azure/aks/concepts-clusters-workloads#namespaces
 */
export const RESERVED_NAMESPACES: readonly string[] = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "gatekeeper-system",
  "calico-system",
  "calico-apiserver",
  "tigera-operator",
  "app-routing-system",
  "azure-arc",
  "azure-extensions-usage-system",
  "aks-command",
  "aks-istio-system",
  "aks-istio-ingress",
  "aks-istio-egress",
  "dataprotection-microsoft",
  "flux-system",
];

/** The prefix Kubernetes reserves for its own namespaces. */
export const RESERVED_NAMESPACE_PREFIX = "kube-";

/**
 * The built-in Azure roles of Azure RBAC for Kubernetes authorization that let their holder
 * change what runs in the namespace they are assigned at (`<cluster id>/namespaces/<name>`).
 *
 * @see https://learn.microsoft.com/azure/aks/manage-azure-rbac
 */
export const AKS_RBAC_WRITE_ROLES: readonly string[] = [
  "Azure Kubernetes Service RBAC Cluster Admin",
  "Azure Kubernetes Service RBAC Admin",
  "Azure Kubernetes Service RBAC Writer",
];

/** Whether a namespace name is one the platform owns (see {@link RESERVED_NAMESPACES}). */
export function isReservedNamespace(name: string): boolean {
  return RESERVED_NAMESPACES.includes(name) || name.startsWith(RESERVED_NAMESPACE_PREFIX);
}

// --- AKS egress ---------------------------------------------------------------------------

/**
 * The page the firewall's allow-list is reconciled with, and the `ms.date` of the version
 * it was reconciled with: Microsoft's "Outbound network and FQDN rules for AKS clusters".
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export const AKS_OUTBOUND_RULES_DOC = {
  url: "https://learn.microsoft.com/azure/aks/outbound-rules-control-egress",
  msDate: "06/18/2026",
} as const;

/**
 * Azure Firewall's FQDN tag for AKS's core dependencies (MCR and its CDN, Azure management,
 * Entra ID, packages, the CNI binaries), which Microsoft keeps current.
 *
 * @see https://learn.microsoft.com/azure/firewall/fqdn-tags
 */
export const AKS_FQDN_TAG = "AzureKubernetesService";

/**
 * Azure Monitor's FQDNs for Container Insights with managed identity ("Azure Monitor -
 * Managed Prometheus, Container Insights" on the outbound rules page): ingestion, agent
 * onboarding and telemetry, metrics, Entra ID, the global control handler and the data
 * collection endpoints. The regional control handler is `<region>` +
 * {@link AZURE_MONITOR_REGIONAL_HANDLER_SUFFIX}.
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export const AZURE_MONITOR_FQDNS: readonly string[] = [
  "*.ods.opinsights.azure.com",
  "*.oms.opinsights.azure.com",
  "dc.services.visualstudio.com",
  "*.monitoring.azure.com",
  "login.microsoftonline.com",
  "global.handler.control.monitor.azure.com",
  "*.ingest.monitor.azure.com",
];

/** The regional control handler of Azure Monitor, after the region's name: fetches the cluster's data collection rules. */
export const AZURE_MONITOR_REGIONAL_HANDLER_SUFFIX = ".handler.control.monitor.azure.com";

/**
 * The service tag of Azure Monitor, which the outbound rules page requires on TCP 443 as a
 * network rule (metrics and logs to Azure Monitor and Log Analytics).
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export const AZURE_MONITOR_SERVICE_TAG = "AzureMonitor";

/**
 * Azure Policy add-on FQDNs: policy definitions and compliance, Gatekeeper artifacts, and
 * the add-on's telemetry.
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export const AZURE_POLICY_FQDNS: readonly string[] = ["data.policy.core.windows.net", "store.policy.core.windows.net", "dc.services.visualstudio.com"];

/**
 * Microsoft Defender for Containers FQDNs: Entra ID, security events, Log Analytics
 * authentication.
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export const DEFENDER_FQDNS: readonly string[] = [
  "login.microsoftonline.com",
  "*.ods.opinsights.azure.com",
  "*.oms.opinsights.azure.com",
  "*.cloud.defender.microsoft.com",
];

/**
 * The Key Vault provider for the Secrets Store CSI driver, with user-defined routing and
 * Azure Firewall: the page's row, written as it is there.
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export const KEY_VAULT_CSI_FQDNS: readonly string[] = ["vault.azure.net"];

/**
 * Microsoft Entra workload identity: Entra ID (the token exchange).
 *
 * @see https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
 */
export const WORKLOAD_IDENTITY_FQDNS: readonly string[] = ["login.microsoftonline.com"];

// --- Managed Prometheus -------------------------------------------------------------------

/**
 * The stream the Managed Prometheus add-on sends, and the data collection rule forwards to
 * an Azure Monitor workspace (`prometheus_forwarder` data source, `monitor_account`
 * destination), as in Microsoft's Terraform sample for the add-on.
 *
 * @see https://github.com/Azure/prometheus-collector/blob/main/AddonTerraformTemplate/main.tf
 */
export const PROMETHEUS_METRICS_STREAM = "Microsoft-PrometheusMetrics";

/**
 * The one name Azure accepts for the association of a data collection endpoint with a
 * resource; azurerm 4.55 defaults the association's `name` to it.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/essentials/data-collection-endpoint-overview
 */
export const DATA_COLLECTION_ENDPOINT_ASSOCIATION_NAME = "configurationAccessEndpoint";

/**
 * The built-in role Managed Grafana needs on an Azure Monitor workspace to query it
 * ("Monitoring Data Reader"), as Microsoft's Terraform sample grants it.
 *
 * @see https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/monitor#monitoring-data-reader
 */
export const MONITORING_DATA_READER_ROLE = { name: "Monitoring Data Reader", id: "b0d8363b-8ddd-447d-831f-62ca05bff136" } as const;

// --- Container images ---------------------------------------------------------------------

/**
 * An image reference pinned by content: it ends in `@sha256:` and 64 lower-case hex digits
 * (the OCI image spec's digest form), so every node runs the same bytes.
 */
export const IMAGE_DIGEST_SUFFIX = /@sha256:[0-9a-f]{64}$/;

/**
 * Node OS images AKS no longer supports, with the date support ended. From the AKS
 * documentation (MicrosoftDocs/azure-aks-docs, `articles/aks/includes/azure-linux-retirement.md`
 * dated 2025-12-16, `articles/aks/faq.yml`, read 2026-08): Azure Linux 2.0 (`CBLMariner`,
 * `Mariner`, `AzureLinux2`) lost support on 2025-11-30, Ubuntu 18.04 on 2025-06-17, Windows
 * Server 2019 on 2026-03-01. A retired image gets no security patches and no new node image.
 */
export const RETIRED_NODE_OS_SKUS: Readonly<
  Record<
    string,
    {
      /** The OS image the SKU names, e.g. `Azure Linux 2.0`. */
      readonly image: string;
      /** The day AKS ended its support, `YYYY-MM-DD`. */
      readonly retired: string;
    }
  >
> = deepFreeze({
  CBLMariner: { image: "Azure Linux 2.0", retired: "2025-11-30" },
  Mariner: { image: "Azure Linux 2.0", retired: "2025-11-30" },
  AzureLinux2: { image: "Azure Linux 2.0", retired: "2025-11-30" },
  Ubuntu1804: { image: "Ubuntu 18.04", retired: "2025-06-17" },
  Windows2019: { image: "Windows Server 2019", retired: "2026-03-01" },
});
