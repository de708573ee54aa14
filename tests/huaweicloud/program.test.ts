import { deployHuaweicloud } from "../../examples/huaweicloud";
import { DEMO_SERVER_ID } from "../../emulator/huaweicloud/nova/model";
import { huaweicloudEnv } from "../helpers/emulator";
import { resolved } from "../helpers/mini-engine";
import { useProgramHarness } from "../helpers/program";

// The Huawei example program, run with setMocks forwarding every resource to the real provider host.
const harness = useProgramHarness({ clouds: ["huaweicloud", "huaweicloudNova"] }, huaweicloudEnv);

it("deploys both APIs' groups, rules and the server attachment into the emulator, then destroys them", async () => {
  const { emu, engine } = harness();
  const out = deployHuaweicloud(DEMO_SERVER_ID);
  const [webId, dbId, webRules, dbRuleId, appId, attachmentId] = await Promise.all([
    resolved(out.webId),
    resolved(out.dbId),
    resolved(out.webRules),
    resolved(out.dbRuleId),
    resolved(out.appId),
    resolved(out.attachmentId),
  ]);
  const vpc = await emu.state("huaweicloud");
  const rulesOf = (id: string) => Object.values(vpc.rules as Record<string, any>).filter((r) => r.security_group_id === id);
  expect(
    rulesOf(webId)
      .map((r) => `${r.direction} ${r.protocol} ${r.multiport} ${r.remote_ip_prefix} ${r.action} ${r.priority}`)
      .sort(),
  ).toEqual([
    "egress null null 0.0.0.0/0 allow 100",
    "ingress tcp 22 0.0.0.0/0 deny 50",
    "ingress tcp 22 203.0.113.0/24 allow 1",
    "ingress tcp 80,443 0.0.0.0/0 allow 1",
  ]);
  expect(webRules).toHaveLength(4);
  expect(rulesOf(dbId)).toEqual([expect.objectContaining({ id: dbRuleId, remote_group_id: webId, multiport: "5432" })]);
  // The Nova group is a VPC group: its two Nova rules are VPC ingress rules next to Neutron's two egress defaults.
  expect(
    rulesOf(appId)
      .map((r) => r.direction)
      .sort(),
  ).toEqual(["egress", "egress", "ingress", "ingress"]);
  expect((await emu.state("huaweicloudNova")).servers[DEMO_SERVER_ID].security_groups).toContain(appId);
  expect(attachmentId).toBe(`${DEMO_SERVER_ID}/${appId}`);
  expect(engine.log).toContain(
    `create pulumi-nodejs:dynamic/huaweicloud/nova:ServerSecurityGroup hw-nova-app-on-server -> ${attachmentId}`,
  );

  await engine.destroyAll();
  expect(Object.values((await emu.state("huaweicloud")).groups as Record<string, any>).map((g) => g.name)).toEqual(["default", "default"]);
  expect((await emu.state("huaweicloudNova")).groups).toEqual((await emu.state("huaweicloud")).groups);
});
