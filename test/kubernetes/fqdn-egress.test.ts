// SecureNamespace's egress by FQDN: a CiliumNetworkPolicy with toFQDNs next to the DNS rule
// Cilium needs, and the names' bad values refused at construct time.
import { Token, TerraformStack, TerraformVariable } from "cdktf";
import { Compliance, EgressAllow, SecureNamespace, ValidationError, type SecureNamespaceProps } from "hardened-aks";
import { fqdnEgressName, fqdnEgressNames, fqdnEgressPort } from "../../lib/kubernetes/validate-fqdn";
import { inNamespace, kubernetesTestStack, only, resources, synth } from "../helpers";
import { baselineStack, failingRules, ruleResult } from "../compliance/compliance-helpers";

const MANIFEST = "kubernetes_manifest";
const POLICY = "kubernetes_network_policy_v1";

function build(overrides: Partial<SecureNamespaceProps> = {}, stack: TerraformStack = kubernetesTestStack()) {
  const namespace = new SecureNamespace(stack, "Orders", { name: "orders", ...overrides });
  return { stack, namespace, json: synth(stack) };
}

/** Asserts a ValidationError whose message matches. */
function rejects(run: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(message);
}

describe("EgressAllow.fqdns", () => {
  const { json, namespace } = build({
    allowEgressTo: [
      EgressAllow.fqdns(["api.github.com", "*.github.com"], [{ port: 443 }]),
      EgressAllow.fqdns(["smtp.example.com"], [{ port: 587 }, { port: 2525, endPort: 2530, protocol: "TCP" }]),
      EgressAllow.toNamespace("payments", { ports: [{ port: 8080 }] }),
    ],
  });

  test("writes one CiliumNetworkPolicy in the namespace: the names with their ports, and DNS through Cilium's proxy", () => {
    const manifest = only(json, MANIFEST);
    expect(manifest.manifest).toEqual({
      apiVersion: "cilium.io/v2",
      kind: "CiliumNetworkPolicy",
      metadata: { name: "allow-egress-fqdns", namespace: "orders" },
      spec: {
        endpointSelector: {},
        egress: [
          { toFQDNs: [{ matchName: "api.github.com" }, { matchPattern: "*.github.com" }], toPorts: [{ ports: [{ port: "443", protocol: "TCP" }] }] },
          {
            toFQDNs: [{ matchName: "smtp.example.com" }],
            toPorts: [{ ports: [{ port: "587", protocol: "TCP" }, { port: "2525", protocol: "TCP", endPort: 2530 }] }],
          },
          // Microsoft's ACNS how-to: the rules.dns section is mandatory next to toFQDNs.
          {
            toEndpoints: [{ matchLabels: { "k8s:io.kubernetes.pod.namespace": "kube-system", "k8s:k8s-app": "kube-dns" } }],
            toPorts: [{ ports: [{ port: "53", protocol: "ANY" }], rules: { dns: [{ matchPattern: "*" }] } }],
          },
        ],
      },
    });
    expect(namespace.fqdnEgressPolicy).toBeDefined();
  });

  test("the manifest waits for the namespace", () => {
    expect(only(json, MANIFEST).depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\.Orders_/)]);
  });

  test("keeps the default deny and the DNS policy; the other rules stay in allow-egress, without the names", () => {
    const names = inNamespace(json, POLICY, "orders").map((p) => p.metadata.name).sort();
    expect(names).toEqual(["allow-dns", "allow-egress", "default-deny-all"]);
    const egress = inNamespace(json, POLICY, "orders").find((p) => p.metadata.name === "allow-egress")!;
    expect(egress.spec.egress).toHaveLength(1);
    expect(egress.spec.egress[0].to).toEqual([expect.objectContaining({ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "payments" } } })]);
  });

  test("passes the compliance pack, K8S-2 and K8S-3 included", () => {
    const { stack } = baselineStack({ namespace: { allowEgressTo: [EgressAllow.fqdns(["api.github.com"], [{ port: 443 }])] } });
    const report = Compliance.evaluate(stack);
    expect(failingRules(report)).toEqual([]);
    expect(ruleResult(report, "K8S-2").status).toBe("pass");
    expect(ruleResult(report, "K8S-3").status).toBe("pass");
  });

  test("FQDN rules alone make no allow-egress network policy", () => {
    const only_ = build({ allowEgressTo: [EgressAllow.fqdns(["api.github.com"], [{ port: 443 }])] }).json;
    expect(inNamespace(only_, POLICY, "orders").map((p) => p.metadata.name).sort()).toEqual(["allow-dns", "default-deny-all"]);
  });

  test("a namespace without FQDN rules has no CiliumNetworkPolicy", () => {
    const { json: plain, namespace: ns } = build({ allowEgressTo: [EgressAllow.internet([{ port: 443 }])] });
    expect(resources(plain, MANIFEST)).toEqual([]);
    expect(ns.fqdnEgressPolicy).toBeUndefined();
  });

  test("a name from a variable goes through unchecked, as a pattern", () => {
    const stack = kubernetesTestStack();
    const host = new TerraformVariable(stack, "host", { type: "string" }).stringValue;
    const port = new TerraformVariable(stack, "port", { type: "number" }).numberValue;
    const { json: out } = build({ allowEgressTo: [EgressAllow.fqdns([host], [{ port }])] }, stack);
    const egress = only(out, MANIFEST).manifest.spec.egress[0];
    expect(egress.toFQDNs).toEqual([{ matchPattern: "${var.host}" }]);
    expect(egress.toPorts).toEqual([{ ports: [{ port: "${var.port}", protocol: "TCP" }] }]);
  });
});

