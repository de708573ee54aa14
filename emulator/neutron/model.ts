import { randomUUID } from "node:crypto";
import { perRule, RuleIndex } from "../rule-index";
import { parseIpText } from "../../provider/core/cidr";
import { errors, neutronError } from "./errors";
import { own } from "../own";

export interface NeutronGroup {
  id: string;
  name: string;
  description: string;
  tenant_id: string;
  stateful: boolean;
  created_at: string;
  updated_at: string;
  revision_number: number;
}

export interface NeutronRule {
  id: string;
  security_group_id: string;
  direction: "ingress" | "egress";
  ethertype: "IPv4" | "IPv6";
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  description: string | null;
  tenant_id: string;
  created_at: string;
  updated_at: string;
  revision_number: number;
}

/** One Keystone user with a role on one project (NHN calls the project a tenant). */
export interface NeutronUser {
  username: string;
  password: string;
  tenantId: string;
  /** Keystone v3 only: the user's id and domain, the project's name and domain. */
  userId?: string;
  domain?: string;
  projectName?: string;
  projectDomain?: string;
}

/** A Keystone v3 application credential: scoped to its user's project. */
export interface ApplicationCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
}

export interface NeutronState {
  /** The region the token catalog names for the network endpoint (`<cloud>.region`). */
  region: string;
  users: NeutronUser[];
  applicationCredentials: ApplicationCredential[];
  tokens: Record<string, { tenantId: string; expires: number }>;
  groups: Record<string, NeutronGroup>;
  rules: Record<string, NeutronRule>;
  /** Ports attached to groups, so that "in use" can be emulated. */
  ports: Record<string, { id: string; tenant_id: string; security_groups: string[] }>;
  defaultGroups: Record<string, string>;
  quota: { security_group: number; security_group_rule: number };
  /** When false, IPv6 rules are refused (NHN's documentation says only IPv4 is supported). */
  allowIpv6: boolean;
  /** Neutron's `pagination_max_limit`: lists answer at most this many items and a `next` link; 0 = no paging unless asked. */
  pageSize: number;
}

/** What a profile decides about the initial state; `<cloud>.*` settings override it. */
export interface NeutronStateDefaults {
  /** The settings prefix, e.g. `nhn` for `nhn.ipv6=accept`. */
  cloud: string;
  region: string;
  users: NeutronUser[];
  applicationCredentials?: ApplicationCredential[];
  allowIpv6: boolean;
}

const PROTOCOLS: Record<string, number> = {
  ah: 51,
  dccp: 33,
  egp: 8,
  esp: 50,
  gre: 47,
  hopopt: 0,
  icmp: 1,
  igmp: 2,
  ip: 0,
  ipip: 4,
  "ipv6-encap": 41,
  "ipv6-frag": 44,
  "ipv6-icmp": 58,
  icmpv6: 58,
  "ipv6-nonxt": 59,
  "ipv6-opts": 60,
  "ipv6-route": 43,
  ospf: 89,
  pgm: 113,
  rsvp: 46,
  sctp: 132,
  tcp: 6,
  udp: 17,
  udplite: 136,
  vrrp: 112,
};
const IPV6_ONLY = new Set([
  "ipv6-encap",
  "ipv6-frag",
  "ipv6-icmp",
  "icmpv6",
  "ipv6-nonxt",
  "ipv6-opts",
  "ipv6-route",
  "41",
  "44",
  "58",
  "59",
  "60",
  "43",
]);
const PORT_PROTOCOLS = new Set(["tcp", "udp", "dccp", "sctp", "udplite", "6", "17", "33", "132", "136"]);
const ICMP = new Set(["icmp", "ipv6-icmp", "icmpv6", "1", "58"]);

const timestamp = (now: number) => new Date(now).toISOString().replace(/\.\d+Z$/, "Z");

/**
 * The initial state of one Neutron cloud. Settings (prefix = the cloud's name): `<cloud>.ipv6=accept|reject`,
 * `<cloud>.quota.groups`, `<cloud>.quota.rules`, `<cloud>.pageSize` (0 = off), `<cloud>.region`.
 */
