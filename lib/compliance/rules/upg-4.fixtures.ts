import { CLUSTER, CLUSTER_RELATIONS, DEFAULTS, clusterOverride, clusterStack, compliantCluster, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

// The table is as of 2026-12-01: 1.34's community support ended on 2026-11-30, so the floor
// is 1.35; 1.31's long-term support ended the same day, so the LTS floor is 1.32.
const pool = compliantCluster().default_node_pool as JsonObject;
const apps = CLUSTER_RELATIONS.azurerm_kubernetes_cluster_node_pool.apps;
const LTS = { sku_tier: "Premium", support_plan: "AKSLongTermSupport" };
const FLOOR = /^kubernetes_version is '1\.34', below 1\.35, the oldest minor AKS supports under community support \(AKS Kubernetes release calendar, https:\/\/learn\.microsoft\.com\/azure\/aks\/supported-kubernetes-versions#aks-kubernetes-release-calendar-and-upcoming-versions, checked 2026-12-01; 1\.34's community support ended on 2026-11-30\): set 1\.35 or later, or leave the version unset with an upgrade channel, or put the cluster on long-term support \(sku_tier = "Premium", support_plan = "AKSLongTermSupport"\)/;

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the library's default: no version pinned, the patch channel keeps it current", stack: clusterStack() },
    { name: "the floor itself, as MAJOR.MINOR", stack: clusterStack({ kubernetes_version: "1.35", default_node_pool: { ...pool, orchestrator_version: "1.35" } }) },
    { name: "a patch of a supported minor, and a minor newer than the table", stack: clusterStack({ kubernetes_version: "1.35.4", default_node_pool: { ...pool, orchestrator_version: "1.38" } }) },
    { name: "a version from a Terraform variable is known only at apply", stack: clusterStack({ kubernetes_version: "${var.kubernetes_version}" }) },
    { name: "long-term support keeps 1.33 supported, with Container Insights", stack: clusterStack({ ...LTS, kubernetes_version: "1.33" }) },
    { name: "long-term support keeps 1.32 supported without Container Insights", stack: clusterStack({ ...LTS, oms_agent: undefined, kubernetes_version: "1.32.9" }) },
    { name: "a tier and plan known only at apply get the LTS floor", stack: clusterStack({ sku_tier: "${var.tier}", support_plan: "${var.plan}", oms_agent: undefined, kubernetes_version: "1.32" }) },
    {
      name: "a pool whose cluster is in another stack is held to the LTS floor",
      stack: stackOf({ azurerm_kubernetes_cluster_node_pool: { apps: { ...apps, kubernetes_cluster_id: "${data.azurerm_kubernetes_cluster.aks.id}", orchestrator_version: "1.32" } } }),
    },
  ],
  failing: [
    {
      name: "override kubernetes_version to a minor past its end of life",
      stack: clusterOverride("kubernetes_version", "1.34"),
      failures: [{ address: DEFAULTS.cluster, problems: [FLOOR] }],
    },
    {
      name: "a pinned patch and a system pool below the floor",
      stack: clusterStack({ kubernetes_version: "1.34.3", default_node_pool: { ...pool, orchestrator_version: "1.33" } }),
      failures: [{ address: CLUSTER, problems: [/^kubernetes_version is '1\.34\.3', below 1\.35,/, /^default_node_pool\.orchestrator_version is '1\.33', below 1\.35,/] }],
    },
    {
      name: "Premium without the LTS plan is held to community support",
      stack: clusterStack({ sku_tier: "Premium", kubernetes_version: "1.33" }),
      failures: [{ address: CLUSTER, problems: [/^kubernetes_version is '1\.33', below 1\.35, the oldest minor AKS supports under community support/] }],
    },
    {
      name: "an LTS minor past its long-term support",
      stack: clusterStack({ ...LTS, oms_agent: undefined, kubernetes_version: "1.31" }),
      failures: [
        {
          address: CLUSTER,
          problems: [
            /^kubernetes_version is '1\.31', below 1\.32, the oldest minor AKS supports under long-term support \(.*checked 2026-12-01; 1\.31's long-term support ended on 2026-11-30\): set 1\.32 or later, or leave the version unset with an upgrade channel$/,
          ],
        },
      ],
    },
    {
      name: "an LTS minor Container Insights must not run on (AKS-2026-0004)",
      stack: clusterStack({ ...LTS, kubernetes_version: "1.32" }),
      failures: [
        {
          address: CLUSTER,
          problems: [
            "kubernetes_version is '1.32', below 1.33, which security bulletin AKS-2026-0004 (https://learn.microsoft.com/azure/aks/security-bulletins/overview) requires with Container Insights (oms_agent): before 1.33 the Container Insights add-on needs the nodes/proxy GET permission, which allows command execution in any pod through the kubelet API; upgrade to 1.33 or later",
          ],
        },
      ],
    },
    {
      name: "Calico on 1.29: past its support, and both bulletins",
      stack: clusterStack({ ...LTS, kubernetes_version: "1.29", network_profile: { network_plugin: "azure", network_plugin_mode: "overlay", network_policy: "calico" } }),
      failures: [
        {
          address: CLUSTER,
          problems: [/^kubernetes_version is '1\.29', below 1\.32,/, /below 1\.30, which security bulletin AKS-2025-005 .* requires with Calico network policy/, /below 1\.33, which security bulletin AKS-2026-0004/],
        },
      ],
    },
    {
      name: "a user pool is held to its cluster's floor",
      stack: clusterStack({}, { azurerm_kubernetes_cluster_node_pool: { apps: { ...apps, orchestrator_version: "1.34.1" } } }),
      failures: [{ address: "azurerm_kubernetes_cluster_node_pool.apps", problems: [/^orchestrator_version is '1\.34\.1', below 1\.35, the oldest minor AKS supports under community support/] }],
    },
    {
      name: "a version that is not one",
      stack: clusterStack({ kubernetes_version: "v1.35" }),
      failures: [{ address: CLUSTER, problems: ["kubernetes_version is 'v1.35', not a Kubernetes version: use MAJOR.MINOR (e.g. '1.35') or MAJOR.MINOR.PATCH, without a leading 'v'"] }],
    },
  ],
};
