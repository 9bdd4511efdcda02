// cdktf 0.21 asks the construct library for a creation trace of every Terraform element
// (TerraformElement adds a "stacktrace" metadata entry), but the construct library records
// one only when asked to (constructs 10: `stackTrace: false` by default), so the trace never
// reaches the synthesized JSON. recordCreationSites() asks, for cdktf's entry only.
import { Node } from "../private/cdktf";

/** Marks the construct library's Node once patched, so a second call changes nothing. */
const PATCHED = Symbol.for("hardened-aks/record-creation-sites");

/** The metadata type cdktf's TerraformElement adds to carry its creation trace. */
const CDKTF_TRACE_TYPE = "stacktrace";

type AddMetadata = (this: Node, type: string, data: unknown, options?: { stackTrace?: boolean; traceFromFunction?: unknown }) => void;

/**
 * Records where every Terraform resource is created from here on, for the rest of the
 * process, so the SARIF report points each result at the file and line of the user's code that
 * created the construct (the first frame outside the library and `node_modules`), and code
 * scanning annotates that line in a pull request. Call it once, before building stacks; it
 * does nothing for constructs created before. Without it, results point at the construct path
 * and the stack's synthesized `cdk.tf.json`.
 *
 * Off by default because cdktf then writes each resource's whole creation trace into the
 * stack's `cdk.tf.json` (`//.metadata.stackTrace`): absolute paths of the machine that
 * synthesized, and more than twice the file's size for the quickstart (115 KB to 266 KB).
 * The synthesis itself was not measurably slower. The reports only ever name the one frame,
 * relative to the project root. Frames name the files Node runs: compiled `.js` files,
 * unless the app runs its TypeScript directly (ts-node, tsx) or with
 * `node --enable-source-maps`.
 */
export function recordCreationSites(): void {
  const proto = Node.prototype as unknown as Record<string | symbol, unknown> & { addMetadata: AddMetadata };
  if (proto[PATCHED]) return;
  const original = proto.addMetadata;
  const addMetadata: AddMetadata = function (this: Node, type, data, options = {}) {
    // Only cdktf's own trace entry, and only when its caller did not decide: others untouched.
    if (type === CDKTF_TRACE_TYPE && options.stackTrace === undefined) {
      return original.call(this, type, data, { ...options, stackTrace: true, traceFromFunction: addMetadata });
    }
    return original.call(this, type, data, options);
  };
  proto.addMetadata = addMetadata;
  proto[PATCHED] = true;
}

