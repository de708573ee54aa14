import { canonicalCidr, WORLD_CIDR, Ethertype } from "../core/cidr";
import { canonicalPortRange } from "../core/port-range";
import { canonicalProtocol } from "../core/protocol";
import { stableKey } from "../core/rule-set";
import { neutronProtocol, type InlineRule, type LiveRule } from "./inputs";
import type { WireGroup, WireRule } from "./wire-schemas";

export type { LiveRule } from "./inputs";

/** Canonical model of a rule Neutron returned (protocol "6" -> "tcp", 1-65535 -> all, null remote -> world). */
export function ruleFromWire(w: WireRule): LiveRule {
  const ethertype: Ethertype = w.ethertype.toLowerCase() === "ipv6" ? "IPv6" : "IPv4";
  const protocol = neutronProtocol(canonicalProtocol(w.protocol ?? null), ethertype);
  const range = canonicalPortRange(protocol, w.port_range_min ?? null, w.port_range_max ?? null);
  const ports = typeof range === "string" ? { min: w.port_range_min ?? null, max: w.port_range_max ?? null } : range;
  const remoteGroupId = w.remote_group_id ?? null;
  return {
    id: w.id,
    direction: w.direction,
    ethertype,
    protocol,
    portRangeMin: ports.min,
    portRangeMax: ports.max,
    remoteIpPrefix: remoteGroupId ? null : w.remote_ip_prefix ? canonicalCidr(w.remote_ip_prefix).cidr : WORLD_CIDR[ethertype],
    remoteGroupId,
    description: w.description ?? "",
  };
}

/** The request body for a canonical rule. */
export function ruleToWire(securityGroupId: string, r: InlineRule): Record<string, unknown> {
  return {
    security_group_id: securityGroupId,
    direction: r.direction,
    ethertype: r.ethertype,
    protocol: r.protocol,
    port_range_min: r.portRangeMin,
    port_range_max: r.portRangeMax,
    ...(r.remoteGroupId ? { remote_group_id: r.remoteGroupId } : { remote_ip_prefix: r.remoteIpPrefix }),
    ...(r.description ? { description: r.description } : {}),
  };
}

/** Identity of a rule in a set: everything but the id. */
export function ruleKey(r: InlineRule): string {
  const { id: _id, ...rest } = r as LiveRule;
  return stableKey(rest);
}

/** Neutron's duplicate tuple: two rules with the same tuple cannot coexist, whatever their descriptions. */
export function collisionKey(r: InlineRule): string {
  const { description: _d, id: _id, ...rest } = r as LiveRule;
  return stableKey(rest);
}

/** Group outputs from a wire group and its live rules. */
export function groupOutputs(w: Pick<WireGroup, "name" | "description" | "tenant_id">, live: LiveRule[]) {
  return {
    name: w.name,
    description: w.description ?? "",
    tenantId: w.tenant_id ?? "",
    securityGroupRules: live.map((r) => ({ ...r })),
  };
}

/** A live rule without its id. */
export function withoutId(r: LiveRule): InlineRule {
  const { id: _id, ...rest } = r;
  return rest;
}

/** The live rules without ids, in a stable order: what `rules` looks like after a refresh. */
export function rulesWithoutIds(live: LiveRule[]): InlineRule[] {
  return live.map(({ id: _id, ...r }) => r).sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)));
}
