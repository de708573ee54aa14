import { EMULATED_NOVA_ACTIONS, EmulatedNovaOperation } from "../permissions";
import type { Route, RouteContext, RouteResult } from "../../types";
import { authenticate } from "../auth";
import { faults } from "./errors";
import * as model from "./model";
import type { HwGroup, HwState } from "../model";
import { addServer, timestamp } from "../model";
import type { NovaRuleView } from "./model";
import { own, setOwn } from "../../own";

type Ctx = RouteContext<HwState>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The proxy APIs are gone from microversion 2.36 on. */
const MAX_PROXY_VERSION = 2.35;

/** Nova's rule shape (`_format_security_group_rule`): a group rule names its source group, a CIDR rule its range. */
export function ruleWire(state: HwState, r: NovaRuleView): Record<string, unknown> {
  const source = r.group_id ? own(state.groups, r.group_id) : undefined;
  return {
    id: r.id,
    parent_group_id: r.parent_group_id,
    ip_protocol: r.ip_protocol,
    from_port: r.from_port,
    to_port: r.to_port,
    ip_range: r.group_id ? {} : { cidr: r.cidr },
    group: source ? { name: source.name, tenant_id: source.project_id } : {},
  };
}

export const groupWire = (state: HwState, g: HwGroup) => ({
  id: g.id,
  name: g.name,
  description: g.description,
  tenant_id: g.project_id,
  rules: model.groupRuleViews(state, g.id).map((r) => ruleWire(state, r)),
});

/** Authenticates, checks the version prefix, microversion, project and IAM permissions; returns the project. */
function begin(ctx: Ctx, operation: EmulatedNovaOperation): string {
  if (ctx.params.version !== "v2" && ctx.params.version !== "v2.1") throw faults.notFound();
  const caller = authenticate(ctx, ctx.state.keys);
  const requested = microversion(ctx);
  if (requested !== undefined && requested > MAX_PROXY_VERSION && !operation.includes("Server")) throw faults.notFound();
  if (ctx.params.project !== caller.projectId) throw faults.projectMismatch(ctx.params.project, caller.projectId);
  const denied = own(ctx.state.denied, caller.principal) ?? [];
  const missing = EMULATED_NOVA_ACTIONS[operation].actions.find((a: string) => denied.includes(a));
  if (missing) throw faults.denied(missing);
  return caller.projectId;
}

function microversion(ctx: Ctx): number | undefined {
  const legacy = ctx.headers["x-openstack-nova-api-version"];
  const modern = /compute\s+([\d.]+)/i.exec(String(ctx.headers["openstack-api-version"] ?? ""))?.[1];
  const text = (typeof legacy === "string" ? legacy : undefined) ?? modern;
  if (text === undefined || text === "latest") return text === "latest" ? Infinity : undefined;
  const [major, minor] = text.split(".").map(Number);
  return major + (minor ?? 0) / 100;
}

function bodyKey(ctx: Ctx, key: string): Record<string, unknown> {
  if (!ctx.rawBody) throw faults.bad("The request body can't be empty");
  if (!ctx.body || typeof ctx.body !== "object") throw faults.bad("Malformed request body");
  const v = (ctx.body as Record<string, unknown>)[key];
  if (!v || typeof v !== "object" || Array.isArray(v)) throw faults.bad(`Missing parameter ${key}`);
  return v as Record<string, unknown>;
}

function groupFields(input: Record<string, unknown>): { name: string; description: string } {
  for (const key of ["name", "description"]) {
    const v = input[key];
    if (typeof v !== "string") throw faults.bad(`Security group ${key} is not a string or unicode`);
    if (v.length > 255) throw faults.bad(`Security group ${key} should not be greater than 255 characters.`);
  }
  return { name: input.name as string, description: input.description as string };
}

function server(ctx: Ctx, project: string) {
  const s = own(ctx.state.servers, ctx.params.server);
  if (!s || s.tenant_id !== project) throw faults.serverNotFound(ctx.params.server);
  return s;
}

