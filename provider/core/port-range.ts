import { ICMP_PROTOCOLS, PORT_PROTOCOLS } from "./protocol";

/** A rule's port range in canonical form: null/null means every port (or every ICMP type). */
export interface PortRange {
  min: number | null;
  max: number | null;
}

/** Why a port range is invalid, and which of its two fields is wrong. */
export interface PortRangeProblem {
  message: string;
  field: "min" | "max";
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
  const result = checkPortRange(protocol, min, max);
  return "message" in result ? result.message : result;
}

/** As canonicalPortRange, but a problem also says which field (min or max) is wrong. */
export function checkPortRange(
  protocol: string | null,
  min: number | null | undefined,
  max: number | null | undefined,
): PortRange | PortRangeProblem {
  const lo = min ?? null;
  const hi = max ?? null;
  const set: "min" | "max" = lo !== null ? "min" : "max";
  if (protocol !== null && ICMP_PROTOCOLS.has(protocol)) {
    if (lo === null && hi !== null) return { message: `ICMP code ${hi} needs an ICMP type (portRangeMin)`, field: "min" };
    for (const [v, what, field] of [
      [lo, "type", "min"],
      [hi, "code", "max"],
    ] as const) {
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > 255)) return { message: `ICMP ${what} ${v} must be 0-255`, field };
    }
    return { min: lo, max: hi };
  }
  const allPorts = (lo === null && hi === null) || (lo === 0 && (hi === 0 || hi === null)) || (lo === 1 && hi === 65535);
  if (allPorts) return { min: null, max: null };
  if (protocol === null)
    return { message: `ports ${lo ?? ""}-${hi ?? ""} need a protocol such as tcp or udp (ports mean nothing for "any")`, field: set };
  if (!PORT_PROTOCOLS.has(protocol)) return { message: `protocol ${protocol} has no ports; remove the port range`, field: set };
  const from = lo ?? hi!;
  const to = hi ?? lo!;
  for (const [v, field] of [
    [lo, "min"],
    [hi, "max"],
  ] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 1 || v > 65535)) return { message: `port ${v} must be an integer 1-65535`, field };
  }
  if (from > to) return { message: `port range ${from}-${to} is reversed: the first port must not exceed the last`, field: "max" };
  return { min: from, max: to };
}
