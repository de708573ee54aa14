import { DEMO_SERVER_ID } from "../../emulator/huaweicloud/nova/model";
import { useEmulatorWithEnv } from "../helpers/emulator";
import { HwEndpoint, signedFetch } from "./signed-fetch";

const emu = useEmulatorWithEnv({ clouds: ["huaweicloudNova"] });
let ep: HwEndpoint;
const GROUPS = "/v2.1/{project_id}/os-security-groups";
const RULES = "/v2.1/{project_id}/os-security-group-rules";
const SERVER = `/v2.1/{project_id}/servers/${DEMO_SERVER_ID}`;

beforeAll(() => {
  ep = emu().describe().huaweicloudNova as HwEndpoint;
});

const call = (method: string, path: string, body?: unknown, options?: Parameters<typeof signedFetch>[4]) =>
  signedFetch(ep, method, path, body, options);
const group = async (name = "web", description = "web tier") =>
  (await call("POST", GROUPS, { security_group: { name, description } })).body.security_group;
const rule = (r: Record<string, unknown>) => call("POST", RULES, { security_group_rule: r });

describe("ECS native OpenStack Nova security groups", () => {
  it("creates (200, no rules), shows, lists sorted by name, updates and deletes (202)", async () => {
    const res = await call("POST", GROUPS, { security_group: { name: "web", description: "web tier" } });
    expect(res.status).toBe(200);
    expect(res.body.security_group).toEqual({
      id: expect.any(String),
      name: "web",
      description: "web tier",
      tenant_id: ep.projectId,
      rules: [],
    });
    const id = res.body.security_group.id;
    await group("app");
    expect((await call("GET", GROUPS)).body.security_groups.map((g: any) => g.name)).toEqual(["app", "default", "web"]);
    const upd = await call("PUT", `${GROUPS}/${id}`, { security_group: { name: "web2", description: "" } });
    expect([upd.status, upd.body.security_group.name]).toEqual([200, "web2"]);
    expect((await call("DELETE", `${GROUPS}/${id}`)).status).toBe(202);
    const gone = await call("GET", `${GROUPS}/${id}`);
    expect([gone.status, gone.body]).toEqual([404, { itemNotFound: { code: 404, message: `Security group ${id} not found.` } }]);
  });

  it.each([
    ["", 400, { badRequest: { code: 400, message: "The request body can't be empty" } }],
    [{}, 400, { badRequest: { code: 400, message: "Missing parameter security_group" } }],
    [
      { security_group: { name: "x" } },
      400,
      { badRequest: { code: 400, message: "Security group description is not a string or unicode" } },
    ],
    [
      { security_group: { name: "x".repeat(256), description: "" } },
      400,
      { badRequest: { code: 400, message: "Security group name should not be greater than 255 characters." } },
    ],
  ])("rejects create body %j", async (body, status, fault) => {
    const res = await call("POST", GROUPS, body);
    expect([res.status, res.body]).toEqual([status, fault]);
  });

  it("serves /v2/ as well as /v2.1/, and hides the proxy API from microversion 2.36 on", async () => {
    expect((await call("GET", "/v2/{project_id}/os-security-groups")).status).toBe(200);
    expect((await call("GET", "/v3/{project_id}/os-security-groups")).status).toBe(404);
    expect((await call("GET", GROUPS, undefined, { headers: { "X-OpenStack-Nova-API-Version": "2.36" } })).status).toBe(404);
    expect((await call("GET", GROUPS, undefined, { headers: { "X-OpenStack-Nova-API-Version": "2.1" } })).status).toBe(200);
  });

  it("rejects a bad signature with the gateway's APIGW.0301 and a denied IAM action with Nova's forbidden fault", async () => {
    const bad = await call("GET", GROUPS, undefined, { keys: { accessKey: ep.accessKey, secretKey: "wrong" } });
    expect([bad.status, bad.body.error_code]).toEqual([401, "APIGW.0301"]);
    await fetch(`${ep.url}/_emulator/huaweicloudNova/denied`, {
      method: "PUT",
      body: JSON.stringify({ principal: ep.accessKey, actions: ["vpc:securityGroupRules:create"] }),
    });
    const g = await group();
    const res = await rule({ parent_group_id: g.id, ip_protocol: "tcp", from_port: 22, to_port: 22 });
    expect([res.status, res.body]).toEqual([
      403,
      { forbidden: { code: 403, message: "Policy doesn't allow vpc:securityGroupRules:create to be performed." } },
    ]);
  });
});

