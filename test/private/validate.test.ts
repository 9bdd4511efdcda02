import { TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "hardened-aks";
import {
  addressInside,
  authorizedIpRanges,
  availabilityZones,
  azureResourceName,
  clusterName,
  dnsPrefix,
  guid,
  integerBetween,
  ipv4Cidr,
  isToken,
  kubernetesVersion,
  matches,
  minNotAboveMax,
  nodePoolName,
  nonEmpty,
  throwIfInvalid,
  oneOf,
  required,
  reason,
  resourceGroupName,
  azureLocation,
  normalizeLocation,
  tags,
  optionalOfKind,
} from "../../lib/private/validate";
import { testStack } from "../helpers";

/** Unresolved tokens of each kind, as users pass them (variables, resource attributes). */
function tokens() {
  const stack = testStack();
  const variable = new TerraformVariable(stack, "v", {});
  return { stack, str: variable.stringValue, num: variable.numberValue, list: variable.listValue };
}

describe("throwIfInvalid", () => {
  it("does nothing when every verdict is undefined", () => {
    const scope = new Construct(testStack(), "Scope");
    expect(() => throwIfInvalid(scope, undefined, undefined)).not.toThrow();
    expect(() => throwIfInvalid(scope)).not.toThrow();
  });

  it("throws a ValidationError for the first failed verdict, with the construct path", () => {
    const scope = new Construct(testStack(), "Scope");
    let thrown: unknown;
    try {
      throwIfInvalid(scope, undefined, "first problem", "second problem");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).message).toBe("first problem (at test/Scope)");
    expect((thrown as ValidationError).path).toBe("test/Scope");
    expect((thrown as ValidationError).name).toBe("ValidationError");
  });
});

describe("isToken", () => {
  it("recognizes unresolved strings, numbers and lists", () => {
    const t = tokens();
    expect(isToken(t.str)).toBe(true);
    expect(isToken(`prefix-${t.str}`)).toBe(true);
    expect(isToken(t.num)).toBe(true);
    expect(isToken(t.list)).toBe(true);
  });

  it("is false for literals", () => {
    expect(isToken("10.0.0.0/8")).toBe(false);
    expect(isToken(42)).toBe(false);
    expect(isToken(["a", "b"])).toBe(false);
    expect(isToken(undefined)).toBe(false);
  });
});

describe("matches", () => {
  it("names the prop, the rule and the value when the pattern fails", () => {
    expect(matches("color", "blue", /^red$/, "'red'")).toBe("color must be 'red'; got 'blue'.");
  });

  it("passes a matching value, undefined and tokens", () => {
    expect(matches("color", "red", /^red$/, "'red'")).toBeUndefined();
    expect(matches("color", undefined, /^red$/, "'red'")).toBeUndefined();
    expect(matches("color", tokens().str, /^red$/, "'red'")).toBeUndefined();
  });
});

describe("clusterName", () => {
  it.each(["a", "aks-prod", "aks_prod_01", "A1", "a".repeat(63)])("accepts '%s'", (name) => {
    expect(clusterName("name", name)).toBeUndefined();
  });

  it.each([
    ["empty", ""],
    ["64 characters", "a".repeat(64)],
    ["a leading hyphen", "-aks"],
    ["a trailing hyphen", "aks-"],
    ["a trailing underscore", "aks_"],
    ["a period", "aks.prod"],
    ["a space", "aks prod"],
  ])("rejects a name with %s", (_, name) => {
    expect(clusterName("name", name)).toMatch(new RegExp(`^name must be 1-63 letters, digits, underscores or hyphens.*; got '${name}'\\.$`));
  });

  it("skips tokens", () => {
    expect(clusterName("name", tokens().str)).toBeUndefined();
  });
});

