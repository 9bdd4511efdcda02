import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { POD_SECURITY_ADMISSION } from "../../facts";
import { NAMESPACES, metadataOf } from "../kubernetes-json";
import { expectOneOf, isObject, problems } from "../terraform-json";

/** K8S-1: Pod Security Standards restricted in every namespace the stack creates. */
export const K8S_1: ComplianceRule = {
  id: "K8S-1",
  name: "PodSecurityRestricted",
  title: "Every namespace the stack creates enforces, audits and warns on Pod Security Standards restricted",
  description:
    "Pod Security admission rejects privileged, root and host-namespace pods in the namespace, whoever deploys them, and warns in kubectl; with Azure Policy (POL-1) it is the second, in-cluster layer of the same guard.",
  severity: "high",
  fix: "Use SecureNamespace (it sets the labels and refuses to let them be overridden). In Terraform: metadata.labels \"pod-security.kubernetes.io/enforce\", \"/audit\" and \"/warn\" = \"restricted\" on the kubernetes_namespace_v1.",
  references: [R.aksPodSecurityAdmission, R.k8sPodSecurityStandards, R.k8sPodSecurityAdmission],
  mappings: { cisAks: ["4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5"] },
  resourceTypes: NAMESPACES,
  check: ({ config }) => {
    const labels = metadataOf(config).labels;
    const key = (mode: string) => `${POD_SECURITY_ADMISSION.labelPrefix}${mode}`;
    const label = (mode: string) => (isObject(labels) ? labels[key(mode)] : undefined);
    return problems(
      ...POD_SECURITY_ADMISSION.modes.map((mode) =>
        expectOneOf(label(mode), `metadata.labels["${key(mode)}"]`, [POD_SECURITY_ADMISSION.restricted]),
      ),
    );
  },
};
