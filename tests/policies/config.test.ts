// Config: defaults applied in code, JSON Schema per policy, exemptions, the pack-level config file.
import { configSchemaFor, resolveConfig } from "../../policies/engine/config";
import { findExemption } from "../../policies/engine/exemptions";
import { packConfigFrom } from "../../policies/pack-config";
import { policies } from "../../policies/policy-list";
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { TOKENS } from "../../policies/type-tokens";
import { remediate, runResource } from "./harness";

const ssh = {
  securityGroupId: "sg",
  direction: "ingress",
  protocol: "tcp",
  portRangeMin: 22,
  portRangeMax: 22,
  remoteIpPrefix: "0.0.0.0/0",
};
const VIOLATION = "Admin ports are open to the world: tcp/22 (IPv4) via the rule.";

describe("policy metadata", () => {
  it.each(policies.map((p) => [p.name, p] as const))(
    "%s has a kebab-case name, one sentence, severity, remediation and a schema with defaults",
    (name, p) => {
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.description).toMatch(/^Checks that [^.]*(\.[^ ][^.]*)*\.$/);
      expect(["low", "medium", "high", "critical"]).toContain(p.severity);
      expect(p.remediationSteps!.length).toBeGreaterThan(20);
      const props = p.configSchema!.properties!;
      expect(props.exemptions).toMatchObject({ default: [], type: "array" });
      for (const [k, v] of Object.entries(props)) expect([k, (v as { default?: unknown }).default !== undefined]).toEqual([k, true]);
    },
  );
});

describe("config", () => {
  it("applies defaults when the engine sends nothing", () => {
    const cfg = resolveConfig({});
    expect([cfg.adminPorts, cfg.authorizedPublicPorts, cfg.broadPrefixV4, cfg.maxPortRangeSize, cfg.exemptions]).toEqual([
      ["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"],
      ["tcp/80", "tcp/443"],
      8,
      1024,
      [],
    ]);
  });
  it("rejects a bad port spec with the field and the rule broken", () => {
    expect(() => resolveConfig({ adminPorts: ["ssh"] }, "no-admin-ports-from-world")).toThrow(
      'invalid configuration of policy no-admin-ports-from-world: adminPorts[0] = "ssh": expected tcp/22, udp/53 or tcp/27017-27019 (ports 0-65535)',
    );
  });
  it("emits a JSON Schema without zod-specific keys", () => {
    expect(configSchemaFor(["broadPrefixV4"])).toEqual({
      properties: { broadPrefixV4: expect.objectContaining({ type: "integer", default: 8, minimum: 1, maximum: 32 }) },
    });
  });
});

describe("exemptions", () => {
  const urn = `urn:pulumi:dev::secgroups::${TOKENS.nhnSecurityGroupRule}::bastion-ssh`;
  it.each<[string, Record<string, unknown>, { violations: string[]; notApplicable?: string }]>([
    [
      "an active exemption by name pattern skips the resource",
      { resource: "bastion-.*", reason: "bastion, SEC-1" },
      { violations: [], notApplicable: "exempted: bastion, SEC-1" },
    ],
    [
      "an exemption with a future expiry applies",
      { urn, reason: "migration", expires: "2999-12-31" },
      { violations: [], notApplicable: "exempted until 2999-12-31: migration" },
    ],
    [
      "an expired exemption stops applying and says so",
      { urn, reason: "migration", expires: "2026-01-01" },
      { violations: [`${VIOLATION} The exemption "migration" expired on 2026-01-01 and no longer applies.`] },
    ],
    [
      "an exemption for other policies does not apply",
      { resource: "bastion-ssh", policies: ["no-icmp-from-world"], reason: "x" },
      { violations: [VIOLATION] },
    ],
    ["a name pattern must match the whole name", { resource: "bastion", reason: "x" }, { violations: [VIOLATION] }],
  ])("%s", async (_t, exemption, expected) => {
    expect(await runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroupRule, ssh, { exemptions: [exemption] }, "bastion-ssh")).toEqual(
      expected,
    );
  });
  it("the expiry day itself still applies", () => {
    expect(findExemption([{ resource: "a", reason: "r", expires: "2026-11-22" }], "p", "a", "u", "2026-11-22").active).toBeDefined();
    expect(findExemption([{ resource: "a", reason: "r", expires: "2026-11-21" }], "p", "a", "u", "2026-11-22").expired).toHaveLength(1);
  });
});

describe("pack-level config file", () => {
  it("copies shared keys into every policy that declares them, per-policy blocks win", () => {
    const cfg = packConfigFrom(policies, {
      shared: { trustedSourceCidrs: ["203.0.113.0/24"], maxPortRangeSize: 10 },
      "no-wide-port-ranges": { maxPortRangeSize: 20 },
    });
    expect(cfg["no-wide-port-ranges"]).toEqual({
      enforcementLevel: "advisory",
      trustedSourceCidrs: ["203.0.113.0/24"],
      maxPortRangeSize: 20,
    });
    expect(cfg["no-admin-ports-from-world"]).toEqual({ enforcementLevel: "mandatory", trustedSourceCidrs: ["203.0.113.0/24"] });
    expect(cfg["scaleway-stateful"]).toBeUndefined();
  });
});

