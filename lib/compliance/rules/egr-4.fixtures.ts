import { clusterStack, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const POLICY = "azurerm_firewall_policy.p";
const FIREWALL = "azurerm_firewall.f";

const policy = (config: JsonObject) => stackOf({ azurerm_firewall_policy: { p: config } });
const firewall = (config: JsonObject) => stackOf({ azurerm_firewall: { f: { sku_name: "AZFW_VNet", ...config } } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a Premium policy with intrusion detection in deny mode", stack: policy({ sku: "Premium", intrusion_detection: { mode: "Deny" } }) },
    { name: "a Premium firewall", stack: firewall({ sku_tier: "Premium" }) },
    { name: "not applicable to a stack without a firewall (egress through one run elsewhere)", stack: clusterStack(), checks: [] },
  ],
  failing: [
    {
      name: "override the policy's intrusion detection to alert only",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_firewall_policy").override("intrusion_detection.mode", "Alert") },
      failures: [{ address: /^azurerm_firewall_policy\.EgressFirewall_Policy_[0-9A-F]{8}$/, problems: ["intrusion_detection.mode is 'Alert'; it must be 'Deny'"] }],
    },
    {
      name: "a Premium policy without intrusion detection",
      stack: policy({ sku: "Premium" }),
      failures: [{ address: POLICY, problems: ["intrusion_detection.mode is not set; it must be 'Deny'"] }],
    },
    {
      name: "a policy that leaves the tier at the provider's default, Standard",
      stack: policy({ intrusion_detection: { mode: "Deny" } }),
      failures: [{ address: POLICY, problems: ["sku is not set (the provider then deploys 'Standard'); it must be 'Premium'"] }],
    },
    {
      name: "a Standard firewall",
      stack: firewall({ sku_tier: "Standard" }),
      failures: [{ address: FIREWALL, problems: ["sku_tier is 'Standard'; it must be 'Premium'"] }],
    },
  ],
};
