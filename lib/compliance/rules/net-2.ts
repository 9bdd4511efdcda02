import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { block, expectOneOf, problems } from "../terraform-json";

/** NET-2: a network policy engine. */
export const NET_2: ComplianceRule = {
  id: "NET-2",
  name: "NetworkPolicyEngine",
  title: "Network policy engine enabled (azure, calico or cilium)",
  description:
    "Without a network policy engine, Kubernetes NetworkPolicies are ignored: every pod reaches every other pod and the instance metadata endpoint.",
  severity: "medium",
  fix: "Set networkPolicy (default \"cilium\"), or remove the override. In Terraform: network_profile { network_policy = \"cilium\" } (or \"calico\", \"azure\").",
  references: [R.aksNetworkPolicies],
  mappings: {
    cisAks: ["5.4.4"],
    mcsb: ["NS-1"],
    checkov: ["CKV_AZURE_7"],
    trivy: ["AVD-AZU-0043"],
    tfsec: ["azure-container-configured-network-policy"],
  },
  resourceTypes: [CLUSTER],
  check: ({ config }) =>
    problems(expectOneOf(block(config, "network_profile")?.network_policy, "network_profile.network_policy", ["azure", "calico", "cilium"])),
};
