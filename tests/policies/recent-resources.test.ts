// One normalisation per resource while the SDK interleaves the policies of concurrent Analyze requests,
// and the same decisions as when the requests come one at a time.
import { resolveConfig } from "../../policies/engine/config";
import { normalise } from "../../policies/engine/normalise";
import { RecentResources } from "../../policies/engine/recent-resources";
import { policies } from "../../policies/policy-list";
import { TOKENS } from "../../policies/type-tokens";
import { UNKNOWN, urnOf } from "./harness";

const ap = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
// @internal in @pulumi/policy, exported at runtime: the handler the analyzer serves for Analyze.
const { makeAnalyzeRpcFun } = require("@pulumi/policy/server") as {
  makeAnalyzeRpcFun(
    pack: string,
    version: string,
    level: string,
    policies: unknown[],
  ): (call: unknown, cb: (e: Error | null, r: any) => void) => void;
};

const nhnRule = (source: string, port = 22) => ({
  securityGroupId: "sg",
  direction: "ingress",
  protocol: "tcp",
  portRangeMin: port,
  portRangeMax: port,
  remoteIpPrefix: source,
});

describe("RecentResources", () => {
  it("answers for the same URN, type and equal props only", () => {
    const recent = new RecentResources<string>(8, 100);
    recent.set("u1", "t", { a: [1, { b: 2 }] }, "v1");
    expect(recent.get("u1", "t", { a: [1, { b: 2 }] })).toBe("v1");
    expect(recent.get("u1", "t", { a: [1, { b: 3 }] })).toBeUndefined();
    expect(recent.get("u1", "other", { a: [1, { b: 2 }] })).toBeUndefined();
    expect(recent.get("u2", "t", { a: [1, { b: 2 }] })).toBeUndefined();
  });
  it("drops the oldest entries past its entry and weight bounds", () => {
    const recent = new RecentResources<number>(3, 10);
    for (const i of [1, 2, 3, 4]) recent.set(`u${i}`, "t", {}, i);
    expect([1, 2, 3, 4].map((i) => recent.get(`u${i}`, "t", {}))).toEqual([undefined, 2, 3, 4]);
    recent.set("heavy", "t", {}, 5, 9);
    expect([2, 3, 4].map((i) => recent.get(`u${i}`, "t", {}))).toEqual([undefined, undefined, 4]);
    expect([recent.size, recent.get("heavy", "t", {})]).toEqual([2, 5]);
  });
});

describe("normalise with the resource's URN", () => {
  it("returns the first result for equal props after other resources were normalised in between", () => {
    const urn = urnOf(TOKENS.nhnSecurityGroupRule, "interleaved");
    const first = normalise(TOKENS.nhnSecurityGroupRule, nhnRule("0.0.0.0/0"), urn);
    for (let i = 0; i < 40; i++)
      normalise(TOKENS.nhnSecurityGroupRule, nhnRule("10.0.0.0/8", i), urnOf(TOKENS.nhnSecurityGroupRule, `other${i}`));
    expect(normalise(TOKENS.nhnSecurityGroupRule, nhnRule("0.0.0.0/0"), urn)).toBe(first);
  });
  it("normalises again when the same URN comes with other props (preview, then up)", () => {
    const urn = urnOf(TOKENS.nhnSecurityGroupRule, "changed");
    const preview = normalise(TOKENS.nhnSecurityGroupRule, nhnRule(UNKNOWN), urn)!;
    const up = normalise(TOKENS.nhnSecurityGroupRule, nhnRule("0.0.0.0/0"), urn)!;
    expect(preview.unknowns?.map((u) => u.path)).toEqual([["remoteIpPrefix"]]);
    expect([up.unknowns, up.rules[0].peerText]).toEqual([undefined, "0.0.0.0/0"]);
  });
});

