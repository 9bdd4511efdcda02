// The prebuilt bindings' generated classes under the names lib/private/kubernetes gives its
// own resources: the reference the library's output is compared with (see
// provider-bindings.test.ts and jest.bindings.config.js).
export { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
export { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
export { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
export { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
export { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
export { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
export { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
export { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
export { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
export { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
export { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
