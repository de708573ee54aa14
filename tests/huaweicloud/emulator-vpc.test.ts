import { issueToken } from "../../emulator/huaweicloud/auth";
import { startTestEmulator, useEmulatorWithEnv } from "../helpers/emulator";
import { HwEndpoint, signedFetch } from "./signed-fetch";

const emu = useEmulatorWithEnv({ clouds: ["huaweicloud"] });
let ep: HwEndpoint;
const GROUPS = "/v3/{project_id}/vpc/security-groups";
const RULES = "/v3/{project_id}/vpc/security-group-rules";

beforeAll(() => {
  ep = emu().describe().huaweicloud as HwEndpoint;
});

const call = (method: string, path: string, body?: unknown, options?: Parameters<typeof signedFetch>[4]) =>
  signedFetch(ep, method, path, body, options);
async function group(name = "sg-web"): Promise<any> {
  const res = await call("POST", GROUPS, { security_group: { name } });
  expect(res.status).toBe(201);
  return res.body.security_group;
}
const rule = async (groupId: string, r: Record<string, unknown>) =>
  call("POST", RULES, { security_group_rule: { security_group_id: groupId, ...r } });

describe("Huawei gateway: AK/SK verification", () => {
  it("describes its endpoint with the demo key pair and project", () => {
    expect(ep).toEqual({
      url: emu().url("huaweicloud"),
      accessKey: "HWEMULATORDEMOAK0001",
      secretKey: expect.any(String),
      projectId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it.each([
    [
      "no Authorization header",
      { tamper: (r: any) => delete r.headers.Authorization },
      "Incorrect IAM authentication information: x-auth-token not found",
    ],
    [
      "a wrong secret key",
      { keys: { accessKey: "HWEMULATORDEMOAK0001", secretKey: "wrong" } },
      "Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest: GET|",
    ],
    [
      "an unknown access key",
      { keys: { accessKey: "NOSUCHKEY", secretKey: "x" } },
      "Incorrect IAM authentication information: Get secretKey failed,ak:NOSUCHKEY,err:ak not exist",
    ],
    ["a date 20 minutes old", { date: new Date(Date.now() - 20 * 60_000) }, "more than 15 minutes from the server time"],
    ["a query changed after signing", { tamper: (r: any) => r.url.searchParams.set("limit", "5") }, "verify aksk signature fail"],
  ])("rejects %s with 401 APIGW.0301", async (_name, options, message) => {
    const res = await call("GET", GROUPS, undefined, options as never);
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe("APIGW.0301");
    expect(res.body.error_msg).toContain(message);
    expect(res.body.request_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("rejects a body changed after signing", async () => {
    const res = await call(
      "POST",
      GROUPS,
      { security_group: { name: "a" } },
      { tamper: (r) => (r.body = JSON.stringify({ security_group: { name: "b" } })) },
    );
    expect([res.status, res.body.error_code]).toEqual([401, "APIGW.0301"]);
    expect(
      await emu()
        .state("huaweicloud")
        .then((s) => Object.values(s.groups as Record<string, any>).map((g) => g.name)),
    ).toEqual(["default", "default"]);
  });

  it("accepts an IAM token as the alternative", async () => {
    const res = await fetch(`${ep.url}/v3/auth/tokens`, {
      method: "POST",
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: "demo", password: "demo-password", domain: { name: "demo-domain" } } },
          },
          scope: { project: { id: ep.projectId } },
        },
      }),
    });
    expect(res.status).toBe(201);
    const token = res.headers.get("x-subject-token")!;
    const list = await fetch(`${ep.url}/v3/${ep.projectId}/vpc/security-groups`, { headers: { "x-auth-token": token } });
    expect(list.status).toBe(200);
    const bad = await fetch(`${ep.url}/v3/${ep.projectId}/vpc/security-groups`, { headers: { "x-auth-token": `${token}x` } });
    expect(await bad.json()).toMatchObject({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information: decrypt token fail",
    });
    const expiresAt = Date.now() - 1000;
    const old = await fetch(`${ep.url}/v3/${ep.projectId}/vpc/security-groups`, {
      headers: { "x-auth-token": issueToken(ep.projectId, "demo", expiresAt) },
    });
    expect([old.status, await old.json()]).toEqual([
      401,
      expect.objectContaining({
        error_code: "APIGW.0301",
        error_msg: `Incorrect IAM authentication information: token expires, expires_at: ${new Date(expiresAt).toISOString()}`,
      }),
    ]);
  });

  it("answers 400 VPC.0007 for another project's id in the URL, and 403 for a denied IAM action", async () => {
    const res = await signedFetch(ep, "GET", "/v3/1a2b3c4d5e6f40718293a4b5c6d7e8f9/vpc/security-groups");
    expect([res.status, res.body.error_code, res.body.error_msg]).toEqual([400, "VPC.0007", "urlTenantId is not equal tokenTenantId"]);
    await fetch(`${ep.url}/_emulator/huaweicloud/denied`, {
      method: "PUT",
      body: JSON.stringify({ principal: ep.accessKey, actions: ["vpc:securityGroups:create"] }),
    });
    const denied = await call("POST", GROUPS, { security_group: { name: "x" } });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      error_code: "VPC.2201",
      error_msg: "Policy doesn't allow vpc:securityGroups:create to be performed",
    });
  });
});

