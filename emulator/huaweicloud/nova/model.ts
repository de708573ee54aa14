import { randomUUID } from "node:crypto";
import * as ipaddr from "ipaddr.js";
import { keyPairs, KeyPair } from "../gateway";
import { faults } from "./errors";

export interface NovaGroup {
  id: string;
  name: string;
  description: string;
  tenant_id: string;
}

/** A rule as Neutron keeps it: ingress only; null protocol/ports = all; exactly one of cidr or group_id. */
export interface NovaRule {
  id: string;
  parent_group_id: string;
  ip_protocol: string | null;
  from_port: number | null;
  to_port: number | null;
  cidr: string | null;
  group_id: string | null;
}

export interface NovaServer {
  id: string;
  name: string;
  tenant_id: string;
  /** Group ids on the server's ports. */
  security_groups: string[];
}

export interface NovaState {
  keys: KeyPair[];
  denied: Record<string, string[]>;
  groups: Record<string, NovaGroup>;
  rules: Record<string, NovaRule>;
  servers: Record<string, NovaServer>;
  quota: { security_group: number; security_group_rule: number };
}

/** The demo server every project starts with, in its project's `default` group. */
export const DEMO_SERVER_ID = "5d2e9c1a-7b3f-4e8d-9a6c-0f1e2d3c4b5a";

export function initialState(settings: Record<string, string> = {}): NovaState {
  const state: NovaState = {
    keys: keyPairs(settings),
    denied: {},
    groups: {},
    rules: {},
    servers: {},
    quota: { security_group: Number(settings["huaweicloud.quota.groups"] ?? 100), security_group_rule: Number(settings["huaweicloud.quota.rules"] ?? 3000) },
  };
  state.keys.forEach((k, i) => {
    const g = insertGroup(state, k.projectId, "default", "Default security group");
    const ruleId = randomUUID();
    state.rules[ruleId] = { id: ruleId, parent_group_id: g.id, ip_protocol: null, from_port: null, to_port: null, cidr: null, group_id: g.id };
    addServer(state, k.projectId, "demo-server", i === 0 ? DEMO_SERVER_ID : undefined);
  });
  return state;
}

export function addServer(state: NovaState, project: string, name: string, id: string = randomUUID()): NovaServer {
  const defaultGroup = Object.values(state.groups).find((g) => g.tenant_id === project && g.name === "default");
  const server = { id, name, tenant_id: project, security_groups: defaultGroup ? [defaultGroup.id] : [] };
  state.servers[id] = server;
  return server;
}

function insertGroup(state: NovaState, project: string, name: string, description: string): NovaGroup {
  const g = { id: randomUUID(), name, description, tenant_id: project };
  state.groups[g.id] = g;
  return g;
}

export function visibleGroup(state: NovaState, project: string, id: string): NovaGroup {
  const g = state.groups[id];
  if (!g || g.tenant_id !== project) throw faults.groupNotFound(id);
  return g;
}

export function createGroup(state: NovaState, project: string, name: string, description: string): NovaGroup {
  if (Object.values(state.groups).filter((g) => g.tenant_id === project).length >= state.quota.security_group) throw faults.groupQuota();
  return insertGroup(state, project, name, description);
}

export function deleteGroup(state: NovaState, project: string, id: string): void {
  visibleGroup(state, project, id);
  if (Object.values(state.servers).some((s) => s.security_groups.includes(id))) throw faults.inUse(id);
  for (const r of Object.values(state.rules)) if (r.parent_group_id === id || r.group_id === id) delete state.rules[r.id];
  delete state.groups[id];
}

export function groupRules(state: NovaState, groupId: string): NovaRule[] {
  return Object.values(state.rules).filter((r) => r.parent_group_id === groupId);
}

