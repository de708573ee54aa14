import { deployGenesiscloud } from "../../examples/genesiscloud";
import { resolved } from "../helpers/mini-engine";
import { useProgramHarness } from "../helpers/program";

// The Genesis example program, run with setMocks forwarding every resource to the real provider host.
const harness = useProgramHarness({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "30" } }, (e) => ({
  GENESISCLOUD_ENDPOINT: e.url("genesiscloud"),
  GENESISCLOUD_TOKEN: "demo-token",
  GENESISCLOUD_POLL_INTERVAL_MS: "10",
  SECGROUPS_QUIET: "1",
}));

it("deploys the example's groups and rules into the emulator, then destroys them", async () => {
  const { emu, engine } = harness();
  const out = deployGenesiscloud();
  const [webId, workersId, webRules, jupyterId, tensorboardId] = await Promise.all([
    resolved(out.webId),
    resolved(out.workersId),
    resolved(out.webRules),
    resolved(out.jupyterId),
    resolved(out.tensorboardId),
  ]);
  const state = await emu.state("genesiscloud");
  const rulesOf = (id: string) =>
    state.groups[id].rules.map((r: any) => `${r.direction} ${r.protocol} ${r.port_range_min ?? "*"}-${r.port_range_max ?? "*"}`).sort();
  expect(state.groups[webId]).toMatchObject({ name: "web", status: "created" });
  expect(rulesOf(webId)).toEqual(["egress all *-*", "ingress icmp *-*", "ingress tcp 443-443"]);
  expect(webRules).toHaveLength(3);
  expect(rulesOf(workersId)).toEqual(["egress all *-*", "ingress tcp 6006-6006", "ingress tcp 8888-8888"]);
  expect([jupyterId, tensorboardId]).toEqual([`${workersId}:ingress:tcp:8888-8888`, `${workersId}:ingress:tcp:6006-6006`]);
  expect(engine.log.slice(0, 2).sort()).toEqual([
    `create pulumi-nodejs:dynamic/genesiscloud:SecurityGroup genesis-web -> ${webId}`,
    `create pulumi-nodejs:dynamic/genesiscloud:SecurityGroup genesis-workers -> ${workersId}`,
  ]);

  await engine.destroyAll();
  const after = await emu.state("genesiscloud");
  expect(Object.values(after.groups as Record<string, any>).map((g) => g.name)).toEqual(["standard"]);
});
