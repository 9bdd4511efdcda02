import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Compliance, DEFAULT_DEFENDER_FOR_CONTAINERS_EXTENSIONS, SubscriptionPrerequisites } from "hardened-aks";
import { buildQuickstart } from "../../examples/quickstart/main";
import { only, resources, synth } from "../helpers";

function prerequisites(props: ConstructorParameters<typeof SubscriptionPrerequisites>[2] = {}) {
  const stack = new TerraformStack(Testing.app(), "subscription");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  new SubscriptionPrerequisites(stack, "Prerequisites", props);
  return stack;
}

describe("SubscriptionPrerequisites", () => {
  test("synthesizes nothing unless asked: the feature registration is never synthesized", () => {
    const json = synth(prerequisites());
    expect(json.resource ?? {}).toEqual({});
    expect(resources(json, "azurerm_resource_provider_registration")).toEqual([]);
  });

  test("turns Defender for Containers on with the listed extensions only (the provider turns every other one off)", () => {
    expect(only(synth(prerequisites({ defenderForContainers: true })), "azurerm_security_center_subscription_pricing")).toEqual(
      expect.objectContaining({ tier: "Standard", resource_type: "Containers", extension: DEFAULT_DEFENDER_FOR_CONTAINERS_EXTENSIONS.map((name) => ({ name })) }),
    );
  });

  test("the deploy plan puts the subscription stack first, says it runs once per subscription, and keeps the az commands for host encryption", () => {
    const app = Testing.app();
    const subscription = new TerraformStack(app, "zz-subscription");
    new AzurermProvider(subscription, "azurerm", { features: [{}] });
    new SubscriptionPrerequisites(subscription, "Prerequisites", { defenderForContainers: true });
    buildQuickstart(app);
    Compliance.check(subscription, { failOnViolation: false });
    app.synth();
    const plan = fs.readFileSync(path.join(app.outdir, "deploy-plan.md"), "utf8");
    expect(plan).toContain("Deploy the stacks in this order: `zz-subscription` → `quickstart` → `quickstart-baseline`.");
    expect(plan).toContain("deploy this stack once per subscription, not per environment");
    expect(plan).toContain("Runs from: anywhere the deployer can sign in to Azure: the stack calls no data plane.");
    expect(plan).toContain("az feature register --namespace Microsoft.Compute --name EncryptionAtHost");
  });
});
