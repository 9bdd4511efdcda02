// Acknowledgements: code, with a reason, on a construct or a stack; they turn a failure into
// "acknowledged" in every report, and bad ones fail loudly.
import { LocalBackend, TerraformStack, Testing, type App } from "cdktf";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import type { IConstruct } from "constructs";
import { ClusterEgress, ClusterEncryption, Compliance, HARDENED_AKS_PACK, ValidationError, renderJsonReport, renderMarkdownReport, renderSarifReport, type ComplianceRule, type RulePack } from "hardened-aks";
import { baselineStack, clusterStack, evaluate, platformStack, ruleResult } from "./compliance-helpers";

const FREE_TIER_REASON = "Throwaway load-test cluster, deleted after each run; accepted by the platform team (change CHG-123).";

describe("an acknowledged violation", () => {
  const { stack, cluster } = clusterStack({ skuTier: "Free" });
  Compliance.acknowledge(cluster, "NODE-4", FREE_TIER_REASON);
  Compliance.check(stack);
  const report = evaluate(stack);

  test("is acknowledged, with its reason and where it was given, instead of failing", () => {
    expect(ruleResult(report, "NODE-4")).toMatchObject({
      status: "acknowledged",
      resources: [
        {
          status: "acknowledged",
          problems: ["sku_tier is 'Free'; it must be one of 'Standard', 'Premium'"],
          acknowledgement: { ruleId: "NODE-4", reason: FREE_TIER_REASON, scopePath: "test/Cluster" },
        },
      ],
    });
    expect(report.summary).toMatchObject({ fail: 0, acknowledged: 1 });
  });

  test("no longer fails synthesis", () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("shows the reason in the JSON, Markdown and SARIF reports", () => {
    const json = JSON.parse(renderJsonReport(report));
    expect(json.rules.find((r: { rule: { id: string } }) => r.rule.id === "NODE-4")).toMatchObject({
      status: "acknowledged",
      resources: [{ acknowledgement: { reason: FREE_TIER_REASON } }],
    });

    const markdown = renderMarkdownReport(report);
    expect(markdown).toContain(`| [NODE-4](https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers) | Paid control-plane tier with uptime SLA (Standard or Premium) | low | acknowledged: ${FREE_TIER_REASON} | 1 |`);
    expect(markdown).toMatch(/## Acknowledged\n\n- NODE-4 on `azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+` \(`test\/Cluster\/Resource`\), acknowledged at `test\/Cluster`: /);

    const sarif = JSON.parse(renderSarifReport(report));
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: "NODE-4",
        kind: "fail",
        level: "note",
        suppressions: [{ kind: "external", status: "accepted", justification: FREE_TIER_REASON, properties: { scope: "test/Cluster" } }],
      }),
    ]);
  });
});

describe("the scope of an acknowledgement", () => {
  test("on a stack covers every resource in it", () => {
    const { stack } = clusterStack({}, (cluster) => {
      cluster.resource.addOverride("default_node_pool.node_public_ip_enabled", true);
      cluster.nodePools.apps.resource.addOverride("node_public_ip_enabled", true);
    });
    Compliance.acknowledge(stack, "NET-4", "Lab stack reached over the internet for a workshop; torn down nightly.");
    const result = ruleResult(evaluate(stack), "NET-4");
    expect(result.status).toBe("acknowledged");
    expect(result.resources.map((r) => r.acknowledgement?.scopePath)).toEqual(["test", "test"]);
  });

  test("on the app covers its stacks", () => {
    const { stack } = clusterStack({ skuTier: "Free" });
    Compliance.acknowledge(stack.node.root, "NODE-4", "Every stack of this app is a short-lived test environment.");
    expect(ruleResult(evaluate(stack), "NODE-4").resources[0].acknowledgement?.scopePath).toBe("");
  });

  test("the nearest acknowledgement's reason wins", () => {
    const { stack, cluster } = clusterStack({ skuTier: "Free" });
    Compliance.acknowledge(stack, "NODE-4", "Stack-wide: a development environment.");
    Compliance.acknowledge(cluster, "NODE-4", "This cluster: a throwaway load test.");
    expect(ruleResult(evaluate(stack), "NODE-4").resources[0].acknowledgement?.reason).toBe("This cluster: a throwaway load test.");
  });

  test("on a sibling construct does not apply, and is reported as unused", () => {
    const { stack, cluster } = clusterStack({ skuTier: "Free" });
    const network = stack.node.findChild("Network");
    Compliance.acknowledge(network, "NODE-4", "Misplaced: the network has no control-plane tier.");
    const report = evaluate(stack);
    expect(ruleResult(report, "NODE-4").status).toBe("fail");
    expect(report.unusedAcknowledgements).toEqual([{ ruleId: "NODE-4", reason: "Misplaced: the network has no control-plane tier.", scopePath: "test/Network" }]);
    expect(cluster.node.path).toBe("test/Cluster");
  });

  test("of a rule that passes is reported as unused, so stale opt-outs get removed", () => {
    const { stack, cluster } = clusterStack();
    Compliance.acknowledge(cluster, "IAM-2", "Kept from before local accounts were disabled.");
    const report = evaluate(stack);
    expect(ruleResult(report, "IAM-2").status).toBe("pass");
    expect(report.unusedAcknowledgements.map((a) => a.ruleId)).toEqual(["IAM-2"]);
    expect(renderMarkdownReport(report)).toContain("## Unused acknowledgements");
  });

  test("of a control no rule evaluates is accepted now and used once its rule lands", () => {
    const { stack } = clusterStack();
    expect(() => Compliance.acknowledge(stack, "EGR-3", "Metadata access is blocked by the node image's own firewall.")).not.toThrow();
  });
});

