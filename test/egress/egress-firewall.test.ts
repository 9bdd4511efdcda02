import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { buildPlatform, evaluate, platformStack, ruleResult } from "../compliance/compliance-helpers";
import {
  ClusterMonitoring,
  ClusterNetwork,
  Compliance,
  EgressFirewall,
  ValidationError,
  type EgressFirewallProps,
  type EgressNetworkRule,
} from "hardened-aks";
import { FIREWALL_SUBNET_MAX_PREFIX } from "../../lib/egress/egress-firewall";
import { PLACEMENT, WORKSPACE_ID, only, ref, resources, synth, testNetwork, testStack, type Synthesized } from "../helpers";
import { AKS_OUTBOUND_ROWS, FACTS_DOC, RECONCILED_WITH } from "./aks-outbound-rules";

const RCG = "azurerm_firewall_policy_rule_collection_group";
const SOURCES = ["10.240.0.0/16"];
const HTTPS = [{ type: "Https", port: 443 }];

/** A firewall built with the given props (on top of valid defaults) in a fresh stack. */
function firewall(props: Partial<EgressFirewallProps> = {}) {
  const stack = testStack();
  const construct = new EgressFirewall(stack, "Firewall", {
    ...PLACEMENT,
    name: "afw-test",
    hubAddressSpace: "10.200.0.0/24",
    sourceAddressSpaces: SOURCES,
    monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    ...props,
  });
  return { stack, construct };
}

/** Synthesizes a firewall built with the given props. */
function synthFirewall(props: Partial<EgressFirewallProps> = {}): Synthesized {
  return synth(firewall(props).stack);
}

/** The destinations the reconciled table allows through one rule, for the given region. */
function allowedBy(rule: string, region: string): string[] {
  return AKS_OUTBOUND_ROWS.filter((row) => row.protocol === "HTTPS" && "rule" in row.allowedBy && row.allowedBy.rule === rule).map((row) =>
    row.destination.replace("<region>", region),
  );
}

/** The application rules the library always adds, for the given sources and region: the reconciled table's allowed rows. */
function requiredApplicationRules(sources: string[], region = "westeurope") {
  const fqdnRule = (name: string, description: string) => ({ name, description, source_addresses: sources, destination_fqdns: allowedBy(name, region), protocols: HTTPS });
  return [
    {
      name: "aks-core",
      description: "AKS core dependencies: Microsoft Container Registry, Azure management, Entra ID, packages, CNI binaries",
      source_addresses: sources,
      destination_fqdn_tags: ["AzureKubernetesService"],
      protocols: [
        { type: "Http", port: 80 },
        { type: "Https", port: 443 },
      ],
    },
    fqdnRule("azure-monitor", "Container Insights with managed identity: ingestion, data collection endpoints and rules, agent onboarding and telemetry"),
    fqdnRule("azure-policy", "Azure Policy add-on: policy definitions, Gatekeeper artifacts, compliance reports, telemetry"),
    fqdnRule("defender", "Microsoft Defender for Containers sensor: authentication, security events, Log Analytics"),
    fqdnRule("key-vault-csi", "Key Vault provider for the Secrets Store CSI driver (vaults behind a private endpoint are reached there, not through the firewall)"),
    fqdnRule("workload-identity", "Microsoft Entra workload identity: token exchange with Entra ID"),
  ];
}

/** The network rule collection the library always adds: the reconciled table's allowed TCP/UDP rows. */
function requiredNetworkCollection(sources: string[]) {
  return {
    name: "aks-required-network",
    priority: 100,
    action: "Allow",
    rule: [
      {
        name: "azure-monitor",
        description: "Metrics and logs to Azure Monitor and Log Analytics (the AzureMonitor service tag)",
        protocols: ["TCP"],
        source_addresses: sources,
        destination_ports: ["443"],
        destination_addresses: ["AzureMonitor"],
      },
    ],
  };
}

