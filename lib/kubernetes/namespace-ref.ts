import type { ITerraformDependable } from "../private/cdktf";

/**
 * A namespace the library's in-cluster constructs can be put in: a `SecureNamespace` (its
 * resources are then created after the namespace) or the name of a namespace that exists.
 */
export interface INamespace {
  /** The namespace's name, as a plain string (never a token), so it can be used anywhere. */
  readonly namespaceName: string;
  /** What must exist before objects are created in the namespace. */
  readonly namespaceDependables: readonly ITerraformDependable[];
}

/** A namespace given by a construct or by name. */
export type NamespaceRef = INamespace | string;

/** The name and the dependencies of a namespace reference. */
export function resolveNamespace(ref: NamespaceRef): { readonly name: string; readonly dependsOn?: ITerraformDependable[] } {
  if (typeof ref === "string" || ref.namespaceDependables.length === 0) {
    return { name: typeof ref === "string" ? ref : ref.namespaceName };
  }
  return { name: ref.namespaceName, dependsOn: [...ref.namespaceDependables] };
}
