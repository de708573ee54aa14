import { randomUUID } from "node:crypto";
import type { Route, RouteContext } from "../types";
import { own } from "../own";
import { errors } from "./errors";
import { listResponse, selectFields } from "./listing";
import * as model from "./model";
import type { NeutronGroup, NeutronRule, NeutronState } from "./model";
import type { NeutronProfile } from "./profile";
import { tenantOf } from "./auth";

type Ctx = RouteContext<NeutronState>;

const GROUP_FILTERS = ["id", "tenant_id", "project_id", "name", "description", "stateful", "revision_number"];
const GROUP_SORTS = ["id", "name", "tenant_id", "project_id"];
const RULE_FILTERS = [
  "id",
  "security_group_id",
  "direction",
  "protocol",
  "ethertype",
  "port_range_min",
  "port_range_max",
  "remote_ip_prefix",
  "remote_group_id",
  "description",
  "tenant_id",
  "project_id",
  "revision_number",
];
const RULE_SORTS = [
  "direction",
  "ethertype",
  "id",
  "port_range_max",
  "port_range_min",
  "protocol",
  "remote_group_id",
  "remote_ip_prefix",
  "security_group_id",
  "tenant_id",
  "project_id",
];

/** Every field upstream Neutron answers for a rule; a profile keeps those its cloud shows. */
export function fullRuleWire(state: NeutronState, r: NeutronRule): Record<string, unknown> {
  return {
    ...r,
    remote_address_group_id: null,
    project_id: r.tenant_id,
    belongs_to_default_sg: own(state.defaultGroups, r.tenant_id) === r.security_group_id,
  };
}

/** Every field upstream Neutron answers for a group, its rules included, before the profile shapes them. */
export function fullGroupWire(state: NeutronState, g: NeutronGroup): Record<string, unknown> {
  return {
    ...g,
    project_id: g.tenant_id,
    security_group_rules: model.groupRules(state, g.id).map((r) => fullRuleWire(state, r)),
    tags: [],
    shared: false,
  };
}

function bodyObject(ctx: Ctx, key: string): Record<string, unknown> {
  if (!ctx.rawBody) throw errors.badRequest("Resource body required");
  if (ctx.body === undefined) throw errors.badRequest("Body contains invalid data");
  const inner = (ctx.body as Record<string, unknown>)[key];
  if (!inner || typeof inner !== "object" || Array.isArray(inner)) throw errors.badRequest(`Unable to find '${key}' in request body`);
  return inner as Record<string, unknown>;
}

function groupInput(input: Record<string, unknown>, forUpdate: boolean) {
  for (const k of Object.keys(input)) {
    if (["id", "security_group_rules", "tenant_id", "project_id"].includes(k) && forUpdate)
      throw errors.badRequest(`Cannot update read-only attribute ${k}`);
  }
  for (const k of ["name", "description"]) {
    const v = input[k];
    if (v !== undefined && typeof v !== "string") throw errors.invalidInput(k, `'${v}' is not a valid string`);
    if (typeof v === "string" && v.length > 255) throw errors.invalidInput(k, `'${v.slice(0, 20)}...' exceeds maximum length of 255`);
  }
  if (input.stateful !== undefined && typeof input.stateful !== "boolean")
    throw errors.invalidInput("stateful", `'${input.stateful}' is not a valid boolean value`);
  return {
    name: input.name as string | undefined,
    description: input.description as string | undefined,
    stateful: input.stateful as boolean | undefined,
  };
}

const path = (ctx: Ctx) => `${ctx.baseUrl}${ctx.path}`;

/** A port as Neutron's port API answers it (the emulator's ports have no network or address of their own). */
function fullPortWire(p: NeutronState["ports"][string]): Record<string, unknown> {
  const address = { subnet_id: EMULATED_SUBNET, ip_address: `192.168.0.${(parseInt(p.id.slice(0, 2), 16) % 250) + 4}` };
  return {
    ...p,
    project_id: p.tenant_id,
    name: "",
    status: "ACTIVE",
    admin_state_up: true,
    device_owner: "compute:nova",
    device_id: "",
    network_id: EMULATED_NETWORK,
    mac_address: macOf(p.id),
    fixed_ips: [address],
  };
}

