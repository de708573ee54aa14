import { randomBytes, randomUUID } from "node:crypto";
import { errors } from "./errors";
import { own } from "../own";

/** The zones the Instance API answers in. */
export const ZONES = [
  "fr-par-1",
  "fr-par-2",
  "fr-par-3",
  "nl-ams-1",
  "nl-ams-2",
  "nl-ams-3",
  "pl-waw-1",
  "pl-waw-2",
  "pl-waw-3",
  "it-mil-1",
] as const;

/** An API key: the secret authenticates, the projects are what it may see and change. */
export interface ScwKey {
  accessKey: string;
  secretKey: string;
  organization: string;
  projects: string[];
}

export type Policy = "accept" | "drop";

export interface ScwGroup {
  id: string;
  creation_date: string;
  modification_date: string;
  name: string;
  description: string | null;
  organization: string;
  project: string;
  servers: { id: string; name: string }[];
  stateful: boolean;
  inbound_default_policy: Policy;
  outbound_default_policy: Policy;
  project_default: boolean;
  enable_default_security: boolean;
  tags: string[];
  zone: string;
  /** Until this time (ms) the group reads as `syncing`; not on the wire. */
  syncUntil: number;
}

export interface ScwRule {
  id: string;
  protocol: "TCP" | "UDP" | "ICMP" | "ANY";
  direction: "inbound" | "outbound";
  ip_range: string;
  dest_port_from: number | null;
  dest_port_to: number | null;
  position: number;
  editable: boolean;
  action: Policy;
  zone: string;
}

export interface ScwState {
  keys: ScwKey[];
  groups: Record<string, ScwGroup>;
  /** Editable rules of each group, in position order (positions are 1..n). */
  rules: Record<string, ScwRule[]>;
  /** How long a group reads as `syncing` after a change. */
  syncMs: number;
  quota: { groupsPerProject: number; rulesPerGroup: number };
  /** The largest page the server answers, whatever `per_page` asks (`scaleway.pageSize`; the API's own is 100). */
  pageSize?: number;
}

/** The demo credentials the emulator accepts by default (`describe()` prints the first). */
export const DEMO_KEYS: ScwKey[] = [
  {
    accessKey: "SCWEMULATORDEMO00001",
    secretKey: "5ca1e000-0000-4000-8000-000000000001",
    organization: "0a000000-0000-4000-8000-0000000000a1",
    projects: ["1e5c0000-0000-4000-8000-000000000001", "1e5c0000-0000-4000-8000-000000000002"],
  },
  {
    accessKey: "SCWEMULATORDEMO00002",
    secretKey: "5ca1e000-0000-4000-8000-000000000002",
    organization: "0a000000-0000-4000-8000-0000000000a2",
    projects: ["1e5c0000-0000-4000-8000-0000000000f1"],
  },
];

/**
 * Settings: `scaleway.keys` = `ACCESS:SECRET:ORG:PROJECT|PROJECT,...`, `scaleway.syncMs` (how long a group reads
 * `syncing` after a change; default 0: the 2025-26 recordings answer `available` right after a change),
 * `scaleway.quota.groups` (per project and zone, default 100), `scaleway.quota.rules` (per group, default 500),
 * `scaleway.pageSize` (the largest page answered, default 100, to test clients' paging).
 */
export function initialScalewayState(settings: Record<string, string> = {}): ScwState {
  const keys = settings["scaleway.keys"]
    ? settings["scaleway.keys"].split(",").map((k) => {
        const [accessKey, secretKey, organization, projects] = k.split(":");
        return { accessKey, secretKey, organization, projects: (projects ?? organization).split("|") };
      })
    : DEMO_KEYS.map((k) => ({ ...k, projects: [...k.projects] }));
  return {
    keys,
    groups: {},
    rules: {},
    syncMs: Number(settings["scaleway.syncMs"] ?? 0),
    pageSize: Number(settings["scaleway.pageSize"] ?? 100),
    quota: {
      groupsPerProject: Number(settings["scaleway.quota.groups"] ?? 100),
      rulesPerGroup: Number(settings["scaleway.quota.rules"] ?? 500),
    },
  };
}

