// The line-of-sight check, pure: from a stack's synthesized Terraform JSON and where its
// deployer runs, can the deployer reach every data plane the stack's Terraform calls? Reads
// facts (resources, references, peerings, DNS links), never constructs, so a hand-wired stack
// is checked the same way as the library's.
import { block, blocks, isExpression, isLiteral, isObject, isTrue, normalizeReference, resourcesOfType, type JsonObject, type TerraformResource } from "../../compliance/terraform-json";
import { contains, parseIpv4Cidr } from "../cidr";
import { PRIVATE_DNS_ZONE_NAMES } from "../../facts";
import {
  endpointZones,
  missingPeerings,
  parseReference,
  privateEndpointsTo,
  referenced,
  resourceNamed,
  showVnet,
  vaultReferenced,
  strings,
  vnetKeyFromId,
  vnetOfSubnet,
  zoneKeyFromId,
  zoneLinkedTo,
  zonesNamed,
} from "./network-facts";

/** Where the deployer runs, with tokens resolved as they appear in the stack's JSON. */
export type DeployerSight =
  | {
      /** A runner inside a virtual network. */
      readonly kind: "network";
      /** Azure resource ID of the runner's virtual network, as the stack's JSON writes it. */
      readonly virtualNetworkId: string;
    }
  | {
      /** A runner outside every network, reaching public endpoints. */
      readonly kind: "public";
      /** The runner's public IP ranges. */
      readonly ranges: readonly string[];
    };

/** Whether the deployer reaches a data plane. */
export type ReachabilityStatus = "reachable" | "unreachable" | "unknown";

/** The verdict on one resource whose create, read or delete goes through a data plane. */
export interface ReachabilityVerdict {
  /** Terraform address of the resource (or `data.<type>.<name>`, `provider.kubernetes`). */
  readonly address: string;
  /** Its construct path (cdktf's `//` metadata), or the address. */
  readonly constructPath: string;
  /** The plane, e.g. `Key Vault data plane`. */
  readonly plane: string;
  /** Address of what serves the plane (the vault, the registry, the cluster), when in the app. */
  readonly target?: string;
  /** Whether the deployer reaches the plane; `unknown` when the check cannot follow the path (a target outside the app, a network it cannot read). */
  readonly status: ReachabilityStatus;
  /** How it is reached ("private endpoint ... in the runner's VNet"), or why it is unknown. */
  readonly detail: string;
  /** What is missing, one item each; empty unless unreachable. */
  readonly missing: readonly string[];
  /** The one fix; unset unless unreachable. */
  readonly fix?: string;
}

/** Another stack of the app, by its id, for facts that cross stacks (the in-cluster stack's cluster). */
export type StackLookup = (stackId: string) => JsonObject | undefined;

/** The planes the check knows. */
export const DATA_PLANES = {
  /** Key Vault's keys and secrets, which Terraform calls to create, read and delete them. */
  keyVault: {
    /** The plane, as verdicts name it. */
    name: "Key Vault data plane",
    /** The private DNS zone of its private endpoints. */
    zone: PRIVATE_DNS_ZONE_NAMES.keyVault,
  },
  /** The registry's login server, which resources that push or import images call. */
  registry: {
    /** The plane, as verdicts name it. */
    name: "Container Registry data plane",
    /** The private DNS zone of its private endpoints. */
    zone: PRIVATE_DNS_ZONE_NAMES.containerRegistry,
  },
  /** The cluster's API server, which an in-cluster stack's Kubernetes provider calls. */
  kubernetes: {
    /** The plane, as verdicts name it. */
    name: "Kubernetes API server",
  },
} as const;

/** Resources that call the Key Vault data plane on create, read and delete (`key_vault_id`). */
const VAULT_RESOURCES = [
  "azurerm_key_vault_key",
  "azurerm_key_vault_secret",
  "azurerm_key_vault_certificate",
  "azurerm_key_vault_certificate_issuer",
  "azurerm_key_vault_certificate_contacts",
];
/** Data sources that read the Key Vault data plane at plan time (`key_vault_id`). */
const VAULT_DATA_SOURCES = [
  "azurerm_key_vault_key",
  "azurerm_key_vault_secret",
  "azurerm_key_vault_secrets",
  "azurerm_key_vault_certificate",
  "azurerm_key_vault_certificate_data",
  "azurerm_key_vault_certificates",
  "azurerm_key_vault_encrypted_value",
];
/** Resource type prefixes that never reach the registry's data plane from the deployer. */
const NOT_REGISTRY_CLIENTS = ["azurerm_", "kubernetes_", "helm_", "time_"];

