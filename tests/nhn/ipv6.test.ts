import { forgetAdoptions } from "../../provider/core/adopted-ids";
import { setLogSink } from "../../provider/core/log";
import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/nhn/provider";
import { providers as openstack } from "../../provider/openstack/provider";
import { nhnEnv, openstackEnv, setEnv, useEmulatorWithEnv } from "../helpers/emulator";

// Issue 11 item 1: an NHN rule `protocol: "icmp"` on IPv6, stored by Neutron as ipv6-icmp, flipped on every `up`.
// Here the engine's steps are played by hand against the emulator, with NHN's IPv6 acceptance switched on.

const emu = useEmulatorWithEnv({ clouds: ["nhn", "openstack"], settings: { "nhn.ipv6": "accept" } }, (e) => ({
  ...nhnEnv(e),
  NHN_ALLOW_IPV6: "true",
  SECGROUPS_QUIET: undefined,
}));
const logs: string[] = [];
beforeAll(() => setLogSink((l) => logs.push(l)));
beforeEach(() => {
  logs.length = 0;
  forgetAdoptions();
});

const program = (securityGroupId: string) => ({ securityGroupId, direction: "ingress", ethertype: "IPv6", protocol: "icmp" });
const liveRule = async (id: string) => ((await emu().state("nhn")).rules as Record<string, unknown>)[id];

async function newGroup(provider = groups) {
  const { inputs } = await provider.check!({}, { name: `g-${Math.random().toString(36).slice(2, 8)}` });
  return (await provider.create!(inputs)).id;
}

describe("nhn: icmp on IPv6", () => {
  it("check stores what Neutron stores, so a second up sees no change and the rule stays", async () => {
    const group = await newGroup();
    const first = await rules.check!({}, program(group));
    expect(first.failures).toEqual([]);
    expect(first.inputs.protocol).toBe("ipv6-icmp");
    const { id, outs } = await rules.create!(first.inputs);
    expect((await liveRule(id)) as { protocol: string }).toMatchObject({ protocol: "ipv6-icmp" });
    // Second `up`: check with the old inputs, diff against the stored outputs (and after a refresh).
    const second = await rules.check!(first.inputs, program(group));
    expect(await rules.diff!(id, outs, second.inputs)).toEqual({ changes: false });
    const refreshed = await rules.read!(id, outs);
    expect(await rules.diff!(id, refreshed.props!, second.inputs)).toEqual({ changes: false });
    expect(await liveRule(id)).toBeDefined();
  });

  it("inline: a second sync of the same rules writes nothing (it met a 409 before)", async () => {
    const news = { name: "inline-v6", rules: [{ direction: "ingress", protocol: "icmp", remoteIpPrefix: "2001:db8::/64" }] };
    const { inputs } = await groups.check!({}, news);
    const { id, outs } = await groups.create!(inputs);
    const again = await groups.check!(inputs, news);
    expect(await groups.diff!(id, outs, again.inputs)).toMatchObject({ changes: false });
    await emu().clearRequests("nhn");
    await groups.update!(id, outs, again.inputs);
    expect((await emu().counts("nhn")).POST ?? 0).toBe(0);
  });

  it("openstack profile: the same canonical IPv6 form, with no setting needed", async () => {
    const restore = setEnv({ ...openstackEnv(emu()), OS_TENANT_ID: undefined, OS_PROJECT_ID: undefined });
    try {
      await openstackRoundTrip();
    } finally {
      restore();
    }
  });
});

async function openstackRoundTrip() {
  {
    const group = await newGroup(openstack.SecurityGroup);
    const { inputs, failures } = await openstack.SecurityGroupRule.check!({}, program(group));
    expect(failures).toEqual([]);
    expect(inputs.protocol).toBe("ipv6-icmp");
    const { id, outs } = await openstack.SecurityGroupRule.create!(inputs);
    expect(
      await openstack.SecurityGroupRule.diff!(id, outs, (await openstack.SecurityGroupRule.check!(inputs, program(group))).inputs),
    ).toEqual({
      changes: false,
    });
  }
}

