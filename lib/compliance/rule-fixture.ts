// What a rule's fixtures are (`rules/<id>.fixtures.ts`, next to the rule), and the Terraform
// JSON builders they share. Test data: compiled into dist/ with the rest, but left out of the
// package by `files` in package.json; `test/compliance/rule-fixtures.test.ts` runs them. No
// cdktf, no construct.
import type { JsonObject } from "./terraform-json";

/** A problem a rule reports: its exact text, or a pattern it matches. */
export type ExpectedProblem = string | RegExp;

/** A resource a rule fails, and what it says about it. */
export interface ExpectedFailure {
  /** The resource's address (`type.name`; `terraform` for a rule that checks the whole stack), or a pattern of it. */
  readonly address: string | RegExp;
  /** Every problem the rule reports on the resource, in order. */
  readonly problems: readonly ExpectedProblem[];
}

/**
 * A change to one of the library's default stacks, which the test synthesizes from the
 * constructs with only their required props: `azure` (network, firewall egress, WAF
 * ingress, private registry, vault with the cluster's keys, cluster, a workload identity)
 * or `in-cluster` (a secure namespace, the developers' role, a restricted deployment with
 * its service account and SecretProviderClass). The whole pack runs on it, so a fixture on
 * a default stack also shows which other rules the change fails.
 */
export interface DefaultStackChange {
  /** Which default stack to start from. */
  readonly defaults: "azure" | "in-cluster";
  /**
   * Changes the stack's JSON the way an escape-hatch override or an added resource would.
   *
   * @default - no change: the library's defaults
   */
  readonly change?: (stack: StackEditor) => void;
}

/** A fixture's stack: Terraform JSON (a stack, or just its `resource` block), or a change to a default stack. */
export type FixtureStack = JsonObject | DefaultStackChange;

/** A stack on which the rule finds nothing wrong. */
export interface PassingFixture {
  /** What the case shows, e.g. `accepts the legacy enable_rbac_authorization`. */
  readonly name: string;
  /** The stack the rule passes on. */
  readonly stack: FixtureStack;
  /**
   * Whether the stack is evaluated as production (`Compliance.markProduction`).
   *
   * @default false
   */
  readonly production?: boolean;
  /**
   * Exactly the addresses the rule checks on the stack, all passing; `[]` when the rule
   * does not apply to it.
   *
   * @default - at least one resource, all passing
   */
  readonly checks?: readonly string[];
}

/** A stack on which the rule fails, with what it must say. */
export interface FailingFixture {
  /** What the case weakens, e.g. `override local_account_disabled`. */
  readonly name: string;
  /** The stack the rule fails on. */
  readonly stack: FixtureStack;
  /**
   * Whether the stack is evaluated as production (`Compliance.markProduction`).
   *
   * @default false
   */
  readonly production?: boolean;
  /** Every resource the rule fails, in address order; any other resource it checks passes. */
  readonly failures: readonly ExpectedFailure[];
  /**
   * On a default stack: the other rules the same change fails.
   *
   * @default - none
   */
  readonly alsoFails?: readonly string[];
}

/** A rule's cases: at least one stack it passes, and at least one it fails. */
export interface RuleFixtures {
  /** Stacks the rule finds nothing wrong with; at least one where it checks something. */
  readonly passing: readonly PassingFixture[];
  /** Stacks the rule fails, with what it must say; at least one. */
  readonly failing: readonly FailingFixture[];
}

/** Whether a fixture's stack is a change to a default stack. */
export function isDefaultStackChange(stack: FixtureStack): stack is DefaultStackChange {
  return typeof stack.defaults === "string";
}

type Json = Record<string, unknown>;

/** One resource of a stack being changed. */
export class ResourceEditor {
  /** Terraform address: `<type>.<name>`. */
  public readonly address: string;

  /**
   * @param type the resource type, e.g. `azurerm_kubernetes_cluster`
   * @param name the resource's name in the stack
   * @param config the resource's JSON, changed in place
   */
  constructor(
    public readonly type: string,
    public readonly name: string,
    private readonly config: Json,
  ) {
    this.address = `${type}.${name}`;
  }

  /** The Terraform reference to an attribute of the resource: `${type.name.attribute}`. */
  public ref(attribute = "id"): string {
    return `\${${this.address}.${attribute}}`;
  }

  /** Changes the resource as cdktf's `addOverride(path, value)` does: see {@link override}. */
  public override(path: string, value: unknown): this {
    override(this.config, path, value);
    return this;
  }
}

/** A stack's JSON being changed by a fixture: find resources, override them, add new ones. */
export class StackEditor {
  /** @param json the stack's JSON, changed in place */
  constructor(private readonly json: Json) {}

