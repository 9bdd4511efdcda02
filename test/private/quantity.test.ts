import { isQuantity, parseQuantity } from "../../lib/private/quantity";

describe("parseQuantity", () => {
  test.each([
    ["1", 1],
    ["0", 0],
    ["2.5", 2.5],
    [".5", 0.5],
    ["100m", 0.1],
    ["1500m", 1.5],
    ["250u", 0.00025],
    ["5n", 5e-9],
    ["1k", 1000],
    ["1M", 1e6],
    ["1G", 1e9],
    ["1T", 1e12],
    ["1Ki", 1024],
    ["128Mi", 128 * 2 ** 20],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["2Ti", 2 * 2 ** 40],
    ["1e3", 1000],
    ["1E3", 1000],
    ["5e-3", 0.005],
    ["+1", 1],
    ["-1", -1],
  ])("reads '%s' as %d base units", (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  test.each(["", "Mi", "1mi", "1MB", "1 Gi", "one", "1.2.3", "1e", "0x10", "1Gi ", "100mm", "1KI"])(
    "rejects '%s'",
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
      expect(isQuantity(text)).toBe(false);
    },
  );

  test("orders requests and limits the way the API server does", () => {
    expect(parseQuantity("500m")!).toBeLessThan(parseQuantity("1")!);
    expect(parseQuantity("512Mi")!).toBeGreaterThan(parseQuantity("512M")!);
    expect(parseQuantity("1Gi")).toBe(parseQuantity("1024Mi"));
  });
});
