import type { ComplianceRule } from "../rule";
import { CLUSTER } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** IAM-4 (cluster flags): OIDC issuer and workload identity. */
export const IAM_4: ComplianceRule = {
  id: "IAM-4",
  name: "WorkloadIdentityEnabled",
  title: "Workload identity for pods: OIDC issuer and workload identity on",
  description:
    "Pods get Entra tokens through federated credentials instead of secrets or the node's identity. This rule checks the cluster flags; federated credentials per service account come with the workloads.",
  severity: "medium",
  fix: "HardenedCluster always sets both; remove the override. In Terraform: oidc_issuer_enabled = true and workload_identity_enabled = true.",
  seeds: ["001", "003"],
  mappings: { mcsb: ["IM-3"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) =>
    problems(
      expectOneOf(config.oidc_issuer_enabled, "oidc_issuer_enabled", [true], false),
      expectOneOf(config.workload_identity_enabled, "workload_identity_enabled", [true], false),
    ),
};
