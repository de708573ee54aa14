import { describeE2e, useE2eStack } from "../helpers/e2e";

// Issue 11 item 1 through the real engine: an NHN rule `protocol: "icmp"` on IPv6 is stored by Neutron as
// ipv6-icmp. Before the fix the second `up` replaced the rule, the create met a 409 naming the existing rule and
// adopted it, and the engine then deleted the old id, which was that same rule: gone after every even `up`.
// Inline, every `up` after the first failed with 409.

/** An emulator whose NHN listener takes IPv6 rules, and a stack allowed to send them. */
function useStack(engine: Parameters<typeof useE2eStack>[0], name: string) {
  const e2e = useE2eStack(engine, name, { emulator: { settings: { "nhn.ipv6": "accept" } } });
  beforeAll(async () => {
    await e2e().stack.setConfig({ "secgroups:nhnAllowIpv6": "true" });
  }, 60_000);
  const rules = async () => {
    const state = await e2e().emu.state("nhn");
    return Object.values(state.rules as Record<string, { id: string; protocol: string | null; ethertype: string }>).filter(
      (r) => r.ethertype === "IPv6" && r.protocol === "ipv6-icmp",
    );
  };
  return { e2e, rules };
}

describeE2e("e2e nhn: icmp on IPv6 as a rule resource converges", (engine) => {
  const { e2e, rules } = useStack(engine, "perpetual-nhn-rule");

  it("two ups and a preview keep the one rule, with the same id", async () => {
    await e2e().declare([
      { type: "nhn:SecurityGroup", name: "v6", args: { name: "e2e-v6" } },
      {
        type: "nhn:SecurityGroupRule",
        name: "ping6",
        args: { securityGroupId: { ref: "v6" }, direction: "ingress", ethertype: "IPv6", protocol: "icmp" },
      },
    ]);
    await e2e().ok("up", "--yes", "--skip-preview");
    const [first] = await rules();
    expect(first).toBeDefined();
    await e2e().ok("up", "--yes", "--skip-preview");
    expect((await rules()).map((r) => r.id)).toEqual([first.id]);
    await e2e().ok("preview", "--expect-no-changes");
    await e2e().ok("up", "--yes", "--skip-preview");
    expect((await rules()).map((r) => r.id)).toEqual([first.id]);
  }, 300_000);
});

describeE2e("e2e nhn: icmp on IPv6 as an inline rule converges", (engine) => {
  const { e2e, rules } = useStack(engine, "perpetual-nhn-inline");

  it("the second up succeeds and changes nothing", async () => {
    await e2e().declare([
      {
        type: "nhn:SecurityGroup",
        name: "inline-v6",
        args: { name: "e2e-inline-v6", rules: [{ direction: "ingress", protocol: "icmp", remoteIpPrefix: "2001:db8::/64" }] },
      },
    ]);
    await e2e().ok("up", "--yes", "--skip-preview");
    const [first] = await rules();
    expect(first).toBeDefined();
    await e2e().ok("up", "--yes", "--skip-preview");
    await e2e().ok("preview", "--expect-no-changes");
    expect((await rules()).map((r) => r.id)).toEqual([first.id]);
  }, 300_000);
});
