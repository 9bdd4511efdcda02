// Small, pure IPv4 CIDR arithmetic: enough to validate an address plan and to carve role
// subnets out of one address space (plus a catch-all check that also knows IPv6).
// No dependency, no I/O.

/** A parsed IPv4 CIDR block. Addresses are unsigned 32-bit integers. */
export interface Ipv4Block {
  /** The text it was parsed from. */
  readonly text: string;
  /** First address of the block (network address). */
  readonly start: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
  /** Number of addresses in the block. */
  readonly size: number;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV4_ADDRESS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function octetsToInt(octets: string[]): number | undefined {
  let value = 0;
  for (const octet of octets) {
    const n = Number(octet);
    if (n > 255 || (octet.length > 1 && octet.startsWith("0"))) return undefined;
    value = value * 256 + n;
  }
  return value;
}

/** Parses a dotted IPv4 address to an integer, or undefined when it is not one. */
export function parseIpv4Address(text: string): number | undefined {
  const m = IPV4_ADDRESS.exec(text);
  return m ? octetsToInt(m.slice(1, 5)) : undefined;
}

/** Formats an integer as a dotted IPv4 address. */
export function formatIpv4Address(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/**
 * Parses an IPv4 CIDR such as `10.0.0.0/16`. Returns undefined when the text is not a
 * CIDR, and also when host bits are set (`10.0.0.1/16`): Azure rejects such prefixes
 * for VNets and subnets, so the library treats them as mistakes.
 */
export function parseIpv4Cidr(text: string): Ipv4Block | undefined {
  const m = IPV4_CIDR.exec(text);
  if (!m) return undefined;
  const start = octetsToInt(m.slice(1, 5));
  const prefix = Number(m[5]);
  // A prefix is written without leading zeros, like an octet ("/8", not "/08").
  if (start === undefined || prefix > 32 || (m[5].length > 1 && m[5].startsWith("0"))) return undefined;
  const size = 2 ** (32 - prefix);
  if (start % size !== 0) return undefined;
  return { text, start, prefix, size };
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.start >= outer.start && inner.start + inner.size <= outer.start + outer.size;
}

/** Whether an address lies inside a block. */
export function containsAddress(block: Ipv4Block, address: number): boolean {
  return address >= block.start && address < block.start + block.size;
}

/** Whether two blocks share at least one address. */
export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

/** The first pair of overlapping blocks among named blocks, or undefined. */
export function findOverlap(
  blocks: ReadonlyArray<{ readonly name: string; readonly block: Ipv4Block }>,
): [string, string] | undefined {
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      if (overlaps(blocks[i].block, blocks[j].block)) return [blocks[i].name, blocks[j].name];
    }
  }
  return undefined;
}

/**
 * Places blocks of the requested prefix lengths inside `space`, largest first (ties by
 * name, compared by code unit so the order does not depend on the machine's locale), each
 * aligned to its own size and clear of the blocks already taken. Deterministic: the same
 * request always gives the same layout. Returns undefined for a request that does not fit,
 * including a prefix that is not a whole number from 0 to 32.
 */
export function allocateSubnets(
  space: Ipv4Block,
  requests: ReadonlyArray<{ readonly name: string; readonly prefix: number }>,
  taken: ReadonlyArray<Ipv4Block> = [],
): Record<string, Ipv4Block> | undefined {
  if (requests.some((r) => !Number.isInteger(r.prefix) || r.prefix < 0 || r.prefix > 32)) return undefined;
  const order = [...requests].sort((a, b) => a.prefix - b.prefix || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const placed: Ipv4Block[] = [...taken];
  const result: Record<string, Ipv4Block> = {};
  for (const request of order) {
    const size = 2 ** (32 - request.prefix);
    let found: Ipv4Block | undefined;
    for (let start = space.start; start + size <= space.start + space.size; start += size) {
      const candidate = { text: `${formatIpv4Address(start)}/${request.prefix}`, start, prefix: request.prefix, size };
      if (!placed.some((p) => overlaps(p, candidate))) {
        found = candidate;
        break;
      }
    }
    if (!found) return undefined;
    placed.push(found);
    result[request.name] = found;
  }
  return result;
}

/**
 * Whether a CIDR or address range means "everything": `0.0.0.0/0`, `::/0`, `*`,
 * `Internet`, `Any`, or any IPv4/IPv6 block with prefix length 0.
 */
export function isCatchAll(range: string): boolean {
  const trimmed = range.trim().toLowerCase();
  if (trimmed === "*" || trimmed === "any" || trimmed === "internet" || trimmed === "0.0.0.0") return true;
  return /\/0+$/.test(trimmed);
}
