import type * as pulumi from "@pulumi/pulumi";
import { segment } from "../../provider/core/api-path";
import { createHttpClient } from "../../provider/core/http";
import * as genesis from "../../provider/genesiscloud/provider";
import * as huawei from "../../provider/huaweicloud/provider";
import { listServerGroups } from "../../provider/huaweicloud/nova/api-client";
import * as nova from "../../provider/huaweicloud/nova/provider";
import * as nhn from "../../provider/nhn/provider";
import { securityGroupRuleProvider as scalewayRules } from "../../provider/scaleway/rule-provider";
import { startTestEmulator } from "../helpers/emulator";

// Ids go into URL paths: check refuses ids that are not in the API's format, and every id that reaches a path
// goes through one encoder, so `../../../etc` or `a?b=c` can never leave its segment.

const GROUP = "877b092c-2a31-4509-8d23-deeb02d95633";
const HOSTILE = ["../../../etc", "a?b=c", "x/y", "..", "a#b", "not-a-uuid"];
const tcp22 = { direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22 };

const cases: [string, pulumi.dynamic.ResourceProvider, string, Record<string, unknown>][] = [
  ["nhn rule", nhn.securityGroupRuleProvider, "securityGroupId", { ...tcp22 }],
  ["nhn rule remote group", nhn.securityGroupRuleProvider, "remoteGroupId", { securityGroupId: GROUP, ...tcp22 }],
  ["nhn inline remote group", nhn.securityGroupProvider, "rules.0.remoteGroupId", { name: "web" }],
  ["huaweicloud rule", huawei.securityGroupRuleProvider, "securityGroupId", { direction: "ingress", protocol: "tcp", multiport: "22" }],
  ["huaweicloud rule remote group", huawei.securityGroupRuleProvider, "remoteGroupId", { securityGroupId: GROUP, direction: "ingress" }],
  [
    "huaweicloud rule remote address group",
    huawei.securityGroupRuleProvider,
    "remoteAddressGroupId",
    { securityGroupId: GROUP, direction: "ingress" },
  ],
  ["nova rule", nova.securityGroupRuleProvider, "parentGroupId", { ipProtocol: "tcp", fromPort: 22, toPort: 22 }],
  [
    "nova rule source group",
    nova.securityGroupRuleProvider,
    "groupId",
    { parentGroupId: GROUP, ipProtocol: "tcp", fromPort: 22, toPort: 22 },
  ],
  ["nova server attachment", nova.serverSecurityGroupProvider, "serverId", { securityGroupName: "web" }],
  ["scaleway rule", scalewayRules, "securityGroupId", { protocol: "TCP", direction: "inbound", action: "accept", ipRange: "10.0.0.0/8" }],
  [
    "genesiscloud rule",
    genesis.securityGroupRuleProvider,
    "securityGroupId",
    { protocol: "tcp", direction: "ingress", portRangeMin: 22, portRangeMax: 22 },
  ],
];

describe("check refuses ids that are not UUIDs, naming the field", () => {
  it.each(cases.flatMap(([name, provider, field, rest]) => HOSTILE.map((id) => [name, id, provider, field, rest] as const)))(
    "%s: %s",
    async (_name, id, provider, field, rest) => {
      const news = field === "rules.0.remoteGroupId" ? { ...rest, rules: [{ ...tcp22, remoteGroupId: id }] } : { ...rest, [field]: id };
      const failures = (await provider.check!({}, news)).failures ?? [];
      const reason = failures.find((f) => f.property === field)?.reason ?? "(no failure for the field)";
      expect(reason.startsWith("must be a")).toBe(true);
      expect(reason).toContain("id, a UUID such as 877b092c-2a31-4509-8d23-deeb02d95633");
      expect(reason.endsWith(`(got ${JSON.stringify(id)})`)).toBe(true);
    },
  );

  it.each(cases.filter(([, , field]) => !field.startsWith("rules.")))("%s: a UUID passes", async (_name, provider, field, rest) => {
    const failures = (await provider.check!({}, { ...rest, [field]: GROUP })).failures ?? [];
    expect(failures.filter((f) => f.property === field)).toEqual([]);
  });
});

describe("segment() is the one encoder of path values", () => {
  it.each([
    ["../../../etc", "..%2F..%2F..%2Fetc"],
    ["a?b=c", "a%3Fb%3Dc"],
    ["a#b", "a%23b"],
    ["%2e%2e", "%252e%252e"],
    [GROUP, GROUP],
  ])("%s -> %s", (value, encoded) => {
    expect(segment(value)).toBe(encoded);
  });

  it.each(["", ".", ".."])("refuses %j, which a URL resolves as a path step", (value) => {
    expect(() => segment(value)).toThrow(`"${value}" cannot be a path segment`);
  });

  it("a hostile server id stays inside its segment on the wire (was GET /etc/os-security-groups)", async () => {
    const emu = await startTestEmulator({ clouds: ["huaweicloudNova"] });
    try {
      const client = createHttpClient({
        cloud: "test",
        baseUrl: emu.url("huaweicloudNova"),
        parseError: (_s, b) => ({ message: JSON.stringify(b) }),
        retry: { limit: 0 },
      });
      for (const id of ["../../../etc", "a?b=c"]) await listServerGroups(client, "p", id).catch(() => undefined);
      const logged = ((await (await fetch(`${emu.url("huaweicloudNova")}/_emulator/requests`)).json()) as { path: string }[]).map(
        (r) => r.path,
      );
      expect(logged).toEqual(["/v2.1/p/servers/..%2F..%2F..%2Fetc/os-security-groups", "/v2.1/p/servers/a%3Fb%3Dc/os-security-groups"]);
    } finally {
      await emu.close();
    }
  });

  it("the HTTP client refuses a path with a query, fragment or dot segment that bypassed segment()", async () => {
    const client = createHttpClient({ cloud: "test", baseUrl: "http://127.0.0.1:1", parseError: () => ({ message: "" }) });
    for (const path of ["/v2.0/security-groups/../../etc", "/v2.0/security-groups/a?b=c", "/x#y"]) {
      await expect(client.request({ operation: "probe", method: "GET", path })).rejects.toThrow(
        "refusing to send a request to the unsafe path",
      );
    }
  });
});
