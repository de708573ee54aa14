import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/huaweicloud/provider";
import { SecgroupsError } from "../../provider/core/errors";
import { huaweicloudEnv, useEmulatorWithEnv } from "../helpers/emulator";

const emu = useEmulatorWithEnv({ clouds: ["huaweicloud"] }, (e) => ({ ...huaweicloudEnv(e), SECGROUPS_QUIET: "1" }));

const BATCH = "POST /v3/:project/vpc/security-groups/:id/security-group-rules/batch-create";
const SINGLE = "POST /v3/:project/vpc/security-group-rules";
const MISSING_GROUP = "00000000-0000-4000-8000-000000000000";

const rule = (securityGroupId: string, port: number, extra: Record<string, unknown> = {}) => ({
  securityGroupId,
  direction: "ingress",
  protocol: "tcp",
  multiport: String(port),
  remoteIpPrefix: "10.0.0.0/8",
  ...extra,
});

async function newGroup(): Promise<string> {
  const res = await groups.check!({}, { name: "batch", deleteDefaultRules: false });
  return (await groups.create(res.inputs)).id;
}

async function liveIngress(groupId: string): Promise<any[]> {
  return Object.values((await emu().state("huaweicloud")).rules as Record<string, any>).filter(
    (r) => r.security_group_id === groupId && r.direction === "ingress" && r.multiport,
  );
}

/** `port -> how many live rules` of the group's ingress rules with ports. */
async function livePorts(groupId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of await liveIngress(groupId)) counts[r.multiport] = (counts[r.multiport] ?? 0) + 1;
  return counts;
}

const ports = (n: number) => Array.from({ length: n }, (_, i) => 20_000 + i);
const once = (ps: number[]) => Object.fromEntries(ps.map((p) => [String(p), 1]));

describe("huaweicloud.SecurityGroupRule batching", () => {
  it("checks 450 concurrent rule resources with 3 dry-run batch-creates and creates them with 3 batch-creates, every rule once", async () => {
    const groupId = await newGroup();
    await emu().clearRequests("huaweicloud");
    const checks = await Promise.all(ports(450).map((p) => rules.check!({}, rule(groupId, p))));
    expect(checks.flatMap((c) => c.failures ?? [])).toEqual([]);
    let counts = await emu().counts("huaweicloud");
    expect([counts[BATCH], counts[SINGLE]]).toEqual([3, undefined]);
    expect(await liveIngress(groupId)).toEqual([]);

    await emu().clearRequests("huaweicloud");
    const made = await Promise.all(checks.map((c) => rules.create(c.inputs)));
    counts = await emu().counts("huaweicloud");
    expect([counts[BATCH], counts[SINGLE]]).toEqual([3, undefined]);
    expect(made.map((m) => m.outs!.multiport)).toEqual(ports(450).map(String));
    const byId = Object.fromEntries((await liveIngress(groupId)).map((r) => [r.id, r.multiport]));
    expect(made.map((m) => byId[m.id])).toEqual(ports(450).map(String));
    expect(await livePorts(groupId)).toEqual(once(ports(450)));
  });

  it("fails only the bad rule's check and create, each with its own error; the others are created once", async () => {
    const groupId = await newGroup();
    const bad = (p: number) => (p === 20_004 ? { remoteIpPrefix: undefined, remoteGroupId: MISSING_GROUP } : {});
    const checks = await Promise.all(ports(8).map((p) => rules.check!({}, rule(groupId, p, bad(p)))));
    expect(checks.map((c, i) => (c.failures?.length ? i : -1)).filter((i) => i >= 0)).toEqual([4]);
    expect(checks[4].failures![0].reason).toContain(`remote security group ${MISSING_GROUP} could not be found`);

    await emu().clearRequests("huaweicloud");
    const results = await Promise.allSettled(checks.map((c) => rules.create(c.inputs)));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ i, error: r.reason }] : []));
    expect(failed.map((f) => f.i)).toEqual([4]);
    expect(failed[0].error).toBeInstanceOf(SecgroupsError);
    expect(failed[0].error.message).toContain(MISSING_GROUP);
    const counts = await emu().counts("huaweicloud");
    expect([counts[BATCH], counts[SINGLE]]).toEqual([1, 8]);
    expect(await livePorts(groupId)).toEqual(once(ports(8).filter((p) => p !== 20_004)));
  });

  it("looks the rules of an unanswered batch-create up by tuple instead of creating them again", async () => {
    const groupId = await newGroup();
    const checks = await Promise.all(ports(30).map((p) => rules.check!({}, rule(groupId, p))));
    await emu().fault("huaweicloud", {
      method: "POST",
      path: "/v3/.+/vpc/security-groups/.+/security-group-rules/batch-create",
      dropAfterAct: true,
      count: 1,
    });
    await emu().clearRequests("huaweicloud");
    const made = await Promise.all(checks.map((c) => rules.create(c.inputs)));
    expect(await emu().pendingFaults("huaweicloud")).toEqual([]);
    const counts = await emu().counts("huaweicloud");
    expect([counts[BATCH], counts[SINGLE]]).toEqual([1, undefined]);
    expect(made.map((m) => m.outs!.multiport)).toEqual(ports(30).map(String));
    expect(await livePorts(groupId)).toEqual(once(ports(30)));
  });

  it("sends the chunks of 200 at once, not one after another: rule resources and a group's inline rules", async () => {
    const slow = { method: "POST", path: "/v3/.+/vpc/security-groups/.+/security-group-rules/batch-create", latencyMs: 400, count: 6 };
    const arrivals = () =>
      emu()
        .clouds.huaweicloud.requests.filter((r) => r.route === BATCH)
        .map((r) => r.at);
    const spread = (at: number[]) => Math.max(...at) - Math.min(...at);

    const groupId = await newGroup();
    const checks = await Promise.all(ports(450).map((p) => rules.check!({}, rule(groupId, p))));
    await emu().fault("huaweicloud", slow);
    await emu().clearRequests("huaweicloud");
    await Promise.all(checks.map((c) => rules.create(c.inputs)));
    expect(arrivals()).toHaveLength(3);
    expect(spread(arrivals())).toBeLessThan(400);

    await emu().clearRequests("huaweicloud");
    const inlineRules = ports(450).map((p) => {
      const { securityGroupId: _g, ...r } = rule("", p);
      return r;
    });
    const inline = await groups.check!({}, { name: "inline", rules: inlineRules });
    expect(inline.failures ?? []).toEqual([]);
    await groups.create(inline.inputs);
    expect(arrivals()).toHaveLength(3);
    expect(spread(arrivals())).toBeLessThan(400);
    expect(await emu().pendingFaults("huaweicloud")).toEqual([]);
  });
});
