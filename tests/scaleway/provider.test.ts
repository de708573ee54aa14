import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/scaleway/provider";
import { SecgroupsError } from "../../provider/core/errors";
import { setLogSink } from "../../provider/core/log";
import { scalewayEnv, setEnv, useEmulatorWithEnv } from "../helpers/emulator";
import { GROUP as GROUP_KIND } from "../../provider/scaleway/kinds";
import { rulesOf } from "../helpers/stored-rules";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const emu = useEmulatorWithEnv({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0" } }, (e) => ({
  ...scalewayEnv(e),
  SECGROUPS_QUIET: undefined,
}));
let scwUrl: string;
const logs: string[] = [];
beforeAll(() => {
  scwUrl = emu().url("scaleway");
  setLogSink((l) => logs.push(l));
});
beforeEach(() => {
  logs.length = 0;
});

const SECRET = "5ca1e000-0000-4000-8000-000000000001";
const tcp = (port: number, ipRange = "0.0.0.0/0") => ({
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ipRange,
  destPortFrom: port,
});
const wireTcp = (port: number) =>
  JSON.stringify({ protocol: "TCP", direction: "inbound", action: "accept", ip_range: "0.0.0.0/0", dest_port_from: port });
const canonical = (port: number, ipRange = "0.0.0.0/0") => ({
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ipRange,
  destPortFrom: port,
  destPortTo: port,
});
const checked = async (provider: typeof groups, news: Record<string, unknown>) => {
  const res = await provider.check!({}, news);
  expect(res.failures).toEqual([]);
  return res.inputs;
};
const editable = async (groupId: string) => ((await emu().state("scaleway")).rules[groupId] ?? []) as any[];
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; counts: Record<string, number> }> {
  await emu().clearRequests("scaleway");
  const result = await fn();
  return { result, counts: await emu().counts("scaleway") };
}
const G = "/instance/v1/zones/:zone/security_groups";

