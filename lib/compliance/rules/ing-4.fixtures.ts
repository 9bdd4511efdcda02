import { CLUSTER, DEFAULTS, clusterStack, compliantCluster, stackOf, type RuleFixtures } from "../rule-fixture";

const GATEWAY = "azurerm_application_gateway.agw";
const gateway = {
  sku: { name: "WAF_v2", tier: "WAF_v2" },
  firewall_policy_id: "${azurerm_web_application_firewall_policy.waf.id}",
  gateway_ip_configuration: [{ name: "g", subnet_id: "${azurerm_subnet.agw.id}" }],
  ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" },
};
const agicCluster = compliantCluster({ ingress_application_gateway: { gateway_id: "${azurerm_application_gateway.agw.id}" } });
const agic = "${azurerm_kubernetes_cluster.aks.ingress_application_gateway.0.ingress_application_gateway_identity.0.object_id}";
const grant = (role: string, scope: string) => ({ role_definition_name: role, scope, principal_id: agic });

export const fixtures: RuleFixtures = {
  passing: [
    {
      name: "the controller's three roles, in any spelling of the gateway's resource group",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: agicCluster },
        azurerm_application_gateway: { agw: { ...gateway, lifecycle: { ignore_changes: ["all"] } } },
        azurerm_role_assignment: {
          c: grant("Contributor", "${azurerm_application_gateway.agw.id}"),
          r1: grant("Reader", "${azurerm_resource_group.rg.id}"),
          r2: grant("Reader", '${join("/", slice(split("/", azurerm_application_gateway.agw.id), 0, 5))}'),
          n: grant("Network Contributor", "${azurerm_subnet.agw.id}"),
        },
      }),
      checks: [GATEWAY, CLUSTER],
    },
    { name: "a gateway no ingress add-on points at is left alone", stack: stackOf({ azurerm_application_gateway: { agw: gateway } }), checks: [GATEWAY] },
    { name: "a cluster without an ingress add-on", stack: clusterStack() },
  ],
  failing: [
    {
      name: "set the gateway's lifecycle through the escape hatch, ignoring only tags",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_application_gateway").override("lifecycle", undefined).override("lifecycle.ignore_changes", ["tags"]) },
      failures: [
        {
          address: /^azurerm_application_gateway\./,
          problems: [
            "lifecycle.ignore_changes does not cover backend_address_pool, backend_http_settings, frontend_port, http_listener, probe, redirect_configuration, request_routing_rule, rewrite_rule_set, ssl_certificate, trusted_root_certificate, url_path_map, which the ingress controller manages: the next apply would revert its changes and cut traffic",
          ],
        },
      ],
    },
    {
      name: "grant the ingress controller Network Contributor on the resource group",
      stack: {
        defaults: "azure",
        change: (s) =>
          s.add("azurerm_role_assignment", "AgicOnGroup", {
            scope: "${azurerm_resource_group.Group.id}",
            role_definition_name: "Network Contributor",
            principal_id: s.resource("azurerm_kubernetes_cluster").ref("ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id"),
          }),
      },
      failures: [
        {
          address: DEFAULTS.cluster,
          problems: [
            /the ingress controller's identity is granted 'Network Contributor' at scope '\$\{azurerm_resource_group\.Group\.id\}' \(azurerm_role_assignment\.AgicOnGroup\)/,
          ],
        },
      ],
    },
    {
      name: "a role at subscription scope, one on another subnet, and a gateway that does not ignore AGIC's blocks",
      stack: stackOf({
        azurerm_kubernetes_cluster: { aks: agicCluster },
        azurerm_application_gateway: { agw: gateway },
        azurerm_role_assignment: { r: grant("Reader", "/subscriptions/s"), n: grant("Network Contributor", "${azurerm_subnet.other.id}") },
      }),
      failures: [
        { address: GATEWAY, problems: [/^lifecycle\.ignore_changes does not cover backend_address_pool/] },
        {
          address: CLUSTER,
          problems: [/granted 'Network Contributor' at scope '\$\{azurerm_subnet\.other\.id\}'/, /granted 'Reader' at scope '\/subscriptions\/s'/],
        },
      ],
    },
  ],
};
