// The egress allow-list: what an AKS cluster with the library's add-ons needs to reach, and
// the rules a user's own additions must obey. Pure data and functions, tested directly.
import { regionEndpointName } from "../private/names";
import { catchAllIn, parseAddressRange, parseIpv4Address, portsCoverAll } from "../private/cidr";
import { boundedByLiteralDomain, wildcardPublicSuffix } from "../private/domains";
import { unverifiable } from "./validate-egress";
import { describe, isToken, oneOf, optionalList, required, type Verdict } from "../private/validate";
import {
  AZURE_MONITOR_FQDNS,
  AZURE_MONITOR_REGIONAL_HANDLER_SUFFIX,
  AZURE_MONITOR_SERVICE_TAG,
  AZURE_POLICY_FQDNS,
  DEFENDER_FQDNS,
  KEY_VAULT_CSI_FQDNS,
  WORKLOAD_IDENTITY_FQDNS,
} from "../facts";
import { deepFreeze } from "../private/freeze";

/** An application (FQDN) rule: HTTPS to the listed names. */
export interface EgressFqdnRule {
  /** Rule name, unique in its collection. */
  readonly name: string;
  /** Fully qualified domain names; `*.example.com` allowed, `*` and wildcards over public suffixes (`*.com`, `*.co.uk`) are not. */
  readonly fqdns: readonly string[];
  /** Why the cluster needs them, kept in the rule's description. */
  readonly description: string;
}

/** A network rule for non-HTTP traffic, to named hosts or specific addresses. */
export interface EgressNetworkRule {
  /** Rule name, unique in its collection. */
  readonly name: string;
  /** Protocols, e.g. `["UDP"]`. `Any` is rejected: name the protocols. */
  readonly protocols: readonly (typeof NETWORK_RULE_PROTOCOLS)[number][];
  /**
   * Destination ports, e.g. `["123"]` or `["8000-8080"]`. `*`, and lists that together open
   * every port, are rejected.
   */
  readonly destinationPorts: readonly string[];
  /**
   * Destination FQDNs (resolved by the firewall's DNS proxy). Exact names only: Azure
   * Firewall does not support wildcards in network rules.
   *
   * @default - none
   */
  readonly destinationFqdns?: readonly string[];
  /**
   * Destination IPv4 addresses, CIDRs, `first-last` ranges or service tags. Catch-alls
   * (`*`, `0.0.0.0/0`, `Internet`), and lists that together cover every address, are rejected.
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
 * @param location the cluster's region: Azure Monitor's regional control handler is
 *   `<region>.handler.control.monitor.azure.com`. A location known only when Terraform runs
 *   (a variable) becomes a Terraform expression for that name, never read at synth.
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


/**
 * Protocols a user network rule may allow: Azure Firewall's network rule protocols
 * (`azurerm_firewall_policy_rule_collection_group`: Any, TCP, UDP, ICMP) without `Any`,
 * which is every protocol.
 */
export const NETWORK_RULE_PROTOCOLS = deepFreeze(["TCP", "UDP", "ICMP"]);

const FQDN_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
// The top-level label is letters, or an internationalized one in its ASCII form (`xn--p1ai`).
const FQDN = new RegExp(`^(?:\\*\\.)?(?:${FQDN_LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$`, "i");

/**
 * A user FQDN: a valid name, at most one leading `*.`, and no wildcard over a public suffix
 * (`*.com`, `*.co.uk`, `*.github.io`, `*.blob.core.windows.net`: the public suffix list, its
 * private part included), which would allow every domain anyone can register there.
 *
 * @internal
 */
export function allowedFqdn(prop: string, fqdn: string): Verdict {
  if (isToken(fqdn)) {
    return boundedByLiteralDomain(fqdn)
      ? undefined
      : `${prop} must be written in the code, or end in a fixed domain (\`\${var.region}.api.example.com\`): EGR-2 shows at synth that no egress destination is a catch-all, and a name known only when Terraform runs cannot be shown so.`;
  }
  if (typeof fqdn !== "string") return `${prop} must be a fully qualified domain name such as 'api.example.com'; got ${describe(fqdn)}.`;
  const suffix = wildcardPublicSuffix(fqdn);
  if (suffix !== undefined) {
    const reach = suffix === "*" ? "every destination" : `every domain anyone can register under '${suffix}' (a public suffix)`;
    return `${prop} must not be a catch-all wildcard; got '${fqdn}', which allows ${reach}. Name the hosts (api.example.com) or one domain's subdomains (*.example.com).`;
  }
  if (fqdn.length > 253 || !FQDN.test(fqdn)) {
    return `${prop} must be a fully qualified domain name such as 'api.example.com' or '*.example.com'; got '${fqdn}'.`;
  }
  return undefined;
}

/**
 * Rule names as Azure Firewall policies take them: the provider's FirewallPolicyRuleName
 * pattern (letters, digits, underscores, periods, hyphens; a letter or digit first; a letter,
 * digit or underscore last), one character allowed.
 */
const RULE_NAME = /^[a-zA-Z0-9](?:[\w.-]*\w)?$/;

/** A network rule's name: Azure refuses an empty one at apply. */
function firewallRuleName(prop: string, name: unknown): Verdict {
  return (
    required(prop, name, "string", "'corporate-dns'") ??
    (isToken(name) || RULE_NAME.test(name as string)
      ? undefined
      : `${prop} must be letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore (Azure Firewall's rule for rule names); got ${describe(name)}.`)
  );
}

/**
 * Ports as the provider's PortOrPortRangeWithin(1, 65535) takes them: a port, or a range
 * whose first port is lower than its last, with nothing around them.
 */
const PORT_OR_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;


function portVerdict(prop: string, port: unknown): Verdict {
  if (isToken(port)) return unverifiable(prop, "'443'");
  if (port === "*") return `${prop} must not open every port; got '*'. List the ports the service uses.`;
  const m = typeof port === "string" ? PORT_OR_RANGE.exec(port) : null;
  const from = m ? Number(m[1]) : NaN;
  const to = m?.[2] !== undefined ? Number(m[2]) : from;
  if (!m || from < 1 || to > 65535 || (m[2] !== undefined && from >= to)) {
    const hint = typeof port === "number" ? ` Write it as the string '${port}'.` : "";
    return `${prop} must be a port from 1 to 65535 as a string, such as '123', or a range whose first port is lower than its last, such as '8000-8080'; got ${describe(port)}.${hint}`;
  }
  return undefined;
}

/** An Azure service tag, optionally regional: `AzureMonitor`, `AzureCloud.WestEurope`. */
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)?$/;

