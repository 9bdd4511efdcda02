import { Fn } from "./cdktf";
import { isToken } from "./validate";

/**
 * A name for a resource the library derives from a user's name, e.g. `log-<cluster>`: the
 * parts joined with hyphens, underscores turned into hyphens (several Azure resource types
 * refuse them), cut to Azure's maximum length for that resource type, and never ending in a
 * hyphen or period. Deterministic, so the name (and the resource) stays the same across
 * synths. With a token among the parts, they are only joined (see below).
 */
export function derivedName(parts: readonly string[], maxLength: number): string {
  // A part known only when Terraform runs (a variable, another resource's attribute) is
  // never cut or rewritten: its text here is a token's placeholder, and slicing it would
  // break the reference. The parts are joined as they are and Terraform interpolates them.
  if (parts.some((part) => isToken(part))) return parts.join("-");
  return parts
    .join("-")
    .replace(/_/g, "-")
    .slice(0, maxLength)
    .replace(/[-.]+$/, "");
}

/**
 * The region as it appears in host names (Azure Monitor endpoints, the API server's private
 * DNS zone): the programmatic name (`westeurope`), also when the location was given as a
 * display name (`West Europe`), which Azure accepts for resources but not in a host name.
 */
export function regionEndpointName(location: string): string {
  if (isToken(location)) return Fn.replace(Fn.lower(location), " ", "");
  return location.toLowerCase().replace(/\s+/g, "");
}
