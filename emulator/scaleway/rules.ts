import { randomUUID } from "node:crypto";
import { networkAddress, parseIpText } from "../../provider/core/cidr";
import { errors } from "./errors";
import { Caller, ScwGroup, ScwRule, ScwState, touch, visibleGroup } from "./model";

const PROTOCOLS = ["TCP", "UDP", "ICMP", "ANY"] as const;
const DIRECTIONS = ["inbound", "outbound"] as const;
const ACTIONS = ["accept", "drop"] as const;

/** The six outbound SMTP-drop rules every group with `enable_default_security` lists, with the same ids everywhere. */
export const SMTP_RULES: Omit<ScwRule, "zone">[] = (["0.0.0.0/0", "::/0"] as const).flatMap((ip, family) =>
  [25, 465, 587].map((port, i) => {
    const n = family * 3 + i + 1;
    return {
      id: `11111111-2222-4333-8444-00000000000${n}`,
      protocol: "TCP" as const,
      direction: "outbound" as const,
      ip_range: ip,
      dest_port_from: port,
      dest_port_to: null,
      position: n,
      editable: false,
      action: "drop" as const,
    };
  }),
);

/** Every rule of a group as the API lists it: the non-editable SMTP rules first, then the editable ones by position. */
export function allRules(state: ScwState, g: ScwGroup): ScwRule[] {
  const system = g.enable_default_security ? SMTP_RULES.map((r) => ({ ...r, zone: g.zone })) : [];
  return [...system, ...(state.rules[g.id] ?? [])];
}

export function findRule(state: ScwState, g: ScwGroup, ruleId: string): ScwRule {
  const r = allRules(state, g).find((x) => x.id === ruleId);
  if (!r) throw errors.ruleNotFound(ruleId);
  return r;
}

function editableRule(state: ScwState, g: ScwGroup, ruleId: string): ScwRule {
  const r = findRule(state, g, ruleId);
  if (!r.editable) throw errors.ruleNotEditable(ruleId);
  return r;
}

type Fields = Record<string, string[]>;
const add = (fields: Fields, key: string, reason: string) => (fields[key] ??= []).push(reason);

/** `a.b.c.d/32` and `x::/128` are answered as bare addresses; other networks keep their length. */
export function wireIpRange(text: string, fields: Fields): string {
  try {
    const [addr, bits] = parseIpText(text);
    const max = addr.kind() === "ipv4" ? 32 : 128;
    if (networkAddress(addr, bits).toString() !== addr.toString()) {
      add(fields, "ip_range", `${text} has host bits set`);
      return text;
    }
    return bits === max ? addr.toString() : `${addr.toString()}/${bits}`;
  } catch {
    add(fields, "ip_range", `'${text}' does not appear to be an IPv4 or IPv6 network`);
    return text;
  }
}

function port(value: unknown, key: string, fields: Fields): number | null {
  if (value === undefined || value === null || value === 0) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 65535) {
    add(fields, key, "Must be between 0 and 65535.");
    return null;
  }
  return value;
}

/**
 * Validates one rule body over `base` (the rule being changed, if any) and returns its stored form.
 * Ports are cleared for ICMP/ANY, `dest_port_to` is null when equal to `dest_port_from`, a port 0 clears it.
 */
export function normaliseRule(
  input: Record<string, unknown>,
  base: Partial<ScwRule>,
  zone: string,
): Omit<ScwRule, "id" | "position" | "editable"> {
  const fields: Fields = {};
  const merged = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Record<string, unknown>;
  const choice = <T extends string>(key: string, allowed: readonly T[]): T => {
    const v = merged[key];
    if (v === undefined || v === null) add(fields, key, "Missing data for required field.");
    else if (!allowed.includes(v as T)) add(fields, key, `Must be one of: ${allowed.join(", ")}.`);
    return v as T;
  };
  const protocol = choice("protocol", PROTOCOLS);
  const direction = choice("direction", DIRECTIONS);
  const action = choice("action", ACTIONS);
  let ip_range = "";
  if (typeof merged.ip_range !== "string") add(fields, "ip_range", "Missing data for required field.");
  else ip_range = wireIpRange(merged.ip_range, fields);
  let from = port(merged.dest_port_from, "dest_port_from", fields);
  let to = port(merged.dest_port_to, "dest_port_to", fields);
  if (protocol === "ICMP" || protocol === "ANY") {
    from = null;
    to = null;
  } else if (from === null && to !== null) {
    add(fields, "dest_port_from", "Required when dest_port_to is set.");
  } else if (from !== null && to !== null && from > to) {
    add(fields, "dest_port_to", "Must be greater than or equal to dest_port_from.");
  }
  if (to === from) to = null;
  if (Object.keys(fields).length) throw errors.validation(fields);
  return { protocol, direction, ip_range, dest_port_from: from, dest_port_to: to, action, zone };
}

