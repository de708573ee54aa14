import { startEmulator, Emulator, StartOptions } from "../../emulator";
import type { FaultSpec } from "../../emulator/faults";

/** A running emulator plus helpers that talk to its real control endpoints over HTTP. */
export interface TestEmulator extends Emulator {
  url(cloud: string): string;
  fault(cloud: string, spec: FaultSpec | FaultSpec[]): Promise<void>;
  counts(cloud: string): Promise<Record<string, number>>;
  /** Faults injected but not yet triggered: a fault test whose fault never fired proves nothing. */
  pendingFaults(cloud: string): Promise<FaultSpec[]>;
  clearRequests(cloud: string): Promise<void>;
  state<S = any>(cloud: string): Promise<S>;
  resetAll(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1 with free ports; close it in afterAll. */
export async function startTestEmulator(options: StartOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator(options);
  const url = (cloud: string) => {
    const server = emulator.clouds[cloud];
    if (!server) throw new Error(`cloud ${cloud} is not running in this emulator`);
    return server.url;
  };
  const control = async (cloud: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url(cloud)}/_emulator/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
  return {
    ...emulator,
    url,
    fault: (cloud, spec) => control(cloud, "POST", "faults", spec),
    counts: (cloud) => control(cloud, "GET", "counts"),
    pendingFaults: (cloud) => control(cloud, "GET", "faults"),
    clearRequests: (cloud) => control(cloud, "DELETE", "requests"),
    state: (cloud) => control(cloud, "GET", "state"),
    resetAll: async () => {
      await Promise.all(Object.keys(emulator.clouds).map((c) => control(c, "POST", "reset")));
    },
  };
}

/** Environment for the NHN provider pointing at this emulator with its demo tenant. */
export function nhnEnv(emulator: TestEmulator, tenant: "demo" | "other" = "demo"): Record<string, string> {
  return {
    OS_AUTH_URL: `${emulator.url("nhn")}/v2.0`,
    OS_TENANT_ID: `${tenant}-tenant`,
    OS_USERNAME: tenant,
    OS_PASSWORD: `${tenant}-password`,
  };
}

/** Environment for the OpenStack provider: an openrc for this emulator's demo user (password, project by name) or its application credential. */
export function openstackEnv(
  emulator: TestEmulator,
  auth: "password" | "application-credential" = "password",
): Record<string, string | undefined> {
  const d = emulator.describe().openstack as Record<string, string>;
  const common = { OS_AUTH_URL: d.authUrl, OS_REGION_NAME: d.region };
  if (auth === "application-credential")
    return {
      ...common,
      OS_APPLICATION_CREDENTIAL_ID: d.applicationCredentialId,
      OS_APPLICATION_CREDENTIAL_SECRET: d.applicationCredentialSecret,
    };
  return {
    ...common,
    OS_USERNAME: d.username,
    OS_PASSWORD: d.password,
    OS_PROJECT_NAME: d.projectName,
    OS_USER_DOMAIN_NAME: d.userDomainName,
    OS_PROJECT_DOMAIN_NAME: d.projectDomainName,
  };
}

/** Environment for the Scaleway provider pointing at this emulator with the demo key it prints on startup. */
export function scalewayEnv(emulator: TestEmulator): Record<string, string> {
  const d = emulator.describe().scaleway as { url: string; accessKey: string; secretKey: string; projectId: string; zone: string };
  return {
    SCW_API_URL: d.url,
    SCW_ACCESS_KEY: d.accessKey,
    SCW_SECRET_KEY: d.secretKey,
    SCW_DEFAULT_PROJECT_ID: d.projectId,
    SCW_DEFAULT_ZONE: d.zone,
  };
}

/** Sets environment variables for the duration of a test file; returns a restore function. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Environment for the Genesis Cloud provider pointing at this emulator with a project's demo token, polling fast. */
export function genesisEnv(emulator: TestEmulator, token = "demo-token"): Record<string, string> {
  return {
    GENESISCLOUD_ENDPOINT: emulator.url("genesiscloud"),
    GENESISCLOUD_TOKEN: token,
    GENESISCLOUD_POLL_INTERVAL_MS: "10",
    GENESISCLOUD_SETTLE_TIMEOUT_MS: "10000",
  };
}

/** Environment for the Huawei Cloud providers pointing at this emulator's VPC and Nova listeners with the demo key pair. */
export function huaweicloudEnv(emulator: TestEmulator): Record<string, string> {
  const vpc = emulator.describe().huaweicloud as { url: string; accessKey: string; secretKey: string; projectId: string };
  return {
    HW_ACCESS_KEY: vpc.accessKey,
    HW_SECRET_KEY: vpc.secretKey,
    HW_PROJECT_ID: vpc.projectId,
    HUAWEICLOUD_VPC_ENDPOINT: vpc.url,
    ...(emulator.clouds.huaweicloudNova ? { HUAWEICLOUD_ECS_ENDPOINT: emulator.url("huaweicloudNova") } : {}),
  };
}

/**
 * Registers this test file's emulator: started in beforeAll with the environment `envFor` returns (none by default;
 * restored and closed in afterAll), reset before each test. Returns a getter, usable inside hooks and tests.
 */
export function useEmulatorWithEnv(
  options: StartOptions,
  envFor: (emu: TestEmulator) => Record<string, string | undefined> = () => ({}),
): () => TestEmulator {
  let emu: TestEmulator | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator(options);
    restore = setEnv(envFor(emu));
  });
  afterAll(async () => {
    restore?.();
    await emu?.close();
  });
  beforeEach(() => emulator().resetAll());
  const emulator = () => {
    if (!emu) throw new Error("the emulator starts in beforeAll: use it inside a hook or a test");
    return emu;
  };
  return emulator;
}
