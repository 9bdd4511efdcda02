// Kubernetes objects the library writes: namespaces and their policies, RBAC, service
// accounts, deployments and custom resources (kubernetes_manifest).
import type { Construct } from "../cdktf";
import type * as clusterRole from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import type * as clusterRoleBinding from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import type * as deployment from "@cdktf/provider-kubernetes/lib/deployment-v1";
import type * as limitRange from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import type * as manifest from "@cdktf/provider-kubernetes/lib/manifest";
import type * as namespace from "@cdktf/provider-kubernetes/lib/namespace-v1";
import type * as networkPolicy from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import type * as quota from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import type * as roleBinding from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import type * as serviceAccount from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { KubernetesResource, kubernetesObject } from "./resource";

export type {
  NetworkPolicyV1SpecEgress,
  NetworkPolicyV1SpecEgressTo,
  NetworkPolicyV1SpecIngress,
  NetworkPolicyV1SpecIngressFrom,
} from "@cdktf/provider-kubernetes/lib/network-policy-v1";
export type { ClusterRoleV1Rule } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
export type {
  DeploymentV1Config,
  DeploymentV1SpecTemplateSpecContainerResources,
  DeploymentV1SpecTemplateSpecContainerSecurityContext,
  DeploymentV1SpecTemplateSpecSecurityContext,
  DeploymentV1SpecTemplateSpecVolume,
  DeploymentV1SpecTemplateSpecContainerVolumeMount,
} from "@cdktf/provider-kubernetes/lib/deployment-v1";

/** kubernetes_namespace_v1 */
export class NamespaceV1 extends kubernetesObject<namespace.NamespaceV1Config>("kubernetes_namespace_v1") {}

/** kubernetes_network_policy_v1 */
export class NetworkPolicyV1 extends kubernetesObject<networkPolicy.NetworkPolicyV1Config>("kubernetes_network_policy_v1", ["matchLabels"]) {}

/** kubernetes_limit_range_v1 */
export class LimitRangeV1 extends kubernetesObject<limitRange.LimitRangeV1Config>("kubernetes_limit_range_v1", ["default", "defaultRequest", "max", "min", "maxLimitRequestRatio"]) {}

/** kubernetes_resource_quota_v1 */
export class ResourceQuotaV1 extends kubernetesObject<quota.ResourceQuotaV1Config>("kubernetes_resource_quota_v1", ["hard"]) {}

/** kubernetes_role_binding_v1 */
export class RoleBindingV1 extends kubernetesObject<roleBinding.RoleBindingV1Config>("kubernetes_role_binding_v1") {}

/** kubernetes_cluster_role_v1 */
export class ClusterRoleV1 extends kubernetesObject<clusterRole.ClusterRoleV1Config>("kubernetes_cluster_role_v1", ["matchLabels"]) {}

/** kubernetes_cluster_role_binding_v1 */
export class ClusterRoleBindingV1 extends kubernetesObject<clusterRoleBinding.ClusterRoleBindingV1Config>("kubernetes_cluster_role_binding_v1") {}

/** kubernetes_service_account_v1 */
export class ServiceAccountV1 extends kubernetesObject<serviceAccount.ServiceAccountV1Config>("kubernetes_service_account_v1") {}

/** kubernetes_deployment_v1 */
export class DeploymentV1 extends kubernetesObject<deployment.DeploymentV1Config>("kubernetes_deployment_v1", ["matchLabels", "nodeSelector", "options", "volumeAttributes", "limits", "requests"]) {}

/**
 * kubernetes_manifest, for custom resources such as the CSI driver's SecretProviderClass:
 * `manifest` is the object itself, written as given.
 */
export class Manifest extends KubernetesResource<manifest.ManifestConfig> {
  public static readonly tfResourceType = "kubernetes_manifest";
  constructor(scope: Construct, id: string, config: manifest.ManifestConfig) {
    super(scope, id, Manifest.tfResourceType, config, ["manifest", "fields", "object"]);
  }
}
