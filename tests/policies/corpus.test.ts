// prior-art/policies.md: the false negatives / false positives of section 3 and the fixtures of 4.5,
// each on every resource type that can express it.
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { noAllPortsFromWorld } from "../../policies/rules/no-all-ports-from-world";
import { noBroadPublicSources } from "../../policies/rules/no-broad-public-sources";
import { noIcmpFromWorld } from "../../policies/rules/no-icmp-from-world";
import { scalewayInboundDefaultDrop } from "../../policies/rules/scaleway-inbound-default-drop";
import { TOKENS } from "../../policies/type-tokens";
import { valuesKnownAtPreview } from "../../policies/rules/values-known-at-preview";
import { COMMUNITY_TOKENS as C } from "../../policies/engine/normalise";
import { fam, Variant } from "./fixtures";
import { table } from "./table";
import { runResource, UNKNOWN, UnknownValueError } from "./harness";

const ADMIN = "Admin ports are open to the world";
const ALL = "All ports are open to the world";
const admin22 = (v: Variant, family: "IPv4" | "IPv6" = "IPv4", i = 0) => [`${ADMIN}: tcp/22 (${fam(v, family)}) via ${v.label(i)}.`];
const every = (v: Variant, family: string, labels: string) => [
  `${ADMIN}: ${["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"].map((p) => `${p} (${v.source ? family : "IPv4, IPv6"}) via ${labels}`).join("; ")}.`,
];
const multi = (v: Variant) => !v.single;
const hasSource = (v: Variant) => v.source;