describe("remediation of no-admin-ports-from-world", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown> | undefined]>([
    ["narrows an NHN rule open only on 22", TOKENS.nhnSecurityGroupRule, ssh, { ...ssh, remoteIpPrefix: "203.0.113.10/32" }],
    [
      "narrows a Scaleway rule",
      TOKENS.scalewaySecurityGroupRule,
      { securityGroupId: "sg", protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 3389 },
      { securityGroupId: "sg", protocol: "TCP", direction: "inbound", action: "accept", ipRange: "203.0.113.10/32", destPortFrom: 3389 },
    ],
    ["leaves a rule that also opens 80 alone", TOKENS.nhnSecurityGroupRule, { ...ssh, portRangeMin: 22, portRangeMax: 80 }, undefined],
    [
      "leaves an IPv6 rule alone when only an IPv4 admin CIDR is set",
      TOKENS.nhnSecurityGroupRule,
      { ...ssh, ethertype: "IPv6", remoteIpPrefix: "::/0" },
      undefined,
    ],
    ["leaves groups alone", TOKENS.nhnSecurityGroup, { name: "g", rules: [ssh] }, undefined],
  ])("%s", async (_t, type, props, expected) => {
    expect(await remediate(noAdminPortsFromWorld, type, props, { adminSourceCidrs: ["203.0.113.10"] })).toEqual(expected);
  });
});

describe("the whole configuration is validated when the pack is configured", () => {
  const err = (fn: () => unknown): string => {
    try {
      fn();
      return "accepted";
    } catch (e) {
      return (e as Error).message;
    }
  };
  it.each<[string, unknown, string]>([
    [
      "a CIDR with prefix /33 in the shared block (was dropped)",
      { shared: { trustedSourceCidrs: ["10.0.0.0/33"] } },
      'invalid configuration of the pack config\'s shared block: trustedSourceCidrs[0] = "10.0.0.0/33": expected an IPv4 or IPv6 address or CIDR, e.g. 203.0.113.0/24 or 2001:db8::/32',
    ],
    [
      "an IPv6 CIDR that does not parse",
      { "no-admin-ports-from-world": { trustedSourceCidrs: ["2001:db8::1::/48"] } },
      'invalid configuration of policy no-admin-ports-from-world: trustedSourceCidrs[0] = "2001:db8::1::/48": not a valid IPv4 or IPv6 address or CIDR',
    ],
    [
      "a port name (failed only when a resource was analyzed)",
      { "no-admin-ports-from-world": { adminPorts: ["tcp/22", "ssh"] } },
      'invalid configuration of policy no-admin-ports-from-world: adminPorts[1] = "ssh": expected tcp/22, udp/53 or tcp/27017-27019 (ports 0-65535)',
    ],
    [
      "a port beyond 65535",
      { shared: { sensitivePorts: ["tcp/70000"] } },
      'invalid configuration of the pack config\'s shared block: sensitivePorts[0] = "tcp/70000": expected tcp/22, udp/53 or tcp/27017-27019 (ports 0-65535)',
    ],
    [
      "a descending range",
      { "only-authorized-public-ports": { authorizedPublicPorts: ["tcp/443-80"] } },
      'invalid configuration of policy only-authorized-public-ports: authorizedPublicPorts[0] = "tcp/443-80": the range must be ascending, e.g. tcp/27017-27019',
    ],
    [
      "a regular expression that does not compile",
      { "world-rule-justification": { justificationPattern: "[A-Z" } },
      'invalid configuration of policy world-rule-justification: justificationPattern = "[A-Z": not a valid regular expression',
    ],
    [
      "an exemption expiring on a day that does not exist",
      { shared: { exemptions: [{ resource: "a", reason: "r", expires: "2027-02-30" }] } },
      'invalid configuration of the pack config\'s shared block: exemptions[0].expires = "2027-02-30": not a calendar day (YYYY-MM-DD)',
    ],
    [
      "a key the policy does not read",
      { "no-icmp-from-world": { adminPorts: ["tcp/22"] } },
      "invalid configuration of policy no-icmp-from-world: adminPorts is not a setting of this policy (it reads trustedSourceCidrs, exemptions)",
    ],
    [
      "a misspelt shared key",
      { shared: { trustedSourceCidr: ["10.0.0.0/8"] } },
      "invalid configuration of the pack config's shared block: trustedSourceCidr is not a setting of any policy of this pack",
    ],
    [
      "a policy the pack does not have",
      { "no-ssh-from-world": { trustedSourceCidrs: [] } },
      "invalid configuration of policy no-ssh-from-world: no policy of this pack is named no-ssh-from-world",
    ],
    [
      "a bad enforcement level",
      { "no-icmp-from-world": "off" },
      'invalid configuration of policy no-icmp-from-world: enforcement level "off" is not one of advisory, mandatory, remediate, disabled',
    ],
  ])("refuses %s", (_t, json, message) => {
    expect(err(() => packConfigFrom(policies, json))).toContain(message);
  });

  it("at analysis, config from the engine is validated too: an unparseable CIDR or an undeclared key is an error, not ignored", async () => {
    await expect(
      runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroupRule, ssh, { trustedSourceCidrs: ["10.0.0.0/33"] }),
    ).rejects.toThrow('invalid configuration of policy no-admin-ports-from-world: trustedSourceCidrs[0] = "10.0.0.0/33"');
    await expect(
      runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroupRule, ssh, { trustedSourceCidr: ["0.0.0.0/0"] }),
    ).rejects.toThrow("invalid configuration of policy no-admin-ports-from-world: trustedSourceCidr is not a setting of this policy");
  });

  it("every initialConfig entry carries its policy's level; a block may set one", () => {
    const cfg = packConfigFrom(policies, {
      shared: { exemptions: [] },
      "no-icmp-from-world": "disabled",
      "ipv6-parity": { enforcementLevel: "mandatory" },
    });
    const levels = Object.fromEntries(Object.entries(cfg).map(([k, v]) => [k, (v as { enforcementLevel: string }).enforcementLevel]));
    expect(levels).toEqual({
      ...Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel])),
      "no-icmp-from-world": "disabled",
      "ipv6-parity": "mandatory",
    });
  });
});
