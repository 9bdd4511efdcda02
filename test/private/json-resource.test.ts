import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformIterator, TerraformStack, TerraformVariable, Testing, type TerraformResource } from "cdktf";
import type { Construct } from "constructs";
import { KubernetesClusterNodePool as GeneratedNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { LogAnalyticsWorkspace as GeneratedWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { PublicIp as GeneratedPublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { DeploymentV1 as GeneratedDeployment } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { LimitRangeV1 as GeneratedLimitRange } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { Manifest as GeneratedManifest } from "@cdktf/provider-kubernetes/lib/manifest";
import * as azurerm from "../../lib/private/azurerm";
import * as kubernetes from "../../lib/private/kubernetes";
import { snakeCase, toTerraformJson } from "../../lib/private/json-resource";
import { kubernetesTestStack, only, synth, testStack } from "../helpers";

describe("toTerraformJson", () => {
  const maps = { mapAttributes: new Set(["labels", "volumeAttributes"]) };

  test("writes keys in snake_case, through nested blocks and lists", () => {
    expect(snakeCase("readOnlyRootFilesystem")).toBe("read_only_root_filesystem");
    expect(toTerraformJson({ spec: { template: { spec: { container: [{ securityContext: { runAsNonRoot: true } }] } } } }, maps)).toEqual({
      spec: { template: { spec: { container: [{ security_context: { run_as_non_root: true } }] } } },
    });
  });

  test("keeps the keys of map attributes as they are: they are data", () => {
    expect(toTerraformJson({ metadata: { labels: { "app.kubernetes.io/name": "a", camelKey: "b" } }, csi: { volumeAttributes: { secretProviderClass: "s" } } }, maps)).toEqual({
      metadata: { labels: { "app.kubernetes.io/name": "a", camelKey: "b" } },
      csi: { volume_attributes: { secretProviderClass: "s" } },
    });
  });

  test("drops undefined and passes tokens through untouched", () => {
    const token = new TerraformVariable(testStack(), "name", { type: "string" }).stringValue;
    expect(toTerraformJson({ name: token, port: undefined, replicas: "2" }, maps)).toEqual({ name: token, replicas: "2" });
  });
});

type ResourceClass = (new (scope: Construct, id: string, config: any) => TerraformResource) & { readonly tfResourceType: string };

// Map attributes are data: their keys must reach Terraform exactly as given, which the
// examples do not exercise (their tags and labels are lowercase). Each case is written by the
// library's class and by the provider's generated class, and must come out the same.
describe("the library's resource classes, against the generated classes", () => {
  const CAMEL_KEYS = { CostCenter: "42", "app.kubernetes.io/name": "orders", ownerTeam: "payments" };
  const METADATA = { name: "orders", labels: CAMEL_KEYS, annotations: CAMEL_KEYS };
  const cases: [string, ResourceClass, ResourceClass, object][] = [
    [
      "azurerm_kubernetes_cluster_node_pool (tags, node_labels)",
      azurerm.KubernetesClusterNodePool,
      GeneratedNodePool,
      { name: "apps", kubernetesClusterId: "c", vmSize: "Standard_D4ds_v5", tags: CAMEL_KEYS, nodeLabels: CAMEL_KEYS, upgradeSettings: { maxSurge: "33%" } },
    ],
    [
      "azurerm_log_analytics_workspace (an attribute whose name has digits)",
      azurerm.LogAnalyticsWorkspace,
      GeneratedWorkspace,
      { name: "log", location: "westeurope", resourceGroupName: "rg", immediateDataPurgeOn30DaysEnabled: true, tags: CAMEL_KEYS },
    ],
    ["azurerm_public_ip (ip_tags)", azurerm.PublicIp, GeneratedPublicIp, { name: "pip", location: "westeurope", resourceGroupName: "rg", allocationMethod: "Static", ipTags: { FirstPartyUsage: "/Unprivileged" }, tags: CAMEL_KEYS }],
    [
      "kubernetes_limit_range_v1 (labels, default, max)",
      kubernetes.LimitRangeV1,
      GeneratedLimitRange,
      { metadata: METADATA, spec: { limit: [{ type: "Container", default: { cpu: "500m", "hugepages-2Mi": "0" }, max: { memory: "1Gi" } }] } },
    ],
    [
      "kubernetes_deployment_v1 (match_labels, node_selector, resources)",
      kubernetes.DeploymentV1,
      GeneratedDeployment,
      {
        metadata: METADATA,
        spec: {
          selector: { matchLabels: CAMEL_KEYS },
          template: {
            metadata: { labels: CAMEL_KEYS },
            spec: { nodeSelector: { "kubernetes.io/os": "linux", agentPool: "apps" }, container: [{ name: "c", image: "i:1", resources: { limits: { "nvidia.com/gpu": "1" } } }] },
          },
        },
      },
    ],
    [
      "kubernetes_manifest (the whole manifest is data)",
      kubernetes.Manifest,
      GeneratedManifest,
      { manifest: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "y" }, data: { camelCaseKey: "v" } } },
    ],
  ];

  test.each(cases)("%s", (_name, Library, Generated, config) => {
    const written = (Resource: ResourceClass) => {
      const stack = Library.tfResourceType.startsWith("kubernetes_") ? kubernetesTestStack() : testStack();
      const resource = new Resource(stack, "Resource", config);
      return only(synth(stack), resource.terraformResourceType);
    };
    const library = written(Library);
    expect(library).toEqual(written(Generated));
    // The case is only worth something if a camelCase key is in it and came through.
    expect(JSON.stringify(library)).toMatch(/"(CostCenter|camelCaseKey)"/);
  });

  // Shapes the library does not write today, where a generic conversion could drift from
  // the generated classes.
  test.each([
    ["a single block given only undefined fields is left out", { upgradeSettings: { maxSurge: undefined }, kubeletConfig: {} }],
    ["a block inside a list of blocks stays, even when given only undefined fields", { nodeNetworkProfile: { allowedHostPorts: [{ portStart: undefined }] } }],
    ["an empty list and null stay as given", { zones: [], nodeTaints: null }],
  ])("azurerm_kubernetes_cluster_node_pool: %s", (_name, extra) => {
    const written = (Resource: ResourceClass) => {
      const stack = testStack();
      new Resource(stack, "Resource", { name: "apps", kubernetesClusterId: "c", vmSize: "Standard_D4ds_v5", ...extra });
      return only(synth(stack), "azurerm_kubernetes_cluster_node_pool");
    };
    expect(written(azurerm.KubernetesClusterNodePool)).toEqual(written(GeneratedNodePool));
  });

  test("an iterator's dynamic(...) is refused with what to do instead", () => {
    const stack = testStack();
    const rules = new TerraformVariable(stack, "rules", { type: "list(object({ name = string, priority = number }))" });
    const iterator = TerraformIterator.fromList(rules.listValue);
    const base = { name: "nsg", location: "westeurope", resourceGroupName: "rg" };
    new azurerm.NetworkSecurityGroup(stack, "Resource", { ...base, securityRule: iterator.dynamic({ name: iterator.getString("name") }) as never });
    expect(() => synth(stack)).toThrow(/An iterator's dynamic\(\.\.\.\) cannot be written into a hardened-aks resource; pass the values as a list, or use addOverride/);
  });

  test("pass meta-arguments to Terraform, not as attributes", () => {
    const stack = testStack();
    const first = new azurerm.UserAssignedIdentity(stack, "First", { name: "a", location: "westeurope", resourceGroupName: "rg" });
    new azurerm.UserAssignedIdentity(stack, "Second", { name: "b", location: "westeurope", resourceGroupName: "rg", dependsOn: [first], lifecycle: { preventDestroy: true } });
    const second = synth(stack).resource.azurerm_user_assigned_identity.Second;
    expect(second).toMatchObject({ name: "b", depends_on: ["azurerm_user_assigned_identity.First"], lifecycle: { prevent_destroy: true } });
    expect(Object.keys(second)).not.toContain("dependsOn");
  });
});

describe("cdktf's HCL output", () => {
  test("is refused when the first resource is created, with the setting to change", () => {
    const app = new App({ hclOutput: true, outdir: path.join(os.tmpdir(), "hardened-aks-hcl") });
    expect(app.hclOutput).toBe(true);
    const stack = new TerraformStack(app, "hcl");
    expect(() => new azurerm.UserAssignedIdentity(stack, "Identity", { name: "a", location: "westeurope", resourceGroupName: "rg" })).toThrow(
      /^azurerm_user_assigned_identity: hardened-aks synthesizes Terraform JSON \(cdk\.tf\.json\) and does not support cdktf's HCL output\. Remove "hclOutput": true from cdktf\.json \(or unset SYNTH_HCL_OUTPUT\).*\(at hcl\/Identity\)$/,
    );
  });

  test("is refused when asked for through the environment, as the cdktf CLI does", () => {
    const before = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = "true";
    try {
      const stack = new TerraformStack(new App({ outdir: path.join(os.tmpdir(), "hardened-aks-hcl") }), "hcl");
      expect(() => new azurerm.UserAssignedIdentity(stack, "Identity", { name: "a", location: "westeurope", resourceGroupName: "rg" })).toThrow(/does not support cdktf's HCL output/);
    } finally {
      if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = before;
    }
  });

  test("is refused at synthesis when a test asks for HCL of a JSON app", () => {
    const stack = testStack();
    new azurerm.UserAssignedIdentity(stack, "Identity", { name: "a", location: "westeurope", resourceGroupName: "rg" });
    expect(() => Testing.synthHcl(stack)).toThrow(/azurerm_user_assigned_identity: hardened-aks synthesizes Terraform JSON/);
  });

  test("is not in the way of the default JSON output", () => {
    const stack = testStack();
    new azurerm.UserAssignedIdentity(stack, "Identity", { name: "a", location: "westeurope", resourceGroupName: "rg" });
    expect(only(synth(stack), "azurerm_user_assigned_identity").name).toBe("a");
  });
});
