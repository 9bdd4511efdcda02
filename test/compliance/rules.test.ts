// The rules on the library's own stacks: every rule passes on the defaults, every opt-out prop
// fails its rule with a message naming the resource, the rule, the problem and the fix, and
// choices that are not opt-outs pass. What each rule finds in Terraform JSON, overrides
// included, is in its fixtures (lib/compliance/rules/<id>.fixtures.ts).
import type { TerraformStack } from "cdktf";
import { ApiServerAccess, ClusterEgress, ClusterEncryption, type HardenedCluster, type HardenedClusterProps } from "hardened-aks";
import { HARDENED_AKS_RULES } from "../../lib/compliance/hardened-aks-pack";
import {
  baselineStack,
  evaluate,
  failingRules,
  platformStack,
  ruleResult,
  violationsOf,
  type BaselineOptions,
  type PlatformOptions,
} from "./compliance-helpers";
import { CURRENT_CORE_RULE_SETS } from "../../lib/ingress/waf-ingress";

/** An opt-out prop, and what the failure of its rule must say. */
interface OptOut {
  readonly how: string;
  /** Props of the platform's cluster. */
  readonly props?: Partial<HardenedClusterProps>;
  /** Props of the platform's other parts. */
  readonly platform?: PlatformOptions;
  /** Then an override on the cluster. */
  readonly weaken?: (cluster: HardenedCluster) => void;
  /** Props of the in-cluster stack's parts, instead of the Azure stack's. */
  readonly inCluster?: BaselineOptions;
  /** The problem text the rule reports. */
  readonly problem: RegExp;
  /** Address of the resource that fails (the first, when several do). */
  readonly resource: RegExp;
  /**
   * How many resources fail.
   *
   * @default 1
   */
  readonly failing?: number;
  /** Other rules the same prop fails too. */
  readonly alsoFails?: readonly string[];
}

const CLUSTER = /^azurerm_kubernetes_cluster\.Cluster_[0-9A-F]{8}$/;
const publicApiServer = { apiServerAccess: ApiServerAccess.publicWithAuthorizedRanges(["203.0.113.0/24"]) };

