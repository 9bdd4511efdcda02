// azurerm perimeter resources: the egress firewall and its policy, the WAF ingress gateway
// and its policy, and the private container registry.
import type * as agw from "@cdktf/provider-azurerm/lib/application-gateway";
import type * as acr from "@cdktf/provider-azurerm/lib/container-registry";
import type * as firewall from "@cdktf/provider-azurerm/lib/firewall";
import type * as firewallPolicy from "@cdktf/provider-azurerm/lib/firewall-policy";
import type * as rcg from "@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group";
import type * as waf from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import type { ComputedList } from "./cluster";
import { namedAzurermResource } from "./resource";

export type {
  FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRule,
  FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRule,
} from "@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group";

/** azurerm_firewall */
export class Firewall extends namedAzurermResource<firewall.FirewallConfig>("azurerm_firewall") {

  /** The firewall's IP configurations: the private address is the next hop of the spoke's routes. */
  public get ipConfiguration(): ComputedList<{ readonly privateIpAddress: string }> {
    return { get: (index) => ({ privateIpAddress: this.nestedString(`ip_configuration[${index}].private_ip_address`) }) };
  }
}

/** azurerm_firewall_policy */
export class FirewallPolicy extends namedAzurermResource<firewallPolicy.FirewallPolicyConfig>("azurerm_firewall_policy") {}

/** azurerm_firewall_policy_rule_collection_group */
export class FirewallPolicyRuleCollectionGroup extends namedAzurermResource<rcg.FirewallPolicyRuleCollectionGroupConfig>("azurerm_firewall_policy_rule_collection_group", []) {}

/** azurerm_application_gateway */
export class ApplicationGateway extends namedAzurermResource<agw.ApplicationGatewayConfig>("azurerm_application_gateway") {}

/** azurerm_web_application_firewall_policy */
export class WebApplicationFirewallPolicy extends namedAzurermResource<waf.WebApplicationFirewallPolicyConfig>("azurerm_web_application_firewall_policy") {}

/** azurerm_container_registry */
export class ContainerRegistry extends namedAzurermResource<acr.ContainerRegistryConfig>("azurerm_container_registry") {

  /** The registry's login server, e.g. `crexample.azurecr.io`. */
  public get loginServer(): string {
    return this.getStringAttribute("login_server");
  }
}
