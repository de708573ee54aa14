// Port sets as sorted, disjoint [low, high] ranges, plus the `tcp/22` / `udp/27017-27019` spec syntax used in config.

export type PortRange = readonly [number, number];
export type PortSet = readonly PortRange[];

export const ALL_PORTS: PortSet = [[0, 65535]];

export function portUnion(a: PortSet, b: PortSet): PortSet {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [s, e] of all) {
    const top = out[out.length - 1];
    if (top && s <= top[1] + 1) top[1] = Math.max(top[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function portIntersect(a: PortSet, b: PortSet): PortSet {
  const out: PortRange[] = [];
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) {
      const s = Math.max(s1, s2);
      const e = Math.min(e1, e2);
      if (s <= e) out.push([s, e]);
    }
  }
  return portUnion(out, []);
}

/** True when the set covers every usable port (1-65535; port 0 is not a real service). */
export const isAllPorts = (p: PortSet): boolean => portIntersect(p, [[1, 65535]]).some(([s, e]) => s === 1 && e === 65535);

export const portCount = (p: PortSet): number => p.reduce((n, [s, e]) => n + e - s + 1, 0);

export const formatPorts = (p: PortSet): string =>
  p.map(([s, e]) => (s === e ? `${s}` : s <= 1 && e === 65535 ? "all" : `${s}-${e}`)).join(",");

/** A port spec from config: `tcp/22`, `udp/53`, `tcp/27017-27019`. */
export interface PortSpec {
  protocol: "tcp" | "udp";
  ports: PortSet;
  text: string;
}

export const PORT_SPEC_RE = /^(tcp|udp)\/(\d{1,5})(?:-(\d{1,5}))?$/;

export function parsePortSpec(text: string): PortSpec {
  const m = PORT_SPEC_RE.exec(text.trim().toLowerCase());
  if (!m) throw new Error(`invalid port spec "${text}": expected tcp/22, udp/53 or tcp/27017-27019`);
  const lo = Number(m[2]);
  const hi = m[3] === undefined ? lo : Number(m[3]);
  if (lo > hi || hi > 65535) throw new Error(`invalid port spec "${text}": range must be ascending within 0-65535`);
  return { protocol: m[1] as "tcp" | "udp", ports: [[lo, hi]], text: text.trim().toLowerCase() };
}

/**
 * Parses a Huawei multiport / Scaleway port-range string: `22`, `1-30`, `22,3389,80`, `"22, 3389, 80"`.
 * Returns undefined for an unparseable string (callers treat that as all ports, the fail-safe side).
 */
export function parsePortList(text: string): PortSet | undefined {
  const parts = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (parts.length === 0) return undefined;
  const ranges: PortRange[] = [];
  for (const part of parts) {
    const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(part);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo > hi || hi > 65535) return undefined;
    ranges.push([lo, hi]);
  }
  return portUnion(ranges, []);
}

export function portSubtract(a: PortSet, b: PortSet): PortSet {
  let out: PortRange[] = [...a];
  for (const [bs, be] of b) {
    const next: PortRange[] = [];
    for (const [s, e] of out) {
      if (be < s || bs > e) {
        next.push([s, e]);
        continue;
      }
      if (s < bs) next.push([s, bs - 1]);
      if (be < e) next.push([be + 1, e]);
    }
    out = next;
  }
  return out;
}