/** The fix for a runner without line of sight. */
const CONNECT_FIX = "deployer.connect(scope, id, { networks: [<the endpoint's network>], privateDnsZones: [<its zone>] })";

/** Every data-plane verdict of a stack for its deployer. */
export function lineOfSight(stack: JsonObject, deployer: DeployerSight, otherStack: StackLookup = () => undefined): ReachabilityVerdict[] {
  return [...vaultVerdicts(stack, deployer), ...registryVerdicts(stack, deployer), ...kubernetesVerdicts(stack, deployer, otherStack)];
}

/**
 * The resources of a stack whose data plane is served by something in the app (a vault, a
 * registry, a cluster the app creates), by address: what a deployer declaration is checked
 * against. Those served from outside the app could not be checked anyway.
 */
export function checkableDataPlaneResources(stack: JsonObject, otherStack: StackLookup = () => undefined): string[] {
  const consumers = dataPlaneConsumers(stack)
    .filter((c) => typeof c.target !== "string")
    .map((c) => c.address);
  const providers = kubernetesProviders(stack)
    .filter((p) => typeof clusterOfHost(stack, p.host, otherStack) !== "string")
    .map((p) => `provider.kubernetes${typeof p.alias === "string" ? `.${p.alias}` : ""}`);
  return [...consumers, ...providers];
}

/** One resource that calls a data plane, and the value that names its vault or registry. */
interface Consumer {
  readonly resource: TerraformResource;
  readonly address: string;
  readonly plane: "keyVault" | "registry";
  /** The vault or registry it calls, when in the app; a reason otherwise. */
  readonly target: TerraformResource | string;
}

function dataPlaneConsumers(stack: JsonObject): Consumer[] {
  const found: Consumer[] = [];
  for (const type of VAULT_RESOURCES) {
    for (const r of resourcesOfType(stack, type)) found.push({ resource: r, address: r.address, plane: "keyVault", target: vaultOf(stack, r.config.key_vault_id) });
  }
  const data = isObject(stack.data) ? { resource: stack.data } : { resource: {} };
  for (const type of VAULT_DATA_SOURCES) {
    for (const r of resourcesOfType(data, type)) found.push({ resource: r, address: `data.${r.address}`, plane: "keyVault", target: vaultOf(stack, r.config.key_vault_id) });
  }
  // The provider reads the key from the vault on create and update only with auto-rotation on
  // (azurerm v4.55.0 internal/services/compute/disk_encryption_set_resource.go, create: GetKey).
  for (const des of resourcesOfType(stack, "azurerm_disk_encryption_set")) {
    if (!isTrue(des.config.auto_key_rotation_enabled)) continue;
    found.push({ resource: des, address: des.address, plane: "keyVault", target: vaultOfKey(stack, des.config.key_vault_key_id) });
  }
  // Anything that pushes or imports images names the registry's login server.
  for (const type of Object.keys(isObject(stack.resource) ? stack.resource : {})) {
    if (NOT_REGISTRY_CLIENTS.some((prefix) => type.startsWith(prefix))) continue;
    for (const r of resourcesOfType(stack, type)) {
      const registry = strings(r.config)
        .map((s) => /\$\{azurerm_container_registry\.([A-Za-z0-9_-]+)\.login_server\}/.exec(s)?.[1])
        .find((name) => name !== undefined);
      if (registry) found.push({ resource: r, address: r.address, plane: "registry", target: resourceNamed(stack, "azurerm_container_registry", registry)! });
    }
  }
  return found;
}

