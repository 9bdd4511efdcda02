// The quickstart's synthesized Terraform, read with each deployer choice, and with one link
// removed at a time.
import { Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Compliance, PrivateRegistry, type JsonObject } from "hardened-aks";
import { lineOfSight } from "../../lib/private/deploy/line-of-sight";
import { buildQuickstart } from "../../examples/quickstart/main";
import { RUNNER_NETWORK_ID } from "../../examples/placeholders";
import { ENDPOINTS_SUBNET_ID, PLACEMENT, VNET_ID, synthApp, testCluster } from "../helpers";
import { ruleResult } from "../compliance/compliance-helpers";

const stacks = synthApp(buildQuickstart(Testing.app()));
const azure = stacks.quickstart.json as unknown as JsonObject;
const inCluster = stacks["quickstart-baseline"].json as unknown as JsonObject;
const runner = { kind: "network", virtualNetworkId: RUNNER_NETWORK_ID } as const;
const lookup = (id: string) => (id === "quickstart" ? azure : undefined);

/** The Azure stack without one resource. */
function without(type: string, name: string): JsonObject {
  const resource = JSON.parse(JSON.stringify(azure.resource));
  delete resource[type][name];
  return { ...azure, resource };
}

describe("the quickstart's line of sight", () => {
  test("from its runner: every key, the disk encryption set's key read and the API server are reachable", () => {
    expect(lineOfSight(azure, runner).map((v) => [v.address.replace(/^data\./, "data ").split(".")[0], v.status])).toEqual([
      ["azurerm_key_vault_key", "reachable"],
      ["azurerm_key_vault_key", "reachable"],
      // The etcd key's latest version (KMS follows rotation) and the named secrets' existence check, read at plan time.
      ["data azurerm_key_vault_key", "reachable"],
      ["data azurerm_key_vault_secrets", "reachable"],
      ["azurerm_disk_encryption_set", "reachable"],
    ]);
    expect(lineOfSight(inCluster, runner, lookup)).toEqual([expect.objectContaining({ plane: "Kubernetes API server", status: "reachable" })]);
  });

  test("from public IP ranges: the private vault and the private API server are unreachable", () => {
    const ranges = { kind: "public", ranges: ["203.0.113.7"] } as const;
    expect(lineOfSight(azure, ranges).map((v) => v.missing[0])).toEqual(Array(5).fill("public network access is off (public_network_access_enabled = false)"));
    expect(lineOfSight(inCluster, ranges, lookup)[0].status).toBe("unreachable");
  });

  test("from another VNet, nothing is reachable", () => {
    const other = { kind: "network", virtualNetworkId: RUNNER_NETWORK_ID.replace(/vnet-ci-runners$/, "vnet-elsewhere") } as const;
    expect(new Set(lineOfSight(azure, other).map((v) => v.status))).toEqual(new Set(["unreachable"]));
  });

  test.each([
    ["azurerm_private_dns_zone_virtual_network_link", "Deployer-DnsLink-0", /zone privatelink\.vaultcore\.azure\.net is not linked to/],
    ["azurerm_virtual_network_peering", "Deployer-FromRunner-0", /the peering runner → vnet-aks-quickstart in resource group rg-aks-quickstart is missing$/],
    ["azurerm_virtual_network_peering", "Deployer-ToRunner-0", /the peering vnet-aks-quickstart in resource group rg-aks-quickstart → runner is missing$/],
  ])("without %s.%s the keys are unreachable", (type, name, missing) => {
    const verdicts = lineOfSight(without(type, name), runner);
    expect(verdicts.map((v) => v.status)).toEqual(Array(5).fill("unreachable"));
    expect(verdicts[0].missing.join("; ")).toMatch(missing);
  });

  test("without the API server zone's link to the runner, the in-cluster stack cannot reach the cluster", () => {
    const unlinked = without("azurerm_private_dns_zone_virtual_network_link", "Deployer-DnsLink-2");
    expect(lineOfSight(inCluster, runner, () => unlinked)[0].missing).toEqual([
      expect.stringMatching(/^zone privatelink\.westeurope\.azmk8s\.io is not linked to .*vnet-ci-runners: the runner cannot resolve the API server$/),
    ]);
  });
});

describe("a cluster next to a registry it cannot pull from (IMG-3)", () => {
  function stack(grant: boolean) {
    const s = new TerraformStack(Testing.app(), "test");
    new AzurermProvider(s, "azurerm", { features: [{}] });
    const cluster = testCluster(s);
    const registry = new PrivateRegistry(s, "Registry", { ...PLACEMENT, name: "craksquickstart", privateEndpointSubnetId: ENDPOINTS_SUBNET_ID, virtualNetworkIds: [VNET_ID] });
    if (grant) registry.grantPull(cluster);
    return { s, registry };
  }

  test("fails without registry.grantPull(cluster), passes with it", () => {
    const missing = ruleResult(Compliance.evaluate(stack(false).s), "IMG-3");
    expect(missing.status).toBe("fail");
    expect(JSON.stringify(missing)).toContain("registry.grantPull(cluster)");
    expect(ruleResult(Compliance.evaluate(stack(true).s), "IMG-3").status).toBe("pass");
  });

  test("is acknowledged when the registry serves something else", () => {
    const { s, registry } = stack(false);
    Compliance.acknowledge(registry, "IMG-3", "The registry holds build images, not this cluster's workloads.");
    expect(ruleResult(Compliance.evaluate(s), "IMG-3").status).toBe("acknowledged");
  });
});
