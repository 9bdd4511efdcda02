import type { ComplianceRule } from "../rule";
import { APPLICATION_GATEWAY } from "../azurerm-json";
import { MODERN_SSL_POLICIES } from "../../facts";
import { block, expectOneOf, isExpression, problems, show } from "../terraform-json";

/** ING-3: a modern TLS policy on the gateway. */
export const ING_3: ComplianceRule = {
  id: "ING-3",
  name: "ModernTlsPolicy",
  title: "Application Gateway TLS policy with TLS 1.2 minimum (AppGwSslPolicy20220101S or AppGwSslPolicy20220101, or CustomV2 from TLSv1_2)",
  description:
    "Without an ssl_policy the gateway uses an older default that still accepts TLS 1.0 and 1.1 and weak ciphers on older API versions; the 2022 predefined policies start at TLS 1.2 with strong suites.",
  severity: "medium",
  fix: "Keep WafIngress's sslPolicyName (\"AppGwSslPolicy20220101S\" by default). In Terraform: ssl_policy { policy_type = \"Predefined\", policy_name = \"AppGwSslPolicy20220101S\" }, or policy_type = \"CustomV2\" with min_protocol_version = \"TLSv1_2\" or \"TLSv1_3\".",
  seeds: ["000"],
  mappings: { checkov: ["CKV_AZURE_218"] },
  resourceTypes: [APPLICATION_GATEWAY],
  check: ({ config }) => {
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
  },
};
