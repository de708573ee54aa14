import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { useStackConfig } from "../../provider/core/settings";
import * as huaweiApi from "../../provider/huaweicloud/api-client";
import { at, connect as huaweiConnect } from "../../provider/huaweicloud/connection";
import * as nhnApi from "../../provider/neutron/api-client";
import { connect as nhnConnect } from "../../provider/nhn/connection";
import * as scalewayApi from "../../provider/scaleway/api-client";
import { connect } from "../../provider/scaleway/connection";
import { SETTINGS_BY_CLOUD } from "../../provider/settings-catalog";
import { huaweicloudEnv, nhnEnv, scalewayEnv, setEnv, useEmulatorWithEnv } from "../helpers/emulator";

// Errors about configuration name the setting to fix: the environment variable or config key the value came from.
const emu = useEmulatorWithEnv({ clouds: ["nhn", "scaleway", "huaweicloud"] }, () => ({ SECGROUPS_QUIET: "1" }));
const NO_HW = {
  HW_ACCESS_KEY: undefined,
  HW_SECRET_KEY: undefined,
  HW_PROJECT_ID: undefined,
  HW_USER_NAME: undefined,
  HW_PASSWORD: undefined,
  HW_DOMAIN_NAME: undefined,
  HUAWEICLOUD_ACCESS_KEY: undefined,
  HUAWEICLOUD_SECRET_KEY: undefined,
  HUAWEICLOUD_PROJECT_ID: undefined,
};

async function withEnv<T>(vars: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const back = setEnv(vars);
  try {
    return await run();
  } finally {
    back();
  }
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: Error) => e.message,
  );

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe("a refused credential names where it came from", () => {
  it("Scaleway 401 names SCW_SECRET_KEY when the environment set it", async () => {
    const message = await withEnv({ ...scalewayEnv(emu()), SCW_SECRET_KEY: "00000000-0000-4000-8000-00000000dead" }, () =>
      failure(scalewayApi.getGroup(connect().client, "fr-par-1", "x")),
    );
    expect(message).toContain("-> 401");
    expect(message).toContain("the credentials in use come from environment variable SCW_SECRET_KEY: check them");
  });

  it("Scaleway 401 names secgroups:scalewaySecretKey when stack config set it", async () => {
    useStackConfig((key) => (key === "secgroups:scalewaySecretKey" ? "00000000-0000-4000-8000-00000000beef" : undefined));
    try {
      const message = await withEnv(scalewayEnv(emu()), () => failure(scalewayApi.getGroup(connect().client, "fr-par-1", "x")));
      expect(message).toContain("the credentials in use come from stack config secgroups:scalewaySecretKey: check them");
    } finally {
      useStackConfig(() => undefined);
    }
  });

  it("NHN's sign-in refusal names the user, password and tenant settings", async () => {
    const message = await withEnv({ ...nhnEnv(emu()), OS_PASSWORD: "wrong-password" }, () =>
      failure(nhnConnect().then(({ client }) => nhnApi.getGroup(client, "x"))),
    );
    expect(message).toContain("-> 401");
    expect(message).toContain(
      "come from environment variable OS_USERNAME, environment variable OS_PASSWORD, environment variable OS_TENANT_ID: check them",
    );
  });

  it("Huawei 401 names the AK/SK settings", async () => {
    const message = await withEnv({ ...huaweicloudEnv(emu()), HW_SECRET_KEY: "not-the-secret-key-of-this-access-key-000" }, () =>
      failure(huaweiApi.getGroup(...at(huaweiConnect("vpc")), "x")),
    );
    expect(message).toContain(
      "come from environment variable HW_ACCESS_KEY, environment variable HW_SECRET_KEY, environment variable HW_PROJECT_ID: check them",
    );
  });
});

it("an unreachable endpoint names the setting it came from", async () => {
  const port = await closedPort();
  const message = await withEnv({ ...scalewayEnv(emu()), SCW_API_URL: `http://127.0.0.1:${port}` }, () =>
    failure(scalewayApi.getGroup(connect().client, "fr-par-2", "x")),
  );
  expect(message).toContain(
    `cannot reach Scaleway at http://127.0.0.1:${port} (ECONNREFUSED); the address comes from environment variable SCW_API_URL`,
  );
}, 30_000);

describe("Huawei Cloud", () => {
  it("lists every missing setting at once: project id and credentials", async () => {
    const message = await withEnv(NO_HW, () => failure(Promise.resolve().then(() => huaweiConnect("vpc"))));
    expect(message).toBe(
      "Huawei Cloud configuration failed: missing HW_PROJECT_ID or HUAWEICLOUD_PROJECT_ID (or `pulumi config set secgroups:huaweicloudProjectId ...`), credentials: HW_ACCESS_KEY or HUAWEICLOUD_ACCESS_KEY (or `pulumi config set --secret secgroups:huaweicloudAccessKey ...`) and HW_SECRET_KEY or HUAWEICLOUD_SECRET_KEY (or `pulumi config set --secret secgroups:huaweicloudSecretKey ...`) for AK/SK signing, or HW_USER_NAME, HW_PASSWORD and HW_DOMAIN_NAME for an IAM token",
    );
  });

  it("names the missing parts of an incomplete IAM sign-in", async () => {
    const message = await withEnv({ ...NO_HW, HW_PROJECT_ID: "0605767829804ba1b2c3d4e5f6a7b8c9", HW_USER_NAME: "demo" }, () =>
      failure(Promise.resolve().then(() => huaweiConnect("vpc"))),
    );
    expect(message).toContain(
      "missing HW_PASSWORD (or `pulumi config set --secret secgroups:huaweicloudPassword ...`), HW_DOMAIN_NAME (or `pulumi config set secgroups:huaweicloudDomainName ...`)",
    );
  });

  it("reads the endpoints from HW_VPC_ENDPOINT (HUAWEICLOUD_VPC_ENDPOINT still works)", async () => {
    const { HUAWEICLOUD_VPC_ENDPOINT: url, ...rest } = huaweicloudEnv(emu());
    await withEnv({ ...rest, HUAWEICLOUD_VPC_ENDPOINT: undefined, HW_VPC_ENDPOINT: url }, async () =>
      expect(huaweiConnect("vpc").client.baseUrl).toBe(url),
    );
    await withEnv({ ...rest, HUAWEICLOUD_VPC_ENDPOINT: url, HW_VPC_ENDPOINT: undefined }, async () =>
      expect(huaweiConnect("vpc").client.baseUrl).toBe(url),
    );
  });
});

describe("every setting", () => {
  const all = Object.values(SETTINGS_BY_CLOUD).flatMap((specs) => Object.values(specs));
  const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

  it("has an environment name", () => {
    expect(all.filter((s) => s.env.length === 0).map((s) => s.key)).toEqual([]);
  });

  it("is in the README's settings table, by environment name and config key", () => {
    const absent = all.flatMap((s) => [...s.env, `secgroups:${s.key}`]).filter((name) => !readme.includes(`\`${name}\``));
    expect(absent).toEqual([]);
  });
});