describe("nhn: IPv6 rules need the nhnAllowIpv6 setting (NHN's guide: IPv4 only)", () => {
  it("refuses an IPv6 rule resource and each IPv6 inline rule, naming the setting", async () => {
    const restore = setEnv({ NHN_ALLOW_IPV6: undefined });
    try {
      const rule = await rules.check!({}, program("877b092c-2a31-4509-8d23-deeb02d95633"));
      expect(rule.failures).toEqual([
        {
          property: "ethertype",
          reason:
            "NHN Cloud creates security rules for IPv4 only (its security group guide); use ethertype IPv4, or set NHN_ALLOW_IPV6 (or `pulumi config set secgroups:nhnAllowIpv6 ...`) to true for a region that accepts IPv6 rules",
        },
      ]);
      const group = await groups.check!(
        {},
        {
          name: "g",
          rules: [
            { direction: "ingress", protocol: "tcp", portRangeMin: 22 },
            { direction: "ingress", protocol: "tcp", portRangeMin: 443, remoteIpPrefix: "2001:db8::/32" },
          ],
        },
      );
      expect(group.failures!.map((f) => f.property)).toEqual(["rules.1.ethertype"]);
      // The IPv6 egress rule NHN itself adds to every group may be declared (as `secgroups import` writes it).
      const nhnDefault = await groups.check!({}, { name: "g", rules: [{ direction: "egress", ethertype: "IPv6" }] });
      expect(nhnDefault.failures).toEqual([]);
      const openstackRule = await openstack.SecurityGroupRule.check!({}, program("877b092c-2a31-4509-8d23-deeb02d95633"));
      expect(openstackRule.failures).toEqual([]);
    } finally {
      restore();
    }
  });

  it("refuses a setting that is not true or false", async () => {
    const restore = setEnv({ NHN_ALLOW_IPV6: "maybe" });
    try {
      await expect(rules.check!({}, program("877b092c-2a31-4509-8d23-deeb02d95633"))).rejects.toThrow(
        /NHN_ALLOW_IPV6 .* must be true or false, not "maybe"/,
      );
    } finally {
      restore();
    }
  });
});

describe("a replacement never deletes the object its new resource adopted", () => {
  it("the old rule's delete after the new rule adopted the same id (409) is a no-op with a log line", async () => {
    const group = await newGroup();
    const { inputs } = await rules.check!({}, { securityGroupId: group, direction: "ingress", protocol: "tcp", portRangeMin: 22 });
    const old = await rules.create!(inputs);
    // The engine creates the replacement first: the cloud answers 409 naming the old rule, which is adopted.
    const replacement = await rules.create!({ ...inputs, description: "" });
    expect(replacement.id).toBe(old.id);
    await rules.delete!(old.id, old.outs);
    expect(await liveRule(old.id)).toBeDefined();
    expect(logs.some((l) => l.includes(`nhn:SecurityGroupRule ${old.id}: not deleted`))).toBe(true);
    // A later run (a new process) deletes it as usual.
    forgetAdoptions();
    await rules.delete!(old.id, old.outs);
    expect(await liveRule(old.id)).toBeUndefined();
  });

  it("also when the replacement's answer was lost and the look-up found the old rule", async () => {
    const group = await newGroup();
    const { inputs } = await rules.check!({}, { securityGroupId: group, direction: "ingress", protocol: "udp", portRangeMin: 53 });
    const old = await rules.create!(inputs);
    await emu().fault("nhn", { method: "POST", path: "/v2.0/security-group-rules", dropAfterAct: true, count: 1 });
    const replacement = await rules.create!(inputs);
    expect(replacement.id).toBe(old.id);
    expect(await emu().pendingFaults("nhn")).toEqual([]);
    await rules.delete!(old.id, old.outs);
    expect(await liveRule(old.id)).toBeDefined();
  });
});
