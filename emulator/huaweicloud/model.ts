import { randomUUID } from "node:crypto";
import { errors } from "./errors";
import { keyPairs, KeyPair } from "./gateway";
import { duplicateKey, RuleFields } from "./rules";

export interface HwGroup {
  id: string;
  name: string;
  description: string;
  project_id: string;
  enterprise_project_id: string;
  tags: { key: string; value: string }[];
  created_at: string;
  updated_at: string;
}

export interface HwRule extends RuleFields {
  id: string;
  security_group_id: string;
  project_id: string;
  created_at: string;
  updated_at: string;
}

export interface HwState {
  keys: KeyPair[];
  users: { name: string; password: string; domain: string; projectId: string }[];
  /** IAM actions denied per principal (access key or `token:<user>`), to emulate 403s. */
  denied: Record<string, string[]>;
  groups: Record<string, HwGroup>;
  rules: Record<string, HwRule>;
  /** Ports (NICs) using groups, so that "in use" can be emulated. */
  ports: Record<string, { id: string; project_id: string; security_groups: string[] }>;
  addressGroups: Record<string, { id: string; project_id: string; ip_version: 4 | 6 }>;
  quota: { security_group: number; security_group_rule: number };
  /** Priority of a rule created without one (OTC and batch-create say 1, Huawei's single create says 100). */
  defaultPriority: number;
}

export const timestamp = (now: number) => new Date(now).toISOString().replace(/\.\d+Z$/, "Z");

export function initialState(settings: Record<string, string> = {}): HwState {
  const keys = keyPairs(settings);
  const users = (settings["huaweicloud.users"] ?? `demo:demo-password:demo-domain:${keys[0].projectId}`)
    .split(",")
    .map((u) => u.split(":"))
    .map(([name, password, domain, projectId]) => ({ name, password, domain, projectId }));
  return {
    keys,
    users,
    denied: {},
    groups: {},
    rules: {},
    ports: {},
    addressGroups: {},
    quota: { security_group: Number(settings["huaweicloud.quota.groups"] ?? 100), security_group_rule: Number(settings["huaweicloud.quota.rules"] ?? 3000) },
    defaultPriority: Number(settings["huaweicloud.defaultPriority"] ?? 1),
  };
}

export function visibleGroup(state: HwState, project: string, id: string, notFound = errors.groupNotFound): HwGroup {
  const g = state.groups[id];
  if (!g || g.project_id !== project) throw notFound(id);
  return g;
}

export function groupRules(state: HwState, groupId: string): HwRule[] {
  return Object.values(state.rules).filter((r) => r.security_group_id === groupId);
}

export function createGroup(state: HwState, project: string, input: Pick<HwGroup, "name" | "description" | "enterprise_project_id" | "tags">, now: number, dryRun: boolean): HwGroup | undefined {
  if (Object.values(state.groups).filter((g) => g.project_id === project).length >= state.quota.security_group) throw errors.groupQuota();
  if (projectRuleCount(state, project) + 4 > state.quota.security_group_rule) throw errors.ruleQuota();
  if (dryRun) return undefined;
  const g: HwGroup = { id: randomUUID(), ...input, project_id: project, created_at: timestamp(now), updated_at: timestamp(now) };
  state.groups[g.id] = g;
  // Every new group allows traffic from its own members and all outbound traffic, on both families.
  for (const ethertype of ["IPv6", "IPv4"] as const) {
    insertRule(state, project, g.id, { direction: "ingress", ethertype, remote_group_id: g.id, priority: 100 }, now);
    insertRule(state, project, g.id, { direction: "egress", ethertype, priority: 100 }, now);
  }
  return g;
}

export function updateGroup(state: HwState, project: string, id: string, input: { name?: string; description?: string }, now: number, dryRun: boolean): HwGroup {
  const g = visibleGroup(state, project, id, errors.groupNotFoundOnUpdate);
  if (dryRun) return g;
  if (input.name !== undefined) g.name = input.name;
  if (input.description !== undefined) g.description = input.description;
  g.updated_at = timestamp(now);
  return g;
}

export function deleteGroup(state: HwState, project: string, id: string): void {
  visibleGroup(state, project, id, errors.groupNotFoundOnDelete);
  if (Object.values(state.ports).some((p) => p.security_groups.includes(id))) throw errors.groupInUse(id);
  for (const r of Object.values(state.rules)) {
    if (r.security_group_id === id || r.remote_group_id === id) delete state.rules[r.id];
  }
  delete state.groups[id];
}

/** Adds validated rules to one group atomically; duplicates fail (409) or, with `ignoreDuplicate`, are skipped. */
export function addRules(state: HwState, project: string, groupId: string, rules: RuleFields[], now: number, opts: { ignoreDuplicate: boolean; dryRun: boolean }): HwRule[] {
  const existing = new Map(groupRules(state, groupId).map((r) => [duplicateKey(r), r.id]));
  const fresh: RuleFields[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    const key = duplicateKey(r);
    const clash = existing.get(key);
    if (clash !== undefined || seen.has(key)) {
      if (opts.ignoreDuplicate) continue;
      throw clash !== undefined ? errors.ruleExists(clash) : errors.badRule("Duplicate security group rules in the request.");
    }
    seen.add(key);
    fresh.push(r);
  }
  if (projectRuleCount(state, project) + fresh.length > state.quota.security_group_rule) throw errors.ruleQuota();
  if (opts.dryRun) return [];
  return fresh.map((r) => insertRule(state, project, groupId, r, now));
}

export function deleteRule(state: HwState, project: string, id: string): void {
  const r = state.rules[id];
  if (!r || r.project_id !== project) throw errors.ruleNotFound(id);
  delete state.rules[id];
}

function insertRule(state: HwState, project: string, groupId: string, r: Partial<RuleFields> & Pick<RuleFields, "direction" | "ethertype">, now: number): HwRule {
  const rule: HwRule = {
    description: "", protocol: null, multiport: null, action: "allow", priority: state.defaultPriority, remote_group_id: null, remote_ip_prefix: null, remote_address_group_id: null,
    ...r,
    id: randomUUID(), security_group_id: groupId, project_id: project, created_at: timestamp(now), updated_at: timestamp(now),
  };
  state.rules[rule.id] = rule;
  return rule;
}

function projectRuleCount(state: HwState, project: string): number {
  return Object.values(state.rules).filter((r) => r.project_id === project).length;
}
