// Generators of valid program inputs for every resource kind, spelled as programs spell them (any case, numbers,
// bare IPs, host bits set, all-ports spellings), for the round-trip property in round-trip.test.ts.
import fc from "fast-check";

type Bag = Record<string, unknown>;
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Drops undefined values, as a program that leaves an argument out. */
const clean = (bag: Bag): Bag => Object.fromEntries(Object.entries(bag).filter(([, v]) => v !== undefined));

const text = (max: number) => fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789 -_.,:"), maxLength: max });
/** A name that is not blank and not reserved. */
export const groupName = fc
  .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_."), minLength: 1, maxLength: 40 })
  .map((s) => `rt-${s}`);

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
const ipv6 = fc
  .tuple(fc.constantFrom("2001:db8", "fd00:1", "FE80:0:0"), fc.nat(0xffff), fc.nat(0xffff), fc.boolean())
  .map(([head, a, b, upper]) => {
    const t = `${head}::${a.toString(16)}:${b.toString(16)}`;
    return upper ? t.toUpperCase() : t;
  });
/** A CIDR or bare address of the family, host bits often set (`10.1.2.3/8`). */
export const cidrOf = (family: "IPv4" | "IPv6") =>
  family === "IPv4"
    ? fc.oneof(
        ipv4,
        fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, n]) => `${a}/${n}`),
      )
    : fc.oneof(
        ipv6,
        fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([a, n]) => `${a}/${n}`),
      );

/** Port ranges as programs write them: none, one port, a range, and the "all ports" spellings. */
const portRange = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 1, max: 65535 }).map((p) => ({ min: p })),
  fc.integer({ min: 1, max: 65535 }).map((p) => ({ min: String(p) })),
  fc
    .tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }))
    .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
  fc.constantFrom({ min: 0, max: 0 }, { min: 1, max: 65535 }, { min: 0 }),
);
const icmpTypeCode = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 0, max: 255 }).map((t) => ({ min: t })),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([t, c]) => ({ min: t, max: c })),
);

// ---------------------------------------------------------------- Neutron (nhn, openstack)

type PortKind = "ports" | "icmp" | "none";
const NEUTRON_PROTOCOLS: Record<"IPv4" | "IPv6", [unknown, PortKind][]> = {
  IPv4: [
    [undefined, "none"],
    [null, "none"],
    ["any", "none"],
    ["tcp", "ports"],
    ["TCP", "ports"],
    [6, "ports"],
    ["17", "ports"],
    ["udp", "ports"],
    ["sctp", "ports"],
    ["dccp", "ports"],
    ["udplite", "ports"],
    ["icmp", "icmp"],
    ["ICMP", "icmp"],
    [1, "icmp"],
    ["gre", "none"],
    [47, "none"],
    ["esp", "none"],
    ["ah", "none"],
    ["vrrp", "none"],
    ["igmp", "none"],
    ["ospf", "none"],
    [200, "none"],
  ],
  IPv6: [
    [undefined, "none"],
    ["tcp", "ports"],
    [6, "ports"],
    ["udp", "ports"],
    ["icmp", "icmp"],
    ["ICMP", "icmp"],
    [1, "icmp"],
    ["icmpv6", "icmp"],
    ["ipv6-icmp", "icmp"],
    [58, "icmp"],
    ["ipv6-frag", "none"],
    ["ipv6-route", "none"],
    ["gre", "none"],
    [132, "ports"],
  ],
};

