import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { WORKLOAD_IDENTITY_AUDIENCE as TOKEN_EXCHANGE_AUDIENCE } from "../../facts";
import { CLUSTER } from "../aks-json";
import { expectOneOf, isExpression, normalizeReference, problems, show, type JsonObject } from "../terraform-json";

const FEDERATED_CREDENTIAL = "azurerm_federated_identity_credential";

/** `system:serviceaccount:<namespace>:<name>`, both DNS-1123 names, nothing else. */
const SERVICE_ACCOUNT_SUBJECT = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * A cluster's OIDC issuer URL: the attribute of a cluster (resource or data source) in this
 * stack, or cdktf's cross-stack output of it.
 */
const CLUSTER_ISSUER = [
  /^\$\{(data\.)?azurerm_kubernetes_cluster\.[^.}]+\.oidc_issuer_url\}$/,
  /^\$\{data\.terraform_remote_state\.[^.}]+\.outputs\.cross-stack-output-azurerm_kubernetes_cluster[^.}]*oidc_issuer_url\}$/,
];

/** IAM-4: workload identity on the cluster; federated credentials trust exactly one service account. */
export const IAM_4: ComplianceRule = {
  id: "IAM-4",
  name: "WorkloadIdentityEnabled",
  title: "Workload identity for pods: OIDC issuer and workload identity on; each federated credential trusts one service account of a cluster's issuer",
  description:
    "Pods get Entra tokens through federated credentials instead of secrets or the node's identity. A credential must trust the cluster's own issuer, the token-exchange audience, and exactly one service account (`system:serviceaccount:<namespace>:<name>`): another issuer, audience or a wildcard subject lets other workloads, or other clusters, act as the identity.",
  severity: "medium",
  fix: "HardenedCluster always sets both flags and WorkloadIdentity writes the credential; remove the override. In Terraform: oidc_issuer_enabled = true and workload_identity_enabled = true on the cluster; azurerm_federated_identity_credential with audience = [\"api://AzureADTokenExchange\"], issuer = the cluster's oidc_issuer_url and subject = \"system:serviceaccount:<namespace>:<name>\".",
  references: [R.aksWorkloadIdentity, R.aksOidcIssuer],
  mappings: { mcsb: ["IM-3"] },
  resourceTypes: [CLUSTER, FEDERATED_CREDENTIAL],
  check: ({ type, config }) =>
    type === FEDERATED_CREDENTIAL
      ? checkCredential(config)
      : problems(
          expectOneOf(config.oidc_issuer_enabled, "oidc_issuer_enabled", [true], false),
          expectOneOf(config.workload_identity_enabled, "workload_identity_enabled", [true], false),
        ),
};

function checkCredential(config: JsonObject): string[] {
  const audience = config.audience;
  const issuer = config.issuer;
  const subject = config.subject;
  return problems(
    Array.isArray(audience) && audience.length === 1 && audience[0] === TOKEN_EXCHANGE_AUDIENCE
      ? undefined
      : `audience is ${show(audience)}; it must be exactly ["${TOKEN_EXCHANGE_AUDIENCE}"]`,
    typeof issuer === "string" && CLUSTER_ISSUER.some((pattern) => pattern.test(normalizeReference(issuer)))
      ? undefined
      : `issuer is ${show(issuer)}, not a reference to a cluster's oidc_issuer_url: tokens from another issuer could be trusted`,
    typeof subject !== "string"
      ? `subject is ${show(subject)}; it must be "system:serviceaccount:<namespace>:<name>"`
      : isExpression(subject)
        ? `subject is the expression ${show(subject)}, known only when Terraform runs, so it cannot be shown to name one service account`
        : SERVICE_ACCOUNT_SUBJECT.test(subject)
          ? undefined
          : `subject is ${show(subject)}; it must be "system:serviceaccount:<namespace>:<name>" for one service account, with no wildcard`,
  );
}
