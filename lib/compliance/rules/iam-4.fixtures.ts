import { DEFAULTS, clusterOverride, clusterStack, stackOf, type RuleFixtures } from "../rule-fixture";
import type { JsonObject } from "../terraform-json";

const CREDENTIAL = "azurerm_federated_identity_credential.fic";

/** A federated credential trusting one service account of a cluster's issuer, changed by `config`. */
const credential = (config: JsonObject = {}) =>
  stackOf({
    azurerm_federated_identity_credential: {
      fic: { audience: ["api://AzureADTokenExchange"], issuer: "${azurerm_kubernetes_cluster.aks.oidc_issuer_url}", subject: "system:serviceaccount:orders:orders-api", ...config },
    },
  });

const subject = (value: string) => ({
  name: `the subject ${value}`,
  stack: credential({ subject: value }),
  failures: [{ address: CREDENTIAL, problems: [/^subject is/] }],
});

export const fixtures: RuleFixtures = {
  passing: [
    { name: "the compliant cluster: OIDC issuer and workload identity on", stack: clusterStack() },
    { name: "a credential for one service account, trusting the cluster's issuer", stack: credential() },
    {
      name: "an issuer from another stack's cluster through cdktf's cross-stack output",
      stack: credential({ issuer: "${data.terraform_remote_state.cross-stack-reference-input-platform.outputs.cross-stack-output-azurerm_kubernetes_clusterCluster_EB0386A7oidc_issuer_url}" }),
    },
  ],
  failing: [
    {
      name: "override workload_identity_enabled",
      stack: clusterOverride("workload_identity_enabled", false),
      failures: [{ address: DEFAULTS.cluster, problems: ["workload_identity_enabled is false; it must be true"] }],
    },
    {
      name: "override the federated credential's subject to a wildcard",
      stack: { defaults: "azure", change: (s) => s.resource("azurerm_federated_identity_credential").override("subject", "system:serviceaccount:orders:*") },
      failures: [
        {
          address: /^azurerm_federated_identity_credential\.OrdersIdentity_FederatedCredential_[0-9A-F]{8}$/,
          problems: [`subject is 'system:serviceaccount:orders:*'; it must be "system:serviceaccount:<namespace>:<name>" for one service account, with no wildcard`],
        },
      ],
    },
    {
      name: "override the federated credential's issuer and audience",
      stack: {
        defaults: "azure",
        change: (s) => s.resource("azurerm_federated_identity_credential").override("issuer", "https://token.actions.githubusercontent.com").override("audience", undefined),
      },
      failures: [
        {
          address: /^azurerm_federated_identity_credential\./,
          problems: [/^audience is not set/, /issuer is 'https:\/\/token\.actions\.githubusercontent\.com', not a reference to a cluster's oidc_issuer_url/],
        },
      ],
    },
    subject("system:serviceaccount:*:orders-api"),
    subject("system:serviceaccount:orders"),
    subject("system:serviceaccounts:orders"),
    subject("repo:org/app:ref:refs/heads/main"),
    {
      name: "another audience besides the token exchange",
      stack: credential({ audience: ["api://AzureADTokenExchange", "sts.amazonaws.com"] }),
      failures: [{ address: CREDENTIAL, problems: [/^audience is .*it must be exactly \["api:\/\/AzureADTokenExchange"\]/] }],
    },
  ],
};