describe("EgressAllow.fqdns rejects bad input", () => {
  const https = [{ port: 443 }];
  const cases: [string, Partial<SecureNamespaceProps>, RegExp][] = [
    ["'*' alone", { allowEgressTo: [EgressAllow.fqdns(["*"], https)] }, /^allowEgressTo\[0\]\.fqdns\[0\] must not be a catch-all wildcard; got '\*', which allows every destination\./],
    [
      "a wildcard over a public suffix",
      { allowEgressTo: [EgressAllow.fqdns(["api.github.com", "*.com"], https)] },
      /^allowEgressTo\[0\]\.fqdns\[1\] must not be a catch-all wildcard; got '\*\.com', which allows every domain anyone can register under 'com' \(a public suffix\)/,
    ],
    ["a wildcard over a private public suffix", { allowEgressTo: [EgressAllow.fqdns(["*.blob.core.windows.net"], https)] }, /^allowEgressTo\[0\]\.fqdns\[0\] must not be a catch-all wildcard; got '\*\.blob\.core\.windows\.net'.*under 'blob\.core\.windows\.net'/],
    ["a wildcard in the middle", { allowEgressTo: [EgressAllow.fqdns(["api.*.example.com"], https)] }, /^allowEgressTo\[0\]\.fqdns\[0\] must be a fully qualified domain name such as 'api\.example\.com' or '\*\.example\.com'; got 'api\.\*\.example\.com'/],
    ["a name with a space", { allowEgressTo: [EgressAllow.fqdns(["api github.com"], https)] }, /^allowEgressTo\[0\]\.fqdns\[0\] must be a fully qualified domain name .*got 'api github\.com'/],
    ["a single label", { allowEgressTo: [EgressAllow.fqdns(["orders"], https)] }, /^allowEgressTo\[0\]\.fqdns\[0\] must be a fully qualified domain name .*got 'orders'/],
    ["an IPv4 address", { allowEgressTo: [EgressAllow.fqdns(["140.82.112.3"], https)] }, /^allowEgressTo\[0\]\.fqdns\[0\] must be a domain name, not an address; got '140\.82\.112\.3'\. Open an address range with EgressAllow\.toCidr\('140\.82\.112\.3\/32', ports\) instead\./],
    ["a cluster service", { allowEgressTo: [EgressAllow.fqdns(["api.payments.svc.cluster.local"], https)] }, /^allowEgressTo\[0\]\.fqdns\[0\] must be a name outside the cluster; got 'api\.payments\.svc\.cluster\.local'.*EgressAllow\.toNamespace/],
    ["no names", { allowEgressTo: [EgressAllow.fqdns([], https)] }, /^allowEgressTo\[0\]\.fqdns must list at least one domain name/],
    ["no ports", { allowEgressTo: [EgressAllow.fqdns(["api.github.com"], [])] }, /^allowEgressTo\[0\]\.ports must list at least one port: an FQDN rule never opens every port/],
    [
      "ports that add up to every port",
      { allowEgressTo: [EgressAllow.fqdns(["api.github.com"], [{ port: 1, endPort: 1000 }, { port: 1001, endPort: 65535 }])] },
      /^allowEgressTo\[0\]\.ports must not cover every TCP port; got '1-1000' \+ '1001-65535' \(together 1-65535\)\. An FQDN rule opens/,
    ],
    ["a named port", { allowEgressTo: [EgressAllow.fqdns(["api.github.com"], [{ port: "https" }])] }, /^allowEgressTo\[0\]\.ports\[0\]\.port must be a port number for an FQDN rule; got 'https', a named port/],
    ["a port out of range", { allowEgressTo: [EgressAllow.fqdns(["api.github.com"], [{ port: 70000 }])] }, /^allowEgressTo\[0\]\.ports\[0\] must be a port number from 1 to 65535/],
    ["an FQDN rule as ingress", { allowIngressFrom: [EgressAllow.fqdns(["api.github.com"], https) as never] }, /^allowIngressFrom\[0\] is an FQDN rule \(fqdns \["api\.github\.com"\]\), which selects destinations only/],
  ];

  test.each(cases)("%s is refused", (_name, props, message) => {
    rejects(() => build(props), message);
  });

  test.each([
    ["a host", ["api.github.com"]],
    ["a domain's subdomains", ["*.github.com"]],
    ["an internationalized name in its ASCII form", ["xn--bcher-kva.example"]],
  ])("%s passes", (_name, fqdns) => {
    expect(() => build({ allowEgressTo: [EgressAllow.fqdns(fqdns, [{ port: 443 }])] })).not.toThrow();
  });

  test("a whole list from a variable is refused, its entries from variables are not", () => {
    const stack = kubernetesTestStack();
    const list = new TerraformVariable(stack, "hosts", { type: "list(string)" }).listValue;
    rejects(() => new SecureNamespace(stack, "Listed", { name: "listed", allowEgressTo: [EgressAllow.fqdns(list, [{ port: 443 }])] }), /^allowEgressTo\[0\]\.fqdns must be a list written in the code \(its entries may be tokens\)/);
    const ports = new TerraformVariable(stack, "ports", { type: "list(number)" }).listValue;
    rejects(() => new SecureNamespace(stack, "Ported", { name: "ported", allowEgressTo: [EgressAllow.fqdns(["api.github.com"], ports as never)] }), /^allowEgressTo\[0\]\.ports must be a list written in the code for an FQDN rule/);
  });

  test.each<[string, unknown, RegExp]>([
    ["names as one string", { fqdns: "api.github.com", ports: [{ port: 443 }] }, /^allowEgressTo\[0\]\.fqdns must be a list of domain names, e\.g\. \['api\.github\.com'\]; got 'api\.github\.com'\./],
    ["null names", { fqdns: null, ports: [{ port: 443 }] }, /^allowEgressTo\[0\]\.fqdns must be a list of domain names.*got null/],
    ["a numeric name", { fqdns: [42], ports: [{ port: 443 }] }, /^allowEgressTo\[0\]\.fqdns\[0\] must be a fully qualified domain name such as 'api\.example\.com'; got 42\./],
    ["no ports", { fqdns: ["api.github.com"] }, /^allowEgressTo\[0\]\.ports must list at least one port/],
  ])("from JavaScript, names the prop for %s", (_name, rule, message) => {
    rejects(() => build({ allowEgressTo: [rule as never] }), message);
  });
});

