import { randomUUID } from "node:crypto";
import type { Route } from "../types";
import { errors } from "./errors";
import * as model from "./model";
import type { GenesisSettings, GenesisState, Operation } from "./model";
import { own } from "../own";

const CONTROL = "/_emulator/genesiscloud";

/** Test controls: settle timing, `error` on demand, forced statuses, instances that keep a group in use. */
export const controlRoutes: Route<GenesisState>[] = [
  {
    // `{"settleMs": 500, "minRules": 0, ...}`: changes the behaviours of GenesisSettings from now on.
    method: "PUT",
    path: `${CONTROL}/settings`,
    handler(ctx) {
      Object.assign(ctx.state.settings, ctx.body as Partial<GenesisSettings>);
      return { status: 200, body: ctx.state.settings };
    },
  },
  {
    // `{"operation": "create"|"update"|"any", "count": 1, "name": "<regex>"}`: the next matching changes settle in `error`.
    method: "POST",
    path: `${CONTROL}/errors`,
    handler(ctx) {
      const b = (ctx.body ?? {}) as { operation?: Operation | "any"; count?: number; name?: string };
      ctx.state.pendingErrors.push({ operation: b.operation ?? "any", remaining: b.count ?? 1, name: b.name });
      return { status: 204 };
    },
  },
  {
    // `{"status": "error"|"created"}`: sets a group's settled status at once, as a failure inside the cloud would.
    method: "POST",
    path: `${CONTROL}/groups/:id/status`,
    handler(ctx) {
      model.settleAll(ctx.state, ctx.now());
      const g = own(ctx.state.groups, ctx.params.id);
      if (!g) throw errors.notFound(ctx.params.id);
      const status = (ctx.body as { status?: string } | undefined)?.status;
      if (status !== "error" && status !== "created") throw errors.badRequest('status must be "error" or "created"');
      g.status = status;
      g.phase = null;
      return { status: 204 };
    },
  },
  {
    // `{"project": "demo-project", "securityGroupIds": [...]}`: an instance using the groups, so deleting them answers 409.
    method: "POST",
    path: `${CONTROL}/instances`,
    handler(ctx) {
      const b = ctx.body as { project: string; securityGroupIds: string[] };
      const id = randomUUID();
      ctx.state.instances[id] = { id, project: b.project, security_groups: b.securityGroupIds };
      return { status: 201, body: { id } };
    },
  },
  {
    method: "DELETE",
    path: `${CONTROL}/instances/:id`,
    handler(ctx) {
      delete ctx.state.instances[ctx.params.id];
      return { status: 204 };
    },
  },
];
