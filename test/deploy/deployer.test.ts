// The deployer declaration, its connection, and the synthesis-time checks on stacks wired by
// hand from the low-level constructs: each deployer choice passes when wired, and removing
// one link (a DNS zone link, a peering, an IP rule) fails synthesis naming it.
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing, TerraformStack, type App } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  ClusterMonitoring,
  Compliance,
  Deployer,
  DeployerPrincipal,
  EgressFirewall,
  EgressRoute,
  KeyUsage,
  ValidationError,
  type SecretsVault,
} from "hardened-aks";
import { PLACEMENT, resources, synth, testNetwork, testVault } from "../helpers";

const RUNNER = "/subscriptions/s/resourceGroups/rg-runners/providers/Microsoft.Network/virtualNetworks/vnet-runners";
const CI = "44444444-4444-4444-4444-444444444444";

/** A hand-wired Azure stack: a network, a vault with its endpoint in it and one key, granted to the deployer. */
function vaultStack(deployer: Deployer, options: { connect?: "all" | "no-zones" | "no-networks" | "none"; ipRanges?: string[] } = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "azure");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const network = testNetwork(stack);
  const vault = testVault(stack, {
    privateEndpointSubnetId: network.privateEndpointsSubnetId,
    virtualNetworkIds: [network.virtualNetworkId],
    deployerIpRanges: options.ipRanges,
  });
  vault.addKey("EtcdKey", { name: "etcd", usage: KeyUsage.KUBERNETES_KMS });
  vault.grantKeyAdministration(deployer.principal);
  deployer.declare(stack);
  const zone = vault.privateEndpoint.dnsZone!;
  const connect = options.connect ?? "all";
  if (connect !== "none") {
    const sight = deployer.connect(stack, "Deployer", {
      networks: connect === "no-networks" ? [] : [network],
      privateDnsZones: connect === "no-zones" ? [] : [{ zoneName: zone.name, resourceGroupName: zone.resourceGroupName }],
    });
    vault.addKeyPrerequisite(...sight.peerings, ...sight.dnsZoneLinks);
  }
  return { app, stack, vault };
}

function terraformFile(app: App, stack: string): string {
  return path.join(app.outdir, "stacks", stack, "cdk.tf.json");
}

describe("Deployer.runnerInNetwork", () => {
  test("rejects a virtualNetworkId that is not a VNet's ARM id, naming the prop, the value and the expected form", () => {
    expect(() => Deployer.runnerInNetwork({ virtualNetworkId: "vnet-runners" })).toThrow(ValidationError);
    expect(() => Deployer.runnerInNetwork({ virtualNetworkId: "vnet-runners" })).toThrow(
      "virtualNetworkId must be a virtual network's ARM id, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>; got 'vnet-runners'",
    );
  });

  test("peers the runner both ways, the runner side in the runner's resource group, and links each zone to the runner's VNet", () => {
    const { stack } = vaultStack(Deployer.runnerInNetwork({ virtualNetworkId: RUNNER }));
    const json = synth(stack);
    const peerings = resources(json, "azurerm_virtual_network_peering");
    expect(peerings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ resource_group_name: "rg-runners", virtual_network_name: "vnet-runners", remote_virtual_network_id: expect.stringMatching(/^\$\{azurerm_virtual_network\./) }),
        expect.objectContaining({ remote_virtual_network_id: RUNNER, virtual_network_name: expect.stringMatching(/^\$\{azurerm_virtual_network\./) }),
      ]),
    );
    expect(peerings).toHaveLength(2);
    const links = resources(json, "azurerm_private_dns_zone_virtual_network_link").filter((l) => l.virtual_network_id === RUNNER);
    expect(links).toEqual([expect.objectContaining({ registration_enabled: false, private_dns_zone_name: expect.stringContaining("azurerm_private_dns_zone.Vault_PrivateEndpoint_DnsZone") })]);
    // The key waits for the path the deployer writes it through.
    const key = Object.entries(json.resource.azurerm_key_vault_key)[0][1];
    expect(key.depends_on).toEqual(expect.arrayContaining(["azurerm_virtual_network_peering.Deployer-FromRunner-0", "azurerm_private_dns_zone_virtual_network_link.Deployer-DnsLink-0"]));
  });

  test("accepts a token id, but the runner-side peering then needs the name and resource group", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const network = testNetwork(stack);
    const byToken = Deployer.runnerInNetwork({ virtualNetworkId: network.virtualNetworkId });
    expect(() => byToken.connect(stack, "D", { networks: [network], privateDnsZones: [] })).toThrow(/needs the runner VNet's name and resource group/);
    const named = Deployer.runnerInNetwork({ virtualNetworkId: network.virtualNetworkId, virtualNetworkName: "vnet-runners", resourceGroupName: "rg-runners" });
    expect(named.connect(stack, "D", { networks: [network], privateDnsZones: [] }).peerings).toHaveLength(2);
  });

  test("a stack is deployed from one place", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    Deployer.runnerInNetwork({ virtualNetworkId: RUNNER }).declare(stack);
    expect(() => Deployer.publicIpRanges(["203.0.113.7"], { reason: "Trial from a laptop." }).declare(stack)).toThrow(/a different deployer is already declared/);
  });
});

