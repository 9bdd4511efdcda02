// FQDN network policies need the cluster's Advanced Container Networking Services security:
// without it AKS does not run Cilium's DNS proxy, so a CiliumNetworkPolicy with toFQDNs is
// refused or matches nothing and the namespace loses the egress it was given. The policy and
// the cluster usually sit in different stacks (in-cluster and Azure), so this follows the
// Kubernetes provider's host to the cluster, in this stack or through cdktf's cross-stack
// output, as the line-of-sight check does. Pure: reads Terraform JSON only.
import { block, isExpression, isObject, resourcesOfType, type JsonObject, type TerraformResource } from "../../compliance/terraform-json";
import { CILIUM_NETWORK_POLICY } from "../../facts";
import { clusterOfHost, type StackLookup } from "./line-of-sight";
import type { WiringProblem } from "./wiring";

/** The cluster's network data plane as written (the provider's default is `azure`). */
function dataPlane(cluster: JsonObject): unknown {
  return block(cluster, "network_profile")?.network_data_plane ?? "azure";
}

/** The stack's CiliumNetworkPolicies that allow egress by name. */
function fqdnPolicies(stack: JsonObject): TerraformResource[] {
  return resourcesOfType(stack, "kubernetes_manifest").filter(({ config }) => {
    const manifest = isObject(config.manifest) ? config.manifest : undefined;
    // Namespaced or clusterwide, a policy with toFQDNs needs the cluster's DNS proxy.
    if (manifest?.kind !== CILIUM_NETWORK_POLICY.kind && manifest?.kind !== "CiliumClusterwideNetworkPolicy") return false;
    const spec = isObject(manifest.spec) ? manifest.spec : undefined;
    const egress = Array.isArray(spec?.egress) ? spec.egress : [];
    return egress.some((rule) => isObject(rule) && Array.isArray(rule.toFQDNs) && rule.toFQDNs.length > 0);
  });
}

/** FQDN policies whose cluster, as far as the app's Terraform shows it, has ACNS security off. */
export function fqdnPoliciesWithoutAcns(stack: JsonObject, otherStack: StackLookup): WiringProblem[] {
  const policies = fqdnPolicies(stack);
  if (policies.length === 0) return [];
  const providers = isObject(stack.provider) && Array.isArray(stack.provider.kubernetes) ? stack.provider.kubernetes.filter(isObject) : [];
  return policies.flatMap((policy) => {
    // A manifest names its provider as `kubernetes.<alias>`; without one it uses the provider with no alias.
    const named = typeof policy.config.provider === "string" ? /^kubernetes\.(.+)$/.exec(policy.config.provider)?.[1] : undefined;
    const provider = providers.find((p) => (named === undefined ? p.alias === undefined : p.alias === named));
    if (!provider) return [];
    const found = clusterOfHost(stack, provider.host, otherStack);
    if (typeof found === "string") return [];
    const profile = block(found.cluster.config, "network_profile");
    const security = profile ? block(profile, "advanced_networking")?.security_enabled : undefined;
    if (security === true || security === "true" || isExpression(security)) return [];
    return [
      {
        constructPath: policy.constructPath,
        address: policy.address,
        missing: `a CiliumNetworkPolicy with toFQDNs for cluster ${found.cluster.constructPath}, whose network_profile.advanced_networking.security_enabled is ${security === undefined ? "not set" : String(security)}: without Advanced Container Networking Services security AKS runs no DNS proxy for FQDN policies, and the namespace loses the egress it allows`,
        fix:
          dataPlane(found.cluster.config) === "cilium"
            ? "leave HardenedCluster's ACNS on (remove withoutAdvancedNetworking), or allow the destinations by address with EgressAllow.toCidr"
            : "FQDN policies need the Cilium data plane with ACNS: leave networkPolicy at its default, 'cilium' (and remove withoutAdvancedNetworking), or allow the destinations by address with EgressAllow.toCidr",
      },
    ];
  });
}
