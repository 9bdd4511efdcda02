import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { block, isSet } from "../terraform-json";

/** OPS-4: the system pool rotates through a temporary pool instead of replacing the cluster. */
export const OPS_4: ComplianceRule = {
  id: "OPS-4",
  name: "SystemPoolRotation",
  title: "The system pool has temporary_name_for_rotation, so routine changes never replace the cluster",
  description:
    "Without a temporary pool name, changing the system pool's VM size or OS disk forces Terraform to replace the whole cluster: its data plane, identities' bindings and workloads.",
  severity: "low",
  fix: "HardenedCluster always sets default_node_pool.temporary_name_for_rotation (\"<pool>tmp\"); remove the override.",
  references: [R.azurermKubernetesCluster],
  mappings: {},
  resourceTypes: [CLUSTER],
  check: ({ config }) =>
    isSet(block(config, "default_node_pool")?.temporary_name_for_rotation)
      ? []
      : ["default_node_pool.temporary_name_for_rotation is not set: changing the system pool's VM size or OS disk would replace the cluster"],
};
