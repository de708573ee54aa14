// Issue 13: values unknown at preview stop only the policies that need them (said once per resource),
// Huawei and Scaleway rule resources are judged with their group, and the openstack module is a union cloud.
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { noSensitivePortsFromWorld } from "../../policies/rules/no-sensitive-ports-from-world";
import { noAllPortsFromWorld } from "../../policies/rules/no-all-ports-from-world";
import { noDefaultEgressToWorld } from "../../policies/rules/no-default-egress-to-world";
import { scalewayInboundDefaultDrop } from "../../policies/rules/scaleway-inbound-default-drop";
import { worldRuleJustification } from "../../policies/rules/world-rule-justification";
import { valuesKnownAtPreview } from "../../policies/rules/values-known-at-preview";
import { noWorldExposureAcrossRules } from "../../policies/rules/no-world-exposure-across-rules";
import { noMixedRuleManagement } from "../../policies/rules/no-mixed-rule-management";
import { ruleGroupInStack } from "../../policies/rules/rule-group-in-stack";
import { policies } from "../../policies/policy-list";
import { DEFERRED_EXACT } from "../../policies/engine/policy-kit";
import { TOKENS } from "../../policies/type-tokens";
import { COMMUNITY_TOKENS as C } from "../../policies/engine/normalise";
import { runResource, runStack, runStackOutcome, StackEntry, UNKNOWN, UnknownValueError } from "./harness";

const ADMIN = "Admin ports are open to the world";
const ssh = { direction: "ingress", ethertype: "IPv4", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "0.0.0.0/0" };
const waiting = (...paths: string[]) =>
  `${paths.join(", ")} unknown at preview: judged at pulumi up (values-known-at-preview reports it once per resource)`;

/** The message values-known-at-preview raises through the SDK (reported as an advisory "can't run ... during preview"). */
async function unknownReport(type: string, props: Record<string, unknown>): Promise<string | undefined> {
  try {
    await runResource(valuesKnownAtPreview, type, props);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(UnknownValueError);
    return (e as Error).message;
  }
}

describe("unknown values stop only the policies that need them", () => {
  it.each<[string, string, Record<string, unknown>]>([
    ["a rule's description", TOKENS.nhnSecurityGroupRule, { securityGroupId: "sg", ...ssh, description: UNKNOWN }],
    ["a group name with a random suffix", TOKENS.nhnSecurityGroup, { name: UNKNOWN, rules: [ssh] }],
    ["the group reference of a rule resource", C.openstackSecGroupRule, { securityGroupId: UNKNOWN, ...ssh }],
    [
      "an egress rule's destination",
      TOKENS.nhnSecurityGroup,
      { name: "g", rules: [ssh, { direction: "egress", remoteIpPrefix: UNKNOWN }] },
    ],
    [
      "a field no normaliser reads",
      TOKENS.huaweicloudSecurityGroup,
      { name: "g", tags: UNKNOWN, rules: [{ ...ssh, multiport: "22", priority: 1 }] },
    ],
  ])("ssh from the world is still blocked with an unknown %s", async (_t, type, props) => {
    const label = type === TOKENS.nhnSecurityGroupRule || type === C.openstackSecGroupRule ? "the rule" : "rules[0]";
    expect(await runResource(noAdminPortsFromWorld, type, props)).toEqual({ violations: [`${ADMIN}: tcp/22 (IPv4) via ${label}.`] });
  });

  it("a Scaleway group whose rule list is unknown: the default accept is still blocked, the exposure policies wait", async () => {
    const props = { name: "g", inboundDefaultPolicy: "accept", rules: UNKNOWN };
    expect(await runResource(scalewayInboundDefaultDrop, TOKENS.scalewaySecurityGroup, props)).toEqual({
      violations: ["The Scaleway group accepts inbound traffic by default: inboundDefaultPolicy is accept."],
    });
    expect(await runResource(noAllPortsFromWorld, TOKENS.scalewaySecurityGroup, props)).toEqual({
      violations: [],
      notApplicable: waiting(".rules"),
    });
  });

  it("an unknown source makes the ingress policies wait; the egress policy still judges", async () => {
    const props = { name: "g", rules: [{ ...ssh, remoteIpPrefix: UNKNOWN }] };
    expect(await runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroup, props)).toEqual({
      violations: [],
      notApplicable: waiting(".rules.0.remoteIpPrefix"),
    });
    expect(await runResource(noDefaultEgressToWorld, TOKENS.nhnSecurityGroup, props)).toEqual({ violations: [] });
  });

  it("an unknown rule (array element) or direction makes every rule policy wait", async () => {
    const props = { name: "g", rules: [ssh, UNKNOWN] };
    expect(await runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroup, props)).toEqual({
      violations: [],
      notApplicable: waiting(".rules.1"),
    });
    const dir = { name: "g", deleteDefaultRules: true, rules: [{ ...ssh, direction: UNKNOWN }] };
    expect(await runResource(noDefaultEgressToWorld, TOKENS.nhnSecurityGroup, dir)).toEqual({
      violations: [],
      notApplicable: waiting(".rules.0.direction"),
    });
  });

  it("world-rule-justification waits for an unknown description, the exposure policies do not", async () => {
    const props = { securityGroupId: "sg", ...ssh, description: UNKNOWN };
    expect(await runResource(worldRuleJustification, TOKENS.nhnSecurityGroupRule, props)).toEqual({
      violations: [],
      notApplicable: waiting(".description"),
    });
    expect(await runResource(noSensitivePortsFromWorld, TOKENS.nhnSecurityGroupRule, props)).toEqual({ violations: [] });
  });
});

