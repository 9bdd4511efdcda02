// The version table UPG-4 reads: well formed, and the floor it derives from a day. The
// calendar itself is MicrosoftDocs/azure-aks-docs articles/aks/supported-kubernetes-versions.md.
import { AKS_MINOR_VERSIONS, AKS_VERSION_BULLETINS, KUBERNETES_VERSIONS_CHECKED, supportedFloor } from "../../lib/kubernetes-versions";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe("the AKS version table", () => {
  test("lists consecutive minors, oldest first, each with ISO end-of-life dates in order", () => {
    AKS_MINOR_VERSIONS.forEach((version, i) => {
      expect(version.endOfLife).toMatch(ISO_DATE);
      expect(version.ltsEndOfLife).toMatch(ISO_DATE);
      // LTS adds a year of support after community support.
      expect(version.ltsEndOfLife > version.endOfLife).toBe(true);
      if (i === 0) return;
      const previous = AKS_MINOR_VERSIONS[i - 1];
      expect(Number(version.minor.split(".")[1])).toBe(Number(previous.minor.split(".")[1]) + 1);
      expect(version.endOfLife > previous.endOfLife).toBe(true);
      expect(version.ltsEndOfLife > previous.ltsEndOfLife).toBe(true);
    });
  });

  test("was checked on an ISO date, and its bulletins name versions and dates", () => {
    expect(KUBERNETES_VERSIONS_CHECKED).toMatch(ISO_DATE);
    for (const bulletin of AKS_VERSION_BULLETINS) {
      expect(bulletin.id).toMatch(/^AKS-\d{4}-\d{3,4}$/);
      expect(bulletin.minimum).toMatch(/^\d+\.\d+(\.\d+)?$/);
      expect(bulletin.published <= KUBERNETES_VERSIONS_CHECKED).toBe(true);
    }
  });
});

describe("supportedFloor", () => {
  test.each([
    // An end-of-life day is still supported; the day after is not.
    ["2026-11-30", false, "1.34", "1.33"],
    ["2026-12-01", false, "1.35", "1.34"],
    ["2026-12-01", true, "1.32", "1.31"],
    ["2026-04-30", true, "1.29", undefined],
    ["2026-05-01", true, "1.30", "1.29"],
    // 1.30's community support ended on an explicit date, 2025-08-22.
    ["2025-08-23", false, "1.31", "1.30"],
  ])("on %s (LTS %s) is %s, after %s", (day, lts, floor, retired) => {
    const result = supportedFloor(day, lts);
    expect(result.floor.minor).toBe(floor);
    expect(result.retired?.minor).toBe(retired);
  });

  test("past the table's last end of life, falls back to its newest minor", () => {
    expect(supportedFloor("2030-01-01", false).floor.minor).toBe(AKS_MINOR_VERSIONS[AKS_MINOR_VERSIONS.length - 1].minor);
  });
});
