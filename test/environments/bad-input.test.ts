// Bad input to EnvironmentState and PlatformEnvironments: tables of bad values with their
// messages, the good values passing, Terraform variables, and JavaScript-style calls.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { EnvironmentState, PlatformEnvironments, ValidationError, type AzurermStateOptions } from "hardened-aks";

type Loose = any;

const STATE: AzurermStateOptions = { resourceGroupName: "rg-tfstate", storageAccountName: "sttfstate", containerName: "tfstate" };
const state = (overrides: Loose) => () => EnvironmentState.azurerm({ ...STATE, ...overrides });

describe("EnvironmentState.azurerm", () => {
  test.each<[string, Loose, RegExp]>([
    ["a storage account name with hyphens", { storageAccountName: "st-tfstate" }, /^EnvironmentState\.azurerm: storageAccountName must be 3-24 lowercase letters or digits, no hyphens .*; got 'st-tfstate'/],
    ["a storage account name in capitals", { storageAccountName: "StTfState" }, /storageAccountName must be 3-24 lowercase letters or digits.*got 'StTfState'/],
    ["a storage account name too short", { storageAccountName: "st" }, /storageAccountName must be 3-24 .*got 'st'/],
    ["a storage account name too long", { storageAccountName: "s".repeat(25) }, /storageAccountName must be 3-24 /],
    ["a container name with two hyphens", { containerName: "tf--state" }, /^EnvironmentState\.azurerm: containerName must be 3-63 lowercase letters, digits or hyphens.*got 'tf--state'/],
    ["a container name ending with a hyphen", { containerName: "tfstate-" }, /containerName must be 3-63 .*got 'tfstate-'/],
    ["a container name in capitals", { containerName: "TfState" }, /containerName must be 3-63 .*got 'TfState'/],
    ["a resource group name ending with a period", { resourceGroupName: "rg-tfstate." }, /^EnvironmentState\.azurerm: resourceGroupName must be 1-90 letters/],
    ["a subscription id that is not a GUID", { subscriptionId: "prod" }, /^EnvironmentState\.azurerm: subscriptionId must be a GUID/],
    ["a tenant id that is not a GUID", { tenantId: "contoso.onmicrosoft.com" }, /^EnvironmentState\.azurerm: tenantId must be a GUID/],
    ["a key prefix with a backslash", { keyPrefix: "platform\\" }, /^EnvironmentState\.azurerm: keyPrefix must be at most 200 characters \(the library's limit, under Azure's 1,024 for a blob name\), with no backslash/],
    ["a key prefix that is a number", { keyPrefix: 1 }, /^EnvironmentState\.azurerm: keyPrefix must be a string such as 'platform\/'; got 1/],
  ])("rejects %s", (_what, overrides, message) => {
    expect(state(overrides)).toThrow(ValidationError);
    expect(state(overrides)).toThrow(message);
  });

  test.each<[string, Loose]>([
    ["24 lowercase letters and digits", { storageAccountName: "sttfstateprod0123456789a" }],
    ["3 characters", { storageAccountName: "st1", containerName: "tfs" }],
    ["a container with single hyphens", { containerName: "tf-state-prod" }],
    ["GUIDs and a key prefix", { subscriptionId: "00000000-0000-0000-0000-000000000000", tenantId: "00000000-0000-0000-0000-000000000000", keyPrefix: "platform/" }],
  ])("accepts %s", (_what, overrides) => {
    expect(state(overrides)).not.toThrow();
  });

  test("takes names from Terraform variables without checking them", () => {
    const stack = new TerraformStack(Testing.app(), "prod");
    const account = new TerraformVariable(stack, "account", { type: "string" }).stringValue;
    EnvironmentState.azurerm({ ...STATE, storageAccountName: account, containerName: new TerraformVariable(stack, "container", { type: "string" }).stringValue }).configure(stack, "prod");
    expect(JSON.parse(Testing.synth(stack)).terraform.backend.azurerm).toMatchObject({ storage_account_name: "${var.account}", container_name: "${var.container}" });
  });

  test.each<[string, Loose, RegExp]>([
    ["no options", undefined, /^EnvironmentState\.azurerm\(options\) is required and must be an object/],
    ["no storage account", { ...STATE, storageAccountName: undefined }, /^EnvironmentState\.azurerm: storageAccountName is required and must be a non-empty string, e\.g\. 'sttfstate'; got nothing/],
    ["a null container", { ...STATE, containerName: null }, /^EnvironmentState\.azurerm: containerName is required .*; got null/],
    ["a resource group that is a number", { ...STATE, resourceGroupName: 3 }, /^EnvironmentState\.azurerm: resourceGroupName is required .*; got 3/],
  ])("a JavaScript caller with %s gets a ValidationError naming the prop", (_what, options, message) => {
    expect(() => EnvironmentState.azurerm(options)).toThrow(ValidationError);
    expect(() => EnvironmentState.azurerm(options)).toThrow(message);
  });
});

