// no-world-exposure-across-rules: a group judged with every standalone rule resource that targets it,
// and judgeStandaloneRulesWithGroup, which lets it be the judge of those rule resources.
import { noWorldExposureAcrossRules as policy } from "../../policies/rules/no-world-exposure-across-rules";
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { noSensitivePortsFromWorld } from "../../policies/rules/no-sensitive-ports-from-world";
import { noAllPortsFromWorld } from "../../policies/rules/no-all-ports-from-world";
import { DEFERRED_EXACT, DEFERRED_OPTION } from "../../policies/engine/policy-kit";
import { packConfigFrom } from "../../policies/pack-config";
import { policies } from "../../policies/policy-list";
import { COMMUNITY_TOKENS as C, RULE_GROUP_FIELD } from "../../policies/engine/normalise";
import { TOKENS } from "../../policies/type-tokens";
import { Intent, Variant, VARIANTS } from "./fixtures";
import { runResource, runStack, runStackOutcome, StackEntry, UNKNOWN } from "./harness";

/** Per standalone rule variant of fixtures.ts: the group it targets (id sg-1, name web). */
const GROUPS: Record<string, { type: string; props: Record<string, unknown> }> = {
  "nhn rule": { type: TOKENS.nhnSecurityGroup, props: { name: "web" } },
  "openstack rule": { type: C.openstackSecGroup, props: { name: "web" } },
  "huawei rule": { type: TOKENS.huaweicloudSecurityGroup, props: { name: "web" } },
  "huawei bridged rule": { type: C.huaweiSecgroup, props: { name: "web" } },
  "nova rule": { type: TOKENS.huaweicloudNovaSecurityGroup, props: { name: "web", description: "web" } },
  "scaleway rule": { type: TOKENS.scalewaySecurityGroup, props: { name: "web", inboundDefaultPolicy: "drop" } },
  "scaleway community rules": { type: C.scalewaySecurityGroup, props: { inboundDefaultPolicy: "drop", externalRules: true } },
};
const RULE_VARIANTS = VARIANTS.filter((v) => GROUPS[v.id]);

const group = (v: Variant, extra: Record<string, unknown> = { id: "sg-1" }, name = "web"): StackEntry => ({
  type: GROUPS[v.id].type,
  name,
  props: { ...GROUPS[v.id].props, ...extra },
});
/** A rule resource of variant v expressing one intent, targeting group id `sg`. */
const ruleOf = (v: Variant, name: string, i: Intent, sg: unknown = "sg-1", deps?: string[]): StackEntry => ({
  type: v.type,
  name,
  props: { ...v.build([i]), [RULE_GROUP_FIELD[v.type]]: sg },
  deps: deps && { [RULE_GROUP_FIELD[v.type]]: deps },
});
/** How the pack labels the first rule of resource `name` in a group-wide message. */
const via = (v: Variant, name: string) => (v.single ? name : `${name}.${v.label(0)}`);
const msg = (v: Variant, what: string) => `web: Security group web (with a, b): ${what} via ${via(v, "a")}, ${via(v, "b")}.`;
/** Huawei and Scaleway rule resources are not judged alone, so the stack policy reports what rule a opens by itself. */
const aloneOnGroupClouds = (v: Variant, what: string): string[] =>
  v.withGroup ? [`web: Security group web (with a, b): ${what} via ${via(v, "a")}.`] : [];

interface Split {
  title: string;
  a: Intent;
  b: Intent;
  expected: (v: Variant) => string[];
}

