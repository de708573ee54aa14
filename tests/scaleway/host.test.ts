import { TOKENS } from "../../provider/core/type-tokens";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { HostError, ProviderHost, serializedProvider, urnOf } from "../helpers/provider-host";
import { GROUP as GROUP_KIND } from "../../provider/scaleway/kinds";
import { rulesOf } from "../helpers/stored-rules";

// The Scaleway provider inside the real @pulumi/pulumi dynamic-provider host, loaded from the `__provider`
// text as the engine stores it; the secret key arrives through Configure (stack config), not the environment.

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET = "5ca1e000-0000-4000-8000-000000000001";
const GROUP = urnOf(TOKENS.scalewaySecurityGroup, "web");
const RULE = urnOf(TOKENS.scalewaySecurityGroupRule, "ssh");
const NO_SCW_ENV = {
  SCW_SECRET_KEY: undefined,
  SCW_ACCESS_KEY: undefined,
  SCW_API_URL: undefined,
  SCW_DEFAULT_PROJECT_ID: undefined,
  SCW_DEFAULT_ZONE: undefined,
  SECGROUPS_QUIET: undefined,
};

let emu: TestEmulator;
let host: ProviderHost;
let groupText: string;
let ruleText: string;
const returned: unknown[] = [];
const keep = <T>(v: T) => (returned.push(v), v);
const tcp = (port: number, ipRange = "0.0.0.0/0") => ({
  protocol: "tcp",
  direction: "inbound",
  action: "accept",
  ipRange,
  destPortFrom: port,
});

beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0" } });
  host = await ProviderHost.start({ env: NO_SCW_ENV });
  await host.configure({
    "secgroups:scalewayApiUrl": emu.url("scaleway"),
    "secgroups:scalewaySecretKey": SECRET,
    "secgroups:scalewayProjectId": "1e5c0000-0000-4000-8000-000000000001",
    "secgroups:scalewayZone": "nl-ams-1",
  });
  groupText = await serializedProvider("scaleway:SecurityGroup");
  ruleText = await serializedProvider("scaleway:SecurityGroupRule");
});
afterAll(async () => {
  host?.close();
  await emu.close();
});

const check = async (urn: string, text: string, news: Record<string, unknown>, olds: Record<string, unknown> = {}) =>
  (await host.check(urn, olds, { __provider: text, ...news })).inputs;

