// The egress allow-list: what an AKS cluster with the library's add-ons needs to reach, and
// the rules a user's own additions must obey. Pure data and functions, tested directly.
import { regionEndpointName } from "../private/names";
import { isCatchAll } from "../private/cidr";
import { isToken, type Verdict } from "../private/validate";
import {
  AZURE_MONITOR_FQDNS,
  AZURE_MONITOR_REGIONAL_HANDLER_SUFFIX,
  AZURE_MONITOR_SERVICE_TAG,
  AZURE_POLICY_FQDNS,
  DEFENDER_FQDNS,
  KEY_VAULT_CSI_FQDNS,
  WORKLOAD_IDENTITY_FQDNS,
} from "../facts";

/** An application (FQDN) rule: HTTPS to the listed names. */
export interface EgressFqdnRule {
  /** Rule name, unique in its collection. */
  readonly name: string;
  /** Fully qualified domain names; `*.example.com` allowed, `*` and `*.com` are not. */
  readonly fqdns: readonly string[];
  /** Why the cluster needs them, kept in the rule's description. */
  readonly description: string;
}

/** A network rule for non-HTTP traffic, to named hosts or specific addresses. */
export interface EgressNetworkRule {
  /** Rule name, unique in its collection. */
  readonly name: string;
  /** Protocols, e.g. `["UDP"]`. */
  readonly protocols: readonly ("TCP" | "UDP" | "ICMP")[];
  /** Destination ports, e.g. `["123"]` or `["8000-8080"]`. `*` is rejected. */
  readonly destinationPorts: readonly string[];
  /**
   * Destination FQDNs (resolved by the firewall's DNS proxy). Exact names only: Azure
   * Firewall does not support wildcards in network rules.
   *
   * @default - none
   */
  readonly destinationFqdns?: readonly string[];
  /**
   * Destination CIDRs, addresses or service tags. Catch-alls (`*`, `0.0.0.0/0`, `Internet`)
   * are rejected.
   *
   * @default - none
   */
  readonly destinationAddresses?: readonly string[];
  /** Why the cluster needs it. */
  readonly description: string;
}

/**
 * Application rules every hardened cluster needs, by feature the platform turns on, from
 * Microsoft's "Outbound network and FQDN rules for AKS clusters" (`AKS_OUTBOUND_RULES_DOC`
 * has the page and the `ms.date` they were reconciled with; a test holds the table row by
 * row). The core cluster FQDNs come from the `AzureKubernetesService` FQDN tag, which
 * Microsoft keeps current. Not allowed, because the platform does not need them: UDP 1194,
 * TCP 9000 and the API server's public IP (the API server is private), NTP (not required
 * for nodes provisioned after March 2021: they take time from the Azure host), managed
 * Prometheus and Application Insights autoinstrumentation (not turned on).
 *
 * @param location the cluster's region, literal: Azure Monitor's regional control handler
 *   is `<region>.handler.control.monitor.azure.com` (a Terraform expression for a location
 *   known only at apply, which `EgressFirewall` refuses)
 */
export function requiredFqdnRules(location: string): EgressFqdnRule[] {
  const region = regionEndpointName(location);
  return [
    {
      name: "azure-monitor",
      description: "Container Insights with managed identity: ingestion, data collection endpoints and rules, agent onboarding and telemetry",
      fqdns: [...AZURE_MONITOR_FQDNS, `${region}${AZURE_MONITOR_REGIONAL_HANDLER_SUFFIX}`],
    },
    {
      name: "azure-policy",
      description: "Azure Policy add-on: policy definitions, Gatekeeper artifacts, compliance reports, telemetry",
      fqdns: [...AZURE_POLICY_FQDNS],
    },
    {
      name: "defender",
      description: "Microsoft Defender for Containers sensor: authentication, security events, Log Analytics",
      fqdns: [...DEFENDER_FQDNS],
    },
    {
      name: "key-vault-csi",
      description: "Key Vault provider for the Secrets Store CSI driver (vaults behind a private endpoint are reached there, not through the firewall)",
      fqdns: [...KEY_VAULT_CSI_FQDNS],
    },
    {
      name: "workload-identity",
      description: "Microsoft Entra workload identity: token exchange with Entra ID",
      fqdns: [...WORKLOAD_IDENTITY_FQDNS],
    },
  ];
}

/**
 * Network rules every hardened cluster needs: Azure Monitor's service tag on TCP 443. The
 * private API server needs none; NTP is not required (see `requiredFqdnRules`).
 */
