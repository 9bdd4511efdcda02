// Missing wiring, pure: wires between constructs that synthesis can see are absent, from a
// stack's Terraform JSON alone (so hand-wired stacks are checked like the library's). Each
// finding names the construct, what is missing and the one call that adds it. The registry
// pull grant is a compliance rule (IMG-3), so that it can be acknowledged.
import { block, blocks, isLiteral, isObject, normalizeReference, resourcesOfType, type JsonObject, type TerraformResource } from "../../compliance/terraform-json";
import { missingPeerings, parseReference, referenced, showVnet, vaultReferenced, vnetOfSubnet } from "./network-facts";

/** One missing wire. */
export interface WiringProblem {
  /** Construct path of the resource that lacks it. */
  readonly constructPath: string;
  /** Its Terraform address. */
  readonly address: string;
  /** What is missing. */
  readonly missing: string;
  /** The one call that adds it. */
  readonly fix: string;
}

/**
 * Roles that let the deployer create keys in a vault: Key Vault Crypto Officer or Key Vault
 * Administrator, by name or definition GUID.
 *
 * @see https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-crypto-officer
 */
const KEY_ADMINISTRATION_ROLES = [
  { name: "Key Vault Crypto Officer", id: "14b46e9e-c2b7-41b4-b07b-48a6ebf60603" },
  { name: "Key Vault Administrator", id: "00482a5a-887f-4fb3-b363-3b7fe8e74483" },
];

/** The deployer's object id as the stack's Terraform writes it, or how to find it. */
export type DeployerObjectId =
  | {
      /** An object ID the stack writes out. */
      readonly kind: "literal";
      /** The deployer's Entra object ID, as the stack's JSON writes it. */
      readonly objectId: string;
    }
  | {
      /** Whoever runs Terraform, read from the `azurerm_client_config` data source. */
      readonly kind: "client-config";
    };

/** Every missing wire of a stack. */
export function missingWiring(stack: JsonObject, deployer?: DeployerObjectId): WiringProblem[] {
  return [
    ...egressPeering(stack),
    ...(deployer ? keyAdministration(stack, deployer) : []),
    ...ingressNetwork(stack),
    ...kmsVaultMode(stack),
    ...privateStorageProvider(stack),
  ];
}

/**
 * A storage account without shared keys, or without public network access, whose azurerm
 * provider is not configured for it: the provider authenticates its storage data-plane calls
 * with shared keys unless `storage_use_azuread = true` (the note on `shared_access_key_enabled`
 * in azurerm's storage_account documentation), and at v4.55.0 it reads the account's queue and
 * static-website properties through the data plane on every refresh unless
 * `features { storage { data_plane_available = false } }`, which a closed account refuses
 * (ClusterBackup's storage account is both). Expressions are not judged.
 */
export function privateStorageProvider(stack: JsonObject): WiringProblem[] {
  const found: WiringProblem[] = [];
  const providers = blocks(isObject(stack.provider) ? stack.provider.azurerm : undefined);
  for (const account of resourcesOfType(stack, "azurerm_storage_account")) {
    const alias = typeof account.config.provider === "string" && account.config.provider.startsWith("azurerm.") ? account.config.provider.slice("azurerm.".length) : undefined;
    // No block is the provider's defaults: keys, and data-plane reads.
    const provider = providers.find((p) => (alias === undefined ? p.alias === undefined : p.alias === alias)) ?? {};
    const noSharedKeys = account.config.shared_access_key_enabled === false;
    const noPublicAccess = account.config.public_network_access_enabled === false;
    const azuread = provider.storage_use_azuread;
    if (noSharedKeys && azuread !== true && (azuread === undefined || azuread === false || azuread === "false")) {
      found.push({
        constructPath: account.constructPath,
        address: account.address,
        missing: "the account refuses shared keys, but its azurerm provider has no storage_use_azuread = true, so the provider's storage calls (containers, blobs) authenticate with the keys the account refuses, and the apply fails",
        fix: "configure the provider with storageUseAzuread: true (new AzurermProvider(stack, 'azurerm', { features: [{ storage: [{ dataPlaneAvailable: false }] }], storageUseAzuread: true })); a HardenedPlatform with backup does when it creates the provider",
      });
    }
    const storageFeature = block(block(provider, "features") ?? {}, "storage");
    const dataPlane = storageFeature?.data_plane_available;
    if (noPublicAccess && (dataPlane === undefined || dataPlane === true || dataPlane === "true")) {
      found.push({
        constructPath: account.constructPath,
        address: account.address,
        missing: "the account has no public network access, but its azurerm provider reads its data plane (features.storage.data_plane_available is not false): at v4.55.0 every refresh reads the account's queue and static-website properties, which the runner cannot reach, and the first apply fails",
        fix: "configure the provider with features: [{ storage: [{ dataPlaneAvailable: false }] }]; a HardenedPlatform with backup does when it creates the provider",
      });
    }
  }
  return found;
}

