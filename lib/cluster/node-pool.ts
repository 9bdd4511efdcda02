import { Construct, type ITerraformDependable } from "../private/cdktf";
import { KubernetesClusterNodePool } from "../private/azurerm";
import { nodePoolName, required, throwIfInvalid } from "../private/validate";
import { nodePoolShapeVerdicts, nodePoolVerdicts, poolRotationName, resolveNodePool, taintVerdicts, type NodePoolOptions } from "./node-pool-options";

/** Max count of a user pool when none is given. */
export const DEFAULT_USER_POOL_MAX_COUNT = 10;

/** Props of {@link NodePool}. */
export interface NodePoolProps extends NodePoolOptions {
  /**
   * Node pool name: 1-12 lowercase letters or digits, starting with a letter. A token name
   * needs an explicit `rotationPoolName`.
   */
  readonly name: string;
  /** Resource id of the cluster. */
  readonly clusterId: string;
  /** Subnet the nodes are placed in. */
  readonly subnetId: string;
  /**
   * Whether the cluster's upgrade channel owns the pool's Kubernetes version. When true,
   * Terraform ignores `orchestrator_version` so a plan never downgrades what the channel
   * upgraded.
   *
   * @default true
   */
  readonly upgradeChannelOwnsVersion?: boolean;
  /**
   * Whether the hosts encrypt temporary disks, caches and ephemeral OS disks (SEC-4).
   *
   * @default true
   */
  readonly hostEncryptionEnabled?: boolean;
  /**
   * What the pool must be created after, besides the cluster: the associations (NSG, route
   * table) on its subnet, which `HardenedCluster.addNodePool` passes.
   *
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A user node pool (`azurerm_kubernetes_cluster_node_pool`) for application workloads,
 * with the same hardening as the system pool: autoscaled within bounds across zones, no
 * public IPs, ephemeral OS disks on Azure Linux, surge upgrades (NODE-2, NODE-3, NET-4,
 * UPG-3). Created by `HardenedCluster.addNodePool`.
 */
export class NodePool extends Construct {
  /** The node pool (escape hatch). */
  public readonly resource: KubernetesClusterNodePool;
  /** The pool's name in AKS. */
  public readonly poolName: string;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    // HardenedCluster checks the same rules first, under the prop path the user wrote; these
    // checks are for a pool built directly.
    throwIfInvalid(
      this,
      ...nodePoolShapeVerdicts("", props),
      required("name", props.name, "string", "'apps'"),
      required("clusterId", props.clusterId, "string", "cluster.clusterId"),
      required("subnetId", props.subnetId, "string", "network.userNodesSubnetId"),
    );
    const pool = resolveNodePool(props, DEFAULT_USER_POOL_MAX_COUNT);
    const rotation = poolRotationName("", "name", props.name, props.rotationPoolName);
    throwIfInvalid(this, nodePoolName("name", props.name), ...nodePoolVerdicts("", pool, 0, props.tags), ...taintVerdicts("taints", props.taints), ...rotation.verdicts);
    const temporaryName = rotation.name;

    const ignoreChanges = ["node_count"];
    if (props.upgradeChannelOwnsVersion ?? true) ignoreChanges.push("orchestrator_version");

    this.poolName = props.name;
    this.resource = new KubernetesClusterNodePool(this, "Resource", {
      name: props.name,
      kubernetesClusterId: props.clusterId,
      mode: "User",
      osType: "Linux",
      vmSize: pool.vmSize,
      vnetSubnetId: props.subnetId,
      autoScalingEnabled: true,
      minCount: pool.minCount,
      maxCount: pool.maxCount,
      zones: pool.zones,
      maxPods: pool.maxPods,
      osDiskSizeGb: pool.osDiskSizeGiB,
      osDiskType: pool.osDiskType,
      osSku: pool.osSku,
      nodePublicIpEnabled: false,
      hostEncryptionEnabled: props.hostEncryptionEnabled ?? true,
      nodeLabels: pool.labels,
      nodeTaints: props.taints ? [...props.taints] : undefined,
      temporaryNameForRotation: temporaryName,
      upgradeSettings: { maxSurge: pool.maxSurge, drainTimeoutInMinutes: pool.drainTimeoutInMinutes },
      tags: props.tags,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
      lifecycle: { ignoreChanges },
    });
  }
}
