import { createHttpClient, HttpClient } from "../core/http";
import { readSettings, settingSources, SettingSpec } from "../core/settings";
import { SecgroupsError } from "../core/errors";
import { registerSecret } from "../core/log";
import { parseNeutronError } from "./errors";
import { TokenResponse } from "./wire-schemas";

/** NHN Cloud settings: the OpenStack variables NHN users already set, or `secgroups:*` stack config. */
export const NHN_SETTINGS = {
  authUrl: { key: "nhnAuthUrl", env: ["OS_AUTH_URL"], default: "https://api-identity-infrastructure.nhncloudservice.com/v2.0" },
  tenantId: { key: "nhnTenantId", env: ["OS_TENANT_ID", "OS_PROJECT_ID"] },
  username: { key: "nhnUsername", env: ["OS_USERNAME"] },
  password: { key: "nhnPassword", env: ["OS_PASSWORD"], secret: true },
  region: { key: "nhnRegion", env: ["OS_REGION_NAME"], default: "KR1" },
  networkEndpoint: { key: "nhnNetworkEndpoint", env: ["NHN_NETWORK_ENDPOINT"] },
} satisfies Record<string, SettingSpec>;

interface Token {
  id: string;
  expires: number;
  networkUrl: string;
}

const tokens = new Map<string, Promise<Token>>();
const clients = new Map<string, HttpClient>();

/** The network API client for the configured tenant; the Keystone token is fetched once per process and renewed before expiry. */
export async function networkClient(): Promise<HttpClient> {
  const s = readSettings("NHN Cloud", NHN_SETTINGS, ["tenantId", "username", "password"]);
  const cacheKey = JSON.stringify([s.authUrl, s.tenantId, s.username, s.region, s.networkEndpoint]);
  const token = await tokenFor(cacheKey, s);
  let client = clients.get(cacheKey);
  if (!client) {
    const inner = createHttpClient({
      cloud: "NHN Cloud",
      baseUrl: s.networkEndpoint ?? token.networkUrl,
      parseError: parseNeutronError,
      authorize: async () => ({ "x-auth-token": (await tokenFor(cacheKey, s)).id }),
      credentialsFrom: settingSources([NHN_SETTINGS.username, NHN_SETTINGS.password, NHN_SETTINGS.tenantId]),
      endpointFrom: s.networkEndpoint ? settingSources([NHN_SETTINGS.networkEndpoint]) : `the service catalog of ${settingSources([NHN_SETTINGS.authUrl])}`,
    });
    // A token revoked or expired early answers 401 before anything is done: sign in again once.
    client = {
      baseUrl: inner.baseUrl,
      request: (req) =>
        inner.request(req).catch((error) => {
          if (!(error instanceof SecgroupsError && error.code === "Unauthorized")) throw error;
          tokens.delete(cacheKey);
          return inner.request(req);
        }),
    };
    clients.set(cacheKey, client);
  }
  return client;
}

async function tokenFor(cacheKey: string, s: Record<keyof typeof NHN_SETTINGS, string | undefined>): Promise<Token> {
  const cached = tokens.get(cacheKey);
  if (cached) {
    const t = await cached.catch(() => undefined);
    if (t && t.expires - Date.now() > 5 * 60_000) return t;
  }
  const fresh = issueToken(s);
  tokens.set(cacheKey, fresh);
  fresh.catch(() => tokens.delete(cacheKey));
  return fresh;
}

async function issueToken(s: Record<keyof typeof NHN_SETTINGS, string | undefined>): Promise<Token> {
  const identity = createHttpClient({
    cloud: "NHN Cloud identity",
    baseUrl: s.authUrl!.replace(/\/tokens\/?$/, "").replace(/\/v2\.0\/?$/, ""),
    parseError: parseNeutronError,
    credentialsFrom: settingSources([NHN_SETTINGS.username, NHN_SETTINGS.password, NHN_SETTINGS.tenantId]),
    endpointFrom: settingSources([NHN_SETTINGS.authUrl]),
  });
  const res = await identity.request({
    operation: "NHN Cloud sign-in",
    method: "POST",
    path: "/v2.0/tokens",
    body: { auth: { tenantId: s.tenantId, passwordCredentials: { username: s.username, password: s.password } } },
    response: TokenResponse,
    idempotent: true,
  });
  const access = res.body.access;
  const network = access.serviceCatalog.find((c) => c.type === "network");
  const endpoint = network?.endpoints.find((e) => !s.region || !e.region || e.region.toUpperCase() === s.region.toUpperCase()) ?? network?.endpoints[0];
  if (!endpoint && !s.networkEndpoint) {
    throw new SecgroupsError("Configuration", { operation: "NHN Cloud sign-in" }, `the service catalog has no network endpoint for region ${s.region}; set OS_REGION_NAME or NHN_NETWORK_ENDPOINT`);
  }
  registerSecret(access.token.id);
  return { id: access.token.id, expires: Date.parse(access.token.expires), networkUrl: endpoint?.publicURL ?? s.networkEndpoint! };
}
