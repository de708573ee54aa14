import { randomUUID } from "node:crypto";
import { errors } from "./errors";
import type { GroupInput } from "./validation";
import { own } from "../own";

export interface GenesisRule {
  protocol: "icmp" | "tcp" | "udp" | "all";
  direction: "ingress" | "egress";
  port_range_min: number | null;
  port_range_max: number | null;
}

/** Settled statuses; the others are transient phases that end in one of these (or in deletion). */
export type SettledStatus = "created" | "error";
export type Operation = "create" | "update" | "delete";

/** An asynchronous change in progress; it settles lazily, the first time the group is looked at after `settleAt`. */
export interface Phase {
  operation: Operation;
  startedAt: number;
  settleAt: number;
  outcome: SettledStatus | "gone";
}

export interface GenesisGroup {
  id: string;
  project: string;
  name: string;
  description: string;
  region: string;
  is_internal: boolean;
  rules: GenesisRule[];
  status: SettledStatus;
  phase: Phase | null;
  created_at: string;
  updated_at: string;
  /** Creation order, which the list follows. */
  seq: number;
}

/** Behaviours the public sources leave open; each is a `--set genesiscloud.<key>=...` flag. */
export interface GenesisSettings {
  /** How long create/update/delete take to settle, in ms. */
  settleMs: number;
  /** A new group shows `enqueued` this long before `creating` (0: straight to `creating`, as in the seed's example). */
  enqueuedMs: number;
  /** The OpenAPI spec says `rules` has minItems 1; 0 accepts an empty list. */
  minRules: number;
  /** Current API: `region` is mandatory on create; older API: optional with a default. */
  requireRegion: boolean;
  defaultRegion: string;
  /** tcp/udp with both ports null: all ports (true) or 400 (false). */
  nullPortsMeanAll: boolean;
  /** Whether a second group with the same name in one project answers 409. */
  uniqueNames: boolean;
  /** Whether PUT/PATCH answer with `updating` (the seed lists it; the 2025 SDK enum has only creating, created, deleting, error). */
  updatingStatus: boolean;
  /** The largest page a list answers, whatever `per_page` asks (`genesiscloud.pageSize`; the API's own is 100). */
  pageSize?: number;
}

export interface GenesisState {
  tokens: Record<string, string>;
  settings: GenesisSettings;
  groups: Record<string, GenesisGroup>;
  /** Instances attached to groups, so that deleting them answers "in use". */
  instances: Record<string, { id: string; project: string; security_groups: string[] }>;
  /** Pending "end in error" requests, consumed in order by the next matching settle. */
  pendingErrors: { operation: Operation | "any"; remaining: number; name?: string }[];
  standardGroups: Record<string, string>;
  nextSeq: number;
}

const timestamp = (now: number) => new Date(now).toISOString();

export function initialGenesisState(s: Record<string, string> = {}): GenesisState {
  const tokens = Object.fromEntries(
    (s["genesiscloud.tokens"] ?? "demo-token:demo-project,other-token:other-project")
      .split(",")
      .map((pair) => pair.split(":") as [string, string]),
  );
  return {
    tokens,
    settings: {
      settleMs: Number(s["genesiscloud.settleMs"] ?? 200),
      enqueuedMs: Number(s["genesiscloud.enqueuedMs"] ?? 0),
      minRules: Number(s["genesiscloud.minRules"] ?? 1),
      requireRegion: s["genesiscloud.requireRegion"] === "true",
      defaultRegion: s["genesiscloud.defaultRegion"] ?? "ARC-IS-HAF-1",
      nullPortsMeanAll: s["genesiscloud.nullPorts"] !== "reject",
      uniqueNames: s["genesiscloud.uniqueNames"] === "true",
      updatingStatus: s["genesiscloud.updatingStatus"] === "true",
      pageSize: Number(s["genesiscloud.pageSize"] ?? 100),
    },
    groups: {},
    instances: {},
    pendingErrors: [],
    standardGroups: {},
    nextSeq: 1,
  };
}

/** The status the API shows now: the phase's while it runs, else the settled one. */
export function visibleStatus(state: GenesisState, g: GenesisGroup, now: number): string {
  if (!g.phase) return g.status;
  const { operation, startedAt } = g.phase;
  if (operation === "create") return now < startedAt + state.settings.enqueuedMs ? "enqueued" : "creating";
  if (operation === "update") return state.settings.updatingStatus ? "updating" : "creating";
  return "deleting";
}

/** Applies every phase whose time has come; a finished delete removes the group. */
export function settleAll(state: GenesisState, now: number): void {
  for (const g of Object.values(state.groups)) {
    if (!g.phase || now < g.phase.settleAt) continue;
    if (g.phase.outcome === "gone") {
      delete state.groups[g.id];
      continue;
    }
    g.status = g.phase.outcome;
    g.phase = null;
    g.updated_at = timestamp(now);
  }
}