export function initialNeutronState(defaults: NeutronStateDefaults, settings: Record<string, string> = {}): NeutronState {
  const setting = (key: string) => settings[`${defaults.cloud}.${key}`];
  const ipv6 = setting("ipv6");
  if (ipv6 !== undefined && ipv6 !== "accept" && ipv6 !== "reject")
    throw new Error(`${defaults.cloud}.ipv6 must be accept or reject, not "${ipv6}"`);
  const pageSize = Number(setting("pageSize") ?? 0);
  if (!Number.isInteger(pageSize) || pageSize < 0)
    throw new Error(`${defaults.cloud}.pageSize must be an integer 0 or greater, not "${setting("pageSize")}"`);
  return {
    region: setting("region") ?? defaults.region,
    users: defaults.users,
    applicationCredentials: defaults.applicationCredentials ?? [],
    tokens: {},
    groups: {},
    rules: {},
    ports: {},
    defaultGroups: {},
    quota: { security_group: Number(setting("quota.groups") ?? 100), security_group_rule: Number(setting("quota.rules") ?? 2000) },
    allowIpv6: ipv6 === undefined ? defaults.allowIpv6 : ipv6 === "accept",
    pageSize,
  };
}

const ruleIndex = new RuleIndex<NeutronRule>((r) => r.tenant_id);

export function groupRules(state: NeutronState, groupId: string): NeutronRule[] {
  return ruleIndex.ofGroup(state.rules, groupId);
}

/** Neutron creates the project's `default` group the first time the project touches security groups. */
export function ensureDefaultGroup(state: NeutronState, tenant: string, now: number): void {
  if (own(state.defaultGroups, tenant)) return;
  const g = insertGroup(state, tenant, { name: "default", description: "Default security group" }, now);
  state.defaultGroups[tenant] = g.id;
  for (const ethertype of ["IPv4", "IPv6"] as const) {
    insertRule(state, tenant, { security_group_id: g.id, direction: "ingress", ethertype, remote_group_id: g.id }, now);
    insertRule(state, tenant, { security_group_id: g.id, direction: "egress", ethertype }, now);
  }
}

export function createGroup(
  state: NeutronState,
  tenant: string,
  input: { name?: string; description?: string; stateful?: boolean },
  now: number,
): NeutronGroup {
  ensureDefaultGroup(state, tenant, now);
  if ((input.name ?? "").toLowerCase() === "default") throw errors.defaultExists();
  const owned = Object.values(state.groups).filter((g) => g.tenant_id === tenant).length;
  if (owned >= state.quota.security_group) throw errors.overQuota("security_group");
  if (tenantRuleCount(state, tenant) + 2 > state.quota.security_group_rule) throw errors.overQuota("security_group_rule");
  const g = insertGroup(state, tenant, input, now);
  for (const ethertype of ["IPv4", "IPv6"] as const)
    insertRule(state, tenant, { security_group_id: g.id, direction: "egress", ethertype, description: null }, now);
  return g;
}

function insertGroup(
  state: NeutronState,
  tenant: string,
  input: { name?: string; description?: string; stateful?: boolean },
  now: number,
): NeutronGroup {
  const g: NeutronGroup = {
    id: randomUUID(),
    name: input.name ?? "",
    description: input.description ?? "",
    tenant_id: tenant,
    stateful: input.stateful ?? true,
    created_at: timestamp(now),
    updated_at: timestamp(now),
    revision_number: 1,
  };
  state.groups[g.id] = g;
  return g;
}

function insertRule(
  state: NeutronState,
  tenant: string,
  r: Partial<NeutronRule> & Pick<NeutronRule, "security_group_id" | "direction" | "ethertype">,
  now: number,
): NeutronRule {
  const rule: NeutronRule = {
    protocol: null,
    port_range_min: null,
    port_range_max: null,
    remote_ip_prefix: null,
    remote_group_id: null,
    description: "",
    ...r,
    id: randomUUID(),
    tenant_id: tenant,
    created_at: timestamp(now),
    updated_at: timestamp(now),
    revision_number: 0,
  };
  ruleIndex.store(state.rules, rule);
  return rule;
}

export function visibleGroup(state: NeutronState, tenant: string, id: string): NeutronGroup {
  const g = own(state.groups, id);
  if (!g || g.tenant_id !== tenant) throw errors.groupNotFound(id);
  return g;
}