const SPLITS: Split[] = [
  {
    title: "reports tcp/22 split over 0.0.0.0/1 and 128.0.0.0/1",
    a: { from: 22, source: "0.0.0.0/1" },
    b: { from: 22, source: "128.0.0.0/1" },
    expected: (v) => [msg(v, "admin ports are open to the world: tcp/22 (IPv4)")],
  },
  {
    title: "reports tcp/5432 split over 2000::/4 and 3000::/4 (all of public IPv6)",
    a: { from: 5432, source: "2000::/4" },
    b: { from: 5432, source: "3000::/4" },
    expected: (v) => [msg(v, "sensitive service ports are open to the world: tcp/5432 (IPv6)")],
  },
  {
    title: "reports all protocols split over two halves",
    a: { protocol: "all", source: "0.0.0.0/1" },
    b: { protocol: "all", source: "128.0.0.0/1" },
    expected: (v) => expectAllProtocols(v),
  },
  {
    title: "reports ::/1 + 8000::/1 only where the resource policies defer (::/1 alone covers public IPv6 2000::/3)",
    a: { from: 22, source: "::/1" },
    b: { from: 22, source: "8000::/1" },
    expected: (v) => aloneOnGroupClouds(v, "admin ports are open to the world: tcp/22 (IPv6)"),
  },
  {
    title: "does not double-report a rule that is the world alone (reported here only where the resource policies defer)",
    a: { from: 22, source: "0.0.0.0/0" },
    b: { from: 22, source: "0.0.0.0/1" },
    expected: (v) => aloneOnGroupClouds(v, "admin ports are open to the world: tcp/22 (IPv4)"),
  },
  {
    title: "does not report halves that miss public space",
    a: { from: 22, source: "0.0.0.0/1" },
    b: { from: 22, source: "10.0.0.0/8" },
    expected: () => [],
  },
  {
    title: "does not report halves on different ports",
    a: { from: 22, source: "0.0.0.0/1" },
    b: { from: 3389, source: "128.0.0.0/1" },
    expected: () => [],
  },
  {
    title: "does not report a split tcp/443 (not an admin or sensitive port)",
    a: { from: 443, source: "0.0.0.0/1" },
    b: { from: 443, source: "128.0.0.0/1" },
    expected: () => [],
  },
];

/** The three categories a split all-protocols exposure shows: every admin port, every sensitive port, all protocols. */
function expectAllProtocols(v: Variant): string[] {
  const both = `via ${via(v, "a")}, ${via(v, "b")}`;
  const list = (specs: string[]) => specs.map((p) => `${p} (IPv4) ${both}`).join("; ");
  const admin = ["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"];
  const sensitive = [
    "tcp/3306",
    "tcp/5432",
    "tcp/1433",
    "tcp/1521",
    "tcp/27017-27019",
    "tcp/6379",
    "tcp/11211",
    "udp/11211",
    "tcp/9200",
    "tcp/9300",
    "tcp/5601",
    "tcp/2375-2376",
    "tcp/2379-2380",
    "tcp/6443",
    "tcp/10250",
    "tcp/445",
    "tcp/139",
    "tcp/2049",
    "udp/2049",
    "tcp/111",
    "udp/111",
    "tcp/389",
    "tcp/636",
    "udp/53",
    "udp/123",
    "udp/161",
    "udp/1900",
  ];
  return [
    `admin ports are open to the world: ${list(admin)}`,
    `sensitive service ports are open to the world: ${list(sensitive)}`,
    `all ports are open to the world: all protocols (IPv4) ${both}`,
  ].map((what) => `web: Security group web (with a, b): ${what}.`);
}

describe("no-world-exposure-across-rules: exposure split across rule resources", () => {
  const rows = SPLITS.flatMap((s) => RULE_VARIANTS.map((v) => [`${s.title} on ${v.id}`, s, v] as const));
  it.each(rows)("%s", async (_t, s, v) => {
    expect(await runStack(policy, [group(v), ruleOf(v, "a", s.a), ruleOf(v, "b", s.b)])).toEqual(s.expected(v));
  });

  it.each(RULE_VARIANTS.map((v) => [v.id, v] as const))(
    "no single resource shows the split on %s: the resource policies pass each half (or defer it)",
    async (_t, v) => {
      for (const half of [
        { from: 22, source: "0.0.0.0/1" },
        { from: 22, source: "128.0.0.0/1" },
      ]) {
        expect(await runResource(noAdminPortsFromWorld, v.type, ruleOf(v, "a", half).props)).toEqual(
          v.withGroup ? { violations: [], notApplicable: DEFERRED_EXACT } : { violations: [] },
        );
      }
    },
  );

  it.each(RULE_VARIANTS.map((v) => [v.id, v] as const))("does not join rules of another group on %s", async (_t, v) => {
    const entries = [
      group(v),
      group(v, { id: "sg-2" }, "db"),
      ruleOf(v, "a", { from: 22, source: "0.0.0.0/1" }),
      ruleOf(v, "b", { from: 22, source: "128.0.0.0/1" }, "sg-2"),
    ];
    expect(await runStack(policy, entries)).toEqual([]);
  });
});

