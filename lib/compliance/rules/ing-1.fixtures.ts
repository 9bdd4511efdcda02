import { CLUSTER, DEFAULTS, clusterOverride, clusterStack, stackOf, type RuleFixtures } from "../rule-fixture";

const gateway = { sku: { name: "WAF_v2", tier: "WAF_v2" }, firewall_policy_id: "${azurerm_web_application_firewall_policy.waf.id}" };

export const fixtures: RuleFixtures = {
  passing: [
    { name: "a WAF_v2 gateway with a WAF policy", stack: stackOf({ azurerm_application_gateway: { agw: gateway } }) },
    {
      name: "a cluster whose ingress add-on points at that gateway",
      stack: clusterStack({ ingress_application_gateway: { gateway_id: "${azurerm_application_gateway.agw.id}" } }, { azurerm_application_gateway: { agw: gateway } }),
      checks: ["azurerm_application_gateway.agw", CLUSTER],
    },
    { name: "a cluster without an ingress add-on has no public ingress to check", stack: clusterStack() },
  ],
  failing: [
    {
      name: "override the gateway's SKU to Standard_v2",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_application_gateway").override("sku.tier", "Standard_v2").override("sku.name", "Standard_v2") },
      failures: [
        {
          address: /^azurerm_application_gateway\.Ingress_[0-9A-F]{8}$/,
          problems: ["sku.tier is 'Standard_v2'; it must be 'WAF_v2'", "sku.name is 'Standard_v2'; it must be 'WAF_v2'"],
        },
      ],
    },
    {
      name: "override the cluster's ingress add-on to create its own gateway",
      stack: {
        defaults: "azure",
        change: (s) =>
          s.resource("azurerm_kubernetes_cluster").override("ingress_application_gateway.gateway_id", undefined).override("ingress_application_gateway.subnet_cidr", "10.240.99.0/24"),
      },
      failures: [
        {
          address: DEFAULTS.cluster,
          problems: ["ingress_application_gateway has no gateway_id (it sets subnet_cidr or subnet_id): the add-on creates its own Standard_v2 gateway, without a WAF"],
        },
      ],
      alsoFails: ["ING-4"],
    },
    {
      name: "override the web app routing add-on on",
      stack: clusterOverride("web_app_routing", { dns_zone_ids: [] }),
      failures: [{ address: DEFAULTS.cluster, problems: ["has a web_app_routing block: the app routing add-on runs a public NGINX ingress that bypasses the WAF"] }],
    },
    {
      name: "an ingress add-on pointing at a gateway outside the stack",
      stack: clusterStack({ ingress_application_gateway: { gateway_id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw" } }),
      failures: [{ address: CLUSTER, problems: [/not an azurerm_application_gateway of this stack, so its WAF cannot be checked/] }],
    },
  ],
};
