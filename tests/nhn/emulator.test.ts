import * as fs from "node:fs";
import * as path from "node:path";
import { useEmulatorWithEnv } from "../helpers/emulator";
import { GroupEnvelope, GroupList, RuleEnvelope, RuleList } from "../../provider/neutron/wire-schemas";

const emu = useEmulatorWithEnv({ clouds: ["nhn"] });

async function token(user = "demo"): Promise<string> {
  const res = await fetch(`${emu().url("nhn")}/v2.0/tokens`, {
    method: "POST",
    body: JSON.stringify({ auth: { tenantId: `${user}-tenant`, passwordCredentials: { username: user, password: `${user}-password` } } }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).access.token.id;
}

async function api(method: string, p: string, body?: unknown, user = "demo") {
  const res = await fetch(`${emu().url("nhn")}${p}`, {
    method,
    headers: { "x-auth-token": await token(user) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const newGroup = async (name = "web", user = "demo") =>
  (await api("POST", "/v2.0/security-groups", { security_group: { name } }, user)).body.security_group;

describe("NHN emulator: identity", () => {
  it("issues a token with a network endpoint in the service catalog", async () => {
    const res = await fetch(`${emu().url("nhn")}/v2.0/tokens`, {
      method: "POST",
      body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } } }),
    });
    const body: any = await res.json();
    expect(body.access.serviceCatalog).toEqual([
      expect.objectContaining({ type: "network", endpoints: [{ region: "KR1", publicURL: emu().url("nhn") }] }),
    ]);
    expect(body.access.token.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("refuses a wrong password with Keystone's 401 body", async () => {
    const res = await fetch(`${emu().url("nhn")}/v2.0/tokens`, {
      method: "POST",
      body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "nope" } } }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." },
    });
  });

  it("refuses network calls without a valid token", async () => {
    const res = await fetch(`${emu().url("nhn")}/v2.0/security-groups`, { headers: { "x-auth-token": "forged" } });
    expect(res.status).toBe(401);
  });
});

describe("NHN emulator: security groups", () => {
  it("creates a group with Neutron's two default egress rules", async () => {
    const { status, body } = await api("POST", "/v2.0/security-groups", { security_group: { name: "web", description: "d" } });
    expect(status).toBe(201);
    const rules = body.security_group.security_group_rules;
    expect(rules.map((r: any) => [r.direction, r.ethertype, r.protocol, r.remote_ip_prefix])).toEqual([
      ["egress", "IPv4", null, null],
      ["egress", "IPv6", null, null],
    ]);
  });

  it("creates the project's default group lazily with its four rules", async () => {
    const { body } = await api("GET", "/v2.0/security-groups?name=default");
    expect(body.security_groups).toHaveLength(1);
    expect(body.security_groups[0].security_group_rules).toHaveLength(4);
  });

  it("reserves the name default", async () => {
    const { status, body } = await api("POST", "/v2.0/security-groups", { security_group: { name: "Default" } });
    expect(status).toBe(409);
    expect(body).toEqual({
      NeutronError: { type: "SecurityGroupDefaultAlreadyExists", message: "Default security group already exists.", detail: "" },
    });
  });

  it("isolates tenants: another tenant's group is not found", async () => {
    const g = await newGroup("mine");
    const { status, body } = await api("GET", `/v2.0/security-groups/${g.id}`, undefined, "other");
    expect(status).toBe(404);
    expect(body.NeutronError.type).toBe("SecurityGroupNotFound");
  });

  it("updates name and description, refuses read-only attributes", async () => {
    const g = await newGroup();
    expect((await api("PUT", `/v2.0/security-groups/${g.id}`, { security_group: { name: "web2" } })).body.security_group.name).toBe("web2");
    const bad = await api("PUT", `/v2.0/security-groups/${g.id}`, { security_group: { id: "x" } });
    expect(bad).toEqual({
      status: 400,
      body: { NeutronError: { type: "HTTPBadRequest", message: "Cannot update read-only attribute id", detail: "" } },
    });
  });

  it("answers 409 SecurityGroupInUse for a group attached to a port", async () => {
    const g = await newGroup();
    await fetch(`${emu().url("nhn")}/_emulator/nhn/ports`, {
      method: "POST",
      body: JSON.stringify({ tenantId: "demo-tenant", securityGroupIds: [g.id] }),
    });
    const res = await api("DELETE", `/v2.0/security-groups/${g.id}`);
    expect(res).toEqual({
      status: 409,
      body: { NeutronError: { type: "SecurityGroupInUse", message: `Security Group ${g.id} in use.`, detail: "" } },
    });
    expect((await api("GET", `/v2.0/security-group-ports?security_group_id=${g.id}`)).body.security_group_ports).toHaveLength(1);
  });

  it("filters, selects fields, sorts and paginates with limit/marker", async () => {
    for (const n of ["c", "a", "b"]) await newGroup(n);
    const page1 = (await api("GET", "/v2.0/security-groups?sort_key=name&sort_dir=asc&limit=2&fields=name&fields=id")).body;
    expect(page1.security_groups.map((g: any) => g.name)).toEqual(["a", "b"]);
    expect(Object.keys(page1.security_groups[0]).sort()).toEqual(["id", "name"]);
    const next = page1.security_groups_links.find((l: any) => l.rel === "next").href as string;
    const page2 = (await api("GET", next.replace(emu().url("nhn"), ""))).body;
    expect(page2.security_groups.map((g: any) => g.name)).toEqual(["c", "default"]);
    expect((await api("GET", "/v2.0/security-groups?name=b&name=c")).body.security_groups).toHaveLength(2);
    expect((await api("GET", "/v2.0/security-groups?sort_key=bogus&sort_dir=asc")).body.NeutronError.message).toBe(
      "['bogus'] is invalid attribute for sort_keys",
    );
    expect((await api("GET", "/v2.0/security-groups?sort_key=name")).body.NeutronError.message).toBe(
      "The number of sort_keys and sort_dirs must be same",
    );
    expect((await api("GET", "/v2.0/security-groups?sort_key=name&sort_dir=up")).body.NeutronError.message).toBe(
      "['up'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'",
    );
  });
});

describe("NHN emulator: rules", () => {
  const rule = (sg: string, extra: object = {}) => ({
    security_group_id: sg,
    direction: "ingress",
    protocol: "tcp",
    port_range_min: 22,
    port_range_max: 22,
    remote_ip_prefix: "10.0.0.0/8",
    ...extra,
  });

  it("bulk-creates rules atomically", async () => {
    const g = await newGroup();
    const ok = await api("POST", "/v2.0/security-group-rules", {
      security_group_rules: [rule(g.id), rule(g.id, { port_range_min: 80, port_range_max: 80 })],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.security_group_rules).toHaveLength(2);
    const bad = await api("POST", "/v2.0/security-group-rules", {
      security_group_rules: [rule(g.id, { port_range_min: 443, port_range_max: 443 }), rule(g.id, { protocol: "bogus" })],
    });
    expect(bad.status).toBe(400);
    expect((await api("GET", `/v2.0/security-group-rules?security_group_id=${g.id}`)).body.security_group_rules).toHaveLength(4);
  });

  it("names the existing rule in SecurityGroupRuleExists, ignoring description and treating tcp as 6", async () => {
    const g = await newGroup();
    const first = (await api("POST", "/v2.0/security-group-rules", { security_group_rule: rule(g.id, { description: "a" }) })).body
      .security_group_rule;
    const dup = await api("POST", "/v2.0/security-group-rules", { security_group_rule: rule(g.id, { protocol: "6", description: "b" }) });
    expect(dup).toEqual({
      status: 409,
      body: {
        NeutronError: {
          type: "SecurityGroupRuleExists",
          message: `Security group rule already exists. Rule id is ${first.id}.`,
          detail: "",
        },
      },
    });
  });

  it("treats a null remote as the ethertype's world CIDR when looking for duplicates", async () => {
    const g = await newGroup();
    const dup = await api("POST", "/v2.0/security-group-rules", {
      security_group_rule: { security_group_id: g.id, direction: "egress", ethertype: "IPv4", remote_ip_prefix: "0.0.0.0/0" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.NeutronError.type).toBe("SecurityGroupRuleExists");
  });

  it("refuses duplicates inside one POST", async () => {
    const g = await newGroup();
    const res = await api("POST", "/v2.0/security-group-rules", { security_group_rules: [rule(g.id), rule(g.id)] });
    expect(res.body).toEqual({
      NeutronError: { type: "DuplicateSecurityGroupRuleInPost", message: "Duplicate Security Group Rule in POST.", detail: "" },
    });
  });

  it.each([
    [{ direction: "up" }, 400, "InvalidInput", "Invalid input for direction. Reason: 'up' is not in ['ingress', 'egress']."],
    [{ protocol: null }, 400, "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given."],
    [
      { port_range_min: 90, port_range_max: 80 },
      400,
      "SecurityGroupInvalidPortRange",
      "For TCP/UDP protocols, port_range_min must be <= port_range_max",
    ],
    [{ remote_ip_prefix: "10.0.0.0/99" }, 400, "InvalidCIDR", "Invalid CIDR 10.0.0.0/99 given as IP prefix."],
    [{ remote_ip_prefix: "::/0" }, 400, "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv4 for CIDR ::/0"],
    [
      { protocol: "icmp", port_range_min: 300, port_range_max: 0 },
      400,
      "SecurityGroupInvalidIcmpValue",
      "Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.",
    ],
    [
      { protocol: "ipv6-icmp", port_range_min: null, port_range_max: null },
      400,
      "SecurityGroupEthertypeConflictWithProtocol",
      "Invalid ethertype IPv4 for protocol ipv6-icmp.",
    ],
    // Messages as upstream Neutron words them (neutron@2131d26f neutron/extensions/securitygroup.py, securitygroups_db.py).
    [
      { remote_group_id: "5d0a0000-0000-0000-0000-000000000000" },
      400,
      "SecurityGroupMultipleRemoteEntites",
      "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.",
    ],
    [
      { protocol: "gre" },
      400,
      "SecurityGroupInvalidProtocolForPort",
      "Ports cannot be specified for protocol 47. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.",
    ],
    [{ port_range_min: 0, port_range_max: 0 }, 400, "SecurityGroupInvalidPortValue", "Invalid value for port 0"],
    [{ port_range_min: 70000, port_range_max: 70000 }, 400, "SecurityGroupInvalidPortValue", "Invalid value for port 70000"],
  ])("validates %p", async (extra, status, type, message) => {
    const g = await newGroup();
    const res = await api("POST", "/v2.0/security-group-rules", { security_group_rule: rule(g.id, extra) });
    expect(res).toEqual({ status, body: { NeutronError: { type, message, detail: "" } } });
  });

  it("has no rule update route and answers 501 naming method and path", async () => {
    const res = await api("PUT", "/v2.0/security-group-rules/abc", { security_group_rule: {} });
    expect(res.status).toBe(501);
    expect(res.body.NeutronError.message).toBe("emulator: no route for PUT /v2.0/security-group-rules/abc");
  });

  it("accepts the .json suffix", async () => {
    expect((await api("GET", "/v2.0/security-groups.json")).status).toBe(200);
  });
});

describe("NHN emulator: the seed's example payloads", () => {
  // A copy of ../shared/seeds/000_22e67ac9d15a5347.nhn-cloud-network-security-groups-v2.md, the API document NHN support started from.
  const seed = fs.readFileSync(path.join(__dirname, "fixtures/seed-000-nhn-security-groups-v2.md"), "utf8");
  const blocks = [...seed.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);

  it("every response example parses with the provider's wire schemas (one seed example is malformed JSON)", () => {
    const malformed: number[] = [];
    let parsed = 0;
    blocks.forEach((text, i) => {
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        malformed.push(i);
        return;
      }
      const schema = body.security_groups
        ? GroupList
        : body.security_group?.id
          ? GroupEnvelope
          : body.security_group_rules
            ? RuleList
            : body.security_group_rule?.id
              ? RuleEnvelope
              : undefined;
      if (schema) {
        expect(schema.safeParse(body).success).toBe(true);
        parsed++;
      }
    });
    expect(parsed).toBe(6); // list, create and update group; list, show and create rule
    expect(malformed).toHaveLength(1); // "See the security groups" example lacks a comma between two rules
  });

  it("the request examples are accepted by the emulator", async () => {
    const requests = blocks
      .map((t) => {
        try {
          return JSON.parse(t);
        } catch {
          return undefined;
        }
      })
      .filter((b) => b && !b.security_groups && !b.security_group?.id && !b.security_group_rule?.id);
    const createGroup = requests.find((b) => b.security_group?.name === "webservers");
    const g = (await api("POST", "/v2.0/security-groups", createGroup)).body.security_group;
    const remote = await newGroup("remote");
    const ruleReq = requests.find((b) => b.security_group_rule);
    const res = await api("POST", "/v2.0/security-group-rules", {
      security_group_rule: { ...ruleReq.security_group_rule, security_group_id: g.id, remote_group_id: remote.id },
    });
    expect(res.status).toBe(201);
    expect(res.body.security_group_rule).toMatchObject({
      port_range_min: 80,
      port_range_max: 80,
      protocol: "tcp",
      remote_group_id: remote.id,
    });
    const update = requests.find((b) => b.security_group?.name === "new-webservers");
    expect((await api("PUT", `/v2.0/security-groups/${g.id}`, update)).body.security_group.name).toBe("new-webservers");
  });

  it("answers with every field the seed's examples show", async () => {
    const examples = blocks.map((t) => {
      try {
        return JSON.parse(t);
      } catch {
        return undefined;
      }
    });
    const seedGroup = examples.find((b) => b?.security_group?.id).security_group;
    const seedRule = examples.find((b) => b?.security_group_rule?.id).security_group_rule;
    const g = await newGroup("shape");
    expect(Object.keys(g)).toEqual(expect.arrayContaining(Object.keys(seedGroup)));
    expect(Object.keys(g.security_group_rules[0])).toEqual(expect.arrayContaining(Object.keys(seedRule)));
  });
});

describe("emulator controls", () => {
  it("injects a status with Retry-After, then behaves normally; counts requests by route", async () => {
    await emu().fault("nhn", { method: "GET", path: "^/v2.0/security-groups$", status: 429, retryAfter: 3, count: 1 });
    const t = await token();
    const first = await fetch(`${emu().url("nhn")}/v2.0/security-groups`, { headers: { "x-auth-token": t } });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect((await fetch(`${emu().url("nhn")}/v2.0/security-groups`, { headers: { "x-auth-token": t } })).status).toBe(200);
    expect(await emu().counts("nhn")).toEqual({ "POST /v2.0/tokens": 1, "GET /v2.0/security-groups": 2 });
  });

  it("resets the connection, and acts then drops the answer", async () => {
    const t = await token();
    await emu().fault("nhn", { method: "POST", path: "security-groups$", reset: true });
    await expect(
      fetch(`${emu().url("nhn")}/v2.0/security-groups`, {
        method: "POST",
        headers: { "x-auth-token": t },
        body: JSON.stringify({ security_group: { name: "lost" } }),
      }),
    ).rejects.toThrow();
    await emu().fault("nhn", { method: "POST", path: "security-groups$", dropAfterAct: true });
    await expect(
      fetch(`${emu().url("nhn")}/v2.0/security-groups`, {
        method: "POST",
        headers: { "x-auth-token": t },
        body: JSON.stringify({ security_group: { name: "made" } }),
      }),
    ).rejects.toThrow();
    const names = (await api("GET", "/v2.0/security-groups")).body.security_groups.map((g: any) => g.name).sort();
    expect(names).toEqual(["default", "made"]);
  });
});