describe("VPC v3 security groups", () => {
  it("creates a group with the four default rules", async () => {
    const g = await group();
    expect(g).toMatchObject({ name: "sg-web", description: "", project_id: ep.projectId, enterprise_project_id: "0" });
    expect(
      g.security_group_rules
        .map((r: any) => [r.direction, r.ethertype, r.remote_group_id === g.id, r.action, r.priority, r.protocol, r.multiport])
        .sort(),
    ).toEqual([
      ["egress", "IPv4", false, "allow", 100, null, null],
      ["egress", "IPv6", false, "allow", 100, null, null],
      ["ingress", "IPv4", true, "allow", 100, null, null],
      ["ingress", "IPv6", true, "allow", 100, null, null],
    ]);
  });

  it("answers dry_run with 202 SYS.0202 and creates nothing; a bad dry run fails as the real call would", async () => {
    const dry = await call("POST", GROUPS, { dry_run: true, security_group: { name: "ok" } });
    expect(dry.status).toBe(202);
    expect(dry.body).toMatchObject({ error_code: "SYS.0202", error_msg: "Request validation has been passed with dry run..." });
    const bad = await call("POST", GROUPS, { dry_run: true, security_group: { name: "bad name!" } });
    expect([bad.status, bad.body.error_code]).toEqual([400, "VPC.9901"]);
    expect((await call("GET", GROUPS)).body.security_groups.map((g: any) => g.name)).toEqual(["default"]);
  });

  it.each([
    [{ name: "" }, "Invalid security group name"],
    [{ name: "x".repeat(65) }, "Invalid security group name"],
    [{ name: "a b" }, "Invalid security group name"],
    [{ name: "ok", description: "<script>" }, "description cannot contain angle brackets (< or >)."],
    [{ name: "ok", description: "d".repeat(256) }, "description can contain a maximum of 255 characters."],
    [{ name: "ok", enterprise_project_id: "default" }, 'Invalid enterprise_project_id "default".'],
  ])("rejects group %j", async (input, message) => {
    const res = await call("POST", GROUPS, { security_group: input });
    expect(res.status).toBe(400);
    expect(res.body.error_msg).toContain(message);
  });

  it("accepts Chinese characters, dots and dashes in names", async () => {
    expect((await group("安全组-web.1_a")).name).toBe("安全组-web.1_a");
  });

  it("pages with limit and marker, next_marker absent on the last page, and filters with repeated keys", async () => {
    // The project's `default` group comes first.
    const ids: string[] = [(await call("GET", GROUPS)).body.security_groups[0].id];
    for (const n of ["a", "b", "c", "d"]) ids.push((await group(n)).id);
    const p1 = await call("GET", GROUPS, undefined, { query: { limit: "2" } });
    expect(p1.body.page_info).toEqual({ previous_marker: ids[0], current_count: 2, next_marker: ids[1] });
    const p3 = await call("GET", GROUPS, undefined, { query: { limit: "2", marker: ids[3] } });
    expect(p3.body.page_info).toEqual({ previous_marker: ids[4], current_count: 1 });
    const filtered = await call("GET", GROUPS, undefined, { query: { name: ["a", "c"] } });
    expect(filtered.body.security_groups.map((g: any) => g.name)).toEqual(["a", "c"]);
    expect(filtered.body.security_groups[0].security_group_rules).toBeUndefined();
    const bad = await call("GET", GROUPS, undefined, { query: { marker: "nope" } });
    expect([bad.status, bad.body.error_msg]).toEqual([400, "Invalid marker nope."]);
  });

  it("updates name and description, and reports a missing group with VPC.9904", async () => {
    const g = await group();
    const res = await call("PUT", `${GROUPS}/${g.id}`, { security_group: { name: "renamed", description: "d" } });
    expect([res.status, res.body.security_group.name, res.body.security_group.description]).toEqual([200, "renamed", "d"]);
    const missing = await call("PUT", `${GROUPS}/00000000-0000-4000-8000-000000000000`, { security_group: { name: "x" } });
    expect([missing.status, missing.body.error_code, missing.body.error_msg]).toEqual([
      404,
      "VPC.9904",
      "Security group 00000000-0000-4000-8000-000000000000 could not be found.",
    ]);
  });

  it("refuses to delete a group in use, deletes it with its rules otherwise, then answers 404", async () => {
    const g = await group();
    const port = await (
      await fetch(`${ep.url}/_emulator/huaweicloud/ports`, {
        method: "POST",
        body: JSON.stringify({ projectId: ep.projectId, securityGroupIds: [g.id] }),
      })
    ).json();
    const inUse = await call("DELETE", `${GROUPS}/${g.id}`);
    expect([inUse.status, inUse.body.error_code, inUse.body.error_msg]).toEqual([409, "VPC.9902", `Security group ${g.id} is in use.`]);
    await fetch(`${ep.url}/_emulator/huaweicloud/ports/${port.id}`, { method: "DELETE" });
    expect((await call("DELETE", `${GROUPS}/${g.id}`)).status).toBe(204);
    expect((await call("GET", RULES, undefined, { query: { security_group_id: g.id } })).body.security_group_rules).toEqual([]);
    const again = await call("DELETE", `${GROUPS}/${g.id}`);
    expect([again.status, again.body.error_msg]).toEqual([404, `Security_group ${g.id} could not be found.`]);
  });

  it("hides other projects' groups", async () => {
    const g = await group();
    const other = {
      ...ep,
      accessKey: "HWEMULATOROTHERAK002",
      secretKey: "emulator-other-secret-key-000000000000002",
      projectId: "1a2b3c4d5e6f40718293a4b5c6d7e8f9",
    };
    const res = await signedFetch(other, "GET", `${GROUPS}/${g.id}`);
    expect([res.status, res.body.error_msg]).toEqual([404, `Security group ${g.id} does not exist.`]);
  });
});

