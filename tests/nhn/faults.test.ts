import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/nhn/provider";
import { nhnEnv } from "../helpers/emulator";
import { createLikeEngine, faultKinds, updateLikeEngine, useFaultEmulator } from "../helpers/faults";

// Each fault kind at each call of create, update and delete. After the operation (and, where it failed,
// the next `pulumi up` the engine would run), the cloud must hold exactly the declared state.

const emu = useFaultEmulator({ clouds: ["nhn"] }, (e) => ({ ...nhnEnv(e), SECGROUPS_QUIET: "1" }));
const FAULTS = faultKinds({ 429: { message: "slow down" } });

const declared = { name: "app", description: "", deleteDefaultRules: false, rules: [rule(22, "10.0.0.0/8"), rule(443, "0.0.0.0/0")] };
const changed = { name: "app-2", description: "", deleteDefaultRules: false, rules: [rule(22, "10.9.0.0/16"), rule(443, "0.0.0.0/0")] };

function rule(port: number, cidr: string) {
  return {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    portRangeMin: port,
    portRangeMax: port,
    remoteIpPrefix: cidr,
    remoteGroupId: null,
    description: "",
  };
}

async function cloud() {
  const s = await emu().state("nhn");
  const mine = Object.values(s.groups as Record<string, any>).filter((g) => g.name !== "default");
  const rulesOf = (id: string) =>
    Object.values(s.rules as Record<string, any>)
      .filter((r) => r.security_group_id === id)
      .map((r) => `${r.port_range_min} ${r.remote_ip_prefix}`)
      .sort();
  return mine.map((g) => ({ name: g.name, rules: rulesOf(g.id) }));
}

describe.each([
  ["identity POST /v2.0/tokens", "POST", "/v2.0/tokens$"],
  ["POST /v2.0/security-groups", "POST", "/v2.0/security-groups$"],
  ["bulk POST /v2.0/security-group-rules", "POST", "/v2.0/security-group-rules$"],
  ["DELETE of a default rule", "DELETE", "/v2.0/security-group-rules/"],
])("create a group with rules, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    await emu().fault("nhn", { method, path, ...fault });
    await createLikeEngine(groups, declared);
    expect(await cloud()).toEqual([{ name: "app", rules: ["22 10.0.0.0/8", "443 0.0.0.0/0"] }]);
  });
});

describe.each([
  ["PUT /v2.0/security-groups/:id", "PUT", "/v2.0/security-groups/"],
  ["bulk POST /v2.0/security-group-rules", "POST", "/v2.0/security-group-rules$"],
  ["DELETE of the replaced rule", "DELETE", "/v2.0/security-group-rules/"],
])("update name and one rule, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("nhn", { method, path, ...fault });
    await updateLikeEngine(groups, id, outs, changed);
    expect(await cloud()).toEqual([{ name: "app-2", rules: ["22 10.9.0.0/16", "443 0.0.0.0/0"] }]);
  });
});

describe("delete a group, fault at DELETE /v2.0/security-groups/:id", () => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("nhn", { method: "DELETE", path: "/v2.0/security-groups/", ...fault });
    await groups.delete!(id, outs);
    expect(await cloud()).toEqual([]);
  });
});

describe.each([
  ["POST /v2.0/security-group-rules", "POST", "/v2.0/security-group-rules$", "create"],
  ["DELETE /v2.0/security-group-rules/:id", "DELETE", "/v2.0/security-group-rules/", "delete"],
])("a rule resource, fault at %s", (_call, method, path, op) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const sg = await groups.create({ name: "app", description: "", deleteDefaultRules: true });
    const inputs = { securityGroupId: sg.id, ...rule(22, "10.0.0.0/8") };
    if (op === "delete") {
      const r = await rules.create(inputs);
      await emu().fault("nhn", { method, path, ...fault });
      await rules.delete!(r.id, r.outs);
      expect(await cloud()).toEqual([{ name: "app", rules: [] }]);
      return;
    }
    await emu().fault("nhn", { method, path, ...fault });
    await rules.create(inputs).catch(() => rules.create(inputs));
    expect(await cloud()).toEqual([{ name: "app", rules: ["22 10.0.0.0/8"] }]);
  });
});

it("gives up after the retry budget with an error naming the call and the cloud's answer", async () => {
  const { id, outs } = await groups.create(declared);
  await emu().fault("nhn", {
    method: "PUT",
    path: "/v2.0/security-groups/",
    status: 503,
    count: 6 /* the first attempt and five retries */,
    body: { NeutronError: { type: "ServiceUnavailable", message: "maintenance", detail: "" } },
  });
  await expect(groups.update!(id, outs, changed)).rejects.toThrow(
    `update security group ${id} failed (PUT /v2.0/security-groups/${id} -> 503 ServiceUnavailable): maintenance`,
  );
}, 60_000);