/** Nova's rule arguments -> a rule, with Nova's defaults and messages (nova/network/security_group_api.py). */
export function buildRule(input: { ip_protocol?: unknown; from_port?: unknown; to_port?: unknown; cidr?: unknown; group_id?: unknown }, parent: string): Omit<NovaRule, "id"> {
  const groupId = input.group_id === undefined || input.group_id === null ? null : String(input.group_id);
  let protocol = input.ip_protocol === undefined || input.ip_protocol === null ? null : String(input.ip_protocol);
  let from = input.from_port ?? null;
  let to = input.to_port ?? null;
  let cidr: string | null = null;
  if (groupId !== null) {
    const upper = protocol?.toUpperCase();
    if (upper === "ICMP" && from === null && to === null) [from, to] = [-1, -1];
    else if ((upper === "TCP" || upper === "UDP") && from === null && to === null) [from, to] = [1, 65535];
  } else {
    cidr = parseCidr(input.cidr === undefined || input.cidr === null || input.cidr === "" ? "0.0.0.0/0" : String(input.cidr));
  }
  if (protocol !== null && protocol !== "" && from !== null && to !== null) {
    const lo = Number(from);
    const hi = Number(to);
    const upper = protocol.toUpperCase();
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || String(from).trim() === "" || String(to).trim() === "") {
      throw faults.bad(`Invalid input received: ${upper === "ICMP" ? "Type and Code must be integers for ICMP protocol type" : "To and From ports must be integers"}`);
    }
    if (!["TCP", "UDP", "ICMP"].includes(upper)) throw faults.bad(`Invalid IP protocol ${protocol}.`);
    if (upper !== "ICMP" && lo > hi) throw faults.bad(`Invalid port range ${lo}:${hi}. Former value cannot be greater than the later`);
    if (upper !== "ICMP" && (lo < 1 || hi > 65535)) throw faults.bad(`Invalid port range ${lo}:${hi}. Valid ${upper} ports should be between 1-65535`);
    if (upper === "ICMP" && (lo < -1 || lo > 255 || hi < -1 || hi > 255)) throw faults.bad(`Invalid port range ${lo}:${hi}. For ICMP, the type:code must be valid`);
    protocol = protocol.toLowerCase();
    return { parent_group_id: parent, ip_protocol: protocol, from_port: lo, to_port: hi, cidr, group_id: groupId };
  }
  if (groupId === null) throw faults.bad("Not enough parameters to build a valid rule.");
  return { parent_group_id: parent, ip_protocol: null, from_port: null, to_port: null, cidr: null, group_id: groupId };
}

function parseCidr(text: string): string {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let bits: number;
  try {
    [addr, bits] = text.includes("/") ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), text.includes(":") ? 128 : 32];
  } catch {
    throw faults.bad(`Invalid cidr ${text}.`);
  }
  if (bits === 0 && addr.toByteArray().some((b) => b !== 0)) throw faults.bad(`Bad prefix for network in cidr ${text}`);
  return `${text.split("/")[0]}/${bits}`;
}

export function addRule(state: NovaState, project: string, rule: Omit<NovaRule, "id">): NovaRule {
  const same = groupRules(state, rule.parent_group_id).find((r) => r.ip_protocol === rule.ip_protocol && r.from_port === rule.from_port && r.to_port === rule.to_port && r.cidr === rule.cidr && r.group_id === rule.group_id);
  if (same) throw faults.ruleExists(rule.parent_group_id);
  const count = Object.values(state.rules).filter((r) => state.groups[r.parent_group_id]?.tenant_id === project).length;
  if (count >= state.quota.security_group_rule) throw faults.ruleQuota();
  const created = { ...rule, id: randomUUID() };
  state.rules[created.id] = created;
  return created;
}

/** Finds a group by id or by unique name, as the server actions do. */
export function groupByNameOrId(state: NovaState, project: string, name: string): NovaGroup {
  const byId = state.groups[name];
  if (byId && byId.tenant_id === project) return byId;
  const matches = Object.values(state.groups).filter((g) => g.tenant_id === project && g.name === name);
  if (matches.length > 1) throw faults.ambiguous(name);
  if (!matches.length) throw faults.groupNotFoundForProject(name, project);
  return matches[0];
}