/** An IPv4 range written `first-last`, as Azure Firewall takes it. */
function ipv4Span(text: string): [number, number] | undefined {
  const [first, last, ...rest] = text.split("-");
  if (last === undefined || rest.length > 0) return undefined;
  const a = parseIpv4Address(first);
  const b = parseIpv4Address(last);
  return a !== undefined && b !== undefined && a <= b ? [a, b] : undefined;
}

/** The CIDR blocks that make up a `first-last` range, so range entries count in a union. */
function spanAsCidrs([first, last]: [number, number]): string[] {
  const blocks: string[] = [];
  let start = first;
  while (start <= last) {
    let size = 1;
    while (start % (size * 2) === 0 && start + size * 2 - 1 <= last) size *= 2;
    const address = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join(".");
    blocks.push(`${address}/${32 - Math.log2(size)}`);
    start += size;
  }
  return blocks;
}

/**
 * Destination addresses of a user network rule: each an IPv4 address, CIDR, `first-last`
 * range or service tag, and none of them, nor all of them together, every address (`*`,
 * `Internet`, `0.0.0.0/0`, or `0.0.0.0/1` + `128.0.0.0/1`).
 */
function destinationAddressVerdicts(prop: string, addresses: readonly unknown[]): Verdict[] {
  if (isToken(addresses)) return [unverifiable(prop, "['10.50.0.0/24']")];
  const verdicts: Verdict[] = [];
  const literal: string[] = [];
  const asCidrs: string[] = [];
  addresses.forEach((address, i) => {
    if (isToken(address)) {
      verdicts.push(unverifiable(`${prop}[${i}]`, "'10.50.0.0/24'"));
      return;
    }
    const span = typeof address === "string" ? ipv4Span(address) : undefined;
    const known = typeof address === "string" && (parseAddressRange(address)?.version === 4 || span !== undefined || SERVICE_TAG.test(address) || address === "*");
    if (!known) {
      verdicts.push(
        `${prop}[${i}] must be an IPv4 address ('10.50.0.4'), CIDR ('10.50.0.0/24'), range ('10.50.0.4-10.50.0.8') or service tag ('AzureMonitor', 'Storage.WestEurope'); got ${describe(address)}.`,
      );
      return;
    }
    literal.push(address as string);
    asCidrs.push(...(span ? spanAsCidrs(span) : [address as string]));
  });
  const catchAll = catchAllIn(literal) ?? (catchAllIn(asCidrs) !== undefined ? `${literal.map((a) => `'${a}'`).join(" + ")} (together every IPv4 address)` : undefined);
  if (catchAll !== undefined) {
    verdicts.push(`${prop} must not contain or add up to a catch-all; got ${catchAll}. Name the ranges or service tags the cluster needs.`);
  }
  return verdicts;
}

