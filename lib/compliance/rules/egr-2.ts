import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { catchAllIn, isCatchAll, portsCoverAll } from "../../private/cidr";
import { boundedByLiteralDomain, wildcardPublicSuffix } from "../../private/domains";
import { ALL_LOGS_CATEGORY_GROUP } from "../../facts";
import {
  block,
  blocks,
  expectOneOf,
  isExpression,
  isSet,
  problems,
  refersTo,
  resourcesOfType,
  show,
  type JsonObject,
  type TerraformResource,
} from "../terraform-json";

export const FIREWALL = "azurerm_firewall";
export const FIREWALL_POLICY = "azurerm_firewall_policy";
export const RULE_COLLECTION_GROUP = "azurerm_firewall_policy_rule_collection_group";

/** Log categories of Azure Firewall's application and network rules (resource-specific and legacy). */
const RULE_LOG_CATEGORIES = {
  application: ["azfwapplicationrule", "azurefirewallapplicationrule"],
  network: ["azfwnetworkrule", "azurefirewallnetworkrule"],
};

/** EGR-2: the firewall allows only listed destinations, filters threats, and logs. */
export const EGR_2: ComplianceRule = {
  id: "EGR-2",
  name: "FirewallAllowListOnly",
  title: "Firewall policy: DNS proxy on, threat intelligence in deny mode, no catch-all allow rule; firewall logs to Log Analytics",
  description:
    "The firewall is only a control if its policy is an allow list: a rule to `*`, 0.0.0.0/0 or Internet, to a wildcard over a public suffix (`*.com`, `*.co.uk`, `*.github.io`), from every source, or to every port, turns it back into an open door, and so do lists that add up to one (`0.0.0.0/1` + `128.0.0.0/1`, ports `1-1024` + `1025-65535`, halves in two rules). Threat intelligence must block known-bad destinations, not only alert (intrusion detection is EGR-4's); the DNS proxy makes FQDN network rules resolve the addresses clients see; and the firewall's logs are the record of what left the network. A stack with no firewall (egress through a firewall run elsewhere) is not applicable.",
  severity: "high",
  fix: "Use EgressFirewall, with allowedFqdns and allowedNetworkRules naming the destinations and ports your workloads need. In Terraform: azurerm_firewall_policy with dns { proxy_enabled = true }, threat_intelligence_mode = \"Deny\"; Allow rules with named destinations and ports; the firewall with firewall_policy_id and an azurerm_monitor_diagnostic_setting sending allLogs (or the application and network rule categories) to a Log Analytics workspace.",
  references: [R.aksLimitEgress, R.aksOutboundRules, R.firewallDnsProxy, R.firewallThreatIntel],
  mappings: { checkov: ["CKV_AZURE_219"] },
  resourceTypes: [FIREWALL, FIREWALL_POLICY, RULE_COLLECTION_GROUP],
  check: (resource, stack) => {
    if (resource.type === FIREWALL_POLICY) return checkPolicy(resource.config);
    if (resource.type === RULE_COLLECTION_GROUP) return checkRuleCollections(resource.config);
    return checkFirewall(resource, stack);
  },
};

function checkPolicy(policy: JsonObject): string[] {
  return problems(
    expectOneOf(block(policy, "dns")?.proxy_enabled, "dns.proxy_enabled", [true], false),
    expectOneOf(policy.threat_intelligence_mode, "threat_intelligence_mode", ["Deny"], "Alert"),
  );
}

function checkRuleCollections(group: JsonObject): string[] {
  const found: string[] = [];
  for (const collection of allowCollections(group.application_rule_collection)) {
    for (const rule of blocks(collection.rule)) {
      const where = `application rule ${show(rule.name)} of collection ${show(collection.name)}`;
      found.push(...catchAllDestinations(where, rule, ["destination_fqdns", "destination_addresses", "destination_urls"]), ...catchAllSources(where, rule));
    }
  }
  const networkDestinations: string[] = [];
  for (const collection of allowCollections(group.network_rule_collection)) {
    for (const rule of blocks(collection.rule)) {
      const where = `network rule ${show(rule.name)} of collection ${show(collection.name)}`;
      found.push(...catchAllDestinations(where, rule, ["destination_addresses", "destination_fqdns"]), ...catchAllSources(where, rule));
      networkDestinations.push(...listOf(rule.destination_addresses).filter((address) => !isExpression(address)));
      const ports = listOf(rule.destination_ports);
      for (const port of ports) {
        if (isExpression(port)) found.push(`${where} allows destination port ${show(port)}, known only when Terraform runs`);
      }
      const literal = ports.filter((port) => !isExpression(port));
      if (portsCoverAll(literal)) {
        const got = literal.length === 1 ? show(literal[0]) : `${literal.map((port) => show(port)).join(" + ")}, together 1-65535`;
        found.push(`${where} allows every destination port (${got}); list the ports the service uses`);
      }
    }
  }
  // Rules that each name part of the address space can together name all of it.
  const together = catchAllIn(networkDestinations);
  if (together !== undefined && !found.some((problem) => problem.includes("destination_addresses") && problem.includes("catch-all"))) {
    found.push(`the Allow network rules' destination_addresses add up to a catch-all across rules (${together}): the firewall would let anything out`);
  }
  return found;
}