describe("scaleway.SecurityGroup check", () => {
  it("canonicalises rules and fills the API's defaults", async () => {
    const inputs = await checked(groups, {
      name: "web",
      rules: [
        { protocol: "tcp", direction: "INBOUND", action: "Accept", ipRange: "203.0.113.7", destPortFrom: 22 },
        { protocol: 17, direction: "outbound", action: "drop", ipRange: "10.1.2.3/8", destPortFrom: 1, destPortTo: 65535 },
        { protocol: "all", direction: "inbound", action: "drop", ipRange: "2001:DB8::1/32" },
        { protocol: "icmp", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0" },
      ],
    });
    expect(inputs).toEqual({
      name: "web",
      description: "",
      stateful: true,
      inboundDefaultPolicy: "accept",
      outboundDefaultPolicy: "accept",
      projectDefault: false,
      enableDefaultSecurity: true,
      tags: [],
      rules: [
        { protocol: "TCP", direction: "inbound", action: "accept", ipRange: "203.0.113.7/32", destPortFrom: 22, destPortTo: 22 },
        { protocol: "UDP", direction: "outbound", action: "drop", ipRange: "10.0.0.0/8", destPortFrom: null, destPortTo: null },
        { protocol: "ANY", direction: "inbound", action: "drop", ipRange: "2001:db8::/32", destPortFrom: null, destPortTo: null },
        { protocol: "ICMP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: null, destPortTo: null },
      ],
    });
  });

  it("reports one failure per bad field, naming field, value and rule", async () => {
    const res = await groups.check!(
      {},
      {
        name: "web",
        zone: "mars-1",
        projectId: "not-a-project",
        inboundDefaultPolicy: "deny",
        rules: [
          { protocol: "gre", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0" },
          { protocol: "ICMP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 8 },
          { protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 30, destPortTo: 20 },
          { protocol: "TCP", direction: "ingress", action: "accept", ipRange: "10.0.0.0/40" },
        ],
        tag: ["x"],
      },
    );
    expect(res.failures).toEqual([
      {
        property: "zone",
        reason:
          'must be "fr-par-1" or "fr-par-2" or "fr-par-3" or "nl-ams-1" or "nl-ams-2" or "nl-ams-3" or "pl-waw-1" or "pl-waw-2" or "pl-waw-3" or "it-mil-1" (got "mars-1")',
      },
      { property: "projectId", reason: 'must be a project id (a UUID) (got "not-a-project")' },
      { property: "inboundDefaultPolicy", reason: 'must be "accept" or "drop" (got "deny")' },
      { property: "rules.0.protocol", reason: 'Scaleway rules support TCP, UDP, ICMP or ANY, not gre (got "gre")' },
      { property: "rules.1.destPortFrom", reason: "protocol ICMP has no ports on Scaleway; remove destPortFrom/destPortTo (got 8)" },
      { property: "rules.2.destPortTo", reason: "port range 30-20 is reversed: the first port must not exceed the last (got 20)" },
      { property: "rules.3.direction", reason: 'must be "inbound" or "outbound" (got "ingress")' },
      { property: "rules.3.ipRange", reason: 'is not a CIDR (a.b.c.d/n or x::/n) or an IP address (got "10.0.0.0/40")' },
      { property: "tag", reason: 'unknown argument "tag"; did you mean "tags"?' },
    ]);
    const cross = await groups.check!(
      {},
      {
        name: "web",
        rules: [
          { protocol: "ICMP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 8 },
          { protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 30, destPortTo: 20 },
        ],
      },
    );
    expect(cross.failures).toEqual([
      { property: "rules.0.destPortFrom", reason: "protocol ICMP has no ports on Scaleway; remove destPortFrom/destPortTo (got 8)" },
      { property: "rules.1.destPortTo", reason: "port range 30-20 is reversed: the first port must not exceed the last (got 20)" },
    ]);
  });

  it("does not fail on values unknown during preview", async () => {
    const res = await groups.check!(
      {},
      { name: UNKNOWN, rules: [{ protocol: "TCP", direction: "inbound", action: "accept", ipRange: UNKNOWN }] },
    );
    expect(res.failures).toEqual([]);
    const rule = await rules.check!(
      {},
      { securityGroupId: UNKNOWN, protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", position: 0 },
    );
    expect(rule.failures).toEqual([{ property: "position", reason: "must be 1 or more (1 is evaluated first) (got 0)" }]);
  });
});

describe("scaleway.SecurityGroup lifecycle", () => {
  it("creates a group with 50 rules in 2 calls; outputs leave the non-editable SMTP rules out", async () => {
    const desired = Array.from({ length: 50 }, (_, i) => tcp(1000 + i));
    const inputs = await checked(groups, { name: "big", inboundDefaultPolicy: "drop", rules: desired });
    const { result, counts } = await counted(() => groups.create(inputs));
    expect(counts).toEqual({ [`POST ${G}`]: 1, [`PUT ${G}/:id/rules`]: 1 });
    expect(rulesOf(GROUP_KIND, result.outs)).toEqual(desired.map((r) => canonical(r.destPortFrom)));
    expect(result.outs.securityGroupRules.map((r: any) => r.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(result.outs).toMatchObject({
      zone: "fr-par-1",
      projectId: "1e5c0000-0000-4000-8000-000000000001",
      name: "big",
      inboundDefaultPolicy: "drop",
      enableDefaultSecurity: true,
      servers: [],
    });
    expect((await emu().state("scaleway")).groups[result.id].inbound_default_policy).toBe("drop");
    expect(JSON.stringify(result.outs)).not.toContain(SECRET);
  });

  it("inserting one rule in the middle is one PUT that creates one rule and keeps every other id", async () => {
    const inputs = await checked(groups, { name: "web", rules: [tcp(22), tcp(80), tcp(443)] });
    const { id, outs } = await groups.create(inputs);
    const before = outs.securityGroupRules.map((r: any) => r.id);
    const news = await checked(groups, { name: "web", rules: [tcp(22), tcp(8080), tcp(80), tcp(443)] });
    expect(await groups.diff!(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { result, counts } = await counted(() => groups.update!(id, outs, news));
    expect(counts).toEqual({ [`PUT ${G}/:id/rules`]: 1 });
    expect(logs).toContain(`[secgroups] security group ${id}: 1 rule(s) to create, 0 to update in place, 0 to delete, 3 kept (2 moved)`);
    const after = result.outs.securityGroupRules;
    expect(after.map((r: any) => [r.destPortFrom, r.position])).toEqual([
      [22, 1],
      [8080, 2],
      [80, 3],
      [443, 4],
    ]);
    expect([after[0].id, after[2].id, after[3].id]).toEqual(before);
    expect((await editable(id)).map((r) => r.id)).toEqual(after.map((r: any) => r.id));
  });

  it("changing one rule is one PUT that rewrites that rule in place, keeping its id", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "web", rules: [tcp(22), tcp(80), tcp(443)] }));
    const news = await checked(groups, { name: "web", rules: [tcp(22), tcp(80, "198.51.100.0/24"), tcp(443)] });
    const { result, counts } = await counted(() => groups.update!(id, outs, news));
    expect(counts).toEqual({ [`PUT ${G}/:id/rules`]: 1 });
    expect(result.outs.securityGroupRules.map((r: any) => r.id)).toEqual(outs.securityGroupRules.map((r: any) => r.id));
    expect(rulesOf(GROUP_KIND, result.outs)![1]).toEqual(canonical(80, "198.51.100.0/24"));
    expect(logs).toContain(`[secgroups] security group ${id}: 0 rule(s) to create, 1 to update in place, 0 to delete, 2 kept (0 moved)`);
  });

  it("updates group fields with one PATCH and leaves rules alone when they did not change", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "web", rules: [tcp(22)] }));
    const news = await checked(groups, { name: "web2", description: "d", outboundDefaultPolicy: "drop", tags: ["a"], rules: [tcp(22)] });
    const { result, counts } = await counted(() => groups.update!(id, outs, news));
    expect(counts).toEqual({ [`PATCH ${G}/:id`]: 1 });
    expect((await emu().state("scaleway")).groups[id]).toMatchObject({
      name: "web2",
      description: "d",
      outbound_default_policy: "drop",
      tags: ["a"],
      stateful: true,
    });
    expect(result.outs).toMatchObject({
      name: "web2",
      description: "d",
      outboundDefaultPolicy: "drop",
      tags: ["a"],
      zone: "fr-par-1",
      rulesInline: true,
    });
    expect(rulesOf(GROUP_KIND, result.outs)).toEqual([canonical(22)]);
  });

  it.each([
    ["a zone change replaces", { zone: "nl-ams-1" }, { changes: true, replaces: ["zone"], deleteBeforeReplace: false }],
    [
      "a project change replaces",
      { projectId: "1e5c0000-0000-4000-8000-000000000002" },
      { changes: true, replaces: ["projectId"], deleteBeforeReplace: false },
    ],
    ["a name change updates in place", { name: "other" }, { changes: true, replaces: [], deleteBeforeReplace: false }],
    ["reordering rules is a change", { rules: [tcp(80), tcp(22)] }, { changes: true, replaces: [], deleteBeforeReplace: false }],
    ["no zone given keeps the zone it was created in", {}, { changes: false, replaces: [], deleteBeforeReplace: false }],
  ])("diff: %s", async (_name, change, expected) => {
    const olds = {
      ...(await checked(groups, { name: "web", rules: [tcp(22), tcp(80)] })),
      zone: "fr-par-1",
      projectId: "1e5c0000-0000-4000-8000-000000000001",
    };
    const news = await checked(groups, { name: "web", rules: [tcp(22), tcp(80)], ...change });
    expect(await groups.diff!("id", olds, news)).toEqual(expected);
  });

  it("read shows rules added out of band as drift, never the non-editable rules, and a later update removes them", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "web", rules: [tcp(22)] }));
    await fetch(`${scwUrl}/instance/v1/zones/fr-par-1/security_groups/${id}/rules`, {
      method: "POST",
      headers: { "x-auth-token": SECRET },
      body: wireTcp(3389),
    });
    const read = await groups.read!(id, outs);
    expect(rulesOf(GROUP_KIND, read.props)).toEqual([canonical(22), canonical(3389)]);
    expect(read.props!.securityGroupRules).toHaveLength(2);
    expect(read.inputs).toBeUndefined();
    const news = await checked(groups, { name: "web", rules: [tcp(22)] });
    expect((await groups.diff!(id, read.props!, news)).changes).toBe(true);
    await groups.update!(id, read.props!, news);
    expect((await editable(id)).map((r) => r.dest_port_from)).toEqual([22]);
    expect((await groups.diff!(id, (await groups.read!(id, outs)).props!, news)).changes).toBe(false);
  });

  it("an unmanaged group (no rules) never reports rule drift", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "web" }));
    expect(outs.rules).toBeUndefined();
    await fetch(`${scwUrl}/instance/v1/zones/fr-par-1/security_groups/${id}/rules`, {
      method: "POST",
      headers: { "x-auth-token": SECRET },
      body: wireTcp(22),
    });
    const read = await groups.read!(id, outs);
    expect(read.props!.securityGroupRules.map((r: any) => r.destPortFrom)).toEqual([22]);
    expect(await groups.diff!(id, read.props!, await checked(groups, { name: "web" }))).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("re-reads and re-plans once when a rule known to state was deleted out of band", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "web", rules: [tcp(22), tcp(80)] }));
    await fetch(`${scwUrl}/instance/v1/zones/fr-par-1/security_groups/${id}/rules/${outs.securityGroupRules[0].id}`, {
      method: "DELETE",
      headers: { "x-auth-token": SECRET },
    });
    const news = await checked(groups, { name: "web", rules: [tcp(22), tcp(80), tcp(443)] });
    const { result, counts } = await counted(() => groups.update!(id, outs, news));
    expect(counts).toEqual({ [`PUT ${G}/:id/rules`]: 2, [`GET ${G}/:id/rules`]: 1 });
    expect(rulesOf(GROUP_KIND, result.outs)).toEqual([canonical(22), canonical(80), canonical(443)]);
  });

  it("reads a vanished group as gone and imports one by <zone>/<id>", async () => {
    const { id } = await groups.create(await checked(groups, { name: "web", zone: "nl-ams-1", tags: ["t"] }));
    const imported = await groups.read!(`nl-ams-1/${id}`, {});
    expect(imported.id).toBe(id);
    expect(imported.inputs).toEqual({
      zone: "nl-ams-1",
      projectId: "1e5c0000-0000-4000-8000-000000000001",
      name: "web",
      description: "",
      stateful: true,
      inboundDefaultPolicy: "accept",
      outboundDefaultPolicy: "accept",
      projectDefault: false,
      enableDefaultSecurity: true,
      tags: ["t"],
    });
    await groups.delete!(id, imported.props!);
    expect(await groups.read!(id, imported.props!)).toEqual({});
    await expect(groups.delete!(id, imported.props!)).resolves.toBeUndefined();
  });

  it("refuses to delete a group in use, naming the servers", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "web" }));
    const server = await fetch(`${scwUrl}/_emulator/scaleway/servers`, {
      method: "POST",
      body: JSON.stringify({ groupId: id, name: "vm-1" }),
    }).then((r) => r.json());
    const error = await groups.delete!(id, outs).catch((e) => e);
    expect(error).toBeInstanceOf(SecgroupsError);
    expect(error.code).toBe("InUse");
    expect(error.message).toBe(
      `delete security group ${id} failed (DELETE /instance/v1/zones/fr-par-1/security_groups/${id} -> 409 conflict): security group ${id} is in use by 1 server(s): vm-1 (${server.id}); attach those servers to another security group, then run the command again`,
    );
  });

  it("takes zone and project from SCW_DEFAULT_ZONE / SCW_DEFAULT_PROJECT_ID, and says what to set when they are missing", async () => {
    const undo = setEnv({ SCW_DEFAULT_ZONE: "pl-waw-2", SCW_DEFAULT_PROJECT_ID: "1e5c0000-0000-4000-8000-000000000002" });
    try {
      const { outs } = await groups.create(await checked(groups, { name: "web" }));
      expect(outs).toMatchObject({ zone: "pl-waw-2", projectId: "1e5c0000-0000-4000-8000-000000000002" });
    } finally {
      undo();
    }
    const noProject = setEnv({ SCW_DEFAULT_PROJECT_ID: undefined });
    try {
      await expect(groups.create(await checked(groups, { name: "web" }))).rejects.toThrow(
        "Scaleway configuration failed: no project for the security group: set its projectId, SCW_DEFAULT_PROJECT_ID or `pulumi config set secgroups:scalewayProjectId ...`",
      );
    } finally {
      noProject();
    }
    const noKey = setEnv({ SCW_SECRET_KEY: undefined });
    try {
      await expect(groups.create(await checked(groups, { name: "web" }))).rejects.toThrow(
        "Scaleway configuration failed: missing SCW_SECRET_KEY (or `pulumi config set --secret secgroups:scalewaySecretKey ...`)",
      );
    } finally {
      noKey();
    }
  });

  it("keeps other projects' groups out of reach: reading one reads as gone", async () => {
    const other = await fetch(`${scwUrl}/instance/v1/zones/fr-par-1/security_groups`, {
      method: "POST",
      headers: { "x-auth-token": "5ca1e000-0000-4000-8000-000000000002" },
      body: JSON.stringify({ name: "theirs", project: "1e5c0000-0000-4000-8000-0000000000f1", stateful: true }),
    }).then((r) => r.json());
    expect(await groups.read!(other.security_group.id, { zone: "fr-par-1", securityGroupRules: [] })).toEqual({});
    await expect(groups.create(await checked(groups, { name: "x", projectId: "1e5c0000-0000-4000-8000-0000000000f1" }))).rejects.toThrow(
      "create security group x failed (POST /instance/v1/zones/fr-par-1/security_groups -> 403 permissions_denied): insufficient permissions: write instance_security_group",
    );
    expect(logs.join("\n")).not.toContain(SECRET);
  });
});

