// Address sets as sorted, disjoint, non-adjacent [first, last] ranges, so CIDRs are compared as
// networks (`1.2.3.4/0` is the world, `0.0.0.0/1` + `128.0.0.0/1` together are the world).
import ipaddr from "ipaddr.js";

export type Family = "v4" | "v6";
export type Range = readonly [bigint, bigint];
export type AddrSet = readonly Range[];

export const FAMILIES: readonly Family[] = ["v4", "v6"];
const LAST: Record<Family, bigint> = { v4: (1n << 32n) - 1n, v6: (1n << 128n) - 1n };
const BITS: Record<Family, number> = { v4: 32, v6: 128 };

export const EMPTY: AddrSet = [];
export const world = (family: Family): AddrSet => [[0n, LAST[family]]];

export interface ParsedCidr {
  family: Family;
  prefix: number;
  /** Network form with host bits cleared, e.g. `0.0.0.0/0` for `1.2.3.4/0`. */
  canonical: string;
  set: AddrSet;
}

function toBigInt(bytes: number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

const parsed = new Map<string, ParsedCidr | undefined>();

/** Parses a CIDR or a bare address (`10.0.0.1` = `/32`); undefined when it is neither. Memoised: rules repeat a few CIDRs. */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (parsed.has(text)) return parsed.get(text);
  if (parsed.size > 10_000) parsed.clear();
  const result = parseCidrUncached(text);
  parsed.set(text, result);
  return result;
}

function parseCidrUncached(text: string): ParsedCidr | undefined {
  const raw = text.trim();
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (raw.includes("/")) {
      [addr, prefix] = ipaddr.parseCIDR(raw);
    } else {
      addr = ipaddr.parse(raw);
      prefix = addr.kind() === "ipv4" ? 32 : 128;
    }
  } catch {
    return undefined;
  }
  const family: Family = addr.kind() === "ipv4" ? "v4" : "v6";
  const hostBits = BigInt(BITS[family] - prefix);
  const first = (toBigInt(addr.toByteArray()) >> hostBits) << hostBits;
  const last = first | ((1n << hostBits) - 1n);
  const network =
    family === "v4"
      ? ipaddr.IPv4.networkAddressFromCIDR(raw.includes("/") ? raw : `${raw}/32`).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(raw.includes("/") ? raw : `${raw}/128`).toNormalizedString();
  const canonical = family === "v6" ? `${ipaddr.parse(network).toString()}/${prefix}` : `${network}/${prefix}`;
  return { family, prefix, canonical, set: [[first, last]] };
}

export function union(a: AddrSet, b: AddrSet): AddrSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const all = [...a, ...b].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [s, e] of all) {
    const top = out[out.length - 1];
    if (top && s <= top[1] + 1n) {
      if (e > top[1]) top[1] = e;
    } else {
      out.push([s, e]);
    }
  }
  return out;
}

export function intersect(a: AddrSet, b: AddrSet): AddrSet {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = a[i][0] > b[j][0] ? a[i][0] : b[j][0];
    const e = a[i][1] < b[j][1] ? a[i][1] : b[j][1];
    if (s <= e) out.push([s, e]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

export function subtract(a: AddrSet, b: AddrSet): AddrSet {
  if (a.length === 0 || b.length === 0) return a;
  const out: Range[] = [];
  for (const [s0, e] of a) {
    let s = s0;
    for (const [bs, be] of b) {
      if (be < s || bs > e) continue;
      if (bs > s) out.push([s, bs - 1n]);
      s = be + 1n;
      if (s > e) break;
    }
    if (s <= e) out.push([s, e]);
  }
  return out;
}

/** True when every address of `inner` is in `outer`. */
export function contains(outer: AddrSet, inner: AddrSet): boolean {
  return subtract(inner, outer).length === 0;
}

export function size(a: AddrSet): bigint {
  return a.reduce((n, [s, e]) => n + (e - s + 1n), 0n);
}

export function setOf(cidrs: readonly string[], family: Family): AddrSet {
  let out: AddrSet = EMPTY;
  for (const c of cidrs) {
    const p = parseCidr(c);
    if (p && p.family === family) out = union(out, p.set);
  }
  return out;
}

// IANA special-purpose ranges: addresses the internet cannot reach you from.
const NON_PUBLIC: Record<Family, readonly string[]> = {
  v4: [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/3",
  ],
  v6: ["::/3", "4000::/2", "8000::/1", "2001:db8::/32"],
};

/** The public (internet-routable) part of each family's address space. */
export const PUBLIC: Record<Family, AddrSet> = {
  v4: subtract(world("v4"), setOf(NON_PUBLIC.v4, "v4")),
  v6: subtract(world("v6"), setOf(NON_PUBLIC.v6, "v6")),
};
