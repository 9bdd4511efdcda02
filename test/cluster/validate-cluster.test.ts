// The cluster's verdicts as pure functions: the exact messages, the values each lets
// through, and tokens. The construct-level tables are in validation.test.ts.
import { Token } from "cdktf";
import { apiServerDnsZoneName, madeByFactory, nodeLabels, nodeOsSku, taint, vmSize, zoneStrings } from "../../lib/cluster/validate-cluster";

const token = Token.asString({ Ref: "x" });

describe("vmSize", () => {
  test("names the prop, the value and the fix", () => {
    expect(vmSize("pool.vmSize", "big", "Ephemeral", "pool.osDiskType")).toBe(
      "pool.vmSize must be an Azure VM size name such as 'Standard_D4ds_v5', 'Standard_NC24ads_A100_v4' or 'Standard_B2s'; got 'big'. 'az vm list-sizes --location <region> -o table' lists them.",
    );
    expect(vmSize("pool.vmSize", "Standard_D4as_v5", "Ephemeral", "pool.osDiskType")).toBe(
      "pool.vmSize 'Standard_D4as_v5' has no local temp disk and no cache disk (a v5 size without 'd' in its features), so it cannot hold pool.osDiskType 'Ephemeral' (the default): AKS would refuse the pool. Pick the 'd' size ('Standard_D4ads_v5'), or set pool.osDiskType to 'Managed'.",
    );
  });

  test("refuses only sizes that certainly have no disk for an ephemeral OS disk", () => {
    const refused = ["Standard_D2_v5", "Standard_E64-16s_v5", "Standard_DC4as_v5", "Standard_D4pls_v5", "Standard_E4s_v6"];
    const kept = ["Standard_D2d_v5", "Standard_E64-16ds_v5", "Standard_D4plds_v5", "Standard_D4s_v4", "Standard_E4s_v3", "Standard_NC40ads_H100_v5", "Standard_ND96isr_H100_v5", "Standard_L8s_v3", "Standard_M128s"];
    for (const size of refused) expect(vmSize("v", size, "Ephemeral", "o")).toMatch(/has no local temp disk/);
    for (const size of [...kept, ...refused]) {
      if (kept.includes(size)) expect(vmSize("v", size, "Ephemeral", "o")).toBeUndefined();
      expect(vmSize("v", size, "Managed", "o")).toBeUndefined();
    }
    expect(vmSize("v", token, "Ephemeral", "o")).toBeUndefined();
  });
});

describe("nodeOsSku", () => {
  test("says why a retired image is refused, and lets a token through", () => {
    expect(nodeOsSku("osSku", "CBLMariner")).toBe(
      "osSku 'CBLMariner' is Azure Linux 2.0, which AKS stopped supporting and patching on 2025-11-30. Use 'AzureLinux' (the default: Azure Linux 3.0 from Kubernetes 1.32) or 'Ubuntu'.",
    );
    expect(nodeOsSku("osSku", "Fedora")).toMatch(/^osSku must be one of 'AzureLinux', 'AzureLinux3', 'Ubuntu', 'Ubuntu2204'; got 'Fedora'\./);
    expect(nodeOsSku("osSku", token)).toBeUndefined();
    expect(nodeOsSku("osSku", undefined)).toBeUndefined();
  });
});

describe("nodeLabels", () => {
  test("refuses AKS's reserved prefixes and non-string values, and defers the syntax to the Kubernetes rule", () => {
    expect(nodeLabels("labels", { "kubernetes.azure.com/mode": "x" })).toBe(
      "labels label 'kubernetes.azure.com/mode' uses the prefix 'kubernetes.azure.com/', which AKS reserves for the labels it sets on nodes. Use a prefix of your own, e.g. 'example.com/mode', or no prefix.",
    );
    expect(nodeLabels("labels", { n: 1 } as never)).toBe("labels['n'] must be a string (Kubernetes label values are strings); got 1. Quote it, e.g. '1'.");
    expect(nodeLabels("labels", { "-x": "y" })).toMatch(/^labels has an invalid label key '-x'/);
    expect(nodeLabels("labels", { "topology.example.com/zone": "a", [token]: token })).toBeUndefined();
    expect(nodeLabels("labels", Token.asAny({ Ref: "labels" }) as never)).toBeUndefined();
  });
});

describe("taint", () => {
  test("tells a bad effect from a bad format", () => {
    expect(taint("t", "a=b:noexecute")).toBe("t has the effect 'noexecute' in 'a=b:noexecute'; a taint's effect must be NoSchedule, PreferNoSchedule or NoExecute (did you mean 'NoExecute'? Effects are case-sensitive).");
    expect(taint("t", "a=b")).toBe("t must be a Kubernetes taint 'key=value:Effect' with Effect NoSchedule, PreferNoSchedule or NoExecute, e.g. 'sku=gpu:NoSchedule'; got 'a=b'.");
    expect(taint("t", `a=${"v".repeat(64)}:NoSchedule`)).toMatch(/must be a Kubernetes taint/);
    expect(taint("t", "example.com/a=b:NoSchedule")).toBeUndefined();
    expect(taint("t", "a=:NoSchedule")).toBeUndefined();
    expect(taint("t", token)).toBeUndefined();
  });
});

describe("zoneStrings", () => {
  test("says numbers must be strings, without contradicting itself", () => {
    expect(zoneStrings("zones", [1, 2])).toBe("zones[0] must be the string '1', not 1: Azure availability zones are strings ('1', '2', '3'). Write zones as [\"1\",\"2\"].");
    expect(zoneStrings("zones", ["1", "2"])).toBeUndefined();
    expect(zoneStrings("zones", Token.asList({ Ref: "zones" }))).toBeUndefined();
    expect(zoneStrings("zones", undefined)).toBeUndefined();
  });
});

describe("apiServerDnsZoneName", () => {
  const id = (name: string) => `/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateDnsZones/${name}`;
  test("takes the region's privatelink zone or a subzone, and private.* only with VNet integration", () => {
    expect(apiServerDnsZoneName("z", id("privatelink.westeurope.azmk8s.io"), "West Europe", false)).toBeUndefined();
    expect(apiServerDnsZoneName("z", id("x1.privatelink.westeurope.azmk8s.io"), "westeurope", false)).toBeUndefined();
    expect(apiServerDnsZoneName("z", id("private.westeurope.azmk8s.io"), "westeurope", true)).toBeUndefined();
    expect(apiServerDnsZoneName("z", id("private.westeurope.azmk8s.io"), "westeurope", false)).toBe(
      "z names the zone 'private.westeurope.azmk8s.io'; AKS takes only 'privatelink.westeurope.azmk8s.io' or '<subzone>.privatelink.westeurope.azmk8s.io' for a private cluster in 'westeurope'. Create a zone with that name, or omit the id for one the library creates.",
    );
    expect(apiServerDnsZoneName("z", id("privatelink.westeurope.azmk8s.io"), token, false)).toBeUndefined();
    expect(apiServerDnsZoneName("z", token, "westeurope", false)).toBeUndefined();
  });
});

test("madeByFactory words factory-made props", () => {
  expect(madeByFactory("egress", { _bind: () => ({}) }, "F()")).toBeUndefined();
  expect(madeByFactory("egress", {}, "F()")).toBe("egress is required and must be made by F(); got {}.");
});
