import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, channelOwnsVersion, clusterOf, poolOf } from "../aks-json";
import { block, ignoresChanges, isSet, isTrue, problems, type JsonObject } from "../terraform-json";

/** UPG-3: surge upgrades; Terraform never fights the upgrade channel or the autoscaler. */
export const UPG_3: ComplianceRule = {
  id: "UPG-3",
  name: "SurgeUpgradesPlatformOwnedValuesIgnored",
  title: "Surge upgrade settings on every pool; lifecycle.ignore_changes on the values the platform owns",
  description:
    "Surge nodes keep workloads up during upgrades. The autoscaler owns node counts and an upgrade channel owns Kubernetes versions: unless Terraform ignores them, the next apply resets the node count or plans a downgrade.",
  severity: "low",
  fix: "HardenedCluster and NodePool set upgrade_settings and ignore_changes; remove the override. In Terraform: upgrade_settings { max_surge = \"33%\" }; ignore_changes on node_count with autoscaling, and on kubernetes_version and orchestrator_version with a patch, stable or rapid channel.",
  references: [R.aksRollingUpgrades, R.terraformLifecycle],
  mappings: {},
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource, stack) => {
    const { prefix, config } = poolOf(resource);
    const pool = config ?? {};
    const cluster = resource.type === CLUSTER ? resource.config : clusterOf(resource, stack)?.config;
    const ignoreTarget = resource.type === CLUSTER ? "default_node_pool[0]." : "";
    return problems(
      isSet(block(pool, "upgrade_settings")?.max_surge)
        ? undefined
        : `${prefix}upgrade_settings.max_surge is not set: upgrades replace nodes without surge capacity`,
      isTrue(pool.auto_scaling_enabled) ? ignored(resource.config, `${ignoreTarget}node_count`, "the autoscaler owns the node count") : undefined,
      cluster && channelOwnsVersion(cluster)
        ? ignored(resource.config, `${ignoreTarget}orchestrator_version`, "the upgrade channel owns the version")
        : undefined,
      resource.type === CLUSTER && channelOwnsVersion(resource.config)
        ? ignored(resource.config, "kubernetes_version", "the upgrade channel owns the version")
        : undefined,
    );
  },
};

function ignored(config: JsonObject, attribute: string, why: string): string | undefined {
  return ignoresChanges(config, attribute)
    ? undefined
    : `lifecycle.ignore_changes does not cover ${attribute}: ${why}, and the next apply would change it back`;
}