/**
 * A cluster whose KMS key is in a vault that allows public access from selected networks and
 * IP addresses only (a public-IP deployer's vault): AKS does not support it. Microsoft's KMS
 * article: "Azure Key Vault can't be configured with the firewall option Allow public access
 * from specific virtual networks and IP addresses" (the firewall blocks the KMS plugin).
 *
 * @see https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption
 */
export function kmsVaultMode(stack: JsonObject): WiringProblem[] {
  const found: WiringProblem[] = [];
  const data = isObject(stack.data) ? { resource: stack.data } : { resource: {} };
  for (const cluster of resourcesOfType(stack, "azurerm_kubernetes_cluster")) {
    const keyId = block(cluster.config, "key_management_service")?.key_vault_key_id;
    const ref = parseReference(keyId);
    if (!ref || ref.type !== "azurerm_key_vault_key") continue;
    const key = resourcesOfType(ref.data ? data : stack, ref.type).find((k) => k.name === ref.name);
    const vault = key ? vaultReferenced(stack, key.config.key_vault_id) : undefined;
    if (!vault) continue;
    const publicAccess = vault.config.public_network_access_enabled;
    const action = block(vault.config, "network_acls")?.default_action;
    if ((publicAccess === true || publicAccess === "true" || publicAccess === undefined) && typeof action === "string" && action.toLowerCase() === "deny") {
      found.push({
        constructPath: cluster.constructPath,
        address: cluster.address,
        missing: `its KMS key is in ${vault.constructPath} (${vault.address}), which allows public access from selected networks and IP addresses only: AKS does not support KMS with a vault in that mode, and the cluster would fail to create`,
        fix: "deploy from a runner in the network (Deployer.runnerInNetwork) and leave the vault's deployerIpRanges out, or use ClusterEncryption.platformManagedKeys() for a trial",
      });
    }
  }
  return found;
}

/** (1) A route table sends 0.0.0.0/0 to a firewall whose hub is not peered, both ways, with the routed subnets' VNet. */
export function egressPeering(stack: JsonObject): WiringProblem[] {
  const found: WiringProblem[] = [];
  for (const table of resourcesOfType(stack, "azurerm_route_table")) {
    const routes = [
      ...blocks(table.config.route),
      ...resourcesOfType(stack, "azurerm_route")
        .filter((r) => referenced(stack, r.config.route_table_name, ["azurerm_route_table"], ["name"])?.name === table.name)
        .map((r) => r.config),
    ];
    const firewalls = routes
      .filter((r) => r.address_prefix === "0.0.0.0/0" && String(r.next_hop_type).toLowerCase() === "virtualappliance")
      .map((r) => firewallOfAddress(stack, r.next_hop_in_ip_address))
      .filter((f): f is TerraformResource => f !== undefined);
    for (const firewall of firewalls) {
      const hub = vnetOfSubnet(stack, block(firewall.config, "ip_configuration")?.subnet_id);
      if (!hub) continue;
      const associations = resourcesOfType(stack, "azurerm_subnet_route_table_association").filter(
        (a) => referenced(stack, a.config.route_table_id, ["azurerm_route_table"], ["id"])?.name === table.name,
      );
      const spokes = new Set(associations.map((a) => vnetOfSubnet(stack, a.config.subnet_id)).filter((v): v is string => v !== undefined));
      for (const spoke of spokes) {
        const absent = missingPeerings(stack, hub, spoke);
        if (absent.length === 0) continue;
        const hubName = showVnet(stack, hub);
        const spokeName = showVnet(stack, spoke);
        found.push({
          constructPath: table.constructPath,
          address: table.address,
          missing: `it sends 0.0.0.0/0 to ${firewall.constructPath} (${firewall.address}), whose hub VNet ${hubName} is not peered with ${spokeName}, the VNet of the routed subnets (${absent
            .map((d) => (d === "there" ? `${hubName} → ${spokeName}` : `${spokeName} → ${hubName}`))
            .join(" and ")} missing): nodes could not reach the firewall, and every egress would be dropped`,
          fix: "firewall.peerWith(network)",
        });
      }
    }
  }
  return found;
}

