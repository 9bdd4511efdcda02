import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { BOT_MANAGER_RULE_SET, CURRENT_CORE_RULE_SETS } from "../../facts";
import { block, blocks, expectOneOf, problems, show } from "../terraform-json";

export const WAF_POLICY = "azurerm_web_application_firewall_policy";

/** ING-2: WAF policy in Prevention mode with current managed rule sets and body inspection. */
export const ING_2: ComplianceRule = {
  id: "ING-2",
  name: "WafPreventionCurrentRuleSets",
  title: "WAF policy enabled in Prevention mode, with request body inspection, a current core rule set and the bot manager",
  description:
    "In Detection mode the WAF only logs attacks it sees; without body inspection it does not see injection in POST bodies; an outdated core rule set misses current attack patterns, and without the bot manager known malicious bots pass.",
  severity: "high",
  fix: "Keep WafIngress's defaults (wafMode \"Prevention\", DEFAULT_MANAGED_RULE_SETS). Detection while tuning exclusions is an opt-out: acknowledge ING-2 with the reason and an end date. In Terraform: policy_settings { enabled = true, mode = \"Prevention\", request_body_check = true } and managed_rules with Microsoft_DefaultRuleSet 2.1 or 2.2 (or OWASP 3.2) and Microsoft_BotManagerRuleSet.",
  references: [R.wafOverview, R.wafPolicy, R.wafBotProtection],
  mappings: { checkov: ["CKV_AZURE_122"] },
  resourceTypes: [WAF_POLICY],
  check: ({ config }) => {
    const settings = block(config, "policy_settings");
    const sets = blocks(block(config, "managed_rules")?.managed_rule_set);
    const type = (set: { type?: unknown }) => (typeof set.type === "string" ? set.type : "OWASP"); // the provider's default type
    const current = sets.some((set) => CURRENT_CORE_RULE_SETS[type(set)]?.includes(String(set.version)));
    return problems(
      expectOneOf(settings?.enabled, "policy_settings.enabled", [true]),
      expectOneOf(settings?.mode, "policy_settings.mode", ["Prevention"]),
      expectOneOf(settings?.request_body_check, "policy_settings.request_body_check", [true]),
      current
        ? undefined
        : `managed_rules has no current core rule set (Microsoft_DefaultRuleSet 2.1 or 2.2, or OWASP 3.2); got [${sets.map((set) => `${type(set)} ${show(set.version)}`).join(", ")}]`,
      sets.some((set) => type(set) === BOT_MANAGER_RULE_SET) ? undefined : `managed_rules has no ${BOT_MANAGER_RULE_SET}: known malicious bots are not blocked`,
    );
  },
};
