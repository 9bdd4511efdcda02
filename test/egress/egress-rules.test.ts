import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { REQUIRED_NETWORK_RULES, allowedFqdn, networkRuleVerdicts, requiredFqdnRules, type EgressNetworkRule } from "../../lib/egress/egress-rules";
import { AKS_OUTBOUND_ROWS } from "./aks-outbound-rules";

/** A valid network rule, with overrides. */
function rule(overrides: Partial<EgressNetworkRule> = {}): EgressNetworkRule {
  return {
    name: "dns",
    description: "Corporate DNS",
    protocols: ["UDP"],
    destinationPorts: ["53"],
    destinationAddresses: ["10.50.0.4"],
    ...overrides,
  };
}

describe("requiredFqdnRules", () => {
  it("is one rule per feature the platform turns on, each with the reconciled table's allowed rows, in the table's order", () => {
    const rules = requiredFqdnRules("westeurope");
    expect(rules.map((r) => r.name)).toEqual(["azure-monitor", "azure-policy", "defender", "key-vault-csi", "workload-identity"]);
    for (const r of rules) {
      const rows = AKS_OUTBOUND_ROWS.filter((row) => row.protocol === "HTTPS" && "rule" in row.allowedBy && row.allowedBy.rule === r.name);
      expect({ rule: r.name, fqdns: r.fqdns }).toEqual({ rule: r.name, fqdns: rows.map((row) => row.destination.replace("<region>", "westeurope")) });
    }
  });

  it("allows the data collection endpoints by the page's wildcard, not a regional name (they are <dce>.<region>-1.ingest.monitor.azure.com)", () => {
    const monitor = requiredFqdnRules("westeurope").find((r) => r.name === "azure-monitor")!;
    expect(monitor.fqdns).toContain("*.ingest.monitor.azure.com");
    expect(monitor.fqdns).not.toContain("westeurope.ingest.monitor.azure.com");
  });

  it("puts the cluster's region in the regional control handler", () => {
    const monitor = requiredFqdnRules("swedencentral").find((r) => r.name === "azure-monitor")!;
    expect(monitor.fqdns).toContain("swedencentral.handler.control.monitor.azure.com");
    expect(monitor.fqdns.join(" ")).not.toContain("westeurope");
  });

  it("turns a display-name location ('West Europe') into the host name Azure Monitor uses", () => {
    const monitor = requiredFqdnRules("West Europe").find((r) => r.name === "azure-monitor")!;
    expect(monitor.fqdns).toContain("westeurope.handler.control.monitor.azure.com");
    for (const fqdn of monitor.fqdns) expect(allowedFqdn("fqdn", fqdn)).toBeUndefined();
  });

  it("produces only names the library's own FQDN rule accepts", () => {
    for (const r of requiredFqdnRules("eastus2")) {
      for (const fqdn of r.fqdns) expect(allowedFqdn(r.name, fqdn)).toBeUndefined();
    }
  });
});

describe("REQUIRED_NETWORK_RULES", () => {
  it("is exactly the AzureMonitor service tag on TCP 443 (NTP is not required for nodes since March 2021)", () => {
    expect(REQUIRED_NETWORK_RULES).toEqual([
      {
        name: "azure-monitor",
        description: "Metrics and logs to Azure Monitor and Log Analytics (the AzureMonitor service tag)",
        protocols: ["TCP"],
        destinationPorts: ["443"],
        destinationAddresses: ["AzureMonitor"],
      },
    ]);
  });

  it("passes the rules it imposes on user rules", () => {
    REQUIRED_NETWORK_RULES.forEach((r, i) => expect(networkRuleVerdicts(`required[${i}]`, r)).toEqual([]));
  });
});

describe("allowedFqdn", () => {
  it.each(["api.github.com", "*.blob.core.windows.net", "*.example.com", "registry-1.docker.io", "A.B.example.COM", "x.io"])(
    "accepts '%s'",
    (fqdn) => {
      expect(allowedFqdn("allowedFqdns[0]", fqdn)).toBeUndefined();
    },
  );

  it.each(["*", " * ", "*.com", "*.io", "*.local"])("rejects the catch-all '%s', naming the prop and the value", (fqdn) => {
    expect(allowedFqdn("allowedFqdns[2]", fqdn)).toBe(
      `allowedFqdns[2] must not be a catch-all wildcard; got '${fqdn}'. Name the hosts (api.example.com) or one domain's subdomains (*.example.com).`,
    );
  });

  it.each([
    "localhost",
    "example",
    "https://api.github.com",
    "api.github.com/path",
    "api.github.com:443",
    "api..github.com",
    "-api.github.com",
    "api-.github.com",
    "api.github.com.",
    "*example.com",
    "**.example.com",
    "*.*.example.com",
    "api.*.example.com",
    "10.0.0.4",
    "api.github.c0m",
    "",
    `${"a".repeat(64)}.example.com`,
  ])("rejects '%s', which is not a fully qualified domain name", (fqdn) => {
    expect(allowedFqdn("allowedFqdns[0]", fqdn)).toBe(
      `allowedFqdns[0] must be a fully qualified domain name such as 'api.example.com' or '*.example.com'; got '${fqdn}'.`,
    );
  });

  it("accepts a label of 63 characters and rejects a name longer than 253", () => {
    expect(allowedFqdn("f", `${"a".repeat(63)}.example.com`)).toBeUndefined();
    const long = `${Array.from({ length: 5 }, () => "a".repeat(60)).join(".")}.com`;
    expect(long.length).toBeGreaterThan(253);
    expect(allowedFqdn("f", long)).toMatch(/^f must be a fully qualified domain name/);
  });

  it("does not check a token", () => {
    const stack = new TerraformStack(Testing.app(), "fqdn");
    const fqdn = new TerraformVariable(stack, "fqdn", { type: "string" });
    expect(allowedFqdn("allowedFqdns[0]", fqdn.stringValue)).toBeUndefined();
    expect(allowedFqdn("allowedFqdns[0]", `${fqdn.stringValue}.example.com`)).toBeUndefined();
  });
});

