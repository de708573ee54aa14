import { canonicalPortRange } from "../core/port-range";
import { stableKey } from "../core/rule-set";
import { GENESIS_PROTOCOLS, GenesisProtocol, InlineRule } from "./inputs";
import type { WireGroup, WireRule, WireRuleBody } from "./wire-schemas";

/** The rule a group managed by SecurityGroupRule resources is created with, and falls back to when none is left. */
export const BASELINE_RULE: InlineRule = { protocol: "all", direction: "egress", portRangeMin: null, portRangeMax: null };

/** Canonical model of a rule the API returned (1-65535 and null/null both mean all ports). */
export function ruleFromWire(w: WireRule): InlineRule {
  const p = w.protocol.toLowerCase();
  const protocol: GenesisProtocol = (GENESIS_PROTOCOLS as readonly string[]).includes(p) ? (p as GenesisProtocol) : "all";
  const tcpUdp = protocol === "tcp" || protocol === "udp";
  const range = tcpUdp ? canonicalPortRange(protocol, w.port_range_min ?? null, w.port_range_max ?? null) : { min: null, max: null };
  const ports = typeof range === "string" ? { min: w.port_range_min ?? null, max: w.port_range_max ?? null } : range;
  return { protocol, direction: w.direction === "egress" ? "egress" : "ingress", portRangeMin: ports.min, portRangeMax: ports.max };
}

/** The wire body of a rule; tcp/udp "all ports" is sent as 1-65535, which every API version accepts. */
export function ruleToWire(r: InlineRule): WireRuleBody {
  const tcpUdp = r.protocol === "tcp" || r.protocol === "udp";
  return {
    protocol: r.protocol,
    direction: r.direction,
    port_range_min: tcpUdp ? (r.portRangeMin ?? 1) : null,
    port_range_max: tcpUdp ? (r.portRangeMax ?? 65535) : null,
  };
}

/** Identity of a rule in a group's list: Genesis rules have no id, only this tuple. */
export function ruleKey(r: InlineRule): string {
  return stableKey({ protocol: r.protocol, direction: r.direction, portRangeMin: r.portRangeMin, portRangeMax: r.portRangeMax });
}

/** Whether two rule lists hold the same rules, whatever their order. */
export function sameRules(a: readonly InlineRule[], b: readonly InlineRule[]): boolean {
  const keys = (l: readonly InlineRule[]) => l.map(ruleKey).sort().join("\n");
  return keys(a) === keys(b);
}

/**
 * The Pulumi id of a rule resource, from its group and tuple, e.g. `<group id>:ingress:tcp:22-22` or
 * `<group id>:egress:all:all`; `pulumi import` takes the same form.
 */
export function ruleId(groupId: string, r: InlineRule): string {
  const ports = r.portRangeMin === null ? "all" : `${r.portRangeMin}-${r.portRangeMax}`;
  return `${groupId}:${r.direction}:${r.protocol}:${ports}`;
}

/** The group and rule a rule id names, or undefined when the text is not a rule id. */
export function parseRuleId(id: string): { securityGroupId: string; rule: InlineRule } | undefined {
  const m = /^(.+):(ingress|egress):(tcp|udp|icmp|all):(all|(\d+)-(\d+))$/.exec(id);
  if (!m) return undefined;
  const [, securityGroupId, direction, protocol, , min, max] = m;
  const rule = {
    protocol: protocol as GenesisProtocol,
    direction: direction as InlineRule["direction"],
    portRangeMin: min ? Number(min) : null,
    portRangeMax: max ? Number(max) : null,
  };
  return { securityGroupId, rule };
}

/** The live rules of a wire group in canonical form, in the cloud's order. */
export function liveRules(w: WireGroup): InlineRule[] {
  return (w.rules ?? []).map(ruleFromWire);
}

/** Status as the API shows it; a body without one (the seed's list example) counts as settled. */
export function statusOf(w: WireGroup): string {
  return w.status ?? "created";
}

/** Group outputs computed by the cloud. */
export function groupOutputs(w: WireGroup) {
  return {
    name: w.name,
    description: w.description ?? "",
    region: w.region ?? undefined,
    status: statusOf(w),
    createdAt: w.created_at,
    liveRules: liveRules(w),
  };
}
