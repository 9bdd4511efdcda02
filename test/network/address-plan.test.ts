import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
// Types of the cdktf jest matchers that test/setup.ts installs.
import type {} from "cdktf/lib/testing/adapters/jest";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ClusterNetwork, EnvironmentState, HardenedPlatform, PlatformEnvironments, ValidationError, type HardenedClusterProps } from "hardened-aks";
import {
  AKS_RESERVED_RANGES,
  clusterRangesApart,
  derivedDnsServiceIp,
  dnsServiceIpVerdict,
  environmentAddressPlanVerdicts,
  ipv4AddressOnly,
  ipv4CidrOnly,
  nodeSubnetHoldsPools,
  platformAddressPlanVerdicts,
  podCidrHoldsPools,
  podCidrVerdicts,
  rangesApart,
  serviceCidrVerdicts,
  smallestSpaceFor,
  surgeNodes,
  type EnvironmentAddressPlan,
  type PoolDemand,
} from "../../lib/network/address-plan";
import { PLACEMENT, only, synth, testCluster, testStack } from "../helpers";
import { platformProps } from "../platform/platform-props";

/** The first message of a list of verdicts, as throwIfInvalid would throw it. */
const first = (verdicts: ReadonlyArray<string | undefined>) => verdicts.find((v) => v !== undefined);

/** An unresolved string, as a Terraform variable gives it. */
const token = (name = "cidr") => new TerraformVariable(testStack(), name, { type: "string" }).stringValue;

describe("ipv4CidrOnly", () => {
  it.each([
    ["fd00::/48", "addressSpace must be an IPv4 CIDR: the library supports IPv4 only (single-stack IPv4 networks and clusters); got the IPv6 range 'fd00::/48'. Use an IPv4 range such as '10.240.0.0/16'."],
    ["::/0", "IPv4 only"],
    ["2001:db8::", "IPv4 only"],
    ["10.240.0.1/16", "addressSpace must be an IPv4 CIDR with no host bits set; got '10.240.0.1/16'. Did you mean '10.240.0.0/16'?"],
    ["10.240.0.0", "addressSpace must be an IPv4 CIDR with no host bits set, such as '10.240.0.0/16'; got '10.240.0.0'."],
    ["10.240.0.0/33", "got '10.240.0.0/33'"],
    ["010.240.0.0/16", "got '010.240.0.0/16'"],
    ["vnet", "got 'vnet'"],
  ])("refuses '%s'", (value, message) => {
    expect(ipv4CidrOnly("addressSpace", value)).toContain(message);
  });

  it("says an IPv6 range is refused because only IPv4 is supported, not that it is no CIDR", () => {
    expect(ipv4CidrOnly("podCidr", "fd12:3456::/64")).not.toMatch(/no host bits/);
  });

  it.each([
    [42, "42"],
    [null, "null"],
    [["10.0.0.0/16"], '["10.0.0.0/16"]'],
  ])("refuses a %p from a JavaScript caller, naming the prop and the value", (value, shown) => {
    expect(ipv4CidrOnly("serviceCidr", value, "10.0.0.0/16")).toBe(`serviceCidr must be an IPv4 CIDR such as '10.0.0.0/16'; got ${shown}.`);
  });

  it.each(["10.240.0.0/16", "0.0.0.0/0", "192.168.1.128/25", "10.0.0.7/32"])("accepts '%s'", (value) => {
    expect(ipv4CidrOnly("addressSpace", value)).toBeUndefined();
  });

  it("never checks a token", () => {
    expect(ipv4CidrOnly("addressSpace", token())).toBeUndefined();
  });
});

describe("ipv4AddressOnly", () => {
  it.each([
    ["fd00::10", "dnsServiceIp must be an IPv4 address: the library supports IPv4 only; got the IPv6 address 'fd00::10'. Use an IPv4 address such as '10.0.0.10'."],
    ["10.0.0", "dnsServiceIp must be an IPv4 address such as '10.0.0.10'; got '10.0.0'."],
    ["10.0.0.10/32", "got '10.0.0.10/32'"],
  ])("refuses '%s'", (value, message) => {
    expect(ipv4AddressOnly("dnsServiceIp", value, "10.0.0.10")).toContain(message);
  });

  it("accepts an address, and never checks a token", () => {
    expect(ipv4AddressOnly("dnsServiceIp", "10.0.0.10", "10.0.0.10")).toBeUndefined();
    expect(ipv4AddressOnly("dnsServiceIp", token(), "10.0.0.10")).toBeUndefined();
  });
});

