import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** API-1: private API server, no public FQDN. */
export const API_1: ComplianceRule = {
  id: "API-1",
  name: "PrivateApiServer",
  title: "Private API server (private cluster), no public FQDN",
  description:
    "A private API server has no internet-facing endpoint: credentials stolen elsewhere, or a zero-day in the API server, cannot be used from the internet.",
  severity: "high",
  fix: "Use ApiServerAccess.privateOnly() (the default), or remove the override. In Terraform: private_cluster_enabled = true and private_cluster_public_fqdn_enabled = false. A public API server with authorized ranges is an opt-out: acknowledge API-1 with the reason.",
  references: [R.aksPrivateClusters],
  mappings: {
    cisAks: ["5.4.1", "5.4.2"],
    mcsb: ["NS-2"],
    checkov: ["CKV_AZURE_115"],
    trivy: ["AVD-AZU-0065"],
  },
  resourceTypes: [CLUSTER],
  check: ({ config }) =>
    problems(
      expectOneOf(config.private_cluster_enabled, "private_cluster_enabled", [true], false),
      expectOneOf(config.private_cluster_public_fqdn_enabled, "private_cluster_public_fqdn_enabled", [false], false),
    ),
};
