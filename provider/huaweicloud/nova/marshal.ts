import { canonicalCidr } from "../../core/cidr";
import { stableKey } from "../../core/rule-set";
import type { InlineRule } from "./inputs";
import type { WireGroup, WireRule } from "./wire-schemas";

export type LiveRule = InlineRule & { id: string };

/** Canonical model of a Nova rule: a group rule names the source group's id (looked up by name and tenant). */
export function ruleFromWire(w: WireRule, groups: readonly WireGroup[]): LiveRule {
  const source =
    w.group?.name !== undefined
      ? groups.find((g) => g.name === w.group!.name && (!w.group!.tenant_id || g.tenant_id === w.group!.tenant_id))
      : undefined;
  const protocol = w.ip_protocol ? w.ip_protocol.toLowerCase() : null;
  return {
    id: w.id,
    ipProtocol: protocol,
    fromPort: w.from_port ?? null,
    toPort: w.to_port ?? null,
    cidr: w.ip_range?.cidr ? canonicalCidr(w.ip_range.cidr).cidr : null,
    groupId: w.group?.name !== undefined ? (source?.id ?? `name:${w.group.name}`) : null,
  };
}

/** The create body for a canonical rule. */
export function ruleToWire(parentGroupId: string, r: InlineRule): Record<string, unknown> {
  return {
    parent_group_id: parentGroupId,
    ...(r.ipProtocol ? { ip_protocol: r.ipProtocol, from_port: r.fromPort, to_port: r.toPort } : {}),
    ...(r.groupId ? { group_id: r.groupId } : { cidr: r.cidr }),
  };
}

/** Nova's duplicate tuple is the whole rule. */
export const ruleKey = ({ id: _id, ...rest }: InlineRule & { id?: string }): string => stableKey(rest);

export function groupOutputs(w: WireGroup, live: LiveRule[]) {
  return { name: w.name, description: w.description ?? "", tenantId: w.tenant_id ?? "", securityGroupRules: live.map((r) => ({ ...r })) };
}

export function rulesWithoutIds(live: LiveRule[]): InlineRule[] {
  return live.map(({ id: _id, ...r }) => r).sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)));
}