describe("a rule of a pack given to Compliance.check", () => {
  /** A team's own rule: every resource group is named rg-<something>. */
  const TEAM_PACK: RulePack = {
    name: "team",
    version: "1",
    rules: [
      {
        id: "TEAM-1",
        name: "ResourceGroupNaming",
        title: "Resource groups are named rg-<name>",
        description: "The team finds its resource groups by name.",
        severity: "low",
        fix: "Name the resource group rg-<name>.",
        references: [],
        mappings: {},
        resourceTypes: ["azurerm_resource_group"],
        check: ({ config }) => (String(config.name).startsWith("rg-") ? [] : [`name is '${String(config.name)}'; it must start with 'rg-'`]),
      },
    ],
    notYetEvaluated: [],
  };
  const REASON = "The legacy group keeps its name until the migration (change CHG-42).";

  test("is unknown until the pack is given, then accepted on the stack, a construct in it, and the app", () => {
    const { stack, cluster } = clusterStack();
    expect(() => Compliance.acknowledge(stack, "TEAM-1", REASON)).toThrow(/unknown rule 'TEAM-1'/);
    Compliance.check(stack.node.root as App, { pack: TEAM_PACK });
    expect(() => Compliance.acknowledge(stack, "TEAM-1", REASON)).not.toThrow();
    expect(() => Compliance.acknowledge(cluster, "TEAM-1", REASON)).not.toThrow();
    expect(() => Compliance.acknowledge(stack.node.root, "TEAM-1", REASON)).not.toThrow();
  });

  test("given to one stack, is known in that stack only", () => {
    const { stack } = clusterStack();
    const sibling = new TerraformStack(stack.node.root, "sibling");
    Compliance.check(stack, { pack: TEAM_PACK });
    expect(() => Compliance.acknowledge(stack, "TEAM-1", REASON)).not.toThrow();
    expect(() => Compliance.acknowledge(sibling, "TEAM-1", REASON)).toThrow(/unknown rule 'TEAM-1'/);
  });

  test("is evaluated, and acknowledged, with the pack of the check", () => {
    const { stack } = clusterStack();
    new ResourceGroup(stack, "Legacy", { name: "legacy", location: "westeurope" });
    Compliance.check(stack, { pack: TEAM_PACK });
    expect(ruleResult(evaluate(stack), "TEAM-1")).toMatchObject({
      status: "fail",
      resources: [
        { address: "azurerm_resource_group.Group", status: "pass" },
        { address: "azurerm_resource_group.Legacy", status: "fail", problems: ["name is 'legacy'; it must start with 'rg-'"] },
      ],
    });
    Compliance.acknowledge(stack.node.findChild("Legacy"), "TEAM-1", REASON);
    expect(ruleResult(evaluate(stack), "TEAM-1").status).toBe("acknowledged");
  });
});

describe("a bad acknowledgement", () => {
  const { stack, cluster } = clusterStack();

  test.each([[""], ["   "], ["ok"], ["too short"]])("with the reason %j is rejected", (reason) => {
    expect(() => Compliance.acknowledge(cluster, "NODE-4", reason)).toThrow(ValidationError);
    expect(() => Compliance.acknowledge(cluster, "NODE-4", reason)).toThrow(
      /Compliance\.acknowledge: the reason for NODE-4 must say why the control does not apply here and who accepted the risk, in at least 10 characters; got .*\(at test\/Cluster\)/,
    );
  });

  test("without a reason at all is rejected", () => {
    expect(() => (Compliance.acknowledge as (...args: unknown[]) => void)(cluster, "NODE-4")).toThrow(/must say why the control does not apply.*got (null|nothing \(the prop is missing\))/);
  });

  test("naming an unknown rule is rejected with the known ids", () => {
    expect(() => Compliance.acknowledge(cluster, "IAM-9", "A reason that is long enough.")).toThrow(
      /^Compliance\.acknowledge: unknown rule 'IAM-9'\. Known rule ids: IAM-1, IAM-2, IAM-3, IAM-4, IAM-5, API-1, .*EGR-1, .*OPS-5\. \(at test\/Cluster\)$/,
    );
  });

  test("naming a rule in the wrong case suggests the right one", () => {
    expect(() => Compliance.acknowledge(cluster, "node-4", "A reason that is long enough.")).toThrow(/unknown rule 'node-4' \(did you mean 'NODE-4'\?\)/);
  });

  test("twice for the same rule on the same construct is rejected", () => {
    Compliance.acknowledge(stack, "API-3", "Run command is used by the break-glass runbook.");
    expect(() => Compliance.acknowledge(stack, "API-3", "Another reason, also long enough.")).toThrow(
      /API-3 is already acknowledged on this construct \("Run command is used by the break-glass runbook\."\)/,
    );
  });
});

