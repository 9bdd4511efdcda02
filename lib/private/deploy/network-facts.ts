// Pure readers of network facts in synthesized Terraform JSON: which VNet a subnet, a peering,
// a DNS zone link is in, as one comparable key. Shared by the line-of-sight and the wiring
// checks; no cdktf here, so both are tested on small JSON fixtures.
import { blocks, isExpression, isLiteral, isObject, normalizeReference, resourcesOfType, type JsonObject, type TerraformResource } from "../../compliance/terraform-json";

const VNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)$/i;
const SUBNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/[^/]+$/i;
const ZONE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i;

/** A bare reference `${type.name.attr}` (with an optional `data.` prefix), parsed. */
export function parseReference(value: unknown): { readonly type: string; readonly name: string; readonly attribute: string; readonly data: boolean } | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([^}]+)\}$/.exec(normalizeReference(value));
  return m ? { data: m[1] !== undefined, type: m[2], name: m[3], attribute: m[4] } : undefined;
}

/** A resource of the stack by type and name. */
export function resourceNamed(stack: JsonObject, type: string, name: string): TerraformResource | undefined {
  return resourcesOfType(stack, type).find((r) => r.name === name);
}

/** The resource a value refers to (`${type.name.attribute}`), when it is of one of the types. */
export function referenced(stack: JsonObject, value: unknown, types: readonly string[], attributes?: readonly string[]): TerraformResource | undefined {
  const ref = parseReference(value);
  if (!ref || ref.data || !types.includes(ref.type)) return undefined;
  if (attributes && !attributes.includes(ref.attribute)) return undefined;
  return resourceNamed(stack, ref.type, ref.name);
}

/** Types whose `key_vault_id` names the vault they live in. */
const VAULT_ITEMS = ["azurerm_key_vault_key", "azurerm_key_vault_secret", "azurerm_key_vault_certificate"];

/**
 * The `azurerm_key_vault` of the stack a `key_vault_id` value names: the vault's own `id`,
 * or another vault item's `key_vault_id` (as the data source of a key's latest version
 * writes it), followed to that item's vault.
 */
export function vaultReferenced(stack: JsonObject, keyVaultId: unknown): TerraformResource | undefined {
  const vault = referenced(stack, keyVaultId, ["azurerm_key_vault"], ["id"]);
  if (vault) return vault;
  const item = referenced(stack, keyVaultId, VAULT_ITEMS, ["key_vault_id"]);
  return item ? vaultReferenced(stack, item.config.key_vault_id) : undefined;
}

/** A name as a literal: itself, or the literal name of the resource group (etc.) it refers to. */
export function literalName(stack: JsonObject, value: unknown): string | undefined {
  if (isLiteral(value)) return value;
  const ref = parseReference(value);
  if (!ref || ref.data || ref.attribute !== "name") return undefined;
  const target = resourceNamed(stack, ref.type, ref.name);
  return target && isLiteral(target.config.name) ? target.config.name : undefined;
}

function armKey(kind: string, group: string, name: string): string {
  return `${kind}:${group.toLowerCase()}/${name.toLowerCase()}`;
}

/** The key of a VNet resource of the stack: by resource group and name when both are literal. */
function vnetResourceKey(stack: JsonObject, vnet: TerraformResource): string {
  const name = literalName(stack, vnet.config.name);
  const group = literalName(stack, vnet.config.resource_group_name);
  return name && group ? armKey("vnet", group, name) : `vnet-resource:${vnet.name}`;
}

/** The VNet a value that holds a VNet id names, as a comparable key; undefined when unknowable. */
export function vnetKeyFromId(stack: JsonObject, value: unknown): string | undefined {
  const vnet = referenced(stack, value, ["azurerm_virtual_network"], ["id"]);
  if (vnet) return vnetResourceKey(stack, vnet);
  if (isLiteral(value)) {
    const m = VNET_ID.exec(value);
    return m ? armKey("vnet", m[1], m[2]) : undefined;
  }
  return isExpression(value) ? `vnet-expression:${normalizeReference(value as string)}` : undefined;
}

/** The VNet named by a name and a resource group (a peering's or a subnet's own VNet). */
export function vnetKeyFromName(stack: JsonObject, name: unknown, group: unknown): string | undefined {
  const vnet = referenced(stack, name, ["azurerm_virtual_network"], ["name"]);
  if (vnet) return vnetResourceKey(stack, vnet);
  const literal = literalName(stack, name);
  const rg = literalName(stack, group);
  if (literal && rg) return armKey("vnet", rg, literal);
  return undefined;
}