const OPT_OUTS: Readonly<Record<string, readonly OptOut[]>> = {
  "API-1": [{ how: "prop apiServerAccess public with authorized ranges", props: publicApiServer, problem: /private_cluster_enabled is false; it must be true/, resource: CLUSTER }],
  "API-2": [
    {
      how: "prop public with ranges, then a catch-all added by override",
      props: publicApiServer,
      weaken: (cluster) => cluster.resource.addOverride("api_server_access_profile.authorized_ip_ranges", ["0.0.0.0/0"]),
      problem: /contains the catch-all '0\.0\.0\.0\/0'/,
      resource: CLUSTER,
      alsoFails: ["API-1"],
    },
  ],
  "API-3": [{ how: "prop runCommandEnabled", props: { runCommandEnabled: true }, problem: /run_command_enabled is true; it must be false/, resource: CLUSTER }],
  "EGR-1": [
    {
      how: "prop egress ClusterEgress.loadBalancerUnrestricted()",
      props: { egress: ClusterEgress.loadBalancerUnrestricted() },
      problem: /^network_profile\.outbound_type is 'loadBalancer'; it must be 'userDefinedRouting'$/,
      resource: CLUSTER,
    },
  ],
  "ING-2": [
    {
      how: "prop wafMode Detection",
      platform: { ingress: { wafMode: "Detection" } },
      problem: /^policy_settings\.mode is 'Detection'; it must be 'Prevention'$/,
      resource: /^azurerm_web_application_firewall_policy\.Ingress_WafPolicy_[0-9A-F]{8}$/,
    },
    {
      how: "prop managedRuleSets without the bot manager",
      platform: { ingress: { managedRuleSets: [{ type: "OWASP", version: "3.2" }] } },
      problem: /^managed_rules has no Microsoft_BotManagerRuleSet/,
      resource: /^azurerm_web_application_firewall_policy\./,
    },
  ],
  "SEC-1": [
    {
      how: "prop syncToKubernetesSecret on the SecretProviderClass",
      inCluster: { secrets: { syncToKubernetesSecret: { secretName: "orders-db", data: [{ objectName: "orders-db-password", key: "password" }] } } },
      problem: /SecretProviderClass 'orders-secrets' syncs Key Vault objects into the Kubernetes secret\(s\) 'orders-db' \(spec\.secretObjects\)/,
      resource: /^kubernetes_manifest\.OrdersSecrets_[0-9A-F]{8}$/,
    },
  ],
  "SEC-2": [
    {
      how: "prop deployerIpRanges",
      platform: { vault: { deployerIpRanges: ["203.0.113.7"] } },
      problem: /^public_network_access_enabled is true; it must be false \(public access is restricted to network_acls\.ip_rules \["203\.0\.113\.7"\]\)$/,
      resource: /^azurerm_key_vault\.Vault_[0-9A-F]{8}$/,
    },
    {
      how: "prop softDeleteRetentionDays 30",
      platform: { vault: { softDeleteRetentionDays: 30 } },
      problem: /^soft_delete_retention_days is 30; it must be 90/,
      resource: /^azurerm_key_vault\./,
    },
  ],
  "SEC-3": [
    {
      how: "prop encryption ClusterEncryption.platformManagedKeys()",
      props: { encryption: ClusterEncryption.platformManagedKeys() },
      problem: /^has no key_management_service block: etcd secrets are encrypted with platform-managed keys only$/,
      resource: CLUSTER,
      alsoFails: ["SEC-4"],
    },
  ],
  "SEC-4": [
    {
      how: "prop hostEncryptionEnabled false",
      props: { hostEncryptionEnabled: false },
      problem: /^default_node_pool\.host_encryption_enabled is false; it must be true$/,
      resource: CLUSTER,
      failing: 2,
    },
  ],
  "NODE-2": [{ how: "prop systemPool.zones []", props: { systemPool: { zones: [] } }, problem: /default_node_pool\.zones lists no availability zone/, resource: CLUSTER }],
  "NODE-3": [
    { how: "prop systemPool.osDiskType Managed", props: { systemPool: { osDiskType: "Managed" } }, problem: /default_node_pool\.os_disk_type is 'Managed'; it must be 'Ephemeral'/, resource: CLUSTER },
  ],
  "NODE-4": [{ how: "prop skuTier Free", props: { skuTier: "Free" }, problem: /sku_tier is 'Free'; it must be one of 'Standard', 'Premium'/, resource: CLUSTER }],
  "MON-4": [
    {
      how: "prop managedPrometheusEnabled false",
      props: { managedPrometheusEnabled: false },
      problem: /^has no monitor_metrics block: the Managed Prometheus add-on does not run$/,
      resource: CLUSTER,
    },
    {
      how: "prop prometheus.publicNetworkAccessEnabled",
      platform: { prometheus: { publicNetworkAccessEnabled: true } },
      problem: /^public_network_access_enabled is true; it must be false$/,
      resource: /^azurerm_monitor_workspace\.Prometheus_[0-9A-F]{8}$/,
    },
    {
      how: "prop prometheus.grafana.publicNetworkAccessEnabled",
      platform: { prometheus: { grafana: { name: "graf-aks-test", publicNetworkAccessEnabled: true } } },
      problem: /^public_network_access_enabled is true; it must be false$/,
      resource: /^azurerm_dashboard_grafana\.Prometheus_Grafana_[0-9A-F]{8}$/,
    },
  ],
  "MON-5": [{ how: "prop costAnalysisEnabled false", props: { costAnalysisEnabled: false }, problem: /^cost_analysis_enabled is false; it must be true$/, resource: CLUSTER }],
  "UPG-1": [{ how: "prop nodeOsUpgradeChannel Unmanaged", props: { nodeOsUpgradeChannel: "Unmanaged" }, problem: /node_os_upgrade_channel is 'Unmanaged'/, resource: CLUSTER }],
  "UPG-4": [{ how: "prop kubernetesVersion 1.34, past its end of life", props: { kubernetesVersion: "1.34" }, problem: /kubernetes_version is '1\.34', below 1\.35, the oldest minor AKS supports/, resource: CLUSTER }],
  "POL-1": [{ how: "prop podSecurityPolicyEffect audit", props: { podSecurityPolicyEffect: "audit" }, problem: /its effect parameter is 'audit'; it must be 'deny'/, resource: CLUSTER }],
};

/** The stack an opt-out applies to, built with it. */
function optedOut(optOut: OptOut): TerraformStack {
  if (optOut.inCluster) return baselineStack(optOut.inCluster).stack;
  return platformStack({ ...optOut.platform, cluster: optOut.props }, (p) => optOut.weaken?.(p.cluster)).stack;
}

