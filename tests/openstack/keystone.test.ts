import { useEmulatorWithEnv } from "../helpers/emulator";

// Keystone v3 as the OpenStack emulator serves it; request and answer shapes follow keystone's api-ref samples
// (api-ref/source/v3/samples/admin/auth-*.json, openstack/keystone@30ef2ffa).
const emu = useEmulatorWithEnv({ clouds: ["openstack"] });
const demo = () => emu().describe().openstack as Record<string, string>;

async function authenticate(auth: unknown): Promise<{ status: number; token?: string; body: any; headers: Headers }> {
  const res = await fetch(`${demo().authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ auth }),
  });
  return { status: res.status, token: res.headers.get("x-subject-token") ?? undefined, body: await res.json(), headers: res.headers };
}

const password = (user: Record<string, unknown>, pw = "demo-password") => ({
  methods: ["password"],
  password: { user: { ...user, password: pw } },
});
const byName = { name: "demo", domain: { name: "Default" } };
const projectScope = { project: { name: "demo", domain: { id: "default" } } };

describe("OpenStack emulator: Keystone v3 tokens", () => {
  it("issues a project-scoped token in X-Subject-Token with the network endpoint of the region in its catalog", async () => {
    const res = await authenticate({ identity: password(byName), scope: projectScope });
    expect(res.status).toBe(201);
    expect(res.token).toMatch(/^gAAAAA[\w-]{40,}$/);
    const t = res.body.token;
    expect(t.methods).toEqual(["password"]);
    expect(t.user).toEqual({
      domain: { id: "default", name: "Default" },
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: "demo",
      password_expires_at: null,
    });
    expect(t.project).toEqual({ domain: { id: "default", name: "Default" }, id: demo().projectId, name: "demo" });
    expect(t.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(t.expires_at)).toBeGreaterThan(Date.parse(t.issued_at));
    const network = t.catalog.find((s: any) => s.type === "network");
    expect(network.endpoints).toContainEqual({
      id: expect.any(String),
      interface: "public",
      region_id: "RegionOne",
      region: "RegionOne",
      url: demo().url,
    });
    expect(Object.keys(t).sort()).toEqual([
      "audit_ids",
      "catalog",
      "expires_at",
      "is_domain",
      "issued_at",
      "methods",
      "project",
      "roles",
      "user",
    ]);
  });

  it("scopes by project id and names the user by id", async () => {
    const first = await authenticate({ identity: password(byName), scope: projectScope });
    const res = await authenticate({ identity: password({ id: first.body.token.user.id }), scope: { project: { id: demo().projectId } } });
    expect(res.status).toBe(201);
    expect(res.body.token.project.id).toBe(demo().projectId);
  });

  it("signs in with an application credential by id, or by name and user, and names it in the token", async () => {
    const byId = await authenticate({
      identity: {
        methods: ["application_credential"],
        application_credential: { id: demo().applicationCredentialId, secret: demo().applicationCredentialSecret },
      },
    });
    expect(byId.status).toBe(201);
    expect(byId.body.token.application_credential).toEqual({ id: demo().applicationCredentialId, name: "demo-app", restricted: true });
    expect(byId.body.token.project.id).toBe(demo().projectId);
    const named = await authenticate({
      identity: {
        methods: ["application_credential"],
        application_credential: { name: "demo-app", secret: "demo-app-secret", user: byName },
      },
    });
    expect(named.status).toBe(201);
    const network = await fetch(`${demo().url}/v2.0/security-groups`, { headers: { "x-auth-token": named.token! } });
    expect(network.status).toBe(200);
  });

  it.each([
    ["a wrong password", { identity: password(byName, "nope"), scope: projectScope }],
    ["a project the user has no role on", { identity: password(byName), scope: { project: { name: "other", domain: { id: "default" } } } }],
    ["a user of another domain", { identity: password({ name: "demo", domain: { name: "Elsewhere" } }), scope: projectScope }],
    [
      "a wrong application credential secret",
      { identity: { methods: ["application_credential"], application_credential: { name: "demo-app", secret: "nope", user: byName } } },
    ],
  ])("refuses %s with Keystone's 401 body", async (_what, auth) => {
    const res = await authenticate(auth);
    expect(res.status).toBe(401);
    expect(res.token).toBeUndefined();
    expect(res.body).toEqual({
      error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" },
    });
    expect(res.headers.get("www-authenticate")).toBe(`Keystone uri="${demo().url}/v3"`);
  });

  it("refuses a scope on an application credential", async () => {
    const res = await authenticate({
      identity: {
        methods: ["application_credential"],
        application_credential: { id: demo().applicationCredentialId, secret: "demo-app-secret" },
      },
      scope: projectScope,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("Application credentials cannot request a scope.");
  });

  it.each([
    ["a user name without its domain", { identity: password({ name: "demo" }), scope: projectScope }, "Expecting to find domain in user."],
    [
      "a project name without its domain",
      { identity: password(byName), scope: { project: { name: "demo" } } },
      "Expecting to find domain in project.",
    ],
    ["no identity", {}, "Expecting to find identity in auth."],
  ])("answers 400 for %s", async (_what, auth, message) => {
    const res = await authenticate(auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 400, title: "Bad Request", message: expect.stringContaining(message) });
  });

  it("issues an unscoped token without catalog that Neutron refuses", async () => {
    const res = await authenticate({ identity: password(byName) });
    expect(res.status).toBe(201);
    expect(res.body.token.catalog).toBeUndefined();
    expect(res.body.token.project).toBeUndefined();
    const network = await fetch(`${demo().url}/v2.0/security-groups`, { headers: { "x-auth-token": res.token! } });
    expect(network.status).toBe(401);
  });

  it("answers version discovery for Keystone at /v3 and Neutron at /", async () => {
    const keystone: any = await (await fetch(`${demo().url}/v3`)).json();
    expect(keystone.version).toMatchObject({
      id: expect.stringMatching(/^v3\.\d+$/),
      status: "stable",
      links: [{ rel: "self", href: `${demo().url}/v3/` }],
    });
    const neutron: any = await (await fetch(`${demo().url}/`)).json();
    expect(neutron.versions).toEqual([{ status: "CURRENT", id: "v2.0", links: [{ href: `${demo().url}/v2.0`, rel: "self" }] }]);
  });

  it("keeps projects apart: another user's token sees none of the demo project's groups", async () => {
    const mine = await authenticate({ identity: password(byName), scope: projectScope });
    await fetch(`${demo().url}/v2.0/security-groups`, {
      method: "POST",
      headers: { "x-auth-token": mine.token! },
      body: JSON.stringify({ security_group: { name: "mine" } }),
    });
    const other = await authenticate({
      identity: password({ name: "other", domain: { id: "default" } }, "other-password"),
      scope: { project: { name: "other", domain: { name: "Default" } } },
    });
    const list: any = await (await fetch(`${demo().url}/v2.0/security-groups`, { headers: { "x-auth-token": other.token! } })).json();
    expect(list.security_groups.map((g: any) => g.name)).toEqual(["default"]);
  });
});