describe("serviceCidrVerdicts", () => {
  // Limits from MicrosoftDocs/azure-aks-docs: the service range "must be smaller than /12"
  // (articles/aks/concepts-network-azure-cni-overlay.md) and the reserved ranges of
  // articles/aks/concepts-network-cni-overview.md ("AKS CNI networking prerequisites").
  it.each([
    ["10.0.0.0/12", "serviceCidr must be smaller than a /12 (AKS's limit for the Kubernetes service range); got '10.0.0.0/12' (1,048,576 addresses). Use a /13 or smaller: a /16 holds 65,536 services."],
    ["10.0.0.0/8", "must be smaller than a /12"],
    ["172.30.0.0/16", "serviceCidr '172.30.0.0/16' overlaps '172.30.0.0/16', which AKS reserves: AKS refuses a service range that touches 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, 192.0.2.0/24."],
    ["172.31.128.0/17", "overlaps '172.31.0.0/16', which AKS reserves"],
    ["169.254.0.0/20", "overlaps '169.254.0.0/16', which AKS reserves"],
    ["192.0.2.0/28", "overlaps '192.0.2.0/24', which AKS reserves"],
    ["172.28.0.0/14", "overlaps '172.30.0.0/16', which AKS reserves"],
    ["fd00::/108", "IPv4 only"],
    ["10.0.0.1/16", "Did you mean '10.0.0.0/16'?"],
  ])("refuses '%s'", (value, message) => {
    expect(first(serviceCidrVerdicts("serviceCidr", value))).toContain(message);
  });

  it.each(["10.0.0.0/16", "10.0.0.0/13", "192.168.0.0/20", "10.96.0.0/28", "172.29.0.0/16"])("accepts '%s'", (value) => {
    expect(first(serviceCidrVerdicts("serviceCidr", value))).toBeUndefined();
  });

  it("never checks a token", () => {
    expect(first(serviceCidrVerdicts("serviceCidr", token()))).toBeUndefined();
  });

  it("lists every range Microsoft reserves", () => {
    expect(AKS_RESERVED_RANGES).toEqual(["169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"]);
  });
});

describe("podCidrVerdicts", () => {
  it.each([
    // Microsoft's own example of a refused pod range (concepts-network-cni-overview.md).
    ["172.16.0.0/12", "podCidr '172.16.0.0/12' overlaps '172.30.0.0/16', which AKS reserves: AKS refuses a pod range"],
    ["10.244.0.0/25", "podCidr must be a /24 or larger: Azure CNI Overlay gives each node a /24 of it; got '10.244.0.0/25'."],
    ["fd00:10:244::/64", "IPv4 only"],
    ["pods", "podCidr must be an IPv4 CIDR with no host bits set, such as '10.244.0.0/16'; got 'pods'."],
  ])("refuses '%s'", (value, message) => {
    expect(first(podCidrVerdicts("podCidr", value))).toContain(message);
  });

  it.each(["10.244.0.0/16", "10.244.0.0/24", "100.64.0.0/10", "192.168.0.0/16"])("accepts '%s'", (value) => {
    expect(first(podCidrVerdicts("podCidr", value))).toBeUndefined();
  });

  it("never checks a token", () => {
    expect(first(podCidrVerdicts("podCidr", token()))).toBeUndefined();
  });
});

describe("dnsServiceIpVerdict", () => {
  const service = { prop: "serviceCidr", value: "10.0.0.0/16" };
  it.each([
    ["10.1.0.10", service, "dnsServiceIp must lie inside serviceCidr '10.0.0.0/16'; got '10.1.0.10'. Pick an address in that range (conventionally the .10 address, '10.0.0.10')."],
    [
      "10.1.0.10",
      { ...service, isDefault: true },
      "dnsServiceIp must lie inside serviceCidr '10.0.0.0/16'; got '10.1.0.10'. serviceCidr is not set, so its default applies: pick an address in it (conventionally the .10 address, '10.0.0.10'), or set serviceCidr to the range dnsServiceIp belongs to.",
    ],
    ["10.0.0.0", service, "dnsServiceIp must not be the network or broadcast address of serviceCidr '10.0.0.0/16'; got '10.0.0.0'."],
    ["10.0.255.255", service, "must not be the network or broadcast address"],
    ["10.0.0.1", service, "must not be the first address of serviceCidr '10.0.0.0/16' (Kubernetes gives it to the kubernetes.default service)"],
    ["fd00::a", service, "dnsServiceIp must be an IPv4 address: the library supports IPv4 only"],
    ["dns", service, "dnsServiceIp must be an IPv4 address such as '10.0.0.10'; got 'dns'."],
  ])("refuses '%s' in %j", (value, range, message) => {
    expect(dnsServiceIpVerdict("dnsServiceIp", value, range)).toContain(message);
  });

  it("refuses to leave a service range without a DNS address: azurerm refuses service_cidr without dns_service_ip", () => {
    // internal/services/containers/kubernetes_cluster_validate.go@v4.55.0:validateKubernetesCluster:
    // "`dns_service_ip` and `service_cidr` should all be empty or both should be set".
    expect(dnsServiceIpVerdict("dnsServiceIp", undefined, { prop: "serviceCidr", value: "10.0.0.0/29" })).toBe(
      "serviceCidr '10.0.0.0/29' has no .10 address, which the library gives the cluster DNS service when dnsServiceIp is not set (AKS needs both). Give serviceCidr a /28 or larger, or set dnsServiceIp to an address inside it.",
    );
  });

  it.each([
    ["10.0.0.10", "10.0.0.0/16"],
    ["10.0.0.2", "10.0.0.0/29"],
    [undefined, "10.0.0.0/28"],
    [undefined, "10.0.0.0/16"],
  ])("accepts %p in '%s'", (value, cidr) => {
    expect(dnsServiceIpVerdict("dnsServiceIp", value, { prop: "serviceCidr", value: cidr })).toBeUndefined();
  });

  it("never checks a token address or a token range", () => {
    expect(dnsServiceIpVerdict("dnsServiceIp", token(), service)).toBeUndefined();
    expect(dnsServiceIpVerdict("dnsServiceIp", "10.9.9.9", { prop: "serviceCidr", value: token() })).toBeUndefined();
    expect(dnsServiceIpVerdict("dnsServiceIp", undefined, { prop: "serviceCidr", value: token() })).toBeUndefined();
  });
});

