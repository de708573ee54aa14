import { createHash, randomBytes } from "node:crypto";
import { EmulatedError, RouteContext, RouteResult } from "../types";
import type { ApplicationCredential, NeutronState, NeutronUser } from "../neutron/model";

/** Keystone's error body, e.g. `{"error": {"code": 401, "message": "...", "title": "Unauthorized"}}`. */
export function keystoneError(code: number, title: string, message: string, headers: Record<string, string> = {}): EmulatedError {
  return new EmulatedError(code, { error: { code, message, title } }, headers);
}

const BAD_REQUEST_TAIL =
  "The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";
const badRequest = (what: string) => keystoneError(400, "Bad Request", `${what} ${BAD_REQUEST_TAIL}`);
const unauthorized = (ctx: RouteContext<NeutronState>, message = "The request you have made requires authentication.") =>
  keystoneError(401, "Unauthorized", message, { "www-authenticate": `Keystone uri="${ctx.baseUrl}/v3"` });

/** Deterministic 32-hex ids, so the demo credentials and project ids stay the same across restarts. */
export const hexId = (...parts: string[]) => createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 32);
export const domainId = (name: string) => (name === "Default" ? "default" : hexId("domain", name));

/** `openstack.users=name:password:project[:domain],...`: each user has a role on one project of the same domain. */
export function keystoneUsers(settings: Record<string, string> = {}): {
  users: NeutronUser[];
  applicationCredentials: ApplicationCredential[];
} {
  const users = (settings["openstack.users"] ?? "demo:demo-password:demo,other:other-password:other")
    .split(",")
    .map((u) => u.split(":"))
    .map(([username, password, projectName, domain = "Default"]) => ({
      username,
      password,
      userId: hexId("user", domain, username),
      domain,
      projectName,
      projectDomain: domain,
      tenantId: hexId("project", domain, projectName),
    }));
  // One unrestricted application credential per user, named `<user>-app`, secret `<user>-app-secret`.
  const applicationCredentials = users.map((u) => ({
    id: hexId("appcred", u.userId!),
    name: `${u.username}-app`,
    secret: `${u.username}-app-secret`,
    userId: u.userId!,
  }));
  return { users, applicationCredentials };
}

type Ref = { id?: unknown; name?: unknown; domain?: { id?: unknown; name?: unknown } };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function matchesDomain(domainName: string | undefined, ref: Ref["domain"]): boolean {
  if (!ref) return false;
  if (ref.id !== undefined) return ref.id === domainId(domainName ?? "Default");
  return ref.name === domainName;
}

/** A user named by `{id}` or `{name, domain: {id|name}}`; 400 when a name comes without its domain. */
function findUser(state: NeutronState, ref: unknown, what: string): NeutronUser | undefined {
  if (!isObject(ref)) throw badRequest(`Expecting to find user in ${what}.`);
  const r = ref as Ref;
  if (r.id !== undefined) return state.users.find((u) => u.userId === r.id);
  if (r.name === undefined) throw badRequest("Expecting to find id or name in user.");
  if (!isObject(r.domain)) throw badRequest("Expecting to find domain in user.");
  return state.users.find((u) => u.username === r.name && matchesDomain(u.domain, r.domain));
}

/** The project a scope names (`{project: {id}}` or `{project: {name, domain}}`), if this user has a role on it. */
function scopedProject(scope: unknown, user: NeutronUser): boolean {
  if (!isObject(scope) || !isObject(scope.project)) throw badRequest("Expecting to find project in scope.");
  const p = scope.project as Ref;
  if (p.id !== undefined) return p.id === user.tenantId;
  if (p.name === undefined) throw badRequest("Expecting to find id or name in project.");
  if (!isObject(p.domain)) throw badRequest("Expecting to find domain in project.");
  return p.name === user.projectName && matchesDomain(user.projectDomain, p.domain);
}

