import type { RouteContext } from "../types";
import { errors } from "./errors";
import * as model from "./model";
import type { Caller, ScwState } from "./model";

/** The key behind `X-Auth-Token` and the zone of the path. */
export function caller(ctx: RouteContext<ScwState>): Caller {
  const token = ctx.headers["x-auth-token"];
  if (typeof token !== "string" || token === "") throw errors.deniedAuthentication("invalid_argument");
  const key = ctx.state.keys.find((k) => k.secretKey === token);
  if (!key) throw errors.deniedAuthentication("not_found");
  model.checkZone(ctx.params.zone);
  return { key, zone: ctx.params.zone };
}