function vaultOf(stack: JsonObject, vaultId: unknown): TerraformResource | string {
  const vault = vaultReferenced(stack, vaultId);
  if (vault) return vault;
  if (parseReference(vaultId)?.data) return "an existing vault read by a data source, outside the app: its network rules are not in the synthesized Terraform";
  return isLiteral(vaultId) ? `the vault ${vaultId}, outside the app: its network rules are not in the synthesized Terraform` : "a vault the check cannot follow";
}

function vaultOfKey(stack: JsonObject, keyId: unknown): TerraformResource | string {
  const key = referenced(stack, keyId, ["azurerm_key_vault_key"]);
  if (key) return vaultOf(stack, key.config.key_vault_id);
  const ref = parseReference(keyId);
  if (ref?.data && ref.type === "azurerm_key_vault_key") {
    const data = isObject(stack.data) ? resourcesOfType({ resource: stack.data }, ref.type).find((d) => d.name === ref.name) : undefined;
    if (data) return vaultOf(stack, data.config.key_vault_id);
  }
  return "a key the check cannot follow to its vault";
}

function vaultVerdicts(stack: JsonObject, deployer: DeployerSight): ReachabilityVerdict[] {
  return dataPlaneConsumers(stack)
    .filter((c) => c.plane === "keyVault")
    .map((c) => verdictFor(c, DATA_PLANES.keyVault.name, (target) => servedThrough(stack, target, deployer, DATA_PLANES.keyVault.zone, vaultPublic)));
}

function registryVerdicts(stack: JsonObject, deployer: DeployerSight): ReachabilityVerdict[] {
  return dataPlaneConsumers(stack)
    .filter((c) => c.plane === "registry")
    .map((c) => verdictFor(c, DATA_PLANES.registry.name, (target) => servedThrough(stack, target, deployer, DATA_PLANES.registry.zone, registryPublic)));
}

type Reach = Pick<ReachabilityVerdict, "status" | "detail" | "missing" | "fix">;

function verdictFor(consumer: Consumer, plane: string, reach: (target: TerraformResource) => Reach): ReachabilityVerdict {
  const base = { address: consumer.address, constructPath: consumer.resource.constructPath, plane };
  if (typeof consumer.target === "string") return { ...base, status: "unknown", detail: `calls ${consumer.target}`, missing: [] };
  return { ...base, target: consumer.target.address, ...reach(consumer.target) };
}

/** How the public endpoint of a vault or registry treats the deployer's ranges. */
interface PublicRules {
  /** Whether public network access is on; undefined when an expression. */
  readonly enabled: boolean | undefined;
  /** The default action of the network rules, lowercased, or undefined when unset. */
  readonly defaultAction: string | undefined;
  /** The allowed ranges, or undefined when an expression. */
  readonly ranges: readonly string[] | undefined;
  /** Attribute names, for messages. */
  readonly names: { readonly enabled: string; readonly action: string; readonly rules: string };
  /** The construct prop that opens it for the deployer. */
  readonly fix: string;
}

function vaultPublic(config: JsonObject): PublicRules {
  const acls = block(config, "network_acls");
  const rules = acls?.ip_rules;
  return {
    enabled: booleanOf(config.public_network_access_enabled, true),
    defaultAction: typeof acls?.default_action === "string" ? acls.default_action.toLowerCase() : undefined,
    ranges: Array.isArray(rules) ? rules.filter((r): r is string => typeof r === "string") : rules === undefined ? [] : undefined,
    names: { enabled: "public_network_access_enabled", action: "network_acls.default_action", rules: "network_acls.ip_rules" },
    fix: "pass deployer.allowedIpRanges as the vault's deployerIpRanges (SecretsVault), and acknowledge SEC-2 with the deployer's reason",
  };
}

function registryPublic(config: JsonObject): PublicRules {
  const set = block(config, "network_rule_set");
  const rules = set?.ip_rule;
  return {
    enabled: booleanOf(config.public_network_access_enabled, true),
    // The provider's default for default_action is Allow (container_registry_resource.go, network_rule_set).
    defaultAction: set ? (typeof set.default_action === "string" ? set.default_action.toLowerCase() : "allow") : undefined,
    ranges: rules === undefined ? [] : isExpression(rules) ? undefined : blocks(rules).map((r) => String(r.ip_range)),
    names: { enabled: "public_network_access_enabled", action: "network_rule_set.default_action", rules: "network_rule_set.ip_rule" },
    fix: "pass deployer.allowedIpRanges as the registry's deployerIpRanges (PrivateRegistry), and acknowledge IMG-1 with the deployer's reason",
  };
}

