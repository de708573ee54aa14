// The engine's primitives: CIDR sets as networks, port lists, protocol spellings.
import fc from "fast-check";
import { contains, parseCidr, PUBLIC, setOf, subtract, union, world } from "../../policies/engine/cidr-set";
import { parsePortList, parsePortSpec, portSubtract, portUnion } from "../../policies/engine/port-set";
import { normaliseProtocol } from "../../policies/engine/protocol";
import { normalise } from "../../policies/engine/normalise";
import { sameJson } from "../../policies/engine/same-json";
import { TOKENS } from "../../policies/type-tokens";

describe("cidr-set", () => {
  it.each([
    ["1.2.3.4/0", "0.0.0.0/0"],
    ["10.0.0.5/24", "10.0.0.0/24"],
    ["8.8.8.8", "8.8.8.8/32"],
    ["2001:DB8::1/32", "2001:db8::/32"],
    ["0000:0000:0000:0000:0000:0000:0000:0000/0", "::/0"],
    ["::1", "::1/128"],
  ])("canonicalises %s as %s", (text, canonical) => {
    expect(parseCidr(text)?.canonical).toBe(canonical);
  });
  it.each(["", "300.1.1.1/8", "10.0.0.0/33", "abc"])("rejects %j", (text) => expect(parseCidr(text)).toBeUndefined());
  it("0.0.0.0/1 + 128.0.0.0/1 is the world", () => {
    expect(setOf(["0.0.0.0/1", "128.0.0.0/1"], "v4")).toEqual(world("v4"));
  });
  it("the public space excludes private ranges and includes the rest", () => {
    expect(contains(PUBLIC.v4, setOf(["10.0.0.0/8"], "v4"))).toBe(false);
    expect(contains(PUBLIC.v4, setOf(["8.8.8.0/24", "1.0.0.0/8"], "v4"))).toBe(true);
    expect(contains(PUBLIC.v6, setOf(["2a00::/16"], "v6"))).toBe(true);
    expect(contains(PUBLIC.v6, setOf(["fd00::/8"], "v6"))).toBe(false);
  });
  it("union and subtract are inverse on disjoint sets (property)", () => {
    const cidr = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 32 }))
      .map(([a, b, p]) => `${a}.${b}.0.0/${p}`);
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 6 }), fc.array(cidr, { maxLength: 6 }), (xs, ys) => {
        const a = setOf(xs, "v4");
        const b = setOf(ys, "v4");
        const u = union(a, b);
        expect(contains(u, a) && contains(u, b)).toBe(true);
        expect(union(subtract(u, b), b)).toEqual(u);
        expect(subtract(a, u)).toEqual([]);
      }),
    );
  });
});

describe("port-set", () => {
  it.each<[string, [number, number][] | undefined]>([
    ["22", [[22, 22]]],
    ["1-30", [[1, 30]]],
    [
      "22,3389,80",
      [
        [22, 22],
        [80, 80],
        [3389, 3389],
      ],
    ],
    [
      "22, 3389, 80",
      [
        [22, 22],
        [80, 80],
        [3389, 3389],
      ],
    ],
    ["8000 - 9000, 8500", [[8000, 9000]]],
    ["22,23", [[22, 23]]],
    ["x", undefined],
    ["30-1", undefined],
    ["70000", undefined],
    ["", undefined],
  ])("parses the multiport %j", (text, expected) => expect(parsePortList(text)).toEqual(expected));
  it("subtracts and merges ranges", () => {
    expect(
      portSubtract(
        [[1, 65535]],
        [
          [80, 80],
          [443, 443],
        ],
      ),
    ).toEqual([
      [1, 79],
      [81, 442],
      [444, 65535],
    ]);
    expect(
      portUnion(
        [[1, 10]],
        [
          [11, 20],
          [30, 40],
        ],
      ),
    ).toEqual([
      [1, 20],
      [30, 40],
    ]);
  });
  it("rejects a bad port spec", () => {
    expect(() => parsePortSpec("tcp/30-1")).toThrow('invalid port spec "tcp/30-1": range must be ascending within 0-65535');
  });
});

describe("protocol", () => {
  it.each([
    [undefined, "all"],
    [null, "all"],
    ["", "all"],
    ["any", "all"],
    ["ANY", "all"],
    ["all", "all"],
    ["-1", "all"],
    [-1, "all"],
    ["0", "all"],
    [0, "all"],
    ["tcp", "tcp"],
    ["TCP", "tcp"],
    ["6", "tcp"],
    [6, "tcp"],
    ["udp", "udp"],
    ["17", "udp"],
    ["icmp", "icmp"],
    ["ipv6-icmp", "icmpv6"],
    ["gre", "p47"],
    ["47", "p47"],
  ])("%j is %s", (input, expected) => expect(normaliseProtocol(input)).toBe(expected));
});

describe("normalise reuses the last resource's result only for equal props", () => {
  const rule = () => ({
    securityGroupId: "sg",
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: "0.0.0.0/0",
  });
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
    [null, {}, false],
    ["1", 1, false],
  ])("sameJson(%j, %j) is %s", (a, b, expected) => expect(sameJson(a, b)).toBe(expected));
  it("equal props from another deserialisation give the same result; a changed prop does not", () => {
    const a = normalise(TOKENS.nhnSecurityGroupRule, rule());
    expect(normalise(TOKENS.nhnSecurityGroupRule, rule())).toBe(a);
    expect(normalise(TOKENS.nhnSecurityGroupRule, { ...rule(), remoteIpPrefix: "10.0.0.0/8" })!.rules[0].peerText).toBe("10.0.0.0/8");
    expect(normalise(TOKENS.openstackSecurityGroupRule, rule())).not.toBe(a);
  });
});
