import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { block, expectOneOf, problems, type JsonObject } from "../terraform-json";

const FIREWALL = "azurerm_firewall";
const FIREWALL_POLICY = "azurerm_firewall_policy";

/** EGR-4: Azure Firewall Premium with intrusion detection in deny mode. */
export const EGR_4: ComplianceRule = {
  id: "EGR-4",
  name: "FirewallIntrusionDetectionDeny",
  title: "Egress firewall on the Premium tier with intrusion detection (IDPS) in deny mode",
  description:
    "An allow list decides where traffic may go, not what it carries: a workload that is compromised can still exfiltrate over an allowed destination, and an allowed host can serve an exploit. Azure Firewall Premium's IDPS matches signatures of exploits, malware and command-and-control on every port and protocol of unencrypted traffic (TLS inspection is not needed for that) and, in deny mode, drops what it matches. Standard has no IDPS; Premium in alert mode only logs. Microsoft's AKS baseline runs Premium with IDPS in deny mode. A stack with no firewall is not applicable.",
  severity: "medium",
  fix: "Leave EgressFirewall's withoutIntrusionDetection unset (Premium, IDPS Deny), or acknowledge EGR-4 by giving it { reason }. In Terraform: azurerm_firewall_policy with sku = \"Premium\" and intrusion_detection { mode = \"Deny\" }, and the firewall with sku_tier = \"Premium\".",
  references: [R.firewallPremium, R.firewallForAks],
  mappings: { checkov: ["CKV_AZURE_220"] },
  resourceTypes: [FIREWALL, FIREWALL_POLICY],
  check: ({ type, config }) => (type === FIREWALL_POLICY ? checkPolicy(config) : problems(expectOneOf(config.sku_tier, "sku_tier", ["Premium"]))),
};

function checkPolicy(policy: JsonObject): string[] {
  // The provider's default tier is Standard (firewall_policy_resource.go@v4.55.0, `sku`).
  const tier = expectOneOf(policy.sku, "sku", ["Premium"], "Standard");
  // IDPS is a Premium feature: on a Standard policy the tier is the one finding.
  if (tier !== undefined) return [tier];
  return problems(expectOneOf(block(policy, "intrusion_detection")?.mode, "intrusion_detection.mode", ["Deny"]));
}
