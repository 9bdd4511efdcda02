// CIDR arithmetic for address plans and for weakening checks. Parsing is ipaddr.js's (strict
// four-part decimal for IPv4, every IPv6 notation); on top of it, the integer forms the
// library needs: blocks to carve subnets from, and unions of ranges to ask "does this list,
// taken together, cover everything?". No I/O.
import * as ipaddr from "ipaddr.js";

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

const PREFIX = /^(?:0|[1-9]\d?|1[01]\d|12[0-8])$/;

function bytesToBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** Parses a dotted IPv4 address to an integer, or undefined when it is not one. */
export function parseIpv4Address(text: string): number | undefined {
  // ipaddr.js alone also accepts octal, hex and three-part forms ("010.0.0.1"); Azure does not.
  if (typeof text !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  if (text.split(".").some((octet) => octet.length > 1 && octet.startsWith("0"))) return undefined;
  return Number(bytesToBigInt(ipaddr.IPv4.parse(text).toByteArray()));
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
  if (typeof text !== "string") return undefined;
  const [address, prefixText, ...rest] = text.split("/");
  if (rest.length > 0 || prefixText === undefined || !PREFIX.test(prefixText)) return undefined;
  const start = parseIpv4Address(address);
  const prefix = Number(prefixText);
  if (start === undefined || prefix > 32) return undefined;
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

/** An IPv4 or IPv6 range as a closed interval of integers. */
export interface AddressRange {
  /** The text it was parsed from. */
  readonly text: string;
  /** 4 or 6. */
  readonly version: 4 | 6;
  /** First address. */
  readonly first: bigint;
  /** Last address. */
  readonly last: bigint;
}

/**
 * Parses an IPv4 or IPv6 address or CIDR (host bits set are allowed here: the range is the
 * block they name). Undefined when the text is neither, including IPv6 zone ids.
 */
export function parseAddressRange(text: string): AddressRange | undefined {
  if (typeof text !== "string") return undefined;
  const [address, prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0 || (prefixText !== undefined && !PREFIX.test(prefixText))) return undefined;
  let bytes: number[];
  let version: 4 | 6;
  if (parseIpv4Address(address) !== undefined) {
    bytes = ipaddr.IPv4.parse(address).toByteArray();
    version = 4;
  } else if (ipaddr.IPv6.isValid(address) && !address.includes("%")) {
    bytes = ipaddr.IPv6.parse(address).toByteArray();
    version = 6;
  } else {
    return undefined;
  }
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (bytesToBigInt(bytes) >> hostBits) << hostBits;
  return { text, version, first, last: first + (1n << hostBits) - 1n };
}

/** The whole address space of a family, as a range. */
function wholeSpace(version: 4 | 6): AddressRange {
  return { text: version === 4 ? "0.0.0.0/0" : "::/0", version, first: 0n, last: (1n << BigInt(version === 4 ? 32 : 128)) - 1n };
}

/** Merges overlapping and adjacent ranges of one family into disjoint, sorted ranges. */
function merge(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const merged: AddressRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.first <= last.last + 1n) {
      if (range.last > last.last) merged[merged.length - 1] = { ...last, last: range.last };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/**
 * Whether the union of `ranges` covers every address of `target` (default: the whole IPv4 or
 * IPv6 space). Entries that do not parse are ignored: their own rule reports them. A
 * catch-all word (`*`, `Internet`, `Any`) covers both families.
 */
export function unionCovers(ranges: readonly string[], target?: AddressRange | 4 | 6): boolean {
  const goal = typeof target === "object" ? target : wholeSpace(target ?? 4);
  if (ranges.some((r) => typeof r === "string" && ["*", "any", "internet"].includes(r.trim().toLowerCase()))) return true;
  const parsed = ranges
    .map((r) => parseAddressRange(r))
    .filter((r): r is AddressRange => r !== undefined && r.version === goal.version && r.last >= goal.first && r.first <= goal.last);
  let next = goal.first;
  for (const range of merge(parsed)) {
    if (range.first > next) return false;
    if (range.last >= next) next = range.last + 1n;
    if (next > goal.last) return true;
  }
  return next > goal.last;
}

/**
 * Names the catch-all a list of ranges amounts to, entry or union: `"'0.0.0.0/0'"`, or
 * `"'0.0.0.0/1' + '128.0.0.0/1' (together every IPv4 address)"`. Undefined when the list
 * leaves part of both address spaces out.
 */
export function catchAllIn(ranges: readonly string[]): string | undefined {
  const single = ranges.find((r) => typeof r === "string" && isCatchAll(r));
  if (single !== undefined) return `'${single}'`;
  for (const version of [4, 6] as const) {
    if (unionCovers(ranges, version)) {
      const parts = ranges.filter((r) => parseAddressRange(r)?.version === version).map((r) => `'${r}'`);
      return `${parts.join(" + ")} (together every IPv${version} address)`;
    }
  }
  return undefined;
}

/**
 * Whether port specs (numbers, `"443"`, `"1000-2000"`, `"*"`) together cover every port from
 * `from` to `to` (default 1-65535). Specs that do not parse are ignored.
 */
export function portsCoverAll(ports: ReadonlyArray<string | number>, from = 1, to = 65535): boolean {
  const intervals: Array<[number, number]> = [];
  for (const port of ports) {
    const text = String(port).trim();
    if (text === "*") return true;
    const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text);
    if (!m) continue;
    const low = Number(m[1]);
    const high = m[2] === undefined ? low : Number(m[2]);
    if (low <= high) intervals.push([low, high]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  let next = from;
  for (const [low, high] of intervals) {
    if (low > next) return false;
    next = Math.max(next, high + 1);
    if (next > to) return true;
  }
  return next > to;
}