describe("derivedDnsServiceIp", () => {
  it.each([
    ["10.0.0.0/16", "10.0.0.10"],
    ["172.20.16.0/20", "172.20.16.10"],
    ["10.96.0.0/28", "10.96.0.10"],
    ["10.96.0.0/29", undefined],
  ])("of '%s' is %p", (cidr, expected) => {
    expect(derivedDnsServiceIp(cidr)).toBe(expected);
  });

  // azurerm refuses one without the other: kubernetes_cluster_validate.go@v4.55.0:validateKubernetesCluster.
  it("of a token is Terraform's cidrhost(range, 10), so both always reach the provider", () => {
    const stack = testStack();
    const serviceCidr = new TerraformVariable(stack, "service_cidr", { type: "string" }).stringValue;
    testCluster(stack, { serviceCidr });
    const profile = only(synth(stack), "azurerm_kubernetes_cluster").network_profile;
    expect(profile.service_cidr).toBe("${var.service_cidr}");
    expect(profile.dns_service_ip).toBe("${cidrhost(var.service_cidr, 10)}");
  });
});

describe("surgeNodes", () => {
  it.each([
    [10, "33%", 4],
    [6, "33%", 2],
    [3, "33%", 1],
    [1, "1%", 1],
    [10, "100%", 10],
    [10, "3", 3],
    [10, "lots", 0],
  ])("of %p nodes with maxSurge '%s' is %p", (maxCount, maxSurge, expected) => {
    expect(surgeNodes(maxCount, maxSurge)).toBe(expected);
  });
});

describe("nodeSubnetHoldsPools", () => {
  const apps: PoolDemand = { prop: "userPools.apps", maxCount: 10, maxSurge: "33%" };
  const fix = "Give it a {prefix} or larger";

  it("refuses a subnet the pools outgrow at their peak, naming the pools, the sizes and the fix", () => {
    expect(nodeSubnetHoldsPools("the network's user nodes subnet", "10.240.0.0/28", [apps], fix)).toBe(
      "the network's user nodes subnet '10.240.0.0/28' holds 11 nodes (16 addresses less the 5 Azure keeps), but its pools reach 14 nodes during an upgrade (userPools.apps 10 + 4 surge; each node takes one address under Azure CNI Overlay). Give it a /27 or larger, or lower the pools' maxCount or maxSurge.",
    );
  });

  it.each([
    ["10.240.0.0/29", [{ prop: "systemPool", maxCount: 3, maxSurge: "1" }], "holds 3 nodes", "reach 4 nodes"],
    ["10.240.0.0/24", [{ ...apps, maxCount: 200 }, { prop: "userPools.batch", maxCount: 40, maxSurge: "10" }], "holds 251 nodes", "reach 316 nodes"],
  ])("refuses '%s' for %j", (cidr, pools, holds, reach) => {
    const verdict = nodeSubnetHoldsPools("subnet", cidr, pools, fix);
    expect(verdict).toContain(holds);
    expect(verdict).toContain(reach);
  });

  it.each([
    ["10.240.0.0/28", [{ ...apps, maxCount: 8 }]],
    ["10.240.0.0/24", [{ ...apps, maxCount: 188 }]],
    ["10.240.0.0/20", [apps, { prop: "userPools.batch", maxCount: 1000, maxSurge: "33%" }]],
  ])("accepts '%s' for %j", (cidr, pools) => {
    expect(nodeSubnetHoldsPools("subnet", cidr, pools, fix)).toBeUndefined();
  });

  it("leaves a count outside the pool's own rule to that rule", () => {
    expect(nodeSubnetHoldsPools("subnet", "10.240.0.0/29", [{ ...apps, maxCount: 5000 }], fix)).toBeUndefined();
    expect(nodeSubnetHoldsPools("subnet", "10.240.0.0/29", [{ ...apps, maxCount: 2.5 }], fix)).toBeUndefined();
  });

  it("never checks a token subnet or a token count", () => {
    expect(nodeSubnetHoldsPools("subnet", token(), [{ ...apps, maxCount: 5000 }], fix)).toBeUndefined();
    const count = new TerraformVariable(testStack(), "count", { type: "number" }).numberValue;
    expect(nodeSubnetHoldsPools("subnet", "10.240.0.0/29", [{ ...apps, maxCount: count }], fix)).toBeUndefined();
  });
});

describe("podCidrHoldsPools", () => {
  const pools: PoolDemand[] = [
    { prop: "systemPool", maxCount: 6, maxSurge: "33%" },
    { prop: "userPools.apps", maxCount: 10, maxSurge: "33%" },
  ];

  it("refuses a pod range without a /24 for every node at the peak", () => {
    expect(podCidrHoldsPools({ prop: "podCidr", value: "10.244.0.0/20" }, pools)).toBe(
      "podCidr '10.244.0.0/20' has room for 16 nodes (Azure CNI Overlay gives each node a /24 of it), but the pools reach 22 nodes during an upgrade (systemPool 6 + 2 surge, userPools.apps 10 + 4 surge). Give podCidr a /19 or larger, or lower the pools' maxCount or maxSurge.",
    );
  });

  it("says when the range is the default the user never set", () => {
    const big = [{ prop: "userPools.apps", maxCount: 1000, maxSurge: "10%" }];
    expect(podCidrHoldsPools({ prop: "podCidr", value: "10.244.0.0/16", isDefault: true }, big)).toMatch(
      /^podCidr '10\.244\.0\.0\/16' \(the default\) has room for 256 nodes.*reach 1100 nodes.*Give podCidr a \/13 or larger/,
    );
  });

  it.each(["10.244.0.0/19", "10.244.0.0/16", "10.0.0.0/8"])("accepts '%s'", (value) => {
    expect(podCidrHoldsPools({ prop: "podCidr", value }, pools)).toBeUndefined();
  });

  it("never checks a token", () => {
    expect(podCidrHoldsPools({ prop: "podCidr", value: token() }, pools)).toBeUndefined();
  });
});

