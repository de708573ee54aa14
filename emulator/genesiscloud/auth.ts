import type { RouteContext } from "../types";
import { errors } from "./errors";
import type { GenesisState } from "./model";
import { own } from "../own";

/**
 * The project an API token belongs to. Current Genesis docs use `Authorization: Bearer <token>`; older
 * docs and the Go client send `X-Auth-Token: <token>`; both are accepted. 401 for a missing or unknown token.
 */
export function projectOf(ctx: RouteContext<GenesisState>): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ""))?.[1];
  const legacy = ctx.headers["x-auth-token"];
  const token = bearer ?? (typeof legacy === "string" ? legacy : undefined);
  const project = token === undefined ? undefined : own(ctx.state.tokens, token);
  if (project === undefined) throw errors.unauthorized();
  return project;
}
