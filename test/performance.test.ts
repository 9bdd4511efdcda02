import { Lazy } from "cdktf";
import { disableTokenStackTraces } from "hardened-aks";

describe("disableTokenStackTraces", () => {
  // test/setup.ts calls it before every test file, as apps do before building stacks.
  test("leaves new tokens without a creation stack trace", () => {
    expect(Lazy.anyValue({ produce: () => "x" }).creationStack).toEqual([]);
  });

  test("can be called again", () => {
    disableTokenStackTraces();
    expect(Lazy.anyValue({ produce: () => 1 }).creationStack).toEqual([]);
  });
});