function position(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw errors.validation({ position: ["Must be greater than or equal to 0."] });
  return value;
}

/** Puts `rule` at a 1-based position (0 or past the end = last) and renumbers the list 1..n. */
function place(list: ScwRule[], rule: ScwRule, at: number): void {
  const i = list.indexOf(rule);
  if (i >= 0) list.splice(i, 1);
  list.splice(at >= 1 && at <= list.length ? at - 1 : list.length, 0, rule);
  list.forEach((r, n) => (r.position = n + 1));
}

export function createRule(state: ScwState, caller: Caller, groupId: string, input: Record<string, unknown>, now: number): ScwRule {
  const g = visibleGroup(state, caller, groupId);
  const list = state.rules[g.id];
  const values = normaliseRule(input, {}, g.zone);
  const at = position(input.position);
  if (list.length >= state.quota.rulesPerGroup) throw errors.quota("security_group_rules");
  const rule: ScwRule = { id: randomUUID(), ...values, position: 0, editable: true };
  place(list, rule, at);
  touch(state, g, now);
  return rule;
}

/** PATCH (partial) or PUT (full) of one editable rule; a new position moves the rule and renumbers the others. */
export function updateRule(
  state: ScwState,
  caller: Caller,
  groupId: string,
  ruleId: string,
  input: Record<string, unknown>,
  full: boolean,
  now: number,
): ScwRule {
  const g = visibleGroup(state, caller, groupId);
  const rule = editableRule(state, g, ruleId);
  const base = full ? {} : rule;
  Object.assign(rule, normaliseRule(input, base, g.zone));
  const at = position(input.position);
  if (at > 0 && at !== rule.position) place(state.rules[g.id], rule, at);
  touch(state, g, now);
  return rule;
}

export function deleteRule(state: ScwState, caller: Caller, groupId: string, ruleId: string, now: number): void {
  const g = visibleGroup(state, caller, groupId);
  const rule = editableRule(state, g, ruleId);
  const list = state.rules[g.id];
  list.splice(list.indexOf(rule), 1);
  list.forEach((r, n) => (r.position = n + 1));
  touch(state, g, now);
}

/**
 * PUT `/rules` checks ports with the newer validator: 0 is refused, not read as "no port" as PATCH reads it. Real answer
 * (issue 15): `{"type":"invalid_request_error","message":"Validation Error","fields":{"rules.2.dest_port_to":["value must be at least 1"]}}`.
 */
function setRulesPortFields(items: Record<string, unknown>[]): Fields {
  const fields: Fields = {};
  items.forEach((item, i) => {
    for (const key of ["dest_port_from", "dest_port_to"]) {
      const v = item[key];
      if (typeof v !== "number") continue;
      if (v < 1) add(fields, `rules.${i}.${key}`, "value must be at least 1");
      else if (v > 65535) add(fields, `rules.${i}.${key}`, "value must be at most 65535");
    }
  });
  return fields;
}

/**
 * PUT `/rules`: the body is the whole set of editable rules. Items with an id update that rule (keeping
 * its identity), items without one are created, editable rules not sent are deleted, items marked
 * `editable: false` and the system rules are left alone. All items are validated before anything changes.
 * Order follows `position` (0 = after the positioned ones, in request order); positions come back 1..n.
 */
export function setRules(state: ScwState, caller: Caller, groupId: string, items: Record<string, unknown>[], now: number): ScwRule[] {
  const g = visibleGroup(state, caller, groupId);
  const current = new Map(state.rules[g.id].map((r) => [r.id, r]));
  const systemIds = new Set(SMTP_RULES.map((r) => r.id));
  const seen = new Set<string>();
  const next: { rule: ScwRule; at: number; order: number }[] = [];
  const portFields = setRulesPortFields(items);
  if (Object.keys(portFields).length) throw errors.validation(portFields);
  items.forEach((item, order) => {
    if (item.editable === false) return;
    const id = typeof item.id === "string" ? item.id : undefined;
    if (id !== undefined && systemIds.has(id)) return;
    if (id !== undefined && !current.has(id)) throw errors.ruleNotFound(id);
    if (id !== undefined && seen.has(id)) throw errors.badRequest(`Rule ${id} is given more than once.`);
    if (id !== undefined) seen.add(id);
    const values = normaliseRule(item, {}, g.zone);
    next.push({
      rule: { ...(id ? current.get(id)! : { id: randomUUID() }), ...values, position: 0, editable: true } as ScwRule,
      at: position(item.position),
      order,
    });
  });
  if (next.length > state.quota.rulesPerGroup) throw errors.quota("security_group_rules");
  next.sort((a, b) => (a.at || Infinity) - (b.at || Infinity) || a.order - b.order);
  state.rules[g.id] = next.map(({ rule }, n) => ({ ...rule, position: n + 1 }));
  touch(state, g, now);
  return allRules(state, g);
}
