import type * as pulumi from "@pulumi/pulumi";
import * as genesis from "../../provider/genesiscloud/provider";
import * as huawei from "../../provider/huaweicloud/provider";
import * as nova from "../../provider/huaweicloud/nova/provider";
import * as nhn from "../../provider/nhn/provider";
import { setLogSink } from "../../provider/core/log";
import * as scaleway from "../../provider/scaleway/provider";
import { TOKENS } from "../../provider/core/type-tokens";
import { genesisEnv, huaweicloudEnv, nhnEnv, scalewayEnv, setEnv, startTestEmulator, TestEmulator } from "../helpers/emulator";
import { HostError, ProviderHost, serializedProvider, urnOf } from "../helpers/provider-host";

// Clouds echo credentials in error bodies (Huawei's gateway echoes the access key on a bad signature). Every
// registered secret must be redacted wherever an error, a check failure or a log line is built: here each
// cloud's error body echoes every credential, on every method, through the provider and the real host.

const CLOUDS = ["nhn", "huaweicloud", "huaweicloudNova", "scaleway", "genesiscloud"];
let emu: TestEmulator;
let restore: () => void;
const logged: string[] = [];

beforeAll(async () => {
  emu = await startTestEmulator({ clouds: CLOUDS, settings: { "genesiscloud.settleMs": "0" } });
  restore = setEnv({
    ...nhnEnv(emu),
    ...huaweicloudEnv(emu),
    ...scalewayEnv(emu),
    ...genesisEnv(emu),
    SECGROUPS_QUIET: undefined,
    HUAWEICLOUD_DRY_RUN: "true",
  });
  setLogSink((line) => logged.push(line));
});
afterAll(async () => {
  restore();
  setLogSink((line) => process.stderr.write(`${line}\n`));
  await emu.close();
});

/** The credentials each cloud's provider holds (NHN: the password and the tokens the emulator issued so far). */
async function secrets(cloud: string): Promise<string[]> {
  const hw = emu.describe().huaweicloud as { accessKey: string; secretKey: string };
  const scw = emu.describe().scaleway as { secretKey: string };
  if (cloud === "nhn") return ["demo-password", ...Object.keys(((await emu.state("nhn")) as { tokens: Record<string, unknown> }).tokens)];
  if (cloud.startsWith("huaweicloud")) return [hw.accessKey, hw.secretKey];
  return [cloud === "scaleway" ? scw.secretKey : "demo-token"];
}

/** Each cloud's own 400 error body, with its message echoing every secret. */
function echo(cloud: string, said: string): unknown {
  const message = `rejected: ${said}`;
  if (cloud === "nhn") return { NeutronError: { type: "HTTPBadRequest", message, detail: "" } };
  if (cloud.startsWith("huaweicloud")) return { error_code: "VPC.9901", error_msg: message, request_id: "r" };
  if (cloud === "scaleway") return { type: "invalid_request_error", message };
  return { code: "InvalidRequest", message };
}

function expectNoSecret(text: string, all: string[]): void {
  for (const s of all) expect(text).not.toContain(s);
}

interface Kind {
  cloud: string;
  provider: pulumi.dynamic.ResourceProvider;
  inputs: Record<string, unknown>;
  changed: Record<string, unknown>;
  create: [string, string];
  update: string;
}

const KINDS: Kind[] = [
  {
    cloud: "nhn",
    provider: nhn.securityGroupProvider,
    inputs: { name: "leak" },
    changed: { name: "leak-2" },
    create: ["POST", "security-groups$"],
    update: "PUT",
  },
  {
    cloud: "huaweicloud",
    provider: huawei.securityGroupProvider,
    inputs: { name: "leak" },
    changed: { name: "leak-2" },
    create: ["POST", "security-groups$"],
    update: "PUT",
  },
  {
    cloud: "huaweicloudNova",
    provider: nova.securityGroupProvider,
    inputs: { name: "leak", description: "" },
    changed: { name: "leak-2", description: "" },
    create: ["POST", "os-security-groups$"],
    update: "PUT",
  },
  {
    cloud: "scaleway",
    provider: scaleway.securityGroupProvider,
    inputs: { name: "leak" },
    changed: { name: "leak-2" },
    create: ["POST", "security_groups$"],
    update: "PATCH",
  },
  {
    cloud: "genesiscloud",
    provider: genesis.securityGroupProvider,
    inputs: { name: "leak" },
    changed: { name: "leak-2" },
    create: ["POST", "security-groups$"],
    update: "PATCH",
  },
];

