// Node pool options are the same wherever a pool is declared: in `userPools` or through
// `addNodePool`. Taints and tags change a pool in place: neither is among the properties
// whose change cycles the pool (kubernetes_cluster_node_pool_resource.go@v4.55.0,
// resourceKubernetesClusterNodePoolUpdate, cycleNodePoolProperties L960-976).
import { ValidationError } from "hardened-aks";
import { only, resources, synth, testCluster, testStack } from "../helpers";

describe("user pools declared in userPools and through addNodePool", () => {
  test("take the same options, taints included", () => {
    const stack = testStack();
    const cluster = testCluster(stack, { userPools: { gpu: { vmSize: "Standard_NC4as_T4_v3", minCount: 0, taints: ["sku=gpu:NoSchedule"] } } });
    cluster.addNodePool("batch", { vmSize: "Standard_D4ds_v5", taints: ["dedicated=batch:NoExecute"] });
    const pools = Object.fromEntries(resources(synth(stack), "azurerm_kubernetes_cluster_node_pool").map((p) => [p.name, p]));
    expect(pools.gpu.node_taints).toEqual(["sku=gpu:NoSchedule"]);
    expect(pools.batch.node_taints).toEqual(["dedicated=batch:NoExecute"]);
  });

  test.each([
    ["no effect", "sku=gpu"],
    ["a space in the key", "my sku=gpu:NoSchedule"],
  ])("reject a taint with %s, naming the pool's prop", (_name, taint) => {
    const build = () => testCluster(testStack(), { userPools: { gpu: { vmSize: "Standard_NC4as_T4_v3", taints: [taint] } } });
    expect(build).toThrow(ValidationError);
    expect(build).toThrow(new RegExp(`userPools\\.gpu\\.taints\\[0\\] must be a Kubernetes taint 'key=value:Effect'.*got '${taint}'`));
  });

  test("accept a taint without a value", () => {
    const stack = testStack();
    testCluster(stack, { userPools: { gpu: { vmSize: "Standard_NC4as_T4_v3", taints: ["gpu:NoSchedule"] } } });
    expect(only(synth(stack), "azurerm_kubernetes_cluster_node_pool").node_taints).toEqual(["gpu:NoSchedule"]);
  });
});

describe("the cluster's tags", () => {
  const stack = testStack();
  const cluster = testCluster(stack, {
    tags: { costCenter: "platform", env: "test" },
    systemPool: { tags: { role: "system" } },
    userPools: { apps: { vmSize: "Standard_D4ds_v5", tags: { env: "apps-test" } } },
  });
  cluster.addNodePool("batch", { vmSize: "Standard_D4ds_v5" });
  const json = synth(stack);
  const pools = Object.fromEntries(resources(json, "azurerm_kubernetes_cluster_node_pool").map((p) => [p.name, p]));

  test("reach the system pool and every user pool, however it was declared", () => {
    expect(only(json, "azurerm_kubernetes_cluster").default_node_pool.tags).toEqual({ costCenter: "platform", env: "test", role: "system" });
    expect(pools.batch.tags).toEqual({ costCenter: "platform", env: "test" });
  });

  test("give way to a pool's own tag of the same name", () => {
    expect(pools.apps.tags).toEqual({ costCenter: "platform", env: "apps-test" });
  });

  test("leave pools untagged when neither the cluster nor the pool has tags", () => {
    const untagged = testStack();
    testCluster(untagged);
    const plain = synth(untagged);
    expect(only(plain, "azurerm_kubernetes_cluster").default_node_pool.tags).toBeUndefined();
    expect(only(plain, "azurerm_kubernetes_cluster_node_pool").tags).toBeUndefined();
  });
});
