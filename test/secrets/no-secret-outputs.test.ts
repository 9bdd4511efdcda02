// SEC-5: no kubeconfig, key or secret value is ever a Terraform output, and anything
// sensitive that must be an output is marked sensitive. Scans what the examples synthesize.
import { Testing, TerraformOutput } from "cdktf";
import { buildQuickstart } from "../../examples/quickstart/main";
import { synth, synthApp, testCluster, testStack } from "../helpers";

/** Attributes whose values are credentials or key material. */
const SENSITIVE_ATTRIBUTE = /\.(kube_config|kube_admin_config|kube_config_raw|kube_admin_config_raw|client_secret|client_key|client_certificate|password|admin_password|primary_access_key|secondary_access_key|primary_shared_key|secondary_shared_key|connection_string|primary_connection_string|secondary_connection_string|value|key_value|private_key_pem)\b/;

/** Outputs that leak: they reference a sensitive attribute without `sensitive = true`. */
function leakingOutputs(json: { readonly [key: string]: any }): string[] {
  return Object.entries((json.output ?? {}) as Record<string, { value: unknown; sensitive?: boolean }>)
    .filter(([, output]) => SENSITIVE_ATTRIBUTE.test(JSON.stringify(output.value)) && output.sensitive !== true)
    .map(([name]) => name);
}

describe("no secret material in outputs (SEC-5)", () => {
  test("the quickstart's stacks have no output that exposes credentials or key material", () => {
    const stacks = synthApp(buildQuickstart(Testing.app()));
    expect(Object.keys(stacks).length).toBeGreaterThanOrEqual(2);
    for (const { json } of Object.values(stacks)) {
      expect(leakingOutputs(json)).toEqual([]);
      // The baseline stack needs the API server's host and CA (cross-stack outputs, always
      // sensitive); nothing else of a kubeconfig, and never the admin one, leaves the stack.
      const values = Object.values((json.output ?? {}) as Record<string, { value: unknown }>).map((o) => JSON.stringify(o.value));
      const kubeconfigFields = values.flatMap((value) => value.match(/kube_[a-z_]*config[^"}]*/g) ?? []);
      expect(kubeconfigFields.length).toBeLessThanOrEqual(2);
      for (const field of kubeconfigFields) expect(field).toMatch(/^kube_config\[0\]\.(host|cluster_ca_certificate)$/);
    }
  });

  test("the library's constructs create no outputs of their own", () => {
    const stack = testStack();
    testCluster(stack);
    expect(synth(stack).output).toBeUndefined();
  });

  test("the scan catches a kubeconfig output that is not marked sensitive, and accepts a sensitive one", () => {
    const stack = testStack();
    const cluster = testCluster(stack);
    new TerraformOutput(stack, "kubeconfig", { value: cluster.resource.getStringAttribute("kube_config_raw") });
    new TerraformOutput(stack, "ca", { value: cluster.resource.kubeConfig.get(0).clusterCaCertificate, sensitive: true });
    expect(leakingOutputs(synth(stack))).toEqual(["kubeconfig"]);
  });
});
