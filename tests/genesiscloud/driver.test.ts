import { SecgroupsError } from "../../provider/core/errors";
import * as api from "../../provider/genesiscloud/api-client";
import { connect } from "../../provider/genesiscloud/connection";
import { genesisEnv, setEnv, useEmulatorWithEnv } from "../helpers/emulator";
import { genesisCaller, genesisSettings } from "./wire";

const tcp22 = { protocol: "tcp" as const, direction: "ingress" as const, port_range_min: 22, port_range_max: 22 };
const emulator = useEmulatorWithEnv({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "0" } }, genesisEnv);

describe("genesiscloud api client against the emulator", () => {
  it("creates, reads, patches and deletes with one call each", async () => {
    const c = connect().client;
    const g = await api.createGroup(c, { name: "web", description: "d", rules: [tcp22] });
    expect(g).toMatchObject({ name: "web", description: "d", status: "creating", rules: [tcp22] });
    expect((await api.getGroup(c, g.id)).status).toBe("created");
    expect((await api.updateGroup(c, g.id, { rules: [] as never[] }).catch((e) => e)).message).toBe(
      `update security group ${g.id} failed (PATCH /compute/v1/security-groups/${g.id} -> 400 InvalidRequest): rules must contain at least 1 rule(s)`,
    );
    expect((await api.updateGroup(c, g.id, { name: "web2" })).name).toBe("web2");
    await api.getGroup(c, g.id);
    await api.deleteGroup(c, g.id);
    expect(await emulator().counts("genesiscloud")).toEqual({
      "POST /compute/v1/security-groups": 1,
      "GET /compute/v1/security-groups/:id": 2,
      "PATCH /compute/v1/security-groups/:id": 2,
      "DELETE /compute/v1/security-groups/:id": 1,
    });
  });

  it("lists every page (per_page=100) until total_count", async () => {
    const call = genesisCaller(emulator());
    for (let i = 0; i < 130; i++) await call("POST", "/compute/v1/security-groups", { name: `g${i}`, rules: [tcp22] });
    await emulator().clearRequests("genesiscloud");
    const all = await api.listGroups(connect().client);
    expect(all).toHaveLength(131);
    expect(all[0].name).toBe("standard");
    expect(await emulator().counts("genesiscloud")).toEqual({ "GET /compute/v1/security-groups": 2 });
  });

  it("maps Genesis error bodies: 404 NotFound, 409 Conflict, 401 Unauthorized, naming the call and the cloud's code", async () => {
    const c = connect().client;
    const missing = await api.getGroup(c, "nope").catch((e) => e);
    expect(missing).toBeInstanceOf(SecgroupsError);
    expect(missing).toMatchObject({
      code: "NotFound",
      message: "read security group nope failed (GET /compute/v1/security-groups/nope -> 404 NotFound): security group nope not found",
    });
    await genesisSettings(emulator(), { settleMs: 5000 });
    const g = await api.createGroup(c, { name: "busy", description: "", rules: [tcp22] });
    const busy = await api.deleteGroup(c, g.id).catch((e) => e);
    expect(busy).toMatchObject({
      code: "Conflict",
      message: `delete security group ${g.id} failed (DELETE /compute/v1/security-groups/${g.id} -> 409 Conflict): security group ${g.id} is creating; wait until its status is created or error before changing it`,
    });
    const restoreToken = setEnv({ GENESISCLOUD_TOKEN: "wrong-token" });
    try {
      const denied = await api.listGroups(connect().client).catch((e) => e);
      expect(denied).toMatchObject({
        code: "Unauthorized",
        message:
          "list security groups failed (GET /compute/v1/security-groups -> 401 Unauthorized): invalid or missing API token: send Authorization: Bearer <token> (or the legacy X-Auth-Token header); the credentials in use come from environment variable GENESISCLOUD_TOKEN: check them",
      });
      expect(denied.message).not.toContain("wrong-token");
    } finally {
      restoreToken();
    }
  });

  it("names the variables to set when no token is configured", () => {
    const restoreToken = setEnv({ GENESISCLOUD_TOKEN: undefined });
    try {
      expect(() => connect()).toThrow(
        new SecgroupsError(
          "Configuration",
          { operation: "Genesis Cloud configuration" },
          "missing GENESISCLOUD_TOKEN (or `pulumi config set --secret secgroups:genesiscloudToken ...`)",
        ),
      );
    } finally {
      restoreToken();
    }
  });

  it("sends the token as Authorization: Bearer (a project that only accepts it answers)", async () => {
    const seen: string[] = [];
    const http = await import("node:http");
    const server = http.createServer((req, res) => {
      seen.push(`${req.headers.authorization ?? ""}|${req.headers["x-auth-token"] ?? ""}`);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ security_groups: [], total_count: 0, page: 1, per_page: 100 }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const restoreUrl = setEnv({ GENESISCLOUD_ENDPOINT: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
    try {
      expect(await api.listGroups(connect().client)).toEqual([]);
      expect(seen).toEqual(["Bearer demo-token|"]);
    } finally {
      restoreUrl();
      server.close();
    }
  });
});