function booleanOf(value: unknown, providerDefault: boolean): boolean | undefined {
  if (value === undefined || value === null) return providerDefault;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return undefined;
}

/** Whether the deployer reaches a vault or registry: through a private endpoint, or its public endpoint. */
function servedThrough(stack: JsonObject, target: TerraformResource, deployer: DeployerSight, zoneName: string, publicRules: (config: JsonObject) => PublicRules): Reach {
  const rules = publicRules(target.config);
  if (deployer.kind === "public") return publicReach(rules, deployer.ranges);
  const runner = vnetKeyFromId(stack, deployer.virtualNetworkId);
  const runnerName = showVnet(stack, runner ?? "", deployer.virtualNetworkId);
  if (!runner) return { status: "unknown", detail: `the runner's VNet '${deployer.virtualNetworkId}' is not a VNet id the check can follow`, missing: [] };
  const endpoints = privateEndpointsTo(stack, target);
  const privatePath = endpoints.map((endpoint) => endpointReach(stack, endpoint, runner, runnerName, zoneName));
  const ok = privatePath.find((p) => p.status === "reachable");
  if (ok) return ok;
  if (rules.enabled === true && rules.defaultAction !== "deny") {
    return { status: "reachable", detail: "over its public endpoint, which allows every address", missing: [], fix: undefined };
  }
  const unknown = privatePath.find((p) => p.status === "unknown");
  if (unknown) return unknown;
  if (endpoints.length === 0) {
    return {
      status: "unreachable",
      detail: "no private endpoint, and the public endpoint does not let the runner in",
      missing: [`no private endpoint connects to ${target.address}, and ${rules.names.enabled} is ${rules.enabled === false ? "false" : "restricted"}`],
      fix: `give ${target.address} a private endpoint in a network peered with the runner (SecretsVault and PrivateRegistry create one), then ${CONNECT_FIX}`,
    };
  }
  return { status: "unreachable", detail: "no private path from the runner", missing: [...new Set(privatePath.flatMap((p) => p.missing))], fix: CONNECT_FIX };
}

function endpointReach(stack: JsonObject, endpoint: TerraformResource, runner: string, runnerName: string, zoneName: string): Reach {
  const endpointVnet = vnetOfSubnet(stack, endpoint.config.subnet_id);
  if (!endpointVnet) return { status: "unknown", detail: `${endpoint.address} is in a subnet the check cannot follow`, missing: [] };
  const missing: string[] = [];
  const absent = missingPeerings(stack, endpointVnet, runner);
  if (absent.length > 0) {
    const endpointName = showVnet(stack, endpointVnet);
    const directions = absent.map((d) => (d === "there" ? `${endpointName} → runner` : `runner → ${endpointName}`));
    missing.push(`no private endpoint in or peered with the runner's VNet ${runnerName}: ${endpoint.address} is in ${endpointName}, and the peering ${directions.join(" and ")} is missing`);
  }
  const zones = endpointZones(stack, endpoint);
  const candidates = zones.keys.length > 0 ? zones.keys : zonesNamed(stack, zoneName);
  if (zones.unknown && zones.keys.length === 0) {
    return missing.length > 0
      ? { status: "unreachable", detail: "no private path from the runner", missing, fix: CONNECT_FIX }
      : { status: "unknown", detail: `${endpoint.address} registers in a DNS zone outside the app: whether it is linked to the runner's VNet is not in the synthesized Terraform`, missing: [] };
  }
  if (candidates.length === 0) {
    missing.push(`no ${zoneName} zone in the app resolves ${endpoint.address}: the runner would resolve the public address and be refused`);
  } else if (!candidates.some((zone) => zoneLinkedTo(stack, zone, runner))) {
    missing.push(`zone ${zoneName} is not linked to ${runnerName}: the runner would resolve the public address and be refused`);
  }
  if (missing.length > 0) return { status: "unreachable", detail: "no private path from the runner", missing, fix: CONNECT_FIX };
  return { status: "reachable", detail: `through ${endpoint.address}, peered with the runner's VNet and resolved by ${zoneName} linked to it`, missing: [] };
}

