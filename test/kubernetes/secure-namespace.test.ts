import { TerraformStack, TerraformVariable } from "cdktf";
import {
  Compliance,
  EgressAllow,
  IngressAllow,
  SECURE_NAMESPACE_DEFAULTS,
  SecureNamespace,
  type SecureNamespaceProps,
} from "hardened-aks";
import { INSTANCE_METADATA_CIDR, RESERVED_NAMESPACES } from "../../lib/facts";
import { containsAddress, parseIpv4Address, parseIpv4Cidr } from "../../lib/private/cidr";
import { ADMIN_GROUP_ID, inNamespace, kubernetesTestStack, only, resources, synth, type Synthesized } from "../helpers";

const NAMESPACE = "kubernetes_namespace_v1";
const POLICY = "kubernetes_network_policy_v1";
const READER_GROUP_ID = "33333333-3333-3333-3333-333333333333";
const EDITOR_GROUP_ID = "44444444-4444-4444-4444-444444444444";

function build(overrides: Partial<SecureNamespaceProps> = {}, stack: TerraformStack = kubernetesTestStack()) {
  const namespace = new SecureNamespace(stack, "TeamA", { name: "team-a", ...overrides });
  return { stack, namespace, json: synth(stack) };
}

function policy(json: Synthesized, namespace: string, name: string): Record<string, any> {
  const found = inNamespace(json, POLICY, namespace).filter((p) => p.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one network policy '${name}' in '${namespace}', found ${found.length}`);
  return found[0];
}

describe("SecureNamespace defaults", () => {
  const { json, namespace } = build();
  const ns = only(json, NAMESPACE);

  test("enforces, audits and warns at Pod Security restricted, version latest (K8S-1)", () => {
    expect(ns.metadata).toEqual({
      name: "team-a",
      labels: {
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": "latest",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": "latest",
      },
    });
    expect(namespace.namespaceName).toBe("team-a");
  });

  test("denies all ingress and egress for every pod (K8S-2)", () => {
    const deny = policy(json, "team-a", "default-deny-all");
    expect(deny.spec).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
  });

  test("allows DNS to kube-dns in kube-system only, on port 53 UDP and TCP (K8S-2)", () => {
    const dns = policy(json, "team-a", "allow-dns");
    expect(dns.spec).toEqual({
      pod_selector: {},
      policy_types: ["Egress"],
      egress: [
        {
          to: [
            {
              namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } },
              pod_selector: { match_labels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [
            { port: "53", protocol: "UDP" },
            { port: "53", protocol: "TCP" },
          ],
        },
      ],
    });
  });

  test("creates no other network policy, so nothing else is allowed (K8S-3, EGR-3)", () => {
    expect(inNamespace(json, POLICY, "team-a").map((p) => p.metadata.name).sort()).toEqual(["allow-dns", "default-deny-all"]);
  });

  test("sets default requests and limits for containers (K8S-4)", () => {
    const limitRange = only(json, "kubernetes_limit_range_v1");
    expect(limitRange.metadata).toEqual({ name: "default-resources", namespace: "team-a" });
    expect(limitRange.spec.limit).toEqual([
      {
        type: "Container",
        default_request: { cpu: "100m", memory: "128Mi" },
        default: { cpu: "500m", memory: "512Mi" },
      },
    ]);
  });

  test("sets a quota with no LoadBalancer and no NodePort services (K8S-4)", () => {
    const quota = only(json, "kubernetes_resource_quota_v1");
    expect(quota.metadata).toEqual({ name: "namespace-quota", namespace: "team-a" });
    expect(quota.spec.hard).toEqual({
      "requests.cpu": "4",
      "requests.memory": "8Gi",
      "limits.cpu": "8",
      "limits.memory": "16Gi",
      pods: "50",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
  });

  test("creates everything in the namespace after the namespace", () => {
    const nsRef = `kubernetes_namespace_v1.${Object.keys(json.resource[NAMESPACE])[0]}`;
    for (const type of [POLICY, "kubernetes_limit_range_v1", "kubernetes_resource_quota_v1"]) {
      for (const r of resources(json, type)) expect(r.depends_on).toEqual([nsRef]);
    }
  });

  test("binds no group unless asked", () => {
    expect(resources(json, "kubernetes_role_binding_v1")).toEqual([]);
  });
});

describe("SecureNamespace options", () => {
  test("pins the Pod Security version to the cluster's minor", () => {
    const { json } = build({ podSecurityVersion: "v1.33" });
    const labels = only(json, NAMESPACE).metadata.labels;
    for (const mode of ["enforce", "audit", "warn"]) expect(labels[`pod-security.kubernetes.io/${mode}-version`]).toBe("v1.33");
  });

  test("adds labels and annotations beside the Pod Security labels", () => {
    const { json } = build({ labels: { team: "payments" }, annotations: { owner: "payments@contoso.com" } });
    const metadata = only(json, NAMESPACE).metadata;
    expect(metadata.labels).toEqual(expect.objectContaining({ team: "payments", "pod-security.kubernetes.io/enforce": "restricted" }));
    expect(metadata.annotations).toEqual({ owner: "payments@contoso.com" });
  });

  test("binds admin, editor and reader Entra groups to the built-in admin, edit and view roles (K8S-5)", () => {
    const { json } = build({
      adminGroupObjectIds: [ADMIN_GROUP_ID],
      editorGroupObjectIds: [EDITOR_GROUP_ID],
      readerGroupObjectIds: [READER_GROUP_ID, ADMIN_GROUP_ID],
    });
    const bindings = inNamespace(json, "kubernetes_role_binding_v1", "team-a");
    const byName = Object.fromEntries(bindings.map((b) => [b.metadata.name, b]));
    expect(Object.keys(byName).sort()).toEqual(["namespace-admins", "namespace-editors", "namespace-readers"]);
    const group = (name: string) => ({ api_group: "rbac.authorization.k8s.io", kind: "Group", name });
    expect(byName["namespace-admins"].role_ref).toEqual({ api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" });
    expect(byName["namespace-admins"].subject).toEqual([group(ADMIN_GROUP_ID)]);
    expect(byName["namespace-editors"].role_ref.name).toBe("edit");
    expect(byName["namespace-editors"].subject).toEqual([group(EDITOR_GROUP_ID)]);
    expect(byName["namespace-readers"].role_ref.name).toBe("view");
    expect(byName["namespace-readers"].subject).toEqual([group(READER_GROUP_ID), group(ADMIN_GROUP_ID)]);
  });

  test("allows ingress from a namespace's pods on given ports, without touching the deny", () => {
    const { json } = build({
      allowIngressFrom: [
        IngressAllow.fromNamespace("app-routing-system", { podLabels: { app: "nginx" }, ports: [{ port: 8080 }] }),
        IngressAllow.fromNamespace("team-a"),
        IngressAllow.fromCidr("10.240.1.0/24", [{ port: 8080 }, { port: "http" }]),
      ],
    });
    expect(policy(json, "team-a", "default-deny-all").spec).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
    expect(policy(json, "team-a", "allow-ingress").spec).toEqual({
      pod_selector: {},
      policy_types: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "app-routing-system" } },
              pod_selector: { match_labels: { app: "nginx" } },
            },
          ],
          ports: [{ port: "8080", protocol: "TCP" }],
        },
        { from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "team-a" } } }] },
        {
          from: [{ ip_block: { cidr: "10.240.1.0/24" } }],
          ports: [
            { port: "8080", protocol: "TCP" },
            { port: "http", protocol: "TCP" },
          ],
        },
      ],
    });
  });

  test("allows egress to a namespace, a range and the internet, never the metadata endpoint (EGR-3)", () => {
    const { json } = build({
      allowEgressTo: [
        EgressAllow.toNamespace("team-b", { podLabels: { app: "api" }, ports: [{ port: 8443 }] }),
        EgressAllow.toCidr("10.50.0.0/16", [{ port: 5432 }, { port: 6000, endPort: 6010, protocol: "UDP" }]),
        EgressAllow.internet([{ port: 443 }]),
        { cidr: "169.254.0.0/16", except: ["169.254.169.254/32"], ports: [{ port: 80 }] },
      ],
    });
    expect(policy(json, "team-a", "allow-egress").spec).toEqual({
      pod_selector: {},
      policy_types: ["Egress"],
      egress: [
        {
          to: [
            {
              namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "team-b" } },
              pod_selector: { match_labels: { app: "api" } },
            },
          ],
          ports: [{ port: "8443", protocol: "TCP" }],
        },
        {
          to: [{ ip_block: { cidr: "10.50.0.0/16" } }],
          ports: [
            { port: "5432", protocol: "TCP" },
            { port: "6000", end_port: 6010, protocol: "UDP" },
          ],
        },
        { to: [{ ip_block: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }], ports: [{ port: "443", protocol: "TCP" }] },
        { to: [{ ip_block: { cidr: "169.254.0.0/16", except: ["169.254.169.254/32"] } }], ports: [{ port: "80", protocol: "TCP" }] },
      ],
    });
  });

  test("sets requests, limits and quota from props, and a PVC count when given", () => {
    const { json } = build({
      defaultRequests: { cpu: "250m" },
      defaultLimits: { memory: "1Gi" },
      quota: {
        requestsCpu: "2",
        limitsCpu: "4",
        pods: 20,
        loadBalancerServices: { count: 1, reason: "The legacy MQTT broker needs a TCP load balancer (CHG-4521)." },
        persistentVolumeClaims: 5,
      },
    });
    expect(only(json, "kubernetes_limit_range_v1").spec.limit[0]).toEqual(
      expect.objectContaining({ default_request: { cpu: "250m", memory: "128Mi" }, default: { cpu: "500m", memory: "1Gi" } }),
    );
    expect(only(json, "kubernetes_resource_quota_v1").spec.hard).toEqual({
      "requests.cpu": "2",
      "requests.memory": "8Gi",
      "limits.cpu": "4",
      "limits.memory": "16Gi",
      pods: "20",
      "services.loadbalancers": "1",
      "services.nodeports": "0",
      persistentvolumeclaims: "5",
    });
  });

  test("accepts tokens where values are only known at apply time", () => {
    const stack = kubernetesTestStack();
    const v = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    new SecureNamespace(stack, "Tokens", {
      name: v("name"),
      podSecurityVersion: v("psa"),
      allowEgressTo: [EgressAllow.toCidr(v("cidr"), [{ port: 443 }])],
      allowIngressFrom: [IngressAllow.fromCidr(v("agw"), [{ port: 8080 }])],
      defaultLimits: { cpu: v("cpu") },
      quota: { limitsMemory: v("memory") },
      adminGroupObjectIds: [v("admins")],
    });
    const json = synth(stack);
    expect(only(json, NAMESPACE).metadata.name).toBe("${var.name}");
    expect(only(json, "kubernetes_resource_quota_v1").spec.hard["limits.memory"]).toBe("${var.memory}");
  });
});

/**
 * Whether a namespace's network policies block 169.254.169.254: some policy selects every
 * pod for egress (so default deny applies), and no egress rule of any policy in the
 * namespace reaches the address (selectors pick pods, which the endpoint is not; an
 * ip_block reaches it unless an except covers it).
 */
function metadataBlocked(policies: Record<string, any>[]): boolean {
  const imds = parseIpv4Address("169.254.169.254")!;
  const denies = policies.some(
    (p) => JSON.stringify(p.spec.pod_selector) === "{}" && p.spec.policy_types.includes("Egress") && p.spec.egress === undefined,
  );
  const reaches = policies.some((p) =>
    (p.spec.egress ?? []).some((rule: any) =>
      (rule.to ?? [{}]).some((peer: any) => {
        if (!peer.ip_block && (peer.namespace_selector || peer.pod_selector)) return false;
        if (!peer.ip_block) return true; // an empty peer list means everywhere
        const block = parseIpv4Cidr(peer.ip_block.cidr);
        if (!block || !containsAddress(block, imds)) return false;
        return !(peer.ip_block.except ?? []).some((e: string) => containsAddress(parseIpv4Cidr(e)!, imds));
      }),
    ),
  );
  return denies && !reaches;
}

function dnsAllowed(policies: Record<string, any>[]): boolean {
  return policies.some((p) =>
    (p.spec.egress ?? []).some(
      (rule: any) =>
        rule.to?.some(
          (peer: any) =>
            peer.namespace_selector?.match_labels?.["kubernetes.io/metadata.name"] === "kube-system" &&
            peer.pod_selector?.match_labels?.["k8s-app"] === "kube-dns",
        ) &&
        ["UDP", "TCP"].every((protocol) => rule.ports?.some((port: any) => port.port === "53" && port.protocol === protocol)),
    ),
  );
}

describe("every namespace the library creates", () => {
  const stack = kubernetesTestStack();
  new SecureNamespace(stack, "Plain", { name: "plain" });
  new SecureNamespace(stack, "Web", {
    name: "web",
    allowIngressFrom: [IngressAllow.fromNamespace("app-routing-system", { ports: [{ port: 8080 }] })],
    allowEgressTo: [EgressAllow.internet([{ port: 443 }]), EgressAllow.toNamespace("api")],
  });
  new SecureNamespace(stack, "Api", {
    name: "api",
    podSecurityVersion: "v1.32",
    allowEgressTo: [EgressAllow.toCidr("10.60.0.0/16", [{ port: 1433 }]), { cidr: "0.0.0.0/1", except: ["0.0.0.0/8"], ports: [{ port: 443 }] }],
    allowIngressFrom: [IngressAllow.fromNamespace("web")],
  });
  new SecureNamespace(stack, "Wide", {
    name: "wide",
    allowEgressTo: [{ cidr: "128.0.0.0/1", except: [INSTANCE_METADATA_CIDR], ports: [{ port: 443 }] }],
  });
  const json = synth(stack);
  const namespaces = resources(json, NAMESPACE).map((n) => n.metadata.name as string);

  test("the stack has the namespaces", () => {
    expect(namespaces.sort()).toEqual(["api", "plain", "web", "wide"]);
  });

  test.each(["api", "plain", "web", "wide"])("'%s' is restricted, default-deny, DNS-allowed and metadata-blocked", (name) => {
    const ns = resources(json, NAMESPACE).find((n) => n.metadata.name === name)!;
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const policies = inNamespace(json, POLICY, name);
    expect(policy(json, name, "default-deny-all").spec).toEqual({ pod_selector: {}, policy_types: ["Ingress", "Egress"] });
    expect(dnsAllowed(policies)).toBe(true);
    expect(metadataBlocked(policies)).toBe(true);
    expect(inNamespace(json, "kubernetes_limit_range_v1", name)).toHaveLength(1);
    expect(inNamespace(json, "kubernetes_resource_quota_v1", name)).toHaveLength(1);
  });

  test("the metadata check itself catches an egress rule that reaches 169.254.169.254", () => {
    const open = [
      { spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] } },
      { spec: { pod_selector: {}, policy_types: ["Egress"], egress: [{ to: [{ ip_block: { cidr: "0.0.0.0/0" } }] }] } },
    ];
    expect(metadataBlocked(open)).toBe(false);
    expect(metadataBlocked([open[0], { spec: { pod_selector: {}, policy_types: ["Egress"], egress: [{ ports: [{ port: "443" }] }] } }])).toBe(false);
    expect(metadataBlocked([open[1]])).toBe(false);
  });
});

describe("SecureNamespace rejects bad input", () => {
  const cases: Array<[string, Partial<SecureNamespaceProps>, RegExp]> = [
    ["a name that is not a DNS-1123 label", { name: "Team_A" }, /name must be a DNS-1123 label.*got 'Team_A'/],
    ["a name longer than 63 characters", { name: "a".repeat(64) }, /name must be a DNS-1123 label/],
    ["a name ending in a hyphen", { name: "team-" }, /name must be a DNS-1123 label/],
    ["a name starting with kube-", { name: "kube-team" }, /must not be a namespace the platform owns.*got 'kube-team'/],
    ["a Pod Security version that is not latest or v1.N", { podSecurityVersion: "1.33" }, /podSecurityVersion must be 'latest' or .*'v1.<minor>'.*got '1.33'/],
    ["a label that overrides Pod Security", { labels: { "pod-security.kubernetes.io/enforce": "privileged" } }, /labels must not set 'pod-security.kubernetes.io\/enforce'/],
    ["an invalid label value", { labels: { team: "a b" } }, /invalid value 'a b' for label 'team'/],
    [
      "egress to 0.0.0.0/0 that does not exclude the metadata address",
      { allowEgressTo: [{ cidr: "0.0.0.0/0", ports: [{ port: 443 }] }] },
      /allowEgressTo\[0\] opens egress to '0.0.0.0\/0', which contains the instance metadata endpoint, without excluding it: add except: \['169.254.169.254\/32'\]/,
    ],
    [
      "egress to 0.0.0.0/0 that excludes something else only",
      { allowEgressTo: [{ cidr: "0.0.0.0/0", except: ["10.0.0.0/8"], ports: [{ port: 443 }] }] },
      /without excluding it/,
    ],
    [
      "egress to a link-local range that contains the metadata address",
      { allowEgressTo: [EgressAllow.toCidr("169.254.0.0/16", [{ port: 80 }])] },
      /opens egress to '169.254.0.0\/16'/,
    ],
    [
      "egress that targets the metadata endpoint",
      { allowEgressTo: [EgressAllow.toCidr("169.254.169.254/32", [{ port: 80 }])] },
      /targets the instance metadata endpoint 169.254.169.254\/32/,
    ],
    ["egress to a CIDR on every port", { allowEgressTo: [EgressAllow.toCidr("10.0.0.0/8", [])] }, /allowEgressTo\[0\].ports must list at least one port/],
    ["egress to a CIDR with host bits", { allowEgressTo: [EgressAllow.toCidr("10.0.0.1/8", [{ port: 443 }])] }, /cidr must be an IPv4 CIDR with no host bits set/],
    [
      "an except outside its CIDR",
      { allowEgressTo: [EgressAllow.toCidr("10.0.0.0/16", [{ port: 443 }], ["10.1.0.0/24"])] },
      /except entry '10.1.0.0\/24' must lie strictly inside the rule's cidr '10.0.0.0\/16'/,
    ],
    ["ingress from anywhere", { allowIngressFrom: [IngressAllow.fromCidr("0.0.0.0/0", [{ port: 443 }])] }, /allowIngressFrom\[0\].cidr must not be a catch-all/],
    ["a rule to a namespace that is not a label", { allowEgressTo: [EgressAllow.toNamespace("Team B")] }, /allowEgressTo\[0\].namespace must be a DNS-1123 label/],
    ["a port out of range", { allowIngressFrom: [IngressAllow.fromNamespace("web", { ports: [{ port: 70000 }] })] }, /ports\[0\] must be a port number from 1 to 65535/],
    ["a bad named port", { allowIngressFrom: [IngressAllow.fromNamespace("web", { ports: [{ port: "HTTP_PORT" }] })] }, /must be a port number from 1 to 65535 or a named port/],
    ["an end port below its port", { allowEgressTo: [EgressAllow.toCidr("10.0.0.0/8", [{ port: 8000, endPort: 7000 }])] }, /endPort 7000/],
    ["a request that is not a quantity", { defaultRequests: { cpu: "one" } }, /defaultRequests.cpu must be a Kubernetes quantity.*got 'one'/],
    ["a limit that is not a quantity", { defaultLimits: { memory: "512MB" } }, /defaultLimits.memory must be a Kubernetes quantity.*got '512MB'/],
    ["a quota that is not a quantity", { quota: { requestsMemory: "lots" } }, /quota.requestsMemory must be a Kubernetes quantity/],
    ["a negative quantity", { quota: { limitsCpu: "-1" } }, /quota.limitsCpu must not be negative/],
    ["a default request above its limit", { defaultRequests: { cpu: "1" } }, /defaultRequests.cpu \('1'\) must not be greater than defaultLimits.cpu \('500m'\)/],
    ["a default memory request above its limit", { defaultRequests: { memory: "1Gi" }, defaultLimits: { memory: "512Mi" } }, /defaultRequests.memory \('1Gi'\) must not be greater than defaultLimits.memory/],
    ["quota requests above quota limits", { quota: { requestsCpu: "16" } }, /quota.requestsCpu \('16'\) must not be greater than quota.limitsCpu \('8'\)/],
    ["a default limit that cannot fit in the quota", { defaultLimits: { memory: "32Gi" } }, /defaultLimits.memory \('32Gi'\) must not be greater than quota.limitsMemory \('16Gi'\): a single container/],
    ["a pod count of zero", { quota: { pods: 0 } }, /quota.pods must be a whole number of at least 1/],
    ["a negative load balancer count", { quota: { loadBalancerServices: -1 } }, /quota.loadBalancerServices must be 0 or \{ count, reason \}.*got -1/],
    ["an admin group that is not a GUID", { adminGroupObjectIds: ["platform-admins"] }, /adminGroupObjectIds entries must be a GUID/],
  ];
  test.each(cases)("rejects %s", (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test.each(RESERVED_NAMESPACES)("rejects the platform namespace '%s'", (name) => {
    expect(() => build({ name })).toThrow(new RegExp(`must not be a namespace the platform owns.*got '${name}'`));
  });

  test("lists the platform namespaces the issue names", () => {
    expect(RESERVED_NAMESPACES).toEqual(
      expect.arrayContaining(["kube-system", "kube-public", "kube-node-lease", "default", "gatekeeper-system", "calico-system", "tigera-operator", "app-routing-system"]),
    );
  });

  test("rejects the same namespace twice in a stack", () => {
    const stack = kubernetesTestStack();
    new SecureNamespace(stack, "One", { name: "team-a" });
    expect(() => new SecureNamespace(stack, "Two", { name: "team-a" })).toThrow(/name 'team-a' is already used by the SecureNamespace at baseline\/One/);
  });

  test("names the construct path in the error", () => {
    expect(() => build({ name: "Bad" })).toThrow(/\(at baseline\/TeamA\)/);
  });

  test("keeps its defaults in one place", () => {
    expect(SECURE_NAMESPACE_DEFAULTS.quota.loadBalancerServices).toBe(0);
    expect(SECURE_NAMESPACE_DEFAULTS.quota.nodePortServices).toBe(0);
  });
});

test("SecureNamespace takes numeric quota values as tokens", () => {
  const stack = kubernetesTestStack();
  const pods = new TerraformVariable(stack, "pods", { type: "number" }).numberValue;
  new SecureNamespace(stack, "Tokens", { name: "tokens", quota: { pods, persistentVolumeClaims: pods } });
  const hard = only(synth(stack), "kubernetes_resource_quota_v1").spec.hard;
  expect(hard.pods).toBe("${var.pods}");
  expect(hard.persistentvolumeclaims).toBe("${var.pods}");
});

describe("SecureNamespace annotations", () => {
  test.each<[string, Record<string, string>, RegExp]>([
    ["a key with two slashes", { "example.com/a/b": "x" }, /^annotations has an invalid annotation key 'example\.com\/a\/b': its name 'a\/b' must be letters/],
    ["a key with an upper-case prefix", { "Example.com/owner": "x" }, /^annotations has an invalid annotation key 'Example\.com\/owner': its prefix 'Example\.com' is not a DNS-1123 subdomain/],
    ["a key name of 64 characters", { ["a".repeat(64)]: "x" }, /its name has 64 characters; at most 63 are allowed/],
    ["more than 256 KiB", { "example.com/blob": "x".repeat(256 * 1024) }, /^annotations total 262160 bytes .*Kubernetes allows at most 262144 \(256 KiB\)/],
  ])("rejects %s", (_name, annotations, message) => {
    expect(() => build({ annotations })).toThrow(message);
  });

  test("writes good annotations, and token values, as given", () => {
    const stack = kubernetesTestStack();
    const owner = new TerraformVariable(stack, "owner", { type: "string" }).stringValue;
    const { json } = build({ annotations: { "example.com/owner": owner, "example.com/about": "Payments team: cards, refunds / disputes" } }, stack);
    expect(only(json, NAMESPACE).metadata.annotations).toEqual({ "example.com/owner": "${var.owner}", "example.com/about": "Payments team: cards, refunds / disputes" });
  });
});

describe("SecureNamespace network rules taken together", () => {
  const https = [{ port: 443 }];
  test.each<[string, Partial<SecureNamespaceProps>, RegExp]>([
    [
      "an ingress catch-all split in two rules",
      { allowIngressFrom: [IngressAllow.fromCidr("0.0.0.0/1", https), IngressAllow.fromCidr("128.0.0.0/1", https)] },
      /^allowIngressFrom must not add up to a catch-all: the CIDR rules allowIngressFrom\[0\], allowIngressFrom\[1\] together cover '0\.0\.0\.0\/1' \+ '128\.0\.0\.0\/1' \(together every IPv4 address\)\. Name the sources/,
    ],
    [
      "an ingress catch-all in three rules, on different ports",
      {
        allowIngressFrom: [
          IngressAllow.fromCidr("0.0.0.0/2", https),
          IngressAllow.fromNamespace("web"),
          IngressAllow.fromCidr("64.0.0.0/2", [{ port: 80 }]),
          IngressAllow.fromCidr("128.0.0.0/1", https),
        ],
      },
      /the CIDR rules allowIngressFrom\[0\], allowIngressFrom\[2\], allowIngressFrom\[3\] together cover/,
    ],
    ["a CIDR rule on every port, as one range", { allowEgressTo: [EgressAllow.toCidr("10.0.0.0/8", [{ port: 1, endPort: 65535 }])] }, /^allowEgressTo\[0\]\.ports must not cover every TCP port; got '1-65535'/],
    [
      "a CIDR rule on every port, in adjacent ranges",
      { allowIngressFrom: [IngressAllow.fromCidr("10.240.1.0/24", [{ port: 1, endPort: 1023 }, { port: 1024, endPort: 65535 }])] },
      /^allowIngressFrom\[0\]\.ports must not cover every TCP port; got '1-1023' \+ '1024-65535' \(together 1-65535\)/,
    ],
    [
      "internet egress on every UDP port",
      { allowEgressTo: [EgressAllow.internet([{ port: 1, endPort: 30000, protocol: "UDP" }, { port: 30001, endPort: 65535, protocol: "UDP" }])] },
      /^allowEgressTo\[0\]\.ports must not cover every UDP port/,
    ],
    ["a protocol that is not one of the three", { allowEgressTo: [EgressAllow.toCidr("10.0.0.0/8", [{ port: 443, protocol: "tcp" as any }])] }, /^allowEgressTo\[0\]\.ports\[0\]\.protocol must be one of 'TCP', 'UDP', 'SCTP'; got 'tcp'\. Did you mean 'TCP'\?/],
    ["a protocol on a namespace rule", { allowIngressFrom: [IngressAllow.fromNamespace("web", { ports: [{ port: 80, protocol: "HTTP" as any }] })] }, /^allowIngressFrom\[0\]\.ports\[0\]\.protocol must be one of 'TCP', 'UDP', 'SCTP'; got 'HTTP'/],
  ])("rejects %s", (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test("takes ranges that leave part of the space out, and ports that leave one out", () => {
    const { json } = build({
      allowIngressFrom: [IngressAllow.fromCidr("0.0.0.0/1", https), IngressAllow.fromCidr("128.0.0.0/2", https)],
      allowEgressTo: [EgressAllow.toCidr("10.0.0.0/8", [{ port: 1, endPort: 442 }, { port: 444, endPort: 65535 }]), EgressAllow.internet(https)],
    });
    expect(policy(json, "team-a", "allow-ingress").spec.ingress).toHaveLength(2);
    expect(policy(json, "team-a", "allow-egress").spec.egress[0].ports).toEqual([
      { port: "1", protocol: "TCP", end_port: 442 },
      { port: "444", protocol: "TCP", end_port: 65535 },
    ]);
  });

  test("takes egress split in halves, each excepting the metadata endpoint where it lies", () => {
    expect(() =>
      build({ allowEgressTo: [EgressAllow.toCidr("0.0.0.0/1", https), EgressAllow.toCidr("128.0.0.0/1", https, [INSTANCE_METADATA_CIDR])] }),
    ).not.toThrow();
    expect(() => build({ allowEgressTo: [EgressAllow.toCidr("0.0.0.0/1", https), EgressAllow.toCidr("128.0.0.0/1", https)] })).toThrow(
      /^allowEgressTo\[1\] opens egress to '128\.0\.0\.0\/1', which contains the instance metadata endpoint, without excluding it/,
    );
  });

  test("does not count token ranges or token ports", () => {
    const stack = kubernetesTestStack();
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    const last = new TerraformVariable(stack, "last", { type: "number" }).numberValue;
    const { json } = build(
      {
        allowIngressFrom: [IngressAllow.fromCidr("0.0.0.0/1", https), IngressAllow.fromCidr(cidr, https)],
        allowEgressTo: [EgressAllow.toCidr("10.0.0.0/8", [{ port: 1, endPort: last }])],
      },
      stack,
    );
    expect(policy(json, "team-a", "allow-ingress").spec.ingress[1].from[0].ip_block.cidr).toBe("${var.cidr}");
  });
});

describe("SecureNamespace LoadBalancer and NodePort services", () => {
  const REASON = "The MQTT broker needs a TCP load balancer for field devices (CHG-4521).";

  test.each<[string, Partial<SecureNamespaceProps>, RegExp]>([
    ["a bare load balancer count", { quota: { loadBalancerServices: 2 } }, /^quota\.loadBalancerServices must be 0 or \{ count, reason \}: LoadBalancer services bypass the Application Gateway's WAF \(ING-1\).*got 2\. Write quota\.loadBalancerServices: \{ count: 2, reason/],
    ["a bare node port count", { quota: { nodePortServices: 1 } }, /^quota\.nodePortServices must be 0 or \{ count, reason \}: NodePort services bypass/],
    ["an allowance without a reason", { quota: { nodePortServices: { count: 1 } as any } }, /^quota\.nodePortServices\.reason must say why this namespace needs NodePort services that bypass the WAF, in at least 10 characters; got nothing/],
    ["an allowance with a one-word reason", { quota: { loadBalancerServices: { count: 1, reason: "needed" } } }, /^quota\.loadBalancerServices\.reason must say .*got 'needed'/],
    ["an allowance of none", { quota: { loadBalancerServices: { count: 0, reason: REASON } } }, /^quota\.loadBalancerServices\.count must be a whole number of at least 1 \(for none, set quota\.loadBalancerServices to 0\); got 0\./],
    ["an allowance that is a string", { quota: { loadBalancerServices: "1" as any } }, /^quota\.loadBalancerServices must be 0 or \{ count, reason \}; got '1'\./],
  ])("rejects %s", (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test("allows the count given with a reason, and records the reason as K8S-4's acknowledgement on the quota", () => {
    const stack = kubernetesTestStack();
    const { namespace, json } = build({ quota: { loadBalancerServices: { count: 2, reason: REASON }, nodePortServices: { count: 1, reason: "Node exporter scraped on its node port (CHG-77)." } } }, stack);
    expect(only(json, "kubernetes_resource_quota_v1").spec.hard).toMatchObject({ "services.loadbalancers": "2", "services.nodeports": "1" });
    const report = Compliance.evaluate(stack);
    const k8s4 = report.rules.find((result) => result.rule.id === "K8S-4");
    const quota = k8s4?.resources.find((resource) => resource.constructPath === namespace.resourceQuota.node.path);
    expect(quota).toMatchObject({
      status: "acknowledged",
      problems: [
        `spec.hard["services.loadbalancers"] is '2': it allows LoadBalancer services, which publish pods past the Application Gateway's WAF (ING-1); it must be "0"`,
        `spec.hard["services.nodeports"] is '1': it allows NodePort services, which publish pods past the Application Gateway's WAF (ING-1); it must be "0"`,
      ],
      acknowledgement: { ruleId: "K8S-4", reason: `services.loadbalancers: ${REASON}; services.nodeports: Node exporter scraped on its node port (CHG-77).` },
    });
    // The acknowledgement is on the quota alone: the namespace's own K8S-4 checks still count.
    expect(k8s4?.resources.find((resource) => resource.address.startsWith("kubernetes_namespace_v1."))?.status).toBe("pass");
  });

  test("records nothing when both stay at 0, and K8S-4 passes", () => {
    const stack = kubernetesTestStack();
    const { namespace } = build({ quota: { loadBalancerServices: 0 } }, stack);
    expect(Compliance.acknowledgementsOf(stack)).toEqual([]);
    const k8s4 = Compliance.evaluate(stack).rules.find((result) => result.rule.id === "K8S-4");
    expect(k8s4?.resources.find((resource) => resource.constructPath === namespace.resourceQuota.node.path)?.status).toBe("pass");
  });

  test("takes a count token as it is: its value is Terraform's, so no reason is asked", () => {
    const stack = kubernetesTestStack();
    const lbs = new TerraformVariable(stack, "lbs", { type: "number" }).numberValue;
    const { json } = build({ quota: { loadBalancerServices: lbs } }, stack);
    expect(only(json, "kubernetes_resource_quota_v1").spec.hard["services.loadbalancers"]).toBe("${var.lbs}");
    expect(Compliance.acknowledgementsOf(stack)).toEqual([]);
  });
});