export function updateGroup(
  state: NeutronState,
  tenant: string,
  id: string,
  input: { name?: string; description?: string; stateful?: boolean },
  now: number,
): NeutronGroup {
  const g = visibleGroup(state, tenant, id);
  const isDefault = own(state.defaultGroups, tenant) === id;
  if (input.name !== undefined && isDefault) throw errors.cannotUpdateDefault();
  if (input.name !== undefined && input.name.toLowerCase() === "default") throw errors.defaultExists();
  if (input.stateful !== undefined && input.stateful !== g.stateful && portsUsing(state, id).length) throw errors.groupInUse(id);
  Object.assign(g, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  g.updated_at = timestamp(now);
  g.revision_number++;
  return g;
}

export function deleteGroup(state: NeutronState, tenant: string, id: string): void {
  visibleGroup(state, tenant, id);
  if (own(state.defaultGroups, tenant) === id) throw errors.cannotRemoveDefault();
  if (portsUsing(state, id).length) throw errors.groupInUse(id);
  for (const r of groupRules(state, id)) ruleIndex.drop(state.rules, r.id);
  delete state.groups[id];
}

export function portsUsing(state: NeutronState, groupId: string) {
  return Object.values(state.ports).filter((p) => p.security_groups.includes(groupId));
}

function tenantRuleCount(state: NeutronState, tenant: string): number {
  return ruleIndex.ownedBy(state.rules, tenant);
}

/** Validates and normalises one requested rule exactly as Neutron does (protocol, ports, CIDR, remotes). */
export function normaliseRule(
  state: NeutronState,
  tenant: string,
  input: Record<string, unknown>,
): Omit<NeutronRule, "id" | "tenant_id" | "created_at" | "updated_at" | "revision_number"> {
  for (const key of ["id", "tenant_id", "created_at"])
    if (key in input && key !== "tenant_id") throw errors.badRequest(`Attribute '${key}' not allowed in POST`);
  if (input.direction === undefined) throw errors.badRequest("Failed to parse request. Required attribute 'direction' not specified");
  if (input.security_group_id === undefined)
    throw errors.badRequest("Failed to parse request. Required attribute 'security_group_id' not specified");
  if (input.direction !== "ingress" && input.direction !== "egress")
    throw errors.invalidInput("direction", `'${input.direction}' is not in ['ingress', 'egress']`);
  const etRaw = input.ethertype ?? "IPv4";
  const ethertype = String(etRaw).toLowerCase() === "ipv4" ? "IPv4" : String(etRaw).toLowerCase() === "ipv6" ? "IPv6" : undefined;
  if (!ethertype) throw errors.invalidEthertype(etRaw);
  if (ethertype === "IPv6" && !state.allowIpv6) throw errors.invalidEthertype(etRaw, ["IPv4"]);
  const groupId = String(input.security_group_id);
  visibleGroup(state, tenant, groupId);

  let protocol = normaliseProtocol(input.protocol);
  if (protocol !== null && IPV6_ONLY.has(protocol) && ethertype === "IPv4") {
    throw neutronError(400, "SecurityGroupEthertypeConflictWithProtocol", `Invalid ethertype IPv4 for protocol ${protocol}.`);
  }
  if (ethertype === "IPv6" && (protocol === "icmp" || protocol === "icmpv6")) protocol = "ipv6-icmp";
  if (ethertype === "IPv6" && protocol === "1") protocol = "58";

  const min = portValue(input.port_range_min);
  const max = portValue(input.port_range_max);
  if ((min !== null || max !== null) && protocol === null)
    throw neutronError(400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.");
  if (protocol !== null && PORT_PROTOCOLS.has(protocol)) {
    if (min === 0 || max === 0) throw neutronError(400, "SecurityGroupInvalidPortValue", "Invalid value for port 0");
    if ((min === null) !== (max === null) || (min !== null && max !== null && min > max)) {
      throw neutronError(400, "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max");
    }
  } else if (protocol !== null && ICMP.has(protocol)) {
    for (const [v, what] of [
      [min, "type (port_range_min)"],
      [max, "code (port_range_max)"],
    ] as const) {
      if (v !== null && v > 255)
        throw neutronError(400, "SecurityGroupInvalidIcmpValue", `Invalid value for ICMP ${what} ${v}. It must be 0 to 255.`);
    }
    if (min === null && max !== null)
      throw neutronError(
        400,
        "SecurityGroupMissingIcmpType",
        `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`,
      );
  } else if (min !== null || max !== null) {
    const number = /^\d+$/.test(protocol!) ? protocol : PROTOCOLS[protocol!];
    throw neutronError(
      400,
      "SecurityGroupInvalidProtocolForPort",
      `Ports cannot be specified for protocol ${number}. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.`,
    );
  }

  const remoteIp = input.remote_ip_prefix === undefined || input.remote_ip_prefix === null ? null : String(input.remote_ip_prefix);
  const remoteGroup = input.remote_group_id === undefined || input.remote_group_id === null ? null : String(input.remote_group_id);
  if (remoteIp !== null && remoteGroup !== null)
    throw neutronError(
      400,
      "SecurityGroupMultipleRemoteEntites",
      "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.",
    );
  let prefix: string | null = null;
  if (remoteIp !== null) {
    let family: string;
    try {
      const [addr, bits] = parseIpText(remoteIp);
      family = addr.kind();
      prefix = `${remoteIp.split("/")[0]}/${bits}`;
    } catch {
      throw neutronError(400, "InvalidCIDR", `Invalid CIDR ${remoteIp} given as IP prefix.`);
    }
    if ((family === "ipv4") !== (ethertype === "IPv4"))
      throw neutronError(400, "SecurityGroupRuleParameterConflict", `Conflicting value ethertype ${ethertype} for CIDR ${remoteIp}`);
  }
  if (remoteGroup !== null) visibleGroup(state, tenant, remoteGroup);
  const description = input.description === undefined ? "" : (input.description as string | null);
  if (typeof description === "string" && description.length > 255)
    throw errors.invalidInput("description", `'${description.slice(0, 20)}...' exceeds maximum length of 255`);
  return {
    security_group_id: groupId,
    direction: input.direction,
    ethertype,
    protocol,
    port_range_min: min,
    port_range_max: max,
    remote_ip_prefix: prefix,
    remote_group_id: remoteGroup,
    description,
  };
}

function normaliseProtocol(p: unknown): string | null {
  if (p === undefined || p === null) return null;
  const text = String(p).toLowerCase();
  if (text === "any") return null;
  if (/^\d+$/.test(text)) {
    if (Number(text) > 255) throw errors.invalidProtocol(p);
    return String(Number(text));
  }
  if (!(text in PROTOCOLS)) throw errors.invalidProtocol(p);
  return text;
}

function portValue(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  if (!/^\d+$/.test(String(v)) || Number(v) > 65535)
    throw neutronError(400, "SecurityGroupInvalidPortValue", `Invalid value for port ${v}`);
  return Number(v);
}

/** Neutron's duplicate key: description excluded, tcp == 6, null remote == the ethertype's world CIDR. */
export function duplicateKey(
  r: Pick<
    NeutronRule,
    | "security_group_id"
    | "direction"
    | "ethertype"
    | "protocol"
    | "port_range_min"
    | "port_range_max"
    | "remote_ip_prefix"
    | "remote_group_id"
  >,
): string {
  const proto = r.protocol === null ? null : /^\d+$/.test(r.protocol) ? Number(r.protocol) : PROTOCOLS[r.protocol];
  const world = r.remote_ip_prefix === "0.0.0.0/0" || r.remote_ip_prefix === "::/0";
  return JSON.stringify([
    r.security_group_id,
    r.direction,
    r.ethertype,
    proto,
    r.port_range_min,
    r.port_range_max,
    world ? null : r.remote_ip_prefix,
    r.remote_group_id,
  ]);
}

const storedKey = perRule(duplicateKey);

/** Creates rules atomically: all pass validation, duplicates and quota, or none is created. */
export function createRules(state: NeutronState, tenant: string, inputs: Record<string, unknown>[], now: number): NeutronRule[] {
  ensureDefaultGroup(state, tenant, now);
  const normalised = inputs.map((i) => normaliseRule(state, tenant, i));
  if (new Set(normalised.map((n) => n.security_group_id)).size > 1) {
    throw neutronError(400, "SecurityGroupNotSingleGroupRules", "Only allowed to update rules for one security profile at a time");
  }
  const keys = normalised.map(duplicateKey);
  if (new Set(keys).size !== keys.length) throw errors.duplicateInPost();
  // The key starts with the group, and a POST names one group: only that group's rules can clash.
  const group = normalised[0]?.security_group_id;
  const existing = new Map(group === undefined ? [] : groupRules(state, group).map((r) => [storedKey(r), r.id]));
  for (const k of keys) if (existing.has(k)) throw errors.ruleExists(existing.get(k)!);
  if (tenantRuleCount(state, tenant) + normalised.length > state.quota.security_group_rule) throw errors.overQuota("security_group_rule");
  const created = normalised.map((n) => insertRule(state, tenant, n, now));
  for (const g of new Set(normalised.map((n) => n.security_group_id))) state.groups[g].revision_number++;
  return created;
}

export function deleteRule(state: NeutronState, tenant: string, id: string): void {
  const r = own(state.rules, id);
  if (!r || r.tenant_id !== tenant) throw errors.ruleNotFound(id);
  ruleIndex.drop(state.rules, id);
  const g = own(state.groups, r.security_group_id);
  if (g) g.revision_number++;
}