export const REQUIRED_NETWORK_RULES: readonly EgressNetworkRule[] = [
  {
    name: "azure-monitor",
    description: "Metrics and logs to Azure Monitor and Log Analytics (the AzureMonitor service tag)",
    protocols: ["TCP"],
    destinationPorts: ["443"],
    destinationAddresses: [AZURE_MONITOR_SERVICE_TAG],
  },
];

const FQDN_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const FQDN = new RegExp(`^(?:\\*\\.)?(?:${FQDN_LABEL}\\.)+[a-z]{2,63}$`, "i");

/** A user FQDN: a valid name, at most one leading `*.` over at least two labels. */
export function allowedFqdn(prop: string, fqdn: string): Verdict {
  if (isToken(fqdn)) return undefined;
  const wildcardBase = fqdn.startsWith("*.") ? fqdn.slice(2) : undefined;
  if (fqdn.trim() === "*" || (wildcardBase !== undefined && !wildcardBase.includes("."))) {
    return `${prop} must not be a catch-all wildcard; got '${fqdn}'. Name the hosts (api.example.com) or one domain's subdomains (*.example.com).`;
  }
  if (fqdn.length > 253 || !FQDN.test(fqdn)) {
    return `${prop} must be a fully qualified domain name such as 'api.example.com' or '*.example.com'; got '${fqdn}'.`;
  }
  return undefined;
}

/** Ports Azure Firewall accepts: one port or a range, each from 1 to 65535. */
const PORT_OR_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

function portVerdict(prop: string, port: string): Verdict {
  if (isToken(port)) return undefined;
  const trimmed = port.trim();
  if (trimmed === "*" || trimmed === "0-65535" || trimmed === "1-65535") {
    return `${prop} must not open every port; got '${port}'. List the ports the service uses.`;
  }
  const m = PORT_OR_RANGE.exec(trimmed);
  const from = m ? Number(m[1]) : NaN;
  const to = m?.[2] !== undefined ? Number(m[2]) : from;
  if (!m || from < 1 || to > 65535 || from > to) {
    return `${prop} entries must be a port from 1 to 65535 or a range such as '8000-8080'; got '${port}'.`;
  }
  return undefined;
}

/**
 * A user network rule: at least one destination, protocol and port; no catch-all
 * destination or port; destination FQDNs exact (network rules take no wildcards).
 */
export function networkRuleVerdicts(prop: string, rule: EgressNetworkRule): Verdict[] {
  const verdicts: Verdict[] = [];
  const addresses = rule.destinationAddresses ?? [];
  const fqdns = rule.destinationFqdns ?? [];
  if (!isToken(addresses) && !isToken(fqdns) && addresses.length + fqdns.length === 0) {
    verdicts.push(`${prop} needs destinationAddresses or destinationFqdns: a rule with no destination would allow everything.`);
  }
  for (const address of isToken(addresses) ? [] : addresses) {
    if (!isToken(address) && isCatchAll(address)) {
      verdicts.push(`${prop}.destinationAddresses must not contain a catch-all; got '${address}'. Name the ranges or service tags the cluster needs.`);
    }
  }
  (isToken(fqdns) ? [] : fqdns).forEach((fqdn, i) => {
    const fqdnProp = `${prop}.destinationFqdns[${i}]`;
    const verdict = allowedFqdn(fqdnProp, fqdn);
    if (verdict !== undefined) {
      verdicts.push(verdict);
    } else if (!isToken(fqdn) && fqdn.startsWith("*.")) {
      verdicts.push(
        `${fqdnProp} must be an exact host name: Azure Firewall does not support wildcards in network rules; got '${fqdn}'. List the hosts, or use allowedFqdns for HTTPS.`,
      );
    }
  });
  if (!isToken(rule.protocols) && rule.protocols.length === 0) {
    verdicts.push(`${prop}.protocols must not be empty: list the protocols the service uses, e.g. ['UDP'].`);
  }
  if (!isToken(rule.destinationPorts) && rule.destinationPorts.length === 0) {
    verdicts.push(`${prop}.destinationPorts must not be empty: list the ports the service uses, e.g. ['123'].`);
  }
  for (const port of isToken(rule.destinationPorts) ? [] : rule.destinationPorts) {
    const verdict = portVerdict(`${prop}.destinationPorts`, port);
    if (verdict !== undefined) verdicts.push(verdict);
  }
  return verdicts;
}
