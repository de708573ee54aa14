import { TestEmulator, useEmulatorWithEnv } from "../helpers/emulator";

// What NHN's guide (seed 000) says, which the NHN profile follows over upstream Neutron.
const nhn = useEmulatorWithEnv({ clouds: ["nhn"] });
const nhnIpv6 = useEmulatorWithEnv({ clouds: ["nhn"], settings: { "nhn.ipv6": "accept" } });

async function api(emu: TestEmulator, method: string, path: string, body?: unknown) {
  const auth = await fetch(`${emu.url("nhn")}/v2.0/tokens`, {
    method: "POST",
    body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } } }),
  });
  const token = ((await auth.json()) as any).access.token.id;
  const res = await fetch(`${emu.url("nhn")}${path}`, {
    method,
    headers: { "x-auth-token": token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const v6rule = (groupId: string) => ({
  security_group_rule: {
    security_group_id: groupId,
    direction: "ingress",
    ethertype: "IPv6",
    protocol: "tcp",
    port_range_min: 22,
    port_range_max: 22,
    remote_ip_prefix: "2001:db8::/32",
  },
});

describe("NHN profile", () => {
  it("refuses IPv6 rules by default ('You can create a security rule for IPv4 only')", async () => {
    const g = (await api(nhn(), "POST", "/v2.0/security-groups", { security_group: { name: "web" } })).body.security_group;
    const res = await api(nhn(), "POST", "/v2.0/security-group-rules", v6rule(g.id));
    expect(res.status).toBe(400);
    expect(res.body.NeutronError).toEqual({
      type: "SecurityGroupRuleInvalidEtherType",
      message: "Security group rule for ethertype 'IPv6' not supported. Allowed values are ['IPv4'].",
      detail: "",
    });
  });

  it("accepts IPv6 rules with nhn.ipv6=accept (upstream Neutron)", async () => {
    const g = (await api(nhnIpv6(), "POST", "/v2.0/security-groups", { security_group: { name: "web" } })).body.security_group;
    expect((await api(nhnIpv6(), "POST", "/v2.0/security-group-rules", v6rule(g.id))).status).toBe(201);
  });

  it("answers the fields the guide shows, and no others", async () => {
    const created = (await api(nhn(), "POST", "/v2.0/security-groups", { security_group: { name: "web" } })).body.security_group;
    expect(Object.keys(created).sort()).toEqual(["description", "id", "name", "security_group_rules", "tenant_id"]);
    const ruleFields = [
      "description",
      "direction",
      "ethertype",
      "id",
      "port_range_max",
      "port_range_min",
      "protocol",
      "remote_group_id",
      "remote_ip_prefix",
      "security_group_id",
      "tenant_id",
    ];
    expect(Object.keys(created.security_group_rules[0]).sort()).toEqual(ruleFields);
    const listed = (await api(nhn(), "GET", "/v2.0/security-group-rules")).body.security_group_rules;
    expect(listed.every((r: any) => Object.keys(r).sort().join() === ruleFields.join())).toBe(true);
  });

  it("answers security-group-ports with the port fields the guide shows", async () => {
    const g = (await api(nhn(), "POST", "/v2.0/security-groups", { security_group: { name: "used" } })).body.security_group;
    await fetch(`${nhn().url("nhn")}/_emulator/nhn/ports`, {
      method: "POST",
      body: JSON.stringify({ tenantId: "demo-tenant", securityGroupIds: [g.id] }),
    });
    const [port] = (await api(nhn(), "GET", `/v2.0/security-group-ports?security_group_id=${g.id}`)).body.security_group_ports;
    expect(Object.keys(port).sort()).toEqual([
      "admin_state_up",
      "device_id",
      "device_owner",
      "fixed_ips",
      "id",
      "mac_address",
      "name",
      "network_id",
      "project_id",
      "security_groups",
      "status",
      "tenant_id",
    ]);
    expect(port.fixed_ips).toEqual([{ subnet_id: expect.any(String), ip_address: expect.stringMatching(/^192\.168\.0\.\d+$/) }]);
  });
});