/**
 * A user network rule: a valid name, at least one destination, protocol and port; no
 * catch-all destination or port, whether one entry or the entries together; destination
 * FQDNs exact (network rules take no wildcards).
 *
 * @internal
 */
export function networkRuleVerdicts(prop: string, rule: EgressNetworkRule): Verdict[] {
  const shape = required(prop, rule, "object", "{ name: 'corporate-dns', protocols: ['UDP'], destinationPorts: ['53'], destinationAddresses: ['10.50.0.4'], description: '...' }");
  if (shape !== undefined) return [shape];
  const listShape = (name: string, value: unknown, optional: boolean): Verdict => {
    const example = name === "protocols" ? "['UDP']" : name === "destinationPorts" ? "['123']" : name === "destinationFqdns" ? "['time.example.com']" : "['10.50.0.4']";
    return optional ? optionalList(`${prop}.${name}`, value, example) : required(`${prop}.${name}`, value, "array", example);
  };
  const shapes = [
    firewallRuleName(`${prop}.name`, rule.name),
    required(`${prop}.description`, rule.description, "string", "'Corporate DNS resolvers'"),
    listShape("protocols", rule.protocols, false),
    listShape("destinationPorts", rule.destinationPorts, false),
    listShape("destinationAddresses", rule.destinationAddresses, true),
    listShape("destinationFqdns", rule.destinationFqdns, true),
  ].filter((v): v is string => v !== undefined);
  if (shapes.length > 0) return shapes;

  const verdicts: Verdict[] = [];
  const addresses = rule.destinationAddresses ?? [];
  const fqdns = rule.destinationFqdns ?? [];
  if (!isToken(addresses) && !isToken(fqdns) && addresses.length + fqdns.length === 0) {
    verdicts.push(`${prop} needs destinationAddresses or destinationFqdns: a rule with no destination would allow everything.`);
  }
  verdicts.push(...destinationAddressVerdicts(`${prop}.destinationAddresses`, addresses));
  if (isToken(fqdns)) verdicts.push(unverifiable(`${prop}.destinationFqdns`, "['time.windows.com']"));
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
  if (!isToken(rule.protocols)) {
    if (rule.protocols.length === 0) verdicts.push(`${prop}.protocols must not be empty: list the protocols the service uses, e.g. ['UDP'].`);
    rule.protocols.forEach((protocol, i) =>
      verdicts.push(
        oneOf(
          `${prop}.protocols[${i}]`,
          protocol,
          NETWORK_RULE_PROTOCOLS,
          (protocol as string) === "Any" ? "'Any' would allow every protocol: list the ones the service uses." : undefined,
        ),
      ),
    );
  }
  const ports = rule.destinationPorts;
  if (isToken(ports)) verdicts.push(unverifiable(`${prop}.destinationPorts`, "['123']"));
  if (!isToken(ports)) {
    if (ports.length === 0) verdicts.push(`${prop}.destinationPorts must not be empty: list the ports the service uses, e.g. ['123'].`);
    ports.forEach((port, i) => verdicts.push(portVerdict(`${prop}.destinationPorts[${i}]`, port)));
    const literal = ports.filter((port) => !isToken(port));
    if (!literal.includes("*") && portsCoverAll(literal)) {
      const got = literal.length === 1 ? `'${literal[0]}'` : `${literal.map((p) => `'${p}'`).join(" + ")} (together 1-65535)`;
      verdicts.push(`${prop}.destinationPorts must not open every port, alone or together; got ${got}. List the ports the service uses.`);
    }
  }
  return verdicts.filter((v): v is string => v !== undefined);
}
