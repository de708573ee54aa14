import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/nhn/provider";
import { SecgroupsError } from "../../provider/core/errors";
import { nhnEnv, setEnv, useEmulatorWithEnv } from "../helpers/emulator";
import { NHN_KINDS } from "../../provider/nhn/kinds";
import { rulesOf } from "../helpers/stored-rules";

// IPv6 rules are allowed here to test their canonical forms; NHN's default refusal is tested in ipv6.test.ts.
const emu = useEmulatorWithEnv({ clouds: ["nhn"] }, (e) => ({ ...nhnEnv(e), NHN_ALLOW_IPV6: "true", SECGROUPS_QUIET: "1" }));

const liveRules = async (groupId: string) =>
  Object.values((await emu().state("nhn")).rules as Record<string, any>).filter((r) => r.security_group_id === groupId);
const checked = async (provider: typeof groups, news: Record<string, unknown>) => {
  const res = await provider.check!({}, news);
  expect(res.failures).toEqual([]);
  return res.inputs;
};

describe("nhn.SecurityGroup check", () => {
  it("canonicalises rules: protocol numbers, all-ports spellings, host bits, bare IPs, world default", async () => {
    const inputs = await checked(groups, {
      name: "web",
      rules: [
        { direction: "ingress", protocol: 6, portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "10.1.2.3/8" },
        { direction: "ingress", protocol: "UDP", portRangeMin: 1, portRangeMax: 65535, remoteIpPrefix: "192.0.2.7" },
        { direction: "egress", remoteIpPrefix: "2001:DB8::1/32" },
      ],
    });
    expect(inputs.rules).toEqual([
      {
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "tcp",
        portRangeMin: 22,
        portRangeMax: 22,
        remoteIpPrefix: "10.0.0.0/8",
        remoteGroupId: null,
        description: "",
      },
      {
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "udp",
        portRangeMin: null,
        portRangeMax: null,
        remoteIpPrefix: "192.0.2.7/32",
        remoteGroupId: null,
        description: "",
      },
      {
        direction: "egress",
        ethertype: "IPv6",
        protocol: null,
        portRangeMin: null,
        portRangeMax: null,
        remoteIpPrefix: "2001:db8::/32",
        remoteGroupId: null,
        description: "",
      },
    ]);
  });

  it("reports one failure per bad field, naming field, value and rule", async () => {
    const res = await groups.check!(
      {},
      {
        name: "default",
        descripton: "typo",
        rules: [
          { direction: "inbound" },
          { direction: "ingress", protocol: "tcp", portRangeMin: 30, portRangeMax: 20 },
          { direction: "ingress", ethertype: "IPv6", remoteIpPrefix: "10.0.0.0/8" },
          { direction: "ingress", remoteIpPrefix: "10.0.0.0/40" },
        ],
      },
    );
    expect(res.failures).toEqual([
      { property: "name", reason: 'must not be "default": Neutron reserves it for the project\'s default group (got "default")' },
      { property: "rules.0.direction", reason: 'must be "ingress" or "egress" (got "inbound")' },
      { property: "rules.1.portRangeMax", reason: "port range 30-20 is reversed: the first port must not exceed the last (got 20)" },
      { property: "rules.2.remoteIpPrefix", reason: '10.0.0.0/8 is an IPv4 network but ethertype is IPv6 (got "10.0.0.0/8")' },
      { property: "rules.3.remoteIpPrefix", reason: 'is not a CIDR (a.b.c.d/n or x::/n) or an IP address (got "10.0.0.0/40")' },
      { property: "descripton", reason: 'unknown argument "descripton"; did you mean "description"?' },
    ]);
  });

  it("reports cross-field failures", async () => {
    const res = await groups.check!(
      {},
      {
        name: "web",
        rules: [
          { direction: "ingress", protocol: "tcp", portRangeMin: 30, portRangeMax: 20 },
          { direction: "ingress", ethertype: "IPv6", remoteIpPrefix: "10.0.0.0/8" },
        ],
      },
    );
    expect(res.failures).toEqual([
      { property: "rules.0.portRangeMax", reason: "port range 30-20 is reversed: the first port must not exceed the last (got 20)" },
      { property: "rules.1.remoteIpPrefix", reason: '10.0.0.0/8 is an IPv4 network but ethertype is IPv6 (got "10.0.0.0/8")' },
    ]);
  });

  it("does not fail on values unknown during preview", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const res = await groups.check!({}, { name: unknown, rules: [{ direction: "ingress", remoteGroupId: unknown }] });
    expect(res.failures).toEqual([]);
    expect(res.inputs.name).toBe(unknown);
  });
});