describe("resolved config", () => {
  it("policies with the same trusted sources share one world target (exposure is memoised by it)", () => {
    const a = resolveConfig({}, "no-admin-ports-from-world", ["adminPorts", "trustedSourceCidrs", "exemptions"]);
    const b = resolveConfig({}, "only-authorized-public-ports", ["authorizedPublicPorts", "trustedSourceCidrs", "exemptions"]);
    const c = resolveConfig({ trustedSourceCidrs: ["198.51.100.0/24"] }, "no-all-ports-from-world", ["trustedSourceCidrs", "exemptions"]);
    expect(b.worldTarget).toBe(a.worldTarget);
    expect(c.worldTarget).not.toBe(a.worldTarget);
  });
});

describe("the SDK's Analyze handler with requests in flight together", () => {
  // Every cloud's rule spelling, world and private sources, an unknown source, and URNs analyzed twice
  // with different props in the same batch (the cache must not answer one with the other).
  const resources = Array.from({ length: 140 }, (_, i) => {
    const source = ["0.0.0.0/0", "10.0.0.0/8", "::/0", "203.0.113.0/24", UNKNOWN][Math.floor(i / 5) % 5];
    const port = [22, 80, 443, 3306, 6379][Math.floor(i / 25) % 5];
    const name = `r${i % 100}`;
    const v6 = source.includes(":");
    const neutron = { ...nhnRule(source, port), ethertype: v6 ? "IPv6" : "IPv4", ...(i % 3 ? { description: "SEC-1" } : {}) };
    const variants: [string, Record<string, unknown>][] = [
      [TOKENS.nhnSecurityGroupRule, neutron],
      [TOKENS.huaweicloudSecurityGroupRule, { ...neutron, action: i % 2 ? "allow" : "deny", priority: 1 + (i % 100) }],
      [TOKENS.huaweicloudNovaSecurityGroupRule, { parentGroupId: "sg", ipProtocol: "tcp", fromPort: port, toPort: port, cidr: source }],
      [
        TOKENS.scalewaySecurityGroupRule,
        {
          securityGroupId: "sg",
          protocol: "TCP",
          direction: "inbound",
          action: "accept",
          ipRange: source,
          destPortFrom: port,
          position: 1,
        },
      ],
      [
        TOKENS.genesiscloudSecurityGroupRule,
        { securityGroupId: "sg", direction: "ingress", protocol: "tcp", portRangeMin: port, portRangeMax: port },
      ],
    ];
    const [type, props] = variants[i % variants.length];
    return { type, name, props };
  });
  const analyze = makeAnalyzeRpcFun("pulumi-secgroups", "0.1.0", "advisory", policies);
  const request = (r: (typeof resources)[number]) => {
    const req = new ap.AnalyzeRequest();
    req.setType(r.type);
    req.setName(r.name);
    req.setUrn(urnOf(r.type, r.name));
    req.setProperties(Struct.fromJavaScript(r.props));
    req.setOptions(new ap.AnalyzerResourceOptions());
    return req;
  };
  const outcome = async (r: (typeof resources)[number]) => {
    const resp = await new Promise<any>((resolve, reject) => analyze({ request: request(r) }, (e, x) => (e ? reject(e) : resolve(x))));
    return [
      ...resp.getDiagnosticsList().map((d: any) => `${d.getPolicyname()}: ${d.getMessage()}`),
      ...resp.getNotApplicableList().map((n: any) => `${n.getPolicyName()} n/a: ${n.getReason()}`),
    ].sort();
  };

  it("reaches the decisions it reaches one request at a time", async () => {
    const oneByOne: string[][] = [];
    // Each resource under a URN of its own here; in flight together, 40 URNs come twice with other props.
    for (const [i, r] of resources.entries()) oneByOne.push(await outcome({ ...r, name: `alone${i}` }));
    const together = await Promise.all(resources.map(outcome));
    expect(together).toEqual(oneByOne);
    expect(oneByOne.filter((o) => o.length).length).toBeGreaterThan(50);
    expect(oneByOne.flat().some((l) => l.startsWith("values-known-at-preview: can't run policy"))).toBe(true);
  });
});