describe("dnsPrefix", () => {
  it.each(["a", "aks-prod", "a".repeat(54)])("accepts '%s'", (prefix) => {
    expect(dnsPrefix("dnsPrefix", prefix)).toBeUndefined();
  });

  it.each([
    ["55 characters", "a".repeat(55)],
    ["an underscore", "aks_prod"],
    ["a trailing hyphen", "aks-"],
    ["a leading hyphen", "-aks"],
  ])("rejects a prefix with %s", (_, prefix) => {
    expect(dnsPrefix("dnsPrefix", prefix)).toMatch(new RegExp(`^dnsPrefix must be 1-54 letters, digits or hyphens.*; got '${prefix}'\\.$`));
  });

  it("skips undefined and tokens", () => {
    expect(dnsPrefix("dnsPrefix", undefined)).toBeUndefined();
    expect(dnsPrefix("dnsPrefix", tokens().str)).toBeUndefined();
  });
});

describe("nodePoolName", () => {
  it.each(["a", "apps", "system01", "abcdefghijkl"])("accepts '%s'", (name) => {
    expect(nodePoolName("userPools", name)).toBeUndefined();
  });

  it.each([
    ["13 characters", "abcdefghijklm"],
    ["an uppercase letter", "Apps"],
    ["a leading digit", "1apps"],
    ["a hyphen", "app-s"],
    ["nothing", ""],
  ])("rejects a name with %s", (_, name) => {
    expect(nodePoolName("userPools", name)).toMatch(
      new RegExp(`^userPools must be 1-12 lowercase letters or digits, starting with a letter .*; got '${name}'\\.$`),
    );
  });

  it("skips undefined and tokens", () => {
    expect(nodePoolName("userPools", undefined)).toBeUndefined();
    expect(nodePoolName("userPools", tokens().str)).toBeUndefined();
  });
});

describe("azureResourceName", () => {
  it.each(["v", "vnet-prod", "vnet.prod_", "VNet_01", "a".repeat(64)])("accepts '%s' for a 64-character limit", (name) => {
    expect(azureResourceName("name", name, 64)).toBeUndefined();
  });

  it.each([
    ["65 characters", "a".repeat(65)],
    ["a trailing period", "vnet."],
    ["a trailing hyphen", "vnet-"],
    ["a leading underscore", "_vnet"],
    ["a leading period", ".vnet"],
    ["a slash", "vnet/prod"],
    ["nothing", ""],
  ])("rejects a name with %s", (_, name) => {
    expect(azureResourceName("name", name, 64)).toMatch(
      new RegExp(`^name must be 1-64 letters, digits, underscores, periods or hyphens.*; got '${name.replace(/\./g, "\\.")}'\\.$`),
    );
  });

  it("applies the given maximum length", () => {
    expect(azureResourceName("name", "a".repeat(80), 80)).toBeUndefined();
    expect(azureResourceName("name", "a".repeat(81), 80)).toMatch(/^name must be 1-80 /);
  });

  it("skips undefined and tokens", () => {
    expect(azureResourceName("name", undefined, 64)).toBeUndefined();
    expect(azureResourceName("name", tokens().str, 64)).toBeUndefined();
  });
});

describe("kubernetesVersion", () => {
  it.each(["1.33", "1.33.2", "1.30.10"])("accepts '%s'", (version) => {
    expect(kubernetesVersion("kubernetesVersion", version)).toBeUndefined();
  });

  it.each(["v1.33", "1", "1.33.2.1", "latest", "1.33-preview", ""])("rejects '%s'", (version) => {
    expect(kubernetesVersion("kubernetesVersion", version)).toMatch(
      new RegExp(`^kubernetesVersion must be a Kubernetes version as MAJOR\\.MINOR .*without a leading 'v'; got '${version.replace(/\./g, "\\.")}'\\.$`),
    );
  });

  it("skips undefined and tokens", () => {
    expect(kubernetesVersion("kubernetesVersion", undefined)).toBeUndefined();
    expect(kubernetesVersion("kubernetesVersion", tokens().str)).toBeUndefined();
  });
});

