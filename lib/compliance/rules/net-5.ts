import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { APPLICATION_GATEWAY, NSG, NSG_RULE, ruleValues, sameWord, securityGroupsOfSubnet } from "../azurerm-json";
import { catchAllIn, parseAddressRange, unionCovers } from "../../private/cidr";
import { blocks, isExpression, isObject, referencedResource, resourcesOfType, show, type JsonObject, type TerraformResource } from "../terraform-json";


/**
 * The one port the internet may reach, and only on the application gateway's subnet: the
 * WAF's HTTPS listener. Application Gateway v2 also needs 65200-65535 inbound, but from the
 * `GatewayManager` service tag, which is not the internet and is not this rule's concern.
 */
const INTERNET_PORT = "443";

/**
 * Address space that is not on the internet: RFC 1918, shared (RFC 6598), loopback,
 * link-local, "this network", and IPv6 unique-local, link-local and loopback. A source
 * outside all of them is a public range.
 */
const NON_PUBLIC = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "0.0.0.0/8", "fc00::/7", "fe80::/10", "::1/128"];

/** Service tags that stand for internet addresses: anyone's. `AzureCloud` is every Azure tenant's public IPs. */
const INTERNET_TAGS = ["*", "any", "internet"];

/** NET-5: no NSG rule lets the internet in, except HTTPS to the application gateway. */
export const NET_5: ComplianceRule = {
  id: "NET-5",
  name: "NoInternetInboundExceptGateway",
  title: "No NSG rule allows inbound traffic from the internet, except HTTPS (443) to the application gateway's subnet",
  description:
    "The WAF gateway is the only door from the internet. An inbound allow rule from '*', 'Internet', '0.0.0.0/0', ranges that together cover everything, or any public range, to any other port or subnet (SSH, RDP, the nodes' NodePorts) bypasses the WAF and the private API server. Read from inline security_rule blocks and separate azurerm_network_security_rule resources, so a rule added through an escape hatch is caught too. Sources or ports known only when Terraform runs are not judged.",
  severity: "high",
  fix: "Remove the rule, or narrow its source to the private ranges or service tags that need it (e.g. GatewayManager, AzureLoadBalancer, VirtualNetwork). Publish internet-facing services through WafIngress (HTTPS on the gateway's subnet). If a public range must reach a port, acknowledge NET-5 with the reason.",
  references: [R.nsgOverview, R.appGatewayInfrastructure],
  mappings: { mcsb: ["NS-1", "NS-2"], checkov: ["CKV_AZURE_9", "CKV_AZURE_10", "CKV_AZURE_160"], tfsec: ["azure-network-no-public-ingress"] },
  resourceTypes: [NSG, NSG_RULE],
  check: (resource, stack) =>
    resource.type === NSG
      ? blocks(resource.config.security_rule).flatMap((rule) => checkRule(rule, isGatewayGroup(resource, stack), `security_rule ${show(rule.name)}`))
      : checkRule(resource.config, isGatewayGroup(groupOf(resource, stack), stack), `rule ${show(resource.config.name)}`),
};

/** The NSG a separate rule belongs to, when the stack has it (`network_security_group_name = <nsg>.name`). */
function groupOf(rule: TerraformResource, stack: JsonObject): TerraformResource | undefined {
  return referencedResource(stack, rule.config.network_security_group_name, NSG, "name");
}

/** Whether an NSG filters the subnet an application gateway of the stack is in. */
function isGatewayGroup(group: TerraformResource | undefined, stack: JsonObject): boolean {
  if (!group) return false;
  return resourcesOfType(stack, APPLICATION_GATEWAY)
    .flatMap((gateway) => blocks(gateway.config.gateway_ip_configuration).map((configuration) => configuration.subnet_id))
    .some((subnet) => typeof subnet === "string" && securityGroupsOfSubnet(stack, subnet).some((candidate) => candidate.address === group.address));
}

/**
 * What is wrong with one security rule (inline block or separate resource), if anything.
 */
function checkRule(rule: JsonObject, onGatewaySubnet: boolean, label: string): string[] {
  if (!isObject(rule) || !sameWord(rule.direction, "Inbound") || !sameWord(rule.access, "Allow")) return [];
  const source = internetSource(rule);
  if (source === undefined) return [];
  const ports = ruleValues(rule.destination_port_range, rule.destination_port_ranges);
  // Ports known only when Terraform runs are not judged; neither is a rule with no port (the provider requires one).
  if (ports.length === 0 || ports.some(isExpression)) return [];
  const others = ports.filter((port) => port.trim() !== INTERNET_PORT);
  if (others.length === 0 && onGatewaySubnet) return [];
  const where = others.length === 0 ? `port ${INTERNET_PORT} of an NSG that is not the application gateway's subnet's` : `port(s) ${others.map((p) => `'${p}'`).join(", ")}`;
  return [
    `${label} allows inbound traffic from the internet (${source}) to ${where}: only HTTPS (443) to the application gateway's subnet may be open to the internet, behind the WAF`,
  ];
}

/** How a rule's sources reach the internet, in words; undefined when they do not (or are not known yet). */
function internetSource(rule: JsonObject): string | undefined {
  const sources = ruleValues(rule.source_address_prefix, rule.source_address_prefixes);
  const literal = sources.filter((source) => !isExpression(source));
  const tag = literal.find((source) => INTERNET_TAGS.includes(source.trim().toLowerCase()) || /^azurecloud(\.|$)/i.test(source.trim()));
  if (tag !== undefined) return `'${tag}'`;
  const everything = catchAllIn(literal);
  if (everything !== undefined) return everything;
  const publicRange = literal.find((source) => {
    const range = parseAddressRange(source);
    return range !== undefined && !unionCovers(NON_PUBLIC, range);
  });
  return publicRange === undefined ? undefined : `the public range '${publicRange}'`;
}