/** Collections whose action is Allow (Deny collections may well name everything). */
function allowCollections(value: unknown): JsonObject[] {
  return blocks(value).filter((collection) => typeof collection.action !== "string" || collection.action.toLowerCase() === "allow");
}

function catchAllDestinations(where: string, rule: JsonObject, attributes: readonly string[]): string[] {
  const found: string[] = [];
  for (const attribute of attributes) {
    const entries = listOf(rule[attribute]);
    for (const destination of entries) {
      if (isExpression(destination)) {
        if (!boundedByLiteralDomain(destination)) {
          found.push(`${where} allows ${attribute} ${show(destination)}, known only when Terraform runs, so it cannot be shown not to be a catch-all`);
        }
      } else if (catchAll(destination)) {
        found.push(`${where} allows the catch-all ${attribute} ${show(destination)}${reachOf(destination)}: the firewall would let anything out`);
      }
    }
    if (attribute === "destination_addresses" && !found.some((problem) => problem.includes(`catch-all ${attribute}`))) {
      const together = catchAllIn(entries.filter((entry) => !isExpression(entry)));
      if (together !== undefined) found.push(`${where} allows destination_addresses that add up to a catch-all (${together}): the firewall would let anything out`);
    }
  }
  return found;
}

/** An Allow rule from any source lets out networks the firewall was not meant to serve. */
function catchAllSources(where: string, rule: JsonObject): string[] {
  const together = catchAllIn(listOf(rule.source_addresses).filter((entry) => !isExpression(entry)));
  return together === undefined ? [] : [`${where} allows source_addresses ${together}, every source: name the networks whose egress it serves`];
}

/** The host of an FQDN or URL destination. */
function hostOf(destination: string): string {
  return destination.trim().replace(/^[a-z]+:\/\//i, "").split("/")[0];
}

/**
 * `*`, wildcards over a public suffix (`*.com`, `*.co.uk`, `*.github.io`: the public suffix
 * list), and the address catch-alls (0.0.0.0/0, Internet, Any).
 */
function catchAll(destination: string): boolean {
  if (isCatchAll(destination.trim())) return true;
  return wildcardPublicSuffix(hostOf(destination)) !== undefined;
}

/** What a catch-all wildcard reaches, for the message. */
function reachOf(destination: string): string {
  const suffix = wildcardPublicSuffix(hostOf(destination));
  return suffix === undefined || suffix === "*" ? "" : ` (every domain anyone can register under the public suffix '${suffix}')`;
}


/** The entries of a list attribute; a whole-list expression is one entry. */
function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((entry) => (typeof entry === "string" ? entry : JSON.stringify(entry)));
  return typeof value === "string" ? [value] : [];
}

function checkFirewall(firewall: TerraformResource, stack: JsonObject): string[] {
  const found: (string | undefined)[] = [
    isSet(firewall.config.firewall_policy_id)
      ? undefined
      : "firewall_policy_id is not set: classic rule collections are outside what this rule checks; attach an azurerm_firewall_policy",
  ];
  const settings = resourcesOfType(stack, "azurerm_monitor_diagnostic_setting").filter(
    (setting) => refersTo(setting.config.target_resource_id, firewall) && isSet(setting.config.log_analytics_workspace_id),
  );
  if (settings.length === 0) {
    found.push("no azurerm_monitor_diagnostic_setting in the stack sends this firewall's logs to a Log Analytics workspace: allowed and denied flows go unrecorded");
  } else {
    const categories = new Set<string>();
    for (const setting of settings) {
      for (const log of blocks(setting.config.enabled_log)) {
        if (typeof log.category === "string") categories.add(log.category.toLowerCase());
        if (typeof log.category_group === "string" && log.category_group.toLowerCase() === ALL_LOGS_CATEGORY_GROUP.toLowerCase()) categories.add("*");
      }
    }
    const has = (names: readonly string[]) => categories.has("*") || names.some((name) => categories.has(name));
    const missing = [
      has(RULE_LOG_CATEGORIES.application) ? undefined : "application rule",
      has(RULE_LOG_CATEGORIES.network) ? undefined : "network rule",
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) {
      found.push(`the diagnostic settings of this firewall send no ${missing.join(" and no ")} logs to Log Analytics (enabled_log: use the category group allLogs)`);
    }
  }
  return problems(...found);
}
