// Cloud-specific policies: Huawei priorities and dead rules, Scaleway group flags, NHN ethertype, default egress.
import { noShadowedRules } from "../../policies/rules/no-shadowed-rules";
import { huaweiExplicitPriority } from "../../policies/rules/huawei-explicit-priority";
import { scalewayInboundDefaultDrop } from "../../policies/rules/scaleway-inbound-default-drop";
import { scalewayStateful } from "../../policies/rules/scaleway-stateful";
import { scalewayDefaultSecurityEnabled } from "../../policies/rules/scaleway-default-security-enabled";
import { nhnIpv4Only } from "../../policies/rules/nhn-ipv4-only";
import { noDefaultEgressToWorld } from "../../policies/rules/no-default-egress-to-world";
import { TOKENS } from "../../policies/type-tokens";
import { COMMUNITY_TOKENS as C } from "../../policies/engine/normalise";
import { remediate, runResource } from "./harness";
import { Policy } from "@pulumi/policy/policy";

type Row = [title: string, type: string, props: Record<string, unknown>, expected: string[]];

function rows(policy: Policy, table: Row[]) {
  it.each(table)("%s", async (_t, type, props, expected) => {
    expect((await runResource(policy, type, props)).violations).toEqual(expected);
  });
}

const hwRule = (o: Record<string, unknown>) => ({
  direction: "ingress",
  ethertype: "IPv4",
  protocol: "tcp",
  remoteIpPrefix: "0.0.0.0/0",
  ...o,
});

describe("no-shadowed-rules", () => {
  const S = "Rules never take effect";
  rows(noShadowedRules, [
    [
      "reports a Huawei deny below a higher-priority allow",
      TOKENS.huaweicloudSecurityGroup,
      {
        name: "g",
        rules: [hwRule({ multiport: "22", action: "allow", priority: 1 }), hwRule({ multiport: "22", action: "deny", priority: 50 })],
      },
      [`${S}: rules[1] (deny) is shadowed by rules evaluated before it.`],
    ],
    [
      "reports a Huawei allow covered by an equal-priority deny (deny wins ties)",
      TOKENS.huaweicloudSecurityGroup,
      {
        name: "g",
        rules: [hwRule({ multiport: "22", action: "allow", priority: 5 }), hwRule({ multiport: "1-1024", action: "deny", priority: 5 })],
      },
      [`${S}: rules[0] (allow) is shadowed by rules evaluated before it.`],
    ],
    [
      "reports a disabled Huawei rule",
      TOKENS.huaweicloudSecurityGroup,
      { name: "g", rules: [hwRule({ multiport: "443", enabled: false })] },
      [`${S}: rules[0] is disabled.`],
    ],
    [
      "reports a Scaleway accept after a drop of everything",
      TOKENS.scalewaySecurityGroup,
      {
        name: "g",
        inboundDefaultPolicy: "drop",
        rules: [
          { protocol: "ANY", direction: "inbound", action: "drop", ipRange: "0.0.0.0/0", position: 1 },
          { protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 22, position: 2 },
        ],
      },
      [`${S}: rules[1] (allow) is shadowed by rules evaluated before it.`],
    ],
    [
      "reports a community Scaleway rule list in order",
      C.scalewaySecurityGroupRules,
      {
        securityGroupId: "sg",
        inboundRules: [
          { action: "accept", port: 22, ipRange: "10.0.0.0/8" },
          { action: "drop", port: 22, ipRange: "10.1.0.0/16" },
        ],
      },
      [`${S}: inboundRules[1] (deny) is shadowed by rules evaluated before it.`],
    ],
    [
      "does not report a Huawei deny that wins over a lower-priority allow",
      TOKENS.huaweicloudSecurityGroup,
      {
        name: "g",
        rules: [hwRule({ multiport: "22", action: "deny", priority: 1 }), hwRule({ multiport: "22, 80", action: "allow", priority: 50 })],
      },
      [],
    ],
    [
      "does not report overlapping allow rules on Neutron (union)",
      TOKENS.nhnSecurityGroup,
      { name: "g", rules: [hwRule({ portRangeMin: 22, portRangeMax: 22 }), hwRule({ portRangeMin: 1, portRangeMax: 1024 })] },
      [],
    ],
    [
      "does not report a single standalone rule",
      TOKENS.huaweicloudSecurityGroupRule,
      { securityGroupId: "sg", ...hwRule({ action: "deny" }) },
      [],
    ],
  ]);
});