describe("scaleway.SecurityGroupRule lifecycle", () => {
  async function groupId(): Promise<string> {
    return (await groups.create(await checked(groups, { name: "g", enableDefaultSecurity: false }))).id;
  }

  it("creates with one POST, updates in place with one PATCH keeping its id, and replaces only on a group change", async () => {
    const sg = await groupId();
    const inputs = await checked(rules, { securityGroupId: sg, ...tcp(22, "203.0.113.7") });
    const { result: created, counts } = await counted(() => rules.create(inputs));
    expect(counts).toEqual({ [`POST ${G}/:id/rules`]: 1 });
    expect(created.outs).toEqual({ zone: "fr-par-1", securityGroupId: sg, ...canonical(22, "203.0.113.7/32"), position: 1 });
    const news = await checked(rules, {
      securityGroupId: sg,
      protocol: "TCP",
      direction: "inbound",
      action: "drop",
      ipRange: "203.0.113.7",
    });
    expect(await rules.diff!(created.id, created.outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { result: updated, counts: patchCounts } = await counted(() => rules.update!(created.id, created.outs, news));
    expect(patchCounts).toEqual({ [`PATCH ${G}/:id/rules/:ruleId`]: 1 });
    expect(updated.outs).toEqual({
      zone: "fr-par-1",
      securityGroupId: sg,
      protocol: "TCP",
      direction: "inbound",
      action: "drop",
      ipRange: "203.0.113.7/32",
      destPortFrom: null,
      destPortTo: null,
      position: 1,
    });
    expect((await editable(sg))[0]).toMatchObject({ id: created.id, action: "drop", dest_port_from: null });
    expect((await rules.diff!(created.id, updated.outs, { ...news, securityGroupId: "other" })).replaces).toEqual(["securityGroupId"]);
    expect((await rules.diff!(created.id, updated.outs, news)).changes).toBe(false);
  });

  it("inserts at a position, reads it back, imports by <zone>/<group>/<rule>, and treats gone as gone", async () => {
    const sg = await groupId();
    await rules.create(await checked(rules, { securityGroupId: sg, ...tcp(80) }));
    const first = await rules.create(await checked(rules, { securityGroupId: sg, ...tcp(22), position: 1 }));
    expect(first.outs.position).toBe(1);
    const imported = await rules.read!(`fr-par-1/${sg}/${first.id}`, {});
    expect(imported).toEqual({ id: first.id, props: first.outs, inputs: { zone: "fr-par-1", securityGroupId: sg, ...canonical(22) } });
    await rules.delete!(first.id, first.outs);
    expect(await rules.read!(first.id, first.outs)).toEqual({});
    await expect(rules.delete!(first.id, first.outs)).resolves.toBeUndefined();
    expect((await editable(sg)).map((r) => [r.dest_port_from, r.position])).toEqual([[80, 1]]);
  });

  it("a position past the end converges: stored as the last one, no PATCH on the next up (issue 11 item 1)", async () => {
    const sg = await groupId();
    await rules.create(await checked(rules, { securityGroupId: sg, ...tcp(80) }));
    const program = { securityGroupId: sg, ...tcp(22), position: 10 };
    const last = await rules.create(await checked(rules, program));
    expect(last.outs.position).toBe(2);
    expect(await rules.diff!(last.id, last.outs, await checked(rules, program))).toMatchObject({ changes: false });
    // Once another rule follows it, position 10 means "move to the end" again.
    await rules.create(await checked(rules, { securityGroupId: sg, ...tcp(443) }));
    expect(await rules.diff!(last.id, last.outs, await checked(rules, program))).toMatchObject({ changes: true });
  });

  it("creates many rules on one group in parallel without losing any", async () => {
    const sg = await groupId();
    const created = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => rules.create(await checked(rules, { securityGroupId: sg, ...tcp(2000 + i) }))),
    );
    expect(new Set(created.map((c) => c.id)).size).toBe(12);
    const live = await editable(sg);
    expect(live.map((r) => r.dest_port_from).sort()).toEqual(Array.from({ length: 12 }, (_, i) => 2000 + i));
    expect(live.map((r) => r.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
