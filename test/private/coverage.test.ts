import { catchAllIn, parseAddressRange, portsCoverAll, unionCovers } from "../../lib/private/cidr";
import { wildcardPublicSuffix } from "../../lib/private/domains";

describe("catchAllIn: a catch-all is found whether written whole or in parts", () => {
  it.each([
    [["0.0.0.0/0"], "'0.0.0.0/0'"],
    [["0.0.0.0/1", "128.0.0.0/1"], "'0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)"],
    [["128.0.0.0/1", "10.0.0.0/8", "0.0.0.0/1"], "'128.0.0.0/1' + '10.0.0.0/8' + '0.0.0.0/1' (together every IPv4 address)"],
    [["::/1", "8000::/1"], "'::/1' + '8000::/1' (together every IPv6 address)"],
    [["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/3"], expect.stringContaining("together every IPv4 address")],
  ])("%j is a catch-all", (ranges, expected) => {
    expect(catchAllIn(ranges)).toEqual(expected);
  });

  it.each([
    [["0.0.0.0/1"]],
    [["0.0.0.0/1", "128.0.0.0/2"]],
    [["0.0.0.0/1", "128.0.0.1/1"].slice(0, 1)],
    [["10.0.0.0/8", "192.168.0.0/16"]],
    [["::/1"]],
    [[]],
  ])("%j is not", (ranges) => {
    expect(catchAllIn(ranges)).toBeUndefined();
  });

  it("leaves one address out and is not a catch-all", () => {
    // 0.0.0.0/1 + 128.0.0.0/2 + 192.0.0.0/3 + ... + 255.255.255.254/32: every address but the last.
    const ranges = Array.from({ length: 32 }, (_, i) => {
      const prefix = i + 1;
      const start = (2 ** 32 - 2 ** (33 - prefix)) >>> 0;
      return `${[24, 16, 8, 0].map((s) => (start >>> s) & 255).join(".")}/${prefix}`;
    });
    expect(unionCovers(ranges)).toBe(false);
    expect(unionCovers([...ranges, "255.255.255.255"])).toBe(true);
  });
});

describe("parseAddressRange", () => {
  it("parses both families and refuses zone ids and bad prefixes", () => {
    expect(parseAddressRange("10.0.0.0/8")).toMatchObject({ version: 4, first: 167772160n, last: 184549375n });
    expect(parseAddressRange("2001:db8::/32")).toMatchObject({ version: 6 });
    expect(parseAddressRange("fe80::1%eth0")).toBeUndefined();
    expect(parseAddressRange("10.0.0.0/33")).toBeUndefined();
    expect(parseAddressRange("010.0.0.0/8")).toBeUndefined();
  });
});

describe("portsCoverAll", () => {
  it.each([
    [["*"], true],
    [["1-65535"], true],
    [["1-1000", "1001-65535"], true],
    [["1-40000", "30000-65535"], true],
    [[1, "2-65535"], true],
    [["1-1000", "1002-65535"], false],
    [["443"], false],
    [["0-100"], false],
  ])("%j covers every port: %s", (ports, expected) => {
    expect(portsCoverAll(ports)).toBe(expected);
  });
});

describe("wildcardPublicSuffix (the public suffix list, not a hand-made one)", () => {
  it.each([
    ["*", "*"],
    ["*.com", "com"],
    ["*.co.uk", "co.uk"],
    ["*.COM.", "com"],
    ["*.github.io", "github.io"],
  ])("'%s' reaches every domain under '%s'", (fqdn, suffix) => {
    expect(wildcardPublicSuffix(fqdn)).toBe(suffix);
  });

  it.each(["*.example.com", "*.example.co.uk", "api.github.com", "*.ubuntu.com", "*.hcp.westeurope.azmk8s.io", "mcr.microsoft.com"])(
    "'%s' is one domain's",
    (fqdn) => {
      expect(wildcardPublicSuffix(fqdn)).toBeUndefined();
    },
  );
});
