import { compareParity, describeDifference, isExcepted, replaceEnvironmentName, securityPosture, type EnvironmentTerraform } from "../../lib/environments/parity";

function terraform(environment: string, cluster: Record<string, unknown>, extra: Record<string, unknown> = {}): EnvironmentTerraform {
  return {
    environment,
    stackId: `${environment}-platform`,
    addressSpaces: environment === "dev" ? ["10.240.0.0/16"] : ["10.241.0.0/16"],
    terraform: {
      resource: {
        azurerm_kubernetes_cluster: {
          Cluster_1: { "//": { metadata: { path: `${environment}-platform/Cluster/Resource` } }, ...cluster },
        },
        ...extra,
      },
    },
  };
}

const base = (env: string) => ({
  name: `aks-${env}`,
  location: "westeurope",
  local_account_disabled: true,
  sku_tier: "Standard",
  default_node_pool: { vm_size: env === "dev" ? "Standard_D2ds_v5" : "Standard_D8ds_v5", min_count: 3, max_count: env === "dev" ? 3 : 30, zones: ["1", "2", "3"] },
  network_profile: { pod_cidr: "10.244.0.0/16" },
  tags: { environment: env },
});

describe("securityPosture", () => {
  test("keeps security attributes and drops names, sizes, tags and the environment's own addresses", () => {
    const posture = securityPosture({
      ...terraform("dev", { ...base("dev"), api_server_access_profile: { authorized_ip_ranges: ["10.240.1.0/24", "203.0.113.0/24"] } }),
    });
    expect(posture["Cluster/Resource"].attributes).toEqual({
      local_account_disabled: "true",
      sku_tier: '"Standard"',
      "default_node_pool.zones": '["1","2","3"]',
      "network_profile.pod_cidr": '"10.244.0.0/16"',
      "api_server_access_profile.authorized_ip_ranges": '["<env-address>","203.0.113.0/24"]',
    });
  });

  test("replaces the environment's name inside values, so references to its names compare equal", () => {
    const posture = securityPosture(terraform("dev", { ...base("dev"), private_dns_zone_id: "/zones/dev-zone" }));
    expect(posture["Cluster/Resource"].attributes.private_dns_zone_id).toBe('"/zones/<env>-zone"');
  });

  test("leaves the environment's name alone where it begins a longer word", () => {
    const rule = 'sum without (device) (rate(node_network_receive_drop_total{device!="lo"}[5m]))';
    const posture = securityPosture(terraform("dev", { ...base("dev"), private_dns_zone_id: "/zones/craks-dev", description_of_rule: rule }));
    expect(posture["Cluster/Resource"].attributes.private_dns_zone_id).toBe('"/zones/craks-<env>"');
    expect(posture["Cluster/Resource"].attributes.description_of_rule).toBe(JSON.stringify(rule));
  });

  test("ignores prevent_destroy, which production sets by design", () => {
    const posture = securityPosture(terraform("dev", { ...base("dev"), lifecycle: { prevent_destroy: true, ignore_changes: ["kubernetes_version"] } }));
    expect(posture["Cluster/Resource"].attributes).toMatchObject({ "lifecycle.ignore_changes": '["kubernetes_version"]' });
    expect(posture["Cluster/Resource"].attributes["lifecycle.prevent_destroy"]).toBeUndefined();
  });
});

describe("replaceEnvironmentName", () => {
  // The environment's name is replaced where it is a word of its own, never inside another word.
  test.each([
    ["prod", "aks-prod-weu", "aks-<env>-weu"],
    ["prod", "rg_prod", "rg_<env>"],
    ["prod", "/subscriptions/s/resourceGroups/rg-prod/providers/x", "/subscriptions/s/resourceGroups/rg-<env>/providers/x"],
    ["prod", "prod.example.com", "<env>.example.com"],
    ["prod", "rg-prod01", "rg-<env>01"],
    ["prod", "AKS-PROD", "AKS-<env>"],
    ["dev", "/zones/dev-zone", "/zones/<env>-zone"],
    ["e0", "vnet-e0", "vnet-<env>"],
    ["a", "rg-a-weu", "rg-<env>-weu"],
  ])("%s in %s becomes %s", (environment, value, expected) => {
    expect(replaceEnvironmentName(value, environment)).toBe(expected);
  });

  test.each([
    ["test", "nginx:latest"],
    ["west", "westeurope"],
    ["west", "privatelink.westeurope.azmk8s.io"],
    ["eu", "northeurope"],
    ["ad", "AzureActiveDirectory"],
    ["ad", "https://login.microsoftonline.com/ad1x"],
    ["a", "Standard_D4ds_v5"],
    ["e0", "fe00::/8"],
    ["prod", "kvprod01"],
    ["prod", "stprod"],
    ["prod", "production"],
  ])("%s is left alone inside %s", (environment, value) => {
    expect(replaceEnvironmentName(value, environment)).toBe(value);
  });
});

