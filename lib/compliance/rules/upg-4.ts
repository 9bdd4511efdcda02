import type { ComplianceRule } from "../rule";
import { REFERENCES as R } from "../references";
import { CLUSTER, NODE_POOL, clusterOf, poolOf } from "../aks-json";
import { block, isExpression, isSet, problems, show, type JsonObject } from "../terraform-json";
import {
  AKS_VERSION_BULLETINS,
  KUBERNETES_VERSIONS_CHECKED,
  KUBERNETES_VERSION_SOURCES,
  supportedFloor,
  type BulletinFeature,
} from "../../kubernetes-versions";

/** What a cluster's JSON says about LTS and the features bulletins name; undefined fields are unknown. */
interface ClusterView {
  /** Whether the cluster may be on long-term support: Premium with AKSLongTermSupport, or not known at synth. */
  readonly lts: boolean;
  readonly features: ReadonlySet<BulletinFeature>;
}

/** The features of a cluster that a bulletin ties to a version, and its LTS plan. */
function viewOf(cluster: JsonObject | undefined): ClusterView {
  // Without the cluster (a pool of a cluster in another stack) the plan is not known: judged
  // against the LTS floor, the lowest any cluster may have, so no supported pool fails.
  if (cluster === undefined) return { lts: true, features: new Set() };
  const tier = cluster.sku_tier;
  const plan = cluster.support_plan;
  // A tier or plan known only when Terraform runs gets the benefit of the doubt.
  const lts =
    (isExpression(tier) || (typeof tier === "string" && tier.toLowerCase() === "premium")) &&
    (isExpression(plan) || (typeof plan === "string" && plan.toLowerCase() === "akslongtermsupport"));
  const features = new Set<BulletinFeature>();
  if (block(cluster, "oms_agent") !== undefined) features.add("containerInsights");
  const policy = block(cluster, "network_profile")?.network_policy;
  if (typeof policy === "string" && policy.toLowerCase() === "calico") features.add("calico");
  return { lts, features };
}

/** `MAJOR.MINOR[.PATCH]` as numbers, or undefined for anything else. */
function parse(version: string): readonly number[] | undefined {
  return /^\d+\.\d+(?:\.\d+)?$/.test(version) ? version.split(".").map(Number) : undefined;
}

/**
 * Whether a version is at or above a floor. A `MAJOR.MINOR` version is an alias AKS resolves
 * to the minor's latest patch, so it meets any patch floor of its minor.
 */
function atLeast(version: readonly number[], floor: readonly number[]): boolean {
  for (let i = 0; i < floor.length; i++) {
    if (version[i] === undefined) return true;
    if (version[i] !== floor[i]) return version[i] > floor[i];
  }
  return true;
}

const FEATURE_NAMES: Record<BulletinFeature, string> = {
  containerInsights: "Container Insights (oms_agent)",
  calico: "Calico network policy (network_profile.network_policy = \"calico\")",
};

/** What is wrong with one pinned version, if anything. */
function checkVersion(attribute: string, value: unknown, cluster: ClusterView): string[] {
  // Unpinned: AKS picks a supported default at creation, and the upgrade channel (UPG-1) keeps it supported.
  if (!isSet(value)) return [];
  // A version from a variable or another resource is known only when Terraform runs.
  if (isExpression(value)) return [];
  const version = typeof value === "string" ? parse(value) : undefined;
  if (version === undefined) {
    return [`${attribute} is ${show(value)}, not a Kubernetes version: use MAJOR.MINOR (e.g. '1.35') or MAJOR.MINOR.PATCH, without a leading 'v'`];
  }
  const found: string[] = [];
  const { floor, retired } = supportedFloor(KUBERNETES_VERSIONS_CHECKED, cluster.lts);
  if (!atLeast(version, parse(floor.minor) ?? [])) {
    const plan = cluster.lts ? "long-term support" : "community support";
    const ended = retired ? `; ${retired.minor}'s ${plan} ended on ${cluster.lts ? retired.ltsEndOfLife : retired.endOfLife}` : "";
    const lts = cluster.lts ? "" : ", or put the cluster on long-term support (sku_tier = \"Premium\", support_plan = \"AKSLongTermSupport\") if it must stay on an older minor";
    found.push(
      `${attribute} is '${value}', below ${floor.minor}, the oldest minor AKS supports under ${plan} (AKS Kubernetes release calendar, ${KUBERNETES_VERSION_SOURCES.calendar}, checked ${KUBERNETES_VERSIONS_CHECKED}${ended}): set ${floor.minor} or later, or leave the version unset with an upgrade channel${lts}`,
    );
  }
  for (const bulletin of AKS_VERSION_BULLETINS) {
    if (!cluster.features.has(bulletin.feature) || atLeast(version, parse(bulletin.minimum) ?? [])) continue;
    found.push(
      `${attribute} is '${value}', below ${bulletin.minimum}, which security bulletin ${bulletin.id} (${KUBERNETES_VERSION_SOURCES.bulletins}) requires with ${FEATURE_NAMES[bulletin.feature]}: ${bulletin.risk}; upgrade to ${bulletin.minimum} or later`,
    );
  }
  return found;
}

/** UPG-4: a pinned Kubernetes version is one AKS still supports, and one the security bulletins accept for the features in use. */
export const UPG_4: ComplianceRule = {
  id: "UPG-4",
  name: "SupportedKubernetesVersionFloor",
  title: "A pinned kubernetes_version or orchestrator_version is at or above the oldest minor AKS supports and the versions its security bulletins require",
  description:
    "A version past its end of life gets no security patches, and AKS refuses to create clusters on it; some security bulletins are fixed only by a newer Kubernetes version when a feature (Container Insights, Calico) is in use. The floor comes from AKS's release calendar and bulletins, in one table with its sources and date (exported as AKS_MINOR_VERSIONS, AKS_VERSION_BULLETINS and KUBERNETES_VERSION_SOURCES); Premium clusters on long-term support (AKSLongTermSupport) are held to the LTS calendar. An unpinned version, or one known only when Terraform runs, passes.",
  severity: "medium",
  fix: "Leave kubernetesVersion unset (AKS's default, kept current by the upgrade channel), or pin a supported minor such as the floor the message names. In Terraform: kubernetes_version and orchestrator_version at or above the floor, or unset; sku_tier = \"Premium\" with support_plan = \"AKSLongTermSupport\" to stay on an LTS minor.",
  references: [R.aksSupportedVersions, R.aksSecurityBulletins],
  mappings: {},
  resourceTypes: [CLUSTER, NODE_POOL],
  check: (resource, stack) => {
    if (resource.type === CLUSTER) {
      const cluster = viewOf(resource.config);
      const pool = poolOf(resource).config ?? {};
      return problems(
        ...checkVersion("kubernetes_version", resource.config.kubernetes_version, cluster),
        ...checkVersion("default_node_pool.orchestrator_version", pool.orchestrator_version, cluster),
      );
    }
    return checkVersion("orchestrator_version", resource.config.orchestrator_version, viewOf(clusterOf(resource, stack)?.config));
  },
};
