import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { RESERVED_SUBNETS } from "../../facts";
import { blocks, isSet, refersTo, resourcesOfType, show, type JsonObject, type TerraformResource } from "../terraform-json";

/** Subnets Azure does not let carry an NSG (or that break with one). */
const SUBNETS_WITHOUT_NSG: readonly string[] = Object.values(RESERVED_SUBNETS);

/** NET-3: an NSG on every subnet that can take one. */
export const NET_3: ComplianceRule = {
  id: "NET-3",
  name: "NsgOnEverySubnet",
  title: "Every subnet the stack creates has an NSG, except those Azure reserves (firewall, gateway, bastion, route server)",
  description:
    "An NSG per subnet is the network boundary between roles (system nodes, user nodes, gateway, private endpoints): without one, anything that reaches the subnet reaches every port on it.",
  severity: "medium",
  fix: "Use ClusterNetwork (an NSG per subnet), or add an azurerm_network_security_group and an azurerm_subnet_network_security_group_association for the subnet (inline subnets of azurerm_virtual_network: set security_group).",
  references: [R.nsgOverview, R.aksNetworkConcepts],
  mappings: { mcsb: ["NS-1"], checkov: ["CKV2_AZURE_31"] },
  resourceTypes: ["azurerm_subnet", "azurerm_virtual_network"],
  check: (resource, stack) => (resource.type === "azurerm_subnet" ? checkSubnet(resource, stack) : checkInlineSubnets(resource.config)),
};

function exempt(name: unknown): boolean {
  return typeof name === "string" && SUBNETS_WITHOUT_NSG.some((reserved) => reserved.toLowerCase() === name.toLowerCase());
}

function checkSubnet(subnet: TerraformResource, stack: JsonObject): string[] {
  if (exempt(subnet.config.name)) return [];
  const associated = resourcesOfType(stack, "azurerm_subnet_network_security_group_association").some(
    (association) => refersTo(association.config.subnet_id, subnet) && isSet(association.config.network_security_group_id),
  );
  return associated
    ? []
    : [`subnet ${show(subnet.config.name)} has no azurerm_subnet_network_security_group_association in the stack: no NSG filters its traffic`];
}

function checkInlineSubnets(network: JsonObject): string[] {
  return blocks(network.subnet)
    .filter((subnet) => !exempt(subnet.name) && !isSet(subnet.security_group))
    .map((subnet) => `inline subnet ${show(subnet.name)} has no security_group: no NSG filters its traffic`);
}