describe("the firewall's allow-list is Microsoft's outbound rules page, reconciled row by row", () => {
  const json = synthFirewall();
  const group = only(json, RCG);
  const applicationRules = group.application_rule_collection.find((c: { name: string }) => c.name === "aks-required-fqdns").rule as {
    name: string;
    destination_fqdns?: string[];
    destination_fqdn_tags?: string[];
  }[];
  const networkRules = group.network_rule_collection.find((c: { name: string }) => c.name === "aks-required-network").rule as {
    name: string;
    protocols: string[];
    destination_ports: string[];
    destination_addresses?: string[];
    destination_fqdns?: string[];
  }[];

  it("was reconciled with the page version the facts module names", () => {
    expect(FACTS_DOC).toEqual(RECONCILED_WITH);
  });

  it("allows exactly the table's allowed HTTPS rows, each through the rule the table names", () => {
    const rows = AKS_OUTBOUND_ROWS.filter((row) => row.protocol === "HTTPS" && "rule" in row.allowedBy && row.allowedBy.rule !== "aks-core");
    const expected = new Map<string, string[]>();
    for (const row of rows) {
      const rule = (row.allowedBy as { rule: string }).rule;
      expected.set(rule, [...(expected.get(rule) ?? []), row.destination.replace("<region>", "westeurope")]);
    }
    const written = new Map(applicationRules.filter((r) => r.destination_fqdns).map((r) => [r.name, [...r.destination_fqdns!].sort()]));
    expect(written).toEqual(new Map([...expected].map(([rule, fqdns]) => [rule, [...fqdns].sort()])));
  });

  it("allows the core rows through the AzureKubernetesService FQDN tag, which Microsoft keeps current", () => {
    expect(applicationRules.filter((r) => r.destination_fqdn_tags)).toEqual([expect.objectContaining({ name: "aks-core", destination_fqdn_tags: ["AzureKubernetesService"] })]);
    expect(AKS_OUTBOUND_ROWS.filter((row) => "rule" in row.allowedBy && row.allowedBy.rule === "aks-core").every((row) => row.feature === "core")).toBe(true);
  });

  it("allows exactly the table's allowed TCP and UDP rows as network rules: AzureMonitor on TCP 443, no NTP", () => {
    const rows = AKS_OUTBOUND_ROWS.filter((row) => (row.protocol === "TCP" || row.protocol === "UDP") && "rule" in row.allowedBy);
    expect(networkRules.map((r) => ({ rule: r.name, destination: [...(r.destination_addresses ?? []), ...(r.destination_fqdns ?? [])], protocols: r.protocols, ports: r.destination_ports }))).toEqual(
      rows.map((row) => ({ rule: (row.allowedBy as { rule: string }).rule, destination: [row.destination], protocols: [row.protocol], ports: [String(row.port)] })),
    );
    expect(JSON.stringify(group)).not.toContain("ntp.ubuntu.com");
  });

  it("allows nothing the table marks as not allowed", () => {
    const written = JSON.stringify(group);
    for (const row of AKS_OUTBOUND_ROWS.filter((r) => "notAllowed" in r.allowedBy)) {
      const destination = row.destination.replace("<region>", "westeurope");
      // Rows allowed under another feature (login.microsoftonline.com) are allowed there.
      if (AKS_OUTBOUND_ROWS.some((other) => "rule" in other.allowedBy && other.destination === row.destination)) continue;
      expect({ destination, written: written.includes(`"${destination}"`) }).toEqual({ destination, written: false });
    }
  });

  it("takes a location known only at apply: the regional handler becomes a Terraform expression, never read at synth", () => {
    const stack = testStack();
    const location = new TerraformVariable(stack, "location", { type: "string" }).stringValue;
    new EgressFirewall(stack, "Firewall", {
      ...PLACEMENT,
      location,
      name: "afw-test",
      hubAddressSpace: "10.200.0.0/24",
      sourceAddressSpaces: SOURCES,
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    });
    const group = only(synth(stack), RCG);
    const monitor = group.application_rule_collection[0].rule.find((r: { name: string }) => r.name === "azure-monitor");
    // Terraform lowers the region and drops its spaces, as regionEndpointName does for a literal.
    expect(monitor.destination_fqdns).toContain('${replace(lower(var.location), " ", "")}.handler.control.monitor.azure.com');
    expect(monitor.destination_fqdns).toContain("global.handler.control.monitor.azure.com");
  });
});

describe("a firewall whose location is known only at apply", () => {
  it("passes EGR-2 with no acknowledgement: the regional handler stays under a literal domain", () => {
    const { stack } = platformStack({}, () => undefined);
    const other = new TerraformStack(Testing.app(), "token");
    new AzurermProvider(other, "azurerm", { features: [{}] });
    const location = new TerraformVariable(other, "location", { type: "string" }).stringValue;
    const built = buildPlatform(other, { firewall: { location } });
    const report = evaluate(built.stack);
    const egr2 = ruleResult(report, "EGR-2");
    expect(egr2.resources.filter((r) => r.status !== "pass")).toEqual([]);
    expect(egr2.status).toBe("pass");
    expect(ruleResult(evaluate(stack), "EGR-2").status).toBe("pass");
  });
});