/** The VNet of a subnet id: a subnet of the stack, or a literal subnet id. */
export function vnetOfSubnet(stack: JsonObject, subnetId: unknown): string | undefined {
  const subnet = referenced(stack, subnetId, ["azurerm_subnet"], ["id"]);
  if (subnet) return vnetKeyFromName(stack, subnet.config.virtual_network_name, subnet.config.resource_group_name);
  if (isLiteral(subnetId)) {
    const m = SUBNET_ID.exec(subnetId);
    return m ? armKey("vnet", m[1], m[2]) : undefined;
  }
  return undefined;
}

/** Every peering of the stack as a directed edge between VNet keys. */
export function peeringEdges(stack: JsonObject): { readonly from: string; readonly to: string; readonly address: string }[] {
  return resourcesOfType(stack, "azurerm_virtual_network_peering").flatMap((peering) => {
    const from = vnetKeyFromName(stack, peering.config.virtual_network_name, peering.config.resource_group_name);
    const to = vnetKeyFromId(stack, peering.config.remote_virtual_network_id);
    return from && to ? [{ from, to, address: peering.address }] : [];
  });
}

/** Which directions of the peering between two VNets the stack lacks (none when the same VNet). */
export function missingPeerings(stack: JsonObject, a: string, b: string): ("there" | "back")[] {
  if (a === b) return [];
  const edges = peeringEdges(stack);
  const missing: ("there" | "back")[] = [];
  if (!edges.some((e) => e.from === a && e.to === b)) missing.push("there");
  if (!edges.some((e) => e.from === b && e.to === a)) missing.push("back");
  return missing;
}

/** The key of a private DNS zone resource of the stack. */
function zoneResourceKey(stack: JsonObject, zone: TerraformResource): string {
  const name = literalName(stack, zone.config.name);
  const group = literalName(stack, zone.config.resource_group_name);
  return name && group ? armKey("zone", group, name) : `zone-resource:${zone.name}`;
}

/** The zone a zone id names: a zone of the stack, or a literal zone id; undefined when unknowable. */
export function zoneKeyFromId(stack: JsonObject, value: unknown): string | undefined {
  const zone = referenced(stack, value, ["azurerm_private_dns_zone"], ["id"]);
  if (zone) return zoneResourceKey(stack, zone);
  if (isLiteral(value)) {
    const m = ZONE_ID.exec(value);
    return m ? armKey("zone", m[1], m[2]) : undefined;
  }
  return undefined;
}

/** The zones of the stack with a given name (e.g. `privatelink.vaultcore.azure.net`), as keys. */
export function zonesNamed(stack: JsonObject, zoneName: string): string[] {
  return resourcesOfType(stack, "azurerm_private_dns_zone")
    .filter((zone) => literalName(stack, zone.config.name)?.toLowerCase() === zoneName.toLowerCase())
    .map((zone) => zoneResourceKey(stack, zone));
}

/** The literal name of a zone key's zone. */
export function zoneNameOf(stack: JsonObject, key: string): string | undefined {
  if (key.startsWith("zone:")) return key.slice(key.indexOf("/") + 1);
  const zone = resourceNamed(stack, "azurerm_private_dns_zone", key.slice("zone-resource:".length));
  return zone ? literalName(stack, zone.config.name) : undefined;
}

/** Whether a zone is linked to a VNet by a link in the stack. */
export function zoneLinkedTo(stack: JsonObject, zoneKey: string, vnetKey: string): boolean {
  return resourcesOfType(stack, "azurerm_private_dns_zone_virtual_network_link").some((link) => {
    if (vnetKeyFromId(stack, link.config.virtual_network_id) !== vnetKey) return false;
    const zone = referenced(stack, link.config.private_dns_zone_name, ["azurerm_private_dns_zone"], ["name"]);
    if (zone) return zoneResourceKey(stack, zone) === zoneKey;
    const name = literalName(stack, link.config.private_dns_zone_name);
    const group = literalName(stack, link.config.resource_group_name);
    return name !== undefined && group !== undefined && armKey("zone", group, name) === zoneKey;
  });
}

/** The private endpoints of the stack that connect to a resource. */
export function privateEndpointsTo(stack: JsonObject, target: TerraformResource): TerraformResource[] {
  return resourcesOfType(stack, "azurerm_private_endpoint").filter((endpoint) =>
    blocks(endpoint.config.private_service_connection).some((c) => referenced(stack, c.private_connection_resource_id, [target.type], ["id"])?.name === target.name),
  );
}

/** The zone keys an endpoint registers in (its zone group), and whether any is outside the app. */
export function endpointZones(stack: JsonObject, endpoint: TerraformResource): { readonly keys: string[]; readonly unknown: boolean } {
  const ids = blocks(endpoint.config.private_dns_zone_group).flatMap((group) => (Array.isArray(group.private_dns_zone_ids) ? group.private_dns_zone_ids : []));
  const keys = ids.map((id) => zoneKeyFromId(stack, id));
  return { keys: keys.filter((k): k is string => k !== undefined), unknown: keys.some((k) => k === undefined) };
}

