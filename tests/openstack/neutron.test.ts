import { useEmulatorWithEnv } from "../helpers/emulator";

// Upstream Neutron as the OpenStack profile answers it: every field of neutron-lib's api-ref samples
// (api-ref/source/v2/samples/security-groups/*.json, openstack/neutron-lib@6cd671a8), IPv6 accepted.
const emu = useEmulatorWithEnv({ clouds: ["openstack"], settings: { "openstack.pageSize": "3" } });
const demo = () => emu().describe().openstack as Record<string, string>;

async function token(): Promise<string> {
  const res = await fetch(`${demo().authUrl}/auth/tokens`, {
    method: "POST",
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["application_credential"],
          application_credential: { id: demo().applicationCredentialId, secret: demo().applicationCredentialSecret },
        },
      },
    }),
  });
  return res.headers.get("x-subject-token")!;
}

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(path.startsWith("http") ? path : `${demo().url}${path}`, {
    method,
    headers: { "x-auth-token": await token() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const GROUP_FIELDS = [
  "created_at",
  "description",
  "id",
  "name",
  "project_id",
  "revision_number",
  "security_group_rules",
  "shared",
  "stateful",
  "tags",
  "tenant_id",
  "updated_at",
];
const RULE_FIELDS = [
  "belongs_to_default_sg",
  "created_at",
  "description",
  "direction",
  "ethertype",
  "id",
  "port_range_max",
  "port_range_min",
  "project_id",
  "protocol",
  "remote_address_group_id",
  "remote_group_id",
  "remote_ip_prefix",
  "revision_number",
  "security_group_id",
  "tenant_id",
  "updated_at",
];

describe("OpenStack emulator: Neutron profile", () => {
  it("answers every upstream field of groups and rules", async () => {
    const created = await api("POST", "/v2.0/security-groups", { security_group: { name: "web" } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.security_group).sort()).toEqual(GROUP_FIELDS);
    expect(Object.keys(created.body.security_group.security_group_rules[0]).sort()).toEqual(RULE_FIELDS);
    const groups = (await api("GET", "/v2.0/security-groups?name=default")).body.security_groups;
    expect(groups[0].security_group_rules.every((r: any) => r.belongs_to_default_sg === true)).toBe(true);
  });

  it("accepts IPv6 rules", async () => {
    const g = (await api("POST", "/v2.0/security-groups", { security_group: { name: "v6" } })).body.security_group;
    const res = await api("POST", "/v2.0/security-group-rules", {
      security_group_rule: {
        security_group_id: g.id,
        direction: "ingress",
        ethertype: "IPv6",
        protocol: "tcp",
        port_range_min: 443,
        port_range_max: 443,
        remote_ip_prefix: "2001:db8::/32",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.security_group_rule).toMatchObject({
      ethertype: "IPv6",
      remote_ip_prefix: "2001:db8::/32",
      belongs_to_default_sg: false,
    });
  });

  it("pages lists at openstack.pageSize, with next links a client can follow to the end", async () => {
    const g = (await api("POST", "/v2.0/security-groups", { security_group: { name: "paged" } })).body.security_group;
    const rules = [80, 443, 8080, 8443].map((port) => ({
      security_group_id: g.id,
      direction: "ingress",
      protocol: "tcp",
      port_range_min: port,
      port_range_max: port,
    }));
    expect((await api("POST", "/v2.0/security-group-rules", { security_group_rules: rules })).status).toBe(201);
    const seen: string[] = [];
    let next: string | undefined = `/v2.0/security-group-rules?security_group_id=${g.id}`;
    let pages = 0;
    while (next) {
      const page: any = (await api("GET", next)).body;
      expect(page.security_group_rules.length).toBeLessThanOrEqual(3);
      seen.push(...page.security_group_rules.map((r: any) => r.id));
      next = page.security_group_rules.length ? page.security_group_rules_links?.find((l: any) => l.rel === "next")?.href : undefined;
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(6);
    const asked = await api("GET", `/v2.0/security-group-rules?security_group_id=${g.id}&limit=100`);
    expect(asked.body.security_group_rules).toHaveLength(3);
  });

  it("lists the ports using a group through GET /v2.0/ports?security_groups=", async () => {
    const g = (await api("POST", "/v2.0/security-groups", { security_group: { name: "used" } })).body.security_group;
    await fetch(`${demo().url}/_emulator/openstack/ports`, {
      method: "POST",
      body: JSON.stringify({ tenantId: demo().projectId, securityGroupIds: [g.id] }),
    });
    const ports = (await api("GET", `/v2.0/ports?security_groups=${g.id}`)).body.ports;
    expect(ports).toHaveLength(1);
    expect(ports[0]).toMatchObject({
      network_id: expect.any(String),
      mac_address: expect.stringMatching(/^fa:16:3e(:[0-9a-f]{2}){3}$/),
      fixed_ips: [{ subnet_id: expect.any(String), ip_address: expect.any(String) }],
    });
    expect((await api("DELETE", `/v2.0/security-groups/${g.id}`)).body.NeutronError.type).toBe("SecurityGroupInUse");
  });
});

it("does not serve NHN's security-group-ports listing", async () => {
  expect((await api("GET", "/v2.0/security-group-ports?security_group_id=x")).status).toBe(501);
});

it("refuses a bad token as keystonemiddleware does: Keystone's 401 body and WWW-Authenticate", async () => {
  const res = await fetch(`${demo().url}/v2.0/security-groups`, { headers: { "x-auth-token": "forged" } });
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toBe(`Keystone uri="${demo().url}"`);
  expect(await res.json()).toEqual({
    error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." },
  });
});
