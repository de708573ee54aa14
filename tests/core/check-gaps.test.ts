import { checkInputs } from "../../provider/core/check";
import { connect as genesisConnect } from "../../provider/genesiscloud/connection";
import * as genesis from "../../provider/genesiscloud/inputs";
import * as huawei from "../../provider/huaweicloud/inputs";
import * as nova from "../../provider/huaweicloud/nova/inputs";
import * as nhn from "../../provider/neutron/inputs";
import * as scaleway from "../../provider/scaleway/inputs";
import { setEnv } from "../helpers/emulator";

// Issue 11 item 5: inputs that passed check and then failed in the cloud, and check messages that hid or misnamed fields.

const SG = "877b092c-2a31-4509-8d23-deeb02d95633";
type Schema = Parameters<typeof checkInputs>[0];
const failures = (schema: Schema, news: Record<string, unknown>) => checkInputs(schema, news).failures;

describe("input the clouds refuse is refused by check, naming the field", () => {
  it.each([
    ["nhn/openstack", nhn.SecurityGroupInputs, { name: "   " }],
    ["scaleway", scaleway.SecurityGroupInputs, { name: " \t " }],
    ["huaweicloud/nova", nova.SecurityGroupInputs, { name: "  ", description: "" }],
    ["genesiscloud", genesis.SecurityGroupInputs, { name: "\n" }],
  ])("%s: a whitespace-only name", (_cloud, schema, news) => {
    expect(failures(schema, news)).toEqual([
      { property: "name", reason: `must not be blank (only whitespace) (got ${JSON.stringify(news.name)})` },
    ]);
  });

  it("huaweicloud/nova: a group name or id longer than Nova takes", () => {
    const [failure] = failures(nova.ServerSecurityGroupInputs, { serverId: SG, securityGroupName: "g".repeat(256) });
    expect(failure.property).toBe("securityGroupName");
    expect(failure.reason).toMatch(/^must be at most 255 characters \(a Nova group name or id\) \(got "g{79}… \(258 characters\)\)$/);
  });

  it("genesiscloud: a region outside the API's list", () => {
    expect(failures(genesis.SecurityGroupInputs, { name: "g", region: "EU-MARS-1" })).toEqual([
      {
        property: "region",
        reason:
          'must be one of the regions the API lists: EUC-DE-MUC-1, EUW-GB-MNC-1, EUW-NL-AMS-1, NA-CA-FTS-1, NA-CA-MNZ-1, NA-CA-PRG-1, NORD-NO-KRS-1, ARC-IS-HAF-1 (got "EU-MARS-1")',
      },
    ]);
    expect(failures(genesis.SecurityGroupInputs, { name: "g", region: "NORD-NO-KRS-1" })).toEqual([]);
  });

  it.each(["ipv6-icmp", "icmpv6", "58", "ipv6-frag", "ipv6-route", "ipv6-opts", "ipv6-nonxt", "ipv6-encap"])(
    "neutron: IPv6-only protocol %s without IPv6",
    (protocol) => {
      const [failure] = failures(nhn.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "ingress", protocol });
      expect(failure.property).toBe("protocol");
      expect(failure.reason).toMatch(/is an IPv6 protocol: it needs ethertype "IPv6"/);
      expect(failures(nhn.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "ingress", protocol, ethertype: "IPv6" })).toEqual([]);
    },
  );
});

describe("canonical protocol per IP family (what Neutron stores)", () => {
  it.each([
    ["icmp", "IPv6", "ipv6-icmp"],
    ["ICMP", "ipv6", "ipv6-icmp"],
    [1, "IPv6", "ipv6-icmp"],
    ["icmpv6", "IPv6", "ipv6-icmp"],
    ["icmp", "IPv4", "icmp"],
    [1, "IPv4", "icmp"],
  ])("%s with %s is stored as %s", (protocol, ethertype, stored) => {
    const parsed = nhn.SecurityGroupRuleInputs.parse({ securityGroupId: SG, direction: "ingress", protocol, ethertype });
    expect(parsed.protocol).toBe(stored);
  });

  it("an IPv6 CIDR makes icmp IPv6 and so ipv6-icmp, inline too", () => {
    const group = nhn.SecurityGroupInputs.parse({
      name: "g",
      rules: [{ direction: "ingress", protocol: "icmp", remoteIpPrefix: "2001:db8::/32" }],
    });
    expect(group.rules![0]).toMatchObject({ ethertype: "IPv6", protocol: "ipv6-icmp", remoteIpPrefix: "2001:db8::/32" });
  });
});