describe("networkRuleVerdicts", () => {
  it("accepts a rule to named addresses, and one to exact host names", () => {
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule())).toEqual([]);
    expect(
      networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationAddresses: undefined, destinationFqdns: ["time.example.com"], destinationPorts: ["123", "8000-8080"] })),
    ).toEqual([]);
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: ["AzureMonitor", "10.0.0.0/8", "192.168.1.1"] }))).toEqual([]);
  });

  it.each(["*", "0.0.0.0/0", "Internet", "internet", "Any", "::/0", "0.0.0.0"])("rejects the catch-all destination '%s'", (address) => {
    expect(networkRuleVerdicts("allowedNetworkRules[1]", rule({ destinationAddresses: ["10.50.0.4", address] }))).toEqual([
      `allowedNetworkRules[1].destinationAddresses must not contain a catch-all; got '${address}'. Name the ranges or service tags the cluster needs.`,
    ]);
  });

  it.each(["*", "0-65535", "1-65535", " * "])("rejects the catch-all port '%s'", (port) => {
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationPorts: ["53", port] }))).toEqual([
      `allowedNetworkRules[0].destinationPorts must not open every port; got '${port}'. List the ports the service uses.`,
    ]);
  });

  it.each(["0", "65536", "http", "53/udp", "8080-80", "1-70000", ""])("rejects the port '%s', which Azure Firewall does not accept", (port) => {
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationPorts: [port] }))).toEqual([
      `allowedNetworkRules[0].destinationPorts entries must be a port from 1 to 65535 or a range such as '8000-8080'; got '${port}'.`,
    ]);
  });

  it("rejects a rule with no destination at all", () => {
    const message = "allowedNetworkRules[0] needs destinationAddresses or destinationFqdns: a rule with no destination would allow everything.";
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationAddresses: undefined }))).toEqual([message]);
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationAddresses: [], destinationFqdns: [] }))).toEqual([message]);
  });

  it("rejects a rule with no port or no protocol", () => {
    expect(networkRuleVerdicts("r", rule({ destinationPorts: [] }))).toEqual([
      "r.destinationPorts must not be empty: list the ports the service uses, e.g. ['123'].",
    ]);
    expect(networkRuleVerdicts("r", rule({ protocols: [] }))).toEqual([
      "r.protocols must not be empty: list the protocols the service uses, e.g. ['UDP'].",
    ]);
  });

  it("checks destination FQDNs like user FQDNs, naming the entry", () => {
    expect(networkRuleVerdicts("allowedNetworkRules[3]", rule({ destinationFqdns: ["ok.example.com", "*"] }))).toEqual([
      "allowedNetworkRules[3].destinationFqdns[1] must not be a catch-all wildcard; got '*'. Name the hosts (api.example.com) or one domain's subdomains (*.example.com).",
    ]);
    expect(networkRuleVerdicts("r", rule({ destinationFqdns: ["not a host"] }))).toEqual([
      "r.destinationFqdns[0] must be a fully qualified domain name such as 'api.example.com' or '*.example.com'; got 'not a host'.",
    ]);
  });

  it("rejects a wildcard FQDN, which Azure Firewall network rules do not support", () => {
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationFqdns: ["*.ntp.example.com"] }))).toEqual([
      "allowedNetworkRules[0].destinationFqdns[0] must be an exact host name: Azure Firewall does not support wildcards in network rules; got '*.ntp.example.com'. List the hosts, or use allowedFqdns for HTTPS.",
    ]);
  });

  it("reports every problem of a rule, not only the first", () => {
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: ["Internet"], destinationFqdns: ["*.com"], destinationPorts: ["*"] }))).toHaveLength(3);
  });

  it("skips tokens: whole lists and single entries", () => {
    const stack = new TerraformStack(Testing.app(), "rule");
    const addresses = new TerraformVariable(stack, "addresses", { type: "list(string)" });
    const port = new TerraformVariable(stack, "port", { type: "string" });
    const host = new TerraformVariable(stack, "host", { type: "string" });
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: addresses.listValue }))).toEqual([]);
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: [port.stringValue], destinationPorts: [port.stringValue] }))).toEqual([]);
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: undefined, destinationFqdns: [host.stringValue] }))).toEqual([]);
  });
});