function serverAction(ctx: Ctx): RouteResult {
  const b = ctx.body as Record<string, unknown> | undefined;
  const add = b?.removeSecurityGroup === undefined;
  const project = begin(ctx, add ? "addServerGroup" : "removeServerGroup");
  if (add && b?.addSecurityGroup === undefined) throw faults.bad(`There is no such action: ${Object.keys(b ?? {}).join(",")}`);
  const s = server(ctx, project);
  const arg = bodyKey(ctx, add ? "addSecurityGroup" : "removeSecurityGroup");
  if (arg.name === undefined) throw faults.bad("Security group not specified");
  if (typeof arg.name !== "string" || arg.name.trim() === "") throw faults.bad("Security group name cannot be empty");
  const g = model.groupByNameOrId(ctx.state, project, arg.name);
  if (add) {
    if (!s.security_groups.includes(g.id)) s.security_groups.push(g.id);
  } else {
    if (!s.security_groups.includes(g.id)) throw faults.notAssociated(arg.name, s.id);
    s.security_groups = s.security_groups.filter((id) => id !== g.id);
  }
  return { status: 202 };
}

const P = "/:version/:project";

export const routes: Route<HwState>[] = [
  {
    method: "GET",
    path: `${P}/os-security-groups`,
    handler(ctx) {
      const project = begin(ctx, "listGroups");
      const groups = model.projectGroups(ctx.state, project);
      return { status: 200, body: { security_groups: groups.map((g) => groupWire(ctx.state, g)) } };
    },
  },
  {
    method: "POST",
    path: `${P}/os-security-groups`,
    handler(ctx) {
      const project = begin(ctx, "createGroup");
      const { name, description } = groupFields(bodyKey(ctx, "security_group"));
      return {
        status: 200,
        body: { security_group: groupWire(ctx.state, model.createGroup(ctx.state, project, name, description, ctx.now())) },
      };
    },
  },
  {
    method: "GET",
    path: `${P}/os-security-groups/:id`,
    handler(ctx) {
      return {
        status: 200,
        body: { security_group: groupWire(ctx.state, model.visibleGroup(ctx.state, begin(ctx, "showGroup"), ctx.params.id)) },
      };
    },
  },
  {
    method: "PUT",
    path: `${P}/os-security-groups/:id`,
    handler(ctx) {
      const project = begin(ctx, "updateGroup");
      const g = model.visibleGroup(ctx.state, project, ctx.params.id);
      Object.assign(g, groupFields(bodyKey(ctx, "security_group")), { updated_at: timestamp(ctx.now()) });
      return { status: 200, body: { security_group: groupWire(ctx.state, g) } };
    },
  },
  {
    method: "DELETE",
    path: `${P}/os-security-groups/:id`,
    handler(ctx) {
      model.deleteGroup(ctx.state, begin(ctx, "deleteGroup"), ctx.params.id);
      return { status: 202 };
    },
  },
  {
    method: "POST",
    path: `${P}/os-security-group-rules`,
    handler(ctx) {
      const project = begin(ctx, "createRule");
      const input = bodyKey(ctx, "security_group_rule");
      const parent = String(input.parent_group_id ?? "");
      if (!UUID.test(parent)) throw faults.bad("Security group id should be uuid");
      model.visibleGroup(ctx.state, project, parent);
      if (input.group_id !== undefined && input.group_id !== null) {
        if (!UUID.test(String(input.group_id))) throw faults.bad("Security group id should be uuid");
        model.visibleGroup(ctx.state, project, String(input.group_id));
      }
      const rule = model.addRule(ctx.state, project, parent, model.buildRule(input), ctx.now());
      return { status: 200, body: { security_group_rule: ruleWire(ctx.state, model.ruleView(rule)!) } };
    },
  },
  {
    method: "DELETE",
    path: `${P}/os-security-group-rules/:id`,
    handler(ctx) {
      model.deleteRule(ctx.state, begin(ctx, "deleteRule"), ctx.params.id);
      return { status: 202 };
    },
  },
  {
    method: "GET",
    path: `${P}/servers/:server/os-security-groups`,
    handler(ctx) {
      const s = server(ctx, begin(ctx, "listServerGroups"));
      return { status: 200, body: { security_groups: s.security_groups.map((id) => groupWire(ctx.state, ctx.state.groups[id])) } };
    },
  },
  { method: "POST", path: `${P}/servers/:server/action`, handler: serverAction },
  {
    // Control: `{"projectId", "name"}` -> a server in the project's default group.
    method: "POST",
    path: "/_emulator/huaweicloudNova/servers",
    handler(ctx) {
      const b = ctx.body as { projectId: string; name?: string };
      return { status: 201, body: addServer(ctx.state, b.projectId, b.name ?? "server") };
    },
  },
  {
    method: "PUT",
    path: "/_emulator/huaweicloudNova/denied",
    handler(ctx) {
      const b = ctx.body as { principal: string; actions: string[] };
      setOwn(ctx.state.denied, b.principal, b.actions);
      return { status: 204 };
    },
  },
];