describe("every bad field is reported, under its own name, with its own value", () => {
  it.each([
    [
      "neutron",
      nhn.SecurityGroupRuleInputs,
      { securityGroupId: SG, direction: "ingress", protocol: "tcp", portRangeMin: 80, portRangeMax: 70000 },
      "portRangeMax",
      70000,
    ],
    [
      "neutron reversed",
      nhn.SecurityGroupRuleInputs,
      { securityGroupId: SG, direction: "ingress", protocol: "tcp", portRangeMin: 90, portRangeMax: 80 },
      "portRangeMax",
      80,
    ],
    [
      "neutron icmp code",
      nhn.SecurityGroupRuleInputs,
      { securityGroupId: SG, direction: "ingress", protocol: "icmp", portRangeMin: 8, portRangeMax: 300 },
      "portRangeMax",
      300,
    ],
    [
      "genesis",
      genesis.SecurityGroupRuleInputs,
      { securityGroupId: SG, direction: "ingress", protocol: "tcp", portRangeMin: 90, portRangeMax: 80 },
      "portRangeMax",
      80,
    ],
    [
      "scaleway",
      scaleway.SecurityGroupRuleInputs,
      {
        securityGroupId: SG,
        direction: "inbound",
        action: "accept",
        protocol: "TCP",
        ipRange: "10.0.0.0/8",
        destPortFrom: 90,
        destPortTo: 80,
      },
      "destPortTo",
      80,
    ],
    ["nova", nova.SecurityGroupRuleInputs, { parentGroupId: SG, ipProtocol: "tcp", fromPort: 22, toPort: 70000 }, "toPort", 70000],
    ["nova reversed", nova.SecurityGroupRuleInputs, { parentGroupId: SG, ipProtocol: "tcp", fromPort: 90, toPort: 80 }, "toPort", 80],
  ])("%s: a bad last port is reported under its own field", (_what, schema, news, property, value) => {
    const found = failures(schema, news);
    expect(found).toHaveLength(1);
    expect(found[0].property).toBe(property);
    expect(found[0].reason).toMatch(new RegExp(`\\(got ${value}\\)$`));
  });

  it("a bad field no longer hides the cross-field rules of its rule", () => {
    expect(
      failures(nhn.SecurityGroupRuleInputs, {
        securityGroupId: SG,
        direction: "inbound",
        protocol: "tcp",
        portRangeMin: 90,
        portRangeMax: 80,
      }),
    ).toEqual([
      { property: "direction", reason: 'must be "ingress" or "egress" (got "inbound")' },
      { property: "portRangeMax", reason: "port range 90-80 is reversed: the first port must not exceed the last (got 80)" },
    ]);
    expect(
      failures(nhn.SecurityGroupRuleInputs, { securityGroupId: "nope", direction: "ingress", protocol: "tcpx", portRangeMin: 99999 }),
    ).toEqual([
      {
        property: "securityGroupId",
        reason: 'must be a security group id, a UUID such as 877b092c-2a31-4509-8d23-deeb02d95633 (got "nope")',
      },
      {
        property: "protocol",
        reason: 'unknown protocol "tcpx"; use a name such as tcp, udp, icmp, a number 0-255, or "any" (got "tcpx")',
      },
      { property: "portRangeMin", reason: "port 99999 must be an integer 1-65535 (got 99999)" },
    ]);
    expect(
      failures(nhn.SecurityGroupInputs, {
        name: "g",
        rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 90, portRangeMax: 80, colour: "red" }],
      }).map((f) => f.property),
    ).toEqual(["rules.0.colour", "rules.0.portRangeMax"]);
  });

  it("a consequence of a bad field is not reported as a second problem", () => {
    // With the protocol set aside, "ports need a protocol" would be an echo of the protocol's own failure.
    expect(
      failures(nhn.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "ingress", protocol: "tcpx", portRangeMin: 22 }).map(
        (f) => f.property,
      ),
    ).toEqual(["protocol"]);
  });

  it("long values are cut in messages (a 10 MB name is not echoed whole)", () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const [name] = failures(nhn.SecurityGroupInputs, { name: huge });
    expect(name.reason).toBe(`must be at most 255 characters (got "${"x".repeat(79)}… (10485762 characters))`);
    const [protocol] = failures(nhn.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "ingress", protocol: huge });
    expect(protocol.reason.length).toBeLessThan(400);
    const [multiport] = failures(huawei.SecurityGroupRuleInputs, {
      securityGroupId: SG,
      direction: "ingress",
      protocol: "tcp",
      multiport: huge,
    });
    expect(multiport.property).toBe("multiport");
    expect(multiport.reason.length).toBeLessThan(400);
  });
});

describe("a Genesis region setting outside the API's list fails before any call, naming the setting", () => {
  it("GENESISCLOUD_REGION", () => {
    const restore = setEnv({ GENESISCLOUD_TOKEN: "t0ken-for-test", GENESISCLOUD_REGION: "EU-MARS-1" });
    try {
      expect(() => genesisConnect()).toThrow(
        /^Genesis Cloud configuration failed: GENESISCLOUD_REGION \(or `pulumi config set secgroups:genesiscloudRegion \.\.\.`\) must be one of the regions the API lists \(EUC-DE-MUC-1, .*\), not "EU-MARS-1"; it comes from environment variable GENESISCLOUD_REGION$/,
      );
    } finally {
      restore();
    }
  });
});
