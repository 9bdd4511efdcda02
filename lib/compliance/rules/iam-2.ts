import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER } from "../aks-json";
import { expectOneOf, problems } from "../terraform-json";

/** IAM-2: no local accounts, so no static admin kubeconfig. */
export const IAM_2: ComplianceRule = {
  id: "IAM-2",
  name: "LocalAccountsDisabled",
  title: "Local accounts disabled (no static admin kubeconfig)",
  description:
    "With local accounts on, `az aks get-credentials --admin` hands out a static cluster-admin credential that bypasses Entra ID, MFA and audit by person.",
  severity: "high",
  fix: "HardenedCluster always sets local_account_disabled = true; remove the override and use kubelogin with an Entra admin group.",
  references: [R.aksLocalAccounts, R.aksKubeconfigAccess],
  mappings: { cisAks: ["5.5.1"], mcsb: ["IM-1"], checkov: ["CKV_AZURE_141"] },
  resourceTypes: [CLUSTER],
  check: ({ config }) => problems(expectOneOf(config.local_account_disabled, "local_account_disabled", [true], false)),
};