/** The firewall whose private address a route's next hop is. */
function firewallOfAddress(stack: JsonObject, address: unknown): TerraformResource | undefined {
  if (typeof address !== "string") return undefined;
  const m = /^\$\{azurerm_firewall\.([A-Za-z0-9_-]+)\.ip_configuration\[0\]\.private_ip_address\}$/.exec(normalizeReference(address));
  if (m) return resourcesOfType(stack, "azurerm_firewall").find((f) => f.name === m[1]);
  return undefined;
}

/** (3) Keys created in a vault where the deployer has no key administration, or before it. */
export function keyAdministration(stack: JsonObject, deployer: DeployerObjectId): WiringProblem[] {
  const found: WiringProblem[] = [];
  const deployerIds = deployerIdValues(stack, deployer);
  for (const key of resourcesOfType(stack, "azurerm_key_vault_key")) {
    const vault = referenced(stack, key.config.key_vault_id, ["azurerm_key_vault"], ["id"]);
    if (!vault) continue;
    const grants = resourcesOfType(stack, "azurerm_role_assignment").filter(
      (a) => isOnVault(stack, a.config.scope, vault) && isKeyAdministration(a.config) && deployerIds.includes(normalized(a.config.principal_id)),
    );
    if (grants.length === 0) {
      found.push({
        constructPath: key.constructPath,
        address: key.address,
        missing: `the deployer (${deployer.kind === "literal" ? deployer.objectId : "the identity Terraform runs as"}) has no Key Vault Crypto Officer (or Administrator) role assignment on ${vault.constructPath} (${vault.address}): creating the key would be denied`,
        fix: "vault.grantKeyAdministration(deployer.principal)",
      });
      continue;
    }
    const waitsFor = dependencies(stack, key);
    if (!grants.some((g) => waitsFor.has(g.address))) {
      found.push({
        constructPath: key.constructPath,
        address: key.address,
        missing: `the key does not depend on the deployer's key administration (${grants.map((g) => g.address).join(", ")}): Terraform may create it first, and Key Vault would deny it`,
        fix: "create the key with vault.addKey(...) (keys of a SecretsVault wait for grantKeyAdministration)",
      });
    }
  }
  return found;
}

function normalized(value: unknown): string {
  return typeof value === "string" ? normalizeReference(value).toLowerCase() : "";
}

/** The ways the stack's Terraform writes the deployer's object id. */
function deployerIdValues(stack: JsonObject, deployer: DeployerObjectId): string[] {
  if (deployer.kind === "literal") return [normalized(deployer.objectId)];
  const configs = isObject(stack.data) && isObject(stack.data.azurerm_client_config) ? Object.keys(stack.data.azurerm_client_config) : [];
  return configs.map((name) => `\${data.azurerm_client_config.${name}.object_id}`.toLowerCase());
}

