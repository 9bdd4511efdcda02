import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { APPLICATION_GATEWAY, ruleValues, sameWord, securityGroupsOfSubnet, securityRulesOf } from "../azurerm-json";
import { MODERN_SSL_POLICIES } from "../../facts";
import { block, blocks, expectOneOf, isExpression, problems, show, type JsonObject } from "../terraform-json";

/** ING-3: a modern TLS policy on the gateway. */
export const ING_3: ComplianceRule = {
  id: "ING-3",
  name: "ModernTlsPolicy",
  title: "Application Gateway TLS policy with TLS 1.2 minimum (AppGwSslPolicy20220101S or AppGwSslPolicy20220101, or CustomV2 from TLSv1_2), and no plain HTTP to the gateway from the networks",
  description:
    "Without an ssl_policy the gateway uses an older default that still accepts TLS 1.0 and 1.1 and weak ciphers on older API versions; the 2022 predefined policies start at TLS 1.2 with strong suites. AGIC keeps an HTTP listener on port 80 on the gateway whenever no Ingress declares one; the internet cannot reach it (NET-5), but Azure's default AllowVnetInBound lets the virtual network and every peered network (the hub, other spokes) in, in plain text, unless the gateway subnet's NSG denies TCP 80 first.",
  severity: "medium",
  fix: "Keep WafIngress's sslPolicyName (\"AppGwSslPolicy20220101S\" by default) and ClusterNetwork's DenyHttpInbound rule on the gateway subnet. In Terraform: ssl_policy { policy_type = \"Predefined\", policy_name = \"AppGwSslPolicy20220101S\" }, or policy_type = \"CustomV2\" with min_protocol_version = \"TLSv1_2\" or \"TLSv1_3\"; on the gateway subnet's NSG an inbound Deny of TCP 80 from * (or VirtualNetwork) at a lower priority number than any rule that allows it.",
  references: [R.appGatewayTlsPolicy],
  mappings: { cisAks: ["5.4.5"], checkov: ["CKV_AZURE_218"] },
  resourceTypes: [APPLICATION_GATEWAY],
  check: ({ config }, stack) => [...tlsPolicy(config), ...plainHttpFromNetworks(config, stack)],
};

function tlsPolicy(config: JsonObject): string[] {
  const policy = block(config, "ssl_policy");
  if (!policy) return ["has no ssl_policy block: the gateway falls back to Azure's default TLS policy instead of a TLS 1.2 minimum"];
  const type = policy.policy_type;
  if (typeof type === "string" && !isExpression(type) && type.toLowerCase() === "customv2") {
    return problems(expectOneOf(policy.min_protocol_version, "ssl_policy.min_protocol_version", ["TLSv1_2", "TLSv1_3"]));
  }
  if (typeof type === "string" && !isExpression(type) && type.toLowerCase() !== "predefined") {
    return [`ssl_policy.policy_type is ${show(type)}; use 'Predefined' (${MODERN_SSL_POLICIES.join(" or ")}) or 'CustomV2' with min_protocol_version TLSv1_2 or later`];
  }
  return problems(
    expectOneOf(type, "ssl_policy.policy_type", ["Predefined", "CustomV2"]),
    expectOneOf(policy.policy_name, "ssl_policy.policy_name", MODERN_SSL_POLICIES),
  );
}

/** Sources a deny must name to close port 80 to the virtual network and its peerings. */
const NETWORK_SOURCES = ["*", "any", "virtualnetwork", "0.0.0.0/0"];

/** Sources that are not the networks: an allow from them does not open port 80 to the hub or a spoke. */
const NOT_NETWORK_SOURCES = ["internet", "azureloadbalancer", "gatewaymanager"];

/**
 * Whether the gateway's subnet, when the stack has it, lets the networks reach port 80:
 * the first inbound rule by priority that matches TCP 80 from the networks must deny it,
 * or Azure's default AllowVnetInBound (priority 65000) lets them in. A subnet outside the
 * stack (a brought network) is not judged; neither are rules whose ports or sources are
 * known only when Terraform runs.
 */
function plainHttpFromNetworks(gateway: JsonObject, stack: JsonObject): string[] {
  const subnets = blocks(gateway.gateway_ip_configuration)
    .map((configuration) => configuration.subnet_id)
    .filter((id): id is string => typeof id === "string" && /^\$\{azurerm_subnet\./.test(id.trim()));
  return subnets.flatMap((subnet) => {
    const groups = securityGroupsOfSubnet(stack, subnet);
    if (groups.length === 0) {
      return ["the gateway's subnet has no NSG: port 80 (AGIC's HTTP listener) is open in plain text to the virtual network and every peered network"];
    }
    return groups.flatMap((group) => {
      // The first rule by priority that could let a network in on TCP 80 decides: an allow
      // from any network range (the hub's, 10.0.0.0/8, a service tag of the VNet) opens it; a
      // deny closes it only when it covers every network and the whole subnet.
      const first = securityRulesOf(group, stack)
        .filter((rule) => sameWord(rule.direction, "Inbound") && reachesHttp(rule) && (sameWord(rule.access, "Deny") ? closesToNetworks(rule) : opensToNetworks(rule)))
        .sort((a, b) => priorityOf(a) - priorityOf(b))[0];
      if (first && sameWord(first.access, "Deny") && !isExpression(first.priority)) return [];
      const name = show(group.config.name);
      return [
        first
          ? `the gateway subnet's NSG ${name} allows TCP 80 from the networks (rule ${show(first.name)}): AGIC's HTTP listener is open in plain text to the virtual network and every peered network`
          : `the gateway subnet's NSG ${name} has no inbound Deny for TCP 80: Azure's default AllowVnetInBound opens AGIC's HTTP listener in plain text to the virtual network and every peered network`,
      ];
    });
  });
}

function reachesHttp(rule: JsonObject): boolean {
  if (!["tcp", "*"].includes(String(rule.protocol).toLowerCase())) return false;
  const ports = ruleValues(rule.destination_port_range, rule.destination_port_ranges);
  return ports.some((port) => {
    if (isExpression(port)) return false;
    if (port.trim() === "*") return true;
    const m = /^(\d+)(?:-(\d+))?$/.exec(port.trim());
    return m !== null && Number(m[1]) <= 80 && 80 <= Number(m[2] ?? m[1]);
  });
}

/** A deny that takes TCP 80 away from every network, to anywhere in the subnet. */
function closesToNetworks(rule: JsonObject): boolean {
  const sources = ruleValues(rule.source_address_prefix, rule.source_address_prefixes);
  const destinations = ruleValues(rule.destination_address_prefix, rule.destination_address_prefixes);
  return (
    sources.some((source) => NETWORK_SOURCES.includes(source.trim().toLowerCase())) &&
    destinations.some((destination) => ["*", "any", "virtualnetwork"].includes(destination.trim().toLowerCase()))
  );
}

/** An allow from anything but the internet and Azure's infrastructure tags: some network gets in. */
function opensToNetworks(rule: JsonObject): boolean {
  return ruleValues(rule.source_address_prefix, rule.source_address_prefixes).some(
    (source) => isExpression(source) || !NOT_NETWORK_SOURCES.includes(source.trim().toLowerCase()),
  );
}

/** A priority known only when Terraform runs sorts first: it may come before any other. */
function priorityOf(rule: JsonObject): number {
  const priority = Number(rule.priority);
  return isExpression(rule.priority) || Number.isNaN(priority) ? -Infinity : priority;
}
