import type { ComplianceRule } from "../rule";
import { isCatchAll } from "../../private/cidr";
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
  title: "Firewall policy: DNS proxy on, threat intelligence (and IDPS on Premium) in deny mode, no catch-all allow rule; firewall logs to Log Analytics",
  description:
    "The firewall is only a control if its policy is an allow list: a rule to `*`, 0.0.0.0/0 or Internet, or to every port, turns it back into an open door. Threat intelligence (and intrusion detection on Premium) must block known-bad destinations, not only alert; the DNS proxy makes FQDN network rules resolve the addresses clients see; and the firewall's logs are the record of what left the network. A stack with no firewall (egress through a firewall run elsewhere) is not applicable.",
  severity: "high",
  fix: "Use EgressFirewall, with allowedFqdns and allowedNetworkRules naming the destinations and ports your workloads need. In Terraform: azurerm_firewall_policy with dns { proxy_enabled = true }, threat_intelligence_mode = \"Deny\" (Premium: intrusion_detection { mode = \"Deny\" }); Allow rules with named destinations and ports; the firewall with firewall_policy_id and an azurerm_monitor_diagnostic_setting sending allLogs (or the application and network rule categories) to a Log Analytics workspace.",
  seeds: ["001"],
  mappings: { checkov: ["CKV_AZURE_219", "CKV_AZURE_220"] },
  resourceTypes: [FIREWALL, FIREWALL_POLICY, RULE_COLLECTION_GROUP],
  check: (resource, stack) => {
    if (resource.type === FIREWALL_POLICY) return checkPolicy(resource.config);
    if (resource.type === RULE_COLLECTION_GROUP) return checkRuleCollections(resource.config);
    return checkFirewall(resource, stack);
  },
};

function checkPolicy(policy: JsonObject): string[] {
  const premium = typeof policy.sku === "string" && policy.sku.toLowerCase() === "premium";
  return problems(
    expectOneOf(block(policy, "dns")?.proxy_enabled, "dns.proxy_enabled", [true], false),
    expectOneOf(policy.threat_intelligence_mode, "threat_intelligence_mode", ["Deny"], "Alert"),
    premium ? expectOneOf(block(policy, "intrusion_detection")?.mode, "intrusion_detection.mode", ["Deny"]) : undefined,
  );
}

function checkRuleCollections(group: JsonObject): string[] {
  const found: string[] = [];
  for (const collection of allowCollections(group.application_rule_collection)) {
    for (const rule of blocks(collection.rule)) {
      const where = `application rule ${show(rule.name)} of collection ${show(collection.name)}`;
      found.push(...catchAllDestinations(where, rule, ["destination_fqdns", "destination_addresses", "destination_urls"]));
    }
  }
  for (const collection of allowCollections(group.network_rule_collection)) {
    for (const rule of blocks(collection.rule)) {
      const where = `network rule ${show(rule.name)} of collection ${show(collection.name)}`;
      found.push(...catchAllDestinations(where, rule, ["destination_addresses", "destination_fqdns"]));
      for (const port of listOf(rule.destination_ports)) {
        if (isExpression(port)) {
          found.push(`${where} allows destination port ${show(port)}, known only when Terraform runs`);
        } else if (allPorts(port)) {
          found.push(`${where} allows every destination port (${show(port)}); list the ports the service uses`);
        }
      }
    }
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
    for (const destination of listOf(rule[attribute])) {
      if (isExpression(destination)) {
        found.push(`${where} allows ${attribute} ${show(destination)}, known only when Terraform runs, so it cannot be shown not to be a catch-all`);
      } else if (catchAll(destination)) {
        found.push(`${where} allows the catch-all ${attribute} ${show(destination)}: the firewall would let anything out`);
      }
    }
  }
  return found;
}

/** `*`, `*.com`-style single-label wildcards, and the address catch-alls (0.0.0.0/0, Internet, Any). */
function catchAll(destination: string): boolean {
  const trimmed = destination.trim();
  if (isCatchAll(trimmed)) return true;
  const host = trimmed.replace(/^[a-z]+:\/\//i, "").split("/")[0];
  return host === "*" || (host.startsWith("*.") && !host.slice(2).includes("."));
}

function allPorts(port: string): boolean {
  const trimmed = port.trim();
  return trimmed === "*" || /^(0|1)-65535$/.test(trimmed);
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
