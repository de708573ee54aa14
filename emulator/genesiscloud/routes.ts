import type { Route, RouteContext } from "../types";
import { errors } from "./errors";
import { projectOf } from "./auth";
import * as model from "./model";
import type { GenesisState } from "./model";
import { parseGroupBody, parsePaging } from "./validation";

type Ctx = RouteContext<GenesisState>;

const BASE = "/compute/v1/security-groups";

function body(ctx: Ctx): unknown {
  if (ctx.rawBody && ctx.body === undefined) throw errors.badRequest("request body is not valid JSON");
  return ctx.body;
}

function update(mode: "put" | "patch") {
  return (ctx: Ctx) => {
    const project = projectOf(ctx);
    const input = parseGroupBody(body(ctx), mode, ctx.state.settings);
    const g = model.updateGroup(ctx.state, project, ctx.params.id, input, ctx.now());
    return { status: 200, body: { security_group: model.groupWire(ctx.state, g, ctx.now()) } };
  };
}

/** Genesis Cloud compute API v1: security groups with their rules embedded. */
export const apiRoutes: Route<GenesisState>[] = [
  {
    method: "GET",
    path: BASE,
    handler(ctx) {
      const project = projectOf(ctx);
      const { page, perPage } = parsePaging(ctx.query, ctx.state.settings.pageSize ?? 100);
      const all = model.listGroups(ctx.state, project, ctx.now());
      const rows = all.slice((page - 1) * perPage, page * perPage).map((g) => model.groupWire(ctx.state, g, ctx.now()));
      return { status: 200, body: { security_groups: rows, total_count: all.length, page, per_page: perPage } };
    },
  },
  {
    method: "POST",
    path: BASE,
    handler(ctx) {
      const project = projectOf(ctx);
      const input = parseGroupBody(body(ctx), "create", ctx.state.settings);
      const g = model.createGroup(ctx.state, project, input, ctx.now());
      return { status: 201, body: { security_group: model.groupWire(ctx.state, g, ctx.now()) } };
    },
  },
  {
    method: "GET",
    path: `${BASE}/:id`,
    handler(ctx) {
      const g = model.visibleGroup(ctx.state, projectOf(ctx), ctx.params.id, ctx.now());
      return { status: 200, body: { security_group: model.groupWire(ctx.state, g, ctx.now()) } };
    },
  },
  { method: "PUT", path: `${BASE}/:id`, handler: update("put") },
  { method: "PATCH", path: `${BASE}/:id`, handler: update("patch") },
  {
    method: "DELETE",
    path: `${BASE}/:id`,
    handler(ctx) {
      model.deleteGroup(ctx.state, projectOf(ctx), ctx.params.id, ctx.now());
      return { status: 204 };
    },
  },
];
