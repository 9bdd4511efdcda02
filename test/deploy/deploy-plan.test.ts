// The generated first-deploy plan: stacks in dependency order, where each runs from, what
// must exist first, what to check afterwards.
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Deployer, EntraKubernetesProvider, KeyUsage, KubeloginLogin, clusterEndpoint } from "hardened-aks";
import { renderDeployPlan } from "../../lib/private/deploy/deploy-plan";
import { buildQuickstart } from "../../examples/quickstart/main";
import { buildMultiEnv } from "../../examples/multi-env/main";
import { RUNNER_NETWORK_ID } from "../../examples/placeholders";
import { buildBaseline, buildPlatform } from "../compliance/compliance-helpers";
import { TENANT_ID, testVault } from "../helpers";

const RUNNER = "/subscriptions/s/resourceGroups/rg-runners/providers/Microsoft.Network/virtualNetworks/vnet-runners";

describe("the deploy plan", () => {
  test("the quickstart's plan lists the Azure stack before the in-cluster stack, names the deployer, and registers host encryption first", () => {
    const app = buildQuickstart(Testing.app());
    app.synth();
    const plan = fs.readFileSync(path.join(app.outdir, "deploy-plan.md"), "utf8");
    expect(plan).toContain("Deploy the stacks in this order: `quickstart` → `quickstart-baseline`.");
    expect(plan.indexOf("## 1. `cdktf deploy quickstart`")).toBeLessThan(plan.indexOf("## 2. `cdktf deploy quickstart-baseline`"));
    expect(plan).toContain(`Runs from: a runner inside the VNet ${RUNNER_NETWORK_ID}`);
    expect(plan).toContain("az feature register --namespace Microsoft.Compute --name EncryptionAtHost");
    expect(plan).toContain("az aks show -g rg-aks-quickstart -n aks-quickstart");
    expect(plan).toContain("kubectl get nodes   # from the runner");
    expect(plan).toMatch(/User Access Administrator .* together with Contributor/);
  });

  test("orders stacks by their cross-stack dependencies, not by creation order or name", () => {
    const app = Testing.app();
    // Created first, named to sort first: still deployed second, because it reads the Azure stack's outputs.
    const inCluster = new TerraformStack(app, "a-baseline");
    const azure = new TerraformStack(app, "z-platform");
    new AzurermProvider(azure, "azurerm", { features: [{}] });
    const platform = buildPlatform(azure);
    new EntraKubernetesProvider(inCluster, "Kubernetes", { ...clusterEndpoint(platform.cluster), login: KubeloginLogin.managedIdentity(), tenantId: TENANT_ID });
    platform.deployer.declare(inCluster);
    buildBaseline(inCluster);
    app.synth();
    const plan = fs.readFileSync(path.join(app.outdir, "deploy-plan.md"), "utf8");
    expect(plan).toContain("Deploy the stacks in this order: `z-platform` → `a-baseline`.");
    expect(plan).toContain("After: `z-platform` (it reads its outputs).");
    // The in-cluster stack synthesized first, and still found its cluster in the Azure stack.
    expect(plan).toMatch(/`provider\.kubernetes` \(Kubernetes API server\): reachable/);
  });

  test("asks for no feature registration when no pool encrypts at host, and lists a resource group it does not create", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "vault");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const vault = testVault(stack, { virtualNetworkIds: [RUNNER] });
    vault.addKey("Key", { name: "k", usage: KeyUsage.DISK_ENCRYPTION });
    const deployer = Deployer.publicIpRanges(["203.0.113.7"], { reason: "Trial from a laptop." });
    vault.grantKeyAdministration(deployer.principal);
    deployer.declare(stack);
    // The vault is private: the declared public deployer cannot reach it, and the plan still says so.
    expect(() => app.synth()).toThrow("public network access is off");
    const plan = fs.readFileSync(path.join(app.outdir, "deploy-plan.md"), "utf8");
    expect(plan).toContain("No subscription feature registration is needed: no node pool encrypts at host.");
    expect(plan).not.toContain("EncryptionAtHost");
    expect(plan).toContain("the resource group `rg-test` (the stack names it and no stack creates it)");
    expect(plan).toContain("Runs from: a machine whose public address is in 203.0.113.7");
    expect(plan).toMatch(/unreachable, public network access is off/);
  });

  test("writes one plan per environment with PlatformEnvironments", () => {
    const app = buildMultiEnv(Testing.app());
    app.synth();
    for (const env of ["dev", "stage", "prod"]) {
      const plan = fs.readFileSync(path.join(app.outdir, `${env}-deploy-plan.md`), "utf8");
      expect(plan).toContain(`# Deploy plan: ${env}`);
      expect(plan).toContain(`Deploy the stacks in this order: \`${env}-platform\` → \`${env}-baseline\`.`);
    }
    expect(fs.existsSync(path.join(app.outdir, "deploy-plan.md"))).toBe(false);
  });

  test("renders from facts alone", () => {
    const plan = renderDeployPlan("t", [
      { id: "second", terraform: {}, dependsOn: ["first"], verdicts: [] },
      { id: "first", terraform: {}, dependsOn: [], verdicts: [] },
    ]);
    expect(plan).toContain("Deploy the stacks in this order: `first` → `second`.");
    expect(plan).toContain("**no deployer declared**");
  });
});