describe("nhn.SecurityGroup lifecycle", () => {
  it("creates a group whose inline rules own the whole set, with one bulk create (default rules removed)", async () => {
    const inputs = await checked(groups, {
      name: "web",
      description: "front",
      rules: [
        { direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443 },
        { direction: "ingress", protocol: "tcp", portRangeMin: 80, portRangeMax: 80 },
      ],
    });
    await emu().clearRequests("nhn");
    const { id, outs } = await groups.create(inputs);
    // The GET lists same-named groups first: NHN answers no creation time, so that is how a lost create's group is told apart.
    expect(await emu().counts("nhn")).toEqual({
      "POST /v2.0/tokens": 1,
      "GET /v2.0/security-groups": 1,
      "POST /v2.0/security-groups": 1,
      "POST /v2.0/security-group-rules": 1,
      "DELETE /v2.0/security-group-rules/:id": 2,
    });
    const live = await liveRules(id);
    expect(live.map((r) => r.port_range_min).sort()).toEqual([443, 80]);
    expect(outs.securityGroupRules).toHaveLength(2);
    const byJson = (xs: object[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(outs.rules).toBeUndefined();
    expect(byJson(rulesOf(NHN_KINDS.group, outs)!)).toEqual(byJson(inputs.rules as object[]));
  });

  it("keeps default rules without `rules`, removes them with deleteDefaultRules", async () => {
    const kept = await groups.create(await checked(groups, { name: "keep" }));
    expect(await liveRules(kept.id)).toHaveLength(2);
    const removed = await groups.create(await checked(groups, { name: "clean", deleteDefaultRules: true }));
    expect(await liveRules(removed.id)).toHaveLength(0);
    expect(removed.outs.securityGroupRules).toEqual([]);
  });

  it("updates name in place and changes one rule with one delete and one create", async () => {
    const inputs = await checked(groups, {
      name: "web",
      rules: [
        { direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "10.0.0.0/8" },
        { direction: "egress" },
      ],
    });
    const { id, outs } = await groups.create(inputs);
    const news = await checked(groups, {
      name: "web2",
      rules: [
        { direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "10.9.0.0/16" },
        { direction: "egress" },
      ],
    });
    expect(await groups.diff!(id, outs, news)).toEqual({ changes: true, replaces: [] });
    await emu().clearRequests("nhn");
    const updated = await groups.update!(id, outs, news);
    expect(await emu().counts("nhn")).toEqual({
      "PUT /v2.0/security-groups/:id": 1,
      "POST /v2.0/security-group-rules": 1,
      "DELETE /v2.0/security-group-rules/:id": 1,
    });
    expect(updated.outs!.name).toBe("web2");
    // the declared egress rule is Neutron's default one (null remote == 0.0.0.0/0), kept rather than recreated
    expect((await liveRules(id)).map((r) => r.remote_ip_prefix).sort()).toEqual(["10.9.0.0/16", null]);
    expect(await groups.diff!(id, updated.outs, news)).toEqual({ changes: false, replaces: [] });
  });

  it("read shows out-of-band rule changes as drift and a vanished group as gone", async () => {
    const inputs = await checked(groups, {
      name: "web",
      rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22 }],
    });
    const { id, outs } = await groups.create(inputs);
    const token = (await (
      await fetch(`${emu().url("nhn")}/v2.0/tokens`, {
        method: "POST",
        body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } } }),
      })
    ).json()) as any;
    await fetch(`${emu().url("nhn")}/v2.0/security-group-rules`, {
      method: "POST",
      headers: { "x-auth-token": token.access.token.id },
      body: JSON.stringify({
        security_group_rule: { security_group_id: id, direction: "ingress", protocol: "tcp", port_range_min: 3389, port_range_max: 3389 },
      }),
    });
    const refreshed = await groups.read!(id, outs);
    expect(rulesOf(NHN_KINDS.group, refreshed.props)).toHaveLength(2);
    expect(await groups.diff!(id, refreshed.props, inputs)).toEqual({ changes: true, replaces: [] });
    await groups.update!(id, refreshed.props, inputs);
    expect((await liveRules(id)).map((r) => r.port_range_min)).toEqual([22]);
    await groups.delete!(id, outs);
    expect(await groups.read!(id, outs)).toEqual({});
    await expect(groups.delete!(id, outs)).resolves.toBeUndefined();
  });

  it("imports an existing group by id (read with inputs only)", async () => {
    const { id } = await groups.create(await checked(groups, { name: "legacy", description: "made by hand" }));
    const res = await groups.read!(id, { name: "legacy" });
    expect(res.id).toBe(id);
    expect(res.inputs).toEqual({ name: "legacy", description: "made by hand" });
    expect(res.props.securityGroupRules).toHaveLength(2);
  });

  it("turns 'in use' into an error naming the ports and the fix", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "busy" }));
    const port = (await (
      await fetch(`${emu().url("nhn")}/_emulator/nhn/ports`, {
        method: "POST",
        body: JSON.stringify({ tenantId: "demo-tenant", securityGroupIds: [id] }),
      })
    ).json()) as any;
    const error = await groups.delete!(id, outs).catch((e) => e);
    expect(error).toBeInstanceOf(SecgroupsError);
    expect(error.code).toBe("InUse");
    expect(error.message).toBe(
      `delete security group ${id} failed (DELETE /v2.0/security-groups/${id} -> 409 SecurityGroupInUse): security group ${id} is in use by 1 port(s): ${port.id} (device ); detach it from those servers or ports, then run the command again`.replace(
        " (device )",
        "",
      ),
    );
  });

  it("adopts a group whose create was applied but whose answer was lost", async () => {
    await emu().fault("nhn", { method: "POST", path: "security-groups$", dropAfterAct: true });
    const { id } = await groups.create(await checked(groups, { name: "once" }));
    const all = Object.values((await emu().state("nhn")).groups as Record<string, any>).filter((g) => g.name === "once");
    expect(all.map((g) => g.id)).toEqual([id]);
  });

  it("after a lost create, never adopts a same-named group that was there before", async () => {
    const { id: old } = await groups.create(await checked(groups, { name: "twin" }));
    await emu().fault("nhn", { method: "POST", path: "security-groups$", dropAfterAct: true });
    const { id } = await groups.create(await checked(groups, { name: "twin" }));
    expect(id).not.toBe(old);
    const all = Object.values((await emu().state("nhn")).groups as Record<string, any>).filter((g) => g.name === "twin");
    expect(all.map((g) => g.id).sort()).toEqual([id, old].sort());
  });
});

