import {
  allocateSubnets,
  contains,
  containsAddress,
  findOverlap,
  formatIpv4Address,
  isCatchAll,
  overlaps,
  parseIpv4Address,
  parseIpv4Cidr,
  type Ipv4Block,
} from "../../lib/private/cidr";

/** Parses a CIDR the test knows is valid. */
function block(text: string): Ipv4Block {
  const parsed = parseIpv4Cidr(text);
  if (!parsed) throw new Error(`test bug: '${text}' is not a CIDR`);
  return parsed;
}

/** The CIDR text of each allocated block, by name. */
function texts(layout: Record<string, Ipv4Block> | undefined): Record<string, string> | undefined {
  return layout && Object.fromEntries(Object.entries(layout).map(([name, b]) => [name, b.text]));
}

describe("parseIpv4Address", () => {
  it.each([
    ["0.0.0.0", 0],
    ["10.0.0.10", 167772170],
    ["192.168.1.1", 3232235777],
    ["255.255.255.255", 4294967295],
  ])("parses %s to %d", (text, value) => {
    expect(parseIpv4Address(text)).toBe(value);
  });

  it.each([
    ["an octet above 255", "10.0.0.256"],
    ["a leading zero in an octet", "10.0.0.01"],
    ["three octets", "10.0.0"],
    ["five octets", "10.0.0.0.1"],
    ["a CIDR", "10.0.0.0/8"],
    ["a negative octet", "10.-1.0.0"],
    ["surrounding spaces", " 10.0.0.1 "],
    ["a hostname", "example.com"],
    ["an IPv6 address", "::1"],
    ["the empty string", ""],
  ])("rejects %s", (_, text) => {
    expect(parseIpv4Address(text)).toBeUndefined();
  });
});

describe("formatIpv4Address", () => {
  it.each([
    [0, "0.0.0.0"],
    [167772170, "10.0.0.10"],
    [4294967295, "255.255.255.255"],
  ])("formats %d as %s", (value, text) => {
    expect(formatIpv4Address(value)).toBe(text);
  });

  it("round-trips with parseIpv4Address", () => {
    for (const text of ["10.240.16.0", "172.16.255.1", "1.2.3.4", "128.0.0.0"]) {
      expect(formatIpv4Address(parseIpv4Address(text)!)).toBe(text);
    }
  });
});

describe("parseIpv4Cidr", () => {
  it("parses a CIDR into its text, first address, prefix and size", () => {
    expect(parseIpv4Cidr("10.240.0.0/16")).toEqual({ text: "10.240.0.0/16", start: 0x0af00000, prefix: 16, size: 65536 });
  });

  it.each([
    ["0.0.0.0/0", 0, 2 ** 32],
    ["10.0.0.0/8", 0x0a000000, 2 ** 24],
    ["10.240.16.0/20", 0x0af01000, 4096],
    ["10.240.16.0/29", 0x0af01000, 8],
    ["10.240.16.7/32", 0x0af01007, 1],
    ["255.255.255.255/32", 2 ** 32 - 1, 1],
  ])("parses %s", (text, start, size) => {
    expect(parseIpv4Cidr(text)).toMatchObject({ start, size });
  });

  it.each([
    ["host bits set", "10.0.0.1/16"],
    ["host bits set in the last allowed bit", "10.240.17.0/20"],
    ["prefix above 32", "10.0.0.0/33"],
    ["a leading zero in the prefix", "10.0.0.0/08"],
    ["a leading zero in an octet", "10.0.0.00/24"],
    ["an octet above 255", "10.256.0.0/16"],
    ["no prefix", "10.0.0.0"],
    ["an empty prefix", "10.0.0.0/"],
    ["a three-digit prefix", "10.0.0.0/100"],
    ["an IPv6 CIDR", "fd00::/8"],
    ["a netmask instead of a prefix", "10.0.0.0/255.0.0.0"],
    ["surrounding spaces", " 10.0.0.0/8"],
    ["the empty string", ""],
  ])("rejects %s", (_, text) => {
    expect(parseIpv4Cidr(text)).toBeUndefined();
  });
});