describe("huawei-explicit-priority", () => {
  rows(huaweiExplicitPriority, [
    [
      "reports a rule without priority",
      TOKENS.huaweicloudSecurityGroupRule,
      { securityGroupId: "sg", ...hwRule({ action: "deny" }) },
      ["Huawei rules rely on the default priority: the rule (deny)."],
    ],
    [
      "reports inline rules without priority on the bridged provider's rule",
      C.huaweiSecgroupRule,
      { securityGroupId: "sg", ...hwRule({ ports: "22" }) },
      ["Huawei rules rely on the default priority: the rule (allow)."],
    ],
    ["does not report a rule with priority", TOKENS.huaweicloudSecurityGroup, { name: "g", rules: [hwRule({ priority: 100 })] }, []],
    ["does not report NHN rules", TOKENS.nhnSecurityGroupRule, { securityGroupId: "sg", ...hwRule({}) }, []],
  ]);
});

describe("scaleway-inbound-default-drop", () => {
  const S = "The Scaleway group accepts inbound traffic by default";
  rows(scalewayInboundDefaultDrop, [
    [
      "reports an unset inboundDefaultPolicy",
      TOKENS.scalewaySecurityGroup,
      { name: "g" },
      [`${S}: inboundDefaultPolicy is unset and the cloud default is accept.`],
    ],
    [
      "reports inboundDefaultPolicy accept (community)",
      C.scalewaySecurityGroup,
      { inboundDefaultPolicy: "accept" },
      [`${S}: inboundDefaultPolicy is accept.`],
    ],
    [
      "reports the deprecated community token",
      C.scalewayInstanceSecurityGroup,
      {},
      [`${S}: inboundDefaultPolicy is unset and the cloud default is accept.`],
    ],
    ["does not report drop", TOKENS.scalewaySecurityGroup, { name: "g", inboundDefaultPolicy: "drop" }, []],
    [
      "does not report a rule resource",
      TOKENS.scalewaySecurityGroupRule,
      { securityGroupId: "sg", protocol: "TCP", direction: "inbound", action: "accept", ipRange: "10.0.0.0/8" },
      [],
    ],
  ]);
  it.each([
    [TOKENS.scalewaySecurityGroup, { name: "g" }, { name: "g", inboundDefaultPolicy: "drop" }],
    [C.scalewaySecurityGroup, { inboundDefaultPolicy: "accept" }, { inboundDefaultPolicy: "drop" }],
    [TOKENS.nhnSecurityGroup, { name: "g" }, undefined],
  ])("remediates %s", async (type, props, expected) => {
    expect(await remediate(scalewayInboundDefaultDrop, type, props)).toEqual(expected);
  });
});

describe("scaleway-stateful and scaleway-default-security-enabled", () => {
  rows(scalewayStateful, [
    [
      "reports stateful false",
      TOKENS.scalewaySecurityGroup,
      { name: "g", stateful: false },
      ["The Scaleway group is stateless: stateful is false."],
    ],
    [
      "reports stateful false (community)",
      C.scalewaySecurityGroup,
      { stateful: false },
      ["The Scaleway group is stateless: stateful is false."],
    ],
    ["does not report the default (stateful)", TOKENS.scalewaySecurityGroup, { name: "g" }, []],
  ]);
  rows(scalewayDefaultSecurityEnabled, [
    [
      "reports enableDefaultSecurity false",
      TOKENS.scalewaySecurityGroup,
      { name: "g", enableDefaultSecurity: false },
      ["The Scaleway group allows outbound SMTP: enableDefaultSecurity is false."],
    ],
    [
      "reports enableDefaultSecurity false (community)",
      C.scalewaySecurityGroup,
      { enableDefaultSecurity: false },
      ["The Scaleway group allows outbound SMTP: enableDefaultSecurity is false."],
    ],
    ["does not report the default (on)", C.scalewaySecurityGroup, {}, []],
  ]);
});