describe("clusterRangesApart", () => {
  const service = { prop: "serviceCidr", value: "10.0.0.0/16", isDefault: true };
  const pod = { prop: "podCidr", value: "10.244.0.0/16" };
  it.each<[string, Array<{ prop: string; value: string }>, Array<{ prop: string; value: string }>, string]>([
    ["the pod range on the service range", [service, { ...pod, value: "10.0.128.0/17" }], [], "serviceCidr '10.0.0.0/16' (the default) overlaps podCidr '10.0.128.0/17'"],
    ["the service range on the VNet", [service, pod], [{ prop: "the network's address space", value: "10.0.0.0/8" }], "serviceCidr '10.0.0.0/16' (the default) overlaps the network's address space '10.0.0.0/8'"],
    ["the pod range on the hub", [service, pod], [{ prop: "addressPlan.hub", value: "10.244.3.0/24" }], "podCidr '10.244.0.0/16' overlaps addressPlan.hub '10.244.3.0/24': the Kubernetes service and pod ranges must not overlap each other, the cluster's network, the hub or any peered network. Pick ranges outside them (e.g. '172.16.0.0/16' is free)."],
  ])("refuses %s, suggesting a free range", (_, cluster, networks, message) => {
    expect(clusterRangesApart(cluster, networks)).toContain(message);
  });

  it("accepts ranges apart, and never checks a token", () => {
    expect(clusterRangesApart([service, pod], [{ prop: "addressPlan.spoke", value: "10.240.0.0/16" }])).toBeUndefined();
    expect(clusterRangesApart([{ ...service, value: token() }, pod], [{ prop: "addressPlan.hub", value: token("hub") }])).toBeUndefined();
  });
});

describe("rangesApart", () => {
  it("names both props and values, and leaves identical shared ranges alone when told", () => {
    const ranges = [
      { prop: "a", value: "10.0.0.0/16" },
      { prop: "b", value: "10.0.0.0/16" },
    ];
    expect(rangesApart(ranges, "fix.")).toBe("a '10.0.0.0/16' overlaps b '10.0.0.0/16': fix.");
    expect(rangesApart(ranges, "fix.", () => true)).toBeUndefined();
    expect(rangesApart([ranges[0], { prop: "c", value: "10.1.0.0/16" }, { prop: "t", value: token() }], "fix.")).toBeUndefined();
  });
});

describe("smallestSpaceFor", () => {
  it.each([
    [[24, 20, 24, 24, 28], 19],
    [[24], 24],
    [[25, 25], 24],
    [[25, 25, 28], 23],
  ])("of %j is /%p", (prefixes, expected) => {
    expect(smallestSpaceFor(prefixes)).toBe(expected);
  });
});

describe("environmentAddressPlanVerdicts", () => {
  const env = (name: string, spoke: string, hub?: string): EnvironmentAddressPlan => ({ name, addressPlan: { spoke, ...(hub ? { hub } : {}) } });

  it.each<[string, EnvironmentAddressPlan[], string]>([
    ["an IPv6 spoke", [env("dev", "fd00::/48")], "environments[0].addressPlan.spoke must be an IPv4 CIDR: the library supports IPv4 only"],
    ["an IPv6 hub", [env("dev", "10.240.0.0/16", "fd00::/64")], "environments[0].addressPlan.hub must be an IPv4 CIDR: the library supports IPv4 only"],
    ["a spoke in a reserved range", [env("dev", "10.240.0.0/16"), env("prod", "172.31.0.0/16")], "environments[1].addressPlan.spoke '172.31.0.0/16' overlaps '172.31.0.0/16', which AKS reserves: AKS refuses a cluster virtual network range"],
    [
      "a hub inside its spoke",
      [env("prod", "10.240.0.0/16", "10.240.1.0/24")],
      "environments[0].addressPlan.spoke '10.240.0.0/16' overlaps environments[0].addressPlan.hub '10.240.1.0/24': in environment 'prod' the spoke and the hub are peered, so they need distinct ranges. Give the hub a range outside the spoke.",
    ],
    [
      "a spoke inside another environment's hub",
      [env("dev", "10.240.0.0/16", "10.200.0.0/16"), env("prod", "10.200.8.0/21", "10.201.0.0/24")],
      "environments[0].addressPlan.hub '10.200.0.0/16' overlaps environments[1].addressPlan.spoke '10.200.8.0/21': peered environments ('dev', 'prod') need distinct ranges",
    ],
    [
      "two hubs that overlap without being the same",
      [env("dev", "10.240.0.0/16", "10.200.0.0/24"), env("prod", "10.241.0.0/16", "10.200.0.0/23")],
      "environments[0].addressPlan.hub '10.200.0.0/24' overlaps environments[1].addressPlan.hub '10.200.0.0/23'",
    ],
    ["a spoke that is the same as another's", [env("dev", "10.240.0.0/16"), env("prod", "10.240.0.0/16")], "environments[0].addressPlan.spoke '10.240.0.0/16' overlaps environments[1].addressPlan.spoke '10.240.0.0/16'"],
    ["no address plan (JavaScript)", [{ name: "dev", addressPlan: undefined }], "environments[0].addressPlan is required and must be an object, e.g. { spoke: '10.240.0.0/16', hub: '10.200.0.0/24' }; got nothing (the prop is missing)."],
    ["a spoke of null (JavaScript)", [{ name: "dev", addressPlan: { spoke: null } as never }], "environments[0].addressPlan.spoke is required and must be a non-empty string, e.g. '10.240.0.0/16'; got null."],
  ])("refuses %s", (_, envs, message) => {
    expect(first(environmentAddressPlanVerdicts(envs, true))).toContain(message);
  });

  it.each<[string, EnvironmentAddressPlan[]]>([
    ["one hub per environment", [env("dev", "10.240.0.0/16", "10.200.0.0/24"), env("prod", "10.241.0.0/16", "10.200.1.0/24")]],
    ["one hub shared by every environment, named the same in each", [env("dev", "10.240.0.0/16", "10.200.0.0/24"), env("prod", "10.241.0.0/16", "10.200.0.0/24")]],
    ["tokens", [env("dev", token("a"), token("b")), env("prod", token("c"))]],
  ])("accepts %s", (_, envs) => {
    expect(first(environmentAddressPlanVerdicts(envs, true))).toBeUndefined();
  });

  it("lets environments that are never peered reuse ranges, but still checks each one", () => {
    expect(first(environmentAddressPlanVerdicts([env("dev", "10.240.0.0/16"), env("prod", "10.240.0.0/16")], false))).toBeUndefined();
    expect(first(environmentAddressPlanVerdicts([env("dev", "10.240.0.0/16", "10.240.0.0/24")], false))).toMatch(/in environment 'dev' the spoke and the hub are peered/);
  });
});

