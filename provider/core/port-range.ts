import { ICMP_PROTOCOLS, PORT_PROTOCOLS } from "./protocol";

/** A rule's port range in canonical form: null/null means every port (or every ICMP type). */
export interface PortRange {
  min: number | null;
  max: number | null;
}

/**
 * Canonical port range for a canonical protocol. "All ports" spellings (null, 0-0, 1-65535) become
 * null/null; a lone min means one port; for ICMP, min is the type and max the code.
 * Returns a message naming the rule broken when the range is invalid.
 */
export function canonicalPortRange(
  protocol: string | null,
  min: number | null | undefined,
  max: number | null | undefined,
): PortRange | string {
  const lo = min ?? null;
  const hi = max ?? null;
  if (protocol !== null && ICMP_PROTOCOLS.has(protocol)) {
    if (lo === null && hi !== null) return `ICMP code ${hi} needs an ICMP type (portRangeMin)`;
    for (const [v, what] of [
      [lo, "type"],
      [hi, "code"],
    ] as const) {
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > 255)) return `ICMP ${what} ${v} must be 0-255`;
    }
    return { min: lo, max: hi };
  }
  const allPorts = (lo === null && hi === null) || (lo === 0 && (hi === 0 || hi === null)) || (lo === 1 && hi === 65535);
  if (allPorts) return { min: null, max: null };
  if (protocol === null) return `ports ${lo ?? ""}-${hi ?? ""} need a protocol such as tcp or udp (ports mean nothing for "any")`;
  if (!PORT_PROTOCOLS.has(protocol)) return `protocol ${protocol} has no ports; remove the port range`;
  const from = lo ?? hi!;
  const to = hi ?? lo!;
  for (const v of [from, to]) {
    if (!Number.isInteger(v) || v < 1 || v > 65535) return `port ${v} must be an integer 1-65535`;
  }
  if (from > to) return `port range ${from}-${to} is reversed: the first port must not exceed the last`;
  return { min: from, max: to };
}
