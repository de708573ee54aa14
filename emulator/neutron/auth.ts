import type { RouteContext } from "../types";
import { own } from "../own";
import { errors } from "./errors";
import type { NeutronState } from "./model";

/** The project (tenant) an `X-Auth-Token` belongs to; 401 for a missing, unknown, unscoped or expired token. */
export function tenantOf(ctx: RouteContext<NeutronState>): string {
  const token = ctx.headers["x-auth-token"];
  const entry = typeof token === "string" ? own(ctx.state.tokens, token) : undefined;
  if (!entry || !entry.tenantId || entry.expires < ctx.now()) throw errors.unauthorized(ctx.baseUrl);
  return entry.tenantId;
}