  /**
   * The resource of a type, when the stack has one; or the one whose name starts with
   * `name`. Throws when none or several match, naming those there are.
   */
  public resource(type: string, name?: string): ResourceEditor {
    const ofType = (this.resources()[type] ?? {}) as Json;
    const names = Object.keys(ofType).filter((candidate) => name === undefined || candidate.startsWith(name));
    if (names.length !== 1) {
      // eslint-disable-next-line no-restricted-syntax -- a mistake in a test fixture, for contributors: no construct exists
      throw new Error(`expected one ${type}${name === undefined ? "" : ` named ${name}*`} in the stack, found ${names.length}: [${Object.keys(ofType).join(", ")}]`);
    }
    return new ResourceEditor(type, names[0], ofType[names[0]] as Json);
  }

  /** Adds a resource, as a construct of the stack would. */
  public add(type: string, name: string, config: JsonObject): ResourceEditor {
    const resources = this.resources();
    const ofType = (resources[type] ??= {}) as Json;
    ofType[name] = structuredClone(config);
    return new ResourceEditor(type, name, ofType[name] as Json);
  }

  /** Changes the stack as cdktf's `TerraformStack.addOverride(path, value)` does: see {@link override}. */
  public override(path: string, value: unknown): this {
    override(this.json, path, value);
    return this;
  }

  private resources(): Json {
    return (this.json.resource ??= {}) as Json;
  }
}

/**
 * Merges a value into JSON at a dotted path, with cdktf's escape-hatch semantics, so a
 * fixture reads like the override it stands for: objects merge into what is there, lists
 * are appended to a list already there, `undefined` removes the key, and a numeric
 * segment indexes into a list (`route.0.next_hop_type`).
 */
export function override(target: Json, path: string, value: unknown): void {
  const segments = path.split(".");
  const patch: Json = {};
  let current = patch;
  for (const segment of segments.slice(0, -1)) current = current[segment] = {};
  current[segments[segments.length - 1]] = value;
  merge(target, patch);
}

function merge(target: Json, source: Json): void {
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
      merge(target[key] as Json, value as Json);
    } else if (Array.isArray(value)) {
      const existing = target[key];
      target[key] = Array.isArray(existing) ? [...existing, ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}

/** Addresses of the resources of the default stacks that fixtures change or expect to fail. */
export const DEFAULTS = {
  cluster: "azurerm_kubernetes_cluster.Cluster_EB0386A7",
  appsPool: "azurerm_kubernetes_cluster_node_pool.Cluster_NodePool-apps_0D702C25",
  namespace: "kubernetes_namespace_v1.Orders_A9B65338",
} as const;

/** The Azure default stack with one override on its cluster. */
export function clusterOverride(path: string, value: unknown): DefaultStackChange {
  return { defaults: "azure", change: (stack) => stack.resource("azurerm_kubernetes_cluster").override(path, value) };
}

/** The Azure default stack with one override on its user node pool (`apps`). */
export function appsPoolOverride(path: string, value: unknown): DefaultStackChange {
  return { defaults: "azure", change: (stack) => stack.resource("azurerm_kubernetes_cluster_node_pool").override(path, value) };
}

/** A cluster configuration that passes every cluster rule: the library's defaults, as JSON. */
export function compliantCluster(overrides: JsonObject = {}): JsonObject {
  return {
    role_based_access_control_enabled: true,
    azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: ["g"], tenant_id: "t" },
    local_account_disabled: true,
    identity: { type: "UserAssigned", identity_ids: ["${azurerm_user_assigned_identity.cp.id}"] },
    kubelet_identity: { user_assigned_identity_id: "${azurerm_user_assigned_identity.kubelet.id}" },
    oidc_issuer_enabled: true,
    workload_identity_enabled: true,
    private_cluster_enabled: true,
    private_cluster_public_fqdn_enabled: false,
    run_command_enabled: false,
    network_profile: {
      network_plugin: "azure",
      network_plugin_mode: "overlay",
      network_policy: "cilium",
      network_data_plane: "cilium",
      outbound_type: "userDefinedRouting",
      advanced_networking: { security_enabled: true, observability_enabled: true },
    },
    default_node_pool: {
      name: "system",
      only_critical_addons_enabled: true,
      vnet_subnet_id: "${azurerm_subnet.system.id}",
      node_public_ip_enabled: false,
      zones: ["1", "2", "3"],
      auto_scaling_enabled: true,
      min_count: 3,
      max_count: 6,
      os_disk_type: "Ephemeral",
      os_sku: "AzureLinux",
      temporary_name_for_rotation: "systemtmp",
      upgrade_settings: { max_surge: "33%" },
      host_encryption_enabled: true,
    },
    sku_tier: "Standard",
    automatic_upgrade_channel: "patch",
    node_os_upgrade_channel: "NodeImage",
    maintenance_window_auto_upgrade: { frequency: "Weekly", interval: 1, duration: 4 },
    maintenance_window_node_os: { frequency: "Weekly", interval: 1, duration: 4 },
    oms_agent: { log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}", msi_auth_for_monitoring_enabled: true },
    microsoft_defender: { log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}" },
    azure_policy_enabled: true,
    image_cleaner_enabled: true,
    key_vault_secrets_provider: { secret_rotation_enabled: true },
    key_management_service: { key_vault_key_id: "${data.azurerm_key_vault_key.etcd.id}", key_vault_network_access: "Private" },
    disk_encryption_set_id: "${azurerm_disk_encryption_set.des.id}",
    lifecycle: { ignore_changes: ["default_node_pool[0].node_count", "kubernetes_version", "default_node_pool[0].orchestrator_version"] },
    monitor_metrics: {},
    cost_analysis_enabled: true,
    ...overrides,
  };
}

