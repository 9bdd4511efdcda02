// ClusterBackup's verdicts, on their own: each names the prop, the value, the rule and the fix,
// and checks nothing known only when Terraform runs.
import { Token } from "cdktf";
import { backupIntervalHours, backupVaultName, namespaceFilterOverlap, namespaceNames, storageAccountName } from "../../lib/backup/validate-backup";

const TOKEN = Token.asString({ Ref: "var.name" });
const TOKEN_NUMBER = Token.asNumber({ Ref: "var.hours" });
const TOKEN_LIST = Token.asList({ Ref: "var.namespaces" });

describe("backupVaultName", () => {
  test.each(["bv", "bv-aks-prod", "B".repeat(50), "123"])("accepts %s", (name) => expect(backupVaultName("vaultName", name)).toBeUndefined());
  test.each([
    ["b", /^vaultName must be 2-50 letters, digits or hyphens .*; got 'b'\.$/],
    ["b".repeat(51), /got 'b{51}'/],
    ["bv_aks", /got 'bv_aks'/],
    ["bv.aks", /got 'bv\.aks'/],
  ])("refuses %s", (name, message) => expect(backupVaultName("vaultName", name)).toMatch(message));
  test("skips a token", () => expect(backupVaultName("vaultName", TOKEN)).toBeUndefined());
});

describe("storageAccountName", () => {
  test.each(["abc", "staksbackupprod", "a1".repeat(12)])("accepts %s", (name) => expect(storageAccountName("storageAccountName", name)).toBeUndefined());
  test.each([
    ["ab", /^storageAccountName must be 3-24 lowercase letters or digits .*; got 'ab'\.$/],
    ["st-aks", /got 'st-aks'\. Did you mean 'staks'\?$/],
    ["StAks", /got 'StAks'\. Did you mean 'staks'\?$/],
    ["a".repeat(25), /got 'a{25}'\.$/],
  ])("refuses %s", (name, message) => expect(storageAccountName("storageAccountName", name)).toMatch(message));
  test("skips a token", () => expect(storageAccountName("storageAccountName", TOKEN)).toBeUndefined());
});

describe("backupIntervalHours", () => {
  test.each([4, 6, 8, 12, 24])("accepts %s", (hours) => expect(backupIntervalHours("backupIntervalHours", hours)).toBeUndefined());
  test.each([1, 5, 48, 4.5, 0])("refuses %s", (hours) =>
    expect(backupIntervalHours("backupIntervalHours", hours)).toBe(
      `backupIntervalHours must be one of 4, 6, 8, 12, 24 (hours between backups: AKS backup schedules every 4, 6, 8 or 12 hours, or daily); got ${hours}. Pick the nearest interval.`,
    ),
  );
  test("skips a token", () => expect(backupIntervalHours("backupIntervalHours", TOKEN_NUMBER)).toBeUndefined());
});

describe("namespaceNames and namespaceFilterOverlap", () => {
  test("accepts namespace names, and no list", () => {
    expect(namespaceNames("includedNamespaces", ["orders", "a", "payments-1"])).toEqual([undefined, undefined, undefined]);
    expect(namespaceNames("includedNamespaces", undefined)).toEqual([]);
  });
  test("refuses an empty list, a name that is not one, and something that is not a list", () => {
    expect(namespaceNames("includedNamespaces", [])).toEqual(["includedNamespaces must not be empty; got []. Leave it out to back up every namespace."]);
    expect(namespaceNames("excludedNamespaces", ["ok", "-bad", "x".repeat(64)])).toEqual([
      undefined,
      expect.stringMatching(/^excludedNamespaces\[1\] must be a namespace name: .*; got '-bad'\.$/),
      expect.stringMatching(/^excludedNamespaces\[2\] must be a namespace name/),
    ]);
    expect(namespaceNames("excludedNamespaces", "orders" as unknown as string[])).toEqual([
      "excludedNamespaces must be a list of namespace names, e.g. ['orders']; got 'orders'.",
    ]);
    expect(namespaceNames("excludedNamespaces", [3 as unknown as string])).toEqual(["excludedNamespaces[0] must be a namespace name, e.g. 'orders'; got 3."]);
  });
  test("refuses a namespace in both lists, and skips tokens", () => {
    expect(namespaceFilterOverlap(["orders", "shop"], ["shop"])).toMatch(/^includedNamespaces and excludedNamespaces both name 'shop'; .*Name each namespace in one list only\.$/);
    expect(namespaceFilterOverlap(["orders"], ["shop"])).toBeUndefined();
    expect(namespaceFilterOverlap(TOKEN_LIST, ["shop"])).toBeUndefined();
    expect(namespaceNames("includedNamespaces", TOKEN_LIST)).toEqual([]);
    expect(namespaceNames("includedNamespaces", [TOKEN])).toEqual([undefined]);
  });
});
