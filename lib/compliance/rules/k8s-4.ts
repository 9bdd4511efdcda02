import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { LIMIT_RANGES, NAMESPACES, RESOURCE_QUOTAS, inNamespace, metadataOf, specOf } from "../kubernetes-json";
import { blocks, isExpression, isObject, problems, show, type JsonObject, type TerraformResource } from "../terraform-json";

/** The quota keys of the service types that bypass the Application Gateway's WAF, and what they are. */
const BYPASSING_SERVICES: ReadonlyArray<readonly [key: string, kind: string]> = [
  ["services.loadbalancers", "LoadBalancer"],
  ["services.nodeports", "NodePort"],
];

/** K8S-4: LimitRange and ResourceQuota in every namespace; no LoadBalancer or NodePort services. */
export const K8S_4: ComplianceRule = {
  id: "K8S-4",
  name: "LimitRangeAndQuota",
  title: "Every namespace the stack creates has a LimitRange and a ResourceQuota that allows no LoadBalancer or NodePort services",
  description:
    "The LimitRange gives containers that set none default requests and limits, so a runaway pod cannot starve its node; the ResourceQuota caps what the namespace can take in total, and allows no LoadBalancer or NodePort services: those publish pods past the Application Gateway and its WAF (ING-1).",
  severity: "low",
  fix: "Use SecureNamespace (defaultRequests, defaultLimits and quota have defaults; quota.loadBalancerServices and quota.nodePortServices take { count, reason } to allow some, which acknowledges this rule on the quota). In Terraform: a kubernetes_limit_range_v1 with at least one limit and a kubernetes_resource_quota_v1 with spec.hard in the namespace, including \"services.loadbalancers\" = \"0\" and \"services.nodeports\" = \"0\".",
  references: [R.k8sLimitRange, R.k8sResourceQuotas, R.aksResourceManagement],
  mappings: {},
  resourceTypes: [...NAMESPACES, ...RESOURCE_QUOTAS],
  check: (resource, stack) => (RESOURCE_QUOTAS.includes(resource.type) ? checkQuota(resource.config) : checkNamespace(resource, stack)),
};

function checkNamespace(namespace: TerraformResource, stack: JsonObject): string[] {
  const name = show(metadataOf(namespace.config).name);
  const limitRanges = inNamespace(stack, LIMIT_RANGES, namespace).filter((r) => blocks(specOf(r.config).limit).length > 0);
  const hards = inNamespace(stack, RESOURCE_QUOTAS, namespace)
    .map((q) => specOf(q.config).hard)
    .filter((hard): hard is JsonObject => isObject(hard) && Object.keys(hard).length > 0);
  return problems(
    limitRanges.length > 0 ? undefined : `namespace ${name} has no kubernetes_limit_range_v1 with limits: containers without requests and limits get none`,
    hards.length > 0 ? undefined : `namespace ${name} has no kubernetes_resource_quota_v1 with spec.hard: nothing caps what it can consume`,
    // A quota that leaves a key out does not limit it: some quota of the namespace must set it.
    ...BYPASSING_SERVICES.map(([key, kind]) =>
      hards.length === 0 || hards.some((hard) => hard[key] !== undefined)
        ? undefined
        : `no quota of namespace ${name} sets ${key}, so it may create any number of ${kind} services, which bypass the WAF`,
    ),
  );
}

/** A quota that allows services past the WAF. A value known only when Terraform runs is the user's. */
function checkQuota(config: JsonObject): string[] {
  const hard = specOf(config).hard;
  if (!isObject(hard)) return [];
  return problems(
    ...BYPASSING_SERVICES.map(([key, kind]) => {
      const value = hard[key];
      if (value === undefined || isExpression(value)) return undefined;
      const count = Number(value);
      return Number.isFinite(count) && count === 0
        ? undefined
        : `spec.hard["${key}"] is ${show(value)}: it allows ${kind} services, which publish pods past the Application Gateway's WAF (ING-1); it must be "0"`;
    }),
  );
}
