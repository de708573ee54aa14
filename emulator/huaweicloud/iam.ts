import type { RouteContext, RouteResult } from "../types";
import { gatewayError, issueToken } from "./gateway";
import type { HwState } from "./model";

interface PasswordAuth {
  auth?: {
    identity?: { methods?: string[]; password?: { user?: { name?: string; password?: string; domain?: { name?: string } } } };
    scope?: { project?: { id?: string; name?: string } };
  };
}

/** IAM `POST /v3/auth/tokens` (password, project-scoped): the token comes back in `X-Subject-Token`. */
export function issueIamToken(ctx: RouteContext<HwState>): RouteResult {
  const auth = (ctx.body as PasswordAuth | undefined)?.auth;
  const u = auth?.identity?.password?.user;
  const user = ctx.state.users.find((x) => x.name === u?.name && x.password === u?.password && x.domain === u?.domain?.name);
  if (!auth?.identity?.methods?.includes("password") || !user) {
    throw gatewayError(401, "APIGW.0301", "Incorrect IAM authentication information: the username or password is incorrect");
  }
  const scope = auth.scope?.project;
  if (scope?.id !== undefined && scope.id !== user.projectId)
    throw gatewayError(
      401,
      "APIGW.0301",
      `Incorrect IAM authentication information: project ${scope.id} is not a project of user ${user.name}`,
    );
  const expires = ctx.now() + 24 * 3600_000;
  const token = issueToken(user.projectId, user.name, expires);
  return {
    status: 201,
    headers: { "x-subject-token": token },
    body: {
      token: {
        methods: ["password"],
        expires_at: new Date(expires).toISOString(),
        issued_at: new Date(ctx.now()).toISOString(),
        user: { name: user.name, domain: { name: user.domain } },
        project: { id: user.projectId, name: scope?.name ?? "emulator-region" },
      },
    },
  };
}
