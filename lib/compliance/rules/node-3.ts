import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, poolOf } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** The OS images of the Azure Linux family (CBL-Mariner was its earlier name). */
const AZURE_LINUX_SKUS = ["AzureLinux", "AzureLinux3", "CBLMariner", "Mariner"];

/** NODE-3: ephemeral OS disks and Azure Linux. */
export const NODE_3: ComplianceRule = {
  id: "NODE-3",
  name: "EphemeralOsDiskAzureLinux",
  title: "Ephemeral OS disks and a hardened OS image (Azure Linux)",
  description:
    "Ephemeral OS disks keep node state off Azure Storage and reimage fast; Azure Linux is a minimal image with a small attack surface, patched by AKS.",
  severity: "low",
  fix: "Keep the pools' defaults osDiskType \"Ephemeral\" and osSku \"AzureLinux\". A VM size without a local disk (osDiskType: \"Managed\") or another image is an opt-out: acknowledge NODE-3 with the reason.",
  references: [R.aksStorageConcepts, R.aksAzureLinux],
  mappings: { checkov: ["CKV_AZURE_226"] },
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource) => {
    const { prefix, config } = poolOf(resource);
    return problems(
      expectOneOf(config?.os_disk_type, `${prefix}os_disk_type`, ["Ephemeral"], "Managed"),
      expectOneOf(config?.os_sku, `${prefix}os_sku`, AZURE_LINUX_SKUS),
    );
  },
};
