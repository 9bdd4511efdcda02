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
  it.each(["api.github.com", "*.core.windows.net", "*.example.com", "registry-1.docker.io", "A.B.example.COM", "x.io", "*.azurecr.io", "xn--80ak6aa92e.xn--p1ai"])(
    "accepts '%s'",
    (fqdn) => {
      expect(allowedFqdn("allowedFqdns[0]", fqdn)).toBeUndefined();
    },
  );

  it.each(["*", " * "])("rejects the catch-all '%s', naming the prop and the value", (fqdn) => {
    expect(allowedFqdn("allowedFqdns[2]", fqdn)).toBe(
      `allowedFqdns[2] must not be a catch-all wildcard; got '${fqdn}', which allows every destination. Name the hosts (api.example.com) or one domain's subdomains (*.example.com).`,
    );
  });

  // The public suffix list (tldts), private part included: each of these reaches every
  // domain anyone can register under the suffix.
  it.each([
    ["*.com", "com"],
    ["*.io", "io"],
    ["*.local", "local"],
    ["*.co.uk", "co.uk"],
    ["*.github.io", "github.io"],
    ["*.blob.core.windows.net", "blob.core.windows.net"],
    ["*.azurewebsites.net", "azurewebsites.net"],
    ["*.CO.UK", "co.uk"],
  ])("rejects '%s', a wildcard over the public suffix '%s'", (fqdn, suffix) => {
    expect(allowedFqdn("allowedFqdns[2]", fqdn)).toBe(
      `allowedFqdns[2] must not be a catch-all wildcard; got '${fqdn}', which allows every domain anyone can register under '${suffix}' (a public suffix). Name the hosts (api.example.com) or one domain's subdomains (*.example.com).`,
    );
  });

  it("accepts every FQDN the library itself allows, in any region", () => {
    for (const region of ["westeurope", "West Europe", "eastus2", "swedencentral"]) {
      for (const r of requiredFqdnRules(region)) for (const fqdn of r.fqdns) expect(allowedFqdn(r.name, fqdn)).toBeUndefined();
    }
  });

  it("names a value of the wrong type (a JavaScript caller)", () => {
    expect(allowedFqdn("allowedFqdns[0]", 42 as any)).toBe("allowedFqdns[0] must be a fully qualified domain name such as 'api.example.com'; got 42.");
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

  // EGR-2 fails a destination it cannot show is not a catch-all, so the construct refuses the
  // same first, naming the prop; a token under a fixed domain stays under that domain.
  it("takes a token only under a fixed domain, as EGR-2 does", () => {
    const stack = new TerraformStack(Testing.app(), "fqdn");
    const fqdn = new TerraformVariable(stack, "fqdn", { type: "string" });
    expect(allowedFqdn("allowedFqdns[0]", `${fqdn.stringValue}.example.com`)).toBeUndefined();
    expect(allowedFqdn("allowedFqdns[0]", fqdn.stringValue)).toMatch(/^allowedFqdns\[0\] must be written in the code, or end in a fixed domain/);
    expect(allowedFqdn("allowedFqdns[0]", `${fqdn.stringValue}.co.uk`)).toMatch(/must be written in the code/);
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

  it.each([
    [["*"], "'*'"],
    [["0.0.0.0/0"], "'0.0.0.0/0'"],
    [["Internet"], "'Internet'"],
    [["internet"], "'internet'"],
    [["Any"], "'Any'"],
    [["0.0.0.0"], "'0.0.0.0'"],
    [["0.0.0.0/1", "128.0.0.0/1"], "'0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)"],
    [["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1"], "'0.0.0.0/2' + '64.0.0.0/2' + '128.0.0.0/1' (together every IPv4 address)"],
    [["0.0.0.0-127.255.255.255", "128.0.0.0/1"], "'0.0.0.0-127.255.255.255' + '128.0.0.0/1' (together every IPv4 address)"],
    [["0.0.0.0-255.255.255.255"], "'0.0.0.0-255.255.255.255' (together every IPv4 address)"],
  ])("rejects the catch-all destination %j", (addresses, shown) => {
    expect(networkRuleVerdicts("allowedNetworkRules[1]", rule({ destinationAddresses: addresses }))).toEqual([
      `allowedNetworkRules[1].destinationAddresses must not contain or add up to a catch-all; got ${shown}. Name the ranges or service tags the cluster needs.`,
    ]);
  });

  it.each([["10.0.0.0/1"], ["0.0.0.0/1", "128.0.0.0/2"], ["10.50.0.4-10.50.0.8", "AzureCloud.WestEurope"], ["Storage", "192.168.0.0/16"]])(
    "accepts destinations that leave part of the address space out: %j",
    (...addresses) => {
      expect(networkRuleVerdicts("r", rule({ destinationAddresses: addresses }))).toEqual([]);
    },
  );

  // The provider takes any non-empty network rule destination ("Can be IP address, CIDR, "*",
  // or service tag", firewall_policy_rule_collection_group_resource.go at v4.55.0), so a typo
  // fails only when Azure applies the policy; the library names the entry first.
  it.each(["10.0.0.0/33", "10.0.0.256", "not a tag", "2001:db8::/32", "10.0.0.9-10.0.0.1", "", "*.example.com"])(
    "rejects the destination address '%s', which is no IPv4 address, CIDR, range or service tag",
    (address) => {
      expect(networkRuleVerdicts("r", rule({ destinationAddresses: ["10.50.0.4", address] }))).toEqual([
        `r.destinationAddresses[1] must be an IPv4 address ('10.50.0.4'), CIDR ('10.50.0.0/24'), range ('10.50.0.4-10.50.0.8') or service tag ('AzureMonitor', 'Storage.WestEurope'); got '${address}'.`,
      ]);
    },
  );

  it("rejects '*' as a port", () => {
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationPorts: ["53", "*"] }))).toEqual([
      "allowedNetworkRules[0].destinationPorts[1] must not open every port; got '*'. List the ports the service uses.",
    ]);
  });

  it.each([
    [["1-65535"], "'1-65535'"],
    [["1-1000", "1001-65535"], "'1-1000' + '1001-65535' (together 1-65535)"],
    [["53", "1-52", "54-65535"], "'53' + '1-52' + '54-65535' (together 1-65535)"],
  ])("rejects ports that open every port: %j", (ports, shown) => {
    expect(networkRuleVerdicts("r", rule({ destinationPorts: ports }))).toEqual([
      `r.destinationPorts must not open every port, alone or together; got ${shown}. List the ports the service uses.`,
    ]);
  });

  it("accepts ports that leave one out", () => {
    expect(networkRuleVerdicts("r", rule({ destinationPorts: ["1-1000", "1002-65535"] }))).toEqual([]);
  });

  // The provider's PortOrPortRangeWithin(1, 65535) (internal/services/firewall/validate/port_or_port_range.go
  // at v4.55.0): `num` or `num1-num2` with num1 < num2, nothing around them.
  it.each(["0", "65536", "http", "53/udp", "8080-80", "80-80", "1-70000", "", " 53", "0-65535"])(
    "rejects the port '%s', which Azure Firewall does not accept",
    (port) => {
      expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ destinationPorts: [port] }))[0]).toBe(
        `allowedNetworkRules[0].destinationPorts[0] must be a port from 1 to 65535 as a string, such as '123', or a range whose first port is lower than its last, such as '8000-8080'; got '${port}'.`,
      );
    },
  );

  it("tells a JavaScript caller who wrote a port as a number to write the string", () => {
    expect(networkRuleVerdicts("r", rule({ destinationPorts: [53 as any] }))).toEqual([
      "r.destinationPorts[0] must be a port from 1 to 65535 as a string, such as '123', or a range whose first port is lower than its last, such as '8000-8080'; got 53. Write it as the string '53'.",
    ]);
  });

  // The provider's network rule protocols are Any, TCP, UDP, ICMP
  // (firewall_policy_rule_collection_group_resource.go at v4.55.0); Any is every protocol.
  it.each([
    ["Any", "r.protocols[0] must be one of 'TCP', 'UDP', 'ICMP'; got 'Any'. 'Any' would allow every protocol: list the ones the service uses."],
    ["udp", "r.protocols[0] must be one of 'TCP', 'UDP', 'ICMP'; got 'udp'. Did you mean 'UDP'? Values are case-sensitive."],
    ["Https", "r.protocols[0] must be one of 'TCP', 'UDP', 'ICMP'; got 'Https'."],
    [6, "r.protocols[0] must be one of 'TCP', 'UDP', 'ICMP'; got 6."],
  ])("rejects the protocol %j", (protocol, message) => {
    expect(networkRuleVerdicts("r", rule({ protocols: [protocol as any] }))).toEqual([message]);
  });

  it.each(["TCP", "UDP", "ICMP"] as const)("accepts the protocol '%s'", (protocol) => {
    expect(networkRuleVerdicts("r", rule({ protocols: [protocol] }))).toEqual([]);
  });

  // The provider refuses only an empty rule name (StringIsNotEmpty); the library also holds
  // names to the provider's FirewallPolicyRuleName pattern
  // (internal/services/firewall/validate/firewall_policy_rule_name.go at v4.55.0).
  it.each(["", "has space", "-dns", "dns-", "dns.", "d/ns"])("rejects the rule name '%s'", (name) => {
    expect(networkRuleVerdicts("allowedNetworkRules[0]", rule({ name }))[0]).toMatch(/^allowedNetworkRules\[0\]\.name (is required and must be a non-empty string|must be letters, digits, underscores, periods or hyphens)/);
  });

  it.each(["d", "dns", "corp_dns", "ntp.1", "dns_"])("accepts the rule name '%s'", (name) => {
    expect(networkRuleVerdicts("r", rule({ name }))).toEqual([]);
  });

  it("names each missing or mistyped prop of a JavaScript caller's rule, before reading it", () => {
    expect(networkRuleVerdicts("allowedNetworkRules[0]", null as any)).toEqual([
      "allowedNetworkRules[0] is required and must be an object, e.g. { name: 'corporate-dns', protocols: ['UDP'], destinationPorts: ['53'], destinationAddresses: ['10.50.0.4'], description: '...' }; got null.",
    ]);
    expect(networkRuleVerdicts("r", { name: "dns", protocols: "UDP", destinationPorts: ["53"], destinationAddresses: "10.0.0.4" } as any)).toEqual([
      "r.description is required and must be a non-empty string, e.g. 'Corporate DNS resolvers'; got nothing (the prop is missing).",
      "r.protocols is required and must be an array, e.g. ['UDP']; got 'UDP'.",
      "r.destinationAddresses must be an array when given, e.g. ['10.50.0.4']; got '10.0.0.4'.",
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
      "allowedNetworkRules[3].destinationFqdns[1] must not be a catch-all wildcard; got '*', which allows every destination. Name the hosts (api.example.com) or one domain's subdomains (*.example.com).",
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

  it("refuses destinations and ports known only when Terraform runs, which EGR-2 would fail, without crashing on them", () => {
    const stack = new TerraformStack(Testing.app(), "rule");
    const addresses = new TerraformVariable(stack, "addresses", { type: "list(string)" });
    const port = new TerraformVariable(stack, "port", { type: "string" });
    const host = new TerraformVariable(stack, "host", { type: "string" });
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: addresses.listValue }))).toEqual([
      "r.destinationAddresses must be written in the code, such as ['10.50.0.0/24']: EGR-2 shows at synth that no egress destination is a catch-all, and a value known only when Terraform runs cannot be shown so.",
    ]);
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: [port.stringValue], destinationPorts: [port.stringValue] }))).toEqual([
      expect.stringMatching(/^r\.destinationAddresses\[0\] must be written in the code/),
      expect.stringMatching(/^r\.destinationPorts\[0\] must be written in the code, such as '443'/),
    ]);
    expect(networkRuleVerdicts("r", rule({ destinationAddresses: undefined, destinationFqdns: [`${host.stringValue}.ntp.example.com`] }))).toEqual([]);
  });
});
