// The diagnostic log categories Azure accepts for the resources the library sends logs from,
// and the verdict for a user's list. The provider checks only that a category is not empty,
// so one Azure does not know passes the plan and fails the apply: the library refuses it
// first, with the list.
import { describe, isToken, type Verdict } from "../private/validate";
import { deepFreeze } from "../private/freeze";

/**
 * The resource log categories of an AKS cluster (`Microsoft.ContainerService/managedClusters`),
 * as Azure Monitor's "Supported logs for Microsoft.ContainerService/managedClusters" lists them.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-containerservice-managedclusters-logs
 */
export const AKS_LOG_CATEGORIES: readonly string[] = deepFreeze([
  "cloud-controller-manager",
  "cluster-autoscaler",
  "csi-azuredisk-controller",
  "csi-azurefile-controller",
  "csi-snapshot-controller",
  "fleet-mcs-controller-manager",
  "fleet-member-agent",
  "fleet-member-net-controller-manager",
  "guard",
  "karpenter-events",
  "kube-apiserver",
  "kube-audit",
  "kube-audit-admin",
  "kube-controller-manager",
  "kube-scheduler",
]);

/**
 * The category as Azure spells it, whatever the case given (`Kube-Audit-Admin` →
 * `kube-audit-admin`); a token or an unknown category is returned as given.
 */
export function canonicalCategory(category: string, known: readonly string[] = AKS_LOG_CATEGORIES): string {
  if (isToken(category) || typeof category !== "string") return category;
  return known.find((k) => k.toLowerCase() === category.trim().toLowerCase()) ?? category;
}

/**
 * Each entry a category Azure knows for the resource (compared without case), and none twice
 * (`enabled_log` is a set: a repeat would silently be one block, which hides a typo'd list).
 */
export function logCategoryVerdicts(prop: string, categories: readonly unknown[], known: readonly string[] = AKS_LOG_CATEGORIES): Verdict[] {
  if (isToken(categories)) return [];
  const seen = new Map<string, number>();
  return categories.map((category, i) => {
    if (isToken(category)) return undefined;
    if (typeof category !== "string") return `${prop}[${i}] must be a log category name (a string) such as 'kube-audit-admin'; got ${describe(category)}.`;
    const canonical = canonicalCategory(category, known);
    if (!known.includes(canonical)) {
      return `${prop}[${i}] must be one of the cluster's log categories (${known.map((k) => `'${k}'`).join(", ")}); got '${category}'. Azure refuses an unknown category when the setting is applied.`;
    }
    const first = seen.get(canonical);
    if (first !== undefined) return `${prop}[${i}] repeats ${prop}[${first}] ('${canonical}'): list each category once.`;
    seen.set(canonical, i);
    return undefined;
  });
}