describe("ipv4Cidr", () => {
  it("accepts a CIDR with no host bits set", () => {
    expect(ipv4Cidr("serviceCidr", "10.0.0.0/16")).toBeUndefined();
  });

  it.each(["10.0.0.1/16", "10.0.0.0", "10.0.0.0/33", "fd00::/8", "not-a-cidr"])("rejects '%s', naming the prop and the value", (value) => {
    expect(ipv4Cidr("serviceCidr", value)).toBe(
      `serviceCidr must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/16'; got '${value}'.`,
    );
  });

  it("skips undefined and tokens", () => {
    expect(ipv4Cidr("serviceCidr", undefined)).toBeUndefined();
    expect(ipv4Cidr("serviceCidr", tokens().str)).toBeUndefined();
  });
});

describe("addressInside", () => {
  it("accepts an address inside the range", () => {
    expect(addressInside("dnsServiceIp", "10.0.0.10", "serviceCidr", "10.0.0.0/16")).toBeUndefined();
    expect(addressInside("dnsServiceIp", "10.0.255.254", "serviceCidr", "10.0.0.0/16")).toBeUndefined();
  });

  it("rejects a value that is not an address", () => {
    expect(addressInside("dnsServiceIp", "10.0.0.10/32", "serviceCidr", "10.0.0.0/16")).toBe(
      "dnsServiceIp must be an IPv4 address such as '10.0.0.10'; got '10.0.0.10/32'.",
    );
  });

  it("rejects an address outside the range, naming both props", () => {
    expect(addressInside("dnsServiceIp", "10.1.0.10", "serviceCidr", "10.0.0.0/16")).toMatch(
      /^dnsServiceIp must lie inside serviceCidr '10\.0\.0\.0\/16'; got '10\.1\.0\.10'\./,
    );
  });

  it("rejects the network and the broadcast address", () => {
    expect(addressInside("dnsServiceIp", "10.0.0.0", "serviceCidr", "10.0.0.0/16")).toBe(
      "dnsServiceIp must not be the network or broadcast address of serviceCidr '10.0.0.0/16'; got '10.0.0.0'.",
    );
    expect(addressInside("dnsServiceIp", "10.0.255.255", "serviceCidr", "10.0.0.0/16")).toMatch(
      /must not be the network or broadcast address .*got '10\.0\.255\.255'/,
    );
  });

  it("rejects the first address, which Kubernetes gives to the kubernetes.default service", () => {
    expect(addressInside("dnsServiceIp", "10.0.0.1", "serviceCidr", "10.0.0.0/16")).toMatch(
      /^dnsServiceIp must not be the first address of serviceCidr '10\.0\.0\.0\/16' \(Kubernetes gives it to the kubernetes\.default service\); got '10\.0\.0\.1'\. Use the \.10 address\.$/,
    );
  });

  it("leaves an invalid range to the range's own rule", () => {
    expect(addressInside("dnsServiceIp", "10.0.0.10", "serviceCidr", "10.0.0.1/16")).toBeUndefined();
  });

  it("skips undefined and tokens in either the address or the range", () => {
    const t = tokens();
    expect(addressInside("dnsServiceIp", undefined, "serviceCidr", "10.0.0.0/16")).toBeUndefined();
    expect(addressInside("dnsServiceIp", t.str, "serviceCidr", "10.0.0.0/16")).toBeUndefined();
    expect(addressInside("dnsServiceIp", "10.1.0.10", "serviceCidr", t.str)).toBeUndefined();
  });
});

