import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { canonicalRequest, parseAuthorization, parseSdkDate, signature, stringToSign } from "../../provider/huaweicloud/signer";
import type { RouteContext, RouteResult } from "../types";
import { EmulatedError } from "../types";
import type { HwState } from "./model";

/** One AK/SK pair the emulated gateway knows, and the project it belongs to. */
export interface KeyPair {
  accessKey: string;
  secretKey: string;
  projectId: string;
}

/** The caller a request was authenticated as. */
export interface Caller {
  projectId: string;
  /** The access key, or `token:<user>` for token auth; denied IAM actions are keyed by it. */
  principal: string;
}

export const DEFAULT_KEY: KeyPair = {
  accessKey: "HWEMULATORDEMOAK0001",
  secretKey: "emulator-demo-secret-key-0000000000000001",
  projectId: "0605767829804ba1b2c3d4e5f6a7b8c9",
};
const OTHER_KEY: KeyPair = {
  accessKey: "HWEMULATOROTHERAK002",
  secretKey: "emulator-other-secret-key-000000000000002",
  projectId: "1a2b3c4d5e6f40718293a4b5c6d7e8f9",
};
const SKEW_MS = 15 * 60_000;
const TOKEN_SECRET = randomBytes(32);

/** Key pairs from `--set huaweicloud.keys=AK:SK:PROJECT,...` or `SECGROUPS_EMULATOR_HUAWEICLOUD_KEYS`, else the demo pair and a second project. */
export function keyPairs(settings: Record<string, string> = {}): KeyPair[] {
  const text = settings["huaweicloud.keys"] ?? process.env.SECGROUPS_EMULATOR_HUAWEICLOUD_KEYS;
  if (!text) return [DEFAULT_KEY, OTHER_KEY];
  return text.split(",").map((entry) => {
    const [accessKey, secretKey, projectId] = entry.split(":");
    if (!accessKey || !secretKey || !/^[0-9a-f]{32}$/.test(projectId ?? ""))
      throw new Error(`huaweicloud.keys entry "${accessKey}:...": expected AK:SK:PROJECT_ID (32 hex)`);
    return { accessKey, secretKey, projectId };
  });
}

/** The gateway's own error body (APIGW.xxxx) for a request that never reached the service. */
export function gatewayError(status: number, code: string, message: string): EmulatedError {
  const requestId = randomUUID().replace(/-/g, "");
  return new EmulatedError(status, { error_msg: message, error_code: code, request_id: requestId }, { "x-request-id": requestId });
}

/** API Gateway forwards bodies of at most 12 MB (APIG FAQ "Does APIG Have a Limit on the Size of the API Request Body?"). */
export const APIG_MAX_BODY_BYTES = 12 * 1024 * 1024;

/** The gateway's answer to a request it refuses before any service sees it (APIGW.0201 "API request error"). */
export function gatewayRefusal(status: 400 | 413 | 500, message: string): RouteResult {
  const error = gatewayError(status, status === 500 ? "APIGW.0203" : "APIGW.0201", message);
  return { status, body: error.body, headers: error.headers };
}

const authFail = (detail: string) => gatewayError(401, "APIGW.0301", `Incorrect IAM authentication information: ${detail}`);

/** A token the emulator's IAM issues: self-verifying, so every listener of this process accepts it. */
export function issueToken(projectId: string, user: string, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify({ p: projectId, u: user, e: expiresAt })).toString("base64url");
  return `MII${payload}.${createHmac("sha256", TOKEN_SECRET).update(payload).digest("base64url")}`;
}

/** Authenticates a request the way API Gateway does: an `X-Auth-Token`, or an AK/SK signature over the request. */
export function authenticate(ctx: RouteContext<unknown>, keys: readonly KeyPair[]): Caller {
  const token = header(ctx, "x-auth-token");
  if (token !== undefined) return verifyToken(token, ctx.now());
  const authorization = header(ctx, "authorization");
  if (authorization === undefined) throw authFail("x-auth-token not found");
  const parsed = parseAuthorization(authorization);
  if (!parsed)
    throw authFail(
      "verify aksk signature fail, the Authorization header is not SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...",
    );
  const key = keys.find((k) => k.accessKey === parsed.accessKey);
  if (!key) throw authFail(`Get secretKey failed,ak:${parsed.accessKey},err:ak not exist`);
  const dateText = header(ctx, "x-sdk-date");
  const date = dateText === undefined ? undefined : parseSdkDate(dateText);
  if (!date || !parsed.signedHeaders.includes("x-sdk-date"))
    throw authFail("verify aksk signature fail, x-sdk-date missing, malformed or not signed");
  if (Math.abs(date.getTime() - ctx.now()) > SKEW_MS)
    throw authFail(`verify aksk signature fail, x-sdk-date ${dateText} is more than 15 minutes from the server time`);
  const headers = Object.fromEntries(parsed.signedHeaders.map((h) => [h, header(ctx, h) ?? ""]));
  const url = new URL(`${ctx.baseUrl}${ctx.path}`);
  for (const [k, v] of ctx.query) url.searchParams.append(k, v);
  const canonical = canonicalRequest({ method: ctx.method, url, headers, body: ctx.rawBody }, parsed.signedHeaders);
  if (signature(key.secretKey, stringToSign(canonical, dateText!)) !== parsed.signature) {
    throw authFail(`verify aksk signature fail, canonicalRequest: ${canonical.split("\n").join("|")}`);
  }
  const projectHeader = header(ctx, "x-project-id");
  if (projectHeader !== undefined && projectHeader !== key.projectId)
    throw authFail(`verify aksk signature fail, X-Project-Id ${projectHeader} is not a project of ak ${key.accessKey}`);
  return { projectId: key.projectId, principal: key.accessKey };
}

function verifyToken(token: string, now: number): Caller {
  const m = /^MII([\w-]+)\.([\w-]+)$/.exec(token);
  const good = m && createHmac("sha256", TOKEN_SECRET).update(m[1]).digest("base64url") === m[2];
  if (!good) throw authFail("decrypt token fail");
  const { p, u, e } = JSON.parse(Buffer.from(m[1], "base64url").toString()) as { p: string; u: string; e: number };
  if (e < now) throw authFail(`token expires, expires_at: ${new Date(e).toISOString()}`);
  return { projectId: p, principal: `token:${u}` };
}

function header(ctx: RouteContext<unknown>, name: string): string | undefined {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

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
