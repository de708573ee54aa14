import { randomUUID } from "node:crypto";
import type { Route, RouteContext, RouteResult } from "../types";
import { caller } from "./auth";
import { errors } from "./errors";
import { paginate } from "./listing";
import * as model from "./model";
import type { GroupFields, ScwGroup, ScwRule, ScwState } from "./model";
import * as rules from "./rules";
import { own } from "../own";

type Ctx = RouteContext<ScwState>;
const BASE = "/instance/v1/zones/:zone";

export function groupWire(g: ScwGroup, now: number): Record<string, unknown> {
  return {
    id: g.id,
    creation_date: g.creation_date,
    modification_date: g.modification_date,
    name: g.name,
    description: g.description,
    organization: g.organization,
    project: g.project,
    servers: g.servers,
    stateful: g.stateful,
    inbound_default_policy: g.inbound_default_policy,
    outbound_default_policy: g.outbound_default_policy,
    organization_default: false,
    project_default: g.project_default,
    enable_default_security: g.enable_default_security,
    state: model.groupState(g, now),
    tags: g.tags,
    zone: g.zone,
  };
}

export function ruleWire(r: ScwRule): Record<string, unknown> {
  return {
    id: r.id,
    protocol: r.protocol,
    direction: r.direction,
    ip_range: r.ip_range,
    dest_ip_range: null,
    dest_port_from: r.dest_port_from,
    dest_port_to: r.dest_port_to,
    position: r.position,
    editable: r.editable,
    action: r.action,
    zone: r.zone,
  };
}

function body(ctx: Ctx): Record<string, unknown> {
  if (ctx.rawBody && ctx.body === undefined) throw errors.invalidJson();
  const b = ctx.body ?? {};
  if (typeof b !== "object" || Array.isArray(b)) throw errors.badRequest("The request body must be a JSON object.");
  return b as Record<string, unknown>;
}

/** Type-checks the group fields a create, PATCH or PUT may carry. */
function groupFields(b: Record<string, unknown>): GroupFields {
  const fields: Record<string, string[]> = {};
  const check = (key: string, ok: (v: unknown) => boolean, reason: string) => {
    if (b[key] !== undefined && !ok(b[key])) fields[key] = [reason];
  };
  const policy = (v: unknown) => v === "accept" || v === "drop";
  check("name", (v) => typeof v === "string" && v.length > 0 && v.length <= 255, "Must be a string of 1 to 255 characters.");
  check("description", (v) => v === null || (typeof v === "string" && v.length <= 255), "Must be a string of at most 255 characters.");
  for (const k of ["stateful", "project_default", "enable_default_security", "organization_default"])
    check(k, (v) => typeof v === "boolean", "Not a valid boolean.");
  check("inbound_default_policy", policy, "Must be one of: accept, drop.");
  check("outbound_default_policy", policy, "Must be one of: accept, drop.");
  check("tags", (v) => Array.isArray(v) && v.every((t) => typeof t === "string"), "Must be a list of strings.");
  if (Object.keys(fields).length) throw errors.validation(fields);
  const pick = <K extends keyof GroupFields>(k: K) => b[k] as GroupFields[K];
  return {
    name: pick("name"),
    description: pick("description"),
    stateful: pick("stateful"),
    inbound_default_policy: pick("inbound_default_policy"),
    outbound_default_policy: pick("outbound_default_policy"),
    project_default: pick("project_default") ?? (b.organization_default as boolean | undefined),
    enable_default_security: pick("enable_default_security"),
    tags: pick("tags"),
  };
}

const ok = (status: number, payload: unknown, headers: Record<string, string> = {}): RouteResult => ({
  status,
  body: payload,
  headers: { "x-request-id": randomUUID(), ...headers },
});
const location = (ctx: Ctx, suffix: string) => ({ location: `${ctx.baseUrl}${ctx.path.replace(/\/$/, "")}/${suffix}` });
const groupOf = (ctx: Ctx) => model.visibleGroup(ctx.state, caller(ctx), ctx.params.id);

/** `tags=a,b`: groups carrying every listed tag. `name`: substring match. */
function matchesFilters(g: ScwGroup, q: URLSearchParams): boolean {
  const name = q.get("name");
  const tags = q.get("tags");
  const projectDefault = q.get("project_default");
  return (
    (!name || g.name.includes(name)) &&
    (!q.get("project") || g.project === q.get("project")) &&
    (!q.get("organization") || g.organization === q.get("organization")) &&
    (!tags || tags.split(",").every((t) => g.tags.includes(t))) &&
    (projectDefault === null || String(g.project_default) === projectDefault)
  );
}

