// Effective exposure of a group: per protocol and port segment, which peers each IP family lets through,
// following the cloud's semantics (allow-union, Huawei priority with deny winning ties, Scaleway first
// match by position then the default policy).
import { AddrSet, contains, EMPTY, Family, FAMILIES, intersect, subtract, union, world } from "./cidr-set";
import { Direction, NormalisedResource, Protocol, Rule } from "./model";
import { PortSet, portUnion } from "./port-set";

export interface Segment {
  ports: PortSet;
  allowed: Record<Family, AddrSet>;
  /** Per family, the rules (or default policy) that let traffic through in this segment, with what each let through. */
  via: Record<Family, { label: string; set: AddrSet }[]>;
}

export interface Evaluation {
  /** Protocol key -> segments; the key `all` stands for every protocol without its own key. */
  byProtocol: Map<Protocol, Segment[]>;
  /** Rules that decide at least some traffic (the others are shadowed by earlier rules). */
  effective: Set<Rule>;
}

const BASE_KEYS: readonly Protocol[] = ["tcp", "udp", "icmp", "icmpv6", "all"];
const isPortKey = (k: Protocol): boolean => k === "tcp" || k === "udp";

/** Rules of one direction in evaluation order (stable sort by order; union clouds keep input order). */
export function orderedRules(res: NormalisedResource, direction: Direction): Rule[] {
  const rules = res.rules.filter((r) => r.direction === direction && r.enabled);
  if (res.semantics === "union") return rules;
  return rules
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].order - b[0].order || a[1] - b[1])
    .map(([r]) => r);
}

function segmentsOf(rules: Rule[]): [number, number][] {
  const points = new Set<number>([0, 65536]);
  for (const r of rules)
    for (const [s, e] of r.ports) {
      points.add(s);
      points.add(e + 1);
    }
  const sorted = [...points].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i++) out.push([sorted[i], sorted[i + 1] - 1]);
  return out;
}

const covers = (r: Rule, lo: number, hi: number): boolean => r.ports.some(([s, e]) => s <= lo && hi <= e);

const evaluations = new WeakMap<NormalisedResource, Partial<Record<Direction, Evaluation>>>();

/** The group's effective exposure in one direction; computed once per normalised resource (callers must not mutate it). */
export function evaluate(res: NormalisedResource, direction: Direction): Evaluation {
  let memo = evaluations.get(res);
  if (!memo) evaluations.set(res, (memo = {}));
  return (memo[direction] ??= evaluateUncached(res, direction));
}

function evaluateUncached(res: NormalisedResource, direction: Direction): Evaluation {
  const rules = orderedRules(res, direction);
  const def = res.defaults[direction];
  const byProtocol = new Map<Protocol, Segment[]>();
  const effective = new Set<Rule>();
  const keys = new Set<Protocol>(BASE_KEYS);
  for (const r of rules) keys.add(r.protocol);
  const firstMatch = res.semantics !== "union" || def.action === "allow";
  for (const key of keys) {
    const applicable = rules.filter((r) => r.protocol === "all" || r.protocol === key);
    if (applicable.length === 0 && def.action === "deny") continue;
    const segs: Segment[] = [];
    for (const [lo, hi] of isPortKey(key) ? segmentsOf(applicable) : [[0, 65535] as [number, number]]) {
      const matching = isPortKey(key) ? applicable.filter((r) => covers(r, lo, hi)) : applicable;
      const allowed: Record<Family, AddrSet> = { v4: EMPTY, v6: EMPTY };
      const via: Segment["via"] = { v4: [], v6: [] };
      if (!firstMatch) {
        for (const r of matching) {
          for (const f of FAMILIES) {
            const peer = r.peers[f];
            if (peer && peer.length) {
              allowed[f] = union(allowed[f], peer);
              via[f].push({ label: r.label, set: peer });
              effective.add(r);
            }
          }
        }
      } else {
        const remaining: Record<Family, AddrSet> = { v4: world("v4"), v6: world("v6") };
        for (const r of matching) {
          let used = false;
          for (const f of FAMILIES) {
            const peer = r.peers[f];
            if (!peer || !peer.length) continue;
            const m = intersect(remaining[f], peer);
            if (!m.length) continue;
            used = true;
            remaining[f] = subtract(remaining[f], m);
            if (r.action === "allow") {
              allowed[f] = union(allowed[f], m);
              via[f].push({ label: r.label, set: m });
            }
          }
          if (used) effective.add(r);
        }
        if (def.action === "allow") {
          for (const f of FAMILIES) {
            if (!remaining[f].length) continue;
            allowed[f] = union(allowed[f], remaining[f]);
            via[f].push({ label: def.label, set: remaining[f] });
          }
        }
      }
      if (allowed.v4.length || allowed.v6.length) segs.push({ ports: [[lo, hi]], allowed, via });
    }
    if (segs.length) byProtocol.set(key, segs);
  }
  return { byProtocol, effective };
}

export interface OpenFinding {
  protocol: Protocol;
  family: Family;
  ports: PortSet;
  via: string[];
}

/**
 * Protocol/port sets whose allowed peers cover all of `target` (per family), i.e. reachable from the
 * whole internet when `target` is the public address space minus trusted CIDRs.
 */
const opens = new WeakMap<Evaluation, Map<object, OpenFinding[]>>();

export function openTo(ev: Evaluation, target: Record<Family, AddrSet>): OpenFinding[] {
  let memo = opens.get(ev);
  if (!memo) opens.set(ev, (memo = new Map<object, OpenFinding[]>()));
  let out = memo.get(target);
  if (!out) memo.set(target, (out = openToUncached(ev, target)));
  return out;
}

function openToUncached(ev: Evaluation, target: Record<Family, AddrSet>): OpenFinding[] {
  const out: OpenFinding[] = [];
  for (const [protocol, segs] of ev.byProtocol) {
    for (const family of FAMILIES) {
      if (!target[family].length) continue;
      let ports: PortSet = [];
      const via = new Set<string>();
      for (const s of segs) {
        if (!s.allowed[family].length || !contains(s.allowed[family], target[family])) continue;
        ports = portUnion(ports, s.ports);
        for (const v of s.via[family]) if (reaches(v.set, target[family])) via.add(v.label);
      }
      if (ports.length) out.push({ protocol, family, ports, via: [...via] });
    }
  }
  return out;
}

/** Does `sub` reach any address of `set` (used for "some traffic from untrusted peers")? */
export const reaches = (set: AddrSet, sub: AddrSet): boolean => intersect(set, sub).length > 0;
