import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, poolOf } from "../aks-json";
import { block, expectOneOf, isSet, problems } from "../terraform-json";

/** NET-1: Azure CNI in a VNet the library lays out or the user brings. */
export const NET_1: ComplianceRule = {
  id: "NET-1",
  name: "AzureCniInVnet",
  title: "Azure CNI in a laid-out VNet: network_plugin azure, vnet_subnet_id on every pool",
  description:
    "Nodes live in subnets you own, with their NSGs and routes (NET-3, EGR-1), and Azure CNI with a network policy engine (NET-2); kubenet and AKS-managed networks allow neither.",
  severity: "medium",
  fix: "HardenedCluster always sets network_profile.network_plugin = \"azure\" and the pools' subnets; remove the override. In Terraform: network_profile { network_plugin = \"azure\" } and vnet_subnet_id on the default pool and every node pool.",
  references: [R.aksCniOverview, R.aksCniOverlay],
  mappings: {},
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource) => {
    const pool = poolOf(resource);
    const subnet = isSet(pool.config?.vnet_subnet_id)
      ? undefined
      : `${pool.prefix}vnet_subnet_id is not set: the nodes would go into a network AKS creates, outside your NSGs and routes`;
    if (resource.type !== CLUSTER) return problems(subnet);
    const profile = block(resource.config, "network_profile");
    return problems(expectOneOf(profile?.network_plugin, "network_profile.network_plugin", ["azure"]), subnet);
  },
};