describe("no-world-exposure-across-rules: inline rules and rule resources together", () => {
  it.each<[string, StackEntry[], string[]]>([
    [
      "reports an NHN group whose inline rule and rule resource split the world",
      [
        {
          type: TOKENS.nhnSecurityGroup,
          name: "web",
          props: {
            id: "sg-1",
            name: "web",
            rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "0.0.0.0/1" }],
          },
        },
        {
          type: TOKENS.nhnSecurityGroupRule,
          name: "b",
          props: {
            securityGroupId: "sg-1",
            direction: "ingress",
            protocol: "tcp",
            portRangeMin: 22,
            portRangeMax: 22,
            remoteIpPrefix: "128.0.0.0/1",
          },
        },
      ],
      ["web: Security group web (with b): admin ports are open to the world: tcp/22 (IPv4) via rules[0], b."],
    ],
    [
      "reports a community Scaleway group whose inboundRules and SecurityGroupRules split the world",
      [
        {
          type: C.scalewaySecurityGroup,
          name: "web",
          props: {
            id: "sg-1",
            inboundDefaultPolicy: "drop",
            inboundRules: [{ action: "accept", protocol: "TCP", port: 6379, ipRange: "0.0.0.0/1" }],
          },
        },
        {
          type: C.scalewaySecurityGroupRules,
          name: "b",
          props: { securityGroupId: "sg-1", inboundRules: [{ action: "accept", protocol: "TCP", port: 6379, ipRange: "128.0.0.0/1" }] },
        },
      ],
      [
        "web: Security group web (with b): sensitive service ports are open to the world: tcp/6379 (IPv4) via inboundRules[0], b.inboundRules[0].",
      ],
    ],
    [
      "does not report a Scaleway group whose earlier rule resource drops what a later one accepts",
      [
        { type: TOKENS.scalewaySecurityGroup, name: "web", props: { id: "sg-1", name: "web", inboundDefaultPolicy: "drop" } },
        {
          type: TOKENS.scalewaySecurityGroupRule,
          name: "drop",
          props: {
            securityGroupId: "sg-1",
            direction: "inbound",
            action: "drop",
            protocol: "TCP",
            destPortFrom: 22,
            ipRange: "0.0.0.0/1",
            position: 1,
          },
        },
        {
          type: TOKENS.scalewaySecurityGroupRule,
          name: "a",
          props: {
            securityGroupId: "sg-1",
            direction: "inbound",
            action: "accept",
            protocol: "TCP",
            destPortFrom: 22,
            ipRange: "0.0.0.0/1",
            position: 2,
          },
        },
        {
          type: TOKENS.scalewaySecurityGroupRule,
          name: "b",
          props: {
            securityGroupId: "sg-1",
            direction: "inbound",
            action: "accept",
            protocol: "TCP",
            destPortFrom: 22,
            ipRange: "128.0.0.0/1",
            position: 3,
          },
        },
      ],
      [],
    ],
    [
      "reports Huawei halves at priority 1 (not the shadowed world rule resource at priority 5: Huawei rule resources are judged only here)",
      [
        { type: TOKENS.huaweicloudSecurityGroup, name: "web", props: { id: "sg-1", name: "web" } },
        ...(
          [
            ["a", "0.0.0.0/1", 1],
            ["b", "128.0.0.0/1", 1],
            ["x", "0.0.0.0/0", 5],
          ] as const
        ).map(([name, cidr, priority]) => ({
          type: TOKENS.huaweicloudSecurityGroupRule,
          name,
          props: { securityGroupId: "sg-1", direction: "ingress", protocol: "tcp", multiport: "22", remoteIpPrefix: cidr, priority },
        })),
      ],
      ["web: Security group web (with a, b, x): admin ports are open to the world: tcp/22 (IPv4) via a, b."],
    ],
    [
      "does not report a group exposed alone (its resource policies report it)",
      [
        {
          type: TOKENS.nhnSecurityGroup,
          name: "web",
          props: {
            id: "sg-1",
            name: "web",
            rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "0.0.0.0/0" }],
          },
        },
        {
          type: TOKENS.nhnSecurityGroupRule,
          name: "b",
          props: {
            securityGroupId: "sg-1",
            direction: "ingress",
            protocol: "tcp",
            portRangeMin: 22,
            portRangeMax: 22,
            remoteIpPrefix: "128.0.0.0/1",
          },
        },
      ],
      [],
    ],
  ])("%s", async (_t, entries, expected) => {
    expect(await runStack(policy, entries)).toEqual(expected);
  });

  it("the ::/1 half is world-open alone, so the resource policy reports it", async () => {
    const v = VARIANTS.find((x) => x.id === "nhn rule")!;
    expect(await runResource(noAdminPortsFromWorld, v.type, ruleOf(v, "a", { from: 22, source: "::/1" }).props)).toEqual({
      violations: ["Admin ports are open to the world: tcp/22 (IPv6) via the rule."],
    });
  });
});