describe.each(KINDS)(
  "$cloud: a body echoing every credential never reaches an error or a log line",
  ({ cloud, provider, inputs, changed, create, update }) => {
    const checked = async (news: Record<string, unknown>, olds: Record<string, unknown> = {}) => (await provider.check!(olds, news)).inputs;

    async function expectRedacted(method: string, path: string, run: () => Promise<unknown>): Promise<void> {
      const all = await secrets(cloud);
      await emu.fault(cloud, { method, path, status: 400, body: echo(cloud, all.join(" ")) });
      logged.length = 0;
      const error = await run().then(
        () => undefined,
        (e: Error) => e,
      );
      expect(await emu.pendingFaults(cloud)).toEqual([]);
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).toContain("[secret]");
      expectNoSecret(`${error!.message}\n${error!.stack}\n${JSON.stringify((error as { reasons?: unknown }).reasons ?? [])}`, all);
      expectNoSecret(logged.join("\n"), all);
    }

    it("on create, read, update and delete", async () => {
      // Checked before the fault is set: Huawei's check asks the cloud for a dry run.
      const news = await checked(inputs);
      await expectRedacted(create[0], create[1], () => provider.create(news));
      const made = await provider.create(news);
      const at = `${made.id}$`;
      await expectRedacted("GET", at, () => provider.read!(made.id, made.outs));
      const updated = await checked(changed, made.outs);
      await expectRedacted(update, at, () => provider.update!(made.id, made.outs, updated));
      await expectRedacted("DELETE", at, () => provider.delete!(made.id, made.outs));
      await provider.delete!(made.id, made.outs);
    });
  },
);

it("nhn: on sign-in (the password) and in a Huawei dry-run check failure", async () => {
  let all = await secrets("nhn");
  await emu.fault("nhn", { method: "POST", path: "/tokens$", status: 400, body: echo("nhn", all.join(" ")) });
  // A fresh tenant, so the provider signs in again instead of reusing its cached token.
  const restoreTenant = setEnv(nhnEnv(emu, "other"));
  try {
    const error = await nhn.securityGroupProvider
      .create((await nhn.securityGroupProvider.check!({}, { name: "x" })).inputs)
      .catch((e: Error) => e);
    expect((error as Error).message).toContain("[secret]");
    expectNoSecret(`${(error as Error).message}\n${(error as Error).stack}`, [...all, "other-password"]);
  } finally {
    restoreTenant();
  }
  all = await secrets("huaweicloud");
  const group = await huawei.securityGroupProvider.create((await huawei.securityGroupProvider.check!({}, { name: "dry" })).inputs);
  await emu.fault("huaweicloud", { method: "POST", path: "security-group-rules$", status: 400, body: echo("huaweicloud", all.join(" ")) });
  const { failures } = await huawei.securityGroupRuleProvider.check!(
    {},
    { securityGroupId: group.id, direction: "ingress", protocol: "tcp", multiport: "22" },
  );
  expect(failures).toHaveLength(1);
  expect(failures![0].reason).toContain("[secret]");
  expectNoSecret(failures![0].reason, all);
});

describe("through the real dynamic-provider host: the gRPC error and the host's stderr", () => {
  let host: ProviderHost;
  beforeAll(async () => {
    host = await ProviderHost.start({
      env: {
        SECGROUPS_QUIET: undefined,
        OS_PASSWORD: undefined,
        HW_ACCESS_KEY: undefined,
        HW_SECRET_KEY: undefined,
        SCW_SECRET_KEY: undefined,
        GENESISCLOUD_TOKEN: undefined,
      },
    });
    await host.configure({ ...emu.demoConfig(), "secgroups:genesiscloudPollIntervalMs": "10" });
  });
  afterAll(() => host?.close());

  const TYPES: Record<string, [string, string]> = {
    nhn: [TOKENS.nhnSecurityGroup, "nhn:SecurityGroup"],
    huaweicloud: [TOKENS.huaweicloudSecurityGroup, "huaweicloud:SecurityGroup"],
    huaweicloudNova: [TOKENS.huaweicloudNovaSecurityGroup, "huaweicloud/nova:SecurityGroup"],
    scaleway: [TOKENS.scalewaySecurityGroup, "scaleway:SecurityGroup"],
    genesiscloud: [TOKENS.genesiscloudSecurityGroup, "genesiscloud:SecurityGroup"],
  };

  it.each(KINDS)("$cloud: create and delete", async ({ cloud, inputs, create }) => {
    const [type, kind] = TYPES[cloud];
    const urn = urnOf(type, `leak-${cloud}`);
    const text = await serializedProvider(kind);
    const checked = (await host.check(urn, {}, { __provider: text, ...inputs })).inputs;
    const before = await secrets(cloud);
    const made = await host.create(urn, checked);
    // The host's own credentials: for NHN, the password and the token the host signed in with just now (tokens
    // issued to this test process are not the host's to redact).
    const all = (await secrets(cloud)).filter((s) => s === "demo-password" || !before.includes(s) || cloud !== "nhn");
    if (cloud === "nhn") expect(all).toHaveLength(2);
    const body = echo(cloud, all.join(" "));
    await emu.fault(cloud, [
      { method: create[0], path: create[1], status: 400, body },
      { method: "DELETE", path: `${made.id}$`, status: 400, body },
    ]);
    const errors = [
      await host.create(urn, checked).catch((e: HostError) => e),
      await host.delete(urn, made.id, made.outs).catch((e: HostError) => e),
    ];
    for (const e of errors) {
      expect((e as HostError).details).toContain("[secret]");
      expectNoSecret(`${(e as HostError).message}\n${(e as HostError).details}`, all);
    }
    expect(host.logs).toContain("[secret]");
    expectNoSecret(host.logs, all);
    await host.delete(urn, made.id, made.outs);
  });
});
