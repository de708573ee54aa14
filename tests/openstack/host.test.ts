import { TOKENS } from "../../provider/core/type-tokens";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { HostError, ProviderHost, serializedProvider, urnOf } from "../helpers/provider-host";
import { OPENSTACK_KINDS } from "../../provider/openstack/kinds";
import { rulesOf } from "../helpers/stored-rules";

// The openstack profile inside the real @pulumi/pulumi dynamic-provider host, loaded from the `__provider`
// text as the engine stores it; credentials arrive through Configure (`secgroups:openstack*` stack config).

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const GROUP = urnOf(TOKENS.openstackSecurityGroup, "web");
const RULE = urnOf(TOKENS.openstackSecurityGroupRule, "ssh");
const NO_OS_ENV = Object.fromEntries(
  [
    "OS_AUTH_URL",
    "OS_USERNAME",
    "OS_PASSWORD",
    "OS_PROJECT_NAME",
    "OS_PROJECT_ID",
    "OS_TENANT_ID",
    "OS_TENANT_NAME",
    "OS_USER_DOMAIN_NAME",
    "OS_PROJECT_DOMAIN_NAME",
    "OS_REGION_NAME",
    "SECGROUPS_QUIET",
  ].map((k) => [k, undefined]),
);

let emu: TestEmulator;
let host: ProviderHost;
let groupText: string;
let ruleText: string;
const returned: unknown[] = [];
const keep = <T>(v: T) => (returned.push(v), v);

beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["openstack"] });
  const d = emu.describe().openstack as Record<string, string>;
  host = await ProviderHost.start({ env: NO_OS_ENV });
  await host.configure({
    "secgroups:openstackAuthUrl": d.authUrl,
    "secgroups:openstackUsername": d.username,
    "secgroups:openstackPassword": d.password,
    "secgroups:openstackProjectId": d.projectId,
    "secgroups:openstackUserDomainName": d.userDomainName,
    "secgroups:openstackRegion": d.region,
  });
  groupText = await serializedProvider("openstack:SecurityGroup");
  ruleText = await serializedProvider("openstack:SecurityGroupRule");
});
afterAll(async () => {
  host?.close();
  await emu.close();
});

describe("openstack resources in the real dynamic-provider host", () => {
  it("checks inputs: canonical IPv6, one failure per bad field, unknowns pass", async () => {
    const ok = keep(
      await host.check(
        GROUP,
        {},
        {
          __provider: groupText,
          name: "web",
          rules: [{ direction: "ingress", protocol: 6, portRangeMin: 22, remoteIpPrefix: "2001:DB8::9/32" }],
        },
      ),
    );
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.rules[0]).toMatchObject({ protocol: "tcp", ethertype: "IPv6", remoteIpPrefix: "2001:db8::/32" });
    const bad = await host.check(
      GROUP,
      {},
      { __provider: groupText, name: "", rules: [{ direction: "ingress", ethertype: "IPv4", remoteIpPrefix: "::/0" }] },
    );
    expect(bad.failures).toEqual([
      { property: "name", reason: 'is required (got "")' },
      { property: "rules.0.remoteIpPrefix", reason: '::/0 is an IPv6 network but ethertype is IPv4 (got "::/0")' },
    ]);
    expect((await host.check(GROUP, {}, { __provider: groupText, name: UNKNOWN })).failures).toEqual([]);
  });

  it("creates, diffs, updates, reads and deletes a group", async () => {
    const checked = (
      await host.check(
        GROUP,
        {},
        {
          __provider: groupText,
          name: "web",
          rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22, remoteIpPrefix: "::/0" }],
        },
      )
    ).inputs;
    const { id, outs } = keep(await host.create(GROUP, checked));
    expect(outs.__provider).toBe(groupText);
    expect(outs.securityGroupRules).toHaveLength(1);
    const news = (
      await host.check(GROUP, outs, {
        __provider: groupText,
        name: "web-2",
        rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 443 }],
      })
    ).inputs;
    expect(await host.diff(GROUP, id, outs, news)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = keep(await host.update(GROUP, id, outs, news));
    expect(rulesOf(OPENSTACK_KINDS.group, updated.outs)!.map((r: any) => [r.ethertype, r.portRangeMin])).toEqual([["IPv4", 443]]);
    const read = keep(await host.read(GROUP, id, updated.outs));
    expect(read.outs.name).toBe("web-2");
    await host.delete(GROUP, id, updated.outs);
    expect((await host.read(GROUP, id, updated.outs)).id).toBe("");
  });

  it("a rule change that would collide deletes before replacing", async () => {
    const sg = await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "for-rules" })).inputs);
    const olds = (
      await host.check(
        RULE,
        {},
        { __provider: ruleText, securityGroupId: sg.id, direction: "ingress", protocol: "tcp", portRangeMin: 22, remoteIpPrefix: "::/0" },
      )
    ).inputs;
    const rule = keep(await host.create(RULE, olds));
    expect(rule.outs).toMatchObject({ ethertype: "IPv6", remoteIpPrefix: "::/0" });
    const news = (await host.check(RULE, rule.outs, { ...olds, description: "ssh" })).inputs;
    expect(await host.diff(RULE, rule.id, rule.outs, news)).toEqual({
      changes: "some",
      replaces: ["description"],
      deleteBeforeReplace: true,
    });
  });

  it("reports a group whose rules could not be applied as partially created, keeping its id", async () => {
    await emu.fault("openstack", { method: "POST", path: "security-group-rules$", status: 500, count: 2 });
    const checked = (
      await host.check(
        GROUP,
        {},
        {
          __provider: groupText,
          name: "half",
          rules: [
            { direction: "ingress", protocol: "tcp", portRangeMin: 80 },
            { direction: "ingress", protocol: "tcp", portRangeMin: 81 },
          ],
        },
      )
    ).inputs;
    const error = (await host.create(GROUP, checked).catch((e) => e)) as HostError;
    expect(error.initFailed?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.initFailed?.reasons[0]).toContain("(POST /v2.0/security-group-rules -> 500)");
  });

  it("never returns or logs a credential or token", async () => {
    const d = emu.describe().openstack as Record<string, string>;
    const tokens = Object.keys((await emu.state("openstack")).tokens);
    expect(tokens.length).toBeGreaterThan(0);
    const everything = JSON.stringify(returned) + host.logs;
    for (const secret of [d.password, ...tokens]) expect(everything).not.toContain(secret);
  });

  it("keeps the serialized provider small: only the kind is stored", () => {
    expect(groupText.length).toBeLessThan(2048);
    expect(groupText).toContain('k: "openstack:SecurityGroup"');
  });
});