describe("contains", () => {
  const space = block("10.240.0.0/16");

  it("holds for a block inside, at either edge, and for the block itself", () => {
    expect(contains(space, block("10.240.0.0/24"))).toBe(true);
    expect(contains(space, block("10.240.255.0/24"))).toBe(true);
    expect(contains(space, block("10.240.0.0/16"))).toBe(true);
  });

  it("does not hold for a block outside, straddling, or larger", () => {
    expect(contains(space, block("10.241.0.0/24"))).toBe(false);
    expect(contains(space, block("10.239.255.0/24"))).toBe(false);
    expect(contains(space, block("10.240.0.0/15"))).toBe(false);
    expect(contains(block("10.240.0.0/24"), space)).toBe(false);
  });
});

describe("containsAddress", () => {
  const range = block("10.0.0.0/16");

  it("holds from the first to the last address of the block", () => {
    expect(containsAddress(range, parseIpv4Address("10.0.0.0")!)).toBe(true);
    expect(containsAddress(range, parseIpv4Address("10.0.0.10")!)).toBe(true);
    expect(containsAddress(range, parseIpv4Address("10.0.255.255")!)).toBe(true);
  });

  it("does not hold just outside either end", () => {
    expect(containsAddress(range, parseIpv4Address("9.255.255.255")!)).toBe(false);
    expect(containsAddress(range, parseIpv4Address("10.1.0.0")!)).toBe(false);
  });
});

describe("overlaps", () => {
  it("is true for nested and identical blocks, both ways round", () => {
    expect(overlaps(block("10.0.0.0/8"), block("10.1.0.0/16"))).toBe(true);
    expect(overlaps(block("10.1.0.0/16"), block("10.0.0.0/8"))).toBe(true);
    expect(overlaps(block("10.1.0.0/16"), block("10.1.0.0/16"))).toBe(true);
  });

  it("is false for adjacent blocks that only touch", () => {
    expect(overlaps(block("10.0.0.0/24"), block("10.0.1.0/24"))).toBe(false);
    expect(overlaps(block("10.0.1.0/24"), block("10.0.0.0/24"))).toBe(false);
  });

  it("is true for a single address inside a range and false just past it", () => {
    expect(overlaps(block("10.0.0.255/32"), block("10.0.0.0/24"))).toBe(true);
    expect(overlaps(block("10.0.1.0/32"), block("10.0.0.0/24"))).toBe(false);
  });

  it("treats the catch-all block as overlapping everything", () => {
    expect(overlaps(block("0.0.0.0/0"), block("255.255.255.255/32"))).toBe(true);
  });
});

describe("findOverlap", () => {
  it("returns undefined when no two blocks overlap", () => {
    expect(
      findOverlap([
        { name: "a", block: block("10.0.0.0/24") },
        { name: "b", block: block("10.0.1.0/24") },
        { name: "c", block: block("10.0.2.0/23") },
      ]),
    ).toBeUndefined();
  });

  it("names the first overlapping pair in list order", () => {
    expect(
      findOverlap([
        { name: "a", block: block("10.0.0.0/24") },
        { name: "b", block: block("10.1.0.0/16") },
        { name: "c", block: block("10.1.2.0/24") },
        { name: "d", block: block("10.0.0.128/25") },
      ]),
    ).toEqual(["a", "d"]);
  });

  it("returns undefined for an empty or single-entry list", () => {
    expect(findOverlap([])).toBeUndefined();
    expect(findOverlap([{ name: "a", block: block("10.0.0.0/8") }])).toBeUndefined();
  });
});