describe("PlatformEnvironments, for JavaScript callers", () => {
  const remote = EnvironmentState.azurerm(STATE);
  const env = (overrides: Loose = {}) => ({ name: "dev", addressPlan: { spoke: "10.240.0.0/16" }, sizing: {}, state: remote, ...overrides });
  const build = (props: Loose) => () => new PlatformEnvironments(Testing.app(), props);
  const define = () => undefined;

  test.each<[string, Loose, RegExp]>([
    ["no props", undefined, /^PlatformEnvironments props is required and must be an object/],
    ["no environments", { define }, /^environments is required and must be an array/],
    ["no define", { environments: [env()] }, /^define is required and must be a function, e\.g\. \(env\) => /],
    ["an environment that is a string", { environments: ["dev"], define }, /^environments\[0\] is required and must be an object.*; got 'dev'/],
    ["an environment without a name", { environments: [env({ name: undefined })], define }, /^environments\[0\]\.name is required and must be a non-empty string/],
    ["an environment without an address plan", { environments: [env({ addressPlan: undefined })], define }, /^environments\[0\]\.addressPlan is required and must be an object/],
    ["an address plan without a spoke", { environments: [env({ addressPlan: {} })], define }, /^environments\[0\]\.addressPlan\.spoke is required/],
    ["an environment without sizing", { environments: [env({ sizing: undefined })], define }, /^environments\[0\]\.sizing is required/],
    ["state given as plain options", { environments: [env({ state: STATE })], define }, /^environments\[0\]\.state is required and must be an EnvironmentState, e\.g\. EnvironmentState\.azurerm/],
    ["production as a string", { environments: [env({ production: "yes" })], define }, /^environments\[0\]\.production must be true or false; got 'yes'/],
    ["parity exceptions as an object", { environments: [env()], define, parityExceptions: { resource: "Cluster/Resource" } }, /^parityExceptions must be an array when given/],
    [
      "a parity exception with a one-word reason",
      { environments: [env()], define, parityExceptions: [{ resource: "Cluster/Resource", reason: "dev" }] },
      /^parityExceptions\[0\]\.reason must say why the environments may differ there, in at least 10 characters; got 'dev'/,
    ],
    ["a parity exception without a resource", { environments: [env()], define, parityExceptions: [{ reason: "No paid SLA tier in dev." }] }, /^parityExceptions\[0\]\.resource is required/],
  ])("%s gets a ValidationError naming the prop", (_what, props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test("an environment name from a Terraform variable is refused: it names stacks and state files at synth time", () => {
    const app = Testing.app();
    const name = new TerraformVariable(new TerraformStack(app, "vars"), "env", { type: "string" }).stringValue;
    expect(() => new PlatformEnvironments(app, { environments: [env({ name })], define })).toThrow(/^environments\[0\]\.name must be a literal such as 'dev', not a Terraform variable/);
  });

  test("the same props, complete, build", () => {
    expect(build({ environments: [env()], define: (e: Loose) => e.stack("platform"), parityExceptions: [{ resource: "Cluster/Resource", reason: "No paid SLA tier in dev." }] })).not.toThrow();
  });
});
