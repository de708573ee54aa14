import { creationToken } from "../../provider/core/creation-token";
import { TOKENS } from "../../provider/core/type-tokens";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { HostError, ProviderHost, serializedProvider, urnOf } from "../helpers/provider-host";
import { failNextSettle } from "./wire";

// The Genesis provider inside the real @pulumi/pulumi dynamic-provider host, loaded from the `__provider`
// text as the engine stores it; the token arrives through Configure (stack config), never the environment.

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const GROUP = urnOf(TOKENS.genesiscloudSecurityGroup, "web");
const rule = (name: string) => urnOf(TOKENS.genesiscloudSecurityGroupRule, name);
const NO_ENV = {
  GENESISCLOUD_TOKEN: undefined,
  GENESISCLOUD_ENDPOINT: undefined,
  GENESISCLOUD_POLL_INTERVAL_MS: undefined,
  SECGROUPS_QUIET: "1",
};

let emu: TestEmulator;
let host: ProviderHost;
let groupText: string;
let ruleText: string;
const returned: unknown[] = [];
const keep = <T>(v: T) => (returned.push(v), v);

beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "30" } });
  host = await ProviderHost.start({ env: NO_ENV });
  await host.configure({
    "secgroups:genesiscloudToken": "demo-token",
    "secgroups:genesiscloudEndpoint": emu.url("genesiscloud"),
    "secgroups:genesiscloudPollIntervalMs": "10",
  });
  groupText = await serializedProvider("genesiscloud:SecurityGroup");
  ruleText = await serializedProvider("genesiscloud:SecurityGroupRule");
});
afterAll(async () => {
  host?.close();
  await emu.close();
});

async function liveRules(groupId: string): Promise<string[]> {
  const g = (await emu.state("genesiscloud")).groups[groupId];
  return g.rules.map((r: any) => `${r.direction} ${r.protocol} ${r.port_range_min ?? "*"}-${r.port_range_max ?? "*"}`).sort();
}

