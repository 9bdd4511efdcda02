// Helpers for the AKS resources, shared by the rules.
import { block, refersTo, resourcesOfType, type JsonObject, type TerraformResource } from "./terraform-json";

export const CLUSTER = "azurerm_kubernetes_cluster";
export const NODE_POOL = "azurerm_kubernetes_cluster_node_pool";

/** The node pool settings of a cluster (its default pool) or of a separate node pool. */
export interface PoolView {
  /** Attribute path prefix for messages: `default_node_pool.` or empty. */
  readonly prefix: string;
  /** The pool's configuration, undefined when a cluster has no default pool block. */
  readonly config: JsonObject | undefined;
}

/** The pool a rule checks: the default pool of a cluster, or the node pool itself. */
export function poolOf(resource: TerraformResource): PoolView {
  return resource.type === CLUSTER
    ? { prefix: "default_node_pool.", config: block(resource.config, "default_node_pool") }
    : { prefix: "", config: resource.config };
}

/** The cluster of a node pool, when it is in the same stack. */
export function clusterOf(pool: TerraformResource, stack: JsonObject): TerraformResource | undefined {
  return resourcesOfType(stack, CLUSTER).find((cluster) => refersTo(pool.config.kubernetes_cluster_id, cluster));
}

/**
 * Whether the cluster's automatic upgrade channel changes its Kubernetes version (patch,
 * stable, rapid): then Terraform must leave the version to it. `node-image` and `none`
 * upgrade node images only.
 */
export function channelOwnsVersion(cluster: JsonObject): boolean {
  const channel = cluster.automatic_upgrade_channel;
  return typeof channel === "string" && !["none", "node-image"].includes(channel.toLowerCase());
}

/** A problem for a missing block. */
export function missingBlock(path: string, consequence: string): string {
  return `has no ${path} block: ${consequence}`;
}
