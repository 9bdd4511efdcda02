import { deepFreeze } from "../../lib/private/freeze";

describe("deepFreeze", () => {
  test("freezes nested objects and arrays, and returns the same value", () => {
    const value = { list: [{ name: "a" }], map: { inner: { n: 1 } } };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.list)).toBe(true);
    expect(Object.isFrozen(value.list[0])).toBe(true);
    expect(Object.isFrozen(value.map.inner)).toBe(true);
  });

  test("reaches the children of a value that is already frozen", () => {
    const child = { n: 1 };
    const parent = Object.freeze({ child });
    deepFreeze(parent);
    expect(Object.isFrozen(child)).toBe(true);
  });

  test("ends on a cycle", () => {
    const a: { self?: unknown } = {};
    a.self = a;
    expect(() => deepFreeze(a)).not.toThrow();
    expect(Object.isFrozen(a)).toBe(true);
  });

  test("leaves functions callable and unfrozen", () => {
    const rule = deepFreeze({ id: "X-1", check: () => ["wrong"] });
    expect(rule.check()).toEqual(["wrong"]);
    expect(Object.isFrozen(rule.check)).toBe(false);
  });
});
