import { TerraformVariable } from "cdktf";
import { snakeCase, toTerraformJson } from "../../lib/private/json-resource";
import { testStack } from "../helpers";

describe("toTerraformJson", () => {
  const maps = new Set(["labels", "volumeAttributes"]);

  test("writes keys in snake_case, through nested blocks and lists", () => {
    expect(snakeCase("readOnlyRootFilesystem")).toBe("read_only_root_filesystem");
    expect(toTerraformJson({ spec: { template: { spec: { container: [{ securityContext: { runAsNonRoot: true } }] } } } }, maps)).toEqual({
      spec: { template: { spec: { container: [{ security_context: { run_as_non_root: true } }] } } },
    });
  });

  test("keeps the keys of map attributes as they are: they are data", () => {
    expect(toTerraformJson({ metadata: { labels: { "app.kubernetes.io/name": "a", camelKey: "b" } }, csi: { volumeAttributes: { secretProviderClass: "s" } } }, maps)).toEqual({
      metadata: { labels: { "app.kubernetes.io/name": "a", camelKey: "b" } },
      csi: { volume_attributes: { secretProviderClass: "s" } },
    });
  });

  test("drops undefined and passes tokens through untouched", () => {
    const token = new TerraformVariable(testStack(), "name", { type: "string" }).stringValue;
    expect(toTerraformJson({ name: token, port: undefined, replicas: "2" }, maps)).toEqual({ name: token, replicas: "2" });
  });
});