/** Keystone v3 `POST /v3/auth/tokens`: password (scoped to a project or unscoped) or application credential. */
export function issueToken(ctx: RouteContext<NeutronState>): RouteResult {
  const region = ctx.state.region;
  const auth = isObject(ctx.body) ? ctx.body.auth : undefined;
  if (!isObject(auth)) throw badRequest("Expecting to find auth in request body.");
  const identity = auth.identity;
  if (!isObject(identity)) throw badRequest("Expecting to find identity in auth.");
  const methods = identity.methods;
  if (!Array.isArray(methods) || methods.length === 0) throw badRequest("Expecting to find methods in identity.");
  if (methods.length !== 1 || (methods[0] !== "password" && methods[0] !== "application_credential")) throw unauthorized(ctx);
  const method = methods[0] as string;
  const section = identity[method];
  if (!isObject(section)) throw badRequest(`Expecting to find ${method} in identity.`);

  let user: NeutronUser | undefined;
  let appCred: ApplicationCredential | undefined;
  let scoped: boolean;
  if (method === "password") {
    user = findUser(ctx.state, section.user, "password");
    const password = isObject(section.user) ? section.user.password : undefined;
    if (!user || user.password !== password) throw unauthorized(ctx);
    scoped = auth.scope !== undefined;
    if (scoped && !scopedProject(auth.scope, user)) throw unauthorized(ctx);
  } else {
    if (auth.scope !== undefined) throw unauthorized(ctx, "Application credentials cannot request a scope.");
    if (section.id !== undefined) appCred = ctx.state.applicationCredentials.find((a) => a.id === section.id);
    else {
      if (section.name === undefined) throw badRequest("Expecting to find id or name in application_credential.");
      const owner = findUser(ctx.state, section.user, "application_credential");
      appCred = owner && ctx.state.applicationCredentials.find((a) => a.name === section.name && a.userId === owner.userId);
    }
    if (!appCred || appCred.secret !== section.secret) throw unauthorized(ctx);
    user = ctx.state.users.find((u) => u.userId === appCred!.userId)!;
    scoped = true;
  }

  const id = "gAAAAA" + randomBytes(48).toString("base64url");
  const issued = ctx.now();
  const expires = issued + 3600_000;
  ctx.state.tokens[id] = { tenantId: scoped ? user.tenantId : "", expires };
  const domain = (name = "Default") => ({ id: domainId(name), name });
  const time = (ms: number) => new Date(ms).toISOString().replace("Z", "000Z");
  const endpoint = (service: string, url: string) =>
    ["public", "internal", "admin"].map((iface) => ({
      id: hexId("endpoint", service, iface),
      interface: iface,
      region_id: region,
      url,
      region,
    }));
  const token: Record<string, unknown> = {
    methods: [method],
    user: { domain: domain(user.domain), id: user.userId, name: user.username, password_expires_at: null },
    audit_ids: [randomBytes(16).toString("base64url").slice(0, 22)],
    expires_at: time(expires),
    issued_at: time(issued),
  };
  if (scoped) {
    Object.assign(token, {
      project: { domain: domain(user.projectDomain), id: user.tenantId, name: user.projectName },
      is_domain: false,
      roles: [
        { id: hexId("role", "member"), name: "member" },
        { id: hexId("role", "reader"), name: "reader" },
      ],
      catalog: [
        { endpoints: endpoint("identity", `${ctx.baseUrl}/v3`), type: "identity", id: hexId("service", "identity"), name: "keystone" },
        { endpoints: endpoint("network", ctx.baseUrl), type: "network", id: hexId("service", "network"), name: "neutron" },
      ],
    });
    if (appCred) token.application_credential = { id: appCred.id, name: appCred.name, restricted: true };
  }
  return { status: 201, headers: { "x-subject-token": id }, body: { token } };
}

/** `GET /v3`: Keystone's version document, which keystoneauth reads before signing in. */
export function versionDocument(ctx: RouteContext<NeutronState>): RouteResult {
  return {
    status: 200,
    body: {
      version: {
        id: "v3.14",
        status: "stable",
        updated: "2020-04-07T00:00:00Z",
        links: [{ rel: "self", href: `${ctx.baseUrl}/v3/` }],
        "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }],
      },
    },
  };
}