/** A Neutron rule's fields; `peer` is an existing group a rule may name as its remote. */
export function neutronRule(peer: string): fc.Arbitrary<Bag> {
  return fc.constantFrom<"IPv4" | "IPv6">("IPv4", "IPv6").chain((family) =>
    fc
      .record({
        direction: fc.constantFrom("ingress", "egress"),
        protocol: fc.constantFrom(...NEUTRON_PROTOCOLS[family]),
        spelling: fc.constantFrom(family, family.toLowerCase(), family.toUpperCase()),
        remote: fc.oneof(
          fc.constant({}),
          cidrOf(family).map((c) => ({ remoteIpPrefix: c })),
          fc.constant({ remoteGroupId: peer }),
        ),
        description: opt(text(60)),
        ports: portRange,
        icmp: icmpTypeCode,
        sayFamily: fc.boolean(),
      })
      .map(({ direction, protocol: [protocol, kind], spelling, remote, description, ports, icmp, sayFamily }) => {
        const range = kind === "ports" ? ports : kind === "icmp" ? icmp : {};
        // The family must be said when nothing else says it: an IPv6 rule without an IPv6 CIDR names it.
        const cidrSaysIt = "remoteIpPrefix" in remote;
        const ethertype = sayFamily || (family === "IPv6" && !cidrSaysIt) ? spelling : undefined;
        return clean({
          direction,
          ethertype,
          protocol,
          portRangeMin: (range as { min?: unknown }).min,
          portRangeMax: (range as { max?: unknown }).max,
          ...remote,
          description,
        });
      }),
  );
}

export const neutronGroup = (peer: string, key: (rule: Bag) => string) =>
  fc
    .record({
      name: groupName,
      description: opt(text(60)),
      deleteDefaultRules: opt(fc.boolean()),
      rules: opt(fc.uniqueArray(neutronRule(peer), { maxLength: 4, selector: key })),
    })
    .map(clean);

// ---------------------------------------------------------------- Huawei VPC v3

const HUAWEI_PROTOCOLS: Record<"IPv4" | "IPv6", [unknown, PortKind][]> = {
  IPv4: [
    [undefined, "none"],
    ["tcp", "ports"],
    ["TCP", "ports"],
    [6, "ports"],
    ["udp", "ports"],
    ["17", "ports"],
    ["icmp", "none"],
    [1, "none"],
    ["gre", "none"],
    [47, "none"],
    ["any", "none"],
  ],
  IPv6: [
    [undefined, "none"],
    ["tcp", "ports"],
    ["udp", "ports"],
    ["icmpv6", "none"],
    ["ipv6-icmp", "none"],
    [58, "none"],
  ],
};

const multiport = fc.oneof(
  fc.integer({ min: 1, max: 65535 }),
  fc.integer({ min: 1, max: 65535 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 4 }).map((ports) => ports.join(",")),
  fc.constant("1-65535"),
);

export function huaweiRule(peer: string): fc.Arbitrary<Bag> {
  return fc.constantFrom<"IPv4" | "IPv6">("IPv4", "IPv6").chain((family) =>
    fc
      .record({
        direction: fc.constantFrom("ingress", "egress"),
        protocol: fc.constantFrom(...HUAWEI_PROTOCOLS[family]),
        remote: fc.oneof(
          fc.constant({}),
          cidrOf(family).map((c) => ({ remoteIpPrefix: c })),
          fc.constant({ remoteGroupId: peer }),
        ),
        ports: opt(multiport),
        action: opt(fc.constantFrom("allow", "deny")),
        priority: opt(fc.integer({ min: 1, max: 100 })),
        description: opt(text(60)),
        spelling: fc.constantFrom(family, family.toLowerCase()),
      })
      .map(({ direction, protocol: [protocol, kind], remote, ports, action, priority, description, spelling }) =>
        clean({
          direction,
          ethertype: "remoteIpPrefix" in remote && family === "IPv4" ? undefined : spelling,
          protocol,
          multiport: kind === "ports" ? ports : undefined,
          action,
          priority,
          ...remote,
          description,
        }),
      ),
  );
}

export const huaweiGroup = (peer: string, key: (rule: Bag) => string) =>
  fc
    .record({
      name: groupName,
      description: opt(text(60)),
      deleteDefaultRules: opt(fc.boolean()),
      rules: opt(fc.uniqueArray(huaweiRule(peer), { maxLength: 4, selector: key })),
    })
    .map(clean);

// ---------------------------------------------------------------- Huawei Nova

