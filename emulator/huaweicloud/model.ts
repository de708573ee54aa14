import { randomUUID } from "node:crypto";
import { perRule, RuleIndex } from "../rule-index";
import { errors } from "./errors";
import { keyPairs, KeyPair } from "./auth";
import { duplicateKey, RuleFields } from "./rules";
import { own } from "../own";

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
  /** ICMP type and code of a rule made through Nova; VPC v3 has no field for them and does not show them (a guess). */
  nova_icmp?: [number, number];
  security_group_id: string;
  project_id: string;
  created_at: string;
  updated_at: string;
}

/** A server (ECS) of the Nova API; its NICs use these groups, so they are in use for VPC as well. */
export interface HwServer {
  id: string;
  name: string;
  tenant_id: string;
  security_groups: string[];
}

/** The one store of a project's groups and rules, shared by the VPC v3 and the Nova listeners (see store.ts). */
export interface HwState {
  /** Identifies this store across the listeners' copies of a `--state` file. */
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
  /** Servers for Nova's server actions. */
  servers: Record<string, HwServer>;
  /** Priority of a rule created without one (OTC and batch-create say 1, Huawei's single create says 100). */
  defaultPriority: number;
  /** The largest page a v3 list answers, whatever `limit` asks (`huaweicloud.pageSize`; the API's own is 2000). */
  pageSize?: number;
}

export const timestamp = (now: number) => new Date(now).toISOString().replace(/\.\d+Z$/, "Z");

/** The demo server every project starts with, in its project's `default` group. */
export const DEMO_SERVER_ID = "5d2e9c1a-7b3f-4e8d-9a6c-0f1e2d3c4b5a";

/** Each project starts with its `default` group (members may talk to each other, all outbound) and a demo server in it. */
export function initialState(settings: Record<string, string> = {}, now = Date.now()): HwState {
  const keys = keyPairs(settings);
  const users = (settings["huaweicloud.users"] ?? `demo:demo-password:demo-domain:${keys[0].projectId}`)
    .split(",")
    .map((u) => u.split(":"))
    .map(([name, password, domain, projectId]) => ({ name, password, domain, projectId }));
  const state: HwState = {
    keys,
    users,
    denied: {},
    groups: {},
    rules: {},
    ports: {},
    addressGroups: {},
    quota: {
      security_group: Number(settings["huaweicloud.quota.groups"] ?? 100),
      security_group_rule: Number(settings["huaweicloud.quota.rules"] ?? 3000),
    },
    servers: {},
    defaultPriority: Number(settings["huaweicloud.defaultPriority"] ?? 1),
    pageSize: Number(settings["huaweicloud.pageSize"] ?? 2000),
  };
  keys.forEach((k, i) => {
    insertGroup(
      state,
      k.projectId,
      { name: "default", description: "Default security group", enterprise_project_id: "0", tags: [] },
      now,
      "vpc",
    );
    addServer(state, k.projectId, "demo-server", i === 0 ? DEMO_SERVER_ID : undefined);
  });
  return state;
}

export function addServer(state: HwState, project: string, name: string, id: string = randomUUID()): HwServer {
  const defaultGroup = Object.values(state.groups).find((g) => g.project_id === project && g.name === "default");
  const server = { id, name, tenant_id: project, security_groups: defaultGroup ? [defaultGroup.id] : [] };
  state.servers[id] = server;
  return server;
}

export function visibleGroup(state: HwState, project: string, id: string, notFound = errors.groupNotFound): HwGroup {
  const g = own(state.groups, id);
  if (!g || g.project_id !== project) throw notFound(id);
  return g;
}

/** Every write to `state.rules` goes through it (the Nova routes' too). */
export const ruleIndex = new RuleIndex<HwRule>((r) => r.project_id);

export function groupRules(state: HwState, groupId: string): HwRule[] {
  return ruleIndex.ofGroup(state.rules, groupId);
}

type GroupInput = Pick<HwGroup, "name" | "description" | "enterprise_project_id" | "tags">;

