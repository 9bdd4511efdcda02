import type { IConstruct } from "./private/cdktf";

/**
 * Thrown at construct time when a prop breaks a rule the library knows about, before
 * Terraform ever runs. The message names the prop, the value received, the rule and the
 * fix; `path` is the construct path where the value was given.
 */
export class ValidationError extends Error {
  /** Construct path of the construct that rejected the value, when known. */
  public readonly path?: string;

  constructor(message: string, scope?: IConstruct) {
    // The root of an app has an empty path: "(at )" would say nothing.
    const path = scope?.node.path || undefined;
    super(path ? `${message} (at ${path})` : message);
    this.name = "ValidationError";
    this.path = path;
  }
}