describe("authorizedIpRanges", () => {
  it("accepts IPv4 and IPv6 addresses and CIDRs", () => {
    expect(authorizedIpRanges("ranges", ["203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "2001:db8::1"])).toBeUndefined();
  });

  it("rejects an empty list: a public API server would be open to the internet", () => {
    expect(authorizedIpRanges("ranges", [])).toMatch(/^ranges must list at least one range: a public API server with no authorized ranges is open to the internet\./);
  });

  it.each(["0.0.0.0/0", "::/0", "*", "Internet", "0.0.0.0"])("rejects the catch-all '%s'", (range) => {
    expect(authorizedIpRanges("ranges", ["203.0.113.0/24", range])).toMatch(
      new RegExp(`^ranges must not contain or add up to a catch-all range; got '${range.replace(/[.*]/g, "\\$&")}'\\.`),
    );
  });

  it.each(["203.0.113.1/24", "office", "300.0.0.1", "203.0.113.0/33", ":::::", "2001:db8::/999", "2001:db8::/32/1"])("rejects the malformed entry '%s'", (range) => {
    expect(authorizedIpRanges("ranges", [range])).toBe(
      `ranges entries must be IPv4 addresses or CIDRs with no host bits set, or IPv6 addresses or CIDRs; got '${range}'.`,
    );
  });

  it("skips a token list and token entries, but still checks the literal entries", () => {
    const t = tokens();
    expect(authorizedIpRanges("ranges", t.list)).toBeUndefined();
    expect(authorizedIpRanges("ranges", [t.str])).toBeUndefined();
    expect(authorizedIpRanges("ranges", [t.str, "0.0.0.0/0"])).toMatch(/must not contain or add up to a catch-all range/);
  });
});

describe("integerBetween", () => {
  it("accepts whole numbers at both bounds and between", () => {
    expect(integerBetween("retentionInDays", 30, 30, 730, "why")).toBeUndefined();
    expect(integerBetween("retentionInDays", 90, 30, 730, "why")).toBeUndefined();
    expect(integerBetween("retentionInDays", 730, 30, 730, "why")).toBeUndefined();
  });

  it.each([29, 731, 90.5, Number.NaN, -1])("rejects %d, naming the prop, the range, the reason and the value", (value) => {
    expect(integerBetween("retentionInDays", value, 30, 730, "Log Analytics' retention range")).toBe(
      `retentionInDays must be a whole number from 30 to 730 (Log Analytics' retention range); got ${value}.`,
    );
  });

  it("skips undefined and tokens", () => {
    expect(integerBetween("retentionInDays", undefined, 30, 730, "why")).toBeUndefined();
    expect(integerBetween("retentionInDays", tokens().num, 30, 730, "why")).toBeUndefined();
  });
});

describe("minNotAboveMax", () => {
  it("accepts min below or equal to max", () => {
    expect(minNotAboveMax("minCount", 1, "maxCount", 3)).toBeUndefined();
    expect(minNotAboveMax("minCount", 3, "maxCount", 3)).toBeUndefined();
  });

  it("rejects min above max, naming both props and values", () => {
    expect(minNotAboveMax("minCount", 5, "maxCount", 3)).toBe(
      "minCount (5) must not be greater than maxCount (3). Raise maxCount or lower minCount.",
    );
  });

  it("skips a missing or token bound", () => {
    const t = tokens();
    expect(minNotAboveMax("minCount", undefined, "maxCount", 3)).toBeUndefined();
    expect(minNotAboveMax("minCount", 5, "maxCount", undefined)).toBeUndefined();
    expect(minNotAboveMax("minCount", t.num, "maxCount", 3)).toBeUndefined();
    expect(minNotAboveMax("minCount", 5, "maxCount", t.num)).toBeUndefined();
  });
});

describe("availabilityZones", () => {
  it("accepts the three zones, a subset, and none", () => {
    expect(availabilityZones("zones", ["1", "2", "3"])).toBeUndefined();
    expect(availabilityZones("zones", ["2"])).toBeUndefined();
    expect(availabilityZones("zones", [])).toBeUndefined();
  });

  it.each(["0", "4", "zone1", ""])("rejects the zone '%s'", (zone) => {
    expect(availabilityZones("zones", ["1", zone])).toMatch(
      new RegExp(`^zones entries must be '1', '2' or '3' \\(Azure availability zones\\); got '${zone}'\\.`),
    );
  });

  it("rejects a repeated zone", () => {
    expect(availabilityZones("zones", ["1", "2", "1"])).toBe("zones lists zone '1' twice.");
  });

  it("skips a token list and token entries", () => {
    const t = tokens();
    expect(availabilityZones("zones", t.list)).toBeUndefined();
    expect(availabilityZones("zones", ["1", t.str])).toBeUndefined();
  });
});

describe("nonEmpty", () => {
  it("rejects an empty list with the prop and the fix", () => {
    expect(nonEmpty("adminGroupObjectIds", [], "pass a group.")).toBe("adminGroupObjectIds must not be empty: pass a group.");
  });

  it("accepts a non-empty list and a token list", () => {
    expect(nonEmpty("adminGroupObjectIds", ["x"], "pass a group.")).toBeUndefined();
    expect(nonEmpty("adminGroupObjectIds", tokens().list, "pass a group.")).toBeUndefined();
  });
});

describe("guid", () => {
  it.each(["00000000-0000-0000-0000-000000000000", "1b4e28ba-2fa1-11d2-883f-0016D3CCA427"])("accepts '%s'", (value) => {
    expect(guid("tenantId", value)).toBeUndefined();
  });

  it.each(["", "not-a-guid", "{00000000-0000-0000-0000-000000000000}", "00000000000000000000000000000000", "0000000-0000-0000-0000-000000000000g"])(
    "rejects '%s'",
    (value) => {
      expect(guid("tenantId", value)).toBe(
        `tenantId must be a GUID such as '00000000-0000-0000-0000-000000000000' (an Entra object or tenant id); got '${value}'.`,
      );
    },
  );

  it("skips undefined and tokens", () => {
    expect(guid("tenantId", undefined)).toBeUndefined();
    expect(guid("tenantId", tokens().str)).toBeUndefined();
  });
});

describe("the shared vocabulary for JavaScript callers", () => {
  it("oneOf names the prop, the allowed values, the value and a near miss", () => {
    expect(oneOf("osDiskType", "Managed" as string, ["Ephemeral", "Managed"])).toBeUndefined();
    expect(oneOf("osDiskType", "managed" as string, ["Ephemeral", "Managed"])).toBe(
      "osDiskType must be one of 'Ephemeral', 'Managed'; got 'managed'. Did you mean 'Managed'? Values are case-sensitive.",
    );
    expect(oneOf("osDiskType", 3 as unknown as string, ["Ephemeral", "Managed"])).toBe("osDiskType must be one of 'Ephemeral', 'Managed'; got 3.");
    expect(oneOf("osDiskType", Token.asString({ Ref: "x" }), ["Ephemeral", "Managed"])).toBeUndefined();
  });

  it.each([
    ["string", undefined, "got nothing (the prop is missing)"],
    ["string", null, "got null"],
    ["string", "  ", "got '  '"],
    ["string", 42, "got 42"],
    ["object", "x", "got 'x'"],
    ["object", [], "got []"],
    ["array", {}, "got {}"],
    ["number", "3", "got '3'"],
  ] as const)("required %s refuses %j", (kind, value, got) => {
    expect(required("network", value, kind, "EXAMPLE")).toBe(
      `network is required and must be ${kind === "string" ? "a non-empty string" : `${kind === "array" || kind === "object" ? "an" : "a"} ${kind}`}, e.g. EXAMPLE; got ${got.slice(4)}.`,
    );
  });

  it("required accepts the kind and tokens", () => {
    expect(required("name", "aks", "string", "'aks'")).toBeUndefined();
    expect(required("name", Token.asString({ Ref: "x" }), "string", "'aks'")).toBeUndefined();
    expect(required("ids", Token.asList({ Ref: "x" }), "array", "[]")).toBeUndefined();
    expect(required("props", {}, "object", "{}")).toBeUndefined();
  });

  it("reason takes a trimmed sentence or a token", () => {
    expect(reason("r", "because the team accepted it", "why")).toBeUndefined();
    expect(reason("r", Token.asString({ Ref: "x" }), "why")).toBeUndefined();
    expect(reason("r", " short ", "why", "remove it")).toBe(
      "r must say why, in at least 10 characters; got ' short '. Write the reason (it is recorded in the compliance report), or remove it.",
    );
  });

  it.each(["rg-aks", "rg_(prod).west", "rg-ünïcode"])("resource group '%s' is fine", (name) => {
    expect(resourceGroupName("resourceGroupName", name)).toBeUndefined();
  });
  it.each(["", "rg.", "rg/prod", "a".repeat(91)])("resource group '%s' is refused", (name) => {
    expect(resourceGroupName("resourceGroupName", name)).toMatch(/^resourceGroupName must be 1-90 letters/);
  });

  it("locations: the provider's form and the portal's form pass, empty and punctuated do not", () => {
    expect(azureLocation("location", "westeurope")).toBeUndefined();
    expect(azureLocation("location", "West Europe")).toBeUndefined();
    expect(normalizeLocation("West Europe")).toBe("westeurope");
    for (const bad of ["", " ", "west-europe", "westeurope.", "1westeurope"]) {
      expect(azureLocation("location", bad)).toMatch(/^location must be an Azure region name/);
    }
  });

  it("tags: names without reserved characters, values at most 256 characters, at most 50", () => {
    expect(tags("tags", { environment: "prod", "cost-center": "42" })).toBeUndefined();
    expect(tags("tags", { "a/b": "x" })).toMatch(/tag name 'a\/b' must be 1-128 characters/);
    expect(tags("tags", { "": "x" })).toMatch(/tag name '' must be/);
    expect(tags("tags", { owner: "x".repeat(257) })).toMatch(/tags.owner must be at most 256 characters/);
    expect(tags("tags", { owner: 3 as unknown as string })).toMatch(/tags.owner must be a string; got 3/);
    expect(tags("tags", Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])))).toMatch(/has 51 tags/);
    expect(tags("tags", "prod" as unknown as Record<string, string>)).toMatch(/must be an object of tag names/);
  });
});

