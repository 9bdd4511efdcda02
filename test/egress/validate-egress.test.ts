import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { uncoveredSpokeSpace } from "../../lib/egress/validate-egress";

describe("uncoveredSpokeSpace", () => {
  it.each([
    [["10.240.0.0/16"], ["10.241.0.0/16"], "10.241.0.0/16"],
    [["10.240.0.0/17"], ["10.240.0.0/16"], "10.240.0.0/16"],
    [["10.240.0.0/16"], ["10.240.0.0/16", "10.240.0.0/15"], "10.240.0.0/15"],
    [["10.240.0.0/17", "10.240.192.0/18"], ["10.240.0.0/16"], "10.240.0.0/16"],
  ])("sources %j leave spoke %j partly out: names %s", (sources, spoke, uncovered) => {
    expect(uncoveredSpokeSpace(spoke, sources)).toBe(uncovered);
  });

  it.each([
    [["10.240.0.0/16"], ["10.240.0.0/16"]],
    [["10.240.0.0/17", "10.240.128.0/17"], ["10.240.0.0/16"]],
    [["10.0.0.0/8"], ["10.240.0.0/16", "10.1.0.0/24"]],
    [["10.240.0.0/16"], []],
  ])("sources %j cover spoke %j", (sources, spoke) => {
    expect(uncoveredSpokeSpace(spoke, sources)).toBeUndefined();
  });

  it("does not check tokens: whole lists or entries, on either side", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const one = new TerraformVariable(stack, "one", { type: "string" }).stringValue;
    const list = new TerraformVariable(stack, "list", { type: "list(string)" }).listValue;
    expect(uncoveredSpokeSpace(["10.241.0.0/16"], [one])).toBeUndefined();
    expect(uncoveredSpokeSpace(["10.241.0.0/16"], list)).toBeUndefined();
    expect(uncoveredSpokeSpace([one], ["10.240.0.0/16"])).toBeUndefined();
    expect(uncoveredSpokeSpace(list, ["10.240.0.0/16"])).toBeUndefined();
  });
});