describe("on the library's defaults, with only the required props", () => {
  const azure = evaluate(platformStack().stack);
  const inCluster = evaluate(baselineStack().stack);

  test.each(HARDENED_AKS_RULES.map((r) => r.id))("%s passes, in the Azure stack or the in-cluster stack, and fails in neither", (id) => {
    const statuses = [ruleResult(azure, id).status, ruleResult(inCluster, id).status];
    expect(statuses).toContain("pass");
    expect(statuses.every((status) => status === "pass" || status === "not-applicable")).toBe(true);
  });
});

describe.each(Object.entries(OPT_OUTS))("%s", (id, optOuts) => {
  test.each(optOuts.map((o) => [o.how, o] as const))("fails on the opt-out: %s", (_how, optOut) => {
    const report = evaluate(optedOut(optOut));

    expect(failingRules(report).sort()).toEqual([id, ...(optOut.alsoFails ?? [])].sort());
    const failing = ruleResult(report, id).resources.filter((r) => r.status === "fail");
    expect(failing).toHaveLength(optOut.failing ?? 1);
    expect(failing[0].address).toMatch(optOut.resource);
    expect(failing[0].problems).toEqual(expect.arrayContaining([expect.stringMatching(optOut.problem)]));

    // The synth error line names the rule, the resource, its construct path, the problem and the fix.
    const [line] = violationsOf(report, id);
    expect(line).toContain(`${id} (${ruleResult(report, id).rule.title}) fails on ${failing[0].address} at ${failing[0].constructPath}`);
    expect(line).toMatch(/Fix: /);
    expect(line).toContain(`Compliance.acknowledge(<construct>, "${id}"`);
  });
});

describe("rules see the final Terraform", () => {
  test("an escape-hatch override of local_account_disabled is what IAM-2 evaluates", () => {
    const { cluster, stack } = platformStack();
    expect(ruleResult(evaluate(stack), "IAM-2").status).toBe("pass");
    cluster.resource.addOverride("local_account_disabled", false);
    expect(ruleResult(evaluate(stack), "IAM-2").resources[0].problems).toEqual(["local_account_disabled is false; it must be true"]);
  });
});

describe("choices that are not opt-outs pass", () => {
  test("the other modern TLS policy, OWASP 3.2 and DRS 2.2", () => {
    const report = evaluate(
      platformStack({
        ingress: { sslPolicyName: "AppGwSslPolicy20220101", managedRuleSets: [{ type: "OWASP", version: "3.2" }, { type: "Microsoft_BotManagerRuleSet", version: "1.1" }] },
      }).stack,
    );
    expect(failingRules(report)).toEqual([]);
    expect(ruleResult(report, "ING-2").status).toBe("pass");
    expect(ruleResult(report, "EGR-2").status).toBe("pass");
  });

  test("a public API server with authorized ranges fails only API-1", () => {
    const report = evaluate(platformStack({ cluster: publicApiServer }).stack);
    expect(failingRules(report)).toEqual(["API-1"]);
  });

  test("a cluster without ingress has no public ingress to check: ING-1 and ING-4 pass on it", () => {
    const report = evaluate(platformStack({ cluster: { ingress: undefined } }).stack);
    expect(failingRules(report)).toEqual([]);
    const cluster = (id: string) => ruleResult(report, id).resources.find((r) => r.address.startsWith("azurerm_kubernetes_cluster."));
    expect(cluster("ING-1")?.status).toBe("pass");
    expect(cluster("ING-4")?.status).toBe("pass");
  });
});

describe("ING-2 and WafIngress agree on what a current core rule set is", () => {
  const candidates = [
    ["Microsoft_DefaultRuleSet", "2.1"],
    ["Microsoft_DefaultRuleSet", "2.2"],
    ["OWASP", "3.2"],
    ["Microsoft_DefaultRuleSet", "2.0"],
    ["OWASP", "3.1"],
    ["OWASP", "3.0"],
  ] as const;

  test.each(candidates)("%s %s", (type, version) => {
    const accepted = CURRENT_CORE_RULE_SETS[type]?.includes(version) ?? false;
    const build = () => platformStack({ ingress: { managedRuleSets: [{ type, version }, { type: "Microsoft_BotManagerRuleSet", version: "1.1" }] } });
    if (accepted) {
      expect(ruleResult(evaluate(build().stack), "ING-2").status).toBe("pass");
    } else {
      expect(build).toThrow(/managedRuleSets must include a current core rule set/);
    }
  });
});