/** A VNet key as it reads in a message. */
export function showVnet(stack: JsonObject, key: string, given?: string): string {
  if (given && !isExpression(given)) return given;
  if (key.startsWith("vnet:")) return key.slice("vnet:".length).split("/").reverse().join(" in resource group ");
  if (key.startsWith("vnet-resource:")) {
    const vnet = resourceNamed(stack, "azurerm_virtual_network", key.slice("vnet-resource:".length));
    return vnet ? `azurerm_virtual_network.${vnet.name}` : key;
  }
  return key.replace(/^vnet-expression:/, "");
}

/** Every string anywhere in a JSON value. */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isObject(value)) return Object.entries(value).flatMap(([key, child]) => (key === "//" ? [] : strings(child)));
  return [];
}

/** A VNet linked to two private DNS zones of the same name, which Azure refuses. */
export interface ZoneNameConflict {
  /** The link that makes the second one, and its stack. */
  readonly stack: string;
  readonly constructPath: string;
  readonly address: string;
  /** The zone name both zones have. */
  readonly zoneName: string;
  /** The VNet, as it reads in a message. */
  readonly virtualNetwork: string;
  /** The other link, as `<construct path> (<address>)`. */
  readonly other: string;
}

/**
 * Links that tie one VNet to two distinct zones of the same name, across the stacks given in
 * order: each conflict is reported at the later link. Azure refuses such a link ("A virtual
 * network cannot be linked to multiple zones with overlapping namespaces"; Microsoft's Private
 * Link FAQ: linking zones with the same name to one virtual network is not supported).
 */
export function zoneNameConflicts(stacks: readonly { readonly id: string; readonly terraform: JsonObject }[]): ZoneNameConflict[] {
  const seen = new Map<string, { zone: string; where: string }>();
  const conflicts: ZoneNameConflict[] = [];
  for (const { id, terraform } of stacks) {
    for (const link of zoneLinksOf(id, terraform)) {
      const first = seen.get(link.key);
      if (!first) {
        seen.set(link.key, { zone: link.zone, where: link.where });
      } else if (first.zone !== link.zone) {
        conflicts.push({ stack: id, constructPath: link.constructPath, address: link.address, zoneName: link.zoneName, virtualNetwork: link.virtualNetwork, other: first.where });
      }
    }
  }
  return conflicts;
}

interface ZoneLinkFact {
  /** The linked VNet and zone name, app-wide. */
  readonly key: string;
  /** The zone, app-wide. */
  readonly zone: string;
  readonly zoneName: string;
  readonly virtualNetwork: string;
  readonly constructPath: string;
  readonly address: string;
  readonly where: string;
}

/** Each stack's zone links, read once per synthesized Terraform (an app compares them all, stack after stack). */
const ZONE_LINKS = new WeakMap<JsonObject, ZoneLinkFact[]>();

function zoneLinksOf(stackId: string, terraform: JsonObject): ZoneLinkFact[] {
  const cached = ZONE_LINKS.get(terraform);
  if (cached) return cached;
  const facts: ZoneLinkFact[] = [];
  for (const link of resourcesOfType(terraform, "azurerm_private_dns_zone_virtual_network_link")) {
    const vnet = vnetKeyFromId(terraform, link.config.virtual_network_id);
    const zoneResource = referenced(terraform, link.config.private_dns_zone_name, ["azurerm_private_dns_zone"], ["name"]);
    const name = zoneResource ? literalName(terraform, zoneResource.config.name) : literalName(terraform, link.config.private_dns_zone_name);
    if (!vnet || !name) continue;
    // Keys by resource group and name are the same Azure resource in every stack; others are the stack's own.
    const zoneKey = zoneResource ? zoneResourceKey(terraform, zoneResource) : armKey("zone", literalName(terraform, link.config.resource_group_name) ?? "?", name);
    facts.push({
      key: `${vnet.startsWith("vnet:") ? vnet : `${stackId}/${vnet}`}|${name.toLowerCase()}`,
      zone: zoneKey.startsWith("zone:") ? zoneKey : `${stackId}/${zoneKey}`,
      zoneName: name,
      virtualNetwork: showVnet(terraform, vnet, String(link.config.virtual_network_id)),
      constructPath: link.constructPath,
      address: link.address,
      where: `${link.constructPath} (${link.address})`,
    });
  }
  ZONE_LINKS.set(terraform, facts);
  return facts;
}