describe("nhn-ipv4-only", () => {
  rows(nhnIpv4Only, [
    [
      "reports an IPv6 rule",
      TOKENS.nhnSecurityGroupRule,
      { securityGroupId: "sg", direction: "ingress", ethertype: "IPv6", protocol: "tcp", portRangeMin: 443, portRangeMax: 443 },
      ["NHN Cloud rules use IPv6: the rule ((omitted))."],
    ],
    [
      "reports an inline ::/0 rule",
      TOKENS.nhnSecurityGroup,
      { name: "g", rules: [{ direction: "ingress", ethertype: "IPv6", remoteIpPrefix: "::/0" }] },
      ["NHN Cloud rules use IPv6: rules[0] (::/0)."],
    ],
    ["does not report the implicit default egress", TOKENS.nhnSecurityGroup, { name: "g" }, []],
    [
      "does not report OpenStack IPv6 rules",
      C.openstackSecGroupRule,
      { securityGroupId: "sg", direction: "ingress", ethertype: "IPv6", remoteIpPrefix: "::/0" },
      [],
    ],
  ]);
});

describe("no-default-egress-to-world", () => {
  const S = "Egress to the world is open on all ports";
  const both = (a: string, b: string) => `${S}: all protocols (IPv4, IPv6) via ${a}${b === a ? "" : `, ${b}`}.`;
  rows(noDefaultEgressToWorld, [
    [
      "reports an NHN group keeping its default rules",
      TOKENS.nhnSecurityGroup,
      { name: "g" },
      [both("default egress rule (IPv4)", "default egress rule (IPv6)")],
    ],
    [
      "reports a Huawei group keeping its default rules",
      TOKENS.huaweicloudSecurityGroup,
      { name: "g", deleteDefaultRules: false },
      [both("default egress rule (IPv4)", "default egress rule (IPv6)")],
    ],
    [
      "reports an OpenStack group keeping its default rules",
      C.openstackSecGroup,
      { name: "g" },
      [both("default egress rule (IPv4)", "default egress rule (IPv6)")],
    ],
    [
      "reports a Nova group (egress cannot be managed)",
      TOKENS.huaweicloudNovaSecurityGroup,
      { name: "g", description: "d", rules: [] },
      [both("default egress rule (IPv4)", "default egress rule (IPv6)")],
    ],
    [
      "reports a Scaleway group with the default outbound policy",
      TOKENS.scalewaySecurityGroup,
      { name: "g", enableDefaultSecurity: false },
      [both("outboundDefaultPolicy=accept (default)", "outboundDefaultPolicy=accept (default)")],
    ],
    [
      "reports an explicit egress rule to 0.0.0.0/0 on all ports",
      TOKENS.nhnSecurityGroupRule,
      { securityGroupId: "sg", direction: "egress", remoteIpPrefix: "0.0.0.0/0" },
      [`${S}: all protocols (IPv4) via the rule.`],
    ],
    ["does not report a group with deleteDefaultRules", TOKENS.nhnSecurityGroup, { name: "g", deleteDefaultRules: true }, []],
    ["does not report authoritative inline rules without egress", TOKENS.huaweicloudSecurityGroup, { name: "g", rules: [] }, []],
    [
      "reports only udp when Scaleway blocks SMTP over tcp",
      TOKENS.scalewaySecurityGroup,
      { name: "g" },
      [`${S}: udp/all (IPv4, IPv6) via outboundDefaultPolicy=accept (default).`],
    ],
    [
      "does not report Scaleway with outboundDefaultPolicy drop",
      TOKENS.scalewaySecurityGroup,
      { name: "g", outboundDefaultPolicy: "drop" },
      [],
    ],
    [
      "does not report egress to tcp/443 only",
      TOKENS.nhnSecurityGroupRule,
      { securityGroupId: "sg", direction: "egress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: "0.0.0.0/0" },
      [],
    ],
  ]);
});
