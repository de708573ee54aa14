import { z } from "zod";
import { createHttpClient } from "../core/http";
import { readSettings, settingSources, SettingSpec } from "../core/settings";
import { parseNeutronError } from "../neutron/errors";
import { endpointForRegion, KeystoneToken, neutronClient, NeutronConnection } from "../neutron/session";

/** NHN Cloud settings: the OpenStack variables NHN users already set, or `secgroups:*` stack config. */
export const NHN_SETTINGS = {
  authUrl: { key: "nhnAuthUrl", env: ["OS_AUTH_URL"], default: "https://api-identity-infrastructure.nhncloudservice.com/v2.0" },
  tenantId: { key: "nhnTenantId", env: ["OS_TENANT_ID", "OS_PROJECT_ID"] },
  username: { key: "nhnUsername", env: ["OS_USERNAME"] },
  password: { key: "nhnPassword", env: ["OS_PASSWORD"], secret: true },
  region: { key: "nhnRegion", env: ["OS_REGION_NAME"], default: "KR1" },
  networkEndpoint: { key: "nhnNetworkEndpoint", env: ["NHN_NETWORK_ENDPOINT"] },
  allowIpv6: { key: "nhnAllowIpv6", env: ["NHN_ALLOW_IPV6"], default: "false" },
} satisfies Record<string, SettingSpec>;

type Settings = Record<keyof typeof NHN_SETTINGS, string | undefined>;

const credentialsFrom = () => settingSources([NHN_SETTINGS.username, NHN_SETTINGS.password, NHN_SETTINGS.tenantId]);

const TokenResponse = () =>
  z.looseObject({
    access: z.looseObject({
      token: z.looseObject({ id: z.string(), expires: z.string() }),
      serviceCatalog: z.array(
        z.looseObject({ type: z.string(), endpoints: z.array(z.looseObject({ region: z.string().optional(), publicURL: z.string() })) }),
      ),
    }),
  });

/** The network API client for the configured tenant, signed in with Keystone v2.0 (NHN's identity API). */
export async function connect(): Promise<NeutronConnection> {
  const s = readSettings("NHN Cloud", NHN_SETTINGS, ["tenantId", "username", "password"]);
  const client = await neutronClient({
    cloud: "NHN Cloud",
    cacheKey: JSON.stringify(["nhn", s.authUrl, s.tenantId, s.username, s.region, s.networkEndpoint]),
    networkEndpoint: s.networkEndpoint,
    region: s.region,
    endpointHint: "OS_REGION_NAME or NHN_NETWORK_ENDPOINT",
    credentialsFrom: credentialsFrom(),
    endpointFrom: s.networkEndpoint
      ? settingSources([NHN_SETTINGS.networkEndpoint])
      : `the service catalog of ${settingSources([NHN_SETTINGS.authUrl])}`,
    issue: () => issueToken(s),
  });
  return { client };
}

/** `POST /v2.0/tokens` with the tenant and password; the catalog's network endpoint for the region. */
async function issueToken(s: Settings): Promise<KeystoneToken> {
  const identity = createHttpClient({
    cloud: "NHN Cloud identity",
    baseUrl: s.authUrl!.replace(/\/tokens\/?$/, "").replace(/\/v2\.0\/?$/, ""),
    parseError: parseNeutronError,
    credentialsFrom: credentialsFrom(),
    endpointFrom: settingSources([NHN_SETTINGS.authUrl]),
  });
  const res = await identity.request({
    operation: "NHN Cloud sign-in",
    method: "POST",
    path: "/v2.0/tokens",
    body: { auth: { tenantId: s.tenantId, passwordCredentials: { username: s.username, password: s.password } } },
    response: TokenResponse(),
    idempotent: true,
  });
  const access = res.body.access;
  const network = access.serviceCatalog.find((c) => c.type === "network");
  return {
    id: access.token.id,
    expires: Date.parse(access.token.expires),
    networkUrl: endpointForRegion(network?.endpoints ?? [], s.region)?.publicURL,
  };
}
