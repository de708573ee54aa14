import { DEMO_SERVER_ID } from "../../emulator/huaweicloud/nova/model";
import {
  securityGroupProvider as group,
  securityGroupRuleProvider as rule,
  serverSecurityGroupProvider as attach,
} from "../../provider/huaweicloud/nova/provider";
import { huaweicloudEnv, useEmulatorWithEnv } from "../helpers/emulator";
import { GROUP as GROUP_KIND } from "../../provider/huaweicloud/nova/kinds";
import { rulesOf } from "../helpers/stored-rules";

const emu = useEmulatorWithEnv({ clouds: ["huaweicloud", "huaweicloudNova"] }, (e) => ({ ...huaweicloudEnv(e), SECGROUPS_QUIET: "1" }));

async function checked(p: typeof group, news: Record<string, unknown>) {
  const r = await p.check!({}, news);
  expect(r.failures ?? []).toEqual([]);
  return r.inputs;
}

describe("huaweicloud.nova providers against the emulator", () => {
  it("checks Nova's rule semantics with one failure per field", async () => {
    const ok = await checked(group, { name: "app", description: "", rules: [{ ipProtocol: "TCP", fromPort: 22 }, { ipProtocol: "icmp" }] });
    expect(ok.rules).toEqual([
      { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0", groupId: null },
      { ipProtocol: "icmp", fromPort: -1, toPort: -1, cidr: "0.0.0.0/0", groupId: null },
    ]);
    const bad = await group.check!(
      {},
      { name: "app", rules: [{ cidr: "10.0.0.0/8" }, { ipProtocol: "gre" }, { ipProtocol: "tcp", fromPort: 90, toPort: 80 }] },
    );
    expect(bad.failures).toEqual([
      { property: "description", reason: "is required (Nova needs it; it may be empty)" },
      { property: "rules.0.ipProtocol", reason: "is required for a CIDR rule (Nova has no any-protocol CIDR rule; use groupId for one)" },
      { property: "rules.1.ipProtocol", reason: 'must be "tcp", "udp" or "icmp" (the only protocols Nova rules take) (got "gre")' },
      { property: "rules.2.toPort", reason: "port range 90-80 is reversed: fromPort must not exceed toPort (got 80)" },
    ]);
  });

  it("creates a group with rules (one call per rule: Nova has no bulk), reads group rules by id, updates and deletes", async () => {
    const src = await group.create(await checked(group, { name: "src", description: "" }));
    const inputs = await checked(group, {
      name: "app",
      description: "d",
      rules: [{ ipProtocol: "tcp", fromPort: 8080, cidr: "10.1.2.3/16" }, { groupId: src.id }],
    });
    await emu().clearRequests("huaweicloudNova");
    const { id, outs } = await group.create(inputs);
    expect(rulesOf(GROUP_KIND, outs)).toEqual([
      { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidr: "10.1.0.0/16", groupId: null },
      { ipProtocol: null, fromPort: null, toPort: null, cidr: null, groupId: src.id },
    ]);
    const counts = await emu().counts("huaweicloudNova");
    expect(counts["POST /:version/:project/os-security-group-rules"]).toBe(2);
    const read = await group.read!(id, outs);
    expect(rulesOf(GROUP_KIND, read.props)).toEqual(rulesOf(GROUP_KIND, outs));
    const news = await checked(group, { name: "app2", description: "d", rules: [{ groupId: src.id }] });
    const upd = await group.update!(id, outs, news);
    expect([upd.outs.name, rulesOf(GROUP_KIND, upd.outs)]).toEqual([
      "app2",
      [{ ipProtocol: null, fromPort: null, toPort: null, cidr: null, groupId: src.id }],
    ]);
    await group.delete!(id, upd.outs);
    await group.delete!(id, upd.outs);
    expect(await group.read!(id, upd.outs)).toEqual({});
  });

  it("attaches a group to a server idempotently, refuses to delete it while attached, and detaches on delete", async () => {
    const g = await group.create(await checked(group, { name: "web", description: "" }));
    const inputs = await checked(attach, { serverId: DEMO_SERVER_ID, securityGroupName: "web" });
    const a = await attach.create(inputs);
    expect(a).toEqual({
      id: `${DEMO_SERVER_ID}/${g.id}`,
      outs: { serverId: DEMO_SERVER_ID, securityGroupName: "web", securityGroupId: g.id },
    });
    await emu().clearRequests("huaweicloudNova");
    expect((await attach.create(inputs)).id).toBe(a.id);
    expect(await emu().counts("huaweicloudNova")).toEqual({ "GET /:version/:project/servers/:server/os-security-groups": 1 });
    const err = await group.delete!(g.id, g.outs).catch((e) => e);
    expect([err.code, err.message]).toEqual([
      "InUse",
      expect.stringContaining(
        `-> 400 badRequest): security group ${g.id} is in use by a server; remove it (huaweicloud.nova.ServerSecurityGroup or the ECS console)`,
      ),
    ]);
    await attach.delete!(a.id, a.outs);
    await attach.delete!(a.id, a.outs);
    expect(await attach.read!(a.id, a.outs)).toEqual({});
    await group.delete!(g.id, g.outs);
  });

  it("turns a 403 into an error naming the operation and the exact IAM actions of Huawei's table", async () => {
    const key = (emu().describe().huaweicloudNova as { accessKey: string }).accessKey;
    await fetch(`${emu().url("huaweicloudNova")}/_emulator/huaweicloudNova/denied`, {
      method: "PUT",
      body: JSON.stringify({ principal: key, actions: ["vpc:ports:update"] }),
    });
    const err = await attach.create(await checked(attach, { serverId: DEMO_SERVER_ID, securityGroupName: "default2" })).catch((e) => e);
    expect(err.code).toBe("Forbidden");
    expect(err.message).toMatch(
      /-> 403 forbidden\): Policy doesn't allow vpc:ports:update to be performed\.; the credentials lack IAM permission to adding a security group \(POST \/\{v\}\/\{project_id\}\/servers\/\{server_id\}\/action\); grant ecs:securityGroups:use, ecs:servers:get, vpc:securityGroups:get, vpc:securityGroups:create, vpc:securityGroups:update, vpc:ports:get, vpc:ports:update$/,
    );
  });

  it("a rule resource adopts a duplicate and reads gone after its group is deleted", async () => {
    const g = await group.create(await checked(group, { name: "web", description: "" }));
    const inputs = await checked(rule, { parentGroupId: g.id, ipProtocol: "udp", fromPort: 53, cidr: "::/0" });
    const a = await rule.create(inputs);
    expect((await rule.create(inputs)).id).toBe(a.id);
    expect(a.outs).toEqual({ parentGroupId: g.id, ipProtocol: "udp", fromPort: 53, toPort: 53, cidr: "::/0", groupId: null });
    await group.delete!(g.id, g.outs);
    expect(await rule.read!(a.id, a.outs)).toEqual({});
    await rule.delete!(a.id, a.outs);
  });
});