describe("genesiscloud resources in the real dynamic-provider host", () => {
  it("checks inputs: canonical form, one failure per bad field, unknowns pass at preview", async () => {
    const ok = keep(
      await host.check(GROUP, {}, { __provider: groupText, name: "web", rules: [{ protocol: 6, direction: "ingress", portRangeMin: 22 }] }),
    );
    expect(ok).toEqual({
      inputs: {
        __provider: groupText,
        name: "web",
        rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 22, portRangeMax: 22 }],
      },
      failures: [],
    });
    const bad = await host.check(
      GROUP,
      {},
      {
        __provider: groupText,
        name: "default",
        rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 70000, remoteIpPrefix: "10.0.0.0/8" }],
      },
    );
    expect(bad.failures).toEqual([
      {
        property: "rules.0.remoteIpPrefix",
        reason:
          "Genesis Cloud rules cannot restrict the source or destination address: every rule applies to all addresses (IPv4 and IPv6); remove this argument",
      },
      { property: "name", reason: 'must not be "default" or "standard": Genesis Cloud reserves both (got "default")' },
      { property: "rules.0.portRangeMin", reason: "port 70000 must be an integer 1-65535 (got 70000)" },
    ]);
    const preview = await host.check(
      rule("r"),
      {},
      { __provider: ruleText, securityGroupId: UNKNOWN, protocol: "tcp", direction: "ingress", portRangeMin: UNKNOWN },
    );
    expect(preview.failures).toEqual([]);
    expect(preview.inputs.securityGroupId).toBe(UNKNOWN);
  });

  it("creates (waiting until created), diffs, updates, reads and deletes a group", async () => {
    const checked = (
      await host.check(
        GROUP,
        {},
        { __provider: groupText, name: "web", rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 22 }] },
      )
    ).inputs;
    const { id, outs } = keep(await host.create(GROUP, checked));
    expect(outs).toMatchObject({
      __provider: groupText,
      status: "created",
      region: "ARC-IS-HAF-1",
      rulesInline: true,
      liveRules: [{ protocol: "tcp", portRangeMin: 22 }],
    });
    expect(outs.rules).toBeUndefined();
    const news = (
      await host.check(GROUP, outs, {
        __provider: groupText,
        name: "web-2",
        rules: [{ protocol: "udp", direction: "ingress", portRangeMin: 53 }],
      })
    ).inputs;
    expect(await host.diff(GROUP, id, outs, news)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = keep(await host.update(GROUP, id, outs, news));
    expect(updated.outs).toMatchObject({
      name: "web-2",
      status: "created",
      liveRules: [{ protocol: "udp", portRangeMin: 53, portRangeMax: 53 }],
    });
    expect(keep(await host.read(GROUP, id, updated.outs)).outs.name).toBe("web-2");
    await host.delete(GROUP, id, updated.outs);
    expect(await emu.state("genesiscloud").then((s) => s.groups[id])).toBeUndefined();
    expect((await host.read(GROUP, id, updated.outs)).id).toBe("");
  });

  it("reports a group that ends in `error` as partially created: the engine keeps its id and status", async () => {
    await failNextSettle(emu, "create");
    const checked = (
      await host.check(GROUP, {}, { __provider: groupText, name: "broken", rules: [{ protocol: "icmp", direction: "ingress" }] })
    ).inputs;
    const error = (await host.create(GROUP, checked).catch((e) => e)) as HostError;
    expect(error.initFailed?.properties).toMatchObject({ name: "broken", status: "error" });
    expect(error.initFailed?.reasons).toEqual([
      `create security group broken failed: security group ${error.initFailed!.id} ended in status "error" at Genesis Cloud; run \`pulumi up\` again to re-apply it, or delete it`,
    ]);
    expect((await emu.state("genesiscloud")).groups[error.initFailed!.id].status).toBe("error");
  });

  it("refuses a rule resource on a group that declares inline rules", async () => {
    const sg = await host.create(
      GROUP,
      (
        await host.check(
          GROUP,
          {},
          { __provider: groupText, name: "inline", rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 22 }] },
        )
      ).inputs,
    );
    const inputs = (
      await host.check(
        rule("extra"),
        {},
        { __provider: ruleText, securityGroupId: sg.id, protocol: "tcp", direction: "ingress", portRangeMin: 80 },
      )
    ).inputs;
    const error = (await host.create(rule("extra"), inputs).catch((e) => e)) as HostError;
    expect(error.details).toContain(`create security group rule failed: security group ${sg.id} declares inline \`rules\``);
    expect(await liveRules(sg.id)).toEqual(["ingress tcp 22-22"]);
  });

  it("creates and deletes 50 rule resources on one group concurrently without losing or duplicating one", async () => {
    const sg = await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "many" })).inputs);
    const inputsFor = async (port: number) =>
      (
        await host.check(
          rule(`p${port}`),
          {},
          { __provider: ruleText, securityGroupId: sg.id, protocol: "tcp", direction: "ingress", portRangeMin: port },
        )
      ).inputs;
    const first = Array.from({ length: 50 }, (_, i) => 2000 + i);
    await emu.clearRequests("genesiscloud");
    const created = await Promise.all(first.map(async (p) => host.create(rule(`p${p}`), await inputsFor(p))));
    // The burst reaches the host over some milliseconds: still one read-modify-write of the group.
    expect((await emu.counts("genesiscloud"))["PATCH /compute/v1/security-groups/:id"]).toBe(1);
    expect(created.map((c) => c.id)).toEqual(first.map((p) => `${sg.id}:ingress:tcp:${p}-${p}`));
    const expected = (ports: number[]) => ["egress all *-*", ...ports.map((p) => `ingress tcp ${p}-${p}`)].sort();
    expect(await liveRules(sg.id)).toEqual(expected(first));

    // Delete half and add 25 others, all at once, then delete everything at once.
    const second = Array.from({ length: 25 }, (_, i) => 3000 + i);
    const [removed, kept] = [created.slice(0, 25), created.slice(25)];
    await emu.clearRequests("genesiscloud");
    const added = await Promise.all([
      ...removed.map((c) => host.delete(rule("x"), c.id, c.outs).then(() => undefined)),
      ...second.map(async (p) => host.create(rule(`p${p}`), await inputsFor(p))),
    ]);
    expect(await liveRules(sg.id)).toEqual(expected([...first.slice(25), ...second]));
    expect((await emu.counts("genesiscloud"))["PATCH /compute/v1/security-groups/:id"]).toBeLessThanOrEqual(4);

    const all = [...kept, ...added.filter((a) => a !== undefined)];
    expect(all).toHaveLength(50);
    await Promise.all(all.map((c) => host.delete(rule("x"), c!.id, c!.outs)));
    expect(await liveRules(sg.id)).toEqual(["egress all *-*"]);
  });

  // A rule resource the engine creates was checked first, with its creation token: the check announces the create.
  const tokenOf = (name: string) => creationToken({ project: "p", stack: "s", type: "genesiscloud:SecurityGroupRule", name });
  const announce = async (groupId: string, name: string, port: number) =>
    (
      await host.check(
        rule(name),
        {},
        {
          __provider: ruleText,
          securityGroupId: groupId,
          protocol: "tcp",
          direction: "ingress",
          portRangeMin: port,
          __creationToken: tokenOf(name),
        },
      )
    ).inputs;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("waits for the rules the engine has checked and not yet sent to create: one write, past the quiet window", async () => {
    const sg = await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "announced" })).inputs);
    const [a, b] = [await announce(sg.id, "a1", 4001), await announce(sg.id, "a2", 4002)];
    await emu.clearRequests("genesiscloud");
    const first = host.create(rule("a1"), a);
    await sleep(150); // three times the quiet window: without the announcement, the first rule is written alone
    const second = host.create(rule("a2"), b);
    await Promise.all([first, second]);
    expect((await emu.counts("genesiscloud"))["PATCH /compute/v1/security-groups/:id"]).toBe(1);
    expect(await liveRules(sg.id)).toEqual(["egress all *-*", "ingress tcp 4001-4001", "ingress tcp 4002-4002"]);
  });

  it("writes an announced rule with nothing else to come at once, before an unannounced one's quiet window ends", async () => {
    const quiet = await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "unannounced" })).inputs);
    const lone = await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "lone" })).inputs);
    const inputs = await announce(lone.id, "lone", 4100);
    await emu.clearRequests("genesiscloud");
    // The unannounced create (no check, as a direct call) goes first and waits the quiet window; the announced one does not.
    const unannounced = host.create(rule("u"), {
      __provider: ruleText,
      securityGroupId: quiet.id,
      protocol: "tcp",
      direction: "ingress",
      portRangeMin: 4101,
    });
    await Promise.all([unannounced, host.create(rule("lone"), inputs)]);
    const reads = emu.clouds.genesiscloud.requests.filter((r) => r.method === "GET").map((r) => r.path.split("/").pop());
    expect(reads.indexOf(lone.id)).toBeGreaterThanOrEqual(0);
    expect(reads.indexOf(lone.id)).toBeLessThan(reads.indexOf(quiet.id));
  });

  it("never returns or logs the token", async () => {
    expect(JSON.stringify(returned) + host.logs).not.toContain("demo-token");
  });
});