describe("values-known-at-preview: once per resource", () => {
  it("names the unknown values and the policies that wait, not other clouds' policies", async () => {
    expect(
      await unknownReport(TOKENS.nhnSecurityGroupRule, { securityGroupId: "sg", ...ssh, remoteIpPrefix: UNKNOWN, description: UNKNOWN }),
    ).toBe(
      "string value at .remoteIpPrefix can't be known during preview; also unknown: .description; these policies judge the resource at pulumi up: " +
        "explicit-source-required, ipv6-parity, nhn-ipv4-only, no-admin-ports-from-world, no-all-ports-from-world, no-broad-public-sources, no-icmp-from-world, " +
        "no-sensitive-ports-from-world, no-wide-port-ranges, only-authorized-public-ports, world-rule-justification",
    );
  });
  it("names the Scaleway flag policies only for their own flags", async () => {
    expect(await unknownReport(TOKENS.scalewaySecurityGroup, { name: "g", inboundDefaultPolicy: "drop", stateful: UNKNOWN })).toBe(
      "string value at .stateful can't be known during preview; these policies judge the resource at pulumi up: scaleway-stateful",
    );
  });
  it("says nothing when no policy needs the unknown values", async () => {
    expect(await unknownReport(TOKENS.nhnSecurityGroup, { name: UNKNOWN, rules: [ssh] })).toBeUndefined();
    expect(await unknownReport(TOKENS.nhnSecurityGroupRule, { securityGroupId: UNKNOWN, ...ssh })).toBeUndefined();
  });
  it("one message for the whole pack: every other resource policy passes or waits silently", async () => {
    const props = { securityGroupId: "sg", ...ssh, remoteIpPrefix: UNKNOWN };
    const others = policies.filter((p) => "validateResource" in p && p.name !== valuesKnownAtPreview.name);
    for (const p of others) await expect(runResource(p, TOKENS.nhnSecurityGroupRule, props)).resolves.toMatchObject({ violations: [] });
  });
});

describe("no-world-exposure-across-rules with unknown values", () => {
  const half = (name: string, cidr: string, extra: Record<string, unknown> = {}): StackEntry => ({
    type: TOKENS.nhnSecurityGroupRule,
    name,
    props: { securityGroupId: "sg-1", ...ssh, remoteIpPrefix: cidr, ...extra },
  });
  it("an unknown description does not stop the judgement of a split", async () => {
    expect(
      await runStackOutcome(noWorldExposureAcrossRules, [
        { type: TOKENS.nhnSecurityGroup, name: "web", props: { id: "sg-1", name: UNKNOWN } },
        half("a", "0.0.0.0/1", { description: UNKNOWN }),
        half("b", "128.0.0.0/1"),
      ]),
    ).toEqual({ violations: ["web: Security group web (with a, b): admin ports are open to the world: tcp/22 (IPv4) via a, b."] });
  });
});

