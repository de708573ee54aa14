import { quote } from "../core/cut";
import { canonicalCidr, Ethertype, WORLD_CIDR } from "../core/cidr";
import { canonicalProtocol, protocolNumber } from "../core/protocol";
import { stableKey } from "../core/rule-set";
import type { InlineRule } from "./inputs";
import type { WireGroup, WireRule } from "./wire-schemas";

/** The priority of a rule that names none (1 is the highest): VPC v3's own default. */
export const DEFAULT_PRIORITY = 1;

/** A live rule: the canonical rule plus its id. */
export type LiveRule = InlineRule & { id: string };

/** A canonical protocol in VPC v3's spelling: tcp, udp, icmp, icmpv6, or the IP protocol number; null = any. */
export function huaweiProtocol(p: string | number | null): string | null {
  const c = canonicalProtocol(p);
  if (c === null) return null;
  if (c === "ipv6-icmp") return "icmpv6";
  return ["tcp", "udp", "icmp"].includes(c) ? c : String(protocolNumber(c));
}

/** `multiport` in canonical form: ports and ranges sorted and merged, `x-x` -> `x`; null = every port; or the rule broken. */
export function canonicalMultiport(text: string): string | null | { error: string } {
  const ranges: [number, number][] = [];
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) return { error: `${quote(text)} is not a port (80), a range (1-30) or a comma list (22,3389,80-90)` };
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi > 65535) return { error: `port ${lo < 1 ? lo : hi} in ${quote(text)} is outside 1-65535` };
    if (lo > hi) return { error: `range ${lo}-${hi} in ${quote(text)} is reversed` };
    ranges.push([lo, hi]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  if (merged.length === 1 && merged[0][0] === 1 && merged[0][1] === 65535) return null;
  return merged.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(",");
}

/** Canonical model of a rule VPC v3 returned. */
export function ruleFromWire(w: WireRule): LiveRule {
  const ethertype: Ethertype = w.ethertype.toLowerCase() === "ipv6" ? "IPv6" : "IPv4";
  const multiport =
    w.multiport === null || w.multiport === undefined || w.multiport === "" ? null : canonicalMultiport(String(w.multiport));
  const remoteGroupId = w.remote_group_id ?? null;
  const remoteAddressGroupId = w.remote_address_group_id ?? null;
  return {
    id: w.id,
    direction: w.direction,
    ethertype,
    protocol: huaweiProtocol(w.protocol ?? null),
    multiport: typeof multiport === "object" && multiport !== null ? String(w.multiport) : multiport,
    action: w.action === "deny" ? "deny" : "allow",
    priority: Number(w.priority ?? DEFAULT_PRIORITY),
    remoteIpPrefix:
      remoteGroupId || remoteAddressGroupId ? null : w.remote_ip_prefix ? canonicalCidr(w.remote_ip_prefix).cidr : WORLD_CIDR[ethertype],
    remoteGroupId,
    remoteAddressGroupId,
    description: w.description ?? "",
  };
}

/** The batch-create item (or, with `securityGroupId`, the create body) for a canonical rule. */
export function ruleToWire(r: InlineRule, securityGroupId?: string): Record<string, unknown> {
  return {
    ...(securityGroupId ? { security_group_id: securityGroupId } : {}),
    direction: r.direction,
    ethertype: r.ethertype,
    ...(r.protocol ? { protocol: r.protocol } : {}),
    ...(r.multiport ? { multiport: r.multiport } : {}),
    action: r.action,
    priority: r.priority,
    ...(r.remoteGroupId
      ? { remote_group_id: r.remoteGroupId }
      : r.remoteAddressGroupId
        ? { remote_address_group_id: r.remoteAddressGroupId }
        : { remote_ip_prefix: r.remoteIpPrefix }),
    ...(r.description ? { description: r.description } : {}),
  };
}

/** Identity of a rule in a set: everything but the id. */
export const ruleKey = ({ id: _id, ...rest }: InlineRule & { id?: string }): string => stableKey(rest);

/** VPC v3's duplicate tuple: two rules equal in everything but the description cannot coexist. */
export const collisionKey = ({ id: _id, description: _d, ...rest }: InlineRule & { id?: string }): string => stableKey(rest);

/** The live rules without ids, in a stable order: what `rules` looks like after a refresh. */
export function rulesWithoutIds(live: LiveRule[]): InlineRule[] {
  return live.map(({ id: _id, ...r }) => r).sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)));
}

/** Group outputs from a wire group and its live rules. */
export function groupOutputs(w: WireGroup, live: LiveRule[]) {
  return {
    name: w.name,
    description: w.description ?? "",
    enterpriseProjectId: w.enterprise_project_id ?? "0",
    projectId: w.project_id ?? "",
    createdAt: w.created_at,
    updatedAt: w.updated_at,
    securityGroupRules: live.map((r) => ({ ...r })),
  };
}

/** The four rules VPC v3 adds to a new group: ingress from the group itself and egress anywhere, per family. */
export function isDefaultRule(r: InlineRule, groupId: string): boolean {
  const plain = r.protocol === null && r.multiport === null && r.action === "allow" && r.priority === 100;
  return plain && (r.direction === "ingress" ? r.remoteGroupId === groupId : r.remoteIpPrefix === WORLD_CIDR[r.ethertype]);
}
