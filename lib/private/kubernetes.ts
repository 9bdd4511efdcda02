// The one place the library takes Kubernetes provider resources from: the prebuilt bindings'
// generated classes, by deep path only (the package root "@cdktf/provider-kubernetes" loads
// every resource of the provider).
export { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
export type { KubernetesProviderExec } from "@cdktf/provider-kubernetes/lib/provider";
export { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
export { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
export type {
  NetworkPolicyV1SpecEgress,
  NetworkPolicyV1SpecEgressTo,
  NetworkPolicyV1SpecIngress,
  NetworkPolicyV1SpecIngressFrom,
} from "@cdktf/provider-kubernetes/lib/network-policy-v1";
export { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
export { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
export { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
export { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
export type { ClusterRoleV1Rule } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
export { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
export { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
export { DefaultServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/default-service-account-v1";
import type * as deployment from "@cdktf/provider-kubernetes/lib/deployment-v1";
// kubernetes_deployment_v1's generated class, as a type only (the class is
// `deploymentV1Class()`): re-exported by name, so declarations name the provider's own class.
export type { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
/**
 * kubernetes_deployment_v1's generated class, loaded on first use: at about 5 MB of
 * JavaScript it is the largest class the library uses, and most stacks (every Azure stack)
 * never template a deployment, so only the processes that do pay to compile it.
 */
export function deploymentV1Class(): typeof deployment.DeploymentV1 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose
  return (require("@cdktf/provider-kubernetes/lib/deployment-v1") as typeof deployment).DeploymentV1;
}
export type {
  DeploymentV1Config,
  DeploymentV1SpecTemplateSpecContainerResources,
  DeploymentV1SpecTemplateSpecContainerSecurityContext,
  DeploymentV1SpecTemplateSpecSecurityContext,
  DeploymentV1SpecTemplateSpecVolume,
  DeploymentV1SpecTemplateSpecContainerVolumeMount,
} from "@cdktf/provider-kubernetes/lib/deployment-v1";
// For custom resources such as the CSI driver's SecretProviderClass.
export { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
