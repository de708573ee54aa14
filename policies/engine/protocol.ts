// Protocol spellings of every cloud -> one Protocol value (names, numbers, any/all/-1/0/omitted).
import { Protocol } from "./model";

const BY_NAME: Record<string, Protocol> = {
  "": "all",
  any: "all",
  all: "all",
  "-1": "all",
  "0": "all",
  ip: "all",
  "*": "all",
  tcp: "tcp",
  "6": "tcp",
  udp: "udp",
  "17": "udp",
  icmp: "icmp",
  "1": "icmp",
  icmpv6: "icmpv6",
  "ipv6-icmp": "icmpv6",
  "58": "icmpv6",
  gre: "p47",
  esp: "p50",
  ah: "p51",
  sctp: "p132",
  vrrp: "p112",
  ospf: "p89",
  igmp: "p2",
  ipip: "p4",
  dccp: "p33",
  udplite: "p136",
  pgm: "p113",
  rsvp: "p46",
  egp: "p8",
};

/** Omitted, `any`, `all`, `ANY`, `-1`, `0` mean every protocol; `6`/`17` are tcp/udp. */
export function normaliseProtocol(value: unknown): Protocol {
  if (value === undefined || value === null) return "all";
  const text = String(value).trim().toLowerCase();
  const known = BY_NAME[text];
  if (known) return known;
  if (/^\d+$/.test(text)) return `p${Number(text)}`;
  return `p:${text}`;
}
