import { derivedName } from "../../lib/private/names";

describe("derivedName", () => {
  it("joins parts with hyphens", () => {
    expect(derivedName(["log", "aks-prod"], 63)).toBe("log-aks-prod");
  });

  it("turns underscores into hyphens", () => {
    expect(derivedName(["log", "aks_team_a"], 63)).toBe("log-aks-team-a");
  });

  it("cuts to the maximum length without leaving a trailing hyphen", () => {
    expect(derivedName(["dcr", "abc", "container-insights"], 8)).toBe("dcr-abc");
    expect(derivedName(["dcr", "abcd", "x"], 9)).toBe("dcr-abcd");
  });

  it("is deterministic", () => {
    expect(derivedName(["id", "aks", "kubelet"], 128)).toBe(derivedName(["id", "aks", "kubelet"], 128));
  });
});