const hwRule = (name: string, action: string, priority: number, sg = "sg-1"): StackEntry => ({
  type: TOKENS.huaweicloudSecurityGroupRule,
  name,
  props: {
    securityGroupId: sg,
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    multiport: "22",
    remoteIpPrefix: "0.0.0.0/0",
    action,
    priority,
  },
});
const scwRule = (name: string, action: string, position: number, sg = "sg-1"): StackEntry => ({
  type: TOKENS.scalewaySecurityGroupRule,
  name,
  props: { securityGroupId: sg, direction: "inbound", action, protocol: "TCP", destPortFrom: 22, ipRange: "0.0.0.0/0", position },
});
const hwGroup: StackEntry = { type: TOKENS.huaweicloudSecurityGroup, name: "web", props: { id: "sg-1", name: "web" } };
const scwGroup: StackEntry = {
  type: TOKENS.scalewaySecurityGroup,
  name: "web",
  props: { id: "sg-1", name: "web", inboundDefaultPolicy: "drop" },
};
const EXPOSURE = [noAdminPortsFromWorld, noSensitivePortsFromWorld, noAllPortsFromWorld];

/** Every mandatory finding of the pack's exposure judgement on a stack: the three resource policies per resource, then the stack policy. */
async function mandatoryFindings(entries: StackEntry[]): Promise<string[]> {
  const out: string[] = [];
  for (const e of entries)
    for (const p of EXPOSURE) out.push(...(await runResource(p, e.type, e.props, {}, e.name)).violations.map((v) => `${e.name}: ${v}`));
  return [...out, ...(await runStack(noWorldExposureAcrossRules, entries))];
}

describe("Huawei and Scaleway rule resources are judged with their group (no false block)", () => {
  it.each<[string, StackEntry[], string[]]>([
    [
      "a Huawei allow overridden by a higher-priority deny in another rule resource",
      [hwGroup, hwRule("ssh", "allow", 10), hwRule("deny-ssh", "deny", 1)],
      [],
    ],
    [
      "a Huawei allow and a deny of equal priority (deny wins ties)",
      [hwGroup, hwRule("ssh", "allow", 10), hwRule("deny-ssh", "deny", 10)],
      [],
    ],
    [
      "a Scaleway accept after a drop in another rule resource",
      [scwGroup, scwRule("drop-ssh", "drop", 1), scwRule("ssh", "accept", 2)],
      [],
    ],
    [
      "a Huawei allow whose deny comes later (priority 50): still blocked",
      [hwGroup, hwRule("ssh", "allow", 10), hwRule("deny-ssh", "deny", 50)],
      ["web: Security group web (with ssh, deny-ssh): admin ports are open to the world: tcp/22 (IPv4) via ssh."],
    ],
    [
      "a Scaleway accept before the drop: still blocked",
      [scwGroup, scwRule("ssh", "accept", 1), scwRule("drop-ssh", "drop", 2)],
      ["web: Security group web (with ssh, drop-ssh): admin ports are open to the world: tcp/22 (IPv4) via ssh."],
    ],
  ])("%s", async (_t, entries, expected) => {
    expect(await mandatoryFindings(entries)).toEqual(expected);
  });

  it("NHN rule resources are still judged per resource (a union of allows: exact alone)", async () => {
    const rule = { securityGroupId: "sg-1", ...ssh };
    expect(await runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroupRule, rule)).toEqual({
      violations: [`${ADMIN}: tcp/22 (IPv4) via the rule.`],
    });
    expect(await runResource(noAdminPortsFromWorld, C.scalewaySecurityGroupRules, { securityGroupId: "sg-1", inboundRules: [] })).toEqual({
      violations: [],
      notApplicable: DEFERRED_EXACT,
    });
  });
});