/** One documented opt-out: how to take it, where to acknowledge it, which rules it fails. */
interface OptOut {
  readonly how: string;
  readonly build: () => { stack: TerraformStack; at: IConstruct };
  readonly rules: readonly string[];
}

const OPT_OUTS: readonly OptOut[] = [
  {
    how: "ClusterEgress.loadBalancerUnrestricted()",
    build: () => {
      const p = platformStack({ cluster: { egress: ClusterEgress.loadBalancerUnrestricted() } });
      return { stack: p.stack, at: p.cluster };
    },
    rules: ["EGR-1"],
  },
  {
    how: "ClusterEncryption.platformManagedKeys()",
    build: () => {
      const p = platformStack({ cluster: { encryption: ClusterEncryption.platformManagedKeys() } });
      return { stack: p.stack, at: p.cluster };
    },
    rules: ["SEC-3", "SEC-4"],
  },
  {
    how: "SecretsVault deployerIpRanges",
    build: () => {
      // AKS does not support KMS with a vault in "selected networks" mode: a vault open to a
      // deployer's ranges holds no cluster keys (platform keys, acknowledged on the cluster).
      const p = platformStack({ vault: { deployerIpRanges: ["203.0.113.7"] }, cluster: { encryption: ClusterEncryption.platformManagedKeys() } });
      Compliance.acknowledge(p.cluster, "SEC-3", "Trial platform with platform-managed keys: its vault is open to the trial deployer.");
      Compliance.acknowledge(p.cluster, "SEC-4", "Trial platform with platform-managed keys: its vault is open to the trial deployer.");
      return { stack: p.stack, at: p.vault };
    },
    rules: ["SEC-2"],
  },
  {
    how: "WafIngress wafMode Detection",
    build: () => {
      const p = platformStack({ ingress: { wafMode: "Detection" } });
      return { stack: p.stack, at: p.ingress };
    },
    rules: ["ING-2"],
  },
  {
    how: "local state",
    build: () => {
      const p = platformStack({ remoteState: false });
      new LocalBackend(p.stack, { path: "terraform.test.tfstate" });
      return { stack: p.stack, at: p.stack };
    },
    rules: ["OPS-2"],
  },
  {
    how: "KeyVaultSecretProviderClass syncToKubernetesSecret",
    build: () => {
      const b = baselineStack({ secrets: { syncToKubernetesSecret: { secretName: "orders-tls", data: [{ objectName: "orders-db-password", key: "tls.key" }] } } });
      return { stack: b.stack, at: b.secrets };
    },
    rules: ["SEC-1"],
  },
];

describe.each(OPT_OUTS.map((o) => [o.how, o] as const))("the opt-out %s", (_how, optOut) => {
  test(`fails ${optOut.rules.join(" and ")} until acknowledged`, () => {
    const { stack } = optOut.build();
    const report = evaluate(stack);
    expect(report.rules.filter((r) => r.status === "fail").map((r) => r.rule.id)).toEqual(optOut.rules);
  });

  test("is acknowledged with its reason on the construct that takes it, and then synthesizes", () => {
    const { stack, at } = optOut.build();
    const reason = `Accepted for this test by the platform team: ${optOut.how}.`;
    for (const id of optOut.rules) Compliance.acknowledge(at, id, reason);
    const report = evaluate(stack);
    for (const id of optOut.rules) {
      expect(ruleResult(report, id)).toMatchObject({ status: "acknowledged", resources: expect.arrayContaining([expect.objectContaining({ acknowledgement: expect.objectContaining({ reason }) })]) });
    }
    expect(report.summary.fail).toBe(0);
    expect(report.unusedAcknowledgements).toEqual([]);
    Compliance.check(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("a custom pack's rules", () => {
  test("a 0.1 rule with seeds and no references is refused at Compliance.check, naming the rule and the rename", () => {
    const { stack } = clusterStack();
    const legacy = { ...HARDENED_AKS_PACK.rules[0], id: "TEAM-2", references: undefined, seeds: ["001"] } as unknown as ComplianceRule;
    const pack: RulePack = { name: "team", version: "1", rules: [legacy], notYetEvaluated: [] };
    expect(() => Compliance.check(stack, { pack })).toThrow(
      /^options\.pack\.rules\[0\] \(TEAM-2\)\.references must be a list of pages as \{ title, url \} with https urls \(\[\] for none\).*got nothing \(the prop is missing\)\. The 0\.1 key seeds was replaced by references\./,
    );
  });

  test("a reference without an https url is refused", () => {
    const { stack } = clusterStack();
    const rule = { ...HARDENED_AKS_PACK.rules[0], id: "TEAM-3", references: [{ title: "wiki", url: "http://wiki" }] };
    expect(() => Compliance.check(stack, { pack: { name: "team", version: "1", rules: [rule], notYetEvaluated: [] } })).toThrow(/options\.pack\.rules\[0\] \(TEAM-3\)\.references must be/);
  });
});
