import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { buildMultiEnv } from "../../examples/multi-env/main";
import { resources, synthApp } from "../helpers";

describe("multi-env example", () => {
  const stacks = synthApp(buildMultiEnv(Testing.app()));

  test("synthesizes an Azure and an in-cluster stack for each of dev, stage and prod", () => {
    expect(Object.keys(stacks)).toEqual(["dev-baseline", "dev-platform", "prod-baseline", "prod-platform", "stage-baseline", "stage-platform"]);
  });

  test("keeps each stack's state in its own blob of the remote state account", () => {
    for (const [name, { json }] of Object.entries(stacks)) {
      expect(json.terraform.backend.azurerm).toMatchObject({ key: `${name}.tfstate`, use_azuread_auth: true });
    }
  });

  test("sizes environments differently and protects only prod's cluster from destroy", () => {
    const cluster = (name: string) => resources(stacks[name].json, "azurerm_kubernetes_cluster")[0];
    const pool = (name: string) => resources(stacks[name].json, "azurerm_kubernetes_cluster_node_pool")[0];
    expect(pool("dev-platform").max_count).toBe(6);
    expect(pool("prod-platform")).toMatchObject({ vm_size: "Standard_D8ds_v5", max_count: 30 });
    expect(cluster("prod-platform").lifecycle.prevent_destroy).toBe(true);
    expect(cluster("dev-platform").lifecycle.prevent_destroy).toBeUndefined();
  });

  test("runs dev on its development profile: Standard firewall and Free tier, acknowledged as the profile's", () => {
    const tier = (name: string) => resources(stacks[name].json, "azurerm_firewall")[0].sku_tier;
    const clusterTier = (name: string) => resources(stacks[name].json, "azurerm_kubernetes_cluster")[0].sku_tier;
    expect([tier("dev-platform"), tier("stage-platform"), tier("prod-platform")]).toEqual(["Standard", "Premium", "Premium"]);
    expect([clusterTier("dev-platform"), clusterTier("stage-platform"), clusterTier("prod-platform")]).toEqual(["Free", "Standard", "Standard"]);
    const report = JSON.parse(fs.readFileSync(path.join(stacks["dev-platform"].dir, "compliance-report.json"), "utf8"));
    const acknowledged = (id: string) => report.rules.find((r: { rule: { id: string } }) => r.rule.id === id);
    for (const id of ["EGR-4", "NODE-4"]) {
      expect(acknowledged(id).status).toBe("acknowledged");
      expect(acknowledged(id).resources[0].acknowledgement.reason).toMatch(new RegExp(`^Security profile 'development' \\(${id}\\): `));
    }
    const prod = JSON.parse(fs.readFileSync(path.join(stacks["prod-platform"].dir, "compliance-report.json"), "utf8"));
    expect(prod.summary.acknowledged).toBe(0);
  });

  test("holds parity and passes every compliance rule, writing a report per stack", () => {
    for (const { dir } of Object.values(stacks)) {
      const report = JSON.parse(fs.readFileSync(path.join(dir, "compliance-report.json"), "utf8"));
      expect(report.summary.fail).toBe(0);
    }
  });
});
