import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** NODE-4: paid tier with an uptime SLA. */
export const NODE_4: ComplianceRule = {
  id: "NODE-4",
  name: "PaidTierWithSla",
  title: "Paid control-plane tier with uptime SLA (Standard or Premium)",
  description:
    "The Free tier has no uptime SLA and a control plane sized for tests; the Standard tier has the SLA and scales the control plane with the cluster.",
  severity: "low",
  fix: "Leave skuTier unset (\"Standard\"). A throwaway cluster on the Free tier is an opt-out: acknowledge NODE-4 with the reason.",
  references: [R.aksPricingTiers],
  mappings: { checkov: ["CKV_AZURE_170"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) => problems(expectOneOf(config.sku_tier, "sku_tier", ["Standard", "Premium"], "Free")),
};
