import { createHttpClient, HttpClient } from "../core/http";
import { SecgroupsError } from "../core/errors";
import { registerSecret } from "../core/log";
import { howToSet, readSettings, settingSources, SettingSpec } from "../core/settings";
import { parseHuaweiError } from "./errors";
import { signRequest } from "./signer";
import { IamToken } from "./wire-schemas";

/** Huawei Cloud settings, named as the Huawei Terraform provider and CLI users already set them, or `secgroups:*` stack config. */
export const HUAWEI_SETTINGS = {
  accessKey: { key: "huaweicloudAccessKey", env: ["HW_ACCESS_KEY", "HUAWEICLOUD_ACCESS_KEY"], secret: true },
  secretKey: { key: "huaweicloudSecretKey", env: ["HW_SECRET_KEY", "HUAWEICLOUD_SECRET_KEY"], secret: true },
  projectId: { key: "huaweicloudProjectId", env: ["HW_PROJECT_ID", "HUAWEICLOUD_PROJECT_ID"] },
  region: { key: "huaweicloudRegion", env: ["HW_REGION_NAME", "HUAWEICLOUD_REGION"] },
  vpcEndpoint: { key: "huaweicloudVpcEndpoint", env: ["HW_VPC_ENDPOINT", "HUAWEICLOUD_VPC_ENDPOINT"] },
  ecsEndpoint: { key: "huaweicloudEcsEndpoint", env: ["HW_ECS_ENDPOINT", "HUAWEICLOUD_ECS_ENDPOINT"] },
  iamEndpoint: {
    key: "huaweicloudIamEndpoint",
    env: ["HW_AUTH_URL", "HUAWEICLOUD_IAM_ENDPOINT"],
    default: "https://iam.myhuaweicloud.com",
  },
  userName: { key: "huaweicloudUserName", env: ["HW_USER_NAME"] },
  password: { key: "huaweicloudPassword", env: ["HW_PASSWORD"], secret: true },
  domainName: { key: "huaweicloudDomainName", env: ["HW_DOMAIN_NAME"] },
  dryRun: { key: "huaweicloudDryRun", env: ["HUAWEICLOUD_DRY_RUN"], default: "true" },
} satisfies Record<string, SettingSpec>;

type Settings = Record<keyof typeof HUAWEI_SETTINGS, string | undefined>;

const clients = new Map<string, HttpClient>();
const tokens = new Map<string, Promise<{ id: string; expires: number }>>();

/** Whether `check` may ask the cloud for a dry run (credentials present and not switched off). */
export function dryRunEnabled(): boolean {
  try {
    const s = settings();
    return s.dryRun !== "false";
  } catch {
    return false;
  }
}

/** A signed-in client and the project its requests go to. */
export interface HuaweiConnection {
  client: HttpClient;
  projectId: string;
}

/** The connection of the VPC (`"vpc"`) or ECS Nova (`"ecs"`) endpoint: AK/SK-signed or IAM-token client, and the project. */
export function connect(service: "vpc" | "ecs"): HuaweiConnection {
  return { client: apiClient(service), projectId: settings().projectId! };
}

/** The first two arguments of every api-client call: `api.getGroup(...at(connect("vpc")), id)`. */
export const at = (conn: HuaweiConnection): [HttpClient, string] => [conn.client, conn.projectId];

/** The signed (AK/SK) or token-authenticated client of the VPC (`"vpc"`) or ECS Nova (`"ecs"`) endpoint. */
function apiClient(service: "vpc" | "ecs"): HttpClient {
  const s = settings();
  const endpointSpec = service === "vpc" ? HUAWEI_SETTINGS.vpcEndpoint : HUAWEI_SETTINGS.ecsEndpoint;
  const endpoint =
    (service === "vpc" ? s.vpcEndpoint : s.ecsEndpoint) ?? (s.region ? `https://${service}.${s.region}.myhuaweicloud.com` : undefined);
  if (!endpoint) {
    throw new SecgroupsError(
      "Configuration",
      { operation: "Huawei Cloud configuration" },
      `the ${service.toUpperCase()} endpoint is unknown: set ${howToSet(HUAWEI_SETTINGS.region)}, or ${howToSet(endpointSpec)}`,
    );
  }
  const cacheKey = JSON.stringify([endpoint, s.accessKey, s.projectId, s.userName, s.domainName]);
  let client = clients.get(cacheKey);
  if (!client) {
    const useKeys = s.accessKey !== undefined;
    client = createHttpClient({
      cloud: service === "vpc" ? "Huawei Cloud VPC" : "Huawei Cloud ECS",
      baseUrl: endpoint,
      parseError: parseHuaweiError,
      authorize: useKeys
        ? (req) => {
            const signed: Record<string, string> = { "X-Project-Id": s.projectId! };
            if (req.headers["content-type"]) signed["content-type"] = req.headers["content-type"];
            return signRequest({ ...req, headers: signed }, { accessKey: s.accessKey!, secretKey: s.secretKey! });
          }
        : async () => ({ "X-Auth-Token": (await token(s)).id }),
      credentialsFrom: settingSources(
        useKeys ? [HUAWEI_SETTINGS.accessKey, HUAWEI_SETTINGS.secretKey, HUAWEI_SETTINGS.projectId] : PASSWORD_SPECS,
      ),
      endpointFrom: endpointSource(service, s),
    });
    clients.set(cacheKey, client);
  }
  return client;
}