function isOnVault(stack: JsonObject, scope: unknown, vault: TerraformResource): boolean {
  return referenced(stack, scope, ["azurerm_key_vault"], ["id"])?.name === vault.name;
}

function isKeyAdministration(assignment: JsonObject): boolean {
  const name = assignment.role_definition_name;
  if (isLiteral(name)) return KEY_ADMINISTRATION_ROLES.some((role) => role.name.toLowerCase() === name.trim().toLowerCase());
  const id = assignment.role_definition_id;
  return isLiteral(id) && KEY_ADMINISTRATION_ROLES.some((role) => id.toLowerCase().endsWith(role.id));
}

/** Every resource address a resource waits for: its depends_on and references, transitively. */
function dependencies(stack: JsonObject, resource: TerraformResource): Set<string> {
  const seen = new Set<string>();
  const queue: JsonObject[] = [resource.config];
  while (queue.length > 0) {
    const config = queue.pop()!;
    const direct = [
      ...(Array.isArray(config.depends_on) ? config.depends_on.filter((d): d is string => typeof d === "string") : []),
      ...JSON.stringify(config)
        .match(/\$\{[a-z0-9_]+\.[A-Za-z0-9_-]+\./g)
        ?.map((m) => m.slice(2, -1)) ?? [],
    ];
    for (const address of direct) {
      if (seen.has(address)) continue;
      seen.add(address);
      const [type, name] = address.split(".");
      const next = isObject(stack.resource) && isObject(stack.resource[type]) ? stack.resource[type][name] : undefined;
      if (isObject(next)) queue.push(next);
    }
  }
  return seen;
}

/**
 * (4) An Application Gateway for a cluster's ingress add-on whose subnet is in neither the
 * cluster's VNet nor a VNet peered with it both ways. AGIC needs the gateway in the cluster's
 * VNet or a peered one (Microsoft's add-on tutorial for an existing gateway peers the two).
 *
 * @see https://learn.microsoft.com/azure/application-gateway/tutorial-ingress-controller-add-on-existing
 */
export function ingressNetwork(stack: JsonObject): WiringProblem[] {
  const found: WiringProblem[] = [];
  for (const cluster of resourcesOfType(stack, "azurerm_kubernetes_cluster")) {
    const gateway = referenced(stack, block(cluster.config, "ingress_application_gateway")?.gateway_id, ["azurerm_application_gateway"], ["id"]);
    if (!gateway) continue;
    const gatewayVnet = vnetOfSubnet(stack, block(gateway.config, "gateway_ip_configuration")?.subnet_id);
    const poolSubnets = [
      block(cluster.config, "default_node_pool")?.vnet_subnet_id,
      ...resourcesOfType(stack, "azurerm_kubernetes_cluster_node_pool")
        .filter((pool) => parseReference(pool.config.kubernetes_cluster_id)?.name === cluster.name)
        .map((pool) => pool.config.vnet_subnet_id),
    ];
    const nodeVnets = new Set(poolSubnets.map((s) => vnetOfSubnet(stack, s)).filter((v): v is string => v !== undefined));
    if (!gatewayVnet || nodeVnets.size === 0) continue;
    for (const nodeVnet of nodeVnets) {
      if (missingPeerings(stack, gatewayVnet, nodeVnet).length === 0) continue;
      found.push({
        constructPath: gateway.constructPath,
        address: gateway.address,
        missing: `its subnet is in ${showVnet(stack, gatewayVnet)}, which is neither the VNet of ${cluster.constructPath}'s node subnets (${showVnet(stack, nodeVnet)}) nor peered with it both ways: the ingress controller could not send traffic to the pods`,
        fix: "new WafIngress(..., { subnetId: network.applicationGatewaySubnetId }) with the cluster's network",
      });
    }
  }
  return found;
}

/** A wiring problem as one line of a synthesis error. */
export function describeWiring(problem: WiringProblem): string {
  return `${problem.constructPath} (${problem.address}): ${problem.missing}. Fix: ${problem.fix}.`;
}
