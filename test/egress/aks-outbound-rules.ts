// Microsoft's "Outbound network and FQDN rules for AKS clusters", row by row, for what the
// platform turns on, and whether the library's firewall allows each row. The firewall's
// synthesized rules are asserted to be exactly the allowed rows (egress-firewall.test.ts);
// re-reconcile this table, row by row, when the page's ms.date changes.
import { AKS_OUTBOUND_RULES_DOC } from "../../lib/facts";

/** The page and the version (its `ms.date`) the rows were copied from. */
export const RECONCILED_WITH = { url: "https://learn.microsoft.com/azure/aks/outbound-rules-control-egress", msDate: "06/18/2026" } as const;

/** The facts module must name the same page and version as this table. */
export const FACTS_DOC = AKS_OUTBOUND_RULES_DOC;

/** One row of the page. */
export interface OutboundRow {
  /** The page's section. */
  readonly feature: string;
  /** FQDN, service tag or address, as the page writes it (`<region>` for the cluster's). */
  readonly destination: string;
  readonly protocol: "TCP" | "UDP" | "HTTPS" | "HTTP";
  readonly port: number;
  /**
   * The firewall rule that allows it (an application rule of `aks-required-fqdns`, or a
   * network rule of `aks-required-network` when `protocol` is TCP or UDP), or why not.
   */
  readonly allowedBy: { readonly rule: string } | { readonly notAllowed: string };
}

const PRIVATE_API = "the API server is private (the page: not required for private clusters)";

export const AKS_OUTBOUND_ROWS: readonly OutboundRow[] = [
  // Azure Global required network rules
  { feature: "core", destination: "*:1194 / AzureCloud.<region>:1194", protocol: "UDP", port: 1194, allowedBy: { notAllowed: PRIVATE_API } },
  { feature: "core", destination: "*:9000 / AzureCloud.<region>:9000", protocol: "TCP", port: 9000, allowedBy: { notAllowed: PRIVATE_API } },
  {
    feature: "core",
    destination: "*:123 / ntp.ubuntu.com:123",
    protocol: "UDP",
    port: 123,
    allowedBy: { notAllowed: "not required for nodes provisioned after March 2021 (the page); Azure Linux nodes take time from the Azure host" },
  },
  {
    feature: "core",
    destination: "CustomDNSIP:53",
    protocol: "UDP",
    port: 53,
    allowedBy: { notAllowed: "the spoke's DNS server is the firewall's own DNS proxy, which nodes reach directly, not a destination behind the firewall" },
  },
  { feature: "core", destination: "APIServerPublicIP:443", protocol: "TCP", port: 443, allowedBy: { notAllowed: PRIVATE_API } },
  // Azure Global required FQDN / application rules: the AzureKubernetesService FQDN tag
  { feature: "core", destination: "*.hcp.<region>.azmk8s.io", protocol: "HTTPS", port: 443, allowedBy: { notAllowed: PRIVATE_API } },
  { feature: "core", destination: "mcr.microsoft.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  { feature: "core", destination: "*.data.mcr.microsoft.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  { feature: "core", destination: "mcr-0001.mcr-msedge.net", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  { feature: "core", destination: "management.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  { feature: "core", destination: "login.microsoftonline.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  { feature: "core", destination: "packages.microsoft.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  { feature: "core", destination: "acs-mirror.azureedge.net", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  { feature: "core", destination: "packages.aks.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "aks-core" } },
  // Optional recommended (Ubuntu): the nodes run Azure Linux and get OS updates in node images
  ...["security.ubuntu.com", "azure.archive.ubuntu.com", "changelogs.ubuntu.com"].map(
    (destination): OutboundRow => ({ feature: "optional (Ubuntu)", destination, protocol: "HTTP", port: 80, allowedBy: { notAllowed: "Azure Linux nodes; OS patches arrive with node images (NodeImage channel)" } }),
  ),
  { feature: "optional (Ubuntu)", destination: "snapshot.ubuntu.com", protocol: "HTTPS", port: 443, allowedBy: { notAllowed: "Azure Linux nodes" } },
  // Workload identity
  { feature: "workload identity", destination: "login.microsoftonline.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "workload-identity" } },
  // Microsoft Defender for Containers
  { feature: "Defender for Containers", destination: "login.microsoftonline.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "defender" } },
  { feature: "Defender for Containers", destination: "*.ods.opinsights.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "defender" } },
  { feature: "Defender for Containers", destination: "*.oms.opinsights.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "defender" } },
  { feature: "Defender for Containers", destination: "*.cloud.defender.microsoft.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "defender" } },
  // Key Vault provider for the Secrets Store CSI driver (user-defined routing and Azure Firewall)
  { feature: "Key Vault CSI driver", destination: "vault.azure.net", protocol: "HTTPS", port: 443, allowedBy: { rule: "key-vault-csi" } },
  { feature: "Key Vault CSI driver", destination: "*.vault.usgovcloudapi.net", protocol: "HTTPS", port: 443, allowedBy: { notAllowed: "Azure Government only" } },
  // Azure Monitor: Container Insights with managed identity
  { feature: "Azure Monitor", destination: "AzureMonitor", protocol: "TCP", port: 443, allowedBy: { rule: "azure-monitor" } },
  { feature: "Azure Monitor", destination: "*.ods.opinsights.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  { feature: "Azure Monitor", destination: "*.oms.opinsights.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  { feature: "Azure Monitor", destination: "dc.services.visualstudio.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  {
    feature: "Azure Monitor",
    destination: "*.in.applicationinsights.azure.com",
    protocol: "HTTPS",
    port: 443,
    allowedBy: { notAllowed: "Application Insights autoinstrumentation is not turned on" },
  },
  { feature: "Azure Monitor", destination: "*.monitoring.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  { feature: "Azure Monitor", destination: "login.microsoftonline.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  { feature: "Azure Monitor", destination: "global.handler.control.monitor.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  { feature: "Azure Monitor", destination: "*.ingest.monitor.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  {
    feature: "Azure Monitor",
    destination: "*.metrics.ingest.monitor.azure.com",
    protocol: "HTTPS",
    port: 443,
    allowedBy: { notAllowed: "managed Prometheus is not turned on" },
  },
  { feature: "Azure Monitor", destination: "<region>.handler.control.monitor.azure.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-monitor" } },
  // Azure Policy
  { feature: "Azure Policy", destination: "data.policy.core.windows.net", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-policy" } },
  { feature: "Azure Policy", destination: "store.policy.core.windows.net", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-policy" } },
  { feature: "Azure Policy", destination: "dc.services.visualstudio.com", protocol: "HTTPS", port: 443, allowedBy: { rule: "azure-policy" } },
];