/** RFC 3339 with microseconds and `+00:00`, as the Instance API writes dates. */
export const timestamp = (now: number) => new Date(now).toISOString().replace(/Z$/, "000+00:00");

/** The caller of a request: a key, in a zone. */
export interface Caller {
  key: ScwKey;
  zone: string;
}

export function checkZone(zone: string): void {
  if (!(ZONES as readonly string[]).includes(zone)) throw errors.invalidZone(zone, ZONES);
}

/** A group the caller may see in this zone; anything else is "not found" (existence is not leaked). */
export function visibleGroup(state: ScwState, caller: Caller, id: string): ScwGroup {
  const g = own(state.groups, id);
  if (!g || g.zone !== caller.zone || !caller.key.projects.includes(g.project)) throw errors.groupNotFound(id);
  return g;
}

export function groupState(g: ScwGroup, now: number): "available" | "syncing" {
  return now < g.syncUntil ? "syncing" : "available";
}

/** Marks a change: bumps the modification date and starts the `syncing` window. */
export function touch(state: ScwState, g: ScwGroup, now: number): void {
  g.modification_date = timestamp(now);
  g.syncUntil = now + state.syncMs;
}

export interface GroupFields {
  name?: string;
  description?: string | null;
  stateful?: boolean;
  inbound_default_policy?: Policy;
  outbound_default_policy?: Policy;
  project_default?: boolean;
  enable_default_security?: boolean;
  tags?: string[];
}

export function createGroup(state: ScwState, caller: Caller, project: string, fields: GroupFields, now: number): ScwGroup {
  if (!caller.key.projects.includes(project)) throw errors.permissionsDenied("instance_security_group", "write");
  const owned = Object.values(state.groups).filter((g) => g.project === project && g.zone === caller.zone).length;
  if (owned >= state.quota.groupsPerProject) throw errors.quota("security_groups");
  const g: ScwGroup = {
    id: randomUUID(),
    creation_date: timestamp(now),
    modification_date: timestamp(now),
    name: fields.name ?? `sg-${randomBytes(4).toString("hex")}`,
    description: fields.description ?? null,
    organization: caller.key.organization,
    project,
    servers: [],
    stateful: fields.stateful ?? true,
    inbound_default_policy: fields.inbound_default_policy ?? "accept",
    outbound_default_policy: fields.outbound_default_policy ?? "accept",
    project_default: false,
    enable_default_security: fields.enable_default_security ?? true,
    tags: fields.tags ?? [],
    zone: caller.zone,
    syncUntil: 0,
  };
  state.groups[g.id] = g;
  state.rules[g.id] = [];
  if (fields.project_default) makeProjectDefault(state, g);
  return g;
}

export function updateGroup(state: ScwState, caller: Caller, id: string, fields: GroupFields, now: number): ScwGroup {
  const g = visibleGroup(state, caller, id);
  const { project_default, ...rest } = fields;
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) (g as unknown as Record<string, unknown>)[k] = v;
  if (project_default === true) makeProjectDefault(state, g);
  if (project_default === false) g.project_default = false;
  touch(state, g, now);
  return g;
}

/** At most one default group per project and zone: the newest default replaces the previous one. */
function makeProjectDefault(state: ScwState, g: ScwGroup): void {
  for (const other of Object.values(state.groups)) {
    if (other.project === g.project && other.zone === g.zone) other.project_default = false;
  }
  g.project_default = true;
}

export function deleteGroup(state: ScwState, caller: Caller, id: string): void {
  const g = visibleGroup(state, caller, id);
  if (g.servers.length) throw errors.groupInUse();
  delete state.groups[id];
  delete state.rules[id];
}