describe("Deployer.publicIpRanges", () => {
  test.each([
    [[], /ranges must not be empty/],
    [["0.0.0.0/0"], /ranges\[0\] must be one public IPv4 address or CIDR, not a catch-all; got '0.0.0.0\/0'/],
    [["not-an-ip"], /ranges\[0\] .*got 'not-an-ip'/],
    [["203.0.113.7", "10.0.0.0/24"], /ranges\[1\] '10\.0\.0\.0\/24' overlaps 10\.0\.0\.0\/8, which is not a public range.*Deployer\.runnerInNetwork/],
    [["192.168.1.5"], /ranges\[0\] '192\.168\.1\.5' overlaps 192\.168\.0\.0\/16/],
  ])("rejects %j", (ranges, message) => {
    expect(() => Deployer.publicIpRanges(ranges, { reason: "Trial from a laptop." })).toThrow(message);
  });

  test("needs a reason", () => {
    expect(() => Deployer.publicIpRanges(["203.0.113.7"], { reason: "trial" })).toThrow(/reason must say why the deployer runs outside the network, in at least 10 characters; got 'trial'/);
  });

  test("connects nothing, and gives the vault and registry exactly its ranges to allow", () => {
    const deployer = Deployer.publicIpRanges(["203.0.113.7"], { reason: "Trial from a laptop." });
    const stack = new TerraformStack(Testing.app(), "t");
    expect(deployer.connect(stack, "D", { networks: [testNetwork(stack)], privateDnsZones: [] })).toEqual({ peerings: [], dnsZoneLinks: [] });
    expect(deployer.allowedIpRanges).toEqual(["203.0.113.7"]);
    expect(Deployer.runnerInNetwork({ virtualNetworkId: RUNNER }).allowedIpRanges).toEqual([]);
  });
});

