import type { ComplianceRule } from "../rule";
import { LIMIT_RANGES, NAMESPACES, RESOURCE_QUOTAS, inNamespace, metadataOf, specOf } from "../kubernetes-json";
import { blocks, isObject, problems, show } from "../terraform-json";

/** K8S-4: LimitRange and ResourceQuota in every namespace. */
export const K8S_4: ComplianceRule = {
  id: "K8S-4",
  name: "LimitRangeAndQuota",
  title: "Every namespace the stack creates has a LimitRange and a ResourceQuota",
  description:
    "The LimitRange gives containers that set none default requests and limits, so a runaway pod cannot starve its node; the ResourceQuota caps what the namespace can take in total (and, in SecureNamespace, allows no LoadBalancer or NodePort services that would bypass the WAF).",
  severity: "low",
  fix: "Use SecureNamespace (defaultRequests, defaultLimits and quota have defaults). In Terraform: a kubernetes_limit_range_v1 with at least one limit and a kubernetes_resource_quota_v1 with spec.hard in the namespace.",
  seeds: ["002", "003"],
  mappings: {},
  resourceTypes: NAMESPACES,
  check: (namespace, stack) => {
    const name = show(metadataOf(namespace.config).name);
    const limitRanges = inNamespace(stack, LIMIT_RANGES, namespace).filter((r) => blocks(specOf(r.config).limit).length > 0);
    const quotas = inNamespace(stack, RESOURCE_QUOTAS, namespace).filter((q) => {
      const hard = specOf(q.config).hard;
      return isObject(hard) && Object.keys(hard).length > 0;
    });
    return problems(
      limitRanges.length > 0 ? undefined : `namespace ${name} has no kubernetes_limit_range_v1 with limits: containers without requests and limits get none`,
      quotas.length > 0 ? undefined : `namespace ${name} has no kubernetes_resource_quota_v1 with spec.hard: nothing caps what it can consume`,
    );
  },
};