describe("nhn.SecurityGroupRule lifecycle", () => {
  async function group() {
    return (await groups.create(await checked(groups, { name: "g", deleteDefaultRules: true }))).id;
  }

  it("creates, reads and deletes a rule", async () => {
    const sg = await group();
    const inputs = await checked(rules, {
      securityGroupId: sg,
      direction: "ingress",
      protocol: "tcp",
      portRangeMin: 5432,
      remoteIpPrefix: "10.0.0.0/8",
    });
    const { id, outs } = await rules.create(inputs);
    expect(outs).toMatchObject({
      securityGroupId: sg,
      protocol: "tcp",
      portRangeMin: 5432,
      portRangeMax: 5432,
      remoteIpPrefix: "10.0.0.0/8",
      ethertype: "IPv4",
    });
    expect((await rules.read!(id, outs)).id).toBe(id);
    await rules.delete!(id, outs);
    expect(await rules.read!(id, outs)).toEqual({});
    await expect(rules.delete!(id, outs)).resolves.toBeUndefined();
  });

  it("adopts an identical rule that already exists", async () => {
    const sg = await group();
    const inputs = await checked(rules, { securityGroupId: sg, direction: "ingress", protocol: "tcp", portRangeMin: 22 });
    const first = await rules.create(inputs);
    const second = await rules.create(inputs);
    expect(second.id).toBe(first.id);
    expect(await liveRules(sg)).toHaveLength(1);
  });

  it.each([
    ["a description change collides with the old rule: delete first", { description: "new" }, ["description"], true],
    ["a port change does not collide: create first", { portRangeMin: 23, portRangeMax: 23 }, ["portRangeMin", "portRangeMax"], false],
  ])("diff: %s", async (_what, change, replaces, deleteBeforeReplace) => {
    const olds = await checked(rules, {
      securityGroupId: "00000000-0000-4000-8000-000000000000",
      direction: "ingress",
      protocol: "tcp",
      portRangeMin: 22,
    });
    const news = await checked(rules, {
      securityGroupId: "00000000-0000-4000-8000-000000000000",
      direction: "ingress",
      protocol: "tcp",
      portRangeMin: 22,
      ...change,
    });
    expect(await rules.diff!("r", olds, news)).toEqual({ changes: true, replaces, deleteBeforeReplace });
  });

  it("diff: the same rule spelled differently is no change", async () => {
    const olds = await checked(rules, {
      securityGroupId: "00000000-0000-4000-8000-000000000000",
      direction: "ingress",
      protocol: "tcp",
      portRangeMin: 1,
      portRangeMax: 65535,
    });
    const news = await checked(rules, { securityGroupId: "00000000-0000-4000-8000-000000000000", direction: "ingress", protocol: 6 });
    expect(await rules.diff!("r", olds, news)).toEqual({ changes: false });
  });
});

describe("credentials", () => {
  it("names every missing variable and never a value", async () => {
    const undo = setEnv({ OS_USERNAME: undefined, OS_PASSWORD: undefined });
    try {
      await expect(groups.create({ name: "x" })).rejects.toThrow(
        "NHN Cloud configuration failed: missing OS_USERNAME (or `pulumi config set secgroups:nhnUsername ...`), OS_PASSWORD (or `pulumi config set --secret secgroups:nhnPassword ...`)",
      );
    } finally {
      undo();
    }
  });
});
