import { quote } from "./cut";

/** IANA protocol numbers for the names the clouds accept (Neutron's IP_PROTOCOL_MAP and friends). */
const NUMBERS = {
  hopopt: 0,
  icmp: 1,
  igmp: 2,
  ipip: 4,
  tcp: 6,
  egp: 8,
  udp: 17,
  "ipv6-encap": 41,
  "ipv6-route": 43,
  "ipv6-frag": 44,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  "ipv6-icmp": 58,
  "ipv6-nonxt": 59,
  "ipv6-opts": 60,
  ospf: 89,
  vrrp: 112,
  pgm: 113,
  sctp: 132,
  udplite: 136,
  dccp: 33,
} as const;
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = NUMBERS;

/** A protocol name this package knows (lower case, canonical). */
export type ProtocolName = keyof typeof NUMBERS;
/** The spellings of "every protocol" `check` accepts. */
export type AnyProtocol = "any" | "all" | "ANY" | "ALL" | "-1" | "0" | "ip" | "";
/**
 * A protocol as a program may write it: a known name in lower or upper case, an alias of ICMPv6, an
 * IP protocol number (number or numeric string), or a spelling of "any". A misspelt name such as
 * `"tcpx"` does not type-check.
 */
export type ProtocolInput = ProtocolName | Uppercase<ProtocolName> | "icmpv6" | "icmp6" | "ICMPV6" | AnyProtocol | number | `${number}`;
const NAME_BY_NUMBER: Record<number, string> = Object.fromEntries(
  Object.entries(PROTOCOL_NUMBERS)
    .filter(([n]) => n !== "hopopt")
    .map(([n, v]) => [v, n]),
);
const ALIASES: Record<string, string> = { icmpv6: "ipv6-icmp", icmp6: "ipv6-icmp" };
const ANY_SPELLINGS = new Set(["", "any", "all", "-1", "0", "ip", "null"]);

/** Protocols whose rules carry a port range. */
export const PORT_PROTOCOLS = new Set(["tcp", "udp", "sctp", "dccp", "udplite"]);
/** Protocols whose "ports" are ICMP type and code. */
export const ICMP_PROTOCOLS = new Set(["icmp", "ipv6-icmp"]);

export class ProtocolError extends Error {}

/**
 * Canonical protocol: a lower-case name where one is known, else the decimal number as a string; null = any.
 * Accepts names in any case, numbers and numeric strings, and the spellings of "any" (any/all/-1/0/null/empty).
 */
export function canonicalProtocol(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim().toLowerCase();
  if (ANY_SPELLINGS.has(text)) return null;
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n > 255) throw new ProtocolError(`protocol number ${text} is outside 0-255`);
    return NAME_BY_NUMBER[n] ?? String(n);
  }
  const name = ALIASES[text] ?? text;
  if (name in PROTOCOL_NUMBERS) return name;
  throw new ProtocolError(`unknown protocol ${quote(String(value))}; use a name such as tcp, udp, icmp, a number 0-255, or "any"`);
}

/** The IANA number of a canonical protocol, or null for any. */
export function protocolNumber(protocol: string | null): number | null {
  if (protocol === null) return null;
  return PROTOCOL_NUMBERS[protocol] ?? Number(protocol);
}
