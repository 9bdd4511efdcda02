import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { isCatchAll } from "../../private/cidr";
import { block, isExpression, isTrue, show } from "../terraform-json";

/** API-2: a public API server only with authorized ranges, none of them a catch-all. */
export const API_2: ComplianceRule = {
  id: "API-2",
  name: "AuthorizedIpRangesWithoutCatchAll",
  title: "A public API server has authorized IP ranges, and none is a catch-all",
  description:
    "Where the API server is public, only the listed ranges may reach it. An empty list, or a catch-all such as 0.0.0.0/0, ::/0 or *, opens it to the whole internet. Private clusters pass.",
  severity: "high",
  fix: "Keep the API server private (ApiServerAccess.privateOnly()), or list the specific ranges that need it with ApiServerAccess.publicWithAuthorizedRanges([...]); remove catch-alls from api_server_access_profile.authorized_ip_ranges.",
  references: [R.aksAuthorizedIpRanges],
  mappings: {
    cisAks: ["5.4.1"],
    mcsb: ["NS-2"],
    checkov: ["CKV_AZURE_6"],
    trivy: ["AVD-AZU-0041"],
    tfsec: ["azure-container-limit-authorized-ips"],
  },
  resourceTypes: [CLUSTER],
  check: ({ config }) => {
    if (isTrue(config.private_cluster_enabled)) return [];
    const ranges = block(config, "api_server_access_profile")?.authorized_ip_ranges;
    if (isExpression(ranges)) {
      return [`the API server is public and api_server_access_profile.authorized_ip_ranges is the expression ${show(ranges)}, so its ranges cannot be checked before Terraform runs`];
    }
    if (!Array.isArray(ranges) || ranges.length === 0) {
      return ["the API server is public and api_server_access_profile.authorized_ip_ranges lists no range: it is open to the whole internet"];
    }
    const found: string[] = [];
    for (const range of ranges) {
      if (typeof range !== "string" || isExpression(range)) {
        found.push(`the API server is public and authorized range ${show(range)} is only known when Terraform runs, so it cannot be checked`);
      } else if (isCatchAll(range)) {
        found.push(`the API server is public and api_server_access_profile.authorized_ip_ranges contains the catch-all ${show(range)}`);
      }
    }
    return found;
  },
};