describe("platformAddressPlanVerdicts", () => {
  const plan = { spoke: "10.240.0.0/16", hub: "10.200.0.0/24" };
  it.each<[string, Parameters<typeof platformAddressPlanVerdicts>[0], string]>([
    ["an IPv6 spoke", { addressPlan: { spoke: "fd00::/48" }, createsSpoke: true }, "addressPlan.spoke must be an IPv4 CIDR: the library supports IPv4 only"],
    ["a hub overlapping the spoke", { addressPlan: { spoke: "10.240.0.0/16", hub: "10.240.255.0/24" }, createsSpoke: true }, "addressPlan.spoke '10.240.0.0/16' overlaps addressPlan.hub '10.240.255.0/24': the spoke and the hub are peered"],
    ["a spoke in a reserved range", { addressPlan: { spoke: "192.0.2.0/24" }, createsSpoke: true }, "addressPlan.spoke '192.0.2.0/24' overlaps '192.0.2.0/24', which AKS reserves"],
    [
      "a service range on the hub",
      { addressPlan: plan, createsSpoke: true, cluster: { serviceCidr: "10.200.0.0/16" } },
      "cluster.serviceCidr '10.200.0.0/16' overlaps addressPlan.hub '10.200.0.0/24': the Kubernetes service and pod ranges must not overlap each other, the cluster's network, the hub or any peered network.",
    ],
    ["the default pod range on the hub", { addressPlan: { spoke: "10.240.0.0/16", hub: "10.244.10.0/24" }, createsSpoke: true }, "cluster.podCidr '10.244.0.0/16' (the default) overlaps addressPlan.hub '10.244.10.0/24'"],
    ["no address plan (JavaScript)", { addressPlan: undefined, createsSpoke: true }, "addressPlan is required and must be an object"],
  ])("refuses %s", (_, input, message) => {
    expect(first(platformAddressPlanVerdicts(input))).toContain(message);
  });

  it("accepts the quickstart's plan and tokens", () => {
    expect(first(platformAddressPlanVerdicts({ addressPlan: plan, createsSpoke: true }))).toBeUndefined();
    expect(first(platformAddressPlanVerdicts({ addressPlan: { spoke: token("s"), hub: token("h") }, createsSpoke: false, cluster: { serviceCidr: token("c") } }))).toBeUndefined();
  });
});