describe("EgressFirewall defaults", () => {
  const json = synthFirewall();

  it("creates the hub network with the given address space", () => {
    expect(only(json, "azurerm_virtual_network")).toEqual({
      name: "vnet-afw-test-hub",
      resource_group_name: "rg-test",
      location: "westeurope",
      address_space: ["10.200.0.0/24"],
    });
  });

  it("carves AzureFirewallSubnet as the first /26 of the hub, and no other subnet", () => {
    expect(FIREWALL_SUBNET_MAX_PREFIX).toBe(26);
    expect(only(json, "azurerm_subnet")).toEqual({
      name: "AzureFirewallSubnet",
      resource_group_name: "rg-test",
      virtual_network_name: ref(json, "azurerm_virtual_network", "name"),
      address_prefixes: ["10.200.0.0/26"],
    });
  });

  it("gives the firewall a static, zone-redundant Standard public IP", () => {
    expect(only(json, "azurerm_public_ip")).toEqual({
      name: "pip-afw-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      allocation_method: "Static",
      sku: "Standard",
      zones: ["1", "2", "3"],
    });
  });

  it("creates a Premium policy with DNS proxy on, threat intelligence and IDPS denying (EGR-2, EGR-4)", () => {
    expect(only(json, "azurerm_firewall_policy")).toEqual({
      name: "afwp-afw-test-premium",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku: "Premium",
      dns: { proxy_enabled: true },
      threat_intelligence_mode: "Deny",
      intrusion_detection: { mode: "Deny" },
      lifecycle: { create_before_destroy: true },
    });
  });

  it("creates a zone-redundant VNet firewall in the firewall subnet, governed by the policy (EGR-1)", () => {
    const fw = only(json, "azurerm_firewall");
    expect(fw).toEqual({
      name: "afw-test",
      resource_group_name: "rg-test",
      location: "westeurope",
      sku_name: "AZFW_VNet",
      sku_tier: "Premium",
      firewall_policy_id: ref(json, "azurerm_firewall_policy"),
      zones: ["1", "2", "3"],
      ip_configuration: [
        {
          name: "ipconfig",
          subnet_id: ref(json, "azurerm_subnet"),
          public_ip_address_id: ref(json, "azurerm_public_ip"),
        },
      ],
      depends_on: [`${RCG}.${Object.keys(json.resource[RCG])[0]}`],
    });
  });

  it("creates the firewall only after its allow list, so nothing is routed through a firewall with no rules", () => {
    expect(only(json, "azurerm_firewall").depends_on).toEqual([`${RCG}.${Object.keys(json.resource[RCG])[0]}`]);
  });

  it("allows the AzureKubernetesService FQDN tag, the add-on endpoints and NTP, from the sources only (EGR-2)", () => {
    expect(only(json, RCG)).toEqual({
      name: "aks-egress",
      firewall_policy_id: ref(json, "azurerm_firewall_policy"),
      priority: 200,
      network_rule_collection: [requiredNetworkCollection(SOURCES)],
      application_rule_collection: [{ name: "aks-required-fqdns", priority: 200, action: "Allow", rule: requiredApplicationRules(SOURCES) }],
      lifecycle: { create_before_destroy: true },
    });
  });

  it("has no allow rule for any catch-all destination", () => {
    const group = only(json, RCG);
    const rules = [...group.network_rule_collection, ...group.application_rule_collection].flatMap((c: any) => c.rule);
    for (const r of rules) {
      for (const destination of [...(r.destination_addresses ?? []), ...(r.destination_fqdns ?? [])]) {
        expect(destination).not.toMatch(/^(\*|\*\.[a-z]+|0\.0\.0\.0\/0|Internet)$/i);
      }
      expect(r.destination_ports ?? []).not.toContain("*");
    }
  });

  it("sends every firewall log category and metric to the workspace (EGR-2)", () => {
    expect(only(json, "azurerm_monitor_diagnostic_setting")).toEqual({
      name: "firewall-logs",
      target_resource_id: ref(json, "azurerm_firewall"),
      log_analytics_workspace_id: WORKSPACE_ID,
      log_analytics_destination_type: "Dedicated",
      enabled_log: [{ category_group: "allLogs" }],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  it("creates nothing else", () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      "azurerm_firewall",
      "azurerm_firewall_policy",
      RCG,
      "azurerm_monitor_diagnostic_setting",
      "azurerm_public_ip",
      "azurerm_subnet",
      "azurerm_virtual_network",
    ]);
  });

  it("exposes the firewall's private IP and id as references", () => {
    const { stack, construct } = firewall();
    new TerraformOutput(stack, "ip", { value: construct.privateIpAddress });
    new TerraformOutput(stack, "id", { value: construct.firewallId });
    const out = synth(stack);
    expect(out.output.ip.value).toBe(ref(out, "azurerm_firewall", "ip_configuration[0].private_ip_address"));
    expect(out.output.id.value).toBe(ref(out, "azurerm_firewall"));
  });
});

describe("EgressFirewall options", () => {
  it("by default, runs the policy and firewall on Premium with IDPS denying (EGR-4)", () => {
    const json = synthFirewall();
    const policy = only(json, "azurerm_firewall_policy");
    expect(policy.sku).toBe("Premium");
    expect(policy.name).toBe("afwp-afw-test-premium");
    expect(policy.intrusion_detection).toEqual({ mode: "Deny" });
    expect(policy.threat_intelligence_mode).toBe("Deny");
    expect(policy.dns).toEqual({ proxy_enabled: true });
    expect(only(json, "azurerm_firewall").sku_tier).toBe("Premium");
  });

  // The upgrade from 0.1 (Standard) and any later tier change: the firewall's `sku_tier` is
  // not ForceNew and resourceFirewallCreateUpdate PUTs the new tier (firewall_resource.go@v4.55.0
  // L80, L331-336), but the policy's `sku` is ForceNew (firewall_policy_resource.go@v4.55.0
  // L661-671) and Azure refuses to delete a policy a firewall uses (#29114). A new name per
  // tier plus create_before_destroy on the policy and its rule collection group (whose
  // `firewall_policy_id` is ForceNew) lets Terraform create the new pair, move the firewall, then
  // delete the old pair; egress never runs without an allow list.
  it("names the policy after its tier and replaces it, and its allow list, before destroying", () => {
    const premium = synthFirewall();
    const standard = synthFirewall({ withoutIntrusionDetection: { reason: "development environment, no IDPS" } });
    expect(only(standard, "azurerm_firewall_policy").name).toBe("afwp-afw-test-standard");
    expect(only(premium, "azurerm_firewall_policy").name).not.toBe(only(standard, "azurerm_firewall_policy").name);
    for (const json of [premium, standard]) {
      expect(only(json, "azurerm_firewall_policy").lifecycle).toEqual({ create_before_destroy: true });
      expect(only(json, "azurerm_firewall_policy_rule_collection_group").lifecycle).toEqual({ create_before_destroy: true });
      // The firewall itself is updated in place: nothing forces its replacement.
      expect(only(json, "azurerm_firewall").lifecycle).toBeUndefined();
    }
  });

  it("without intrusion detection, runs Standard and records the reason as EGR-4's acknowledgement", () => {
    const { stack } = firewall({ withoutIntrusionDetection: { reason: "development environment, no IDPS" } });
    const json = synth(stack);
    expect(only(json, "azurerm_firewall_policy").sku).toBe("Standard");
    expect(only(json, "azurerm_firewall_policy").intrusion_detection).toBeUndefined();
    expect(only(json, "azurerm_firewall").sku_tier).toBe("Standard");
    expect(Compliance.acknowledgementsOf(stack)).toEqual([expect.objectContaining({ ruleId: "EGR-4", reason: "development environment, no IDPS" })]);
  });

  it("carves the first /26 of a larger hub", () => {
    expect(only(synthFirewall({ hubAddressSpace: "10.200.0.0/16" }), "azurerm_subnet").address_prefixes).toEqual(["10.200.0.0/26"]);
  });

  it("accepts a hub that is exactly a /26", () => {
    expect(only(synthFirewall({ hubAddressSpace: "10.200.0.0/26" }), "azurerm_subnet").address_prefixes).toEqual(["10.200.0.0/26"]);
  });

  it("keeps an explicit firewall subnet of a /26 or larger inside the hub", () => {
    expect(only(synthFirewall({ firewallSubnetCidr: "10.200.0.192/26" }), "azurerm_subnet").address_prefixes).toEqual(["10.200.0.192/26"]);
    expect(only(synthFirewall({ firewallSubnetCidr: "10.200.0.128/25" }), "azurerm_subnet").address_prefixes).toEqual(["10.200.0.128/25"]);
  });

  it("lets out every source address space", () => {
    const sources = ["10.240.0.0/16", "10.241.0.0/16"];
    const group = only(synthFirewall({ sourceAddressSpaces: sources }), RCG);
    expect(group.network_rule_collection).toEqual([requiredNetworkCollection(sources)]);
    expect(group.application_rule_collection[0].rule).toEqual(requiredApplicationRules(sources));
  });

  it("accepts sources that overlap each other (a network and one of its subnets)", () => {
    expect(() => synthFirewall({ sourceAddressSpaces: ["10.240.0.0/16", "10.240.18.0/24"] })).not.toThrow();
  });

  it("adds the user's FQDNs as one HTTPS rule in its own collection, after the required ones", () => {
    const group = only(synthFirewall({ allowedFqdns: ["api.github.com", "*.core.windows.net"] }), RCG);
    expect(group.application_rule_collection).toEqual([
      { name: "aks-required-fqdns", priority: 200, action: "Allow", rule: requiredApplicationRules(SOURCES) },
      {
        name: "user-fqdns",
        priority: 400,
        action: "Allow",
        rule: [
          {
            name: "user-allowed-fqdns",
            description: "Destinations the platform team allowed",
            source_addresses: SOURCES,
            destination_fqdns: ["api.github.com", "*.core.windows.net"],
            protocols: HTTPS,
          },
        ],
      },
    ]);
    expect(group.network_rule_collection).toEqual([requiredNetworkCollection(SOURCES)]);
  });

  it("adds the user's network rules as typed, in their own collection", () => {
    const rules: EgressNetworkRule[] = [
      { name: "corp-dns", description: "Corporate DNS", protocols: ["UDP", "TCP"], destinationPorts: ["53"], destinationAddresses: ["10.50.0.4", "10.50.0.5"] },
      { name: "ssh-git", description: "Git over SSH", protocols: ["TCP"], destinationPorts: ["22"], destinationFqdns: ["ssh.github.com"] },
    ];
    const group = only(synthFirewall({ allowedNetworkRules: rules }), RCG);
    expect(group.network_rule_collection).toEqual([
      requiredNetworkCollection(SOURCES),
      {
        name: "user-network",
        priority: 300,
        action: "Allow",
        rule: [
          {
            name: "corp-dns",
            description: "Corporate DNS",
            protocols: ["UDP", "TCP"],
            source_addresses: SOURCES,
            destination_ports: ["53"],
            destination_addresses: ["10.50.0.4", "10.50.0.5"],
          },
          {
            name: "ssh-git",
            description: "Git over SSH",
            protocols: ["TCP"],
            source_addresses: SOURCES,
            destination_ports: ["22"],
            destination_fqdns: ["ssh.github.com"],
          },
        ],
      },
    ]);
    expect(group.application_rule_collection).toHaveLength(1);
  });

  it("gives every rule collection its own priority", () => {
    const group = only(
      synthFirewall({
        allowedFqdns: ["api.github.com"],
        allowedNetworkRules: [{ name: "dns", description: "d", protocols: ["UDP"], destinationPorts: ["53"], destinationAddresses: ["10.50.0.4"] }],
      }),
      RCG,
    );
    const priorities = [...group.network_rule_collection, ...group.application_rule_collection].map((c: any) => c.priority);
    expect(priorities).toEqual([100, 300, 200, 400]);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it("uses the zones given for the firewall and its public IP", () => {
    const json = synthFirewall({ zones: ["1", "2"] });
    expect(only(json, "azurerm_firewall").zones).toEqual(["1", "2"]);
    expect(only(json, "azurerm_public_ip").zones).toEqual(["1", "2"]);
  });

  it("tags every resource that takes tags", () => {
    const json = synthFirewall({ tags: { env: "prod" } });
    for (const type of ["azurerm_virtual_network", "azurerm_public_ip", "azurerm_firewall_policy", "azurerm_firewall"]) {
      expect(only(json, type).tags).toEqual({ env: "prod" });
    }
  });

  it("accepts a token source address space (the location must be literal: see the allow-list tests)", () => {
    const stack = testStack();
    const spoke = new TerraformVariable(stack, "spoke", { type: "string" });
    new EgressFirewall(stack, "Firewall", {
      resourceGroupName: "rg-test",
      location: "West Europe",
      name: "afw-test",
      hubAddressSpace: "10.200.0.0/24",
      sourceAddressSpaces: ["10.240.0.0/16", spoke.stringValue],
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    });
    const json = synth(stack);
    const group = only(json, RCG);
    const sources = ["10.240.0.0/16", "${var.spoke}"];
    // A display-name location becomes the host name Azure Monitor uses.
    expect(group.application_rule_collection[0].rule).toEqual(requiredApplicationRules(sources, "westeurope"));
    expect(group.network_rule_collection[0].rule[0].source_addresses).toEqual(sources);
  });

  it("accepts a whole token list of source address spaces", () => {
    const stack = testStack();
    const sources = new TerraformVariable(stack, "sources", { type: "list(string)" });
    new EgressFirewall(stack, "Firewall", {
      ...PLACEMENT,
      name: "afw-test",
      hubAddressSpace: "10.200.0.0/24",
      sourceAddressSpaces: sources.listValue,
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    });
    expect(only(synth(stack), RCG).network_rule_collection[0].rule[0].source_addresses).toBe("${var.sources}");
  });

  it("writes a monitoring construct's workspace id into the diagnostic setting", () => {
    const stack = testStack();
    const monitoring = new ClusterMonitoring(stack, "Monitoring", { ...PLACEMENT, workspaceName: "log-test" });
    new EgressFirewall(stack, "Firewall", { ...PLACEMENT, name: "afw-test", hubAddressSpace: "10.200.0.0/24", sourceAddressSpaces: SOURCES, monitoring });
    const json = synth(stack);
    expect(only(json, "azurerm_monitor_diagnostic_setting").log_analytics_workspace_id).toBe(ref(json, "azurerm_log_analytics_workspace"));
  });
});

describe("EgressFirewall.peerWith", () => {
  /** Peerings by construct id suffix. */
  function peerings(json: Synthesized) {
    return resources(json, "azurerm_virtual_network_peering");
  }

  it("peers the hub and the spoke both ways, forwarding traffic", () => {
    const { stack, construct } = firewall();
    const network = testNetwork(stack);
    construct.peerWith(network);
    const json = synth(stack);
    const hub = Object.keys(json.resource.azurerm_virtual_network).find((k) => k.startsWith("Firewall_HubNetwork"))!;
    const spoke = Object.keys(json.resource.azurerm_virtual_network).find((k) => k.startsWith("Network"))!;
    expect(peerings(json)).toEqual(
      expect.arrayContaining([
        {
          name: "peer-spoke-to-afw-test",
          resource_group_name: "rg-test",
          virtual_network_name: `\${azurerm_virtual_network.${spoke}.name}`,
          remote_virtual_network_id: `\${azurerm_virtual_network.${hub}.id}`,
          allow_virtual_network_access: true,
          allow_forwarded_traffic: true,
        },
        {
          name: "peer-afw-test-to-spoke",
          resource_group_name: "rg-test",
          virtual_network_name: `\${azurerm_virtual_network.${hub}.name}`,
          remote_virtual_network_id: `\${azurerm_virtual_network.${spoke}.id}`,
          allow_virtual_network_access: true,
          allow_forwarded_traffic: true,
        },
      ]),
    );
    expect(peerings(json)).toHaveLength(2);
  });

  it("creates the spoke's side in the spoke's resource group, the hub's side in the hub's", () => {
    const { stack, construct } = firewall();
    const network = new ClusterNetwork(stack, "Network", { resourceGroupName: "rg-spoke", location: "westeurope", name: "vnet-spoke", addressSpace: "10.240.0.0/16" });
    construct.peerWith(network);
    const groups = Object.fromEntries(peerings(synth(stack)).map((p) => [p.name, p.resource_group_name]));
    expect(groups).toEqual({ "peer-spoke-to-afw-test": "rg-spoke", "peer-afw-test-to-spoke": "rg-test" });
  });

  it("names each spoke's peerings after its id, so two spokes do not collide in the hub", () => {
    const { stack, construct } = firewall({ sourceAddressSpaces: ["10.240.0.0/16", "10.241.0.0/16"] });
    const prod = new ClusterNetwork(stack, "Prod", { ...PLACEMENT, name: "vnet-prod", addressSpace: "10.240.0.0/16" });
    const stage = new ClusterNetwork(stack, "Stage", { ...PLACEMENT, name: "vnet-stage", addressSpace: "10.241.0.0/16" });
    construct.peerWith(prod, "Prod");
    construct.peerWith(stage, "Stage");
    const names = peerings(synth(stack)).map((p) => p.name).sort();
    expect(names).toEqual(["peer-afw-test-to-prod", "peer-afw-test-to-stage", "peer-prod-to-afw-test", "peer-stage-to-afw-test"]);
    const hubSide = peerings(synth(stack)).filter((p) => p.name.startsWith("peer-afw-test-to-"));
    expect(new Set(hubSide.map((p) => p.name)).size).toBe(2);
  });
});

describe("EgressFirewall.peerWith refuses a spoke its sources do not cover (all its egress would be denied)", () => {
  const spoke = (addressSpaces: readonly string[] | undefined) => ({
    virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke",
    virtualNetworkName: "spoke",
    resourceGroupName: "rg",
    addressSpaces,
  });

  it.each([
    [["10.240.0.0/16"], ["10.241.0.0/16"], "10.241.0.0/16"],
    [["10.240.0.0/17"], ["10.240.0.0/16"], "10.240.0.0/16"],
    [["10.240.0.0/16"], ["10.240.0.0/16", "172.16.0.0/24"], "172.16.0.0/24"],
  ])("sources %j, spoke %j: names the uncovered space %s", (sourceAddressSpaces, addressSpaces, uncovered) => {
    const { construct } = firewall({ sourceAddressSpaces });
    expect(() => construct.peerWith(spoke(addressSpaces), "Prod")).toThrow(
      `peerWith(Prod): the spoke's address space '${uncovered}' is not covered by sourceAddressSpaces [${sourceAddressSpaces.map((x) => `'${x}'`).join(", ")}]: the firewall would deny all of its egress, and nodes there never come up. Add '${uncovered}' (or a range containing it) to sourceAddressSpaces.`,
    );
  });

  it.each([
    [["10.240.0.0/16"], ["10.240.0.0/16"]],
    [["10.240.0.0/17", "10.240.128.0/17"], ["10.240.0.0/16"]],
    [["10.240.0.0/12"], ["10.240.0.0/16", "10.241.0.0/24"]],
    [["10.240.0.0/16"], undefined],
  ])("sources %j cover spoke %j", (sourceAddressSpaces, addressSpaces) => {
    const { construct } = firewall({ sourceAddressSpaces });
    expect(construct.peerWith(spoke(addressSpaces))).toHaveLength(2);
  });

  it.each([
    [undefined, "peerWith(Prod): spoke is required and must be an object, e.g. a ClusterNetwork, or { virtualNetworkId, virtualNetworkName, resourceGroupName }; got nothing (the prop is missing)."],
    [{ virtualNetworkName: "spoke", resourceGroupName: "rg" }, "peerWith(Prod): spoke.virtualNetworkId is required and must be a non-empty string, e.g. network.virtualNetworkId; got nothing (the prop is missing)."],
    [{ ...spoke(undefined), resourceGroupName: null }, "peerWith(Prod): spoke.resourceGroupName is required and must be a non-empty string, e.g. 'rg-aks-prod'; got null."],
    [{ ...spoke(undefined), addressSpaces: "10.240.0.0/16" }, "peerWith(Prod): spoke.addressSpaces must be an array when given, e.g. ['10.240.0.0/16']; got '10.240.0.0/16'."],
  ])("a JavaScript call with the spoke %j names what is missing", (given, message) => {
    const { construct } = firewall();
    expect(() => construct.peerWith(given as any, "Prod")).toThrow(message);
  });

  it("a JavaScript call with useFirewallDns that is not a boolean", () => {
    const { construct } = firewall();
    expect(() => construct.peerWith(spoke(undefined), "Prod", { useFirewallDns: "no" as any })).toThrow("peerWith(Prod): useFirewallDns must be a boolean; got 'no'.");
  });

  it("takes a ClusterNetwork, whose address spaces it checks", () => {
    const { stack, construct } = firewall({ sourceAddressSpaces: ["10.250.0.0/16"] });
    expect(() => construct.peerWith(testNetwork(stack))).toThrow(/the spoke's address space '10\.240\.0\.0\/16' is not covered by sourceAddressSpaces \['10\.250\.0\.0\/16'\]/);
  });

  it("does not check tokens, on either side", () => {
    const stack = testStack();
    const space = new TerraformVariable(stack, "space", { type: "string" }).stringValue;
    const construct = new EgressFirewall(stack, "Firewall", {
      ...PLACEMENT,
      name: "afw-test",
      hubAddressSpace: "10.200.0.0/24",
      sourceAddressSpaces: [space],
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
    });
    expect(construct.peerWith(spoke(["10.241.0.0/16"]), "A")).toHaveLength(2);
    const { construct: literal } = firewall();
    expect(literal.peerWith(spoke([space]), "B")).toHaveLength(2);
  });
});

describe("EgressFirewall rejects", () => {
  it("a firewall subnet smaller than a /26, naming the prop, the value and the rule", () => {
    expect(() => firewall({ firewallSubnetCidr: "10.200.0.0/27" })).toThrow(
      "firewallSubnetCidr must be a /26 or larger (Azure's minimum for AzureFirewallSubnet); got '10.200.0.0/27'.",
    );
    expect(() => firewall({ firewallSubnetCidr: "10.200.0.64/28" })).toThrow(/firewallSubnetCidr must be a \/26 or larger.*got '10\.200\.0\.64\/28'/);
  });

  it("a hub too small for a /26", () => {
    expect(() => firewall({ hubAddressSpace: "10.200.0.0/27" })).toThrow(
      "hubAddressSpace '10.200.0.0/27' is too small for AzureFirewallSubnet, which must be at least a /26. Use a /26 or larger hub (a /24 leaves room for a gateway and Bastion).",
    );
  });

  it("a hub that overlaps a source address space, naming both", () => {
    expect(() => firewall({ hubAddressSpace: "10.240.0.0/24" })).toThrow(
      "hubAddressSpace '10.240.0.0/24' overlaps sourceAddressSpaces[0] '10.240.0.0/16': peered networks need distinct address spaces. Pick a hub range outside the spokes.",
    );
    expect(() => firewall({ hubAddressSpace: "10.0.0.0/8", sourceAddressSpaces: ["172.16.0.0/16", "10.240.0.0/16"] })).toThrow(
      /hubAddressSpace '10\.0\.0\.0\/8' overlaps sourceAddressSpaces\[1\] '10\.240\.0\.0\/16'/,
    );
  });

  it("an explicit firewall subnet outside the hub", () => {
    expect(() => firewall({ firewallSubnetCidr: "10.201.0.0/26" })).toThrow(
      "firewallSubnetCidr must lie inside hubAddressSpace '10.200.0.0/24'; got '10.201.0.0/26'.",
    );
    expect(() => firewall({ firewallSubnetCidr: "10.200.0.0/23" })).toThrow(/firewallSubnetCidr must lie inside hubAddressSpace/);
  });

  it.each([
    [{ hubAddressSpace: "10.200.0.1/24" }, "hubAddressSpace must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/16'; got '10.200.0.1/24'."],
    [{ firewallSubnetCidr: "10.200.0.0" }, "firewallSubnetCidr must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/16'; got '10.200.0.0'."],
    [{ sourceAddressSpaces: ["10.240.0.0/16", "vnet"] }, "sourceAddressSpaces[1] must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/16'; got 'vnet'."],
    [{ sourceAddressSpaces: [] }, "sourceAddressSpaces must not be empty: list the address spaces of the networks whose egress goes through the firewall."],
    [{ zones: ["1", "4"] }, "zones entries must be '1', '2' or '3' (Azure availability zones); got '4'."],
    [{ zones: ["1", "1"] }, "zones lists zone '1' twice."],
    [{ name: "afw test" }, "name must be 1-56 letters, digits, underscores, periods or hyphens"],
    [{ name: "a".repeat(57) }, `got '${"a".repeat(57)}'`],
  ] as [Partial<EgressFirewallProps>, string][])("%j", (props, message) => {
    expect(() => firewall(props)).toThrow(message);
  });

  it("a user FQDN that is not a valid FQDN", () => {
    expect(() => firewall({ allowedFqdns: ["api.github.com", "https://example.com"] })).toThrow(
      "allowedFqdns[1] must be a fully qualified domain name such as 'api.example.com' or '*.example.com'; got 'https://example.com'.",
    );
  });

  it.each([
    ["*", "every destination"],
    ["*.com", "every domain anyone can register under 'com' (a public suffix)"],
    ["*.co.uk", "every domain anyone can register under 'co.uk' (a public suffix)"],
    ["*.github.io", "every domain anyone can register under 'github.io' (a public suffix)"],
  ])("the catch-all FQDN '%s'", (fqdn, reach) => {
    expect(() => firewall({ allowedFqdns: [fqdn] })).toThrow(
      `allowedFqdns[0] must not be a catch-all wildcard; got '${fqdn}', which allows ${reach}. Name the hosts (api.example.com) or one domain's subdomains (*.example.com).`,
    );
  });

  const base: EgressNetworkRule = { name: "r", description: "d", protocols: ["TCP"], destinationPorts: ["443"], destinationAddresses: ["10.50.0.4"] };

  it.each([
    [["*"], "'*'"],
    [["0.0.0.0/0"], "'0.0.0.0/0'"],
    [["Internet"], "'Internet'"],
    [["0.0.0.0/1", "128.0.0.0/1"], "'0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)"],
  ])("a network rule to the catch-all destination %j", (addresses, shown) => {
    expect(() => firewall({ allowedNetworkRules: [base, { ...base, name: "bad", destinationAddresses: addresses }] })).toThrow(
      `allowedNetworkRules[1].destinationAddresses must not contain or add up to a catch-all; got ${shown}. Name the ranges or service tags the cluster needs.`,
    );
  });

  it("a network rule on every port, in one entry or split", () => {
    expect(() => firewall({ allowedNetworkRules: [{ ...base, destinationPorts: ["*"] }] })).toThrow(
      "allowedNetworkRules[0].destinationPorts[0] must not open every port; got '*'. List the ports the service uses.",
    );
    expect(() => firewall({ allowedNetworkRules: [{ ...base, destinationPorts: ["1-32767", "32768-65535"] }] })).toThrow(
      "allowedNetworkRules[0].destinationPorts must not open every port, alone or together; got '1-32767' + '32768-65535' (together 1-65535). List the ports the service uses.",
    );
  });

  it.each([
    [["0.0.0.0/0"], "'0.0.0.0/0'"],
    [["10.240.0.0/16", "0.0.0.0/1", "128.0.0.0/1"], "'10.240.0.0/16' + '0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)"],
  ])("source address spaces that add up to a catch-all: %j", (sourceAddressSpaces, shown) => {
    expect(() => firewall({ sourceAddressSpaces })).toThrow(
      `sourceAddressSpaces must not contain or add up to a catch-all; got ${shown}. List the address spaces of the cluster networks whose egress goes through the firewall.`,
    );
  });

  it.each([
    [{ tier: "Standard" }, "tier is no longer a prop (got 'Standard'): the firewall is Premium with intrusion detection in deny mode by default. Remove tier; for Standard, pass withoutIntrusionDetection: { reason } (EGR-4's acknowledgement)."],
    [{ withoutIntrusionDetection: { reason: "dev" } }, "withoutIntrusionDetection.reason must say why this firewall runs without intrusion detection"],
    [{ withoutIntrusionDetection: {} }, "withoutIntrusionDetection.reason must say why this firewall runs without intrusion detection"],
    [{ withoutIntrusionDetection: "dev" }, "withoutIntrusionDetection must be an object when given, e.g. { reason: 'development environment: no IDPS' }; got 'dev'."],
    [{ withoutIntrusionDetection: null }, "withoutIntrusionDetection must be an object when given, e.g. { reason: 'development environment: no IDPS' }; got null."],
  ])("the tier opt-out %j, naming the prop", (props, message) => {
    expect(() => firewall(props as any)).toThrow(message);
  });

  it("takes a reason from a Terraform variable without checking it", () => {
    const stack = testStack();
    const why = new TerraformVariable(stack, "why", { type: "string" }).stringValue;
    new EgressFirewall(stack, "Firewall", {
      ...PLACEMENT,
      name: "afw-test",
      hubAddressSpace: "10.200.0.0/24",
      sourceAddressSpaces: SOURCES,
      monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
      withoutIntrusionDetection: { reason: why },
    });
    expect(only(synth(stack), "azurerm_firewall").sku_tier).toBe("Standard");
  });

  it.each([
    [{ resourceGroupName: "rg." }, "resourceGroupName must be 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period"],
    [{ location: "west-europe!" }, "location must be an Azure region name such as 'westeurope' (or 'West Europe'); got 'west-europe!'."],
    [{ tags: { "a/b": "x" } }, "tags tag name 'a/b' must be 1-128 characters"],
    [{ zones: [1, 2] as any }, "zones[0] must be a string (write '1'); got 1."],
  ] as [Partial<EgressFirewallProps>, string][])("placement and zones %j", (props, message) => {
    expect(() => firewall(props)).toThrow(message);
  });

  it.each([
    ["name", "name is required and must be a non-empty string, e.g. 'afw-hub'; got nothing (the prop is missing)."],
    ["resourceGroupName", "resourceGroupName is required and must be a non-empty string, e.g. 'rg-aks-prod'; got nothing (the prop is missing)."],
    ["location", "location is required and must be a non-empty string, e.g. 'westeurope'; got nothing (the prop is missing)."],
    ["hubAddressSpace", "hubAddressSpace is required and must be a non-empty string, e.g. '10.200.0.0/24'; got nothing (the prop is missing)."],
    ["sourceAddressSpaces", "sourceAddressSpaces is required and must be an array, e.g. ['10.240.0.0/16']; got nothing (the prop is missing)."],
    ["monitoring", "monitoring is required and must be an object, e.g. a ClusterMonitoring, or ClusterMonitoring.fromExistingWorkspace(id); got nothing (the prop is missing)."],
  ])("a JavaScript call without %s names that prop", (prop, message) => {
    expect(() => firewall({ [prop]: undefined } as any)).toThrow(message);
  });

  it("a JavaScript call with the wrong types names each prop, not what it would break later", () => {
    expect(() => firewall({ sourceAddressSpaces: "10.240.0.0/16" as any })).toThrow("sourceAddressSpaces is required and must be an array, e.g. ['10.240.0.0/16']; got '10.240.0.0/16'.");
    expect(() => firewall({ monitoring: null as any })).toThrow("monitoring is required and must be an object");
    expect(() => firewall({ allowedFqdns: "api.github.com" as any })).toThrow("allowedFqdns must be an array when given, e.g. ['api.github.com']; got 'api.github.com'.");
    expect(() => firewall({ allowedNetworkRules: [null as any] })).toThrow("allowedNetworkRules[0] is required and must be an object");
    expect(() => new EgressFirewall(testStack(), "Firewall", undefined as any)).toThrow("props is required and must be an object");
  });

  it("a network rule with no destination", () => {
    expect(() => firewall({ allowedNetworkRules: [{ ...base, destinationAddresses: undefined }] })).toThrow(
      "allowedNetworkRules[0] needs destinationAddresses or destinationFqdns: a rule with no destination would allow everything.",
    );
  });

  it("a network rule to a wildcard FQDN", () => {
    expect(() => firewall({ allowedNetworkRules: [{ ...base, destinationAddresses: undefined, destinationFqdns: ["*.example.com"] }] })).toThrow(
      /allowedNetworkRules\[0\]\.destinationFqdns\[0\] must be an exact host name.*got '\*\.example\.com'/,
    );
  });

  it("two network rules with the same name", () => {
    expect(() => firewall({ allowedNetworkRules: [base, { ...base, destinationAddresses: ["10.50.0.5"] }] })).toThrow(
      "allowedNetworkRules[1].name must be unique among allowedNetworkRules; got 'r' twice.",
    );
  });

  it("a hub address space that is a token", () => {
    const stack = testStack();
    const hub = new TerraformVariable(stack, "hub", { type: "string" });
    expect(
      () =>
        new EgressFirewall(stack, "Firewall", {
          ...PLACEMENT,
          name: "afw-test",
          hubAddressSpace: hub.stringValue,
          sourceAddressSpaces: SOURCES,
          monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
        }),
    ).toThrow(
      "hubAddressSpace must be known at synth time (a literal CIDR such as '10.200.0.0/24'), or firewallSubnetCidr must be given: the firewall's subnet is carved from the hub's range.",
    );
  });

  it("nothing for a hub address space that is a token when the firewall subnet is given, whose prefix it still checks", () => {
    const build = (firewallSubnetCidr: string) => {
      const stack = testStack();
      const hub = new TerraformVariable(stack, "hub", { type: "string" });
      new EgressFirewall(stack, "Firewall", {
        ...PLACEMENT,
        name: "afw-test",
        hubAddressSpace: hub.stringValue,
        firewallSubnetCidr,
        sourceAddressSpaces: SOURCES,
        monitoring: ClusterMonitoring.fromExistingWorkspace(WORKSPACE_ID),
      });
      return synth(stack);
    };
    expect(only(build("10.200.0.0/26"), "azurerm_subnet").address_prefixes).toEqual(["10.200.0.0/26"]);
    expect(() => build("10.200.0.0/27")).toThrow("firewallSubnetCidr must be a /26 or larger (Azure's minimum for AzureFirewallSubnet); got '10.200.0.0/27'.");
  });

  it("with a ValidationError located at the construct", () => {
    let error: unknown;
    try {
      firewall({ firewallSubnetCidr: "10.200.0.0/27" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe("test/Firewall");
    expect((error as Error).message).toMatch(/\(at test\/Firewall\)$/);
  });
});

describe("EgressFirewall destinations from Terraform variables, which EGR-2 cannot judge", () => {
  it.each(["allowedFqdns", "allowedNetworkRules"] as const)("refuses %s as a whole list known only when Terraform runs, naming it", (prop) => {
    const list = new TerraformVariable(new TerraformStack(Testing.app(), "v"), "list", { type: "list(string)" }).listValue;
    expect(() => firewall({ [prop]: list as any })).toThrow(new RegExp(`^${prop} must be written in the code, such as .*: EGR-2 shows at synth that no egress destination is a catch-all`));
  });
});
