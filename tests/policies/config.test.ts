// Config: defaults applied in code, JSON Schema per policy, exemptions, the pack-level config file.
import { configSchemaFor, resolveConfig } from "../../policies/engine/config";
import { findExemption } from "../../policies/engine/exemptions";
import { packConfigFrom } from "../../policies/pack-config";
import { policies } from "../../policies/policy-list";
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { TOKENS } from "../../policies/type-tokens";
import { remediate, runResource } from "./harness";

const ssh = { securityGroupId: "sg", direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "0.0.0.0/0" };
const VIOLATION = "Admin ports are open to the world: tcp/22 (IPv4) via the rule.";

describe("policy metadata", () => {
  it.each(policies.map((p) => [p.name, p] as const))("%s has a kebab-case name, one sentence, severity, remediation and a schema with defaults", (name, p) => {
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(p.description).toMatch(/^Checks that [^.]*(\.[^ ][^.]*)*\.$/);
    expect(["low", "medium", "high", "critical"]).toContain(p.severity);
    expect(p.remediationSteps!.length).toBeGreaterThan(20);
    const props = p.configSchema!.properties!;
    expect(props.exemptions).toMatchObject({ default: [], type: "array" });
    for (const [k, v] of Object.entries(props)) expect([k, (v as { default?: unknown }).default !== undefined]).toEqual([k, true]);
  });
});

describe("config", () => {
  it("applies defaults when the engine sends nothing", () => {
    const cfg = resolveConfig({});
    expect([cfg.adminPorts, cfg.authorizedPublicPorts, cfg.broadPrefixV4, cfg.maxPortRangeSize, cfg.exemptions])
      .toEqual([["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"], ["tcp/80", "tcp/443"], 8, 1024, []]);
  });
  it("rejects a bad port spec with the field and the rule broken", () => {
    expect(() => resolveConfig({ adminPorts: ["ssh"] }, "no-admin-ports-from-world"))
      .toThrow('invalid configuration of policy no-admin-ports-from-world: adminPorts[0] = "ssh": expected tcp/22, udp/53 or tcp/27017-27019 (ports 0-65535)');
  });
  it("emits a JSON Schema without zod-specific keys", () => {
    expect(configSchemaFor(["broadPrefixV4"])).toEqual({ properties: { broadPrefixV4: expect.objectContaining({ type: "integer", default: 8, minimum: 1, maximum: 32 }) } });
  });
});

describe("exemptions", () => {
  const urn = `urn:pulumi:dev::secgroups::${TOKENS.nhnSecurityGroupRule}::bastion-ssh`;
  it.each<[string, Record<string, unknown>, { violations: string[]; notApplicable?: string }]>([
    ["an active exemption by name pattern skips the resource", { resource: "bastion-.*", reason: "bastion, SEC-1" }, { violations: [], notApplicable: "exempted: bastion, SEC-1" }],
    ["an exemption with a future expiry applies", { urn, reason: "migration", expires: "2999-12-31" }, { violations: [], notApplicable: "exempted until 2999-12-31: migration" }],
    ["an expired exemption stops applying and says so", { urn, reason: "migration", expires: "2026-01-01" },
      { violations: [`${VIOLATION} The exemption "migration" expired on 2026-01-01 and no longer applies.`] }],
    ["an exemption for other policies does not apply", { resource: "bastion-ssh", policies: ["no-icmp-from-world"], reason: "x" }, { violations: [VIOLATION] }],
    ["a name pattern must match the whole name", { resource: "bastion", reason: "x" }, { violations: [VIOLATION] }],
  ])("%s", async (_t, exemption, expected) => {
    expect(await runResource(noAdminPortsFromWorld, TOKENS.nhnSecurityGroupRule, ssh, { exemptions: [exemption] }, "bastion-ssh")).toEqual(expected);
  });
  it("the expiry day itself still applies", () => {
    expect(findExemption([{ resource: "a", reason: "r", expires: "2026-11-22" }], "p", "a", "u", "2026-11-22").active).toBeDefined();
    expect(findExemption([{ resource: "a", reason: "r", expires: "2026-11-21" }], "p", "a", "u", "2026-11-22").expired).toHaveLength(1);
  });
});

describe("pack-level config file", () => {
  it("copies shared keys into every policy that declares them, per-policy blocks win", () => {
    const cfg = packConfigFrom(policies, { shared: { trustedSourceCidrs: ["203.0.113.0/24"], maxPortRangeSize: 10 }, "no-wide-port-ranges": { maxPortRangeSize: 20 } });
    expect(cfg["no-wide-port-ranges"]).toEqual({ enforcementLevel: "advisory", trustedSourceCidrs: ["203.0.113.0/24"], maxPortRangeSize: 20 });
    expect(cfg["no-admin-ports-from-world"]).toEqual({ enforcementLevel: "mandatory", trustedSourceCidrs: ["203.0.113.0/24"] });
    expect(cfg["scaleway-stateful"]).toBeUndefined();
  });
});

describe("remediation of no-admin-ports-from-world", () => {
  it.each<[string, string, Record<string, unknown>, Record<string, unknown> | undefined]>([
    ["narrows an NHN rule open only on 22", TOKENS.nhnSecurityGroupRule, ssh, { ...ssh, remoteIpPrefix: "203.0.113.10/32" }],
    ["narrows a Scaleway rule", TOKENS.scalewaySecurityGroupRule, { securityGroupId: "sg", protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 3389 },
      { securityGroupId: "sg", protocol: "TCP", direction: "inbound", action: "accept", ipRange: "203.0.113.10/32", destPortFrom: 3389 }],
    ["leaves a rule that also opens 80 alone", TOKENS.nhnSecurityGroupRule, { ...ssh, portRangeMin: 22, portRangeMax: 80 }, undefined],
    ["leaves an IPv6 rule alone when only an IPv4 admin CIDR is set", TOKENS.nhnSecurityGroupRule, { ...ssh, ethertype: "IPv6", remoteIpPrefix: "::/0" }, undefined],
    ["leaves groups alone", TOKENS.nhnSecurityGroup, { name: "g", rules: [ssh] }, undefined],
  ])("%s", async (_t, type, props, expected) => {
    expect(await remediate(noAdminPortsFromWorld, type, props, { adminSourceCidrs: ["203.0.113.10"] })).toEqual(expected);
  });
});
