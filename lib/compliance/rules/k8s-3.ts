import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { containsAddress, parseIpv4Address, parseIpv4Cidr } from "../../private/cidr";
import { INSTANCE_METADATA_ADDRESS, INSTANCE_METADATA_CIDR } from "../../facts";
import { NAMESPACES, NETWORK_POLICIES, deniesAll, inNamespace, metadataOf, specOf } from "../kubernetes-json";
import { block, blocks, isExpression, show } from "../terraform-json";

const METADATA = parseIpv4Address(INSTANCE_METADATA_ADDRESS) as number;

/** K8S-3: the instance metadata endpoint is unreachable from the namespace's pods. */
export const K8S_3: ComplianceRule = {
  id: "K8S-3",
  name: "InstanceMetadataBlocked",
  title: "Pods of every namespace the stack creates cannot reach the instance metadata endpoint 169.254.169.254",
  description:
    "The instance metadata endpoint hands out tokens of the node's managed identities: a pod that reaches it can act as the kubelet (pull any image, and whatever else the identity may do). The namespace's default deny blocks it; an egress allow rule to a range containing 169.254.169.254 must except it. This is the evidence of EGR-3.",
  severity: "high",
  fix: "Use SecureNamespace with EgressAllow rules (EgressAllow.internet excepts 169.254.169.254/32; SecureNamespace rejects ranges that contain it without the except). In Terraform: a default-deny egress policy, and except = [\"169.254.169.254/32\"] in every ip_block whose cidr contains it; no egress rule without a `to`.",
  references: [R.aksClusterSecurity, R.k8sNetworkPolicies],
  mappings: { cisAks: ["4.4.2"] },
  resourceTypes: NAMESPACES,
  check: (namespace, stack) => {
    const policies = inNamespace(stack, NETWORK_POLICIES, namespace);
    const found: string[] = [];
    if (!policies.some((p) => deniesAll(p, "egress"))) {
      found.push(`no network policy in namespace ${show(metadataOf(namespace.config).name)} denies egress by default, so its pods reach ${INSTANCE_METADATA_ADDRESS}`);
    }
    for (const policy of policies) {
      const name = show(metadataOf(policy.config).name ?? policy.name);
      blocks(specOf(policy.config).egress).forEach((rule, i) => {
        const peers = blocks(rule.to);
        if (peers.length === 0) {
          found.push(`egress rule ${i} of network policy ${name} has no 'to': it allows every destination, ${INSTANCE_METADATA_ADDRESS} included`);
          return;
        }
        for (const peer of peers) {
          const ipBlock = block(peer, "ip_block");
          if (!ipBlock) continue;
          const problem = metadataReachable(ipBlock.cidr, ipBlock.except);
          if (problem) found.push(`egress rule ${i} of network policy ${name} ${problem}`);
        }
      });
    }
    return found;
  },
};

/** Why an ip_block lets pods reach the metadata endpoint, or undefined when it does not. */
function metadataReachable(cidr: unknown, except: unknown): string | undefined {
  if (typeof cidr !== "string" || isExpression(cidr)) {
    return `allows the ip_block ${show(cidr)}, known only when Terraform runs, so it cannot be shown to leave out ${INSTANCE_METADATA_ADDRESS}`;
  }
  const range = parseIpv4Cidr(cidr.trim());
  if (!range || !containsAddress(range, METADATA)) return undefined;
  const excepted = (Array.isArray(except) ? except : []).some((entry) => {
    const excluded = typeof entry === "string" ? parseIpv4Cidr(entry.includes("/") ? entry : `${entry}/32`) : undefined;
    return excluded !== undefined && containsAddress(excluded, METADATA);
  });
  return excepted ? undefined : `allows the ip_block ${show(cidr)}, which contains ${INSTANCE_METADATA_ADDRESS}, without except ["${INSTANCE_METADATA_CIDR}"]`;
}