function publicReach(rules: PublicRules, ranges: readonly string[]): Reach {
  if (rules.enabled === undefined || rules.ranges === undefined) {
    return { status: "unknown", detail: `${rules.names.enabled} or ${rules.names.rules} is an expression, known only when Terraform runs`, missing: [] };
  }
  const missing: string[] = [];
  if (!rules.enabled) missing.push(`public network access is off (${rules.names.enabled} = false)`);
  if (rules.defaultAction !== "deny") {
    missing.push(`${rules.names.action} is ${rules.defaultAction === undefined ? "not set" : `'${rules.defaultAction}'`}: it must be 'Deny', so only the deployer's ranges get in`);
  }
  const allowed = rules.ranges.map((r) => parseIpv4Cidr(r.includes("/") ? r : `${r}/32`)).filter((b) => b !== undefined);
  for (const range of ranges) {
    const wanted = parseIpv4Cidr(range.includes("/") ? range : `${range}/32`);
    if (!wanted || !allowed.some((b) => contains(b, wanted))) missing.push(`IP rule for ${range} missing`);
  }
  if (missing.length > 0) return { status: "unreachable", detail: "the public endpoint does not let the deployer's ranges in", missing, fix: rules.fix };
  return { status: "reachable", detail: `over its public endpoint, from ${ranges.join(", ")} only`, missing: [] };
}

/** The stack's Kubernetes provider configurations. */
function kubernetesProviders(stack: JsonObject): JsonObject[] {
  const providers = isObject(stack.provider) ? stack.provider.kubernetes : undefined;
  return blocks(providers);
}