export function novaRule(peer: string): fc.Arbitrary<Bag> {
  return fc
    .record({
      protocol: fc.constantFrom("tcp", "TCP", "udp", "icmp", "ICMP"),
      source: fc.oneof(
        fc.constant({}),
        fc.oneof(cidrOf("IPv4"), cidrOf("IPv6")).map((c) => ({ cidr: c })),
        fc.constant({ groupId: peer }),
      ),
      ports: portRange,
      icmp: fc.oneof(
        fc.constant({}),
        fc.constant({ min: -1, max: -1 }),
        fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([t, c]) => ({ min: t, max: c })),
      ),
    })
    .map(({ protocol, source, ports, icmp }) => {
      const range = (protocol.toLowerCase() === "icmp" ? icmp : ports) as { min?: unknown; max?: unknown };
      // Nova reads 0 as a port, not as "all": leave the all-ports spellings with 0 to the clouds that take them.
      const usable = range.min === 0 ? {} : range;
      return clean({ ipProtocol: protocol, fromPort: usable.min, toPort: usable.max, ...source });
    });
}

export const novaGroup = (peer: string, key: (rule: Bag) => string) =>
  fc
    .record({ name: groupName, description: text(60), rules: opt(fc.uniqueArray(novaRule(peer), { maxLength: 4, selector: key })) })
    .map(clean);

// ---------------------------------------------------------------- Scaleway

export const scalewayRule = fc
  .record({
    protocol: fc.constantFrom<[unknown, PortKind]>(
      ["TCP", "ports"],
      ["tcp", "ports"],
      [6, "ports"],
      ["UDP", "ports"],
      ["17", "ports"],
      ["ICMP", "none"],
      ["icmp", "none"],
      ["ANY", "none"],
      ["any", "none"],
    ),
    direction: fc.constantFrom("inbound", "outbound", "INBOUND"),
    action: fc.constantFrom("accept", "drop", "Accept"),
    ipRange: fc.oneof(cidrOf("IPv4"), cidrOf("IPv6")),
    ports: portRange,
  })
  .map(({ protocol: [protocol, kind], direction, action, ipRange, ports }) => {
    const range = (kind === "ports" ? ports : {}) as { min?: unknown; max?: unknown };
    return clean({ protocol, direction, action, ipRange, destPortFrom: range.min, destPortTo: range.max });
  });

/** A rule resource may also ask for a position, often past the end of the list (the API then appends it). */
export const scalewayRuleResource = fc
  .tuple(scalewayRule, opt(fc.integer({ min: 1, max: 20 })))
  .map(([rule, position]) => clean({ ...rule, position }));

export const scalewayGroup = fc
  .record({
    name: groupName,
    description: opt(text(60)),
    stateful: opt(fc.boolean()),
    inboundDefaultPolicy: opt(fc.constantFrom("accept", "drop", "DROP")),
    outboundDefaultPolicy: opt(fc.constantFrom("accept", "drop")),
    enableDefaultSecurity: opt(fc.boolean()),
    tags: opt(fc.uniqueArray(fc.string({ unit: fc.constantFrom(..."abcdef-="), minLength: 1, maxLength: 8 }), { maxLength: 3 })),
    rules: opt(fc.array(scalewayRule, { maxLength: 4 })),
  })
  .map(clean);

// ---------------------------------------------------------------- Genesis Cloud

export const genesisRule = fc
  .record({
    protocol: fc.constantFrom<[unknown, PortKind]>(
      ["tcp", "ports"],
      ["TCP", "ports"],
      [6, "ports"],
      ["udp", "ports"],
      ["icmp", "none"],
      ["all", "none"],
      ["any", "none"],
    ),
    direction: fc.constantFrom("ingress", "egress"),
    ports: portRange,
  })
  .map(({ protocol: [protocol, kind], direction, ports }) => {
    const range = (kind === "ports" ? ports : {}) as { min?: unknown; max?: unknown };
    return clean({ protocol, direction, portRangeMin: range.min, portRangeMax: range.max });
  });

export const genesisGroup = (key: (rule: Bag) => string) =>
  fc
    .record({
      name: groupName,
      description: opt(text(60)),
      region: opt(fc.constantFrom("NORD-NO-KRS-1", "EUC-DE-MUC-1", "NA-CA-FTS-1")),
      rules: opt(fc.uniqueArray(genesisRule, { minLength: 1, maxLength: 4, selector: key })),
    })
    .map(clean);
