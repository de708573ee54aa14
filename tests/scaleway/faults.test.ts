import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/scaleway/provider";
import { PartialCreateError } from "../../provider/core/errors";
import type { FaultSpec } from "../../emulator/faults";
import { scalewayEnv, setEnv, startTestEmulator, TestEmulator } from "../helpers/emulator";

// Each fault kind at each call of create, update and delete. After the operation (and, where it failed,
// the next `pulumi up` the engine would run), the cloud must hold exactly the declared state.

let emu: TestEmulator;
let restore: () => void;
beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0" } });
  restore = setEnv({ ...scalewayEnv(emu), SECGROUPS_QUIET: "1" });
});
afterAll(async () => {
  restore();
  await emu.close();
});
beforeEach(() => emu.resetAll());
afterEach(async () => expect(await emu.pendingFaults("scaleway")).toEqual([]));

const SCW_BODY = { type: "unknown_error", message: "internal error" };
const FAULTS: [string, Omit<FaultSpec, "method" | "path">][] = [
  ["500", { status: 500, body: SCW_BODY }],
  ["503", { status: 503, body: SCW_BODY }],
  ["429 + Retry-After", { status: 429, retryAfter: 1, body: { type: "too_many_requests", message: "rate limit exceeded" } }],
  ["connection reset", { reset: true }],
  ["act, then drop the answer", { dropAfterAct: true }],
];

const rule = (port: number, ipRange: string) => ({ protocol: "TCP", direction: "inbound", action: "accept", ipRange, destPortFrom: port, destPortTo: port });
const group = { name: "app", description: "", stateful: true, inboundDefaultPolicy: "drop", outboundDefaultPolicy: "accept", projectDefault: false, enableDefaultSecurity: true, tags: [] };
const declared = { ...group, rules: [rule(22, "10.0.0.0/8"), rule(443, "0.0.0.0/0")] };
const changed = { ...group, name: "app-2", rules: [rule(22, "10.9.0.0/16"), rule(443, "0.0.0.0/0")] };

/** Every group and its editable rules, in order, as the emulator holds them. */
async function cloud() {
  const s = await emu.state("scaleway");
  return Object.values(s.groups as Record<string, any>).map((g) => ({ name: g.name, rules: (s.rules[g.id] as any[]).map((r) => `${r.position}:${r.dest_port_from} ${r.ip_range}`) }));
}

/** Creates as the engine does: a partial failure keeps the id and the next `up` updates it; any other failure is retried by the next `up`. */
async function createLikeEngine(inputs: Record<string, any>) {
  try {
    return await groups.create(inputs);
  } catch (error) {
    if (error instanceof PartialCreateError) {
      const { outs } = await groups.update!(error.id, error.properties, inputs);
      return { id: error.id, outs: outs! };
    }
    return groups.create(inputs);
  }
}

describe.each([
  ["POST /security_groups", "POST", "/security_groups$"],
  ["PUT /security_groups/:id/rules", "PUT", "/rules$"],
])("create a group with rules, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    await emu.fault("scaleway", { method, path, ...fault });
    await createLikeEngine(declared);
    expect(await cloud()).toEqual([{ name: "app", rules: ["1:22 10.0.0.0/8", "2:443 0.0.0.0/0"] }]);
  });
});

describe.each([
  ["PATCH /security_groups/:id", "PATCH", "/security_groups/[^/]+$"],
  ["PUT /security_groups/:id/rules", "PUT", "/rules$"],
])("update name and one rule, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu.fault("scaleway", { method, path, ...fault });
    try {
      await groups.update!(id, outs, changed);
    } catch {
      // a failed update leaves the old outputs in state; the next `up` runs it again after a refresh
      const refreshed = await groups.read!(id, outs);
      await groups.update!(id, refreshed.props, changed);
    }
    expect(await cloud()).toEqual([{ name: "app-2", rules: ["1:22 10.9.0.0/16", "2:443 0.0.0.0/0"] }]);
  });
});

describe("delete a group, fault at DELETE /security_groups/:id", () => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu.fault("scaleway", { method: "DELETE", path: "/security_groups/[^/]+$", ...fault });
    await groups.delete!(id, outs);
    expect(await cloud()).toEqual([]);
  });
});

describe.each([
  ["POST /security_groups/:id/rules", "POST", "/rules$", "create"],
  ["PATCH /security_groups/:id/rules/:ruleId", "PATCH", "/rules/", "update"],
  ["DELETE /security_groups/:id/rules/:ruleId", "DELETE", "/rules/", "delete"],
])("a rule resource, fault at %s", (_call, method, path, op) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const sg = await groups.create({ ...group, enableDefaultSecurity: false });
    await rules.create({ zone: "fr-par-1", securityGroupId: sg.id, ...rule(80, "0.0.0.0/0") });
    const inputs = { securityGroupId: sg.id, ...rule(22, "10.0.0.0/8") };
    if (op === "create") {
      await emu.fault("scaleway", { method, path, ...fault });
      await rules.create(inputs).catch(() => rules.create(inputs));
      expect(await cloud()).toEqual([{ name: "app", rules: ["1:80 0.0.0.0/0", "2:22 10.0.0.0/8"] }]);
      return;
    }
    const r = await rules.create(inputs);
    await emu.fault("scaleway", { method, path, ...fault });
    if (op === "update") {
      const news = { ...inputs, ...rule(2222, "10.0.0.0/8") };
      await rules.update!(r.id, r.outs, news).catch(() => rules.update!(r.id, r.outs, news));
      expect(await cloud()).toEqual([{ name: "app", rules: ["1:80 0.0.0.0/0", "2:2222 10.0.0.0/8"] }]);
      expect((await emu.state("scaleway")).rules[sg.id][1].id).toBe(r.id);
      return;
    }
    await rules.delete!(r.id, r.outs);
    expect(await cloud()).toEqual([{ name: "app", rules: ["1:80 0.0.0.0/0"] }]);
  });
});

it("gives up after the retry budget with an error naming the call and Scaleway's answer", async () => {
  const { id, outs } = await groups.create(declared);
  await emu.fault("scaleway", { method: "PATCH", path: "/security_groups/", status: 503, count: 20, body: { type: "service_unavailable", message: "maintenance" } });
  await expect(groups.update!(id, outs, changed)).rejects.toThrow(`update security group ${id} failed (PATCH /instance/v1/zones/fr-par-1/security_groups/${id} -> 503 service_unavailable): maintenance`);
  await fetch(`${emu.url("scaleway")}/_emulator/faults`, { method: "DELETE" });
}, 60_000);