describe("the FQDN verdicts", () => {
  test("tokens are not judged: a name, a list, a port", () => {
    expect(fqdnEgressName("p", Token.asString({ ref: "x" }))).toBeUndefined();
    expect(fqdnEgressNames("p", Token.asList({ ref: "x" }))).toEqual([]);
    expect(fqdnEgressPort("p", Token.asString({ ref: "x" }))).toBeUndefined();
  });

  test("good names and numeric ports pass", () => {
    // A trailing dot is the DNS root, a valid way to write a name (Cilium matches it).
    expect(fqdnEgressNames("p", ["api.github.com", "*.github.com", "api.github.com."])).toEqual([undefined, undefined, undefined]);
    expect(fqdnEgressPort("p", 443)).toBeUndefined();
  });

  test.each([
    ["*", /must not be a catch-all wildcard/],
    ["*.co.uk", /under 'co\.uk' \(a public suffix\)/],
    ["10.0.0.0/8", /not an address.*EgressAllow\.toCidr\('10\.0\.0\.0\/8', ports\)/],
    ["2001:db8::1", /not an address/],
    ["kubernetes.default.svc", /a cluster-internal name/],
    ["api.example.com:443", /^p must be a domain name without a port; got 'api\.example\.com:443'\. Write 'api\.example\.com' and give the port in the rule's ports, e\.g\. EgressAllow\.fqdns\(\['api\.example\.com'\], \[\{ port: 443 \}\]\)\./],
    ["", /must be a fully qualified domain name such as 'api\.example\.com'; got ''/],
  ])("%s is refused", (fqdn, message) => {
    expect(fqdnEgressName("p", fqdn)).toMatch(message);
  });
});
