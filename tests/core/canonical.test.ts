import fc from "fast-check";
import { canonicalCidr } from "../../provider/core/cidr";
import { canonicalProtocol } from "../../provider/core/protocol";
import { canonicalPortRange } from "../../provider/core/port-range";
import { InlineRule } from "../../provider/neutron/inputs";
import { ruleKey } from "../../provider/neutron/marshal";

describe("canonical CIDR", () => {
  it.each([
    ["10.0.0.5/24", "10.0.0.0/24", "IPv4"],
    ["10.1.1.1", "10.1.1.1/32", "IPv4"],
    [" 192.168.1.77/16 ", "192.168.0.0/16", "IPv4"],
    ["1.2.3.4/0", "0.0.0.0/0", "IPv4"],
    ["::1", "::1/128", "IPv6"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001/32", "2001:db8::/32", "IPv6"],
    ["2001:DB8::FFFF/64", "2001:db8::/64", "IPv6"],
    ["::/0", "::/0", "IPv6"],
    ["fe80::1234/0", "::/0", "IPv6"],
  ])("%s -> %s", (input, cidr, ethertype) => {
    expect(canonicalCidr(input)).toEqual({ cidr, ethertype });
  });

  it.each(["10.0.0.0/33", "300.1.1.1", "not-an-ip", "::/129", "", "10/8", "10.1", "010.0.0.1", "0x0a.0.0.1/8"])("rejects %s", (input) => {
    expect(() => canonicalCidr(input)).toThrow();
  });

  it("is idempotent for any IPv4 or IPv6 network", () => {
    const v4 = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, b]) => `${a}/${b}`);
    const v6 = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, b]) => `${a}/${b}`);
    fc.assert(
      fc.property(fc.oneof(v4, v6, fc.ipV4(), fc.ipV6()), (input) => {
        const once = canonicalCidr(input);
        expect(canonicalCidr(once.cidr)).toEqual(once);
      }),
    );
  });
});

describe("canonical protocol", () => {
  it.each([
    ["tcp", "tcp"],
    ["TCP", "tcp"],
    [6, "tcp"],
    ["6", "tcp"],
    ["udp", "udp"],
    [17, "udp"],
    ["icmp", "icmp"],
    [1, "icmp"],
    ["icmpv6", "ipv6-icmp"],
    [58, "ipv6-icmp"],
    ["112", "vrrp"],
    [200, "200"],
    ["any", null],
    ["ANY", null],
    ["all", null],
    ["-1", null],
    [-1, null],
    [0, null],
    ["0", null],
    ["", null],
    [null, null],
    [undefined, null],
  ] as const)("%p -> %p", (input, expected) => {
    expect(canonicalProtocol(input as never)).toBe(expected);
  });

  it.each([
    ["bogus", 'unknown protocol "bogus"'],
    [256, "protocol number 256 is outside 0-255"],
  ])("rejects %p", (input, message) => {
    expect(() => canonicalProtocol(input)).toThrow(message);
  });

  it("is idempotent", () => {
    const spellings = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom("tcp", "UDP", "Icmp", "any", "ALL", "-1", "", "icmpv6", "gre"),
    );
    fc.assert(fc.property(spellings, (p) => expect(canonicalProtocol(canonicalProtocol(p))).toBe(canonicalProtocol(p))));
  });
});

describe("canonical port range", () => {
  it.each([
    ["tcp", null, null, { min: null, max: null }],
    ["tcp", 0, 0, { min: null, max: null }],
    ["tcp", 1, 65535, { min: null, max: null }],
    ["tcp", 22, 22, { min: 22, max: 22 }],
    ["tcp", 22, undefined, { min: 22, max: 22 }],
    ["udp", 1000, 2000, { min: 1000, max: 2000 }],
    ["icmp", 8, 0, { min: 8, max: 0 }],
    ["icmp", null, null, { min: null, max: null }],
    [null, null, null, { min: null, max: null }],
    [null, 1, 65535, { min: null, max: null }],
  ] as const)("%p %p-%p", (protocol, min, max, expected) => {
    expect(canonicalPortRange(protocol, min, max)).toEqual(expected);
  });

  it.each([
    ["tcp", 30, 20, "port range 30-20 is reversed: the first port must not exceed the last"],
    ["tcp", 0, 80, "port 0 must be an integer 1-65535"],
    ["tcp", 1, 70000, "port 70000 must be an integer 1-65535"],
    [null, 22, 22, 'ports 22-22 need a protocol such as tcp or udp (ports mean nothing for "any")'],
    ["gre", 22, 22, "protocol gre has no ports; remove the port range"],
    ["icmp", 300, 0, "ICMP type 300 must be 0-255"],
    ["icmp", null, 3, "ICMP code 3 needs an ICMP type (portRangeMin)"],
  ] as const)("rejects %p %p-%p", (protocol, min, max, message) => {
    expect(canonicalPortRange(protocol, min, max)).toBe(message);
  });
});

describe("canonical rules", () => {
  const protocolSpellings: Record<string, (string | number)[]> = {
    tcp: ["tcp", "TCP", 6, "6"],
    udp: ["udp", "Udp", 17, "17"],
    any: ["any", "ALL", -1, "0", ""],
  };
  const allPorts = [
    [undefined, undefined],
    [0, 0],
    [1, 65535],
  ] as const;

  it("equal rules written differently compare equal", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("tcp", "udp", "any"),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(["10.0.0.7/24", "10.0.0.0/24"], ["10.1.2.3", "10.1.2.3/32"], [undefined, "0.0.0.0/0"], ["5.6.7.8/0", undefined]),
        (p, i, j, pa, pb, cidrs) => {
          const spell = protocolSpellings[p];
          const a = InlineRule.parse(
            clean({
              direction: "ingress",
              protocol: spell[i % spell.length],
              portRangeMin: allPorts[pa][0],
              portRangeMax: allPorts[pa][1],
              remoteIpPrefix: cidrs[0],
            }),
          );
          const b = InlineRule.parse(
            clean({
              direction: "ingress",
              protocol: spell[j % spell.length],
              portRangeMin: allPorts[pb][0],
              portRangeMax: allPorts[pb][1],
              remoteIpPrefix: cidrs[1],
            }),
          );
          expect(ruleKey(a)).toBe(ruleKey(b));
        },
      ),
    );
  });

  it("canonical form is a fixed point", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("tcp", 6, "udp", "icmp", "any", 47),
        fc.option(fc.integer({ min: 1, max: 65535 })),
        fc.ipV4(),
        (protocol, port, ip) => {
          const ported = protocol === "tcp" || protocol === 6 || protocol === "udp";
          const once = InlineRule.parse(
            clean({ direction: "egress", protocol, portRangeMin: ported ? (port ?? undefined) : undefined, remoteIpPrefix: ip }),
          );
          expect(InlineRule.parse(once)).toEqual(once);
        },
      ),
    );
  });
});

function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}
