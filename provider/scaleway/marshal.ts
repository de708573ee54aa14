import { TOKEN_TAG } from "../core/creation-token";
import { canonicalCidr } from "../core/cidr";
import { stableKey } from "../core/rule-set";
import type { InlineRule, SecurityGroupInputs } from "./inputs";
import type { GroupBody } from "./api-client";
import type { WireGroup, WireRule } from "./wire-schemas";

/** A live editable rule: the canonical rule plus its id and 1-based position. */
export type LiveRule = InlineRule & { id: string; position: number };

/** Canonical model of a rule Scaleway returned: bare IPs get their length back, `dest_port_to: null` means "same as from". */
export function ruleFromWire(w: WireRule): LiveRule {
  const from = w.dest_port_from ?? null;
  return {
    id: w.id,
    position: w.position,
    protocol: w.protocol.toUpperCase() as InlineRule["protocol"],
    direction: w.direction as InlineRule["direction"],
    action: w.action as InlineRule["action"],
    ipRange: canonicalCidr(w.ip_range).cidr,
    destPortFrom: from,
    destPortTo: from === null ? null : (w.dest_port_to ?? from),
  };
}

/** The editable rules of a wire list, in position order; the non-editable system rules are never managed. */
export function editableRules(wire: WireRule[]): LiveRule[] {
  return wire
    .filter((w) => w.editable)
    .map(ruleFromWire)
    .sort((a, b) => a.position - b.position);
}

/** A rule body for POST, PATCH or one item of PUT `/rules`; 0 clears a port on PATCH, null elsewhere. */
export function ruleToWire(
  r: InlineRule,
  extra: { id?: string; position?: number; clearWithZero?: boolean } = {},
): Record<string, unknown> {
  const none = extra.clearWithZero ? 0 : null;
  return {
    ...(extra.id ? { id: extra.id } : {}),
    protocol: r.protocol,
    direction: r.direction,
    action: r.action,
    ip_range: r.ipRange,
    dest_port_from: r.destPortFrom ?? none,
    dest_port_to: r.destPortTo ?? none,
    ...(extra.position !== undefined ? { position: extra.position } : {}),
  };
}

/** Identity of a rule's content: everything but id and position. */
export function ruleKey(r: InlineRule): string {
  const { protocol, direction, action, ipRange, destPortFrom, destPortTo } = r;
  return stableKey({ protocol, direction, action, ipRange, destPortFrom, destPortTo });
}

/** A live rule without its id and position: what an inline rule looks like after a refresh. */
export function withoutIdentity(r: LiveRule): InlineRule {
  const { id: _id, position: _p, ...rest } = r;
  return rest;
}

/** The tag that carries a group's creation token (see core/creation-token.ts); hidden from outputs. */
export function tokenTag(token: string): string {
  return `${TOKEN_TAG}=${token}`;
}

/** The tags to send: the declared ones, plus the creation token's when there is one. */
export function tagsWithToken(tags: string[] | undefined, token: string | undefined): string[] | undefined {
  return token === undefined ? tags : [...(tags ?? []), tokenTag(token)];
}

/** The group fields a create or PATCH sends. */
export function groupBody(inputs: SecurityGroupInputs, token?: string): GroupBody {
  return {
    name: inputs.name,
    description: inputs.description,
    stateful: inputs.stateful,
    inbound_default_policy: inputs.inboundDefaultPolicy,
    outbound_default_policy: inputs.outboundDefaultPolicy,
    project_default: inputs.projectDefault,
    enable_default_security: inputs.enableDefaultSecurity,
    tags: tagsWithToken(inputs.tags, token),
  };
}

/** The group's own fields in input form, from the wire. */
export function groupFields(w: WireGroup) {
  return {
    zone: w.zone as SecurityGroupInputs["zone"],
    projectId: w.project,
    name: w.name,
    description: w.description ?? "",
    stateful: w.stateful,
    inboundDefaultPolicy: w.inbound_default_policy as SecurityGroupInputs["inboundDefaultPolicy"],
    outboundDefaultPolicy: w.outbound_default_policy as SecurityGroupInputs["outboundDefaultPolicy"],
    projectDefault: w.project_default,
    enableDefaultSecurity: w.enable_default_security,
    tags: w.tags.filter((t) => !t.startsWith(`${TOKEN_TAG}=`)),
  };
}

/** Outputs of a group: its fields, the servers using it, and its live editable rules with ids and positions. */
export function groupOutputs(w: WireGroup, live: LiveRule[]) {
  return {
    ...groupFields(w),
    organizationId: w.organization ?? "",
    servers: w.servers.map((s) => ({ id: s.id, name: s.name ?? "" })),
    securityGroupRules: live.map((r) => ({ ...r })),
  };
}
