import { PartialCreateError } from "../../provider/core/errors";
import { PartialUpdateError } from "../../provider/genesiscloud/errors";
import { BASELINE_RULE } from "../../provider/genesiscloud/marshal";
import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/genesiscloud/provider";
import { genesisEnv, useEmulatorWithEnv } from "../helpers/emulator";
import { failNextSettle, genesisCaller, genesisSettings } from "./wire";

const SG = "/compute/v1/security-groups";
const tcp = (port: number | null) => ({ protocol: "tcp", direction: "ingress", portRangeMin: port, portRangeMax: port });
const icmp = { protocol: "icmp", direction: "ingress", portRangeMin: null, portRangeMax: null };

const emulator = useEmulatorWithEnv({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "30" } }, (e) => ({
  ...genesisEnv(e),
  SECGROUPS_QUIET: "1",
}));
let call: ReturnType<typeof genesisCaller>;

beforeAll(() => {
  call = genesisCaller(emulator());
});

async function createGroup(args: Record<string, unknown>) {
  const { inputs } = await groups.check!({}, args);
  return groups.create(inputs);
}

describe("genesiscloud.SecurityGroup provider against the emulator", () => {
  it("creates with inline rules, waits until created, and reports canonical outputs", async () => {
    const { id, outs } = await createGroup({
      name: "web",
      rules: [
        { protocol: "tcp", direction: "ingress", portRangeMin: 443 },
        { protocol: "icmp", direction: "ingress" },
      ],
    });
    expect(outs).toEqual({
      name: "web",
      description: "",
      region: "ARC-IS-HAF-1",
      status: "created",
      createdAt: expect.any(String),
      rulesInline: true,
      liveRules: [tcp(443), icmp],
    });
    const counts = await emulator().counts("genesiscloud");
    expect(counts["POST /compute/v1/security-groups"]).toBe(1);
    expect(counts["GET /compute/v1/security-groups/:id"]).toBeGreaterThanOrEqual(1);
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("created");
  });

  it("creates a group without `rules` with the baseline egress rule and no `rules` output", async () => {
    const { outs } = await createGroup({ name: "bare", description: "rule resources manage me", region: "NORD-NO-KRS-1" });
    expect(outs).toEqual({
      name: "bare",
      description: "rule resources manage me",
      region: "NORD-NO-KRS-1",
      status: "created",
      createdAt: expect.any(String),
      liveRules: [BASELINE_RULE],
    });
  });

  it("updates name and rules in one PATCH, and shows out-of-band drift on read", async () => {
    const { id, outs } = await createGroup({ name: "web", rules: [tcp(22)] });
    const { inputs: news } = await groups.check!(outs, { name: "web2", rules: [tcp(22), tcp(80)] });
    expect(await groups.diff!(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    await emulator().clearRequests("genesiscloud");
    const updated = (await groups.update!(id, outs, news)).outs!;
    expect(updated).toMatchObject({ name: "web2", status: "created", liveRules: [tcp(22), tcp(80)], rulesInline: true });
    expect((await emulator().counts("genesiscloud"))["PATCH /compute/v1/security-groups/:id"]).toBe(1);

    await call("PATCH", `${SG}/${id}`, { rules: [{ protocol: "udp", direction: "ingress", port_range_min: 53, port_range_max: 53 }] });
    const read = await groups.read!(id, updated);
    expect(read.props).toMatchObject({
      rulesInline: true,
      liveRules: [{ protocol: "udp", direction: "ingress", portRangeMin: 53, portRangeMax: 53 }],
    });
    expect((await groups.diff!(id, read.props!, news)).changes).toBe(true);
    expect(await groups.diff!(id, updated, news)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces only on a region change", async () => {
    const olds = { name: "a", region: "ARC-IS-HAF-1", status: "created", liveRules: [BASELINE_RULE] };
    expect(await groups.diff!("id", olds, { name: "a", region: "NORD-NO-KRS-1" })).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: false,
    });
    expect(await groups.diff!("id", olds, { name: "a" })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("reads a vanished group as gone, imports with inputs, and deletes (waiting for 404) idempotently", async () => {
    const { id, outs } = await createGroup({ name: "tmp", rules: [tcp(22)] });
    expect((await groups.read!(id, {})).inputs).toEqual({ name: "tmp", description: "", region: "ARC-IS-HAF-1" });
    await groups.delete!(id, outs);
    expect((await call("GET", `${SG}/${id}`)).status).toBe(404);
    expect(await groups.read!(id, outs)).toEqual({});
    await groups.delete!(id, outs);
  });

  it("turns 409 on delete of a settled group into an InUse error naming the instance", async () => {
    const { id, outs } = await createGroup({ name: "attached", rules: [tcp(22)] });
    const res = await fetch(`${emulator().url("genesiscloud")}/_emulator/genesiscloud/instances`, {
      method: "POST",
      body: JSON.stringify({ project: "demo-project", securityGroupIds: [id] }),
    });
    const { id: instance } = await res.json();
    await expect(groups.delete!(id, outs)).rejects.toMatchObject({
      code: "InUse",
      message: `delete security group ${id} failed (DELETE /compute/v1/security-groups/${id} -> 409 ResourceInUse): security group ${id} is in use: security group ${id} is attached to instance(s) ${instance}; detach it first; then run the command again`,
    });
  });

  it("reports a create that ends in `error` as a partial failure carrying the id, then recovers on update", async () => {
    await failNextSettle(emulator(), "create");
    const error = await createGroup({ name: "flaky", rules: [tcp(22)] }).catch((e) => e);
    expect(error).toBeInstanceOf(PartialCreateError);
    expect(error.properties).toMatchObject({ name: "flaky", status: "error", liveRules: [tcp(22)], rulesInline: true });
    expect(error.reasons).toEqual([
      `create security group flaky failed: security group ${error.id} ended in status "error" at Genesis Cloud; run \`pulumi up\` again to re-apply it, or delete it`,
    ]);
    const olds = error.properties;
    const { inputs: news } = await groups.check!(olds, { name: "flaky", rules: [tcp(22)] });
    expect((await groups.diff!(error.id, olds, news)).changes).toBe(true);
    expect((await groups.update!(error.id, olds, news)).outs).toMatchObject({ status: "created" });
  });

  it("reports an update that ends in `error` as a partial update failure with status error", async () => {
    const { id, outs } = await createGroup({ name: "u", rules: [tcp(22)] });
    await failNextSettle(emulator(), "update");
    const error = await groups.update!(id, outs, { name: "u", rules: [tcp(80)] }).catch((e) => e);
    expect(error).toBeInstanceOf(PartialUpdateError);
    expect(error).toMatchObject({ id, properties: { status: "error", liveRules: [tcp(80)], rulesInline: true } });
    expect(error.message).toBe(
      `updated ${id} but could not finish: update security group ${id} failed: security group ${id} ended in status "error" at Genesis Cloud; run \`pulumi up\` again to re-apply it, or delete it`,
    );
  });

  it("waits for an unsettled group before changing it instead of failing with 409", async () => {
    await genesisSettings(emulator(), { settleMs: 150 });
    const { id, outs } = await createGroup({ name: "slow", rules: [tcp(22)] });
    await call("PATCH", `${SG}/${id}`, { description: "out of band" });
    expect((await groups.update!(id, outs, { name: "slow", rules: [tcp(23)] })).outs).toMatchObject({
      status: "created",
      liveRules: [tcp(23)],
    });
  });
});

describe("genesiscloud.SecurityGroupRule provider against the emulator", () => {
  it("adds and removes rules by rewriting the list; the last removal falls back to the baseline rule", async () => {
    const group = await createGroup({ name: "managed" });
    const { inputs } = await rules.check!({}, { securityGroupId: group.id, protocol: "tcp", direction: "ingress", portRangeMin: 22 });
    const created = await rules.create(inputs);
    expect(created).toEqual({
      id: `${group.id}:ingress:tcp:22-22`,
      outs: { securityGroupId: group.id, ...tcp(22), groupStatus: "created" },
    });
    expect((await call("GET", `${SG}/${group.id}`)).body.security_group.rules).toEqual([
      { protocol: "all", direction: "egress", port_range_min: null, port_range_max: null },
      { protocol: "tcp", direction: "ingress", port_range_min: 22, port_range_max: 22 },
    ]);
    expect((await rules.read!(created.id, created.outs)).props).toEqual(created.outs);
    expect((await rules.read!(created.id, {})).inputs).toEqual({ securityGroupId: group.id, ...tcp(22) });

    const egress = await rules.create((await rules.check!({}, { securityGroupId: group.id, protocol: "all", direction: "egress" })).inputs);
    await rules.delete!(created.id, created.outs);
    await rules.delete!(egress.id, egress.outs);
    expect((await call("GET", `${SG}/${group.id}`)).body.security_group.rules).toEqual([
      { protocol: "all", direction: "egress", port_range_min: null, port_range_max: null },
    ]);
    expect(await rules.read!(created.id, created.outs)).toEqual({});
  });

  it("adopts a rule already in the list without writing", async () => {
    const group = await createGroup({ name: "managed" });
    await emulator().clearRequests("genesiscloud");
    await rules.create({ securityGroupId: group.id, ...BASELINE_RULE });
    expect(await emulator().counts("genesiscloud")).toEqual({ "GET /compute/v1/security-groups/:id": 1 });
  });

  it("refuses a rule resource on a group with inline rules, and leaves the group's list alone on delete", async () => {
    const group = await createGroup({ name: "inline", rules: [tcp(22)] });
    const message = `security group ${group.id} declares inline \`rules\`, which own its whole rule list; a SecurityGroupRule on it would be removed by the group's next update. Add the rule to the group's \`rules\`, or remove \`rules\` from the group to manage its rules with SecurityGroupRule resources`;
    await expect(rules.create({ securityGroupId: group.id, ...tcp(80) })).rejects.toThrow(`create security group rule failed: ${message}`);
    await expect(
      rules.diff!(`${group.id}:ingress:tcp:22-22`, { securityGroupId: group.id, ...tcp(22) }, { securityGroupId: group.id, ...tcp(22) }),
    ).rejects.toThrow(`diff security group rule failed: ${message}`);
    await rules.delete!(`${group.id}:ingress:tcp:22-22`, { securityGroupId: group.id, ...tcp(22) });
    expect((await call("GET", `${SG}/${group.id}`)).body.security_group.rules).toHaveLength(1);
  });

  it("fails a rule on a missing group with NotFound and treats its delete as done", async () => {
    await expect(rules.create({ securityGroupId: "00000000-0000-4000-8000-000000000000", ...tcp(22) })).rejects.toThrow(
      "1 rule change(s) in security group 00000000-0000-4000-8000-000000000000 failed: security group 00000000-0000-4000-8000-000000000000 does not exist (or is being deleted)",
    );
    await rules.delete!("missing:ingress:tcp:22-22", {});
  });

  it("batches concurrent rule changes on one group: 30 adds in one read and one write, none lost", async () => {
    const group = await createGroup({ name: "busy" });
    await emulator().clearRequests("genesiscloud");
    const ports = Array.from({ length: 30 }, (_, i) => 1000 + i);
    await Promise.all(ports.map((p) => rules.create({ securityGroupId: group.id, ...tcp(p) })));
    const live = (await call("GET", `${SG}/${group.id}`)).body.security_group.rules;
    expect(live.map((r: any) => r.port_range_min).sort()).toEqual([null, ...ports].sort());
    expect((await emulator().counts("genesiscloud"))["PATCH /compute/v1/security-groups/:id"]).toBe(1);
  });
});