describe("VPC v3 security group rules", () => {
  it("creates a rule with multiport, action and priority, and answers a duplicate with 409 naming the rule", async () => {
    const g = await group();
    const res = await rule(g.id, {
      direction: "ingress",
      protocol: "tcp",
      multiport: "22,80-90",
      remote_ip_prefix: "10.0.0.1",
      action: "deny",
      priority: "5",
      description: "ssh",
    });
    expect(res.status).toBe(201);
    expect(res.body.security_group_rule).toMatchObject({
      multiport: "22,80-90",
      remote_ip_prefix: "10.0.0.1/32",
      action: "deny",
      priority: 5,
      ethertype: "IPv4",
      remote_group_id: null,
      remote_address_group_id: null,
    });
    const dup = await rule(g.id, {
      direction: "ingress",
      protocol: "tcp",
      multiport: "22,80-90",
      remote_ip_prefix: "10.0.0.1/32",
      action: "deny",
      priority: 5,
    });
    expect([dup.status, dup.body.error_code, dup.body.error_msg]).toEqual([
      409,
      "VPC.9902",
      `Security group rule already exists. Rule id is ${res.body.security_group_rule.id}.`,
    ]);
  });

  it.each([
    [{ direction: "up" }, 400, "Invalid direction up, allowed values are [ingress, egress]."],
    [
      { direction: "ingress", ethertype: "IPv5" },
      400,
      "Security group rule for ethertype IPv5 not supported. Allowed values are [IPv4, IPv6].",
    ],
    [{ direction: "ingress", protocol: "icmpv6" }, 400, "Protocol icmpv6 requires ethertype IPv6."],
    [{ direction: "ingress", protocol: "icmp", ethertype: "IPv6" }, 400, "Protocol icmp requires ethertype IPv4; use icmpv6."],
    [
      { direction: "ingress", protocol: "tcp", multiport: "0-10" },
      400,
      "Invalid multiport 0-10, expected a port (80), a range (1-30) or a comma list (22,3389,80) of ports 1-65535.",
    ],
    [
      { direction: "ingress", protocol: "tcp", multiport: "90-80" },
      400,
      "Invalid multiport 90-80, expected a port (80), a range (1-30) or a comma list (22,3389,80) of ports 1-65535.",
    ],
    [{ direction: "ingress", multiport: "22" }, 400, "multiport 22 is only allowed with protocol tcp or udp."],
    [{ direction: "ingress", priority: 101 }, 400, "Invalid priority 101, it must be an integer from 1 to 100."],
    [{ direction: "ingress", action: "drop" }, 400, "Invalid action drop, allowed values are [allow, deny]."],
    [{ direction: "ingress", remote_ip_prefix: "::/0" }, 400, "Conflicting value ethertype IPv4 for CIDR ::/0."],
    [
      { direction: "ingress", remote_ip_prefix: "10.0.0.0/8", remote_group_id: "x" },
      400,
      "Only one of remote_ip_prefix, remote_group_id and remote_address_group_id may be provided.",
    ],
    [
      { direction: "ingress", remote_group_id: "00000000-0000-4000-8000-000000000000" },
      404,
      "remote security group 00000000-0000-4000-8000-000000000000 could not be found.",
    ],
    [{ direction: "ingress", description: "a<b" }, 400, "description cannot contain angle brackets (< or >)."],
  ])("rejects %j", async (input, status, message) => {
    const g = await group();
    const res = await rule(g.id, input);
    expect([res.status, res.body.error_msg]).toEqual([status, message]);
  });

  it("checks remote address groups exist and match the ethertype", async () => {
    const g = await group();
    const ag = await (
      await fetch(`${ep.url}/_emulator/huaweicloud/address-groups`, {
        method: "POST",
        body: JSON.stringify({ projectId: ep.projectId, ipVersion: 6 }),
      })
    ).json();
    const res = await rule(g.id, { direction: "ingress", remote_address_group_id: ag.id });
    expect(res.body.error_msg).toBe("Ethertype IPv4 and address_group ip_version 6 not match");
    expect((await rule(g.id, { direction: "ingress", ethertype: "ipv6", remote_address_group_id: ag.id })).status).toBe(201);
  });

  it("batch-creates up to 200 rules in one call, atomically, skipping duplicates only with ignore_duplicate", async () => {
    const g = await group();
    const rules = Array.from({ length: 50 }, (_, i) => ({
      direction: "ingress",
      protocol: "tcp",
      multiport: String(1000 + i),
      remote_ip_prefix: "0.0.0.0/0",
    }));
    const batch = `${GROUPS}/${g.id}/security-group-rules/batch-create`;
    const res = await call("POST", batch, { security_group_rules: rules });
    expect([res.status, res.body.security_group_rules.length, res.body.security_group_rules[0].priority]).toEqual([201, 50, 1]);
    const dup = await call("POST", batch, { security_group_rules: [rules[0], { direction: "egress", protocol: "udp", multiport: "53" }] });
    expect([dup.status, dup.body.error_code]).toEqual([409, "VPC.9902"]);
    const ignored = await call("POST", batch, {
      security_group_rules: [rules[0], { direction: "egress", protocol: "udp", multiport: "53" }],
      ignore_duplicate: true,
    });
    expect([ignored.status, ignored.body.security_group_rules.length]).toEqual([201, 1]);
    const tooMany = await call("POST", batch, { security_group_rules: Array.from({ length: 201 }, () => rules[0]) });
    expect([tooMany.status, tooMany.body.error_msg]).toEqual([400, "security_group_rules must be a list of 1 to 200 rules."]);
    const listed = await call("GET", RULES, undefined, { query: { security_group_id: g.id, limit: "2000" } });
    expect(listed.body.security_group_rules).toHaveLength(4 + 50 + 1);
  });

  it("enforces the rule quota with 409 VPC.9905", async () => {
    const small = await startTestEmulator({ clouds: ["huaweicloud"], settings: { "huaweicloud.quota.rules": "10" } });
    try {
      const e = small.describe().huaweicloud as HwEndpoint;
      const g = (await signedFetch(e, "POST", GROUPS, { security_group: { name: "q" } })).body.security_group;
      const res = await signedFetch(e, "POST", `${GROUPS}/${g.id}/security-group-rules/batch-create`, {
        security_group_rules: [22, 80, 443].map((p) => ({ direction: "ingress", protocol: "tcp", multiport: String(p) })),
      });
      expect([res.status, res.body.error_code, res.body.error_msg]).toEqual([
        409,
        "VPC.9905",
        "Quota exceeded for resources: ['security_group_rule'].",
      ]);
    } finally {
      await small.close();
    }
  });

  it("shows, filters and deletes rules; a deleted rule is 404 VPC.9904", async () => {
    const g = await group();
    const r = (
      await rule(g.id, { direction: "egress", protocol: "udp", multiport: "53", ethertype: "IPv6", remote_ip_prefix: "2001:db8::/32" })
    ).body.security_group_rule;
    expect((await call("GET", `${RULES}/${r.id}`)).body.security_group_rule.id).toBe(r.id);
    const filtered = await call("GET", RULES, undefined, { query: { security_group_id: g.id, direction: "egress", ethertype: "ipv6" } });
    expect(filtered.body.security_group_rules.map((x: any) => String(x.multiport)).sort()).toEqual(["53", "null"]);
    expect((await call("DELETE", `${RULES}/${r.id}`)).status).toBe(204);
    const gone = await call("GET", `${RULES}/${r.id}`);
    expect([gone.status, gone.body.error_code, gone.body.error_msg]).toEqual([
      404,
      "VPC.9904",
      `Security_group_rule ${r.id} could not be found.`,
    ]);
  });
});

describe("Huawei VPC v3: rule fields of the real answers", () => {
  it("answers the boolean enabled on batch-created, shown and listed rules (cloud-custodian's recordings carry it)", async () => {
    const g = await group("sg-enabled");
    const batch = await call("POST", `${GROUPS}/${g.id}/security-group-rules/batch-create`, {
      security_group_rules: [{ direction: "ingress", protocol: "tcp", multiport: "22" }],
    });
    expect(batch.body.security_group_rules[0].enabled).toBe(true);
    const listed = await call("GET", `${RULES}?security_group_id=${g.id}`);
    expect(listed.body.security_group_rules.every((r: any) => r.enabled === true)).toBe(true);
  });
});
