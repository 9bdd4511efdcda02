import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, expectOneOf, problems } from "../terraform-json";

/** NET-6: Advanced Container Networking Services, security and observability, on the Cilium data plane. */
export const NET_6: ComplianceRule = {
  id: "NET-6",
  name: "AdvancedContainerNetworking",
  title: "Advanced Container Networking Services on: Cilium FQDN and L7 policies (security_enabled) and flow observability (observability_enabled)",
  description:
    "Plain network policies filter by address and port only, so a namespace that must reach one SaaS API has to open the whole internet on 443 and leave the rest to the cluster-wide firewall. With ACNS security, Cilium enforces egress by FQDN per namespace (CiliumNetworkPolicy toFQDNs, which SecureNamespace writes for EgressAllow.fqdns), below what the firewall allows for the whole cluster; without it, FQDN policies are blocked. Observability records the pods' network flows and DNS queries, the evidence of what a compromised pod talked to. AKS requires the Cilium data plane and Azure CNI for it.",
  severity: "medium",
  fix: "Leave HardenedCluster's withoutAdvancedNetworking unset (ACNS is on with the Cilium data plane, the default), and remove the override. In Terraform: network_profile { network_data_plane = \"cilium\", advanced_networking { security_enabled = true, observability_enabled = true } }. ACNS is billed per node; withoutAdvancedNetworking: { reason } is the opt-out, recorded as NET-6's acknowledgement.",
  references: [R.aksAdvancedNetworking, R.aksFqdnFiltering],
  mappings: {},
  resourceTypes: [CLUSTER],
  check: ({ config }) => {
    const acns = block(block(config, "network_profile") ?? {}, "advanced_networking");
    if (!acns) {
      return [
        missingBlock(
          "network_profile.advanced_networking",
          "Advanced Container Networking Services are off, so Cilium enforces no FQDN egress policy and no network flows are recorded",
        ),
      ];
    }
    // Both default to false in azurerm 4.55 (kubernetes_cluster_resource.go, advanced_networking).
    return problems(
      expectOneOf(acns.security_enabled, "network_profile.advanced_networking.security_enabled", [true], false),
      expectOneOf(acns.observability_enabled, "network_profile.advanced_networking.observability_enabled", [true], false),
    );
  },
};