describe("allocateSubnets", () => {
  const space = block("10.240.0.0/16");

  it("places the largest block first and same-size blocks by name", () => {
    const layout = allocateSubnets(space, [
      { name: "systemNodes", prefix: 24 },
      { name: "userNodes", prefix: 20 },
      { name: "applicationGateway", prefix: 24 },
      { name: "privateEndpoints", prefix: 24 },
    ]);
    expect(texts(layout)).toEqual({
      userNodes: "10.240.0.0/20",
      applicationGateway: "10.240.16.0/24",
      privateEndpoints: "10.240.17.0/24",
      systemNodes: "10.240.18.0/24",
    });
  });

  it("gives the same layout whatever the order of the requests", () => {
    const requests = [
      { name: "b", prefix: 26 },
      { name: "a", prefix: 26 },
      { name: "c", prefix: 22 },
    ];
    const forward = texts(allocateSubnets(space, requests));
    const backward = texts(allocateSubnets(space, [...requests].reverse()));
    expect(forward).toEqual({ c: "10.240.0.0/22", a: "10.240.4.0/26", b: "10.240.4.64/26" });
    expect(backward).toEqual(forward);
  });

  it("orders same-size names by code unit, not by locale", () => {
    // Code-unit order puts "Zed" (Z = 0x5a) before "alpha" (a = 0x61); a locale-aware
    // comparison would put "alpha" first.
    expect(texts(allocateSubnets(block("10.0.0.0/24"), [{ name: "alpha", prefix: 26 }, { name: "Zed", prefix: 26 }]))).toEqual({
      Zed: "10.0.0.0/26",
      alpha: "10.0.0.64/26",
    });
  });

  it("aligns every block to its own size", () => {
    const layout = allocateSubnets(space, [
      { name: "small", prefix: 28 },
      { name: "large", prefix: 18 },
      { name: "medium", prefix: 24 },
    ])!;
    for (const b of Object.values(layout)) expect(b.start % b.size).toBe(0);
    expect(texts(layout)).toEqual({ large: "10.240.0.0/18", medium: "10.240.64.0/24", small: "10.240.65.0/28" });
  });

  it("returns blocks that parse back to themselves", () => {
    const layout = allocateSubnets(space, [{ name: "a", prefix: 20 }, { name: "b", prefix: 27 }])!;
    for (const b of Object.values(layout)) expect(parseIpv4Cidr(b.text)).toEqual(b);
  });

  it("carves around blocks already taken", () => {
    const layout = allocateSubnets(
      space,
      [
        { name: "userNodes", prefix: 20 },
        { name: "systemNodes", prefix: 24 },
      ],
      [block("10.240.0.0/24"), block("10.240.16.0/24")],
    );
    // The /20 cannot start at .0.0 (taken /24 inside it) nor .16.0; the /24 fills the
    // first free /24 after the taken one.
    expect(texts(layout)).toEqual({ userNodes: "10.240.32.0/20", systemNodes: "10.240.1.0/24" });
  });

  it("ignores taken blocks outside the space", () => {
    expect(texts(allocateSubnets(space, [{ name: "a", prefix: 24 }], [block("192.168.0.0/16")]))).toEqual({ a: "10.240.0.0/24" });
  });

  it("fills the space exactly when the requests add up to it", () => {
    const layout = allocateSubnets(block("10.0.0.0/24"), [
      { name: "a", prefix: 25 },
      { name: "b", prefix: 26 },
      { name: "c", prefix: 26 },
    ]);
    expect(texts(layout)).toEqual({ a: "10.0.0.0/25", b: "10.0.0.128/26", c: "10.0.0.192/26" });
  });

  it("returns undefined when the requests do not fit", () => {
    expect(allocateSubnets(block("10.0.0.0/24"), [{ name: "a", prefix: 25 }, { name: "b", prefix: 25 }, { name: "c", prefix: 26 }])).toBeUndefined();
    expect(allocateSubnets(block("10.0.0.0/24"), [{ name: "a", prefix: 23 }])).toBeUndefined();
  });

  it("returns undefined when taken blocks leave no room", () => {
    expect(allocateSubnets(block("10.0.0.0/24"), [{ name: "a", prefix: 25 }], [block("10.0.0.64/26"), block("10.0.0.128/26")])).toBeUndefined();
  });

  it.each([
    ["above 32", 33],
    ["negative", -1],
    ["fractional", 24.5],
    ["not a number", Number.NaN],
  ])("returns undefined for a prefix %s", (_, prefix) => {
    expect(allocateSubnets(block("10.0.0.0/24"), [{ name: "a", prefix }])).toBeUndefined();
  });

  it("returns an empty layout for no requests", () => {
    expect(allocateSubnets(space, [])).toEqual({});
  });
});

describe("isCatchAll", () => {
  it.each(["0.0.0.0/0", "::/0", "*", "Internet", "INTERNET", "any", "Any", "0.0.0.0", " 0.0.0.0/0 ", "10.0.0.0/0", "0/0", "::/00"])(
    "treats '%s' as everything",
    (range) => {
      expect(isCatchAll(range)).toBe(true);
    },
  );

  it.each(["10.0.0.0/8", "0.0.0.0/1", "1.2.3.4", "1.2.3.4/32", "203.0.113.0/10", "2001:db8::/32", "::1", "VirtualNetwork", ""])(
    "does not treat '%s' as everything",
    (range) => {
      expect(isCatchAll(range)).toBe(false);
    },
  );
});