describe("SecureNamespace from JavaScript", () => {
  // What TypeScript would refuse, as a JavaScript caller can write it: each names the prop.
  test.each<[string, unknown, RegExp]>([
    ["no name", { name: undefined }, /^name is required and must be a non-empty string, e\.g\. 'payments'; got nothing \(the prop is missing\)/],
    ["a null name", { name: null }, /^name is required .*got null/],
    ["a number as name", { name: 42 }, /^name is required and must be a non-empty string.*got 42/],
    ["rules that are not a list", { allowIngressFrom: IngressAllow.fromNamespace("web") }, /^allowIngressFrom must be an array when given/],
    ["a null rule", { allowEgressTo: [null] }, /^allowEgressTo\[0\] is required and must be an object.*got null/],
    ["a CIDR that is a number", { allowEgressTo: [{ cidr: 10, ports: [{ port: 443 }] }] }, /^allowEgressTo\[0\]\.cidr is required and must be a non-empty string.*got 10/],
    ["an except that is a string", { allowEgressTo: [{ cidr: "10.0.0.0/8", except: "10.1.0.0/16", ports: [{ port: 443 }] }] }, /^allowEgressTo\[0\]\.except must be a list of CIDRs.*got '10\.1\.0\.0\/16'/],
    ["ports that are not a list", { allowIngressFrom: [{ namespace: "web", ports: { port: 80 } }] }, /^allowIngressFrom\[0\]\.ports must be a list of ports.*got \{"port":80\}/],
    ["a namespace rule naming a number", { allowIngressFrom: [{ namespace: 7 }] }, /^allowIngressFrom\[0\]\.namespace is required and must be a non-empty string.*got 7/],
    ["a port without its number", { allowIngressFrom: [{ namespace: "web", ports: [{ protocol: "TCP" }] }] }, /^allowIngressFrom\[0\]\.ports\[0\]\.port is required and must be a port number from 1 to 65535 or a named port, e\.g\. \{ port: 443 \}; got nothing/],
    ["a null port", { allowEgressTo: [{ cidr: "10.0.0.0/8", ports: [null] }] }, /^allowEgressTo\[0\]\.ports\[0\] is required and must be an object.*got null/],
    ["an admin group as one string", { adminGroupObjectIds: ADMIN_GROUP_ID }, /^adminGroupObjectIds must be an array when given, e\.g\. \['<Entra group object id>'\]; got '11111111-/],
    ["a quota that is a number", { quota: 5 }, /^quota must be an object when given.*got 5/],
    ["labels that are a list", { labels: ["team"] }, /^labels must be an object of label keys to string values/],
  ])("names the prop for %s", (_name, props, message) => {
    expect(() => new SecureNamespace(kubernetesTestStack(), "TeamA", { name: "team-a", ...(props as object) } as any)).toThrow(message);
  });

  test("names the props object when there is none", () => {
    expect(() => new SecureNamespace(kubernetesTestStack(), "TeamA", undefined as any)).toThrow(/^props is required and must be an object, e\.g\. \{ name: 'payments' \}; got nothing/);
  });
});

test("SecureNamespace takes a Terraform variable as its name without checking it", () => {
  const stack = kubernetesTestStack();
  const name = new TerraformVariable(stack, "namespace", { type: "string" }).stringValue;
  const { json } = build({ name, allowIngressFrom: [IngressAllow.fromNamespace(name)] }, stack);
  expect(only(json, NAMESPACE).metadata.name).toBe("${var.namespace}");
});
