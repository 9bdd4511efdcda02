// azurerm_kubernetes_cluster and azurerm_kubernetes_cluster_node_pool.
import { Token } from "../cdktf";
import type * as cluster from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import type * as pool from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { namedAzurermResource } from "./resource";

export type {
  KubernetesClusterConfig,
  KubernetesClusterDefaultNodePool,
  KubernetesClusterMaintenanceWindowAutoUpgrade,
  KubernetesClusterMaintenanceWindowNodeOs,
  KubernetesClusterNetworkProfile,
} from "@cdktf/provider-azurerm/lib/kubernetes-cluster";

const NODE_MAPS: readonly string[] = ["tags", "nodeLabels", "nodePublicIpTags"];

/** One element of a computed block list, read the way the generated bindings read it. */
export interface ComputedList<T> {
  get(index: number): T;
}

/** A kubeconfig block's API server fields. */
export interface KubeConfigEndpoint {
  readonly host: string;
  readonly clusterCaCertificate: string;
}

/** A managed identity block's ids. */
export interface ManagedIdentityIds {
  readonly clientId: string;
  readonly objectId: string;
  readonly userAssignedIdentityId: string;
}

/** azurerm_kubernetes_cluster */
export class KubernetesCluster extends namedAzurermResource<cluster.KubernetesClusterConfig>("azurerm_kubernetes_cluster", NODE_MAPS) {

  /** The non-admin kubeconfig's API server URL and CA (`kube_config[i]`). */
  public get kubeConfig(): ComputedList<KubeConfigEndpoint> {
    return {
      get: (index) => ({
        host: this.nestedString(`kube_config[${index}].host`),
        clusterCaCertificate: this.nestedString(`kube_config[${index}].cluster_ca_certificate`),
      }),
    };
  }

  /** The kubelet identity (`kubelet_identity[0]`, a single block). */
  public get kubeletIdentity(): ManagedIdentityIds {
    return managedIdentity(this, "kubelet_identity[0]");
  }

  /** The AGIC add-on's identity (`ingress_application_gateway[0].ingress_application_gateway_identity[i]`). */
  public get ingressApplicationGateway(): { readonly ingressApplicationGatewayIdentity: ComputedList<ManagedIdentityIds> } {
    return {
      ingressApplicationGatewayIdentity: {
        get: (index) => managedIdentity(this, `ingress_application_gateway[0].ingress_application_gateway_identity[${index}]`),
      },
    };
  }

  /** The resource group AKS creates for the nodes. */
  public get nodeResourceGroup(): string {
    return this.getStringAttribute("node_resource_group");
  }

  /** The OIDC issuer URL, for federated credentials. */
  public get oidcIssuerUrl(): string {
    return this.getStringAttribute("oidc_issuer_url");
  }

  /** The private FQDN of the API server. */
  public get privateFqdn(): string {
    return this.getStringAttribute("private_fqdn");
  }
}

function managedIdentity(resource: KubernetesCluster, path: string): ManagedIdentityIds {
  const read = (attribute: string) => Token.asString(resource.interpolationForAttribute(`${path}.${attribute}`));
  return { clientId: read("client_id"), objectId: read("object_id"), userAssignedIdentityId: read("user_assigned_identity_id") };
}

/** azurerm_kubernetes_cluster_node_pool */
export class KubernetesClusterNodePool extends namedAzurermResource<pool.KubernetesClusterNodePoolConfig>("azurerm_kubernetes_cluster_node_pool", NODE_MAPS) {}
