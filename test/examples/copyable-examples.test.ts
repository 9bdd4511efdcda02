// The examples users copy besides the quickstart and multi-env: each synthesizes with every
// compliance rule passing, or, for the opt-outs example, passing or acknowledged.
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { buildBringYourOwnNetwork } from "../../examples/bring-your-own-network/main";
import { buildGpuPool } from "../../examples/gpu-pool/main";
import { buildOptOuts } from "../../examples/opt-outs/main";
import { only, resources, synthApp } from "../helpers";

/** The compliance report JSON the synthesis wrote next to a stack's Terraform. */
function report(dir: string): { summary: { fail: number; acknowledged: number }; rules: { rule: { id: string }; status: string }[] } {
  return JSON.parse(fs.readFileSync(path.join(dir, "compliance-report.json"), "utf8"));
}

function acknowledgedRules(dir: string): string[] {
  return report(dir)
    .rules.filter((r) => r.status === "acknowledged")
    .map((r) => r.rule.id)
    .sort();
}

describe("bring-your-own-network example", () => {
  const { json, dir } = synthApp(buildBringYourOwnNetwork(Testing.app()))["byo-network"];

  test("passes every compliance rule with nothing acknowledged", () => {
    expect(report(dir).summary.fail).toBe(0);
    expect(acknowledgedRules(dir)).toEqual([]);
  });

  test("creates no spoke network, no hub and no firewall", () => {
    expect(resources(json, "azurerm_virtual_network")).toEqual([]);
    expect(resources(json, "azurerm_firewall")).toEqual([]);
    expect(resources(json, "azurerm_subnet")).toEqual([]);
  });

  test("routes the node subnets to the hub's firewall and peers spoke and hub both ways", () => {
    expect(only(json, "azurerm_route_table").route).toEqual([expect.objectContaining({ next_hop_type: "VirtualAppliance", next_hop_in_ip_address: "10.0.1.4" })]);
    const associations = resources(json, "azurerm_subnet_route_table_association").map((a) => a.subnet_id.split("/").pop());
    expect(associations.sort()).toEqual(["snet-aks-system", "snet-aks-user"]);
    const hubPeerings = Object.entries(json.resource.azurerm_virtual_network_peering as Record<string, any>).filter(([id]) => !id.startsWith("Deployer-") && !id.startsWith("Deployer_"));
    expect(hubPeerings.map(([, p]) => [p.virtual_network_name, p.allow_forwarded_traffic]).sort()).toEqual([
      ["vnet-hub", true],
      ["vnet-spoke-orders", true],
    ]);
    // The nodes reach the firewall only once both peerings exist.
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.depends_on).toEqual(expect.arrayContaining(hubPeerings.map(([id]) => `azurerm_virtual_network_peering.${id}`)));
    expect(aks.default_node_pool.vnet_subnet_id).toMatch(/\/subnets\/snet-aks-system$/);
  });
});

describe("gpu-pool example", () => {
  const { json, dir } = synthApp(buildGpuPool(Testing.app())).gpu;
  const pools = Object.fromEntries(resources(json, "azurerm_kubernetes_cluster_node_pool").map((p) => [p.name, p]));

  test("passes every compliance rule with nothing acknowledged", () => {
    expect(report(dir).summary.fail).toBe(0);
    expect(acknowledgedRules(dir)).toEqual([]);
  });

  test("taints only the GPU pool, declared in userPools", () => {
    expect(Object.keys(pools).sort()).toEqual(["apps", "gpu"]);
    expect(pools.gpu).toMatchObject({ vm_size: "Standard_NC4as_T4_v3", node_taints: ["sku=gpu:NoSchedule"], node_labels: { accelerator: "nvidia-t4" }, min_count: 0 });
    expect(pools.apps.node_taints).toBeUndefined();
  });

  test("the platform's tags reach the cluster and every pool, the pool's own tags added", () => {
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.tags).toEqual({ costCenter: "ml-platform" });
    expect(aks.default_node_pool.tags).toEqual({ costCenter: "ml-platform" });
    expect(pools.apps.tags).toEqual({ costCenter: "ml-platform" });
    expect(pools.gpu.tags).toEqual({ costCenter: "ml-platform", workload: "inference" });
  });
});

describe("opt-outs example", () => {
  const { json, dir } = synthApp(buildOptOuts(Testing.app())).loadtest;

  test("fails no rule: every weakened control is acknowledged, and only those", () => {
    expect(report(dir).summary.fail).toBe(0);
    expect(acknowledgedRules(dir)).toEqual(["IMG-1", "ING-2", "NET-6", "NODE-4", "OPS-2", "SEC-2", "SEC-3", "SEC-4"]);
  });

  test("the opt-outs are in the Terraform: Free tier, no ACNS, WAF in Detection, the runner's address on the vault", () => {
    expect(only(json, "azurerm_kubernetes_cluster").sku_tier).toBe("Free");
    expect(only(json, "azurerm_kubernetes_cluster").network_profile.advanced_networking).toBeUndefined();
    expect(only(json, "azurerm_web_application_firewall_policy").policy_settings).toMatchObject({ mode: "Detection" });
    expect(only(json, "azurerm_key_vault")).toMatchObject({
      purge_protection_enabled: true,
      public_network_access_enabled: true,
      network_acls: expect.objectContaining({ default_action: "Deny", ip_rules: ["203.0.113.10"] }),
    });
  });
});