describe("HardenedCluster address plan", () => {
  const rejects = (overrides: Partial<HardenedClusterProps>, message: string | RegExp, build?: (stack: TerraformStack) => Partial<HardenedClusterProps>) => {
    const stack = testStack();
    expect(() => testCluster(stack, { ...build?.(stack), ...overrides })).toThrow(message);
  };
  const smallUserSubnet = (stack: TerraformStack) => ({
    network: new ClusterNetwork(stack, "Network", { ...PLACEMENT, name: "vnet-test", addressSpace: "10.240.0.0/16", subnets: { userNodes: { prefixLength: 28 } } }),
  });

  it("refuses user pools that outgrow the user nodes subnet, naming the subnet, the pools and both fixes", () => {
    rejects(
      {},
      "the network's user nodes subnet '10.240.3.16/28' holds 11 nodes (16 addresses less the 5 Azure keeps), but its pools reach 14 nodes during an upgrade (userPools.apps 10 + 4 surge; each node takes one address under Azure CNI Overlay). Give it a /27 or larger (subnets.userNodes.prefixLength or subnets.userNodes.cidr of the network), or lower the pools' maxCount or maxSurge. (at test/Cluster)",
      smallUserSubnet,
    );
  });

  it("accepts the same subnet for pools that fit it", () => {
    const stack = testStack();
    expect(() => testCluster(stack, { ...smallUserSubnet(stack), userPools: { apps: { vmSize: "Standard_D4ds_v5", maxCount: 8, maxSurge: "1" } } })).not.toThrow();
  });

  it("refuses a system pool that outgrows its subnet", () => {
    rejects(
      { systemPool: { maxCount: 30 } },
      /^the network's system nodes subnet '10\.240\.18\.0\/27' holds 27 nodes.*reach 40 nodes during an upgrade \(systemPool 30 \+ 10 surge/,
      (stack) => ({ network: new ClusterNetwork(stack, "Network", { ...PLACEMENT, name: "vnet-test", addressSpace: "10.240.0.0/16", subnets: { systemNodes: { prefixLength: 27 } } }) }),
    );
  });

  it("sums every pool of a brought network whose pools share one subnet", () => {
    const subnetId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/nodes";
    const network = ClusterNetwork.fromExisting({
      virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
      systemNodesSubnetId: subnetId,
      userNodesSubnetId: subnetId,
      addressSpaces: ["10.240.0.0/16"],
      subnetCidrs: { systemNodes: "10.240.0.0/27", userNodes: "10.240.0.0/27" },
    });
    // 6 + 2 (system) and 10 + 4 (apps) = 22 nodes fit 27 addresses; a second pool does not.
    expect(() => testCluster(testStack(), { network })).not.toThrow();
    rejects(
      { network, userPools: { apps: { vmSize: "Standard_D4ds_v5" }, batch: { vmSize: "Standard_D4ds_v5", maxCount: 5 } } },
      /the network's node subnet \(shared by the system and user pools\) '10\.240\.0\.0\/27' holds 27 nodes.*reach 29 nodes/,
    );
  });

  it("refuses a pod range too small for the pools, naming the default when the user set none", () => {
    rejects({ podCidr: "10.244.0.0/20" }, /^podCidr '10\.244\.0\.0\/20' has room for 16 nodes.*reach 22 nodes.*Give podCidr a \/19 or larger/);
    rejects({ userPools: { apps: { vmSize: "Standard_D4ds_v5", maxCount: 1000 } } }, /^podCidr '10\.244\.0\.0\/16' \(the default\) has room for 256 nodes/);
  });

  it.each<[string, Partial<HardenedClusterProps>, string | RegExp]>([
    ["an IPv6 service range", { serviceCidr: "fd00::/108" }, "serviceCidr must be an IPv4 CIDR: the library supports IPv4 only"],
    ["an IPv6 pod range", { podCidr: "fd00:10:244::/64" }, "podCidr must be an IPv4 CIDR: the library supports IPv4 only"],
    ["an IPv6 DNS address", { dnsServiceIp: "fd00::a" }, "dnsServiceIp must be an IPv4 address: the library supports IPv4 only"],
    ["a service range larger than AKS allows", { serviceCidr: "10.0.0.0/11" }, "serviceCidr must be smaller than a /12"],
    ["a reserved service range", { serviceCidr: "172.30.0.0/16" }, "serviceCidr '172.30.0.0/16' overlaps '172.30.0.0/16', which AKS reserves"],
    ["a reserved pod range", { podCidr: "169.254.0.0/16" }, "podCidr '169.254.0.0/16' overlaps '169.254.0.0/16', which AKS reserves"],
    ["a service range with no .10 and no DNS address", { serviceCidr: "10.0.0.0/29" }, "serviceCidr '10.0.0.0/29' has no .10 address"],
    ["a service range on the default pod range", { serviceCidr: "10.244.0.0/20" }, "serviceCidr '10.244.0.0/20' overlaps podCidr '10.244.0.0/16' (the default)"],
    ["a service range given as a number (JavaScript)", { serviceCidr: 16 as never }, "serviceCidr must be an IPv4 CIDR such as '10.0.0.0/16'; got 16."],
    ["a pod range given as an object (JavaScript)", { podCidr: { cidr: "10.244.0.0/16" } as never }, `podCidr must be an IPv4 CIDR such as '10.244.0.0/16'; got {"cidr":"10.244.0.0/16"}.`],
  ])("refuses %s", (_, overrides, message) => {
    rejects(overrides, message);
  });

  it("accepts a small service range with its own DNS address, and writes both", () => {
    const stack = testStack();
    testCluster(stack, { serviceCidr: "10.0.0.0/29", dnsServiceIp: "10.0.0.2" });
    const profile = only(synth(stack), "azurerm_kubernetes_cluster").network_profile;
    expect([profile.service_cidr, profile.dns_service_ip]).toEqual(["10.0.0.0/29", "10.0.0.2"]);
  });

  it("checks nothing of tokens and writes them through", () => {
    const stack = testStack();
    const v = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const network = ClusterNetwork.fromExisting({
      virtualNetworkId: v("vnet"),
      systemNodesSubnetId: v("system"),
      userNodesSubnetId: v("user"),
      addressSpaces: [v("space")],
      subnetCidrs: { systemNodes: v("system_cidr"), userNodes: v("user_cidr") },
    });
    testCluster(stack, { network, serviceCidr: v("service"), podCidr: v("pod"), userPools: { apps: { vmSize: "Standard_D4ds_v5", maxCount: 1000 } } });
    const profile = only(synth(stack), "azurerm_kubernetes_cluster").network_profile;
    expect(profile.pod_cidr).toBe("${var.pod}");
    expect(profile.dns_service_ip).toBe("${cidrhost(var.service, 10)}");
  });
});

