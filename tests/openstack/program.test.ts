import { deployOpenstack } from "../../examples/openstack";
import { openstackEnv } from "../helpers/emulator";
import { resolved } from "../helpers/mini-engine";
import { useProgramHarness } from "../helpers/program";

// The OpenStack example program, run with setMocks forwarding every resource to the real provider host.
const harness = useProgramHarness({ clouds: ["openstack"] }, (e) => openstackEnv(e) as Record<string, string>);

it("deploys the dual-stack groups and the rule of the example into the emulator, then destroys them", async () => {
  const { emu, engine } = harness();
  const out = deployOpenstack();
  const [webId, dbId, webRules, dbRuleId] = await Promise.all([
    resolved(out.webId),
    resolved(out.dbId),
    resolved(out.webRules),
    resolved(out.dbRuleId),
  ]);
  const state = await emu.state("openstack");
  const rulesOf = (id: string) => Object.values(state.rules as Record<string, any>).filter((r) => r.security_group_id === id);
  expect(
    rulesOf(webId)
      .map((r) => `${r.direction} ${r.ethertype} ${r.protocol} ${r.port_range_min} ${r.remote_ip_prefix}`)
      .sort(),
  ).toEqual([
    "egress IPv4 null null null",
    "egress IPv6 null null null",
    "ingress IPv4 tcp 443 0.0.0.0/0",
    "ingress IPv6 tcp 22 2001:db8:10::/48",
    "ingress IPv6 tcp 443 ::/0",
  ]);
  expect(webRules).toHaveLength(5);
  expect(rulesOf(dbId)).toEqual([
    expect.objectContaining({ id: dbRuleId, remote_group_id: webId, ethertype: "IPv6", port_range_min: 5432 }),
  ]);
  expect(engine.log).toContain(`create pulumi-nodejs:dynamic/openstack:SecurityGroupRule openstack-db-from-web -> ${dbRuleId}`);

  await engine.destroyAll();
  const after = await emu.state("openstack");
  expect(Object.values(after.groups as Record<string, any>).filter((g) => g.id === webId || g.id === dbId)).toEqual([]);
});
