import { clusterStack, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const POLICY = "azurerm_firewall_policy.p";
const GROUP = "azurerm_firewall_policy_rule_collection_group.g";

const policy = (config: JsonObject) => stackOf({ azurerm_firewall_policy: { p: config } });
const group = (config: JsonObject) => stackOf({ azurerm_firewall_policy_rule_collection_group: { g: config } });
const premium = { sku: "Premium", dns: { proxy_enabled: true }, threat_intelligence_mode: "Deny" };
const applicationRule = (destination: JsonObject) => ({ name: "r", protocols: [{ type: "Https", port: 443 }], source_addresses: ["10.0.0.0/8"], ...destination });
const applicationCollection = (destination: JsonObject) => ({ application_rule_collection: [{ name: "c", action: "Allow", rule: [applicationRule(destination)] }] });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a Premium policy with intrusion detection in deny mode", stack: policy({ ...premium, intrusion_detection: { mode: "Deny" } }) },
    { name: "a Standard policy: its missing intrusion detection is EGR-4's finding", stack: policy({ ...premium, sku: "Standard" }) },
    { name: "an application rule to a subdomain wildcard", stack: group(applicationCollection({ destination_fqdns: ["*.github.com"] })) },
    {
      name: "a name built from a Terraform variable under a literal domain (the regional handler of a location known at apply)",
      stack: group(applicationCollection({ destination_fqdns: ['${replace(lower(var.location), " ", "")}.handler.control.monitor.azure.com'] })),
    },
    {
      name: "a network rule whose destinations leave part of the address space out, on ports that leave one out",
      stack: group({
        network_rule_collection: [
          { name: "n", action: "Allow", rule: [{ name: "r", source_addresses: ["10.240.0.0/16"], destination_addresses: ["0.0.0.0/1", "128.0.0.0/2"], destination_ports: ["1-442", "444-65535"] }] },
        ],
      }),
    },
    {
      name: "a Deny collection may name everything",
      stack: group({ network_rule_collection: [{ name: "n", action: "Deny", rule: [{ name: "r", destination_addresses: ["*"], destination_ports: ["*"] }] }] }),
    },
    { name: "not applicable to a stack without a firewall (egress through one run elsewhere)", stack: clusterStack(), checks: [] },
  ],
  failing: [
    {
      name: "override the policy's threat intelligence to alert only",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_firewall_policy").override("threat_intelligence_mode", "Alert") },
      failures: [{ address: /^azurerm_firewall_policy\.EgressFirewall_Policy_[0-9A-F]{8}$/, problems: ["threat_intelligence_mode is 'Alert'; it must be 'Deny'"] }],
    },
    {
      name: "override a network rule to everything on every port",
      stack: {
        defaults: "azure",
        change: (s) =>
          s
            .resource("azurerm_firewall_policy_rule_collection_group")
            .override("network_rule_collection.0.rule.0.destination_addresses", ["0.0.0.0/0"])
            .override("network_rule_collection.0.rule.0.destination_ports.0", "*"),
      },
      failures: [
        {
          address: /^azurerm_firewall_policy_rule_collection_group\./,
          problems: [
            /network rule 'azure-monitor' of collection 'aks-required-network' allows the catch-all destination_addresses '0\.0\.0\.0\/0'/,
            "network rule 'azure-monitor' of collection 'aks-required-network' allows every destination port ('*'); list the ports the service uses",
          ],
        },
      ],
    },
    {
      name: "override the firewall's diagnostic setting to DNS logs only",
      stack: {
        defaults: "azure",
        change: (s) =>
          s.resource("azurerm_monitor_diagnostic_setting", "EgressFirewall_Logs").override("enabled_log.0.category_group", undefined).override("enabled_log.0.category", "AZFWDnsQuery"),
      },
      failures: [{ address: /^azurerm_firewall\.EgressFirewall_[0-9A-F]{8}$/, problems: [/the diagnostic settings of this firewall send no application rule and no network rule logs/] }],
    },
    {
      name: "missing DNS proxy and threat intelligence read as the provider's defaults",
      stack: policy({}),
      failures: [
        {
          address: POLICY,
          problems: [
            "dns.proxy_enabled is not set (the provider then deploys false); it must be true",
            "threat_intelligence_mode is not set (the provider then deploys 'Alert'); it must be 'Deny'",
          ],
        },
      ],
    },
    {
      name: "an application rule to every FQDN",
      stack: group(applicationCollection({ destination_fqdns: ["*"] })),
      failures: [{ address: GROUP, problems: ["application rule 'r' of collection 'c' allows the catch-all destination_fqdns '*': the firewall would let anything out"] }],
    },
    {
      name: "an application rule to a top-level domain wildcard",
      stack: group(applicationCollection({ destination_fqdns: ["*.com"] })),
      failures: [
        {
          address: GROUP,
          problems: ["application rule 'r' of collection 'c' allows the catch-all destination_fqdns '*.com' (every domain anyone can register under the public suffix 'com'): the firewall would let anything out"],
        },
      ],
    },
    {
      name: "a network rule to the internet on every port",
      stack: group({ network_rule_collection: [{ name: "n", action: "Allow", rule: [{ name: "r", destination_addresses: ["Internet"], destination_ports: ["1-65535"] }] }] }),
      failures: [
        {
          address: GROUP,
          problems: [
            "network rule 'r' of collection 'n' allows the catch-all destination_addresses 'Internet': the firewall would let anything out",
            "network rule 'r' of collection 'n' allows every destination port ('1-65535'); list the ports the service uses",
          ],
        },
      ],
    },
    {
      name: "application rules to wildcards over public suffixes, private ones included",
      stack: group(applicationCollection({ destination_fqdns: ["*.co.uk", "*.github.io"] })),
      failures: [
        {
          address: GROUP,
          problems: [
            "application rule 'r' of collection 'c' allows the catch-all destination_fqdns '*.co.uk' (every domain anyone can register under the public suffix 'co.uk'): the firewall would let anything out",
            "application rule 'r' of collection 'c' allows the catch-all destination_fqdns '*.github.io' (every domain anyone can register under the public suffix 'github.io'): the firewall would let anything out",
          ],
        },
      ],
    },
    {
      name: "a name built from a Terraform variable under a public suffix only",
      stack: group(applicationCollection({ destination_fqdns: ["${var.name}.co.uk"] })),
      failures: [{ address: GROUP, problems: [/allows destination_fqdns '\$\{var\.name\}\.co\.uk', known only when Terraform runs/] }],
    },
    {
      name: "a network rule whose destinations and ports are catch-alls split in parts",
      stack: group({
        network_rule_collection: [
          { name: "n", action: "Allow", rule: [{ name: "r", destination_addresses: ["0.0.0.0/1", "128.0.0.0/1"], destination_ports: ["1-1024", "1025-65535"] }] },
        ],
      }),
      failures: [
        {
          address: GROUP,
          problems: [
            "network rule 'r' of collection 'n' allows destination_addresses that add up to a catch-all ('0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)): the firewall would let anything out",
            "network rule 'r' of collection 'n' allows every destination port ('1-1024' + '1025-65535', together 1-65535); list the ports the service uses",
          ],
        },
      ],
    },
    {
      name: "override the library's network rule to half the address space, and add a rule with the other half",
      stack: {
        defaults: "azure",
        change: (s) =>
          s
            .resource("azurerm_firewall_policy_rule_collection_group")
            .override("network_rule_collection.0.rule.0.destination_addresses", ["0.0.0.0/1"])
            .override("network_rule_collection.0.rule.1", {
              name: "other-half",
              protocols: ["TCP"],
              source_addresses: ["10.240.0.0/16"],
              destination_addresses: ["128.0.0.0/1"],
              destination_ports: ["443"],
            }),
      },
      failures: [
        {
          address: /^azurerm_firewall_policy_rule_collection_group\./,
          problems: ["the Allow network rules' destination_addresses add up to a catch-all across rules ('0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)): the firewall would let anything out"],
        },
      ],
    },
    {
      name: "override a rule's sources to every address, split in parts",
      stack: {
        defaults: "azure",
        change: (s) => s.resource("azurerm_firewall_policy_rule_collection_group").override("network_rule_collection.0.rule.0.source_addresses", ["0.0.0.0/1", "128.0.0.0/1"]),
      },
      failures: [
        {
          address: /^azurerm_firewall_policy_rule_collection_group\./,
          problems: [
            /^network rule 'azure-monitor' of collection 'aks-required-network' allows source_addresses .*'0\.0\.0\.0\/1' \+ '128\.0\.0\.0\/1' \(together every IPv4 address\), every source: name the networks whose egress it serves$/,
          ],
        },
      ],
    },
    {
      name: "a firewall without a policy or logs",
      stack: stackOf({ azurerm_firewall: { f: { name: "afw" } } }),
      failures: [{ address: "azurerm_firewall.f", problems: [/^firewall_policy_id is not set/, /^no azurerm_monitor_diagnostic_setting in the stack sends this firewall's logs/] }],
    },
  ],
};
