import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { EgressFirewall, HardenedPlatform, type HardenedPlatformProps } from "hardened-aks";
import { asWritten } from "../../lib/private/prop-paths";
import { platformProps } from "../platform/platform-props";
import { PLACEMENT, WORKSPACE_ID, testStack } from "../helpers";

/** Builds a platform with the given props; returns what it threw. */
function build(overrides: Partial<HardenedPlatformProps>): () => HardenedPlatform {
  return () => new HardenedPlatform(new TerraformStack(Testing.app(), "test"), platformProps(overrides));
}

describe("the parts the platform creates name the platform's props in their errors", () => {
  it.each([
    [{ hub: { firewall: { tier: "Basic" } as any } }, /^hub\.firewall\.tier is no longer a prop \(got 'Basic'\)/],
    [{ hub: { firewall: { allowedFqdns: ["*.co.uk"] } } }, /^hub\.firewall\.allowedFqdns\[0\] must not be a catch-all wildcard; got '\*\.co\.uk'/],
    [
      { hub: { firewall: { allowedNetworkRules: [{ name: "ntp", description: "Time", protocols: ["UDP"], destinationPorts: ["1-1024", "1025-65535"], destinationAddresses: ["10.1.0.4"] }] } } },
      /^hub\.firewall\.allowedNetworkRules\[0\]\.destinationPorts must not open every port, alone or together/,
    ],
    [{ hub: { firewall: { zones: [1] as any } } }, /^hub\.firewall\.zones\[0\] must be a string \(write '1'\); got 1\./],
    [{ addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/27" } }, /^addressPlan\.hub '10\.200\.0\.0\/27' is too small for AzureFirewallSubnet/],
    [{ ingress: { wafMode: "Off" as any } }, /^ingress\.wafMode must be one of 'Prevention', 'Detection'; got 'Off'\./],
    [{ ingress: { sslPolicyName: "AppGwSslPolicy20170401S" as any } }, /^ingress\.sslPolicyName must be one of/],
    [{ ingress: { minCapacity: 9, maxCapacity: 3 } }, /^ingress\.minCapacity \(9\) must not be greater than maxCapacity \(3\)/],
    [{ registry: { untaggedRetentionDays: 400 } }, /^registry\.untaggedRetentionDays must be a whole number from 0 to 365/],
    [{ registry: { zoneRedundancyEnabled: "yes" as any } }, /^registry\.zoneRedundancyEnabled must be a boolean; got 'yes'\./],
    [{ monitoring: { retentionInDays: 7 } }, /^monitoring\.retentionInDays must be a whole number from 30 to 730/],
    [{ tags: { "a/b": "c" } }, /^tags tag name 'a\/b' must be 1-128 characters/],
    [{ hub: { firewall: { withoutIntrusionDetection: { reason: "dev" } } } }, /^hub\.firewall\.withoutIntrusionDetection\.reason must say why this firewall runs without intrusion detection/],
  ])("%j", (overrides, message) => {
    expect(build(overrides as Partial<HardenedPlatformProps>)).toThrow(message);
  });

  it("leaves the messages of a construct the user creates as they are", () => {
    expect(
      () =>
        new EgressFirewall(testStack(), "EgressFirewall", {
          ...PLACEMENT,
          name: "afw-test",
          hubAddressSpace: "10.200.0.0/24",
          sourceAddressSpaces: ["10.240.0.0/16"],
          monitoring: { workspaceId: WORKSPACE_ID },
          withoutIntrusionDetection: { reason: "dev" },
        }),
    ).toThrow(/^withoutIntrusionDetection\.reason must say/);
  });

  it("renames only a leading prop of the construct, not a method or another word", () => {
    const stack = testStack();
    const location = new TerraformVariable(stack, "location", { type: "string" }).stringValue;
    const platform = new HardenedPlatform(new TerraformStack(Testing.app(), "t"), platformProps({ location }));
    const firewall = platform.firewall!;
    expect(asWritten(firewall, "tier must be one of ...", ["tier"])).toBe("hub.firewall.tier must be one of ...");
    expect(asWritten(firewall, "allowedFqdns[2] must ...", ["allowedFqdns"])).toBe("hub.firewall.allowedFqdns[2] must ...");
    expect(asWritten(firewall, "sourceAddressSpaces must ...", [])).toBe("addressPlan.spoke must ...");
    expect(asWritten(firewall, "peerWith(Spoke): the spoke's ...", ["peerWith"])).toBe("peerWith(Spoke): the spoke's ...");
    expect(asWritten(firewall, "Two zones are named ...", ["tier"])).toBe("Two zones are named ...");
    expect(asWritten(platform.ingress, "wafMode must ...", ["wafMode"])).toBe("ingress.wafMode must ...");
  });

  it("recognises a subclass of the platform, and names a brought hub's firewall address as written", () => {
    class MyPlatform extends HardenedPlatform {}
    const platform = new MyPlatform(new TerraformStack(Testing.app(), "t"), platformProps({ addressPlan: { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" } }));
    expect(asWritten(platform.firewall!, "tier must be one of ...", ["tier"])).toBe("hub.firewall.tier must be one of ...");
    expect(asWritten(platform.egressRoute, "firewallPrivateIp must be an IPv4 address ...", [])).toBe("hub.existing.firewallPrivateIp must be an IPv4 address ...");
  });

  it("a spoke from a Terraform variable is named as addressPlan.spoke", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const spoke = new TerraformVariable(stack, "spoke", { type: "string" }).stringValue;
    expect(() => new HardenedPlatform(stack, platformProps({ addressPlan: { spoke, hub: "10.200.0.0/24" } }))).toThrow(/^addressPlan\.spoke must be known at synth time/);
  });
});
