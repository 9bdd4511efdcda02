// The in-cluster verdicts, family by family: bad values with their messages, good values,
// and tokens, which are never checked.
import { Token, TerraformStack, TerraformVariable, Testing } from "cdktf";
import * as rules from "../../lib/kubernetes/validate";

const stack = new TerraformStack(Testing.app(), "tokens");
const token = new TerraformVariable(stack, "value", { type: "string" }).stringValue;
const numberToken = new TerraformVariable(stack, "count", { type: "number" }).numberValue;

describe("label and annotation keys", () => {
  const badKeys: Array<[string, RegExp]> = [
    ["", /its name \(after the prefix\) is empty/],
    ["example.com/", /its name \(after the prefix\) is empty/],
    ["Example.com/app", /its prefix 'Example\.com' is not a DNS-1123 subdomain/],
    ["a/b/c", /its name 'b\/c' must be letters, digits.*one '\/' at most/],
    ["-app", /its name '-app' must be letters/],
    ["app name", /its name 'app name' must be letters/],
    ["a".repeat(64), /its name has 64 characters; at most 63 are allowed/],
    [`${"a".repeat(254)}/x`, /its prefix '.*' is not a DNS-1123 subdomain \(at most 253/],
  ];
  test.each(badKeys)("refuses the label key %p", (key, message) => {
    const verdict = rules.labels("labels", { [key]: "v" });
    expect(verdict).toMatch(new RegExp(`^labels has an invalid label key '${key.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}': `));
    expect(verdict).toMatch(message);
  });
  test.each(badKeys)("refuses the annotation key %p", (key, message) => {
    const verdict = rules.annotations("annotations", { [key]: "v" });
    expect(verdict).toMatch(/^annotations has an invalid annotation key /);
    expect(verdict).toMatch(message);
  });

  const goodKeys = ["app", "app.kubernetes.io/name", "example.com/owner", "a".repeat(63), `${"a".repeat(253)}/x`, "A_b.c-D"];
  test.each(goodKeys)("takes the key %p", (key) => {
    expect(rules.labels("labels", { [key]: "v" })).toBeUndefined();
    expect(rules.annotations("annotations", { [key]: "any text, with spaces: / and all" })).toBeUndefined();
  });
});

describe("label values", () => {
  test.each([
    ["a b", /invalid value 'a b' for label 'team'/],
    ["-x", /invalid value '-x'/],
    ["a".repeat(64), /invalid value 'a{64}'/],
  ])("refuses %p", (value, message) => {
    expect(rules.labels("labels", { team: value })).toMatch(message);
  });
  test("refuses a value that is not a string, saying to quote it", () => {
    expect(rules.labels("podLabels", { tier: 1 as any })).toBe("podLabels['tier'] must be a string (label values are text: write '1' in quotes); got 1.");
  });
  test("refuses labels that are not an object", () => {
    expect(rules.labels("labels", ["team"] as any)).toBe(`labels must be an object of label keys to string values, e.g. { team: 'payments' }; got ["team"].`);
  });
  test.each(["", "v1", "a.b_c-d", "a".repeat(63)])("takes %p", (value) => {
    expect(rules.labels("labels", { team: value })).toBeUndefined();
  });
});

describe("annotation sizes", () => {
  test("refuses more than 256 KiB of keys and values together", () => {
    const half = "x".repeat(128 * 1024);
    expect(rules.annotations("annotations", { a: half, b: half })).toBe(
      `annotations total ${256 * 1024 + 2} bytes (keys and values together); Kubernetes allows at most 262144 (256 KiB). Keep large data in a ConfigMap or Key Vault and annotate a reference to it.`,
    );
  });
  test("counts bytes, not characters", () => {
    expect(rules.annotations("annotations", { a: "é".repeat(128 * 1024) })).toMatch(/^annotations total 262145 bytes/);
    expect(rules.annotations("annotations", { a: "x".repeat(256 * 1024 - 1) })).toBeUndefined();
  });
  test("refuses a value that is not a string", () => {
    expect(rules.annotations("annotations", { "example.com/replicas": 3 as any })).toBe("annotations['example.com/replicas'] must be a string (annotation values are text); got 3.");
  });
});

describe("tokens in labels and annotations", () => {
  test("are neither checked nor counted", () => {
    expect(rules.labels("labels", { team: token, [token]: "x" })).toBeUndefined();
    expect(rules.annotations("annotations", { "example.com/owner": token, [token]: "x" })).toBeUndefined();
    expect(rules.annotations("annotations", Token.asAny(token) as any)).toBeUndefined();
  });
});

describe("image references", () => {
  const bad: Array<[string, string]> = [
    ["", "it is empty"],
    ["   ", "it is empty"],
    ["craksprod.azurecr.io/app: 1.0", "it contains whitespace"],
    ["craksprod.azurecr.io/Payments/api:1.0", "its repository part 'Payments' has upper case; repositories are lower case"],
    ["craksprod.azurecr.io//api:1.0", "its repository has an empty path part (a leading, trailing or doubled '/')"],
    ["craksprod.azurecr.io/api/:1.0", "its repository has an empty path part (a leading, trailing or doubled '/')"],
    ["craksprod.azurecr.io/api:", "its tag '' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"],
    ["craksprod.azurecr.io/api:.hidden", "its tag '.hidden' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"],
    [`craksprod.azurecr.io/api:${"1".repeat(129)}`, `its tag '${"1".repeat(129)}' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`],
    ["craksprod.azurecr.io/api@sha256:abc", "its digest 'sha256:abc' is not 'sha256:' and 64 lower-case hex digits"],
    [`craksprod.azurecr.io/api@md5:${"a".repeat(64)}`, `its digest 'md5:${"a".repeat(64)}' is not 'sha256:' and 64 lower-case hex digits`],
    ["craksprod.azurecr.io/api--/x:1", "its repository part 'api--' must be lower-case letters and digits, separated by '.', '_', '__' or '-'"],
    ["bad_host.io/api:1", "its registry 'bad_host.io' is not a host name with an optional port"],
  ];
  test.each(bad)("refuses %p", (image, why) => {
    expect(rules.imageReference("image", image)).toBe(
      `image must be an image reference [registry/]repository[:tag][@digest], e.g. 'craksprod.azurecr.io/payments/api:1.4.2' or '...@sha256:<64 hex digits>'; got '${image}': ${why}.`,
    );
  });
  const good = [
    "craksprod.azurecr.io/payments/api:1.4.2",
    "craksprod.azurecr.io/payments/api:1.0-RC1",
    `craksprod.azurecr.io/payments/api@sha256:${"a1".repeat(32)}`,
    `craksprod.azurecr.io/payments/api:1.4.2@sha256:${"0".repeat(64)}`,
    "localhost:5000/api:1",
    "nginx:1.27",
    "library/nginx_x__y.z-w:1",
    "10.0.0.4:5000/team/api:2",
  ];
  test.each(good)("takes %p", (image) => {
    expect(rules.imageReference("image", image)).toBeUndefined();
  });
  test("leaves a token alone, whole or in part", () => {
    expect(rules.imageReference("image", token)).toBeUndefined();
    expect(rules.imageReference("image", `craksprod.azurecr.io/api:${token}`)).toBeUndefined();
  });
});

describe("mounted file names", () => {
  const bad: Array<[string, string]> = [
    ["", "it is empty"],
    ["../etc/passwd", "it contains a path separator (an absolute path or a path into a directory)"],
    ["/etc/passwd", "it contains a path separator (an absolute path or a path into a directory)"],
    ["sub/file", "it contains a path separator (an absolute path or a path into a directory)"],
    ["..\\file", "it contains a path separator (an absolute path or a path into a directory)"],
    ["..", "it names the mount directory or its parent"],
    [".", "it names the mount directory or its parent"],
    ["a".repeat(256), "it has 256 characters; file names are at most 255"],
  ];
  test.each(bad)("refuses %p", (name, why) => {
    expect(rules.mountedFileName("objects[0].alias", name)).toBe(
      `objects[0].alias becomes a file name in the mounted volume and must be a plain file name, e.g. 'db-password'; got '${name}': ${why}.`,
    );
  });
  test.each(["db-password", "tls.crt", "..hidden", "a..b", "a".repeat(255)])("takes %p", (name) => {
    expect(rules.mountedFileName("objects[0].alias", name)).toBeUndefined();
  });
  test("leaves a token alone", () => {
    expect(rules.mountedFileName("objects[0].alias", token)).toBeUndefined();
  });
});

describe("secret data keys and environment variable names", () => {
  test.each(["", "tls crt", "a/b", "..", "a".repeat(254)])("refuses the data key %p", (key) => {
    expect(rules.secretDataKey("data[0].key", key)).toBe(
      `data[0].key must be a Secret data key: 1-253 letters, digits, '-', '_' or '.' (not '.' or '..'), e.g. 'tls.crt'; got '${key}'.`,
    );
  });
  test.each(["tls.crt", "ca_bundle", "A-1", token])("takes the data key %p", (key) => {
    expect(rules.secretDataKey("data[0].key", key)).toBeUndefined();
  });
  test.each(["A=B", "", "TAB\tNAME", "caf\u00e9"])("refuses the variable name %p", (name) => {
    expect(rules.envVarNames("env", { [name]: "x" })).toBe(
      `env has an invalid variable name '${name}': a name is one or more printable ASCII characters other than '=', e.g. 'LOG_LEVEL'.`,
    );
  });
  // Kubernetes 1.34 made RelaxedEnvironmentVariableValidation GA: names that once had to be C identifiers.
  test.each(["1ST", "LOG LEVEL", "my.var-1", "a:b"])("takes the variable name %p", (name) => {
    expect(rules.envVarNames("env", { [name]: "x" })).toBeUndefined();
  });
  test("refuses a value that is not a string", () => {
    expect(rules.envVarNames("env", { PORT: 8080 as any })).toBe("env.PORT must be a string (write '8080'); got 8080.");
  });
  test.each<Record<string, string>>([{ LOG_LEVEL: "info" }, { "my.var-1": "x" }, { _X: token }])("takes %p", (env) => {
    expect(rules.envVarNames("env", env)).toBeUndefined();
  });
});

describe("ingress CIDR rules taken together", () => {
  const rule = (i: number, cidr: string) => ({ prop: `allowIngressFrom[${i}]`, cidr });
  test.each([
    [["0.0.0.0/1", "128.0.0.0/1"], "'0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)"],
    [["128.0.0.0/1", "0.0.0.0/2", "64.0.0.0/2"], "'128.0.0.0/1' + '0.0.0.0/2' + '64.0.0.0/2' (together every IPv4 address)"],
    [["::/1", "8000::/1"], "'::/1' + '8000::/1' (together every IPv6 address)"],
  ])("refuses %p", (cidrs, covered) => {
    expect(rules.ingressUnion("allowIngressFrom", cidrs.map((c, i) => rule(i, c)))).toBe(
      `allowIngressFrom must not add up to a catch-all: the CIDR rules ${cidrs.map((_, i) => `allowIngressFrom[${i}]`).join(", ")} together cover ${covered}. Name the sources (e.g. the Application Gateway subnet), or allow a namespace instead (ING-1).`,
    );
  });
  test.each([[["0.0.0.0/1", "128.0.0.0/2"]], [["10.240.1.0/24", "10.240.2.0/24"]], [[]]])("takes %p", (cidrs) => {
    expect(rules.ingressUnion("allowIngressFrom", cidrs.map((c, i) => rule(i, c)))).toBeUndefined();
  });
  test("does not count a token as coverage", () => {
    expect(rules.ingressUnion("allowIngressFrom", [rule(0, "0.0.0.0/1"), rule(1, token)])).toBeUndefined();
  });
});

describe("CIDR rule ports taken together", () => {
  test.each([
    [[{ port: 1, endPort: 65535 }], "TCP", "'1-65535'"],
    [[{ port: 1, endPort: 32767 }, { port: 32768, endPort: 65535 }], "TCP", "'1-32767' + '32768-65535'"],
    [[{ port: 1, endPort: 100, protocol: "UDP" }, { port: 101, endPort: 65535, protocol: "UDP" }], "UDP", "'1-100' + '101-65535'"],
  ])("refuses %p", (ports, protocol, list) => {
    expect(rules.portsNotAll("allowEgressTo[0]", ports)).toBe(
      `allowEgressTo[0].ports must not cover every ${protocol} port; got ${list} (together 1-65535). A CIDR rule opens the ports the traffic uses, e.g. [{ port: 443 }].`,
    );
  });
  test.each([
    [[{ port: 443 }]],
    [[{ port: 2, endPort: 65535 }]],
    [[{ port: 1, endPort: 32767, protocol: "TCP" }, { port: 32768, endPort: 65535, protocol: "UDP" }]],
    [[{ port: "https" }]],
  ])("takes %p", (ports) => {
    expect(rules.portsNotAll("allowEgressTo[0]", ports)).toBeUndefined();
  });
  test("does not count a token range", () => {
    expect(rules.portsNotAll("allowEgressTo[0]", [{ port: 1, endPort: numberToken }])).toBeUndefined();
  });
});

describe("service allowances in a quota", () => {
  const fixes = "Write quota.loadBalancerServices: { count: 2, reason: '<why this namespace needs them>' }, or keep 0 and publish through the ingress.";
  test.each([
    [2, `quota.loadBalancerServices must be 0 or { count, reason }: LoadBalancer services bypass the Application Gateway's WAF (ING-1), so allowing them is an opt-out with a written reason; got 2. ${fixes}`],
    [{ count: 0, reason: "The broker needs a TCP load balancer." }, "quota.loadBalancerServices.count must be a whole number of at least 1 (for none, set quota.loadBalancerServices to 0); got 0."],
    [{ count: 1.5, reason: "The broker needs a TCP load balancer." }, /count must be a whole number of at least 1.*got 1\.5/],
    [{ count: 1 }, /^quota\.loadBalancerServices\.reason must say why this namespace needs LoadBalancer services that bypass the WAF, in at least 10 characters; got nothing/],
    [{ count: 1, reason: "needed" }, /reason must say .*; got 'needed'/],
    ["1", "quota.loadBalancerServices must be 0 or { count, reason }; got '1'."],
  ])("refuses %p", (value, message) => {
    const verdict = rules.serviceAllowance("quota.loadBalancerServices", value, "LoadBalancer");
    if (typeof message === "string") expect(verdict).toBe(message);
    else expect(verdict).toMatch(message);
  });
  test.each([undefined, 0, { count: 2, reason: "The MQTT broker needs a TCP load balancer (CHG-4521)." }, numberToken, { count: numberToken, reason: token }])(
    "takes %p",
    (value) => {
      expect(rules.serviceAllowance("quota.loadBalancerServices", value, "LoadBalancer")).toBeUndefined();
    },
  );
});

describe("namespaces the platform owns", () => {
  test.each(["kube-system", "default", "gatekeeper-system", "kube-anything"])("refuses %p", (name) => {
    expect(rules.platformNamespace("namespace", name, "Fix it.")).toMatch(new RegExp(`^namespace must not be a namespace the platform owns \\(default, kube-system, .*\\); got '${name}'\\. Fix it\\.$`));
  });
  test.each(["payments", "kubernetes", "system", token])("takes %p", (name) => {
    expect(rules.platformNamespace("namespace", name, "Fix it.")).toBeUndefined();
  });
});

describe("namespace references", () => {
  test.each([
    [undefined, "nothing (the prop is missing)"],
    [null, "null"],
    [42, "42"],
    [{ name: "payments" }, `{"name":"payments"}`],
  ])("refuses %p", (value, shown) => {
    expect(rules.namespaceRef("namespace", value)).toBe(`namespace is required and must be a namespace's name or a SecureNamespace, e.g. 'payments'; got ${shown}.`);
  });
  test("refuses an empty name", () => {
    expect(rules.namespaceRef("namespace", "")).toMatch(/^namespace is required and must be a non-empty string/);
  });
  test.each(["payments", token, { namespaceName: "payments", namespaceDependables: [] }])("takes %p", (value) => {
    expect(rules.namespaceRef("namespace", value)).toBeUndefined();
  });
});
