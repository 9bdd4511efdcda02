import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { APPLICATION_GATEWAY } from "../azurerm-json";
import { block, expectOneOf, isSet, isTrue, problems, referencedResource, show, type JsonObject, type TerraformResource } from "../terraform-json";

/** ING-1: ingress only through Application Gateway WAF_v2, with AGIC pointing at it. */
export const ING_1: ComplianceRule = {
  id: "ING-1",
  name: "IngressThroughWafGateway",
  title: "Ingress only through Application Gateway WAF_v2 with a WAF policy; the cluster's ingress add-on points at that gateway",
  description:
    "Every request from the internet passes a web application firewall before it reaches a pod. An Application Gateway without the WAF tier or policy, the ingress add-on creating its own (Standard_v2, no WAF) gateway, or the web app routing and HTTP application routing add-ons (public ingress controllers inside the cluster) all bypass it. A cluster without an ingress add-on has no public ingress to check and passes.",
  severity: "high",
  fix: "Use WafIngress and give it to the cluster (ingress: waf). In Terraform: azurerm_application_gateway with sku { name = \"WAF_v2\", tier = \"WAF_v2\" } and firewall_policy_id; the cluster's ingress_application_gateway { gateway_id = azurerm_application_gateway.<name>.id }; no web_app_routing block and http_application_routing_enabled = false.",
  references: [R.appGatewayIngressController, R.wafOverview, R.aksNetworkBestPractices],
  mappings: { checkov: ["CKV_AZURE_120"] },
  resourceTypes: [APPLICATION_GATEWAY, CLUSTER],
  check: (resource, stack) => (resource.type === CLUSTER ? checkCluster(resource.config, stack) : checkGateway(resource.config)),
};

function checkGateway(gateway: JsonObject): string[] {
  const sku = block(gateway, "sku");
  return problems(
    expectOneOf(sku?.tier, "sku.tier", ["WAF_v2"]),
    expectOneOf(sku?.name, "sku.name", ["WAF_v2"]),
    isSet(gateway.firewall_policy_id) ? undefined : "firewall_policy_id is not set: no WAF policy inspects the gateway's traffic",
  );
}

function checkCluster(cluster: JsonObject, stack: JsonObject): string[] {
  const found: (string | undefined)[] = [
    block(cluster, "web_app_routing")
      ? "has a web_app_routing block: the app routing add-on runs a public NGINX ingress that bypasses the WAF"
      : undefined,
    isTrue(cluster.http_application_routing_enabled)
      ? "http_application_routing_enabled is true: the HTTP application routing add-on exposes services publicly without a WAF"
      : undefined,
  ];
  const agic = block(cluster, "ingress_application_gateway");
  if (agic) {
    if (!isSet(agic.gateway_id)) {
      found.push(
        `ingress_application_gateway has no gateway_id (${isSet(agic.subnet_cidr) || isSet(agic.subnet_id) ? "it sets subnet_cidr or subnet_id" : "nothing names the gateway"}): the add-on creates its own Standard_v2 gateway, without a WAF`,
      );
    } else {
      const gateway: TerraformResource | undefined = referencedResource(stack, agic.gateway_id, APPLICATION_GATEWAY);
      if (!gateway) {
        found.push(
          `ingress_application_gateway.gateway_id is ${show(agic.gateway_id)}, not an azurerm_application_gateway of this stack, so its WAF cannot be checked`,
        );
      }
    }
  }
  return problems(...found);
}
