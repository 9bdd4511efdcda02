import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { NAMESPACES, inNamespace, metadataOf } from "../kubernetes-json";
import { show } from "../terraform-json";

const DEFAULT_SERVICE_ACCOUNTS = ["kubernetes_default_service_account_v1", "kubernetes_default_service_account"];

/** K8S-7: the `default` service account of every namespace mounts no API token. */
export const K8S_7: ComplianceRule = {
  id: "K8S-7",
  name: "DefaultServiceAccountNoToken",
  title: "Every namespace the stack creates manages its default service account with automount_service_account_token = false",
  description:
    "Kubernetes gives every namespace a service account named default and mounts its API token into every pod that names no other. A pod compromised through its application then holds a credential for the API server, and any RoleBinding that names default (or system:serviceaccounts) hands it more. With automount off on default, only workloads that run as their own service account, and ask for a token, get one.",
  severity: "medium",
  fix: "Use SecureNamespace (it manages the default service account with automount off); workloads run as a WorkloadServiceAccount. In Terraform: a kubernetes_default_service_account_v1 in the namespace with automount_service_account_token = false.",
  references: [R.k8sConfigureServiceAccount, R.k8sServiceAccounts],
  mappings: { cisAks: ["4.1.5"] },
  resourceTypes: NAMESPACES,
  check: (namespace, stack) => {
    const accounts = inNamespace(stack, DEFAULT_SERVICE_ACCOUNTS, namespace);
    const name = show(metadataOf(namespace.config).name ?? namespace.name);
    if (accounts.length === 0) {
      return [`namespace ${name} does not manage its default service account: Kubernetes mounts that account's API token into every pod that names no other`];
    }
    return accounts.some((account) => account.config.automount_service_account_token === false || account.config.automount_service_account_token === "false")
      ? []
      : [`the default service account of namespace ${name} does not set automount_service_account_token = false: every pod that names no other service account gets an API token`];
  },
};
