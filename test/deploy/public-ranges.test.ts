// A public-IP deployer for a trial: the registry allows exactly its ranges, and the
// line-of-sight check agrees.
import { PrivateRegistry, ValidationError, type JsonObject } from "hardened-aks";
import { lineOfSight } from "../../lib/private/deploy/line-of-sight";
import { ENDPOINTS_SUBNET_ID, PLACEMENT, VNET_ID, only, synth, testStack } from "../helpers";

function registry(deployerIpRanges?: string[]) {
  const stack = testStack();
  new PrivateRegistry(stack, "Registry", { ...PLACEMENT, name: "craksquickstart", privateEndpointSubnetId: ENDPOINTS_SUBNET_ID, virtualNetworkIds: [VNET_ID], deployerIpRanges });
  return stack;
}

describe("PrivateRegistry deployerIpRanges", () => {
  test("by default the registry has no public access and no network rule set", () => {
    const acr = only(synth(registry()), "azurerm_container_registry");
    expect(acr).toMatchObject({ public_network_access_enabled: false, export_policy_enabled: false });
    expect(acr.network_rule_set).toBeUndefined();
  });

  test("public access restricted to exactly the deployer's ranges, deny by default; single addresses become /32", () => {
    const acr = only(synth(registry(["203.0.113.7", "198.51.100.0/24"])), "azurerm_container_registry");
    expect(acr.public_network_access_enabled).toBe(true);
    // export_policy_enabled = false needs public access off (the provider's CustomizeDiff).
    expect(acr.export_policy_enabled).toBeUndefined();
    expect(acr.network_rule_set).toEqual([
      { default_action: "Deny", ip_rule: [{ action: "Allow", ip_range: "203.0.113.7/32" }, { action: "Allow", ip_range: "198.51.100.0/24" }] },
    ]);
  });

  test.each(["0.0.0.0/0", "10.1.0.0/16", "not-an-ip"])("rejects %s", (range) => {
    expect(() => registry([range])).toThrow(ValidationError);
    expect(() => registry([range])).toThrow(new RegExp(`deployerIpRanges\\[0\\] must be a public IPv4 address or CIDR.*got '${range.replace(/\./g, "\\.")}'`));
  });

  test("the line-of-sight check reads the synthesized rule set: a declared range it covers is reachable, another is not", () => {
    const json = synth(registry(["203.0.113.7"])) as unknown as JsonObject;
    const withClient = { ...json, resource: { ...(json.resource as object), docker_registry_image: { app: { name: `\${azurerm_container_registry.${Object.keys((json.resource as any).azurerm_container_registry)[0]}.login_server}/app:1` } } } };
    expect(lineOfSight(withClient, { kind: "public", ranges: ["203.0.113.7"] }).map((v) => v.status)).toEqual(["reachable"]);
    expect(lineOfSight(withClient, { kind: "public", ranges: ["203.0.113.8"] })[0].missing).toEqual(["IP rule for 203.0.113.8 missing"]);
  });
});
