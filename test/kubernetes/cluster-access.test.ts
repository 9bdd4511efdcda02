import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  EntraKubernetesProvider,
  KubeloginLogin,
  SecureNamespace,
  clusterEndpoint,
  type EntraKubernetesProviderProps,
} from "hardened-aks";
import { AKS_ENTRA_SERVER_APPLICATION_ID } from "../../lib/kubernetes/cluster-access";
import { TEST_API_SERVER, TENANT_ID, synth, testCluster, testStack } from "../helpers";

function providerBlock(props: Partial<EntraKubernetesProviderProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "baseline");
  new EntraKubernetesProvider(stack, "Kubernetes", { ...TEST_API_SERVER, ...props });
  const json = synth(stack);
  expect(json.provider.kubernetes).toHaveLength(1);
  return json.provider.kubernetes[0];
}

describe("EntraKubernetesProvider", () => {
  test("reaches the cluster by host and decoded CA, with a kubelogin token (IAM-1, IAM-2)", () => {
    const provider = providerBlock();
    expect(provider.host).toBe(TEST_API_SERVER.host);
    expect(provider.cluster_ca_certificate).toBe(`\${base64decode("${TEST_API_SERVER.clusterCaCertificateBase64}")}`);
    expect(provider.exec).toEqual([
      {
        api_version: "client.authentication.k8s.io/v1beta1",
        command: "kubelogin",
        args: ["get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"],
      },
    ]);
  });

  test("carries no static credential of any kind", () => {
    const provider = providerBlock({ login: KubeloginLogin.servicePrincipal() });
    for (const key of ["token", "client_certificate", "client_key", "username", "password", "config_path", "config_paths", "insecure"]) {
      expect(provider[key]).toBeUndefined();
    }
    expect(JSON.stringify(provider)).not.toMatch(/secret/i);
    expect(provider.exec[0].env).toBeUndefined();
  });

  test("uses the AKS Entra server application as the token audience", () => {
    expect(AKS_ENTRA_SERVER_APPLICATION_ID).toBe("6dae42f8-4368-4678-94ff-3960e28e3630");
  });

  test.each([
    ["Azure CLI", KubeloginLogin.azureCli(), ["--login", "azurecli"]],
    ["service principal from the environment", KubeloginLogin.servicePrincipal(), ["--login", "spn"]],
    [
      "service principal from the azurerm provider's variables",
      KubeloginLogin.servicePrincipal({ useAzurermEnvironment: true }),
      ["--login", "spn", "--server-id", AKS_ENTRA_SERVER_APPLICATION_ID, "--use-azurerm-env-vars"],
    ],
    ["managed identity", KubeloginLogin.managedIdentity(), ["--login", "msi"]],
    [
      "a chosen managed identity",
      KubeloginLogin.managedIdentity({ clientId: "22222222-2222-2222-2222-222222222222" }),
      ["--login", "msi", "--server-id", AKS_ENTRA_SERVER_APPLICATION_ID, "--client-id", "22222222-2222-2222-2222-222222222222"],
    ],
    ["workload identity", KubeloginLogin.workloadIdentity(), ["--login", "workloadidentity"]],
  ])("signs in with %s", (_name, login, expected) => {
    const args: string[] = providerBlock({ login }).exec[0].args;
    expect(args.slice(0, 1)).toEqual(["get-token"]);
    expect(args.join(" ")).toContain(expected.join(" "));
    expect(args).toEqual(expect.arrayContaining(["--server-id", AKS_ENTRA_SERVER_APPLICATION_ID]));
  });

  test("passes the tenant, the cloud and the executable when given", () => {
    const provider = providerBlock({
      login: KubeloginLogin.servicePrincipal(),
      tenantId: TENANT_ID,
      environment: "AzureUSGovernmentCloud",
      kubeloginCommand: "/usr/local/bin/kubelogin",
    });
    expect(provider.exec[0].command).toBe("/usr/local/bin/kubelogin");
    expect(provider.exec[0].args).toEqual([
      "get-token", "--login", "spn", "--server-id", AKS_ENTRA_SERVER_APPLICATION_ID,
      "--tenant-id", TENANT_ID, "--environment", "AzureUSGovernmentCloud",
    ]);
  });

  test("sets an alias when asked", () => {
    expect(providerBlock({ alias: "prod" }).alias).toBe("prod");
  });

  test.each([
    [{ host: "aks-test.privatelink.westeurope.azmk8s.io" }, /host must be the API server's https URL/],
    [{ host: "http://aks-test:443" }, /host must be the API server's https URL/],
    [{ tenantId: "not-a-guid" }, /tenantId must be a GUID/],
    [{ login: KubeloginLogin.managedIdentity({ clientId: "nope" }) }, /login clientId must be a GUID/],
    [{ environment: "Azure Public" }, /environment must be an Azure environment name/],
  ])("rejects bad input %p", (props, message) => {
    const stack = new TerraformStack(Testing.app(), "baseline");
    expect(() => new EntraKubernetesProvider(stack, "Kubernetes", { ...TEST_API_SERVER, ...props })).toThrow(message);
  });

  test("accepts tokens for host, CA and tenant", () => {
    const stack = new TerraformStack(Testing.app(), "baseline");
    const host = new TerraformVariable(stack, "host", { type: "string" }).stringValue;
    const ca = new TerraformVariable(stack, "ca", { type: "string", sensitive: true }).stringValue;
    const tenant = new TerraformVariable(stack, "tenant", { type: "string" }).stringValue;
    new EntraKubernetesProvider(stack, "Kubernetes", { host, clusterCaCertificateBase64: ca, tenantId: tenant });
    const provider = synth(stack).provider.kubernetes[0];
    expect(provider.host).toBe("${var.host}");
    expect(provider.cluster_ca_certificate).toBe("${base64decode(var.ca)}");
    expect(provider.exec[0].args).toEqual(expect.arrayContaining(["--tenant-id", "${var.tenant}"]));
  });
});

describe("two stacks: the cluster stack and the in-cluster baseline stack", () => {
  function twoStacks() {
    const azure = testStack();
    const cluster = testCluster(azure);
    const app = azure.node.scope as App;
    const baseline = new TerraformStack(app, "baseline");
    new EntraKubernetesProvider(baseline, "Kubernetes", clusterEndpoint(cluster));
    new SecureNamespace(baseline, "TeamA", { name: "team-a" });
    for (const stack of app.node.children) (stack as TerraformStack).prepareStack(); // registers the cross-stack references, as app.synth() does
    return { azure: synth(azure), baseline: synth(baseline) };
  }

  test("reads host and CA from the cluster stack through remote state", () => {
    const { baseline } = twoStacks();
    const provider = baseline.provider.kubernetes[0];
    expect(provider.host).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-test\.outputs\.cross-stack-output-azurerm_kubernetes_cluster.*kube_config0host\}$/);
    expect(provider.cluster_ca_certificate).toMatch(
      /^\$\{base64decode\(data\.terraform_remote_state\.cross-stack-reference-input-test\.outputs\.cross-stack-output-.*kube_config0cluster_ca_certificate\)\}$/,
    );
    expect(Object.keys(baseline.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-test"]);
  });

  test("exports only the host and the CA of the kube_config, as sensitive outputs", () => {
    const { azure } = twoStacks();
    const outputs = Object.values(azure.output ?? {}) as Array<{ value: string; sensitive?: boolean }>;
    expect(outputs.map((o) => o.value).sort()).toEqual([
      expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\.[A-Za-z0-9_]+\.kube_config\[0\]\.cluster_ca_certificate\}$/),
      expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\.[A-Za-z0-9_]+\.kube_config\[0\]\.host\}$/),
    ]);
    for (const output of outputs) expect(output.sensitive).toBe(true);
  });

  test("puts nothing in-cluster in the Azure stack", () => {
    const { azure, baseline } = twoStacks();
    expect(Object.keys(azure.resource).filter((type) => type.startsWith("kubernetes_"))).toEqual([]);
    expect(azure.provider.kubernetes).toBeUndefined();
    expect(Object.keys(baseline.resource).filter((type) => type.startsWith("azurerm_"))).toEqual([]);
  });
});

describe("EntraKubernetesProvider from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, Record<string, unknown>, RegExp]>([
    ["no host", { host: undefined }, /^host is required and must be a non-empty string, e\.g\. clusterEndpoint\(cluster\)\.host; got nothing/],
    ["no CA certificate", { clusterCaCertificateBase64: undefined }, /^clusterCaCertificateBase64 is required and must be a non-empty string/],
    ["a login given by name", { login: "msi" }, /^login must be a KubeloginLogin, e\.g\. KubeloginLogin\.managedIdentity\(\); got 'msi'\./],
    ["a tenant id that is a number", { tenantId: 0 }, /^tenantId must be a non-empty string when given.*got 0/],
  ])("names the prop for %s", (_name, fields, message) => {
    expect(() => providerBlock(fields as any)).toThrow(message);
  });

  test("names the props object when there is none", () => {
    expect(() => new EntraKubernetesProvider(new TerraformStack(Testing.app(), "baseline"), "Kubernetes", undefined as any)).toThrow(/^props is required and must be an object/);
  });
});
