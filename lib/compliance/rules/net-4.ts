import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, poolOf } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** NET-4: no public IPs on nodes, in any pool. */
export const NET_4: ComplianceRule = {
  id: "NET-4",
  name: "NoNodePublicIps",
  title: "No public IPs on nodes (default pool and every node pool)",
  description: "A node with a public IP is reachable from the internet past the cluster's ingress and egress controls.",
  severity: "high",
  fix: "HardenedCluster and NodePool always set node_public_ip_enabled = false; remove the override.",
  references: [R.aksNodePublicIps],
  mappings: { cisAks: ["5.4.3"], checkov: ["CKV_AZURE_143"] },
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource) => {
    const pool = poolOf(resource);
    return problems(expectOneOf(pool.config?.node_public_ip_enabled, `${pool.prefix}node_public_ip_enabled`, [false], false));
  },
};
