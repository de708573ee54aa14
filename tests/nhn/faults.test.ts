import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/nhn/provider";
import { PartialCreateError } from "../../provider/core/errors";
import type { FaultSpec } from "../../emulator/faults";
import { nhnEnv, setEnv, startTestEmulator, TestEmulator } from "../helpers/emulator";

// Each fault kind at each call of create, update and delete. After the operation (and, where it failed,
// the next `pulumi up` the engine would run), the cloud must hold exactly the declared state.

let emu: TestEmulator;
let restore: () => void;
beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["nhn"] });
  restore = setEnv({ ...nhnEnv(emu), SECGROUPS_QUIET: "1" });
});
afterAll(async () => {
  restore();
  await emu.close();
});
beforeEach(() => emu.resetAll());
afterEach(async () => expect(await emu.pendingFaults("nhn")).toEqual([]));

const FAULTS: [string, Omit<FaultSpec, "method" | "path">][] = [
  ["500", { status: 500 }],
  ["503", { status: 503 }],
  ["429 + Retry-After", { status: 429, retryAfter: 1, body: { message: "slow down" } }],
  ["connection reset", { reset: true }],
  ["act, then drop the answer", { dropAfterAct: true }],
];

const declared = { name: "app", description: "", deleteDefaultRules: false, rules: [rule(22, "10.0.0.0/8"), rule(443, "0.0.0.0/0")] };
const changed = { name: "app-2", description: "", deleteDefaultRules: false, rules: [rule(22, "10.9.0.0/16"), rule(443, "0.0.0.0/0")] };

function rule(port: number, cidr: string) {
  return { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: port, portRangeMax: port, remoteIpPrefix: cidr, remoteGroupId: null, description: "" };
}

async function cloud() {
  const s = await emu.state("nhn");
  const mine = Object.values(s.groups as Record<string, any>).filter((g) => g.name !== "default");
  const rulesOf = (id: string) => Object.values(s.rules as Record<string, any>).filter((r) => r.security_group_id === id).map((r) => `${r.port_range_min} ${r.remote_ip_prefix}`).sort();
  return mine.map((g) => ({ name: g.name, rules: rulesOf(g.id) }));
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
  ["identity POST /v2.0/tokens", "POST", "/v2.0/tokens$"],
  ["POST /v2.0/security-groups", "POST", "/v2.0/security-groups$"],
  ["bulk POST /v2.0/security-group-rules", "POST", "/v2.0/security-group-rules$"],
  ["DELETE of a default rule", "DELETE", "/v2.0/security-group-rules/"],
])("create a group with rules, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    await emu.fault("nhn", { method, path, ...fault });
    await createLikeEngine(declared);
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
    await emu.fault("nhn", { method, path, ...fault });
    try {
      await groups.update!(id, outs, changed);
    } catch {
      // a failed update leaves the old outputs in state; the next `up` runs it again after a refresh
      const refreshed = await groups.read!(id, outs);
      await groups.update!(id, refreshed.props, changed);
    }
    expect(await cloud()).toEqual([{ name: "app-2", rules: ["22 10.9.0.0/16", "443 0.0.0.0/0"] }]);
  });
});

describe("delete a group, fault at DELETE /v2.0/security-groups/:id", () => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu.fault("nhn", { method: "DELETE", path: "/v2.0/security-groups/", ...fault });
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
      await emu.fault("nhn", { method, path, ...fault });
      await rules.delete!(r.id, r.outs);
      expect(await cloud()).toEqual([{ name: "app", rules: [] }]);
      return;
    }
    await emu.fault("nhn", { method, path, ...fault });
    await rules.create(inputs).catch(() => rules.create(inputs));
    expect(await cloud()).toEqual([{ name: "app", rules: ["22 10.0.0.0/8"] }]);
  });
});

it("gives up after the retry budget with an error naming the call and the cloud's answer", async () => {
  const { id, outs } = await groups.create(declared);
  await emu.fault("nhn", { method: "PUT", path: "/v2.0/security-groups/", status: 503, count: 6 /* the first attempt and five retries */, body: { NeutronError: { type: "ServiceUnavailable", message: "maintenance", detail: "" } } });
  await expect(groups.update!(id, outs, changed)).rejects.toThrow(`update security group ${id} failed (PUT /v2.0/security-groups/${id} -> 503 ServiceUnavailable): maintenance`);
}, 60_000);