describe("synthesis checks the line of sight of a hand-wired stack", () => {
  test("a runner peered and linked: synthesis passes, and the report records each verdict", () => {
    const { app } = vaultStack(Deployer.runnerInNetwork({ virtualNetworkId: RUNNER, principal: DeployerPrincipal.servicePrincipal(CI) }));
    // The stack is not a whole platform: only the report's deployment section matters here.
    Compliance.check(app, { failOnViolation: false });
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "azure", "compliance-report.json"), "utf8"));
    expect(report.deployment.verdicts).toEqual([expect.objectContaining({ plane: "Key Vault data plane", status: "reachable", constructPath: "azure/Vault/EtcdKey/Resource" })]);
    expect(report.deployment.deployer).toBe(`a runner inside the VNet ${RUNNER}, as the service principal ${CI}`);
  });

  test("without the zone link to the runner, synthesis fails naming the resource, the plane, the missing link and the fix, and leaves no Terraform", () => {
    const { app } = vaultStack(Deployer.runnerInNetwork({ virtualNetworkId: RUNNER }), { connect: "no-zones" });
    expect(() => app.synth()).toThrow(
      new RegExp(
        [
          "azure/Vault/EtcdKey/Resource \\(azurerm_key_vault_key\\.Vault_EtcdKey_[0-9A-F]+\\)",
          "the deployer cannot reach the Key Vault data plane of azurerm_key_vault\\.Vault_[0-9A-F]+",
          `zone privatelink\\.vaultcore\\.azure\\.net is not linked to ${RUNNER}`,
          "Fix: deployer\\.connect\\(",
        ].join(".*"),
      ),
    );
    expect(fs.existsSync(terraformFile(app, "azure"))).toBe(false);
  });

  test("without the peerings, synthesis fails: no private endpoint in or peered with the runner's VNet", () => {
    const { app } = vaultStack(Deployer.runnerInNetwork({ virtualNetworkId: RUNNER }), { connect: "no-networks" });
    expect(() => app.synth()).toThrow(`no private endpoint in or peered with the runner's VNet ${RUNNER}`);
  });

  test("public ranges the vault allows: synthesis passes, and the weakening is recorded with its reason", () => {
    const deployer = Deployer.publicIpRanges(["203.0.113.0/24"], { reason: "Trial from the office network." });
    const { app, vault } = vaultStack(deployer, { ipRanges: [...deployer.allowedIpRanges] });
    Compliance.check(app, { failOnViolation: false });
    Compliance.acknowledge(vault as SecretsVault, "SEC-2", deployer.reason!);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "azure", "compliance-report.json"), "utf8"));
    expect(report.deployment.weakening).toEqual({ kind: "public-ip-ranges", ranges: ["203.0.113.0/24"], reason: "Trial from the office network." });
    expect(report.deployment.verdicts[0]).toMatchObject({ status: "reachable" });
  });

  test("an IP rule missing for a declared range fails synthesis naming it", () => {
    const deployer = Deployer.publicIpRanges(["203.0.113.0/24"], { reason: "Trial from the office network." });
    const { app } = vaultStack(deployer, { ipRanges: ["198.51.100.0/24"] });
    expect(() => app.synth()).toThrow("IP rule for 203.0.113.0/24 missing");
  });

  test("a checked stack with data planes the app serves and no declared deployer fails, asking for one", () => {
    const stack = new TerraformStack(Testing.app(), "azure");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const vault = testVault(stack);
    vault.addKey("EtcdKey", { name: "etcd", usage: KeyUsage.KUBERNETES_KMS });
    Compliance.check(stack);
    expect(() => synth(stack)).toThrow(/stack 'azure' calls data planes the app itself serves \(azurerm_key_vault_key\.Vault_EtcdKey_[0-9A-F]+\) but declares no deployer/);
  });
});

