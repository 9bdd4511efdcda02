// Helpers for azurerm resources other than the cluster, shared by the rules.
import { blocks, refersTo, resourcesOfType, type JsonObject, type TerraformResource } from "./terraform-json";

/** The gateway resource ING-1 to ING-4 check, and the ingress add-on points at. */
export const APPLICATION_GATEWAY = "azurerm_application_gateway";

/** Whether a private endpoint in the stack connects to a resource through the given sub-resource. */
export function hasPrivateEndpoint(resource: TerraformResource, subresource: string, stack: JsonObject): boolean {
  return resourcesOfType(stack, "azurerm_private_endpoint").some((endpoint) =>
    blocks(endpoint.config.private_service_connection).some(
      (connection) =>
        refersTo(connection.private_connection_resource_id, resource) &&
        Array.isArray(connection.subresource_names) &&
        connection.subresource_names.some((name) => typeof name === "string" && name.toLowerCase() === subresource),
    ),
  );
}

/** Network security groups and their separate rules. */
export const NSG = "azurerm_network_security_group";
export const NSG_RULE = "azurerm_network_security_rule";

/** The NSGs of the stack associated with a subnet (compared by the subnet id as written). */
export function securityGroupsOfSubnet(stack: JsonObject, subnetId: string): TerraformResource[] {
  const key = subnetId.replace(/\s+/g, "");
  return resourcesOfType(stack, "azurerm_subnet_network_security_group_association")
    .filter((association) => typeof association.config.subnet_id === "string" && association.config.subnet_id.replace(/\s+/g, "") === key)
    .flatMap((association) => resourcesOfType(stack, NSG).filter((group) => refersTo(association.config.network_security_group_id, group)));
}

/** An NSG's rules: its inline `security_rule` blocks and the separate rules that name it. */
export function securityRulesOf(group: TerraformResource, stack: JsonObject): JsonObject[] {
  const separate = resourcesOfType(stack, NSG_RULE)
    .filter((rule) => refersTo(rule.config.network_security_group_name, group, "name"))
    .map((rule) => rule.config);
  return [...blocks(group.config.security_rule), ...separate];
}

/**
 * A security rule's values for one attribute, from its single and its list form
 * (`source_address_prefix` and `source_address_prefixes`, ...): the provider has both.
 */
export function ruleValues(single: unknown, list: unknown): string[] {
  const values = [single, ...(Array.isArray(list) ? list : [list])];
  return values.filter((value) => (typeof value === "string" && value !== "") || typeof value === "number").map(String);
}

/**
 * Whether an attribute is the given word, in any case: the provider takes `direction` and
 * `access` only in exactly this case (azurerm v4.55.0, network_security_rule_resource.go,
 * StringInSlice without ignoring case); they are compared without case all the same, as
 * Azure does.
 */
export function sameWord(value: unknown, expected: string): boolean {
  return typeof value === "string" && value.toLowerCase() === expected.toLowerCase();
}