describe("compareParity", () => {
  test("finds no difference between environments that differ only in names, sizes and address ranges", () => {
    expect(compareParity({ dev: securityPosture(terraform("dev", base("dev"))), prod: securityPosture(terraform("prod", base("prod"))) })).toEqual([]);
  });

  test("reports a weakened control with each environment's value", () => {
    const dev = securityPosture(terraform("dev", { ...base("dev"), local_account_disabled: false }));
    const prod = securityPosture(terraform("prod", base("prod")));
    expect(compareParity({ dev, prod })).toEqual([
      { resource: "Cluster/Resource", type: "azurerm_kubernetes_cluster", attribute: "local_account_disabled", values: { dev: "false", prod: "true" } },
    ]);
  });

  test("reports an attribute set in one environment only", () => {
    const dev = securityPosture(terraform("dev", base("dev")));
    const prod = securityPosture(terraform("prod", { ...base("prod"), run_command_enabled: false }));
    expect(compareParity({ dev, prod })).toEqual([expect.objectContaining({ attribute: "run_command_enabled", values: { dev: "(absent)", prod: "false" } })]);
  });

  test("reports a resource that exists in some environments only", () => {
    const plan = { azurerm_security_center_subscription_pricing: { Plan: { "//": { metadata: { path: "prod-platform/Plan" } }, tier: "Standard" } } };
    const dev = securityPosture(terraform("dev", base("dev")));
    const prod = securityPosture(terraform("prod", base("prod"), plan));
    expect(compareParity({ dev, prod })).toEqual([
      { resource: "Plan", type: "azurerm_security_center_subscription_pricing", attribute: "(resource)", values: { dev: "(absent)", prod: "(present)" } },
    ]);
  });
});

describe("parity exceptions", () => {
  const difference = { resource: "Cluster/Resource", type: "azurerm_kubernetes_cluster", attribute: "default_node_pool.zones", values: { dev: "[]", prod: '["1"]' } };

  test("cover an attribute, its children, or the whole resource", () => {
    expect(isExcepted(difference, [{ resource: "Cluster/Resource", attribute: "default_node_pool.zones", reason: "dev region has no zones" }])).toBeDefined();
    expect(isExcepted(difference, [{ resource: "Cluster/Resource", attribute: "default_node_pool", reason: "dev pool is smaller" }])).toBeDefined();
    expect(isExcepted(difference, [{ resource: "Cluster/Resource", reason: "dev cluster is a sandbox" }])).toBeDefined();
  });

  test("do not cover other resources or other attributes", () => {
    expect(isExcepted(difference, [{ resource: "Other/Resource", reason: "unrelated resource" }])).toBeUndefined();
    expect(isExcepted(difference, [{ resource: "Cluster/Resource", attribute: "default_node", reason: "a prefix that is not a path" }])).toBeUndefined();
  });

  test("the message names the role, resource, attribute, values and how to accept it", () => {
    expect(describeDifference("platform", difference)).toBe(
      `OPS-1 parity: the 'platform' stacks differ at Cluster/Resource (azurerm_kubernetes_cluster) default_node_pool.zones: dev=[], prod=["1"]. Environments built from one definition may differ only in names, sizes and address ranges. Make them equal, or accept the difference with a parityException { resource: 'Cluster/Resource', attribute: 'default_node_pool.zones', reason }.`,
    );
  });
});
