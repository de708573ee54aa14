import * as net from "node:net";
import { setLogSink } from "../../provider/core/log";
import { securityGroupRuleProvider as rule } from "../../provider/huaweicloud/provider";
import { setEnv } from "../helpers/emulator";

// check's dry run against an endpoint nobody listens on: said once in the log, no retries per resource.
let restore: () => void;
let port: number;
const lines: string[] = [];

beforeAll(async () => {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  restore = setEnv({
    HW_ACCESS_KEY: "HWEMULATORDEMOAK0001",
    HW_SECRET_KEY: "emulator-demo-secret-key-0000000000000001",
    HW_PROJECT_ID: "0605767829804ba1b2c3d4e5f6a7b8c9",
    HW_VPC_ENDPOINT: `http://127.0.0.1:${port}`,
    HUAWEICLOUD_VPC_ENDPOINT: undefined,
    SECGROUPS_QUIET: undefined,
    HUAWEICLOUD_DRY_RUN: undefined,
  });
  setLogSink((line) => lines.push(line));
});
afterAll(() => {
  restore();
  setLogSink((line) => process.stderr.write(`${line}\n`));
});

it("passes three rules within a second and warns once, naming the endpoint and the setting it came from", async () => {
  const started = Date.now();
  for (const p of [22, 80, 443]) {
    const result = await rule.check!(
      {},
      {
        securityGroupId: "0b7d9f2e-0000-4000-8000-000000000001",
        direction: "ingress",
        protocol: "tcp",
        multiport: String(p),
        remoteIpPrefix: "10.0.0.0/8",
      },
    );
    expect(result.failures).toEqual([]);
  }
  expect(Date.now() - started).toBeLessThan(1000);
  expect(lines).toEqual([
    `[secgroups] warning: Huawei Cloud VPC endpoint http://127.0.0.1:${port} is unreachable (ECONNREFUSED); check skips the dry run (quota, permissions, remote groups are not validated before create); the address comes from environment variable HW_VPC_ENDPOINT; set HUAWEICLOUD_DRY_RUN=false to skip dry runs on purpose`,
  ]);
});
