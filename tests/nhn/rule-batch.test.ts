import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/nhn/provider";
import { SecgroupsError } from "../../provider/core/errors";
import { nhnEnv, useEmulatorWithEnv } from "../helpers/emulator";

const emu = useEmulatorWithEnv({ clouds: ["nhn"] }, (e) => ({ ...nhnEnv(e), SECGROUPS_QUIET: "1" }));

const BULK = "POST /v2.0/security-group-rules";
const MISSING_GROUP = "0b6e0d3c-0000-4000-8000-000000000000";

const rule = (securityGroupId: string, port: number, extra: Record<string, unknown> = {}) => ({
  securityGroupId,
  direction: "ingress",
  protocol: "tcp",
  portRangeMin: port,
  portRangeMax: port,
  remoteIpPrefix: "10.0.0.0/8",
  ...extra,
});

async function checked(news: Record<string, unknown>) {
  const res = await rules.check!({}, news);
  expect(res.failures).toEqual([]);
  return res.inputs;
}

async function newGroup(): Promise<string> {
  const res = await groups.check!({}, { name: "batch", deleteDefaultRules: false });
  return (await groups.create(res.inputs)).id;
}

/** The group's live rules (in the emulator's state) as `port -> count`. */
async function livePorts(groupId: string): Promise<Record<number, number>> {
  const live = Object.values((await emu().state("nhn")).rules as Record<string, any>).filter(
    (r) => r.security_group_id === groupId && r.direction === "ingress",
  );
  const counts: Record<number, number> = {};
  for (const r of live) counts[r.port_range_min] = (counts[r.port_range_min] ?? 0) + 1;
  return counts;
}

const ports = (n: number) => Array.from({ length: n }, (_, i) => 20_000 + i);

describe("nhn.SecurityGroupRule batching", () => {
  it("creates 50 concurrent rule resources on one group in one bulk POST, each resource with its own rule, every rule once", async () => {
    const groupId = await newGroup();
    const inputs = await Promise.all(ports(50).map((p) => checked(rule(groupId, p))));
    await emu().clearRequests("nhn");
    const made = await Promise.all(inputs.map((i) => rules.create(i)));
    expect((await emu().counts("nhn"))[BULK]).toBe(1);
    expect(made.map((m) => m.outs!.portRangeMin)).toEqual(ports(50));
    expect(new Set(made.map((m) => m.id)).size).toBe(50);
    const byId = Object.fromEntries(
      Object.values((await emu().state("nhn")).rules as Record<string, any>).map((r) => [r.id, r.port_range_min]),
    );
    expect(made.map((m) => byId[m.id])).toEqual(ports(50));
    expect(await livePorts(groupId)).toEqual(Object.fromEntries(ports(50).map((p) => [p, 1])));
  });

  it("fails only the bad rule of a refused bulk POST, with its own error; the others are created once", async () => {
    const groupId = await newGroup();
    const inputs = await Promise.all(
      ports(10).map((p) => checked(rule(groupId, p, p === 20_003 ? { remoteIpPrefix: undefined, remoteGroupId: MISSING_GROUP } : {}))),
    );
    await emu().clearRequests("nhn");
    const results = await Promise.allSettled(inputs.map((i) => rules.create(i)));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ i, error: r.reason }] : []));
    expect(failed.map((f) => f.i)).toEqual([3]);
    expect(failed[0].error).toBeInstanceOf(SecgroupsError);
    expect(failed[0].error.message).toContain(MISSING_GROUP);
    // One refused bulk POST, then one POST per rule.
    expect((await emu().counts("nhn"))[BULK]).toBe(11);
    const good = ports(10).filter((p) => p !== 20_003);
    expect(await livePorts(groupId)).toEqual(Object.fromEntries(good.map((p) => [p, 1])));
  });

  it("looks the rules of an unanswered bulk POST up by tuple instead of creating them again", async () => {
    const groupId = await newGroup();
    const inputs = await Promise.all(ports(20).map((p) => checked(rule(groupId, p))));
    await emu().fault("nhn", { method: "POST", path: "/v2.0/security-group-rules", dropAfterAct: true, count: 1 });
    await emu().clearRequests("nhn");
    const made = await Promise.all(inputs.map((i) => rules.create(i)));
    expect(await emu().pendingFaults("nhn")).toEqual([]);
    const counts = await emu().counts("nhn");
    expect(counts[BULK]).toBe(1);
    expect(counts["GET /v2.0/security-group-rules"]).toBe(1);
    expect(made.map((m) => m.outs!.portRangeMin)).toEqual(ports(20));
    expect(await livePorts(groupId)).toEqual(Object.fromEntries(ports(20).map((p) => [p, 1])));
  });
});