/** Where the endpoint of a service comes from: its own setting, or the region it is derived from. */
function endpointSource(service: "vpc" | "ecs", s: Settings): string {
  const own = service === "vpc" ? s.vpcEndpoint : s.ecsEndpoint;
  return own
    ? settingSources([service === "vpc" ? HUAWEI_SETTINGS.vpcEndpoint : HUAWEI_SETTINGS.ecsEndpoint])
    : `the region in ${settingSources([HUAWEI_SETTINGS.region])}`;
}

/** Where the VPC endpoint in use comes from, for messages about it. */
export function vpcEndpointSource(): string {
  return endpointSource("vpc", settings());
}

const PASSWORD_SPECS = [HUAWEI_SETTINGS.userName, HUAWEI_SETTINGS.password, HUAWEI_SETTINGS.domainName, HUAWEI_SETTINGS.projectId];

/** The settings, or one error listing everything missing: the project id and whichever credentials are incomplete. */
function settings(): Settings {
  const s = readSettings("Huawei Cloud", HUAWEI_SETTINGS, []);
  const missing: string[] = [];
  if (s.projectId === undefined) missing.push(howToSet(HUAWEI_SETTINGS.projectId));
  const keys = s.accessKey !== undefined || s.secretKey !== undefined;
  const password = [s.userName, s.password, s.domainName];
  if (keys) {
    if (s.accessKey === undefined) missing.push(howToSet(HUAWEI_SETTINGS.accessKey));
    if (s.secretKey === undefined) missing.push(howToSet(HUAWEI_SETTINGS.secretKey));
  } else if (password.some((v) => v !== undefined)) {
    const specs = [HUAWEI_SETTINGS.userName, HUAWEI_SETTINGS.password, HUAWEI_SETTINGS.domainName];
    specs.forEach((spec, i) => password[i] === undefined && missing.push(howToSet(spec)));
  } else {
    missing.push(
      `credentials: ${howToSet(HUAWEI_SETTINGS.accessKey)} and ${howToSet(HUAWEI_SETTINGS.secretKey)} for AK/SK signing, or HW_USER_NAME, HW_PASSWORD and HW_DOMAIN_NAME for an IAM token`,
    );
  }
  if (missing.length)
    throw new SecgroupsError("Configuration", { operation: "Huawei Cloud configuration" }, `missing ${missing.join(", ")}`);
  return s;
}

async function token(s: Settings): Promise<{ id: string; expires: number }> {
  const key = JSON.stringify([s.iamEndpoint, s.userName, s.domainName, s.projectId]);
  const cached = await tokens.get(key)?.catch(() => undefined);
  if (cached && cached.expires - Date.now() > 10 * 60_000) return cached;
  const fresh = (async () => {
    const iam = createHttpClient({
      cloud: "Huawei Cloud IAM",
      baseUrl: s.iamEndpoint!,
      parseError: parseHuaweiError,
      credentialsFrom: settingSources(PASSWORD_SPECS),
      endpointFrom: settingSources([HUAWEI_SETTINGS.iamEndpoint]),
    });
    const res = await iam.request({
      operation: "Huawei Cloud IAM sign-in",
      method: "POST",
      path: "/v3/auth/tokens",
      body: {
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: s.userName, password: s.password, domain: { name: s.domainName } } },
          },
          scope: { project: { id: s.projectId } },
        },
      },
      response: IamToken,
      idempotent: true,
    });
    const id = String(res.headers["x-subject-token"] ?? "");
    registerSecret(id);
    return { id, expires: Date.parse(res.body.token.expires_at) };
  })();
  tokens.set(key, fresh);
  return fresh;
}