/** Huawei VPC v3: an allow rule resource and a deny rule resource of the same group. */
const huaweiPair = (denyPriority: number, deps = false): StackEntry[] => {
  const rule = (name: string, action: string, priority: number): StackEntry => ({
    type: TOKENS.huaweicloudSecurityGroupRule,
    name,
    deps: deps ? { securityGroupId: ["web"] } : undefined,
    props: {
      securityGroupId: deps ? UNKNOWN : "sg-1",
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      multiport: "22",
      remoteIpPrefix: "0.0.0.0/0",
      action,
      priority,
    },
  });
  return [
    { type: TOKENS.huaweicloudSecurityGroup, name: "web", props: deps ? { name: "web" } : { id: "sg-1", name: "web" } },
    rule("ssh", "allow", 10),
    rule("deny-ssh", "deny", denyPriority),
  ];
};
const ON = { judgeStandaloneRulesWithGroup: true };

describe("no-world-exposure-across-rules: Huawei deny in another rule resource (judged with the group by default)", () => {
  const [, allow] = huaweiPair(1);
  it.each([noAdminPortsFromWorld, noSensitivePortsFromWorld, noAllPortsFromWorld].map((p) => [p.name, p] as const))(
    "%s leaves Huawei rule resources to the stack policy (it reported the overridden allow rule before)",
    async (_t, p) => {
      expect(await runResource(p, allow.type, allow.props)).toEqual({ violations: [], notApplicable: DEFERRED_EXACT });
    },
  );
  it("groups are still judged by the resource policy", async () => {
    const g = {
      name: "web",
      rules: [{ direction: "ingress", protocol: "tcp", multiport: "22", remoteIpPrefix: "0.0.0.0/0", priority: 1 }],
    };
    expect(await runResource(noAdminPortsFromWorld, TOKENS.huaweicloudSecurityGroup, g)).toEqual({
      violations: ["Admin ports are open to the world: tcp/22 (IPv4) via rules[0]."],
    });
  });
  it("a higher-priority deny in another resource: nothing is reported, with the option on or off", async () => {
    for (const cfg of [{}, ON]) {
      expect(await runStack(policy, huaweiPair(1), cfg)).toEqual([]);
      expect(await runStack(policy, huaweiPair(10), cfg)).toEqual([]); // deny wins ties
    }
  });
  it("a lower-priority deny does not override: the stack policy reports the allow rule, with the option on or off", async () => {
    for (const cfg of [{}, ON]) {
      expect(await runStack(policy, huaweiPair(50), cfg)).toEqual([
        "web: Security group web (with ssh, deny-ssh): admin ports are open to the world: tcp/22 (IPv4) via ssh.",
      ]);
    }
  });
  it("joined through propertyDependencies while the group id is unknown at preview", async () => {
    expect(await runStack(policy, huaweiPair(1, true))).toEqual([]);
    expect(await runStack(policy, huaweiPair(50, true))).toEqual([
      "web: Security group web (with ssh, deny-ssh): admin ports are open to the world: tcp/22 (IPv4) via ssh.",
    ]);
  });
  it("a Huawei rule resource whose group is not in the stack is not judged here (rule-group-in-stack says so)", async () => {
    const [, lone] = huaweiPair(1);
    expect(await runStack(policy, [lone], ON)).toEqual([]);
    expect(await runStack(policy, [lone])).toEqual([]);
  });
});

describe("judgeStandaloneRulesWithGroup: union-cloud rule resources judged with their group too", () => {
  const v = VARIANTS.find((x) => x.id === "nhn rule")!;
  const world = ruleOf(v, "a", { from: 22, source: "0.0.0.0/0" });
  it.each([noAdminPortsFromWorld, noSensitivePortsFromWorld, noAllPortsFromWorld].map((p) => [p.name, p] as const))(
    "option on: %s leaves NHN rule resources to the stack policy; off: judges them",
    async (_t, p) => {
      expect(await runResource(p, world.type, world.props, ON)).toEqual({ violations: [], notApplicable: DEFERRED_OPTION });
      expect((await runResource(p, world.type, world.props)).notApplicable).toBeUndefined();
    },
  );
  it("option on: the stack policy reports what the group and the rule open, the group alone aside", async () => {
    expect(await runStack(policy, [group(v), world, ruleOf(v, "b", { from: 22, source: "10.0.0.0/8" })], ON)).toEqual([
      "web: Security group web (with a, b): admin ports are open to the world: tcp/22 (IPv4) via a.",
    ]);
    expect(await runStack(policy, [group(v), world, ruleOf(v, "b", { from: 22, source: "10.0.0.0/8" })])).toEqual([]);
  });
  it("option on: an NHN rule resource whose group is not in the stack is judged alone (exact on a union cloud)", async () => {
    expect(await runStack(policy, [world], ON)).toEqual([
      "a: Rule resource a (its group is not in this stack): admin ports are open to the world: tcp/22 (IPv4) via the rule.",
    ]);
    expect(await runStack(policy, [world])).toEqual([]); // option off: the resource policy judges it
  });
});

