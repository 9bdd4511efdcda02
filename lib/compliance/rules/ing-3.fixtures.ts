import { stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const GATEWAY = "azurerm_application_gateway.agw";
const tls = (ssl: JsonObject | undefined) => stackOf({ azurerm_application_gateway: { agw: { sku: { name: "WAF_v2", tier: "WAF_v2" }, ssl_policy: ssl } } });

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the predefined AppGwSslPolicy20220101S", stack: tls({ policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" }) },
    { name: "CustomV2 from TLS 1.3", stack: tls({ policy_type: "CustomV2", min_protocol_version: "TLSv1_3" }) },
  ],
  failing: [
    {
      name: "override the TLS policy to the 2015 predefined one",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_application_gateway").override("ssl_policy.policy_name", "AppGwSslPolicy20150501") },
      failures: [
        { address: /^azurerm_application_gateway\./, problems: ["ssl_policy.policy_name is 'AppGwSslPolicy20150501'; it must be one of 'AppGwSslPolicy20220101S', 'AppGwSslPolicy20220101'"] },
      ],
    },
    {
      name: "CustomV2 from TLS 1.1",
      stack: tls({ policy_type: "CustomV2", min_protocol_version: "TLSv1_1" }),
      failures: [{ address: GATEWAY, problems: ["ssl_policy.min_protocol_version is 'TLSv1_1'; it must be one of 'TLSv1_2', 'TLSv1_3'"] }],
    },
    { name: "no TLS policy", stack: tls(undefined), failures: [{ address: GATEWAY, problems: [/^has no ssl_policy block/] }] },
  ],
};
