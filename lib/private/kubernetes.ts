// The one place the library imports Kubernetes provider classes from.
// Each class is imported by its deep path: loading the provider package root pulls in
// every one of its resources (seconds and hundreds of MB per process), and the same holds
// for type-checking. Never import "@cdktf/provider-kubernetes" itself.
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
// `kubernetes_manifest`: for custom resources such as the CSI driver's SecretProviderClass.
export { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
// kubernetes_deployment_v1: types only. Its generated class is 4.8 MB of JavaScript, so the
// library writes the resource with json-resource.ts instead of loading it.
export type {
  DeploymentV1Config,
  DeploymentV1SpecTemplateSpecContainerResources,
  DeploymentV1SpecTemplateSpecContainerSecurityContext,
  DeploymentV1SpecTemplateSpecSecurityContext,
  DeploymentV1SpecTemplateSpecVolume,
  DeploymentV1SpecTemplateSpecContainerVolumeMount,
} from "@cdktf/provider-kubernetes/lib/deployment-v1";