describe("no-world-exposure-across-rules: values unknown at preview", () => {
  const nhn = (name: string, sg: unknown, cidr: unknown, deps?: string[]): StackEntry => ({
    type: TOKENS.nhnSecurityGroupRule,
    name,
    deps: deps && { securityGroupId: deps },
    props: { securityGroupId: sg, direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: cidr },
  });
  const web = { type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web" } };
  it("reports the split when the group id is unknown but propertyDependencies link the rules", async () => {
    expect(
      await runStackOutcome(policy, [web, nhn("a", UNKNOWN, "0.0.0.0/1", ["web"]), nhn("b", UNKNOWN, "128.0.0.0/1", ["web"])]),
    ).toEqual({ violations: ["web: Security group web (with a, b): admin ports are open to the world: tcp/22 (IPv4) via a, b."] });
  });
  it("says it could not judge a rule whose group id is unknown and not linked, after judging the rest", async () => {
    const other = { type: TOKENS.nhnSecurityGroup, name: "db", props: { id: "sg-2", name: "db" } };
    expect(
      await runStackOutcome(policy, [
        web,
        nhn("a", UNKNOWN, "0.0.0.0/1"),
        nhn("b", UNKNOWN, "128.0.0.0/1"),
        other,
        nhn("c", "sg-2", "0.0.0.0/1"),
        nhn("d", "sg-2", "128.0.0.0/1"),
      ]),
    ).toEqual({
      violations: ["db: Security group db (with c, d): admin ports are open to the world: tcp/22 (IPv4) via c, d."],
      unknown: "string value at .securityGroupId can't be known during preview",
    });
  });
  it("says it could not judge a group whose rule source is unknown", async () => {
    expect(await runStackOutcome(policy, [web, nhn("a", UNKNOWN, "0.0.0.0/1", ["web"]), nhn("b", UNKNOWN, UNKNOWN, ["web"])])).toEqual({
      violations: [],
      unknown: "string value at .remoteIpPrefix can't be known during preview",
    });
  });
});

describe("no-world-exposure-across-rules: exemptions", () => {
  const v = VARIANTS.find((x) => x.id === "nhn rule")!;
  const entries = [group(v), ruleOf(v, "a", { from: 22, source: "0.0.0.0/1" }), ruleOf(v, "b", { from: 22, source: "128.0.0.0/1" })];
  it("skips an exempted group and names an expired exemption", async () => {
    expect(await runStack(policy, entries, { exemptions: [{ resource: "web", reason: "lab", expires: "2999-01-01" }] })).toEqual([]);
    expect(await runStack(policy, entries, { exemptions: [{ resource: "web", reason: "lab", expires: "2026-01-01" }] })).toEqual([
      'web: Security group web (with a, b): admin ports are open to the world: tcp/22 (IPv4) via a, b. The exemption "lab" expired on 2026-01-01 and no longer applies.',
    ]);
  });
  it("trusted sources need not be covered: 0.0.0.0/1 + 128.0.0.0/2 reach the world once 192.0.0.0/2 is trusted", async () => {
    const quarter = [group(v), ruleOf(v, "a", { from: 22, source: "0.0.0.0/1" }), ruleOf(v, "b", { from: 22, source: "128.0.0.0/2" })];
    expect(await runStack(policy, quarter)).toEqual([]);
    expect(await runStack(policy, quarter, { trustedSourceCidrs: ["192.0.0.0/2"] })).toEqual([
      "web: Security group web (with a, b): admin ports are open to the world: tcp/22 (IPv4) via a, b.",
    ]);
  });
});

describe("judgeStandaloneRulesWithGroup in the pack config's shared block", () => {
  it("reaches the three exposure policies and the stack policy, defaulting to off", () => {
    const cfg = packConfigFrom(policies, { shared: { judgeStandaloneRulesWithGroup: true } });
    expect(Object.keys(cfg)).toEqual([
      "no-admin-ports-from-world",
      "no-sensitive-ports-from-world",
      "no-all-ports-from-world",
      "no-world-exposure-across-rules",
    ]);
    expect(policy.configSchema!.properties!.judgeStandaloneRulesWithGroup).toMatchObject({ type: "boolean", default: false });
  });
});