const EMULATED_NETWORK = "00000000-0000-4000-8000-00000000e0e0";
const EMULATED_SUBNET = "00000000-0000-4000-8000-00000000e0e1";
const macOf = (id: string) => `fa:16:3e:${id.replace(/-/g, "").slice(0, 6).match(/../g)!.join(":")}`;

/** NHN's own listing of the ports using a group (not in upstream Neutron, whose clients ask `GET /v2.0/ports`). */
function securityGroupPortsRoute(profile: NeutronProfile): Route<NeutronState> {
  return {
    method: "GET",
    path: "/v2.0/security-group-ports",
    handler(ctx) {
      const tenant = tenantOf(ctx);
      const groupId = ctx.query.get("security_group_id");
      if (!groupId) throw errors.badRequest("security_group_id is required");
      const ports = model.portsUsing(ctx.state, groupId).filter((p) => p.tenant_id === tenant);
      return { status: 200, body: { security_group_ports: ports.map((p) => profile.portWire(fullPortWire(p))) } };
    },
  };
}

/** The Neutron v2.0 security-group routes, answering in the profile's shape, plus the profile's identity routes. */
export function neutronRoutes(profile: NeutronProfile): Route<NeutronState>[] {
  const ruleWire = (state: NeutronState, r: NeutronRule) => profile.ruleWire(fullRuleWire(state, r));
  const groupWire = (state: NeutronState, g: NeutronGroup) => {
    const full = fullGroupWire(state, g);
    return profile.groupWire({
      ...full,
      security_group_rules: (full.security_group_rules as Record<string, unknown>[]).map(profile.ruleWire),
    });
  };
  return [
    ...profile.identityRoutes,
    {
      method: "GET",
      path: "/",
      handler: (ctx) => ({
        status: 200,
        body: { versions: [{ status: "CURRENT", id: "v2.0", links: [{ href: `${ctx.baseUrl}/v2.0`, rel: "self" }] }] },
      }),
    },
    {
      method: "GET",
      path: "/v2.0/security-groups",
      handler(ctx) {
        const tenant = tenantOf(ctx);
        model.ensureDefaultGroup(ctx.state, tenant, ctx.now());
        const groups = Object.values(ctx.state.groups)
          .filter((g) => g.tenant_id === tenant)
          .map((g) => groupWire(ctx.state, g));
        return {
          status: 200,
          body: listResponse(groups, ctx.query, "security_groups", path(ctx), GROUP_FILTERS, GROUP_SORTS, ctx.state.pageSize ?? 0),
        };
      },
    },
    {
      method: "POST",
      path: "/v2.0/security-groups",
      handler(ctx) {
        const tenant = tenantOf(ctx);
        const g = model.createGroup(ctx.state, tenant, groupInput(bodyObject(ctx, "security_group"), false), ctx.now());
        return { status: 201, body: { security_group: groupWire(ctx.state, g) } };
      },
    },
    {
      method: "GET",
      path: "/v2.0/security-groups/:id",
      handler(ctx) {
        const g = model.visibleGroup(ctx.state, tenantOf(ctx), ctx.params.id);
        return { status: 200, body: { security_group: selectFields(groupWire(ctx.state, g), ctx.query) } };
      },
    },
    {
      method: "PUT",
      path: "/v2.0/security-groups/:id",
      handler(ctx) {
        const g = model.updateGroup(
          ctx.state,
          tenantOf(ctx),
          ctx.params.id,
          groupInput(bodyObject(ctx, "security_group"), true),
          ctx.now(),
        );
        return { status: 200, body: { security_group: groupWire(ctx.state, g) } };
      },
    },
    {
      method: "DELETE",
      path: "/v2.0/security-groups/:id",
      handler(ctx) {
        model.deleteGroup(ctx.state, tenantOf(ctx), ctx.params.id);
        return { status: 204 };
      },
    },
    {
      method: "GET",
      path: "/v2.0/security-group-rules",
      handler(ctx) {
        const tenant = tenantOf(ctx);
        model.ensureDefaultGroup(ctx.state, tenant, ctx.now());
        const rules = Object.values(ctx.state.rules)
          .filter((r) => r.tenant_id === tenant)
          .map((r) => ruleWire(ctx.state, r));
        return {
          status: 200,
          body: listResponse(rules, ctx.query, "security_group_rules", path(ctx), RULE_FILTERS, RULE_SORTS, ctx.state.pageSize ?? 0),
        };
      },
    },
    {
      method: "POST",
      path: "/v2.0/security-group-rules",
      handler(ctx) {
        const tenant = tenantOf(ctx);
        const body = ctx.body as Record<string, unknown> | undefined;
        if (!ctx.rawBody) throw errors.badRequest("Resource body required");
        if (!body) throw errors.badRequest("Body contains invalid data");
        if (Array.isArray(body.security_group_rules)) {
          const created = model.createRules(ctx.state, tenant, body.security_group_rules as Record<string, unknown>[], ctx.now());
          return { status: 201, body: { security_group_rules: created.map((r) => ruleWire(ctx.state, r)) } };
        }
        const [rule] = model.createRules(ctx.state, tenant, [bodyObject(ctx, "security_group_rule")], ctx.now());
        return { status: 201, body: { security_group_rule: ruleWire(ctx.state, rule) } };
      },
    },
    {
      method: "GET",
      path: "/v2.0/security-group-rules/:id",
      handler(ctx) {
        const tenant = tenantOf(ctx);
        const r = own(ctx.state.rules, ctx.params.id);
        if (!r || r.tenant_id !== tenant) throw errors.ruleNotFound(ctx.params.id);
        return { status: 200, body: { security_group_rule: selectFields(ruleWire(ctx.state, r), ctx.query) } };
      },
    },
    {
      method: "DELETE",
      path: "/v2.0/security-group-rules/:id",
      handler(ctx) {
        model.deleteRule(ctx.state, tenantOf(ctx), ctx.params.id);
        return { status: 204 };
      },
    },
    {
      method: "GET",
      path: "/v2.0/ports",
      handler(ctx) {
        const tenant = tenantOf(ctx);
        const wanted = ctx.query.getAll("security_groups");
        const ports = Object.values(ctx.state.ports).filter(
          (p) => p.tenant_id === tenant && wanted.every((g) => p.security_groups.includes(g)),
        );
        const query = new URLSearchParams([...ctx.query].filter(([k]) => k !== "security_groups"));
        return {
          status: 200,
          body: listResponse(
            ports.map((p) => profile.portWire(fullPortWire(p))),
            query,
            "ports",
            path(ctx),
            ["id", "tenant_id", "project_id", "device_id", "device_owner"],
            ["id"],
            ctx.state.pageSize ?? 0,
          ),
        };
      },
    },
    ...(profile.securityGroupPorts ? [securityGroupPortsRoute(profile)] : []),
    {
      // Control: attach a port to groups so that deleting them answers "in use"; `{"tenantId", "securityGroupIds"}`.
      method: "POST",
      path: `/_emulator/${profile.cloud}/ports`,
      handler(ctx) {
        const b = ctx.body as { tenantId: string; securityGroupIds: string[] };
        const id = randomUUID();
        ctx.state.ports[id] = { id, tenant_id: b.tenantId, security_groups: b.securityGroupIds };
        return { status: 201, body: { id } };
      },
    },
    {
      method: "DELETE",
      path: `/_emulator/${profile.cloud}/ports/:id`,
      handler(ctx) {
        delete ctx.state.ports[ctx.params.id];
        return { status: 204 };
      },
    },
  ];
}