describe("rule-group-in-stack", () => {
  it.each<[string, StackEntry[], string[]]>([
    [
      "reports a Huawei rule resource whose group is not in the stack",
      [hwRule("ssh", "allow", 10, "sg-9")],
      [
        "ssh: Rule resource ssh: its security group (securityGroupId sg-9) is not in this stack, so whether it opens ports to the world cannot be judged here: Huawei Cloud applies a group's rules by priority, a deny winning ties, so a deny elsewhere in the group may override it.",
      ],
    ],
    [
      "reports a Scaleway rule resource whose group is not in the stack",
      [scwGroup, scwRule("ssh", "accept", 1, "sg-9")],
      [
        "ssh: Rule resource ssh: its security group (securityGroupId sg-9) is not in this stack, so whether it opens ports to the world cannot be judged here: Scaleway applies a group's rules by position, first match, then the group's default policy, so an earlier drop may override it.",
      ],
    ],
    ["does not report a rule resource whose group is in the stack", [hwGroup, hwRule("ssh", "allow", 10)], []],
    [
      "does not report NHN rule resources (judged per resource)",
      [{ type: TOKENS.nhnSecurityGroupRule, name: "r", props: { securityGroupId: "sg-9", ...ssh } }],
      [],
    ],
    [
      "does not report a rule whose group id is unknown at preview (no-world-exposure-across-rules says it could not judge)",
      [hwRule("ssh", "allow", 10, UNKNOWN)],
      [],
    ],
  ])("%s", async (_t, entries, expected) => {
    expect(await runStack(ruleGroupInStack, entries)).toEqual(expected);
  });
  it("honours exemptions", async () => {
    expect(
      await runStack(ruleGroupInStack, [hwRule("ssh", "allow", 10, "sg-9")], {
        exemptions: [{ resource: "ssh", reason: "group in the network stack" }],
      }),
    ).toEqual([]);
  });
});

describe("the openstack module (Neutron semantics, like nhn)", () => {
  const rule = { securityGroupId: "sg-1", ...ssh };
  it("a rule resource is judged per resource", async () => {
    expect(await runResource(noAdminPortsFromWorld, TOKENS.openstackSecurityGroupRule, rule)).toEqual({
      violations: [`${ADMIN}: tcp/22 (IPv4) via the rule.`],
    });
    expect(await runResource(worldRuleJustification, TOKENS.openstackSecurityGroupRule, rule)).toEqual({
      violations: ["World-open rules lack a justification in their description: the rule (0.0.0.0/0)."],
    });
  });
  it("a group keeps its default egress rules unless deleted, and inline rules are judged", async () => {
    expect((await runResource(noDefaultEgressToWorld, TOKENS.openstackSecurityGroup, { name: "g" })).violations).toHaveLength(1);
    expect(await runResource(noAdminPortsFromWorld, TOKENS.openstackSecurityGroup, { name: "g", rules: [ssh] })).toEqual({
      violations: [`${ADMIN}: tcp/22 (IPv4) via rules[0].`],
    });
  });
  it("the stack policies join its rule resources to its groups", async () => {
    const group: StackEntry = { type: TOKENS.openstackSecurityGroup, name: "web", props: { id: "sg-1", name: "web" } };
    const half = (name: string, cidr: string): StackEntry => ({
      type: TOKENS.openstackSecurityGroupRule,
      name,
      props: { ...rule, remoteIpPrefix: cidr },
    });
    expect(await runStack(noWorldExposureAcrossRules, [group, half("a", "0.0.0.0/1"), half("b", "128.0.0.0/1")])).toEqual([
      "web: Security group web (with a, b): admin ports are open to the world: tcp/22 (IPv4) via a, b.",
    ]);
    expect(
      await runStack(noMixedRuleManagement, [{ ...group, props: { id: "sg-1", name: "web", rules: [] } }, half("a", "10.0.0.0/8")]),
    ).toEqual(["web: Security group web: it declares rules and is also targeted by separate rule resources a."]);
  });
});
