import { createHttpClient, HttpClient } from "../core/http";
import { SecgroupsError } from "../core/errors";
import { readSettings, settingSources, SettingSpec } from "../core/settings";
import { parseScalewayError } from "./errors";

/** Scaleway settings: the SCW_* variables Scaleway's CLI, SDKs and Terraform provider read, or `secgroups:*` stack config. */
export const SCALEWAY_SETTINGS = {
  secretKey: { key: "scalewaySecretKey", env: ["SCW_SECRET_KEY"], secret: true },
  accessKey: { key: "scalewayAccessKey", env: ["SCW_ACCESS_KEY"] },
  projectId: { key: "scalewayProjectId", env: ["SCW_DEFAULT_PROJECT_ID"] },
  zone: { key: "scalewayZone", env: ["SCW_DEFAULT_ZONE"], default: "fr-par-1" },
  apiUrl: { key: "scalewayApiUrl", env: ["SCW_API_URL"], default: "https://api.scaleway.com" },
} satisfies Record<string, SettingSpec>;

export interface ScalewayConnection {
  client: HttpClient;
  /** The zone a resource without `zone` lives in. */
  defaultZone: string;
  /** The project a group without `projectId` is created in, if configured. */
  defaultProjectId?: string;
}

const clients = new Map<string, HttpClient>();

/** The Instance API client for the configured key; `X-Auth-Token` carries the secret key on every attempt. */
export function connect(): ScalewayConnection {
  const s = readSettings("Scaleway", SCALEWAY_SETTINGS, ["secretKey"]);
  const cacheKey = JSON.stringify([s.apiUrl, s.secretKey]);
  let client = clients.get(cacheKey);
  if (!client) {
    const secretKey = s.secretKey!;
    client = createHttpClient({
      cloud: "Scaleway",
      baseUrl: s.apiUrl!.replace(/\/+$/, ""),
      parseError: parseScalewayError,
      authorize: () => ({ "x-auth-token": secretKey }),
      credentialsFrom: settingSources([SCALEWAY_SETTINGS.secretKey]),
      endpointFrom: settingSources([SCALEWAY_SETTINGS.apiUrl]),
    });
    clients.set(cacheKey, client);
  }
  return { client, defaultZone: s.zone!, defaultProjectId: s.projectId };
}

/** The project for a new group: its own `projectId`, else SCW_DEFAULT_PROJECT_ID; one clear error when neither is set. */
export function projectFor(conn: ScalewayConnection, projectId: string | undefined): string {
  const project = projectId ?? conn.defaultProjectId;
  if (!project) {
    throw new SecgroupsError(
      "Configuration",
      { operation: "Scaleway configuration" },
      "no project for the security group: set its projectId, SCW_DEFAULT_PROJECT_ID or `pulumi config set secgroups:scalewayProjectId ...`",
    );
  }
  return project;
}
