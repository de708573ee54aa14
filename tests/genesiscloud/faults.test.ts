import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/genesiscloud/provider";
import { genesisEnv } from "../helpers/emulator";
import { createLikeEngine, faultKinds, updateLikeEngine, useFaultEmulator } from "../helpers/faults";

// Each fault kind at each call of create, update and delete (status polls included). After the operation
// (and, where it failed, the next `pulumi up` the engine would run), the cloud holds exactly the declared state.

const emu = useFaultEmulator({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "20" } }, (e) => ({
  ...genesisEnv(e),
  SECGROUPS_QUIET: "1",
}));
const genesisBody = (code: string) => ({ code, message: `injected ${code}` });
// Retry-After: 0 keeps the matrix fast; the test at the end proves a longer Retry-After is waited for.
const FAULTS = faultKinds({ 500: genesisBody("InternalError"), 503: genesisBody("Unavailable"), 429: genesisBody("TooManyRequests") }, 0);

const ONE = "/compute/v1/security-groups/";
const tcp = (port: number) => ({ protocol: "tcp", direction: "ingress", portRangeMin: port, portRangeMax: port });
const declared = { name: "app", description: "", rules: [tcp(22), tcp(443)] };
const changed = { name: "app-2", description: "", rules: [tcp(22), tcp(8443)] };

async function cloud() {
  const groupsNow = Object.values((await emu().state("genesiscloud")).groups as Record<string, any>).filter((g) => !g.is_internal);
  return groupsNow.map((g) => ({
    name: g.name,
    status: g.status,
    rules: g.rules.map((r: any) => `${r.direction} ${r.protocol} ${r.port_range_min ?? "*"}`).sort(),
  }));
}

/** A fault on the `count`-th matching call (and the ones before it: the fault table hits the next N matches). */
const at = (method: string, path: string, count = 1) => ({ method, path, count });

describe.each([
  ["POST /security-groups", at("POST", "/security-groups$")],
  ["the first status poll (GET)", at("GET", ONE)],
  ["the second status poll (GET)", at("GET", ONE, 2)],
])("create a group with rules, fault at %s", (_call, where) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    await emu().fault("genesiscloud", { ...where, ...fault });
    await createLikeEngine(groups, declared);
    expect(await cloud()).toEqual([{ name: "app", status: "created", rules: ["ingress tcp 22", "ingress tcp 443"] }]);
  });
});

describe.each([
  ["PATCH /security-groups/:id", at("PATCH", ONE)],
  ["the status poll (GET)", at("GET", ONE)],
])("update name and rules, fault at %s", (_call, where) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("genesiscloud", { ...where, ...fault });
    await updateLikeEngine(groups, id, outs, changed);
    expect(await cloud()).toEqual([{ name: "app-2", status: "created", rules: ["ingress tcp 22", "ingress tcp 8443"] }]);
  });
});

describe.each([
  ["DELETE /security-groups/:id", at("DELETE", ONE)],
  ["the poll until 404 (GET)", at("GET", ONE)],
])("delete a group, fault at %s", (_call, where) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("genesiscloud", { ...where, ...fault });
    await groups.delete!(id, outs).catch(() => groups.delete!(id, outs));
    expect(await cloud()).toEqual([]);
  });
});

describe.each([
  ["the re-read (GET)", at("GET", ONE), "create"],
  ["PATCH of the rule list", at("PATCH", ONE), "create"],
  ["the status poll (GET)", at("GET", ONE, 2), "create"],
  ["the re-read (GET)", at("GET", ONE), "delete"],
  ["PATCH of the rule list", at("PATCH", ONE), "delete"],
  ["the status poll (GET)", at("GET", ONE, 2), "delete"],
])("a rule resource, fault at %s during %s", (_call, where, op) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const sg = await groups.create({ name: "app", description: "" });
    const inputs = { securityGroupId: sg.id, ...tcp(22) };
    if (op === "delete") {
      const r = await rules.create(inputs);
      await emu().fault("genesiscloud", { ...where, ...fault });
      await rules.delete!(r.id, r.outs).catch(() => rules.delete!(r.id, r.outs));
      expect(await cloud()).toEqual([{ name: "app", status: "created", rules: ["egress all *"] }]);
      return;
    }
    await emu().fault("genesiscloud", { ...where, ...fault });
    await rules.create(inputs).catch(() => rules.create(inputs));
    expect(await cloud()).toEqual([{ name: "app", status: "created", rules: ["egress all *", "ingress tcp 22"] }]);
  });
});

it("waits as long as Retry-After asks before retrying a 429", async () => {
  const { id, outs } = await groups.create(declared);
  await emu().fault("genesiscloud", { method: "PATCH", path: ONE, status: 429, retryAfter: 1, body: genesisBody("TooManyRequests") });
  const started = Date.now();
  await groups.update!(id, outs, changed);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

it("gives up after the retry budget with an error naming the call and the cloud's answer", async () => {
  const { id, outs } = await groups.create(declared);
  await emu().fault("genesiscloud", {
    method: "PATCH",
    path: ONE,
    status: 429,
    retryAfter: 0,
    count: 6 /* the first attempt and five retries */,
    body: { code: "TooManyRequests", message: "slow down" },
  });
  await expect(groups.update!(id, outs, changed)).rejects.toThrow(
    `update security group ${id} failed (PATCH /compute/v1/security-groups/${id} -> 429 TooManyRequests): slow down (rate limited; retries exhausted)`,
  );
});
