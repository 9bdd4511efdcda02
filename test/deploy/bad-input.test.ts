// Bad input to the Deployer and DeployerPrincipal factories from JavaScript callers: every
// missing, null or mistyped prop is a ValidationError naming the call and the prop.
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Deployer, DeployerPrincipal, ValidationError } from "hardened-aks";

type Loose = any;

const VNET = "/subscriptions/s/resourceGroups/rg-runners/providers/Microsoft.Network/virtualNetworks/vnet-runners";
const REASON = "Trial from a laptop; the runner network comes next sprint.";

describe("Deployer.runnerInNetwork", () => {
  test.each<[string, Loose, RegExp]>([
    ["no props", undefined, /^Deployer\.runnerInNetwork\(props\) is required and must be an object/],
    ["no virtualNetworkId", {}, /^Deployer\.runnerInNetwork: virtualNetworkId is required and must be a non-empty string.*; got nothing \(the prop is missing\)/],
    ["a null virtualNetworkId", { virtualNetworkId: null }, /^Deployer\.runnerInNetwork: virtualNetworkId is required .*; got null/],
    ["a subnet id", { virtualNetworkId: `${VNET}/subnets/runners` }, /^Deployer\.runnerInNetwork: virtualNetworkId must be a virtual network's ARM id/],
    ["a virtualNetworkName that is a number", { virtualNetworkId: VNET, virtualNetworkName: 1 }, /^Deployer\.runnerInNetwork: virtualNetworkName must be a non-empty string when given, e\.g\. 'vnet-runners'; got 1/],
    ["a resource group name ending with a period", { virtualNetworkId: VNET, resourceGroupName: "rg." }, /^Deployer\.runnerInNetwork: resourceGroupName must be 1-90 letters/],
    ["a principal given as an object id", { virtualNetworkId: VNET, principal: "44444444-4444-4444-4444-444444444444" }, /^Deployer\.runnerInNetwork: principal must be a DeployerPrincipal, e\.g\. DeployerPrincipal\.servicePrincipal/],
  ])("%s gets a ValidationError naming the prop", (_what, props, message) => {
    expect(() => Deployer.runnerInNetwork(props)).toThrow(ValidationError);
    expect(() => Deployer.runnerInNetwork(props)).toThrow(message);
  });

  test("accepts a VNet id with its name and group, and a principal", () => {
    expect(() => Deployer.runnerInNetwork({ virtualNetworkId: VNET, virtualNetworkName: "vnet-runners", resourceGroupName: "rg-runners", principal: DeployerPrincipal.current() })).not.toThrow();
  });

  test("takes a VNet id from a Terraform variable without checking it", () => {
    const stack = new TerraformStack(Testing.app(), "prod");
    const id = new TerraformVariable(stack, "runnerVnet", { type: "string" }).stringValue;
    expect(Deployer.runnerInNetwork({ virtualNetworkId: id, virtualNetworkName: "vnet-runners", resourceGroupName: "rg-runners" }).location).toEqual({ kind: "network", virtualNetworkId: id });
  });
});

describe("Deployer.publicIpRanges", () => {
  test.each<[string, Loose, Loose, RegExp]>([
    ["no ranges", undefined, { reason: REASON }, /^Deployer\.publicIpRanges\(ranges\) is required and must be an array, e\.g\. \['203\.0\.113\.7'\]; got nothing/],
    ["ranges as one string", "203.0.113.7", { reason: REASON }, /^Deployer\.publicIpRanges\(ranges\) is required and must be an array.*; got '203\.0\.113\.7'/],
    ["no props", ["203.0.113.7"], undefined, /^Deployer\.publicIpRanges\(ranges, props\) is required and must be an object/],
    ["no reason", ["203.0.113.7"], {}, /^Deployer\.publicIpRanges: reason must say why the deployer runs outside the network, in at least 10 characters; got nothing/],
    ["a range that is a number", [203], { reason: REASON }, /^Deployer\.publicIpRanges: ranges\[0\] must be a string such as '203\.0\.113\.7'; got 203/],
    ["a principal that is a plain object", ["203.0.113.7"], { reason: REASON, principal: { objectId: "x" } }, /^Deployer\.publicIpRanges: principal must be a DeployerPrincipal/],
  ])("%s gets a ValidationError naming the prop", (_what, ranges, props, message) => {
    expect(() => Deployer.publicIpRanges(ranges, props)).toThrow(ValidationError);
    expect(() => Deployer.publicIpRanges(ranges, props)).toThrow(message);
  });

  test("accepts public ranges with a reason", () => {
    expect(Deployer.publicIpRanges(["203.0.113.7", "198.51.100.0/28"], { reason: REASON }).allowedIpRanges).toEqual(["203.0.113.7", "198.51.100.0/28"]);
  });
});

describe("DeployerPrincipal", () => {
  test.each<[string, () => unknown, RegExp]>([
    ["servicePrincipal()", () => (DeployerPrincipal.servicePrincipal as Loose)(), /^DeployerPrincipal\.servicePrincipal\(objectId\) is required and must be a non-empty string.*; got nothing \(the prop is missing\)/],
    ["user(null)", () => DeployerPrincipal.user(null as Loose), /^DeployerPrincipal\.user\(objectId\) is required .*; got null/],
    ["group(42)", () => DeployerPrincipal.group(42 as Loose), /^DeployerPrincipal\.group\(objectId\) is required .*; got 42/],
    ["servicePrincipal('ci-bot')", () => DeployerPrincipal.servicePrincipal("ci-bot"), /^DeployerPrincipal\.servicePrincipal\(objectId\) must be a GUID/],
  ])("%s gets a ValidationError naming the call", (_what, call, message) => {
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(message);
  });

  test("accepts an object id, or one from a Terraform variable", () => {
    const stack = new TerraformStack(Testing.app(), "prod");
    expect(DeployerPrincipal.servicePrincipal("44444444-4444-4444-4444-444444444444").principalType).toBe("ServicePrincipal");
    expect(DeployerPrincipal.user(new TerraformVariable(stack, "user", { type: "string" }).stringValue).principalType).toBe("User");
  });
});