describe("missing wiring fails synthesis", () => {
  test("keys in a vault where the deployer has no key administration name the key and vault.grantKeyAdministration", () => {
    const deployer = Deployer.runnerInNetwork({ virtualNetworkId: RUNNER, principal: DeployerPrincipal.servicePrincipal(CI) });
    const app = Testing.app();
    const stack = new TerraformStack(app, "azure");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const network = testNetwork(stack);
    const vault = testVault(stack, { privateEndpointSubnetId: network.privateEndpointsSubnetId, virtualNetworkIds: [network.virtualNetworkId, RUNNER] });
    vault.addKey("EtcdKey", { name: "etcd", usage: KeyUsage.KUBERNETES_KMS });
    // Someone else gets the role, not the deployer.
    vault.grantKeyAdministration(DeployerPrincipal.user("66666666-6666-6666-6666-666666666666"));
    deployer.declare(stack);
    deployer.connect(stack, "Deployer", { networks: [network], privateDnsZones: [] });
    expect(() => app.synth()).toThrow(
      /azure\/Vault\/EtcdKey\/Resource \(azurerm_key_vault_key\.[^)]+\): the deployer \(44444444-4444-4444-4444-444444444444\) has no Key Vault Crypto Officer \(or Administrator\) role assignment on azure\/Vault\/Resource.*Fix: vault\.grantKeyAdministration\(deployer\.principal\)/,
    );
  });

  test("a route to a firewall whose hub is not peered with the spoke names the route table and firewall.peerWith(network); peered, it passes", () => {
    const build = (peer: boolean) => {
      const app = Testing.app();
      const stack = new TerraformStack(app, "azure");
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      const monitoring = new ClusterMonitoring(stack, "Monitoring", { ...PLACEMENT, workspaceName: "log-test" });
      const network = testNetwork(stack);
      const firewall = new EgressFirewall(stack, "EgressFirewall", { ...PLACEMENT, name: "afw-test", hubAddressSpace: "10.200.0.0/24", sourceAddressSpaces: network.addressSpaces, monitoring });
      if (peer) firewall.peerWith(network);
      new EgressRoute(stack, "EgressRoute", { ...PLACEMENT, name: "rt-test", firewallPrivateIp: firewall.privateIpAddress, subnetIds: [network.systemNodesSubnetId, network.userNodesSubnetId] });
      Deployer.runnerInNetwork({ virtualNetworkId: RUNNER }).declare(stack);
      return app;
    };
    expect(() => build(false).synth()).toThrow(
      /azure\/EgressRoute\/Resource \(azurerm_route_table\.[^)]+\): it sends 0\.0\.0\.0\/0 to azure\/EgressFirewall\/Resource .*whose hub VNet .* is not peered with vnet-test in resource group rg-test.*Fix: firewall\.peerWith\(network\)/,
    );
    expect(() => build(true).synth()).not.toThrow();
  });
});

describe("one runner VNet for two environments", () => {
  // Azure refuses a VNet linked to two zones of the same name ("A virtual network cannot be
  // linked to multiple zones with overlapping namespaces").
  test("fails at the second environment's zone link, naming both links and the fix", () => {
    const app = Testing.app();
    for (const env of ["dev", "prod"]) {
      const stack = new TerraformStack(app, env);
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      const vault = testVault(stack, { name: `kv-aks-${env}`, resourceGroupName: `rg-${env}` });
      const zone = vault.privateEndpoint.dnsZone!;
      Deployer.runnerInNetwork({ virtualNetworkId: RUNNER }).connect(stack, "Deployer", {
        networks: [],
        privateDnsZones: [{ zoneName: zone.name, resourceGroupName: zone.resourceGroupName }],
      });
      Compliance.check(stack, { failOnViolation: false });
    }
    expect(() => app.synth()).toThrow(
      `prod/Deployer-DnsLink-0 (azurerm_private_dns_zone_virtual_network_link.Deployer-DnsLink-0): links ${RUNNER} to a second zone named privatelink.vaultcore.azure.net (the first: dev/Deployer-DnsLink-0 (azurerm_private_dns_zone_virtual_network_link.Deployer-DnsLink-0))`,
    );
  });
});

describe("DeployerPrincipal", () => {
  test("rejects an object id that is not a GUID, naming the method and the value", () => {
    expect(() => DeployerPrincipal.user("alice@example.com")).toThrow(ValidationError);
    expect(() => DeployerPrincipal.user("alice@example.com")).toThrow(/DeployerPrincipal\.user\(objectId\).*alice@example\.com/);
  });

  test("knows its type only when told: current() has none, so ARM infers it", () => {
    expect(DeployerPrincipal.current().principalType).toBeUndefined();
    expect(DeployerPrincipal.group(CI).principalType).toBe("Group");
  });

  test("current() reuses the stack's client config, or creates one named Deployer once", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const principal = DeployerPrincipal.current();
    principal.objectId(stack);
    DeployerPrincipal.current().objectId(stack);
    expect(Object.keys(synth(stack).data.azurerm_client_config)).toEqual(["Deployer"]);
  });
});
