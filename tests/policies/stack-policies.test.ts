// no-mixed-rule-management: one group, one owner of its rules (a stack policy over propertyDependencies).
import { noMixedRuleManagement } from "../../policies/rules/no-mixed-rule-management";
import { TOKENS } from "../../policies/type-tokens";
import { COMMUNITY_TOKENS as C } from "../../policies/engine/normalise";
import { runStack, StackEntry, UNKNOWN } from "./harness";

const rule = (type: string, name: string, group = "web", field = "securityGroupId"): StackEntry => ({
  type,
  name,
  props: { [field]: "sg-123", direction: "ingress" },
  deps: { [field]: [group] },
});

describe("no-mixed-rule-management", () => {
  it.each<[string, StackEntry[], string[]]>([
    [
      "reports an NHN group with inline rules and a rule resource",
      [{ type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web", rules: [] } }, rule(TOKENS.nhnSecurityGroupRule, "ssh")],
      ["web: Security group web: it declares rules and is also targeted by separate rule resources ssh."],
    ],
    [
      "reports Huawei, with the rule found by id when there is no dependency",
      [
        { type: TOKENS.huaweicloudSecurityGroup, name: "web", props: { id: "sg-123", name: "web", rules: [] } },
        { type: TOKENS.huaweicloudSecurityGroupRule, name: "a", props: { securityGroupId: "sg-123" } },
        rule(TOKENS.huaweicloudSecurityGroupRule, "b"),
      ],
      ["web: Security group web: it declares rules and is also targeted by separate rule resources a, b."],
    ],
    [
      "reports a Nova group through parentGroupId",
      [
        { type: TOKENS.huaweicloudNovaSecurityGroup, name: "web", props: { name: "web", description: "d", rules: [] } },
        rule(TOKENS.huaweicloudNovaSecurityGroupRule, "r", "web", "parentGroupId"),
      ],
      ["web: Security group web: it declares rules and is also targeted by separate rule resources r."],
    ],
    [
      "reports Scaleway and Genesis groups",
      [
        { type: TOKENS.scalewaySecurityGroup, name: "s", props: { name: "s", rules: [] } },
        rule(TOKENS.scalewaySecurityGroupRule, "sr", "s"),
        { type: TOKENS.genesiscloudSecurityGroup, name: "g", props: { name: "g", rules: [] } },
        rule(TOKENS.genesiscloudSecurityGroupRule, "gr", "g"),
      ],
      [
        "s: Security group s: it declares rules and is also targeted by separate rule resources sr.",
        "g: Security group g: it declares rules and is also targeted by separate rule resources gr.",
      ],
    ],
    [
      "reports inline rules unknown at preview as declared",
      [{ type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web", rules: UNKNOWN } }, rule(TOKENS.nhnSecurityGroupRule, "ssh")],
      ["web: Security group web: it declares rules and is also targeted by separate rule resources ssh."],
    ],
    [
      "reports a community Scaleway group without externalRules and two SecurityGroupRules",
      [
        { type: C.scalewaySecurityGroup, name: "web", props: {} },
        rule(C.scalewaySecurityGroupRules, "r1"),
        rule(C.scalewaySecurityGroupRules, "r2"),
      ],
      [
        "web: Security group web: it is targeted by r1, r2 but does not set externalRules: true; it is targeted by 2 SecurityGroupRules resources (r1, r2), which reorder each other's rules.",
      ],
    ],
    [
      "reports a community Scaleway group with inboundRules and SecurityGroupRules",
      [
        { type: C.scalewaySecurityGroup, name: "web", props: { externalRules: true, inboundRules: [{ action: "accept", port: 22 }] } },
        rule(C.scalewaySecurityGroupRules, "r1"),
      ],
      ["web: Security group web: it declares inboundRules and is also targeted by separate rule resources r1."],
    ],
    [
      "does not report a group without inline rules",
      [{ type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web" } }, rule(TOKENS.nhnSecurityGroupRule, "ssh")],
      [],
    ],
    ["does not report inline rules alone", [{ type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web", rules: [] } }], []],
    [
      "does not report a rule targeting another group",
      [
        { type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web", rules: [] } },
        { type: TOKENS.nhnSecurityGroup, name: "db", props: { name: "db" } },
        rule(TOKENS.nhnSecurityGroupRule, "r", "db"),
      ],
      [],
    ],
    [
      "does not report a community Scaleway group with externalRules and one SecurityGroupRules",
      [{ type: C.scalewaySecurityGroup, name: "web", props: { externalRules: true } }, rule(C.scalewaySecurityGroupRules, "r1")],
      [],
    ],
  ])("%s", async (_t, entries, expected) => {
    expect(await runStack(noMixedRuleManagement, entries)).toEqual(expected);
  });

  it("honours an exemption by URN and names an expired one", async () => {
    const entries = [
      { type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web", rules: [] } },
      rule(TOKENS.nhnSecurityGroupRule, "ssh"),
    ];
    const urn = `urn:pulumi:dev::secgroups::${TOKENS.nhnSecurityGroup}::web`;
    expect(await runStack(noMixedRuleManagement, entries, { exemptions: [{ urn, reason: "migration", expires: "2999-01-01" }] })).toEqual(
      [],
    );
    expect(await runStack(noMixedRuleManagement, entries, { exemptions: [{ urn, reason: "migration", expires: "2026-01-01" }] })).toEqual([
      'web: Security group web: it declares rules and is also targeted by separate rule resources ssh. The exemption "migration" expired on 2026-01-01 and no longer applies.',
    ]);
  });
});