describe("ClusterNetwork address plan", () => {
  const build = (props: Record<string, unknown>) => () => new ClusterNetwork(testStack(), "Network", { ...PLACEMENT, name: "vnet-test", addressSpace: "10.240.0.0/16", ...props } as never);

  it("blames a too-small address space on the address space, with the size it needs, not on a prefix length the user never set", () => {
    const message = "addressSpace '10.240.0.0/24' is too small for the subnet layout (systemNodes /24 (default), userNodes /20 (default), applicationGateway /24 (default), privateEndpoints /24 (default), apiServer /28 (default)). Give addressSpace a /19 or larger, or carve smaller subnets through subnets.<role>.prefixLength. (at test/Network)";
    expect(build({ addressSpace: "10.240.0.0/24" })).toThrow(message);
    expect(build({ addressSpace: "10.240.0.0/24" })).not.toThrow(/prefixLength must be/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    // "The minimum supported API server subnet size is /28" (articles/aks/api-server-vnet-integration.md).
    ["an API server subnet of /29", { subnets: { apiServer: { cidr: "10.240.200.0/29" } } }, "subnets.apiServer.cidr must be a /28 or larger: API Server VNet Integration needs a delegated subnet of at least /28 (Microsoft's minimum); got '10.240.200.0/29'."],
    ["an API server prefix length of 29", { subnets: { apiServer: { prefixLength: 29 } } }, "subnets.apiServer.prefixLength must be a whole number from 16 to 28 (API Server VNet Integration needs a delegated subnet of at least /28, and a subnet cannot be larger than addressSpace '10.240.0.0/16'); got 29."],
    ["an address space in a reserved range", { addressSpace: "172.30.0.0/16" }, "addressSpace '172.30.0.0/16' overlaps '172.30.0.0/16', which AKS reserves: AKS refuses a cluster virtual network range"],
    ["an IPv6 address space", { addressSpace: "fd00::/48" }, "addressSpace must be an IPv4 CIDR: the library supports IPv4 only"],
    ["an IPv6 subnet", { subnets: { userNodes: { cidr: "fd00::/64" } } }, "subnets.userNodes.cidr must be an IPv4 CIDR: the library supports IPv4 only"],
    ["no address space (JavaScript)", { addressSpace: undefined }, "addressSpace is required and must be a non-empty string, e.g. '10.240.0.0/16'; got nothing (the prop is missing)."],
    ["an address space of null (JavaScript)", { addressSpace: null }, "addressSpace is required and must be a non-empty string, e.g. '10.240.0.0/16'; got null."],
    ["an address space given as a list (JavaScript)", { addressSpace: ["10.240.0.0/16"] }, `addressSpace is required and must be a non-empty string, e.g. '10.240.0.0/16'; got ["10.240.0.0/16"].`],
    ["no name (JavaScript)", { name: undefined }, "name is required and must be a non-empty string, e.g. 'vnet-aks-prod'; got nothing (the prop is missing)."],
  ])("refuses %s", (_, props, message) => {
    expect(build(props)).toThrow(message);
    expect(build(props)).toThrow(ValidationError);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an API server subnet of /28", { subnets: { apiServer: { cidr: "10.240.200.0/28" } } }],
    ["an API server prefix length of 27", { subnets: { apiServer: { prefixLength: 27 } } }],
    ["a /19, which holds the default layout", { addressSpace: "10.240.0.0/19" }],
    ["a shared-address-space range", { addressSpace: "100.64.0.0/16" }],
  ])("accepts %s", (_, props) => {
    expect(build(props)).not.toThrow();
  });

  it("exposes its subnets' ranges to the cluster's checks", () => {
    const net = build({})();
    expect(net.subnetCidrs.userNodes).toBe("10.240.0.0/20");
  });
});

describe("ClusterNetwork.fromExisting subnet ranges", () => {
  const ids = {
    virtualNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v",
    systemNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/system",
    userNodesSubnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/user",
    addressSpaces: ["10.240.0.0/16"],
  };
  it.each<[string, Record<string, string>, string]>([
    ["an API server subnet smaller than a /28", { apiServer: "10.240.9.0/29" }, "ClusterNetwork.fromExisting: subnetCidrs.apiServer must be a /28 or larger"],
    ["a subnet outside the VNet", { userNodes: "10.9.0.0/20" }, "ClusterNetwork.fromExisting: subnetCidrs.userNodes '10.9.0.0/20' lies outside every addressSpaces entry ('10.240.0.0/16')."],
    ["an IPv6 subnet", { userNodes: "fd00::/64" }, "subnetCidrs.userNodes must be an IPv4 CIDR: the library supports IPv4 only"],
    ["a role that does not exist", { nodes: "10.240.0.0/20" }, "subnetCidrs has no role named 'nodes'."],
  ])("refuses %s", (_, subnetCidrs, message) => {
    expect(() => ClusterNetwork.fromExisting({ ...ids, subnetCidrs })).toThrow(message);
  });

  it("refuses an address space in a reserved range", () => {
    expect(() => ClusterNetwork.fromExisting({ ...ids, addressSpaces: ["172.31.0.0/16"] })).toThrow("addressSpaces[0] '172.31.0.0/16' overlaps '172.31.0.0/16', which AKS reserves");
  });

  it("accepts subnets inside the VNet, and passes them to the cluster", () => {
    const net = ClusterNetwork.fromExisting({ ...ids, subnetCidrs: { userNodes: "10.240.0.0/20", apiServer: "10.240.16.0/28" } });
    expect(net.subnetCidrs).toEqual({ userNodes: "10.240.0.0/20", apiServer: "10.240.16.0/28" });
  });
});

describe("HardenedPlatform address plan", () => {
  const platform = (overrides: Parameters<typeof platformProps>[0]) => () => {
    const app = Testing.app();
    return new HardenedPlatform(new TerraformStack(app, "prod"), platformProps(overrides));
  };

  it("names addressPlan.spoke when the spoke is too small for the network's layout", () => {
    expect(platform({ addressPlan: { spoke: "10.240.0.0/24", hub: "10.200.0.0/24" } })).toThrow(
      /^addressPlan\.spoke '10\.240\.0\.0\/24' is too small for the subnet layout \(.*\)\. Give addressPlan\.spoke a \/19 or larger.* \(at prod\/Default\)$/,
    );
  });

  it.each<[string, Parameters<typeof platformProps>[0], string]>([
    ["a service range on the hub", { cluster: { serviceCidr: "10.200.0.0/16" } }, "cluster.serviceCidr '10.200.0.0/16' overlaps addressPlan.hub '10.200.0.0/24'"],
    ["a hub on the default pod range", { addressPlan: { spoke: "10.240.0.0/16", hub: "10.244.0.0/24" } }, "cluster.podCidr '10.244.0.0/16' (the default) overlaps addressPlan.hub '10.244.0.0/24'"],
    ["a hub inside the spoke", { addressPlan: { spoke: "10.240.0.0/16", hub: "10.240.128.0/24" } }, "addressPlan.spoke '10.240.0.0/16' overlaps addressPlan.hub '10.240.128.0/24'"],
    ["an IPv6 hub", { addressPlan: { spoke: "10.240.0.0/16", hub: "fd00::/64" } }, "addressPlan.hub must be an IPv4 CIDR: the library supports IPv4 only"],
    ["no address plan (JavaScript)", { addressPlan: undefined as never }, "addressPlan is required and must be an object"],
  ])("refuses %s", (_, overrides, message) => {
    expect(platform(overrides)).toThrow(message);
  });

  it("builds the quickstart's plan", () => {
    expect(platform({})).not.toThrow();
  });

  it("carves no layout from the spoke of a brought network, so a small spoke is the network owner's", () => {
    const vnet = "/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke";
    const existing = {
      virtualNetworkId: vnet,
      virtualNetworkName: "vnet-spoke",
      resourceGroupName: "rg-net",
      systemNodesSubnetId: `${vnet}/subnets/system`,
      userNodesSubnetId: `${vnet}/subnets/user`,
      applicationGatewaySubnetId: `${vnet}/subnets/appgw`,
      privateEndpointsSubnetId: `${vnet}/subnets/endpoints`,
      apiServerSubnetId: `${vnet}/subnets/api`,
    };
    expect(platform({ addressPlan: { spoke: "10.240.0.0/22", hub: "10.200.0.0/24" }, network: { existing } })).not.toThrow();
  });
});

describe("PlatformEnvironments address plan", () => {
  const state = EnvironmentState.azurerm({ resourceGroupName: "rg-tfstate", storageAccountName: "sttfstate", containerName: "tfstate" });
  const environments = (plans: Array<{ spoke: string; hub?: string }>) => () =>
    new PlatformEnvironments(new App(), {
      environments: plans.map((addressPlan, i) => ({ name: ["dev", "prod"][i], addressPlan, sizing: {}, state })),
      define: (e) => {
        new AzurermProvider(e.stack("platform"), "azurerm", { features: [{}] });
      },
    });

  it("names environments[<i>].addressPlan.<field> in its messages", () => {
    expect(environments([{ spoke: "10.240.0.0/16" }, { spoke: "fd00::/48" }])).toThrow(/^environments\[1\]\.addressPlan\.spoke must be an IPv4 CIDR: the library supports IPv4 only/);
    expect(environments([{ spoke: "10.240.0.0/16" }, { spoke: "172.30.0.0/16" }])).toThrow(/^environments\[1\]\.addressPlan\.spoke '172\.30\.0\.0\/16' overlaps '172\.30\.0\.0\/16', which AKS reserves/);
  });

  it("lets peered environments share one hub", () => {
    expect(environments([{ spoke: "10.240.0.0/16", hub: "10.200.0.0/24" }, { spoke: "10.241.0.0/16", hub: "10.200.0.0/24" }])).not.toThrow();
  });

  it("refuses a spoke on the shared hub, naming the environment", () => {
    expect(environments([{ spoke: "10.240.0.0/16", hub: "10.200.0.0/24" }, { spoke: "10.200.0.0/16", hub: "10.200.0.0/24" }])).toThrow(
      /^environments\[1\]\.addressPlan\.spoke '10\.200\.0\.0\/16' overlaps environments\[1\]\.addressPlan\.hub '10\.200\.0\.0\/24': in environment 'prod'/,
    );
  });

  it("refuses a spoke on another environment's hub", () => {
    expect(environments([{ spoke: "10.240.0.0/16", hub: "10.200.0.0/24" }, { spoke: "10.200.0.0/20", hub: "10.201.0.0/24" }])).toThrow(
      /^environments\[0\]\.addressPlan\.hub '10\.200\.0\.0\/24' overlaps environments\[1\]\.addressPlan\.spoke '10\.200\.0\.0\/20': peered environments \('dev', 'prod'\)/,
    );
  });
});