describe("4.5 corpus and section 3 false negatives: admin ports", () => {
  table(noAdminPortsFromWorld, [
    {
      title: "[4.5] protocol all with no ports (Checkov _277 'all', Elastic -1 without FromPort)",
      intents: [{ protocol: "all", source: "0.0.0.0/0" }],
      expected: (v) => every(v, "IPv4", v.label(0)),
    },
    {
      title: "[3 Checkov#3] protocol -1 with no ports",
      intents: [{ protocol: "-1", source: "0.0.0.0/0" }],
      only: (v) => /nhn|openstack|huawei (rule|group)|bridged/.test(v.id),
      expected: (v) => every(v, "IPv4", v.label(0)),
    },
    {
      title: "[3 Prowler OpenStack] protocol '6' and 'any' are normalised",
      intents: [{ protocol: "6", from: 22, source: "0.0.0.0/0" }],
      only: (v) => /nhn|openstack|huawei (rule|group)|bridged/.test(v.id),
      expected: (v) => admin22(v),
    },
    {
      title: "[4.5, 3 Checkov#8, Mondoo#2] tcp with no port range",
      intents: [{ source: "0.0.0.0/0" }],
      expected: (v) => every(v, "IPv4", v.label(0)),
    },
    {
      title: "[4.5, 3 Checkov#8, Trivy#5, Mondoo#3] source omitted",
      intents: [{ from: 22 }],
      only: hasSource,
      expected: (v) => (v.id.startsWith("scaleway") ? [`${ADMIN}: tcp/22 (IPv4, IPv6) via ${v.label(0)}.`] : admin22(v)),
    },
    { title: "[4.5, 3 Trivy#3, Mondoo#1] ::/0 only", intents: [{ from: 22, source: "::/0" }], expected: (v) => admin22(v, "IPv6") },
    {
      title: "[4.5, 3 Checkov#6] 0.0.0.0/1 + 128.0.0.0/1 together are the world",
      intents: [
        { from: 22, source: "0.0.0.0/1" },
        { from: 22, source: "128.0.0.0/1" },
      ],
      only: multi,
      expected: (v) => [`${ADMIN}: tcp/22 (${fam(v, "IPv4")}) via ${v.label(0)}, ${v.label(1)}.`],
    },
    { title: "[4.5] 1.2.3.4/0 is the world", intents: [{ from: 22, source: "1.2.3.4/0" }], expected: (v) => admin22(v) },
    {
      title: "[3 cross-tool] expanded IPv6 zero address",
      intents: [{ from: 22, source: "0000:0000:0000:0000:0000:0000:0000:0000/0" }],
      expected: (v) => admin22(v, "IPv6"),
    },
    {
      title: "[4.5, 3 ScoutSuite, Mondoo#5] 20-30 contains 22",
      intents: [{ from: 20, to: 30, source: "0.0.0.0/0" }],
      expected: (v) => [`${ADMIN}: tcp/22 (${fam(v, "IPv4")}) via ${v.label(0)}; tcp/23 (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    {
      title: "[3 Checkov#1] a remote-group rule before a world rule does not hide it",
      intents: [
        { from: 22, source: "10.0.0.0/8" },
        { from: 22, source: "0.0.0.0/0" },
      ],
      only: multi,
      expected: (v) => admin22(v, "IPv4", 1),
    },
    {
      title: "[3 cloudmapper#111] a narrow rule plus 0.0.0.0/0 on the same port",
      intents: [
        { from: 22, source: "198.51.99.7/32" },
        { from: 22, source: "0.0.0.0/0" },
      ],
      only: multi,
      expected: (v) => [`${ADMIN}: tcp/22 (${fam(v, "IPv4")}) via ${v.label(0)}, ${v.label(1)}.`],
    },
    {
      title: "[3 Prowler#964 FP] GRE from the world is not SSH",
      intents: [{ protocol: "gre", source: "0.0.0.0/0" }],
      only: (v) => /nhn|openstack/.test(v.id),
      expected: () => [],
    },
    {
      title: "[3 Prowler Huawei FP] a deny from the world is not exposure",
      intents: [{ from: 22, source: "0.0.0.0/0", action: "deny" }],
      expected: () => [],
    },
    {
      title: "[3 Prowler Huawei FP] ICMP without ports is not all ports",
      intents: [{ protocol: "icmp", source: "0.0.0.0/0" }],
      expected: () => [],
    },
    { title: "[3 Compliance FP] a 443 web rule is not admin exposure", intents: [{ from: 443, source: "0.0.0.0/0" }], expected: () => [] },
  ]);
});

describe("Huawei priority (4.5) and the c7n false negative (3)", () => {
  const hw = (v: Variant) => /huawei (group)/.test(v.id);
  table(noAdminPortsFromWorld, [
    {
      title: "[4.5] '22, 3389' at priority 50 with a deny of 22 at priority 1 leaves only 3389",
      only: hw,
      intents: [
        { from: 22, source: "0.0.0.0/0", action: "deny", priority: 1 },
        { from: 22, to: 22, source: "0.0.0.0/0", priority: 50 },
        { from: 3389, source: "0.0.0.0/0", priority: 50 },
      ],
      expected: () => [`${ADMIN}: tcp/3389 (IPv4) via rules[2].`],
    },
    {
      title: "[3 c7n] a deny of lower precedence (priority 100) does not shadow an allow at priority 1",
      only: hw,
      intents: [
        { from: 22, source: "0.0.0.0/0", action: "deny", priority: 100 },
        { from: 22, source: "0.0.0.0/0", priority: 1 },
      ],
      expected: () => [`${ADMIN}: tcp/22 (IPv4) via rules[1].`],
    },
    {
      title: "deny wins a tie of priorities",
      only: hw,
      intents: [
        { from: 22, source: "0.0.0.0/0", priority: 5 },
        { from: 22, source: "0.0.0.0/0", action: "deny", priority: 5 },
      ],
      expected: () => [],
    },
    {
      title: "a deny of one half of the internet leaves no world exposure",
      only: hw,
      intents: [
        { from: 22, source: "0.0.0.0/1", action: "deny", priority: 1 },
        { from: 22, source: "0.0.0.0/0", priority: 2 },
      ],
      expected: () => [],
    },
    {
      title: "a deny of a private range only still leaves the internet in",
      only: hw,
      intents: [
        { from: 22, source: "10.0.0.0/8", action: "deny", priority: 1 },
        { from: 22, source: "0.0.0.0/0", priority: 2 },
      ],
      expected: () => [`${ADMIN}: tcp/22 (IPv4) via rules[1].`],
    },
  ]);
  it("parses a multiport string with spaces and ranges: '22, 3389, 8000-9000'", async () => {
    const out = await runResource(noAdminPortsFromWorld, TOKENS.huaweicloudSecurityGroup, {
      name: "g",
      rules: [{ direction: "ingress", protocol: "tcp", multiport: "80, 3389, 8000-9000", remoteIpPrefix: "0.0.0.0/0" }],
    });
    expect(out.violations).toEqual([`${ADMIN}: tcp/3389 (IPv4) via rules[0].`]);
  });
});

describe("Scaleway first match and default policy (4.5)", () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    [
      "[4.5] an empty group with defaults is open on every port",
      TOKENS.scalewaySecurityGroup,
      { name: "g" },
      [`${ALL}: all protocols (IPv4, IPv6) via inboundDefaultPolicy=accept (default).`],
    ],
    [
      "[4.5] an empty community group with defaults",
      C.scalewaySecurityGroup,
      {},
      [`${ALL}: all protocols (IPv4, IPv6) via inboundDefaultPolicy=accept (default).`],
    ],
    [
      "a drop of 22 first, then default accept: everything except 22",
      TOKENS.scalewaySecurityGroup,
      {
        name: "g",
        rules: [
          { protocol: "TCP", direction: "inbound", action: "drop", ipRange: "0.0.0.0/0", destPortFrom: 22 },
          { protocol: "TCP", direction: "inbound", action: "drop", ipRange: "::/0", destPortFrom: 22 },
        ],
      },
      [`${ALL}: udp/all (IPv4, IPv6) via inboundDefaultPolicy=accept (default).`],
    ],
    [
      "an accept before a drop wins (first match)",
      TOKENS.scalewaySecurityGroup,
      {
        name: "g",
        inboundDefaultPolicy: "drop",
        rules: [
          { protocol: "ANY", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0" },
          { protocol: "ANY", direction: "inbound", action: "drop", ipRange: "0.0.0.0/0" },
        ],
      },
      [`${ALL}: all protocols (IPv4) via rules[0].`],
    ],
    [
      "positions order the rules, not the array",
      TOKENS.scalewaySecurityGroup,
      {
        name: "g",
        inboundDefaultPolicy: "drop",
        rules: [
          { protocol: "ANY", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", position: 2 },
          { protocol: "ANY", direction: "inbound", action: "drop", ipRange: "0.0.0.0/0", position: 1 },
        ],
      },
      [],
    ],
  ])("%s", async (_t, type, props, expected) => {
    expect((await runResource(noAllPortsFromWorld, type, props)).violations).toEqual(expected);
  });
  it("[4.5] the empty group also fails scaleway-inbound-default-drop and the admin check", async () => {
    expect((await runResource(scalewayInboundDefaultDrop, TOKENS.scalewaySecurityGroup, { name: "g" })).violations).toEqual([
      "The Scaleway group accepts inbound traffic by default: inboundDefaultPolicy is unset and the cloud default is accept.",
    ]);
    expect((await runResource(noAdminPortsFromWorld, TOKENS.scalewaySecurityGroup, { name: "g" })).violations).toEqual([
      `${ADMIN}: ${["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"].map((p) => `${p} (IPv4, IPv6) via inboundDefaultPolicy=accept (default)`).join("; ")}.`,
    ]);
  });
});

describe("Genesis, remote groups, near-world, ICMP and unknowns", () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    [
      "[4.5] Genesis tcp 1-65535 is all ports from both families",
      TOKENS.genesiscloudSecurityGroupRule,
      { securityGroupId: "sg", direction: "ingress", protocol: "tcp", portRangeMin: 1, portRangeMax: 65535 },
      [`${ALL}: tcp/all (IPv4, IPv6) via the rule.`],
    ],
    [
      "[4.5] Genesis protocol all without range",
      C.genesisSecurityGroup,
      { name: "g", rules: [{ direction: "ingress", protocol: "all" }] },
      [`${ALL}: all protocols (IPv4, IPv6) via rules[0].`],
    ],
    [
      "[3 Alicloud -1/-1] Nova tcp -1/-1 is all ports",
      TOKENS.huaweicloudNovaSecurityGroupRule,
      { parentGroupId: "sg", ipProtocol: "tcp", fromPort: -1, toPort: -1, cidr: "0.0.0.0/0" },
      [`${ALL}: tcp/all (IPv4) via the rule.`],
    ],
    [
      "[3 openstack provider] portRangeMin/Max 0/0 is all ports",
      C.openstackSecGroupRule,
      {
        securityGroupId: "sg",
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "udp",
        portRangeMin: 0,
        portRangeMax: 0,
        remoteIpPrefix: "0.0.0.0/0",
      },
      [`${ALL}: udp/all (IPv4) via the rule.`],
    ],
    [
      "[3 Checkov#8] Neutron IPv6 ethertype with omitted source reads as ::/0",
      C.openstackSecGroupRule,
      { securityGroupId: "sg", direction: "ingress", ethertype: "IPv6" },
      [`${ALL}: all protocols (IPv6) via the rule.`],
    ],
    [
      "[4.5] a remote group is not the world",
      TOKENS.nhnSecurityGroupRule,
      { securityGroupId: "sg", direction: "ingress", remoteGroupId: "sg-2" },
      [],
    ],
    [
      "[4.5] a remote address group is not judged as the world",
      TOKENS.huaweicloudSecurityGroupRule,
      { securityGroupId: "sg", direction: "ingress", remoteAddressGroupId: "ag-1" },
      [],
    ],
    [
      "[3 Prowler#2442 FP] 80 and 443 are not all ports",
      TOKENS.nhnSecurityGroup,
      {
        name: "g",
        deleteDefaultRules: true,
        rules: [
          { direction: "ingress", protocol: "tcp", portRangeMin: 80, portRangeMax: 80, remoteIpPrefix: "0.0.0.0/0" },
          { direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: "0.0.0.0/0" },
        ],
      },
      [],
    ],
  ])("%s", async (_t, type, props, expected) => {
    expect((await runResource(noAllPortsFromWorld, type, props)).violations).toEqual(expected);
  });
  it("[3 Trivy#1] 0.0.0.0/1 alone is reported as a broad source", async () => {
    expect(
      (
        await runResource(noBroadPublicSources, C.openstackSecGroupRule, {
          securityGroupId: "sg",
          direction: "ingress",
          protocol: "tcp",
          portRangeMin: 22,
          portRangeMax: 22,
          remoteIpPrefix: "0.0.0.0/1",
        })
      ).violations,
    ).toEqual(["Sources are broad public ranges: the rule admits 0.0.0.0/1 (wider than /8)."]);
  });
  it("[3 defsec#450 FP] the CDK 'disallow all' placeholder 255.255.255.255/32 ICMP is not reported", async () => {
    expect(
      (
        await runResource(noIcmpFromWorld, TOKENS.nhnSecurityGroupRule, {
          securityGroupId: "sg",
          direction: "egress",
          protocol: "icmp",
          remoteIpPrefix: "255.255.255.255/32",
        })
      ).violations,
    ).toEqual([]);
  });
  it("[4.5] an unknown CIDR during preview is not judged: the policy waits for pulumi up, values-known-at-preview raises the SDK's UnknownValueError", async () => {
    const props = {
      securityGroupId: "sg",
      direction: "ingress",
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: UNKNOWN,
    };
    expect(await runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroupRule, props)).toEqual({
      violations: [],
      notApplicable: ".remoteIpPrefix unknown at preview: judged at pulumi up (values-known-at-preview reports it once per resource)",
    });
    await expect(runResource(valuesKnownAtPreview, TOKENS.nhnSecurityGroupRule, props)).rejects.toBeInstanceOf(UnknownValueError);
  });
});