/**
 * Creates a group with its default rules: through VPC v3 ingress from its own members and all outbound traffic on
 * both families; through Nova (Neutron's create) only the two egress rules, so that Nova shows `rules: []`.
 */
export function createGroup(
  state: HwState,
  project: string,
  input: GroupInput,
  now: number,
  dryRun: boolean,
  defaults: "vpc" | "nova" = "vpc",
): HwGroup | undefined {
  if (Object.values(state.groups).filter((g) => g.project_id === project).length >= state.quota.security_group) throw errors.groupQuota();
  if (projectRuleCount(state, project) + (defaults === "vpc" ? 4 : 2) > state.quota.security_group_rule) throw errors.ruleQuota();
  if (dryRun) return undefined;
  return insertGroup(state, project, input, now, defaults);
}

function insertGroup(state: HwState, project: string, input: GroupInput, now: number, defaults: "vpc" | "nova"): HwGroup {
  const g: HwGroup = { id: randomUUID(), ...input, project_id: project, created_at: timestamp(now), updated_at: timestamp(now) };
  state.groups[g.id] = g;
  for (const ethertype of ["IPv6", "IPv4"] as const) {
    if (defaults === "vpc")
      insertRule(state, project, g.id, { direction: "ingress", ethertype, remote_group_id: g.id, priority: 100 }, now);
    insertRule(state, project, g.id, { direction: "egress", ethertype, priority: 100 }, now);
  }
  return g;
}

/** A group is in use while a port or a server uses it. */
export function groupInUse(state: HwState, id: string): boolean {
  return (
    Object.values(state.ports).some((p) => p.security_groups.includes(id)) ||
    Object.values(state.servers).some((s) => s.security_groups.includes(id))
  );
}

export function updateGroup(
  state: HwState,
  project: string,
  id: string,
  input: { name?: string; description?: string },
  now: number,
  dryRun: boolean,
): HwGroup {
  const g = visibleGroup(state, project, id, errors.groupNotFoundOnUpdate);
  if (dryRun) return g;
  if (input.name !== undefined) g.name = input.name;
  if (input.description !== undefined) g.description = input.description;
  g.updated_at = timestamp(now);
  return g;
}

export function deleteGroup(state: HwState, project: string, id: string): void {
  visibleGroup(state, project, id, errors.groupNotFoundOnDelete);
  if (groupInUse(state, id)) throw errors.groupInUse(id);
  for (const r of Object.values(state.rules)) {
    if (r.security_group_id === id || r.remote_group_id === id) ruleIndex.drop(state.rules, r.id);
  }
  delete state.groups[id];
}

const storedKey = perRule(duplicateKey);

/** Adds validated rules to one group atomically; duplicates fail (409) or, with `ignoreDuplicate`, are skipped. */
export function addRules(
  state: HwState,
  project: string,
  groupId: string,
  rules: RuleFields[],
  now: number,
  opts: { ignoreDuplicate: boolean; dryRun: boolean },
): HwRule[] {
  const existing = new Map(groupRules(state, groupId).map((r) => [storedKey(r), r.id]));
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
  const r = own(state.rules, id);
  if (!r || r.project_id !== project) throw errors.ruleNotFound(id);
  ruleIndex.drop(state.rules, id);
}

function insertRule(
  state: HwState,
  project: string,
  groupId: string,
  r: Partial<RuleFields> & Pick<RuleFields, "direction" | "ethertype">,
  now: number,
): HwRule {
  const rule: HwRule = {
    description: "",
    protocol: null,
    multiport: null,
    action: "allow",
    priority: state.defaultPriority,
    remote_group_id: null,
    remote_ip_prefix: null,
    remote_address_group_id: null,
    ...r,
    id: randomUUID(),
    security_group_id: groupId,
    project_id: project,
    created_at: timestamp(now),
    updated_at: timestamp(now),
  };
  ruleIndex.store(state.rules, rule);
  return rule;
}

function projectRuleCount(state: HwState, project: string): number {
  return ruleIndex.ownedBy(state.rules, project);
}