describe("messages never contradict themselves for JavaScript values", () => {
  it("zones given as numbers are told to be strings, not that '1' must be '1'", () => {
    expect(availabilityZones("zones", [1, 2] as unknown as string[])).toBe(
      "zones[0] must be the string '1', not the number 1 (Azure takes zones as strings). Write zones as ['1', '2', '3'].",
    );
    expect(availabilityZones("zones", ["4"])).toMatch(/got '4'\./);
    expect(availabilityZones("zones", [4] as unknown as string[])).toMatch(/got 4\./);
    expect(availabilityZones("zones", "1" as unknown as string[])).toBe("zones must be a list of zones such as ['1', '2', '3']; got '1'.");
  });

  it("a whole number given as a string shows the quotes", () => {
    expect(integerBetween("maxPods", "168" as unknown as number, 10, 250, "Azure's range")).toBe(
      "maxPods must be a whole number from 10 to 250 (Azure's range); got '168'.",
    );
  });
});

describe("optionalOfKind", () => {
  it("passes a prop left out, and words a wrong kind as an optional prop's", () => {
    expect(optionalOfKind("quota", undefined, "object", "{ pods: 20 }")).toBeUndefined();
    expect(optionalOfKind("quota", { pods: 20 }, "object", "{ pods: 20 }")).toBeUndefined();
    expect(optionalOfKind("quota", 5, "object", "{ pods: 20 }")).toBe("quota must be an object when given, e.g. { pods: 20 }; got 5.");
    expect(optionalOfKind("name", "", "string", "'x'")).toBe("name must be a non-empty string when given, e.g. 'x'; got ''.");
  });

  it("passes a boolean or a number from a Terraform variable: a token is never judged", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    expect(optionalOfKind("runCommandEnabled", new TerraformVariable(stack, "b", { type: "bool" }).booleanValue, "boolean", "true or false")).toBeUndefined();
    expect(optionalOfKind("keySize", new TerraformVariable(stack, "n", { type: "number" }).numberValue, "number", "3072")).toBeUndefined();
    expect(optionalOfKind("runCommandEnabled", "true", "boolean", "true or false")).toBe("runCommandEnabled must be a boolean when given, e.g. true or false; got 'true'.");
  });
});
