import { deployNhn } from "../../examples/nhn";
import { nhnEnv } from "../helpers/emulator";
import { resolved } from "../helpers/mini-engine";
import { useProgramHarness } from "../helpers/program";

// The NHN example program, run with setMocks forwarding every resource to the real provider host.
const harness = useProgramHarness({ clouds: ["nhn"] }, nhnEnv);

it("deploys the groups and rules of the example into the emulator, then destroys them", async () => {
  const { emu, engine } = harness();
  const out = deployNhn();
  const [webId, dbId, webRules, dbRuleId] = await Promise.all([
    resolved(out.webId),
    resolved(out.dbId),
    resolved(out.webRules),
    resolved(out.dbRuleId),
  ]);
  const state = await emu.state("nhn");
  expect(state.groups[webId].name).toBe("web");
  expect(state.groups[dbId].name).toBe("db");
  const rulesOf = (id: string) => Object.values(state.rules as Record<string, any>).filter((r) => r.security_group_id === id);
  expect(
    rulesOf(webId)
      .map((r) => `${r.direction} ${r.protocol} ${r.port_range_min} ${r.remote_ip_prefix}`)
      .sort(),
  ).toEqual(["egress tcp 443 0.0.0.0/0", "ingress tcp 22 203.0.113.0/24", "ingress tcp 443 0.0.0.0/0"]);
  expect(webRules).toHaveLength(3);
  expect(rulesOf(dbId)).toEqual([expect.objectContaining({ id: dbRuleId, remote_group_id: webId, port_range_min: 5432 })]);
  // the two groups in parallel, the rule only once both ids are known
  expect(engine.log.slice(0, 2).sort()).toEqual([
    `create pulumi-nodejs:dynamic/nhn:SecurityGroup nhn-db -> ${dbId}`,
    `create pulumi-nodejs:dynamic/nhn:SecurityGroup nhn-web -> ${webId}`,
  ]);
  expect(engine.log[2]).toBe(`create pulumi-nodejs:dynamic/nhn:SecurityGroupRule nhn-db-from-web -> ${dbRuleId}`);

  await engine.destroyAll();
  const after = await emu.state("nhn");
  expect(Object.values(after.groups as Record<string, any>).map((g) => g.name)).toEqual(["default"]);
});
