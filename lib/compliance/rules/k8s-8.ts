import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { podSpecOf } from "../kubernetes-json";
import { block, blocks, show } from "../terraform-json";

/** Workloads that serve for as long as they run: jobs and bare pods finish or are not replaced. */
const SERVING_WORKLOADS = [
  "kubernetes_deployment_v1",
  "kubernetes_deployment",
  "kubernetes_stateful_set_v1",
  "kubernetes_stateful_set",
  "kubernetes_daemon_set_v1",
  "kubernetes_daemonset",
];

/** K8S-8: serving workloads tell Kubernetes when they are ready and when they are stuck. */
export const K8S_8: ComplianceRule = {
  id: "K8S-8",
  name: "WorkloadProbes",
  title: "Every container of the stack's deployments, stateful sets and daemon sets has a readiness and a liveness probe",
  description:
    "Without a readiness probe Kubernetes sends traffic to a pod as soon as its process starts, and keeps sending it to one that can no longer serve; without a liveness probe a hung container is never restarted. Both make a rolling upgrade stop at the first bad pod instead of replacing every good one.",
  severity: "low",
  fix: "Give RestrictedDeployment readinessProbe and livenessProbe (an HTTP path or a TCP port); for a workload with no health endpoint, withoutProbes: { reason } (recorded as K8S-8's acknowledgement). In Terraform: readiness_probe and liveness_probe blocks on each container.",
  references: [R.k8sProbes, R.aksReliability],
  mappings: { checkov: ["CKV_K8S_8", "CKV_K8S_9"] },
  resourceTypes: SERVING_WORKLOADS,
  check: (resource) => {
    const pod = podSpecOf(resource);
    if (!pod) return [];
    return blocks(pod.container).flatMap((container) => {
      const missing = ["readiness_probe", "liveness_probe"].filter((probe) => !block(container, probe));
      return missing.length === 0 ? [] : [`container ${show(container.name)} has no ${missing.join(" or ")}`];
    });
  },
};
