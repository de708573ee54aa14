import { DEMO_SERVER_ID } from "../../emulator/huaweicloud/nova/model";
import { TOKENS } from "../../provider/core/type-tokens";
import { huaweicloudEnv, startTestEmulator, TestEmulator } from "../helpers/emulator";
import { HostError, ProviderHost, serializedProvider, urnOf } from "../helpers/provider-host";
import { GROUP as GROUP_KIND } from "../../provider/huaweicloud/kinds";
import { rulesOf } from "../helpers/stored-rules";

// The providers inside the real @pulumi/pulumi dynamic-provider host, loaded from the `__provider` text
// the engine stores; credentials arrive through Configure (stack config), never through inputs.

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const GROUP = urnOf(TOKENS.huaweicloudSecurityGroup, "web");
const RULE = urnOf(TOKENS.huaweicloudSecurityGroupRule, "ssh");
const ATTACH = urnOf(TOKENS.huaweicloudNovaServerSecurityGroup, "app-on-server");
const NOVA_GROUP = urnOf(TOKENS.huaweicloudNovaSecurityGroup, "app");
const NO_HW_ENV = {
  HW_ACCESS_KEY: undefined,
  HW_SECRET_KEY: undefined,
  HW_PROJECT_ID: undefined,
  HUAWEICLOUD_VPC_ENDPOINT: undefined,
  HUAWEICLOUD_ECS_ENDPOINT: undefined,
};

let emu: TestEmulator;
let host: ProviderHost;
let text: Record<string, string>;
let secretKey: string;
const returned: unknown[] = [];
const keep = <T>(v: T) => (returned.push(v), v);

beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["huaweicloud", "huaweicloudNova"] });
  const env = huaweicloudEnv(emu);
  secretKey = env.HW_SECRET_KEY;
  host = await ProviderHost.start({ env: NO_HW_ENV });
  await host.configure({
    "secgroups:huaweicloudAccessKey": env.HW_ACCESS_KEY,
    "secgroups:huaweicloudSecretKey": env.HW_SECRET_KEY,
    "secgroups:huaweicloudProjectId": env.HW_PROJECT_ID,
    "secgroups:huaweicloudVpcEndpoint": env.HUAWEICLOUD_VPC_ENDPOINT,
    "secgroups:huaweicloudEcsEndpoint": env.HUAWEICLOUD_ECS_ENDPOINT,
  });
  text = {};
  for (const kind of [
    "huaweicloud:SecurityGroup",
    "huaweicloud:SecurityGroupRule",
    "huaweicloud/nova:SecurityGroup",
    "huaweicloud/nova:ServerSecurityGroup",
  ])
    text[kind] = await serializedProvider(kind);
});
afterAll(async () => {
  host?.close();
  await emu.close();
});

describe("huaweicloud resources in the real dynamic-provider host", () => {
  it("checks inputs: canonical form, failures per field, unknowns pass at preview without a dry run", async () => {
    const __provider = text["huaweicloud:SecurityGroup"];
    const ok = keep(
      await host.check(GROUP, {}, { __provider, name: "web", rules: [{ direction: "ingress", protocol: 6, multiport: "443,80" }] }),
    );
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.rules[0]).toMatchObject({ protocol: "tcp", multiport: "80,443", priority: 1, action: "allow" });
    const bad = await host.check(
      GROUP,
      {},
      { __provider, name: "", rules: [{ direction: "ingress", protocol: "tcp", multiport: "1-2-3" }] },
    );
    expect(bad.failures).toEqual([
      { property: "name", reason: 'is required (got "")' },
      { property: "rules.0.multiport", reason: '"1-2-3" is not a port (80), a range (1-30) or a comma list (22,3389,80-90) (got "1-2-3")' },
    ]);
    await emu.clearRequests("huaweicloud");
    const preview = await host.check(
      RULE,
      {},
      { __provider: text["huaweicloud:SecurityGroupRule"], securityGroupId: UNKNOWN, direction: "ingress", remoteGroupId: UNKNOWN },
    );
    expect(preview.failures).toEqual([]);
    expect(await emu.counts("huaweicloud")).toEqual({});
  });

  it("creates, diffs, updates, reads and deletes a group over gRPC", async () => {
    const __provider = text["huaweicloud:SecurityGroup"];
    const checked = (
      await host.check(GROUP, {}, { __provider, name: "web", rules: [{ direction: "ingress", protocol: "tcp", multiport: 22 }] })
    ).inputs;
    const { id, outs } = keep(await host.create(GROUP, checked));
    expect(outs.__provider).toBe(__provider);
    expect(rulesOf(GROUP_KIND, outs)).toHaveLength(1);
    const news = (
      await host.check(GROUP, outs, { __provider, name: "web-2", rules: [{ direction: "ingress", protocol: "tcp", multiport: 443 }] })
    ).inputs;
    expect(await host.diff(GROUP, id, outs, news)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = keep(await host.update(GROUP, id, outs, news));
    expect(rulesOf(GROUP_KIND, updated.outs)!.map((r: any) => r.multiport)).toEqual(["443"]);
    const read = keep(await host.read(GROUP, id, updated.outs));
    expect(read.outs.name).toBe("web-2");
    await host.delete(GROUP, id, updated.outs);
    expect((await host.read(GROUP, id, updated.outs)).id).toBe("");
  });

  it("reports a group whose rules were refused as partially created, keeping its id", async () => {
    const __provider = text["huaweicloud:SecurityGroup"];
    await emu.fault("huaweicloud", { method: "POST", path: "batch-create$", status: 500, count: 2 }); // the batch create, and its retry after re-reading
    const checked = (
      await host.check(GROUP, {}, { __provider, name: "half", rules: [{ direction: "ingress", protocol: "tcp", multiport: 80 }] })
    ).inputs;
    const error = (await host.create(GROUP, checked).catch((e) => e)) as HostError;
    expect(error.initFailed?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.initFailed?.reasons[0]).toContain("/batch-create -> 500)");
    expect((await emu.state("huaweicloud")).groups[error.initFailed!.id].name).toBe("half");
  });

  it("attaches a Nova group to a server and detaches it", async () => {
    const g = await host.create(
      NOVA_GROUP,
      (await host.check(NOVA_GROUP, {}, { __provider: text["huaweicloud/nova:SecurityGroup"], name: "app", description: "" })).inputs,
    );
    const __provider = text["huaweicloud/nova:ServerSecurityGroup"];
    const a = keep(
      await host.create(ATTACH, (await host.check(ATTACH, {}, { __provider, serverId: DEMO_SERVER_ID, securityGroupName: "app" })).inputs),
    );
    expect(a.id).toBe(`${DEMO_SERVER_ID}/${g.id}`);
    await host.delete(ATTACH, a.id, a.outs);
    expect((await host.read(ATTACH, a.id, a.outs)).id).toBe("");
  });

  it("never returns or logs the secret key, and the stored provider text is small", () => {
    const everything = JSON.stringify(returned) + host.logs;
    expect(everything).not.toContain(secretKey);
    // the text grows with the kind string: the longest, huaweicloud/nova:ServerSecurityGroup, is just over 2 KB
    for (const t of Object.values(text)) expect(t.length).toBeLessThan(2100);
  });
});