/** The project's internal `standard` group, which instances get when none is given; made on first use. */
export function ensureStandardGroup(state: GenesisState, project: string, now: number): void {
  if (own(state.standardGroups, project)) return;
  const g = insert(
    state,
    project,
    {
      name: "standard",
      description: "Default security group",
      region: state.settings.defaultRegion,
      rules: [
        { protocol: "icmp", direction: "ingress", port_range_min: null, port_range_max: null },
        { protocol: "tcp", direction: "ingress", port_range_min: 22, port_range_max: 22 },
        { protocol: "all", direction: "egress", port_range_min: null, port_range_max: null },
      ],
    },
    now,
  );
  g.is_internal = true;
  state.standardGroups[project] = g.id;
}

function insert(
  state: GenesisState,
  project: string,
  input: Required<Pick<GroupInput, "name" | "region" | "rules">> & GroupInput,
  now: number,
): GenesisGroup {
  const g: GenesisGroup = {
    id: randomUUID(),
    project,
    name: input.name,
    description: input.description ?? "",
    region: input.region,
    is_internal: false,
    rules: input.rules,
    status: "created",
    phase: null,
    created_at: timestamp(now),
    updated_at: timestamp(now),
    seq: state.nextSeq++,
  };
  state.groups[g.id] = g;
  return g;
}

/** Projects see only their own groups; another project's id answers 404 as an unknown id does. */
export function visibleGroup(state: GenesisState, project: string, id: string, now: number): GenesisGroup {
  settleAll(state, now);
  const g = own(state.groups, id);
  if (!g || g.project !== project) throw errors.notFound(id);
  return g;
}

export function listGroups(state: GenesisState, project: string, now: number): GenesisGroup[] {
  settleAll(state, now);
  ensureStandardGroup(state, project, now);
  return Object.values(state.groups)
    .filter((g) => g.project === project)
    .sort((a, b) => a.seq - b.seq);
}

export function createGroup(state: GenesisState, project: string, input: GroupInput, now: number): GenesisGroup {
  settleAll(state, now);
  ensureStandardGroup(state, project, now);
  if (state.settings.uniqueNames && Object.values(state.groups).some((g) => g.project === project && g.name === input.name))
    throw errors.nameTaken(input.name!);
  const g = insert(state, project, { ...input, name: input.name!, region: input.region!, rules: input.rules! }, now);
  startPhase(state, g, "create", now);
  return g;
}

/** PUT and PATCH: the given fields replace the old ones; `rules` replaces the whole list. */
export function updateGroup(state: GenesisState, project: string, id: string, input: GroupInput, now: number): GenesisGroup {
  const g = changeableGroup(state, project, id, now);
  if (input.name !== undefined) g.name = input.name;
  if (input.description !== undefined) g.description = input.description;
  if (input.rules !== undefined) g.rules = input.rules;
  g.updated_at = timestamp(now);
  startPhase(state, g, "update", now);
  return g;
}

export function deleteGroup(state: GenesisState, project: string, id: string, now: number): void {
  const g = changeableGroup(state, project, id, now);
  const attached = Object.values(state.instances)
    .filter((i) => i.security_groups.includes(id))
    .map((i) => i.id);
  if (attached.length) throw errors.inUse(id, attached);
  startPhase(state, g, "delete", now);
}

function changeableGroup(state: GenesisState, project: string, id: string, now: number): GenesisGroup {
  const g = visibleGroup(state, project, id, now);
  if (g.is_internal) throw errors.internalGroup(id);
  if (g.phase) throw errors.notSettled(id, visibleStatus(state, g, now));
  return g;
}

function startPhase(state: GenesisState, g: GenesisGroup, operation: Operation, now: number): void {
  const fail = operation !== "delete" && takePendingError(state, operation, g.name);
  g.phase = {
    operation,
    startedAt: now,
    settleAt: now + state.settings.settleMs,
    outcome: operation === "delete" ? "gone" : fail ? "error" : "created",
  };
}

function takePendingError(state: GenesisState, operation: Operation, name: string): boolean {
  const p = state.pendingErrors.find(
    (e) => (e.operation === "any" || e.operation === operation) && (!e.name || new RegExp(e.name).test(name)),
  );
  if (!p) return false;
  p.remaining--;
  if (p.remaining <= 0) state.pendingErrors = state.pendingErrors.filter((e) => e !== p);
  return true;
}

/** The wire form of a group, as GET/POST/PUT/PATCH and the list answer it. */
export function groupWire(state: GenesisState, g: GenesisGroup, now: number): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    region: g.region,
    is_internal: g.is_internal,
    status: visibleStatus(state, g, now),
    rules: g.rules.map((r) => ({ ...r })),
    created_at: g.created_at,
    updated_at: g.updated_at,
  };
}