/** The cluster a Kubernetes provider's host names: in this stack, or in another stack through its cross-stack output. */
export function clusterOfHost(stack: JsonObject, host: unknown, otherStack: StackLookup): { stack: JsonObject; cluster: TerraformResource } | string {
  if (typeof host !== "string") return "the provider has no host";
  const direct = /\$\{azurerm_kubernetes_cluster\.([A-Za-z0-9_-]+)\.kube_config/.exec(normalizeReference(host));
  if (direct) {
    const cluster = resourceNamed(stack, "azurerm_kubernetes_cluster", direct[1]);
    return cluster ? { stack, cluster } : "a cluster the check cannot find";
  }
  // cdktf's cross-stack reference: data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>
  const remote = /data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/.exec(host);
  if (remote) {
    const other = otherStack(remote[1]);
    if (!other) return `the cluster of stack '${remote[1]}', whose Terraform the check did not see`;
    const output = isObject(other.output) ? other.output[remote[2]] : undefined;
    const value = isObject(output) ? output.value : undefined;
    const inOther = typeof value === "string" ? /\$\{azurerm_kubernetes_cluster\.([A-Za-z0-9_-]+)\./.exec(value) : null;
    const cluster = inOther ? resourceNamed(other, "azurerm_kubernetes_cluster", inOther[1]) : undefined;
    return cluster ? { stack: other, cluster } : `an output of stack '${remote[1]}' that is not a cluster's`;
  }
  return isLiteral(host) ? `the API server ${host}, outside the app` : "a host the check cannot follow";
}

function kubernetesVerdicts(stack: JsonObject, deployer: DeployerSight, otherStack: StackLookup): ReachabilityVerdict[] {
  return kubernetesProviders(stack).map((provider, i) => {
    const alias = typeof provider.alias === "string" ? `.${provider.alias}` : "";
    const base = { address: `provider.kubernetes${alias}`, constructPath: `provider.kubernetes${alias || (i > 0 ? `[${i}]` : "")}`, plane: DATA_PLANES.kubernetes.name };
    const found = clusterOfHost(stack, provider.host, otherStack);
    if (typeof found === "string") return { ...base, status: "unknown", detail: `reaches ${found}`, missing: [] };
    return { ...base, target: found.cluster.address, ...apiServerReach(found.stack, found.cluster, deployer) };
  });
}

function apiServerReach(stack: JsonObject, cluster: TerraformResource, deployer: DeployerSight): Reach {
  const config = cluster.config;
  if (!isTrue(config.private_cluster_enabled)) {
    const authorized = block(config, "api_server_access_profile")?.authorized_ip_ranges;
    if (deployer.kind === "network") {
      return Array.isArray(authorized) && authorized.length > 0
        ? { status: "unknown", detail: "a public API server restricted to authorized IP ranges; the runner's egress address is not declared", missing: [] }
        : { status: "reachable", detail: "over the public API server", missing: [] };
    }
    if (!Array.isArray(authorized) || authorized.length === 0) return { status: "reachable", detail: "over the public API server", missing: [] };
    return publicReach({ enabled: true, defaultAction: "deny", ranges: authorized.map(String), names: { enabled: "", action: "", rules: "api_server_access_profile.authorized_ip_ranges" }, fix: "add the deployer's ranges to the API server's authorized IP ranges" }, deployer.ranges);
  }
  if (deployer.kind === "public") {
    return {
      status: "unreachable",
      detail: "the API server is private",
      missing: [`${cluster.address} has a private API server: nothing outside its network reaches it, whatever the deployer's public ranges`],
      fix: "deploy the in-cluster stack from a runner in a network peered with the cluster's (Deployer.runnerInNetwork) and deployer.connect it",
    };
  }
  const runner = vnetKeyFromId(stack, deployer.virtualNetworkId);
  const clusterVnet = vnetOfSubnet(stack, block(config, "default_node_pool")?.vnet_subnet_id);
  if (!runner || !clusterVnet) return { status: "unknown", detail: "the runner's or the cluster's VNet is not one the check can follow", missing: [] };
  const runnerName = showVnet(stack, runner, deployer.virtualNetworkId);
  const missing: string[] = [];
  const absent = missingPeerings(stack, clusterVnet, runner);
  if (absent.length > 0) {
    const name = showVnet(stack, clusterVnet);
    missing.push(`the cluster's VNet ${name} is not peered with the runner's VNet ${runnerName} (${absent.map((d) => (d === "there" ? `${name} → runner` : `runner → ${name}`)).join(" and ")} missing)`);
  }
  const zoneId = config.private_dns_zone_id;
  if (zoneId === "None") {
    // AKS then publishes the private address in public DNS: any resolver finds it.
  } else if (zoneId === undefined || zoneId === "System") {
    if (clusterVnet !== runner) missing.push("the API server's zone is AKS's own ('System'), linked only to the cluster's VNet: give the cluster a zone of the app (ApiServerAccess.privateOnly) and link it to the runner");
  } else {
    const zone = zoneKeyFromId(stack, zoneId);
    if (!zone) return { status: "unknown", detail: "the API server's private DNS zone is outside the app", missing: [] };
    const name = resourceNamed(stack, "azurerm_private_dns_zone", zone.replace(/^zone-resource:/, ""))?.config.name ?? zone.replace(/^zone:[^/]*\//, "");
    if (!zoneLinkedTo(stack, zone, runner)) missing.push(`zone ${String(name)} is not linked to ${runnerName}: the runner cannot resolve the API server`);
  }
  if (missing.length > 0) return { status: "unreachable", detail: "no private path from the runner to the API server", missing, fix: CONNECT_FIX.replace("<the endpoint's network>", "<the cluster's network>").replace("<its zone>", "<the API server's zone>") };
  return { status: "reachable", detail: "over the private API server: the cluster's VNet is peered with the runner's and its zone is linked to it", missing: [] };
}

/** A verdict as one line of a synthesis error. */
export function describeUnreachable(verdict: ReachabilityVerdict): string {
  return `${verdict.constructPath} (${verdict.address}): the deployer cannot reach the ${verdict.plane}${verdict.target ? ` of ${verdict.target}` : ""}: ${verdict.missing.join("; ")}. Fix: ${verdict.fix}.`;
}
