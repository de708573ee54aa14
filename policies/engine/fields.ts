// Readers for raw resource props. Reading goes through the SDK's unknown-checking proxy at preview,
// so an unknown value throws and the SDK reports that the policy could not judge yet.
import { AddrSet, Family, parseCidr, world } from "./cidr-set";
import { ALL_PORTS, PortSet } from "./port-set";
import { Rule } from "./model";
import { INLINE_RULES_OUTPUT } from "../stored-outputs";

export type Props = Record<string, unknown>;

export function str(p: Props, key: string): string | undefined {
  const v = p[key];
  return v === undefined || v === null || v === "" ? undefined : String(v);
}

export function int(p: Props, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function bool(p: Props, key: string): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  return v === true || v === "true";
}

export function list(p: Props, key: string): Props[] | undefined {
  const v = p[key];
  return Array.isArray(v) ? (v as Props[]) : undefined;
}

/**
 * A group's inline rules: `rules` in inputs (and in outputs written by 0.1.0), else, in outputs that store each
 * rule once, the live list `liveKey` of a group marked as owning its rules inline.
 */
export function inlineRules(p: Props, liveKey: string): Props[] | undefined {
  return list(p, "rules") ?? (p[INLINE_RULES_OUTPUT] === true ? list(p, liveKey) : undefined);
}

export const familyOfEthertype = (v: string | undefined): Family => (v !== undefined && v.toLowerCase() === "ipv6" ? "v6" : "v4");

type Peer = Pick<Rule, "peers" | "peerText" | "peerOmitted">;

/**
 * The peer of a rule from an optional CIDR. Omitted means the whole world of `family` (both
 * families when "both"); an unparseable CIDR is treated as the world (fail safe).
 */
export function peerOf(cidr: string | undefined, family: Family | "both"): Peer {
  if (cidr === undefined) {
    const peers: Partial<Record<Family, AddrSet>> = family === "both" ? { v4: world("v4"), v6: world("v6") } : { [family]: world(family) };
    return { peers, peerText: "(omitted)", peerOmitted: true };
  }
  const parsed = parseCidr(cidr);
  if (!parsed) {
    return {
      peers: family === "both" ? { v4: world("v4"), v6: world("v6") } : { [family]: world(family) },
      peerText: cidr,
      peerOmitted: false,
    };
  }
  return { peers: { [parsed.family]: parsed.set }, peerText: parsed.canonical, peerOmitted: false };
}

export const remotePeer = (kind: "group" | "address-group", id: string): Peer & { remote: "group" | "address-group" } => ({
  peers: {},
  peerText: `${kind} ${id}`,
  peerOmitted: false,
  remote: kind,
});

/**
 * Neutron-style min/max: both omitted (or 0/0, -1, the openstack provider's "unset") = all ports;
 * only one given = that single port.
 */
export function portRange(min: number | undefined, max: number | undefined): PortSet {
  const lo = min === undefined || min < 0 ? undefined : min;
  const hi = max === undefined || max < 0 ? undefined : max;
  if (lo === undefined && hi === undefined) return ALL_PORTS;
  if (lo === 0 && (hi === 0 || hi === undefined)) return ALL_PORTS;
  const a = lo ?? hi!;
  const b = hi ?? lo!;
  return a <= b ? [[a, b]] : [[b, a]];
}

/** Neutron/Huawei peer: remoteGroupId, then remoteAddressGroupId, then remoteIpPrefix (omitted = the world of the ethertype). */
export function neutronPeer(p: Props, family: Family): Peer & { remote?: "group" | "address-group" } {
  const remoteGroup = str(p, "remoteGroupId");
  if (remoteGroup !== undefined) return remotePeer("group", remoteGroup);
  const addressGroup = str(p, "remoteAddressGroupId");
  if (addressGroup !== undefined) return remotePeer("address-group", addressGroup);
  return peerOf(str(p, "remoteIpPrefix"), family);
}
