// Turning exposure findings into the short phrases violation messages are made of.
import { Family } from "./cidr-set";
import { OpenFinding } from "./exposure";
import { formatPorts, PortSet, portIntersect, PortSpec, portSubtract, portUnion } from "./port-set";
import { Protocol } from "./model";

const FAMILY_LABEL: Record<Family, string> = { v4: "IPv4", v6: "IPv6" };

export interface Hit {
  protocol: Protocol;
  ports: PortSet;
  family: Family;
  via: readonly string[];
}

const protoPorts = (protocol: Protocol, ports: PortSet): string =>
  protocol === "tcp" || protocol === "udp"
    ? `${protocol}/${formatPorts(ports)}`
    : protocol === "all"
      ? "all protocols"
      : protocol.replace(/^p:?/, "protocol ");

/** `tcp/22 (IPv4, IPv6) via rules[0], rules[1]`, one phrase per protocol/port set, in a stable order. */
export function describeHits(hits: readonly Hit[]): string[] {
  const groups = new Map<string, { families: Set<Family>; via: Set<string> }>();
  for (const h of hits) {
    const key = protoPorts(h.protocol, h.ports);
    const g = groups.get(key) ?? { families: new Set(), via: new Set() };
    g.families.add(h.family);
    for (const v of h.via) g.via.add(v);
    groups.set(key, g);
  }
  return [...groups].map(
    ([key, g]) =>
      `${key} (${(["v4", "v6"] as const)
        .filter((f) => g.families.has(f))
        .map((f) => FAMILY_LABEL[f])
        .join(", ")}) via ${[...g.via].join(", ")}`,
  );
}

/** Findings restricted to the given port specs (a protocol-all finding counts for tcp and udp alike). */
export function hitsOnSpecs(open: readonly OpenFinding[], specs: readonly PortSpec[]): Hit[] {
  const out: Hit[] = [];
  for (const spec of specs) {
    for (const o of open) {
      if (o.protocol !== spec.protocol) continue;
      const ports = portIntersect(o.ports, spec.ports);
      if (ports.length) out.push({ protocol: spec.protocol, ports, family: o.family, via: o.via });
    }
  }
  return out;
}

export const familyLabel = (f: Family): string => FAMILY_LABEL[f];

/** World-open findings outside the authorized ports (non-tcp/udp protocols are always outside). */
export function hitsOutside(open: readonly OpenFinding[], authorized: readonly PortSpec[]): Hit[] {
  const hits: Hit[] = [];
  for (const o of open) {
    if (o.protocol !== "tcp" && o.protocol !== "udp") {
      hits.push(o);
      continue;
    }
    const ports = portSubtract(
      o.ports,
      portUnion(
        authorized.filter((s) => s.protocol === o.protocol).flatMap((s) => s.ports),
        [],
      ),
    );
    if (ports.length) hits.push({ ...o, ports });
  }
  return hits;
}