describe("Nova security group rules", () => {
  it("creates a CIDR rule and a group rule with Nova's defaults and shapes; a duplicate is 400", async () => {
    const g = await group();
    const src = await group("src");
    const cidr = await rule({ parent_group_id: g.id, ip_protocol: "TCP", from_port: "22", to_port: 22, cidr: "10.0.0.0/8" });
    expect(cidr.status).toBe(200);
    expect(cidr.body.security_group_rule).toEqual({
      id: expect.any(String),
      parent_group_id: g.id,
      ip_protocol: "tcp",
      from_port: 22,
      to_port: 22,
      ip_range: { cidr: "10.0.0.0/8" },
      group: {},
    });
    const byGroup = await rule({ parent_group_id: g.id, ip_protocol: "udp", group_id: src.id });
    expect(byGroup.body.security_group_rule).toMatchObject({
      from_port: 1,
      to_port: 65535,
      ip_range: {},
      group: { name: "src", tenant_id: ep.projectId },
    });
    const dup = await rule({ parent_group_id: g.id, ip_protocol: "tcp", from_port: 22, to_port: 22, cidr: "10.0.0.0/8" });
    expect([dup.status, dup.body]).toEqual([400, { badRequest: { code: 400, message: `This rule already exists in group ${g.id}` } }]);
    expect((await call("GET", `${GROUPS}/${g.id}`)).body.security_group.rules).toHaveLength(2);
  });

  it.each([
    [{ ip_protocol: "tcp", from_port: 22 }, "Not enough parameters to build a valid rule."],
    [{ ip_protocol: "tcp", from_port: 90, to_port: 80 }, "Invalid port range 90:80. Former value cannot be greater than the later"],
    [{ ip_protocol: "udp", from_port: 0, to_port: 80 }, "Invalid port range 0:80. Valid UDP ports should be between 1-65535"],
    [{ ip_protocol: "icmp", from_port: -1, to_port: 256 }, "Invalid port range -1:256. For ICMP, the type:code must be valid"],
    [{ ip_protocol: "gre", from_port: 1, to_port: 2 }, "Invalid IP protocol gre."],
    [{ ip_protocol: "tcp", from_port: "a", to_port: 2 }, "Invalid input received: To and From ports must be integers"],
    [{ ip_protocol: "tcp", from_port: 1, to_port: 2, cidr: "10.0.0.0/0" }, "Bad prefix for network in cidr 10.0.0.0/0"],
    [{ ip_protocol: "tcp", from_port: 1, to_port: 2, cidr: "banana" }, "Invalid cidr banana."],
  ])("rejects %j with 400", async (input, message) => {
    const g = await group();
    const res = await rule({ parent_group_id: g.id, ...input });
    expect([res.status, res.body]).toEqual([400, { badRequest: { code: 400, message } }]);
  });

  it("needs uuids, an existing parent, and deletes with 202 then 404", async () => {
    expect((await rule({ parent_group_id: "12", ip_protocol: "tcp", from_port: 1, to_port: 2 })).body.badRequest.message).toBe(
      "Security group id should be uuid",
    );
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await rule({ parent_group_id: missing, ip_protocol: "tcp", from_port: 1, to_port: 2 })).status).toBe(404);
    const g = await group();
    const r = (await rule({ parent_group_id: g.id, ip_protocol: "icmp", from_port: -1, to_port: -1 })).body.security_group_rule;
    expect((await call("DELETE", `${RULES}/${r.id}`)).status).toBe(202);
    const again = await call("DELETE", `${RULES}/${r.id}`);
    expect([again.status, again.body.itemNotFound.message]).toEqual([404, `Security group rule ${r.id} does not exist`]);
  });
});

describe("Nova server security group actions", () => {
  it("adds a group by name, lists it, refuses to delete it while attached, removes it, and 404s a second removal", async () => {
    const g = await group("app");
    expect((await call("POST", `${SERVER}/action`, { addSecurityGroup: { name: "app" } })).status).toBe(202);
    expect((await call("GET", `${SERVER}/os-security-groups`)).body.security_groups.map((x: any) => x.name)).toEqual(["default", "app"]);
    const inUse = await call("DELETE", `${GROUPS}/${g.id}`);
    expect([inUse.status, inUse.body.badRequest.message]).toEqual([400, `Security Group ${g.id} in use.`]);
    expect((await call("POST", `${SERVER}/action`, { removeSecurityGroup: { name: g.id } })).status).toBe(202);
    const again = await call("POST", `${SERVER}/action`, { removeSecurityGroup: { name: "app" } });
    expect([again.status, again.body.itemNotFound.message]).toEqual([
      404,
      `Security group app not associated with the instance ${DEMO_SERVER_ID}`,
    ]);
  });

  it.each([
    [{ addSecurityGroup: {} }, 400, "Security group not specified"],
    [{ addSecurityGroup: { name: " " } }, 400, "Security group name cannot be empty"],
    [{ addSecurityGroup: { name: "nope" } }, 404, "Security group nope is not found for project "],
  ])("rejects %j", async (body, status, message) => {
    const res = await call("POST", `${SERVER}/action`, body);
    expect(res.status).toBe(status);
    expect(Object.values(res.body as Record<string, { message: string }>)[0].message).toContain(message);
  });

  it("answers 409 for an ambiguous name and 404 for an unknown server", async () => {
    await group("twin");
    await group("twin");
    const res = await call("POST", `${SERVER}/action`, { addSecurityGroup: { name: "twin" } });
    expect([res.status, res.body.conflictingRequest.message]).toEqual([
      409,
      "Multiple security groups found matching 'twin'. Use an ID to be more specific.",
    ]);
    const nope = await call("GET", "/v2.1/{project_id}/servers/00000000-0000-4000-8000-000000000000/os-security-groups");
    expect([nope.status, nope.body.itemNotFound.message]).toEqual([
      404,
      "Instance 00000000-0000-4000-8000-000000000000 could not be found.",
    ]);
  });
});
