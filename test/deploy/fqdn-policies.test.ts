// FQDN egress needs the cluster's ACNS security: the check follows the in-cluster stack's
// Kubernetes provider to the cluster in the Azure stack (cdktf's cross-stack output) and
// fails synthesis when the cluster has it off, before a namespace silently loses its egress.
import { Testing, TerraformStack } from "cdktf";
import { EgressAllow, HardenedPlatform, PlatformBaseline, type EgressAllowRule, type HardenedPlatformProps } from "hardened-aks";
import { fqdnPoliciesWithoutAcns } from "../../lib/private/deploy/fqdn-policies";
import { synthApp } from "../helpers";
import { platformProps } from "../platform/platform-props";

function app(cluster: HardenedPlatformProps["cluster"], egress: EgressAllowRule[] = [EgressAllow.fqdns(["api.github.com"], [{ port: 443 }])]) {
  const app = Testing.app();
  const platform = new HardenedPlatform(new TerraformStack(app, "azure"), platformProps({ cluster }));
  new PlatformBaseline(new TerraformStack(app, "baseline"), { platform, namespaces: { orders: { allowEgressTo: egress } } });
  return app;
}

const WITHOUT_ACNS = { withoutAdvancedNetworking: { reason: "throwaway load-test cluster, no ACNS" } };

describe("FQDN policies and the cluster's ACNS", () => {
  test("a namespace with FQDN egress on a cluster with ACNS security synthesizes", () => {
    const stacks = synthApp(app(undefined));
    expect(Object.keys(stacks.baseline.json.resource.kubernetes_manifest)).toHaveLength(1);
  });

  test("the same namespace on a cluster without ACNS fails synthesis, naming the policy, the cluster and the fix", () => {
    expect(() => synthApp(app(WITHOUT_ACNS))).toThrow(
      /Orders\/AllowEgressFqdns.*a CiliumNetworkPolicy with toFQDNs for cluster azure\/Default\/Cluster\/Resource, whose network_profile\.advanced_networking\.security_enabled is not set.*Fix: leave HardenedCluster's ACNS on/s,
    );
  });

  test("on Calico the fix says FQDN policies need the Cilium data plane", () => {
    expect(() => synthApp(app({ networkPolicy: "calico", ...WITHOUT_ACNS }))).toThrow(/Fix: FQDN policies need the Cilium data plane with ACNS: leave networkPolicy at its default, 'cilium'/);
  });

  test("a cluster without ACNS and namespaces with address rules only is not a finding", () => {
    expect(() => synthApp(app(WITHOUT_ACNS, [EgressAllow.internet([{ port: 443 }])]))).not.toThrow();
  });

  const policyStack = (host: string) => ({
    provider: { kubernetes: [{ host }] },
    resource: {
      kubernetes_manifest: { p: { manifest: { kind: "CiliumNetworkPolicy", spec: { egress: [{ toFQDNs: [{ matchName: "api.github.com" }] }] } } } },
      azurerm_kubernetes_cluster: { aks: { network_profile: { advanced_networking: { security_enabled: "${var.acns}" } } } },
    },
  });

  test("a security setting from a Terraform variable, or a cluster the check cannot find, is not judged", () => {
    expect(fqdnPoliciesWithoutAcns(policyStack("${azurerm_kubernetes_cluster.aks.kube_config[0].host}"), () => undefined)).toEqual([]);
    expect(fqdnPoliciesWithoutAcns(policyStack("https://api.example.com"), () => undefined)).toEqual([]);
  });

  test("with several Kubernetes providers, each policy is judged against the cluster of its own provider", () => {
    const stack = {
      provider: { kubernetes: [{ host: "https://api.example.com" }, { alias: "aks", host: "${azurerm_kubernetes_cluster.aks.kube_config[0].host}" }] },
      resource: {
        kubernetes_manifest: {
          elsewhere: { manifest: { kind: "CiliumNetworkPolicy", spec: { egress: [{ toFQDNs: [{ matchName: "a.example.com" }] }] } } },
          here: { provider: "kubernetes.aks", manifest: { kind: "CiliumClusterwideNetworkPolicy", spec: { egress: [{ toFQDNs: [{ matchName: "b.example.com" }] }] } } },
        },
        azurerm_kubernetes_cluster: { aks: { network_profile: { network_data_plane: "cilium" } } },
      },
    };
    expect(fqdnPoliciesWithoutAcns(stack, () => undefined)).toEqual([expect.objectContaining({ address: "kubernetes_manifest.here", missing: expect.stringContaining("security_enabled is not set") })]);
  });

  test("security_enabled = false in the same stack is a finding", () => {
    const stack = policyStack("${azurerm_kubernetes_cluster.aks.kube_config[0].host}");
    (stack.resource.azurerm_kubernetes_cluster.aks.network_profile.advanced_networking as Record<string, unknown>).security_enabled = false;
    expect(fqdnPoliciesWithoutAcns(stack, () => undefined)).toEqual([expect.objectContaining({ address: "kubernetes_manifest.p", missing: expect.stringContaining("security_enabled is false") })]);
  });
});
