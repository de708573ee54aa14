import { DEMO_SERVER_ID } from "../../emulator/huaweicloud/nova/model";
import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/huaweicloud/provider";
import { securityGroupProvider as novaGroups, serverSecurityGroupProvider as attach } from "../../provider/huaweicloud/nova/provider";
import { huaweicloudEnv } from "../helpers/emulator";
import { createLikeEngine, faultKinds, updateLikeEngine, useFaultEmulator } from "../helpers/faults";

// Each fault kind at each call of create, update and delete; afterwards (and after the next `up` the
// engine would run where the operation failed) the cloud holds exactly the declared state.

const emu = useFaultEmulator({ clouds: ["huaweicloud", "huaweicloudNova"] }, (e) => ({ ...huaweicloudEnv(e), SECGROUPS_QUIET: "1" }));
const FAULTS = faultKinds({
  429: {
    error_code: "APIG.0308",
    error_msg: "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second",
    request_id: "r",
  },
});

const rule = (port: number, cidr: string) => ({
  direction: "ingress",
  ethertype: "IPv4",
  protocol: "tcp",
  multiport: String(port),
  action: "allow",
  priority: 1,
  remoteIpPrefix: cidr,
  remoteGroupId: null,
  remoteAddressGroupId: null,
  description: "",
});
const declared = { name: "app", description: "", deleteDefaultRules: false, rules: [rule(22, "10.0.0.0/8"), rule(443, "0.0.0.0/0")] };
const changed = { name: "app-2", description: "", deleteDefaultRules: false, rules: [rule(22, "10.9.0.0/16"), rule(443, "0.0.0.0/0")] };

async function cloud() {
  const s = await emu().state("huaweicloud");
  const rulesOf = (id: string) =>
    Object.values(s.rules as Record<string, any>)
      .filter((r) => r.security_group_id === id)
      .map((r) => `${r.multiport} ${r.remote_ip_prefix}`)
      .sort();
  // Each project's own `default` group is not part of the declared state.
  return Object.values(s.groups as Record<string, any>)
    .filter((g) => g.name !== "default")
    .map((g) => ({ name: g.name, rules: rulesOf(g.id) }));
}

describe.each([
  ["POST security-groups", "POST", "/security-groups$"],
  ["POST batch-create", "POST", "/batch-create$"],
  ["DELETE of a default rule", "DELETE", "/security-group-rules/"],
])("create a group with rules, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    await emu().fault("huaweicloud", { method, path, ...fault });
    await createLikeEngine(groups, declared);
    expect(await cloud()).toEqual([{ name: "app", rules: ["22 10.0.0.0/8", "443 0.0.0.0/0"] }]);
  });
});

describe.each([
  ["PUT security-groups/:id", "PUT", "/security-groups/"],
  ["POST batch-create", "POST", "/batch-create$"],
  ["DELETE of the replaced rule", "DELETE", "/security-group-rules/"],
])("update name and one rule, fault at %s", (_call, method, path) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("huaweicloud", { method, path, ...fault });
    await updateLikeEngine(groups, id, outs, changed);
    expect(await cloud()).toEqual([{ name: "app-2", rules: ["22 10.9.0.0/16", "443 0.0.0.0/0"] }]);
  });
});

describe("delete a group, fault at DELETE security-groups/:id", () => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const { id, outs } = await groups.create(declared);
    await emu().fault("huaweicloud", { method: "DELETE", path: "/security-groups/", ...fault });
    await groups.delete!(id, outs);
    expect(await cloud()).toEqual([]);
  });
});

describe.each([
  ["POST security-group-rules", "POST", "/security-group-rules$", "create"],
  ["DELETE security-group-rules/:id", "DELETE", "/security-group-rules/", "delete"],
])("a rule resource, fault at %s", (_call, method, path, op) => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const sg = await groups.create({ name: "app", description: "", deleteDefaultRules: false, rules: [] });
    const inputs = { securityGroupId: sg.id, ...rule(22, "10.0.0.0/8") };
    if (op === "delete") {
      const r = await rules.create(inputs);
      await emu().fault("huaweicloud", { method, path, ...fault });
      await rules.delete!(r.id, r.outs);
      expect(await cloud()).toEqual([{ name: "app", rules: [] }]);
      return;
    }
    await emu().fault("huaweicloud", { method, path, ...fault });
    await rules.create(inputs).catch(() => rules.create(inputs));
    expect(await cloud()).toEqual([{ name: "app", rules: ["22 10.0.0.0/8"] }]);
  });
});

describe("nova: attach a group to a server and detach it, fault at the server action", () => {
  it.each(FAULTS)("%s", async (_kind, fault) => {
    const g = await novaGroups.create({ name: "web", description: "" });
    const inputs = { serverId: DEMO_SERVER_ID, securityGroupName: "web" };
    await emu().fault("huaweicloudNova", { method: "POST", path: "/action$", ...fault });
    const a = await attach.create(inputs).catch(() => attach.create(inputs));
    const server = async () => (await emu().state("huaweicloudNova")).servers[DEMO_SERVER_ID].security_groups;
    expect((await server()).filter((id: string) => id === g.id)).toEqual([g.id]);
    await emu().fault("huaweicloudNova", { method: "POST", path: "/action$", ...fault });
    await attach.delete!(a.id, a.outs).catch(() => attach.delete!(a.id, a.outs));
    expect(await server()).not.toContain(g.id);
  });
});
