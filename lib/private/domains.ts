// Domain-name facts from the public suffix list (tldts, which ships the list and tracks its
// updates), for checks that a wildcard FQDN does not reach "every site under a registry
// suffix". Loaded on first use: most synths never check a wildcard.
import type * as Tldts from "tldts";

let tldts: typeof Tldts | undefined;
function publicSuffixList(): typeof Tldts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the list is about 100 KB and most synths never need it
  tldts ??= require("tldts") as typeof Tldts;
  return tldts;
}

/**
 * When `fqdn` is a wildcard whose base is a public suffix (`*.com`, `*.co.uk`, `*.github.io`
 * with private suffixes included), returns that suffix: such a wildcard allows every domain
 * anyone can register under it. `*` alone returns `*`. Otherwise undefined.
 */
export function wildcardPublicSuffix(fqdn: string): string | undefined {
  if (typeof fqdn !== "string") return undefined;
  const name = fqdn.trim().toLowerCase().replace(/\.$/, "");
  if (name === "*") return "*";
  const base = name.startsWith("*.") ? name.slice(2) : name.startsWith("*") ? name.slice(1).replace(/^\./, "") : undefined;
  if (base === undefined) return undefined;
  if (base === "") return "*";
  const list = publicSuffixList();
  // A base that is itself a suffix has no registrable domain of its own.
  const suffix = list.getPublicSuffix(base, { allowPrivateDomains: true });
  return suffix === base && list.getDomain(base, { allowPrivateDomains: true }) === null ? base : undefined;
}

/**
 * Whether a name with a part known only when Terraform runs (`${var.region}.example.com`)
 * still ends in a fixed domain that is not a public suffix: whatever the part resolves to,
 * the name stays under that one domain.
 */
export function boundedByLiteralDomain(text: string): boolean {
  if (typeof text !== "string") return false;
  const tail = text.slice(text.lastIndexOf("}") + 1);
  const domain = tail.startsWith(".") ? tail.slice(1) : "";
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domain) && wildcardPublicSuffix(`*.${domain}`) === undefined;
}
