import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/scaleway/provider";
import { scalewayEnv } from "../helpers/emulator";
import { createLikeEngine, faultKinds, updateLikeEngine, useFaultEmulator } from "../helpers/faults";

// Each fault kind at each call of create, update and delete. After the operation (and, where it failed,
// the next `pulumi up` the engine would run), the cloud must hold exactly the declared state.

const emu = useFaultEmulator({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0" } }, (e) => ({
  ...scalewayEnv(e),
  SECGROUPS_QUIET: "1",
}));
const SCW_BODY = { type: "unknown_error", message: "internal error" };
const FAULTS = faultKinds({ 500: SCW_BODY, 503: SCW_BODY, 429: { type: "too_many_requests", message: "rate limit exceeded" } });

const rule = (port: number, ipRange: string) => ({
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ipRange,
  destPortFrom: port,
  destPortTo: port,
});
const group = {
  name: "app",
  description: "",
  stateful: true,
  inboundDefaultPolicy: "drop",
  outboundDefaultPolicy: "accept",
  projectDefault: false,
  enableDefaultSecurity: true,
  tags: [],
};
const declared = { ...group, rules: [rule(22, "10.0.0.0/8"), rule(443, "0.0.0.0/0")] };
const changed = { ...group, name: "app-2", rules: [rule(22, "10.9.0.0/16"), rule(443, "0.0.0.0/0")] };

/** Every group and its editable rules, in order, as the emulator holds them. */
async function cloud() {
  const s = await emu().state("scaleway");
  return Object.values(s.groups as Record<string, any>).map((g) => ({
    name: g.name,
    rules: (s.rules[g.id] as any[]).map((r) => `${r.position}:${r.dest_port_from} ${r.ip_range}`),
  }));
}

describe.each([
  ["POST /security_groups", "POST", "/security_groups$"],
  ["PUT /security_groups/:id/rules", "PUT", "/rules$"],
])("create a group with rules, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    await emu().fault("scaleway", { method, path, ...fault });
    await createLikeEngine(groups, declared);
    expect(await cloud()).toEqual([{ name: "app", rules: ["1:22 10.0.0.0/8", "2:443 0.0.0.0/0"] }]);
  });
});

describe.each([
  ["PATCH /security_groups/:id", "PATCH", "/security_groups/[^/]+$"],
  ["PUT /security_groups/:id/rules", "PUT", "/rules$"],
])("update name and one rule, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("scaleway", { method, path, ...fault });
    await updateLikeEngine(groups, id, outs, changed);
    expect(await cloud()).toEqual([{ name: "app-2", rules: ["1:22 10.9.0.0/16", "2:443 0.0.0.0/0"] }]);
  });
});

describe("delete a group, fault at DELETE /security_groups/:id", () => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("scaleway", { method: "DELETE", path: "/security_groups/[^/]+$", ...fault });
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
      await emu().fault("scaleway", { method, path, ...fault });
      await rules.create(inputs).catch(() => rules.create(inputs));
      expect(await cloud()).toEqual([{ name: "app", rules: ["1:80 0.0.0.0/0", "2:22 10.0.0.0/8"] }]);
      return;
    }
    const r = await rules.create(inputs);
    await emu().fault("scaleway", { method, path, ...fault });
    if (op === "update") {
      const news = { ...inputs, ...rule(2222, "10.0.0.0/8") };
      await rules.update!(r.id, r.outs, news).catch(() => rules.update!(r.id, r.outs, news));
      expect(await cloud()).toEqual([{ name: "app", rules: ["1:80 0.0.0.0/0", "2:2222 10.0.0.0/8"] }]);
      expect((await emu().state("scaleway")).rules[sg.id][1].id).toBe(r.id);
      return;
    }
    await rules.delete!(r.id, r.outs);
    expect(await cloud()).toEqual([{ name: "app", rules: ["1:80 0.0.0.0/0"] }]);
  });
});

it("gives up after the retry budget with an error naming the call and Scaleway's answer", async () => {
  const { id, outs } = await groups.create(declared);
  await emu().fault("scaleway", {
    method: "PATCH",
    path: "/security_groups/",
    status: 503,
    count: 20,
    body: { type: "service_unavailable", message: "maintenance" },
  });
  await expect(groups.update!(id, outs, changed)).rejects.toThrow(
    `update security group ${id} failed (PATCH /instance/v1/zones/fr-par-1/security_groups/${id} -> 503 service_unavailable): maintenance`,
  );
  await fetch(`${emu().url("scaleway")}/_emulator/faults`, { method: "DELETE" });
}, 60_000);