export const routes: Route<ScwState>[] = [
  {
    method: "GET",
    path: `${BASE}/security_groups/default/rules`,
    handler(ctx) {
      const c = caller(ctx);
      return ok(200, { rules: rules.SMTP_RULES.map((r) => ruleWire({ ...r, zone: c.zone })) });
    },
  },
  {
    method: "GET",
    path: `${BASE}/security_groups`,
    handler(ctx) {
      const c = caller(ctx);
      const visible = Object.values(ctx.state.groups).filter(
        (g) => g.zone === c.zone && c.key.projects.includes(g.project) && matchesFilters(g, ctx.query),
      );
      const { page, headers } = paginate(visible, ctx.query, "/security_groups", ctx.state.pageSize);
      return ok(200, { security_groups: page.map((g) => groupWire(g, ctx.now())) }, headers);
    },
  },
  {
    method: "POST",
    path: `${BASE}/security_groups`,
    handler(ctx) {
      const c = caller(ctx);
      const b = body(ctx);
      if (b.project !== undefined && b.organization !== undefined)
        throw errors.badRequest("Only one of project and organization may be given.");
      let project = b.project;
      // An organization id names the organization's default project, as on Scaleway.
      if (project === undefined && b.organization !== undefined)
        project = b.organization === c.key.organization ? c.key.projects[0] : b.organization;
      if (typeof project !== "string") throw errors.validation({ project: ["Missing data for required field."] });
      const g = model.createGroup(ctx.state, c, project, groupFields(b), ctx.now());
      return ok(201, { security_group: groupWire(g, ctx.now()) }, location(ctx, g.id));
    },
  },
  {
    method: "GET",
    path: `${BASE}/security_groups/:id`,
    handler: (ctx) => ok(200, { security_group: groupWire(groupOf(ctx), ctx.now()) }),
  },
  {
    method: "PATCH",
    path: `${BASE}/security_groups/:id`,
    handler(ctx) {
      const g = model.updateGroup(ctx.state, caller(ctx), ctx.params.id, groupFields(body(ctx)), ctx.now());
      return ok(200, { security_group: groupWire(g, ctx.now()) });
    },
  },
  {
    // "Replace all properties": every updatable field comes from the body; project and zone cannot move.
    method: "PUT",
    path: `${BASE}/security_groups/:id`,
    handler(ctx) {
      const c = caller(ctx);
      const g = model.visibleGroup(ctx.state, c, ctx.params.id);
      const b = body(ctx);
      for (const k of ["project", "organization"] as const) {
        if (b[k] !== undefined && b[k] !== g[k]) throw errors.badRequest(`${k} cannot be changed.`);
      }
      if (b.name === undefined) throw errors.validation({ name: ["Missing data for required field."] });
      const f = groupFields(b);
      const full: GroupFields = {
        ...f,
        description: f.description ?? null,
        tags: f.tags ?? [],
        project_default: f.project_default ?? false,
      };
      return ok(200, { security_group: groupWire(model.updateGroup(ctx.state, c, g.id, full, ctx.now()), ctx.now()) });
    },
  },
  {
    method: "DELETE",
    path: `${BASE}/security_groups/:id`,
    handler(ctx) {
      model.deleteGroup(ctx.state, caller(ctx), ctx.params.id);
      return ok(204, undefined, { "content-type": "application/json" });
    },
  },
  {
    method: "GET",
    path: `${BASE}/security_groups/:id/rules`,
    handler(ctx) {
      const g = groupOf(ctx);
      const { page, headers } = paginate(rules.allRules(ctx.state, g), ctx.query, `/security_groups/${g.id}/rules`, ctx.state.pageSize);
      return ok(200, { rules: page.map(ruleWire) }, headers);
    },
  },
  {
    method: "POST",
    path: `${BASE}/security_groups/:id/rules`,
    handler(ctx) {
      const r = rules.createRule(ctx.state, caller(ctx), ctx.params.id, body(ctx), ctx.now());
      return ok(201, { rule: ruleWire(r) }, location(ctx, r.id));
    },
  },
  {
    method: "PUT",
    path: `${BASE}/security_groups/:id/rules`,
    handler(ctx) {
      const items = body(ctx).rules;
      if (!Array.isArray(items) || !items.every((i) => i && typeof i === "object" && !Array.isArray(i)))
        throw errors.validation({ rules: ["Must be a list of rules."] });
      const all = rules.setRules(ctx.state, caller(ctx), ctx.params.id, items as Record<string, unknown>[], ctx.now());
      return ok(200, { rules: all.map(ruleWire) });
    },
  },
  {
    method: "GET",
    path: `${BASE}/security_groups/:id/rules/:ruleId`,
    handler: (ctx) => ok(200, { rule: ruleWire(rules.findRule(ctx.state, groupOf(ctx), ctx.params.ruleId)) }),
  },
  {
    method: "PATCH",
    path: `${BASE}/security_groups/:id/rules/:ruleId`,
    handler: (ctx) =>
      ok(200, { rule: ruleWire(rules.updateRule(ctx.state, caller(ctx), ctx.params.id, ctx.params.ruleId, body(ctx), false, ctx.now())) }),
  },
  {
    method: "PUT",
    path: `${BASE}/security_groups/:id/rules/:ruleId`,
    handler: (ctx) =>
      ok(200, { rule: ruleWire(rules.updateRule(ctx.state, caller(ctx), ctx.params.id, ctx.params.ruleId, body(ctx), true, ctx.now())) }),
  },
  {
    method: "DELETE",
    path: `${BASE}/security_groups/:id/rules/:ruleId`,
    handler(ctx) {
      rules.deleteRule(ctx.state, caller(ctx), ctx.params.id, ctx.params.ruleId, ctx.now());
      return ok(204, undefined, { "content-type": "application/json" });
    },
  },
  {
    // Control: attach a server to a group so that deleting it answers 409; `{"groupId", "name"?}` -> `{"id"}`.
    method: "POST",
    path: "/_emulator/scaleway/servers",
    handler(ctx) {
      const b = body(ctx) as { groupId?: string; name?: string };
      const g = b.groupId ? own(ctx.state.groups, b.groupId) : undefined;
      if (!g) throw errors.groupNotFound(String(b.groupId));
      const id = randomUUID();
      g.servers.push({ id, name: b.name ?? `server-${id.slice(0, 8)}` });
      return { status: 201, body: { id } };
    },
  },
  {
    method: "DELETE",
    path: "/_emulator/scaleway/servers/:serverId",
    handler(ctx) {
      for (const g of Object.values(ctx.state.groups)) g.servers = g.servers.filter((s) => s.id !== ctx.params.serverId);
      return { status: 204 };
    },
  },
];
