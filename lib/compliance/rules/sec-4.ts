import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, poolOf } from "../aks-json";
import { expectOneOf, isSet, problems } from "../terraform-json";

/** SEC-4: node disks encrypted with a customer-managed key, and encryption at host. */
export const SEC_4: ComplianceRule = {
  id: "SEC-4",
  name: "NodeDisksCustomerKeyAndHostEncryption",
  title: "Node disks encrypted with a customer-managed key (disk encryption set) and encryption at host on every pool",
  description:
    "The disk encryption set puts the nodes' OS and data disks under a key you control; encryption at host also encrypts temporary disks, caches and ephemeral OS disks, which otherwise stay outside disk encryption.",
  severity: "medium",
  fix: "Use ClusterEncryption.customerManagedKeys(vault) and keep hostEncryptionEnabled (true). ClusterEncryption.platformManagedKeys() is the documented opt-out: acknowledge SEC-4 (and SEC-3) with the reason. In Terraform: disk_encryption_set_id on the cluster, host_encryption_enabled = true on the default pool and every node pool.",
  references: [R.aksDiskCmk, R.aksHostEncryption],
  mappings: { checkov: ["CKV_AZURE_117", "CKV_AZURE_227"], trivy: ["AVD-AZU-0067"] },
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource) => {
    const { prefix, config } = poolOf(resource);
    return problems(
      resource.type === CLUSTER && !isSet(resource.config.disk_encryption_set_id)
        ? "disk_encryption_set_id is not set: node disks are encrypted with platform-managed keys only"
        : undefined,
      expectOneOf(config?.host_encryption_enabled, `${prefix}host_encryption_enabled`, [true], false),
    );
  },
};