describe("scaleway resources in the real dynamic-provider host", () => {
  it("checks inputs: canonical form, one failure per bad field, unknowns pass", async () => {
    const ok = keep(await host.check(GROUP, {}, { __provider: groupText, name: "web", rules: [tcp(22, "10.0.0.9/8")] }));
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.rules[0]).toEqual({
      protocol: "TCP",
      direction: "inbound",
      action: "accept",
      ipRange: "10.0.0.0/8",
      destPortFrom: 22,
      destPortTo: 22,
    });
    expect(ok.inputs.__provider).toBe(groupText);
    const bad = await host.check(GROUP, {}, { __provider: groupText, name: "", rules: [{ ...tcp(70000), action: "allow" }] });
    expect(bad.failures).toEqual([
      { property: "name", reason: 'is required (got "")' },
      { property: "rules.0.action", reason: 'must be "accept" or "drop" (got "allow")' },
      { property: "rules.0.destPortFrom", reason: "port 70000 must be an integer 1-65535 (got 70000)" },
    ]);
    const preview = await host.check(GROUP, {}, { __provider: groupText, name: UNKNOWN, rules: [{ ...tcp(22), ipRange: UNKNOWN }] });
    expect(preview.failures).toEqual([]);
  });

  it("creates in the configured zone and project, diffs, updates in place, reads and deletes a group", async () => {
    const { id, outs } = keep(await host.create(GROUP, await check(GROUP, groupText, { name: "web", rules: [tcp(22), tcp(443)] })));
    expect(outs).toMatchObject({
      __provider: groupText,
      zone: "nl-ams-1",
      projectId: "1e5c0000-0000-4000-8000-000000000001",
      enableDefaultSecurity: true,
    });
    expect(outs.securityGroupRules).toHaveLength(2);

    const news = await check(GROUP, groupText, { name: "web-2", inboundDefaultPolicy: "drop", rules: [tcp(22), tcp(80), tcp(443)] }, outs);
    expect(keep(await host.diff(GROUP, id, outs, news))).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = keep(await host.update(GROUP, id, outs, news));
    expect(rulesOf(GROUP_KIND, updated.outs)!.map((r: any) => r.destPortFrom)).toEqual([22, 80, 443]);
    expect([updated.outs.securityGroupRules[0].id, updated.outs.securityGroupRules[2].id]).toEqual(
      outs.securityGroupRules.map((r: any) => r.id),
    );

    const moved = await check(GROUP, groupText, { name: "web-2", zone: "fr-par-1", rules: [tcp(22)] }, updated.outs);
    expect(await host.diff(GROUP, id, updated.outs, moved)).toEqual({ changes: "some", replaces: ["zone"], deleteBeforeReplace: false });

    const read = keep(await host.read(GROUP, id, updated.outs));
    expect(read.id).toBe(id);
    expect(read.outs).toMatchObject({ name: "web-2", inboundDefaultPolicy: "drop" });

    await host.delete(GROUP, id, updated.outs);
    expect((await host.read(GROUP, id, updated.outs)).id).toBe("");
  });

  it("imports a group as <zone>/<id> through __adopt (the engine's import Read carries no inputs)", async () => {
    const made = await host.create(GROUP, await check(GROUP, groupText, { name: "legacy", zone: "fr-par-2" }));
    await expect(host.read(GROUP, `fr-par-2/${made.id}`, {})).rejects.toThrow(/code must be a string/);
    const adopted = keep(
      await host.create(GROUP, await check(GROUP, groupText, { name: "legacy", zone: "fr-par-2", __adopt: `fr-par-2/${made.id}` })),
    );
    expect(adopted.id).toBe(made.id);
    expect(adopted.outs).toMatchObject({ zone: "fr-par-2", name: "legacy", stateful: true, tags: [] });
  });

  it("changes a rule resource in place and replaces it only when it moves to another group", async () => {
    const sg = await host.create(GROUP, await check(GROUP, groupText, { name: "for-rules" }));
    const rule = keep(await host.create(RULE, await check(RULE, ruleText, { securityGroupId: sg.id, ...tcp(22) })));
    expect(rule.outs).toMatchObject({ zone: "nl-ams-1", securityGroupId: sg.id, position: 1, destPortTo: 22 });
    const news = await check(RULE, ruleText, { securityGroupId: sg.id, ...tcp(22, "203.0.113.0/24") }, rule.outs);
    expect(await host.diff(RULE, rule.id, rule.outs, news)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = keep(await host.update(RULE, rule.id, rule.outs, news));
    expect(updated.outs.ipRange).toBe("203.0.113.0/24");
    expect((await host.diff(RULE, rule.id, updated.outs, { ...news, securityGroupId: UNKNOWN })).replaces).toEqual(["securityGroupId"]);
  });

  it("reports a group whose rules could not be applied as partially created, keeping its id", async () => {
    await emu.fault("scaleway", {
      method: "PUT",
      path: "/rules$",
      status: 403,
      count: 1,
      body: { type: "invalid_request_error", message: "Quota exceeded for this resource.", resource: "security_group_rules" },
    });
    const checked = await check(GROUP, groupText, { name: "half", rules: [tcp(80), tcp(81)] });
    const error = (await host.create(GROUP, checked).catch((e) => e)) as HostError;
    const id = error.initFailed!.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.initFailed!.reasons).toEqual([
      `set the 2 rules of security group ${id} failed (PUT /instance/v1/zones/nl-ams-1/security_groups/${id}/rules -> 403 invalid_request_error): Quota exceeded for this resource.`,
    ]);
    expect((await emu.state("scaleway")).groups[id].name).toBe("half");
    const fixed = await host.update(GROUP, id, { ...error.initFailed!.properties, __provider: groupText }, checked);
    expect(rulesOf(GROUP_KIND, fixed.outs)!.map((r: any) => r.destPortFrom)).toEqual([80, 81]);
  });

  it("never returns or logs the secret key", async () => {
    const everything = JSON.stringify(returned) + host.logs;
    expect(everything).not.toContain(SECRET);
    expect(host.logs).toContain("1 rule(s) to create, 0 to update in place, 0 to delete, 2 kept (1 moved)");
  });

  it("keeps the serialized provider small and free of paths", () => {
    expect(groupText.length).toBeLessThan(2048);
    expect(groupText).toContain('"scaleway:SecurityGroup"');
    expect(groupText).not.toContain("/work/");
  });
});
