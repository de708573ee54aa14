import { deployScaleway } from "../../examples/scaleway";
import { scalewayEnv } from "../helpers/emulator";
import { resolved } from "../helpers/mini-engine";
import { useProgramHarness } from "../helpers/program";

// The Scaleway example program, run with setMocks forwarding every resource to the real provider host.
const harness = useProgramHarness({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0" } }, (e) => ({
  ...scalewayEnv(e),
  SECGROUPS_QUIET: "1",
}));

it("deploys the groups and rules of the example into the emulator, then destroys them", async () => {
  const { emu, engine } = harness();
  const out = deployScaleway();
  const [webId, dbId, webRules, dbRuleId] = await Promise.all([
    resolved(out.webId),
    resolved(out.dbId),
    resolved(out.webRules),
    resolved(out.dbRuleId),
  ]);
  const state = await emu.state("scaleway");
  expect(state.groups[webId]).toMatchObject({
    name: "web",
    inbound_default_policy: "drop",
    // The declared tag, and the creation token's (hidden from outputs; see "Creation tokens" in the README).
    tags: ["web", expect.stringMatching(/^pulumi-secgroups-token=sgt-[0-9a-f]{24}$/)],
    zone: "fr-par-1",
    enable_default_security: true,
  });
  expect(state.rules[webId].map((r: any) => `${r.position} ${r.action} ${r.protocol} ${r.dest_port_from} ${r.ip_range}`)).toEqual([
    "1 drop TCP 443 198.51.100.0/24",
    "2 accept TCP 443 0.0.0.0/0",
    "3 accept TCP 22 203.0.113.0/24",
    "4 accept ICMP null 203.0.113.0/24",
  ]);
  expect(webRules.map((r) => r.id)).toEqual(state.rules[webId].map((r: any) => r.id));
  expect(state.rules[dbId]).toEqual([expect.objectContaining({ id: dbRuleId, dest_port_from: 5432, ip_range: "10.20.0.0/16" })]);
  expect(engine.log.slice(0, 2).sort()).toEqual([
    `create pulumi-nodejs:dynamic/scaleway:SecurityGroup scw-db -> ${dbId}`,
    `create pulumi-nodejs:dynamic/scaleway:SecurityGroup scw-web -> ${webId}`,
  ]);
  expect(engine.log[2]).toBe(`create pulumi-nodejs:dynamic/scaleway:SecurityGroupRule scw-db-from-app -> ${dbRuleId}`);

  await engine.destroyAll();
  expect((await emu.state("scaleway")).groups).toEqual({});
});
