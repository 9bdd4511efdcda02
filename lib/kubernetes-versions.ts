// The Kubernetes versions AKS supports and the versions its security bulletins require, as
// Microsoft publishes them: what UPG-4 checks a pinned version against. One table, with its
// sources and the date it was last checked; refresh it when AKS ships or retires a minor
// version (every few months) or publishes a bulletin that names a version. Like `facts.ts`,
// it imports only the freeze helper, so rules may read it.
import { deepFreeze } from "./private/freeze";

/**
 * The day the tables below were last checked against their sources. The supported floor is
 * computed as of this day, not as of the day a stack is synthesized: a synthesis gives the
 * same answer tomorrow, and a new floor arrives as a reviewed change to this file.
 */
export const KUBERNETES_VERSIONS_CHECKED = "2026-12-01";

/** Where the tables come from. */
export const KUBERNETES_VERSION_SOURCES = deepFreeze({
  /** AKS Kubernetes release calendar (community support) and its LTS table. */
  calendar: "https://learn.microsoft.com/azure/aks/supported-kubernetes-versions#aks-kubernetes-release-calendar-and-upcoming-versions",
  /** Security bulletins for AKS. */
  bulletins: "https://learn.microsoft.com/azure/aks/security-bulletins/overview",
  /**
   * The revision read: MicrosoftDocs/azure-aks-docs at commit fb060abe6a8f (2026-08-21),
   * `articles/aks/supported-kubernetes-versions.md` (ms.date 08/05/2026) and
   * `articles/aks/security-bulletins/overview.md` (ms.date 05/11/2026).
   */
  revision: "MicrosoftDocs/azure-aks-docs@fb060abe6a8fef960d4c487b543bf7b1e97808fe",
});

/** One Kubernetes minor version of the AKS release calendar. */
export interface AksMinorVersion {
  /** `MAJOR.MINOR`, e.g. `1.33`. */
  readonly minor: string;
  /** Last day of community support (ISO date): after it, no security patches without LTS. */
  readonly endOfLife: string;
  /** Last day of long-term support (ISO date), for Premium clusters with the `AKSLongTermSupport` plan. */
  readonly ltsEndOfLife: string;
}

/**
 * The calendar's minor versions, oldest first. "Unless an explicit date is provided, the End
 * of Life (EOL) date is the last day of the specified month" (the calendar's note): `Mar
 * 2026` is written `2026-03-31`; 1.30 and 1.31 carry explicit dates. Platform support
 * (N-3) is not counted as supported: it applies no security patches and allows no new
 * clusters. Versions older than the table are past every end of life.
 */
export const AKS_MINOR_VERSIONS: readonly AksMinorVersion[] = deepFreeze([
  { minor: "1.29", endOfLife: "2025-03-31", ltsEndOfLife: "2026-04-30" },
  { minor: "1.30", endOfLife: "2025-08-22", ltsEndOfLife: "2026-07-31" },
  { minor: "1.31", endOfLife: "2025-11-01", ltsEndOfLife: "2026-11-30" },
  { minor: "1.32", endOfLife: "2026-03-31", ltsEndOfLife: "2027-03-31" },
  { minor: "1.33", endOfLife: "2026-07-31", ltsEndOfLife: "2027-07-31" },
  { minor: "1.34", endOfLife: "2026-11-30", ltsEndOfLife: "2027-11-30" },
  { minor: "1.35", endOfLife: "2027-03-31", ltsEndOfLife: "2028-03-31" },
  { minor: "1.36", endOfLife: "2027-06-30", ltsEndOfLife: "2028-06-30" },
  { minor: "1.37", endOfLife: "2027-10-31", ltsEndOfLife: "2028-10-31" },
]);

/** A cluster feature a security bulletin ties to a Kubernetes version. */
export type BulletinFeature = "containerInsights" | "calico";

/** A security bulletin that requires at least a Kubernetes version when a feature is in use. */
export interface VersionBulletin {
  /** The bulletin's id, e.g. `AKS-2026-0004`. */
  readonly id: string;
  /** Publication date (ISO). */
  readonly published: string;
  /** The feature whose use makes the version necessary. */
  readonly feature: BulletinFeature;
  /** The lowest fixed version, `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`. */
  readonly minimum: string;
  /** What goes wrong below it, in a few words. */
  readonly risk: string;
}

/**
 * Bulletins that name a Kubernetes version to upgrade to. Left out on purpose: bulletins
 * about node images, Windows builds or add-on images (fixed by node image upgrades, not by
 * the Kubernetes version), those AKS marks "Affected Versions: None" or "no action is
 * required" (AKS-2025-008: AKS does not enable DynamicResourceAllocation, though 1.32.6 and
 * 1.33.2 carry the fix; AKS-2025-0013: patched on the LTS versions automatically), and
 * AKS-2025-001 (not exploitable in Kubernetes).
 */
export const AKS_VERSION_BULLETINS: readonly VersionBulletin[] = deepFreeze([
  {
    id: "AKS-2025-005",
    published: "2025-03-24",
    feature: "calico",
    minimum: "1.30",
    risk: "AKS 1.29 and earlier run Calico 3.26, which is end of life and gets no security fixes",
  },
  {
    id: "AKS-2026-0004",
    published: "2026-05-11",
    feature: "containerInsights",
    minimum: "1.33",
    risk: "before 1.33 the Container Insights add-on needs the nodes/proxy GET permission, which allows command execution in any pod through the kubelet API",
  },
]);

/**
 * The oldest minor version AKS supports on a day: the first of the calendar whose end of
 * life (LTS end of life with `lts`) is that day or later.
 *
 * @param day ISO date, e.g. `2026-12-01`
 * @param lts whether the cluster is on the Long Term Support plan, whose versions reach end of life later
 * @returns the minor version and the newest one that went out of support before it, if any
 */
export function supportedFloor(day: string, lts: boolean): {
  /** The oldest minor version AKS supports on that day. */
  readonly floor: AksMinorVersion;
  /** The newest minor version that went out of support before that day, if any. */
  readonly retired?: AksMinorVersion;
} {
  const endOf = (version: AksMinorVersion) => (lts ? version.ltsEndOfLife : version.endOfLife);
  const index = AKS_MINOR_VERSIONS.findIndex((version) => endOf(version) >= day);
  // Past the table's last end of life, its newest entry is the best floor known: refresh the table.
  const at = index === -1 ? AKS_MINOR_VERSIONS.length - 1 : index;
  return { floor: AKS_MINOR_VERSIONS[at], retired: at > 0 ? AKS_MINOR_VERSIONS[at - 1] : undefined };
}
