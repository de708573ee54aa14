import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/scaleway/provider";
import { SecgroupsError } from "../../provider/core/errors";
import { scalewayEnv, useEmulatorWithEnv } from "../helpers/emulator";

const QUOTA = 30;
const emu = useEmulatorWithEnv(
  { clouds: ["scaleway"], settings: { "scaleway.syncMs": "0", "scaleway.quota.rules": String(QUOTA) } },
  (e) => ({
    ...scalewayEnv(e),
    SECGROUPS_QUIET: "1",
  }),
);

const RULES = "/instance/v1/zones/:zone/security_groups/:id/rules";
const calls = async () => {
  const counts = await emu().counts("scaleway");
  return { put: counts[`PUT ${RULES}`] ?? 0, post: counts[`POST ${RULES}`] ?? 0, list: counts[`GET ${RULES}`] ?? 0 };
};

const rule = (securityGroupId: string, port: number) => ({
  securityGroupId,
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ipRange: "10.0.0.0/8",
  destPortFrom: port,
});

async function checked(news: Record<string, unknown>) {
  const res = await rules.check!({}, news);
  expect(res.failures ?? []).toEqual([]);
  return res.inputs;
}

async function newGroup(): Promise<string> {
  return (await groups.create(await (async () => (await groups.check!({}, { name: "batch", inboundDefaultPolicy: "drop" })).inputs)())).id;
}

/** The group's editable rules in the emulator, as `port -> count`. */
async function livePorts(groupId: string): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  for (const r of (await emu().state("scaleway")).rules[groupId] ?? []) counts[r.dest_port_from] = (counts[r.dest_port_from] ?? 0) + 1;
  return counts;
}

const ports = (n: number) => Array.from({ length: n }, (_, i) => 20_000 + i);
const once = (ps: number[]) => Object.fromEntries(ps.map((p) => [p, 1]));

describe("scaleway.SecurityGroupRule batching", () => {
  it("creates 25 concurrent rule resources with one read and one PUT /rules, each resource with its own rule, every rule once", async () => {
    const groupId = await newGroup();
    const inputs = await Promise.all(ports(25).map((p) => checked(rule(groupId, p))));
    await emu().clearRequests("scaleway");
    const made = await Promise.all(inputs.map((i) => rules.create(i)));
    expect(await calls()).toEqual({ put: 1, post: 0, list: 1 });
    expect(made.map((m) => m.outs!.destPortFrom)).toEqual(ports(25));
    const byId = Object.fromEntries(((await emu().state("scaleway")).rules[groupId] as any[]).map((r) => [r.id, r.dest_port_from]));
    expect(made.map((m) => byId[m.id])).toEqual(ports(25));
    expect(await livePorts(groupId)).toEqual(once(ports(25)));
  });

  it("sends a burst that POSTs finish in 2 round trips (16 at 8 in flight) as POSTs", async () => {
    const groupId = await newGroup();
    const inputs = await Promise.all(ports(16).map((p) => checked(rule(groupId, p))));
    await emu().clearRequests("scaleway");
    await Promise.all(inputs.map((i) => rules.create(i)));
    expect(await calls()).toEqual({ put: 0, post: 16, list: 0 });
    expect(await livePorts(groupId)).toEqual(once(ports(16)));
  });

  it("falls back to one POST per rule when the PUT is refused: the rules over the quota fail, each with its own error", async () => {
    const groupId = await newGroup();
    const inputs = await Promise.all(ports(QUOTA + 5).map((p) => checked(rule(groupId, p))));
    await emu().clearRequests("scaleway");
    const results = await Promise.allSettled(inputs.map((i) => rules.create(i)));
    const failed = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(failed).toHaveLength(5);
    for (const e of failed) {
      expect(e).toBeInstanceOf(SecgroupsError);
      expect(e.message).toContain("Quota exceeded");
    }
    expect(await calls()).toMatchObject({ put: 1, post: QUOTA + 5 });
    expect(Object.values(await livePorts(groupId))).toEqual(Array(QUOTA).fill(1));
  });

  it("deletes 20 rule resources in one PUT, without undoing a sibling's update made in the same burst", async () => {
    const groupId = await newGroup();
    const made = await Promise.all((await Promise.all(ports(21).map((p) => checked(rule(groupId, p))))).map((i) => rules.create(i)));
    const [kept, ...gone] = made;
    await emu().clearRequests("scaleway");
    await Promise.all([
      ...gone.map((m) => rules.delete!(m.id, m.outs!)),
      rules.update!(kept.id, kept.outs!, { ...kept.outs!, destPortFrom: 999, destPortTo: 999 }),
    ]);
    expect(await calls()).toMatchObject({ put: 1, post: 0 });
    expect(await livePorts(groupId)).toEqual({ 999: 1 });
  });

  it("sends an unanswered PUT again (it sets the same list), with every rule once and an identical older rule left alone", async () => {
    const groupId = await newGroup();
    const inputs = await Promise.all(ports(20).map((p) => checked(rule(groupId, p))));
    await rules.create(await checked(rule(groupId, 20_000)));
    await emu().fault("scaleway", { method: "PUT", path: ".*/rules", dropAfterAct: true, count: 1 });
    await emu().clearRequests("scaleway");
    const made = await Promise.all(inputs.map((i) => rules.create(i)));
    expect(await emu().pendingFaults("scaleway")).toEqual([]);
    expect(await calls()).toEqual({ put: 2, post: 0, list: 1 });
    expect(new Set(made.map((m) => m.id)).size).toBe(20);
    expect(await livePorts(groupId)).toEqual({ ...once(ports(20)), 20000: 2 });
  });
});