/** The address of the cluster in fixtures built with {@link clusterStack}. */
export const CLUSTER = "azurerm_kubernetes_cluster.aks";

/** A data collection rule that forwards the Managed Prometheus stream to an Azure Monitor workspace, as Microsoft's sample writes it. */
export const PROMETHEUS_RULE: JsonObject = {
  kind: "Linux",
  destinations: { monitor_account: [{ name: "MonitoringAccount1", monitor_account_id: "${azurerm_monitor_workspace.amw.id}" }] },
  data_flow: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }],
  data_sources: { prometheus_forwarder: [{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"] }] },
};

/**
 * What the compliant cluster's relations need: a user pool, the data collection rule
 * associations (Container Insights, Managed Prometheus with its rule and workspace), audit
 * logs and the Pod Security policy assignment.
 */
export const CLUSTER_RELATIONS: Readonly<Record<string, Readonly<Record<string, JsonObject>>>> = {
  azurerm_kubernetes_cluster_node_pool: {
    apps: {
      kubernetes_cluster_id: "${azurerm_kubernetes_cluster.aks.id}",
      mode: "User",
      vnet_subnet_id: "${azurerm_subnet.user.id}",
      zones: ["1"],
      auto_scaling_enabled: true,
      min_count: 1,
      max_count: 3,
      os_disk_type: "Ephemeral",
      os_sku: "AzureLinux3",
      upgrade_settings: { max_surge: "33%" },
      host_encryption_enabled: true,
      lifecycle: { ignore_changes: ["node_count", "orchestrator_version"] },
    },
  },
  azurerm_monitor_data_collection_rule_association: {
    ci: { target_resource_id: "${azurerm_kubernetes_cluster.aks.id}" },
    prometheus: { target_resource_id: "${azurerm_kubernetes_cluster.aks.id}", data_collection_rule_id: "${azurerm_monitor_data_collection_rule.prometheus.id}" },
  },
  azurerm_monitor_data_collection_rule: { prometheus: PROMETHEUS_RULE },
  azurerm_monitor_workspace: { amw: { public_network_access_enabled: false } },
  azurerm_monitor_diagnostic_setting: {
    logs: {
      target_resource_id: "${azurerm_kubernetes_cluster.aks.id}",
      log_analytics_workspace_id: "${azurerm_log_analytics_workspace.log.id}",
      enabled_log: [{ category: "kube-audit-admin" }, { category: "guard" }],
    },
  },
  azurerm_resource_policy_assignment: {
    pss: {
      resource_id: "${azurerm_kubernetes_cluster.aks.id}",
      policy_definition_id: "/providers/Microsoft.Authorization/policySetDefinitions/42b8ef37-b724-4e24-bbc8-7a7708edfe00",
      parameters: JSON.stringify({ effect: { value: "deny" } }),
    },
  },
};

/** A stack with the given resources (`{ type: { name: config } }`). */
export function stackOf(resources: Record<string, Record<string, JsonObject>>): JsonObject {
  return { resource: resources };
}

/**
 * A stack with the compliant cluster (`azurerm_kubernetes_cluster.aks`, with `overrides`)
 * and other resources.
 */
export function clusterStack(overrides: JsonObject = {}, resources: Record<string, Record<string, JsonObject>> = {}): JsonObject {
  return stackOf({ azurerm_kubernetes_cluster: { aks: compliantCluster(overrides) }, ...resources });
}

/** The compliant cluster with all its relations: passes every rule that checks a cluster. */
export function compliantClusterStack(): JsonObject {
  return clusterStack({}, { ...CLUSTER_RELATIONS });
}

/** A namespace `orders` (`kubernetes_namespace_v1.orders`) with the Pod Security labels restricted. */
export const ORDERS_NAMESPACE: Readonly<Record<string, JsonObject>> = {
  orders: {
    metadata: {
      name: "orders",
      labels: { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted" },
    },
  },
};
