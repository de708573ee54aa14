import { randomBytes } from "node:crypto";
import type { RouteContext, RouteResult } from "../types";
import { errors } from "../neutron/errors";
import type { NeutronState } from "../neutron/model";

/** Keystone v2.0 `POST /v2.0/tokens`: password credentials for a known user of the tenant. */
export function issueToken(ctx: RouteContext<NeutronState>): RouteResult {
  const auth = (
    ctx.body as
      { auth?: { tenantId?: string; tenantName?: string; passwordCredentials?: { username?: string; password?: string } } } | undefined
  )?.auth;
  const creds = auth?.passwordCredentials;
  const tenantId = auth?.tenantId ?? auth?.tenantName;
  const user = ctx.state.users.find((u) => u.username === creds?.username && u.password === creds?.password && u.tenantId === tenantId);
  if (!user) throw errors.unauthorized();
  const id = randomBytes(16).toString("hex");
  const issued = new Date(ctx.now());
  const expires = new Date(ctx.now() + 12 * 3600_000);
  ctx.state.tokens[id] = { tenantId: user.tenantId, expires: expires.getTime() };
  return {
    status: 200,
    body: {
      access: {
        token: {
          id,
          expires: expires.toISOString().replace(/\.\d+Z$/, "Z"),
          issued_at: issued.toISOString().replace("Z", ""),
          tenant: { id: user.tenantId, name: user.tenantId, groupId: "emulator", description: "", enabled: true, project_domain: "NORMAL" },
        },
        serviceCatalog: [
          {
            type: "network",
            name: "neutron",
            endpoints: [{ region: ctx.state.region ?? "KR1", publicURL: ctx.baseUrl }],
            endpoints_links: [],
          },
        ],
        user: { id: user.username, username: user.username, name: user.username, roles: [{ name: "member" }], roles_links: [] },
        metadata: { roles: [], is_admin: 0 },
      },
    },
  };
}
