// Set up by jest.bindings.config.js (`npm run test:bindings`, run by CI): every resource the
// library writes, in every test, is also written by the provider's generated class from the
// same config, and the two must be the same, or the synthesis fails with both. The examples'
// whole output is compared byte for byte in provider-bindings.test.ts; this covers every
// branch the tests reach.
import * as os from "node:os";
import { inspect, isDeepStrictEqual } from "node:util";
import { App, TerraformStack, type TerraformResource } from "cdktf";
import { JsonResource } from "../../lib/private/json-resource";
import * as generatedAzurerm from "./generated-azurerm";
import * as generatedKubernetes from "./generated-kubernetes";

type Generated = (new (scope: TerraformStack, id: string, config: unknown) => TerraformResource) & { tfResourceType: string };

const generatedByType = new Map<string, Generated>(
  Object.values({ ...generatedAzurerm, ...generatedKubernetes } as unknown as Record<string, Generated>).map((cls) => [cls.tfResourceType, cls]),
);

// The generated classes write unset attributes as undefined; JSON leaves them out.
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .map(([key, child]) => [key, withoutUndefined(child)]),
  );
}

const reference = new TerraformStack(new App({ outdir: os.tmpdir() }), "reference");
let compared = 0;
const prototype = JsonResource.prototype as unknown as { synthesizeAttributes(this: JsonResource<object>): Record<string, unknown> };
const synthesizeAttributes = prototype.synthesizeAttributes;

prototype.synthesizeAttributes = function (this: JsonResource<object>) {
  const written = synthesizeAttributes.call(this);
  const Generated = generatedByType.get(this.terraformResourceType);
  if (!Generated) throw new Error(`No generated class for ${this.terraformResourceType}: add it to test/bindings/generated-*.ts.`);
  const config = (this as unknown as { attributes: Record<string, unknown> }).attributes;
  const expected = (new Generated(reference, `Resource${++compared}`, config) as unknown as { synthesizeAttributes(): unknown }).synthesizeAttributes();
  if (!isDeepStrictEqual(withoutUndefined(written), withoutUndefined(expected))) {
    const show = (value: unknown) => inspect(withoutUndefined(value), { depth: 12, breakLength: 160 });
    throw new Error(`${this.terraformResourceType} at ${this.node.path} is written differently from the generated class.\nlibrary:   ${show(written)}\ngenerated: ${show(expected)}`);
  }
  return written;
};
