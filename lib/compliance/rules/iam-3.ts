import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, missingBlock } from "../aks-json";
import { block, blocks, expectOneOf, isExpression, isSet, problems } from "../terraform-json";

/** IAM-3: user-assigned managed identities for the control plane and the kubelet. */
export const IAM_3: ComplianceRule = {
  id: "IAM-3",
  name: "UserAssignedManagedIdentities",
  title: "User-assigned managed identities for the control plane and the kubelet; no service principal",
  description:
    "Managed identities have no secret to leak or rotate; user-assigned ones exist before the cluster, so they can be granted exactly the roles they need and survive a cluster rebuild.",
  severity: "medium",
  fix: "HardenedCluster always creates the two identities; remove the override. In Terraform: identity { type = \"UserAssigned\", identity_ids = [...] }, a kubelet_identity block, and no service_principal block.",
  references: [R.aksManagedIdentities, R.aksUserAssignedIdentity, R.aksKubeletIdentity],
  mappings: { mcsb: ["IM-3"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) => {
    const found: (string | undefined)[] = [];
    const identity = block(config, "identity");
    if (!identity) {
      found.push(missingBlock("identity", "the control plane would need a service principal secret"));
    } else {
      found.push(expectOneOf(identity.type, "identity.type", ["UserAssigned"]));
      const ids = identity.identity_ids;
      if (!isExpression(ids) && (!Array.isArray(ids) || ids.length === 0)) {
        found.push("identity.identity_ids lists no user-assigned identity");
      }
    }
    const kubelet = block(config, "kubelet_identity");
    if (!kubelet || !isSet(kubelet.user_assigned_identity_id)) {
      found.push("has no kubelet_identity with a user_assigned_identity_id: AKS would create the kubelet identity itself, outside Terraform's role assignments");
    }
    if (blocks(config.service_principal).length > 0) {
      found.push("has a service_principal block: its client secret is a long-lived credential; use managed identities");
    }
    return problems(...found);
  },
};
