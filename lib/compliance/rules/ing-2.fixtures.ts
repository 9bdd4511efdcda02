import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const POLICY = "azurerm_web_application_firewall_policy.w";
const bots = { type: "Microsoft_BotManagerRuleSet", version: "1.1" };

const waf = (managed: JsonObject[]) =>
  stackOf({
    azurerm_web_application_firewall_policy: {
      w: { policy_settings: { enabled: true, mode: "Prevention", request_body_check: true }, managed_rules: { managed_rule_set: managed } },
    },
  });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "Microsoft_DefaultRuleSet 2.2 and the bot manager", stack: waf([{ type: "Microsoft_DefaultRuleSet", version: "2.2" }, bots]) },
    { name: "OWASP 3.2 as the provider's default type", stack: waf([{ version: "3.2" }, bots]) },
  ],
  failing: [
    {
      name: "override request body inspection off",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_web_application_firewall_policy").override("policy_settings.request_body_check", false) },
      failures: [{ address: /^azurerm_web_application_firewall_policy\./, problems: ["policy_settings.request_body_check is false; it must be true"] }],
    },
    {
      name: "a retired core rule set (OWASP 3.1)",
      stack: waf([{ type: "OWASP", version: "3.1" }, bots]),
      failures: [{ address: POLICY, problems: [/no current core rule set .*got \[OWASP '3\.1', Microsoft_BotManagerRuleSet '1\.1'\]/] }],
    },
    {
      name: "a Front Door rule set (Microsoft_DefaultRuleSet 2.0)",
      stack: waf([{ type: "Microsoft_DefaultRuleSet", version: "2.0" }, bots]),
      failures: [{ address: POLICY, problems: [/no current core rule set .*got \[Microsoft_DefaultRuleSet '2\.0', Microsoft_BotManagerRuleSet '1\.1'\]/] }],
    },
  ],
};
