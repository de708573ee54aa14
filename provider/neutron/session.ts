import { SecgroupsError } from "../core/errors";
import { createHttpClient, HttpClient } from "../core/http";
import { registerSecret } from "../core/log";
import { retrying } from "../core/operation";
import { parseNeutronError } from "./errors";

/** A Keystone token (v2.0 or v3) and the network endpoint its catalog names. */
export interface KeystoneToken {
  id: string;
  /** Expiry, ms since the epoch. */
  expires: number;
  /** The catalog's network endpoint for the region, when it has one. */
  networkUrl?: string;
}

/** What every cloud's `connect()` returns; Neutron needs only the signed-in client. */
export interface NeutronConnection {
  client: HttpClient;
}

/** How one profile signs in; `cacheKey` names the identity (never the password). */
export interface SignIn {
  cloud: string;
  cacheKey: string;
  /** Overrides the catalog's endpoint (and is the only endpoint when the catalog has none). */
  networkEndpoint?: string;
  /** The region whose endpoint the catalog must hold, for the error message. */
  region?: string;
  /** The settings that name the endpoint, for the error message. */
  endpointHint: string;
  /** Where the credentials came from (`settingSources`), named when the cloud refuses them. */
  credentialsFrom?: string;
  /** Where the endpoint came from, named when it cannot be reached. */
  endpointFrom?: string;
  issue(): Promise<KeystoneToken>;
}

const tokens = new Map<string, Promise<KeystoneToken>>();
const clients = new Map<string, HttpClient>();

/**
 * The Neutron client of one identity: the token is fetched once per process, renewed five minutes
 * before it expires, and fetched again when the API answers 401 (revoked or expired early; the operation's `reauthentications`).
 */
export async function neutronClient(s: SignIn): Promise<HttpClient> {
  const token = await tokenFor(s);
  let client = clients.get(s.cacheKey);
  if (client) return client;
  const baseUrl = s.networkEndpoint ?? token.networkUrl;
  if (!baseUrl) {
    throw new SecgroupsError(
      "Configuration",
      { operation: `${s.cloud} sign-in` },
      `the service catalog has no network endpoint for region ${s.region ?? "(none)"}; set ${s.endpointHint}`,
    );
  }
  const inner = createHttpClient({
    cloud: s.cloud,
    baseUrl,
    parseError: parseNeutronError,
    authorize: async () => ({ "x-auth-token": (await tokenFor(s)).id }),
    credentialsFrom: s.credentialsFrom,
    endpointFrom: s.endpointFrom,
  });
  client = {
    baseUrl: inner.baseUrl,
    request: (req) =>
      retrying(
        "reauthentications",
        req.operation,
        () => inner.request(req),
        (error) => error instanceof SecgroupsError && error.code === "Unauthorized",
        () => void tokens.delete(s.cacheKey),
      ),
  };
  clients.set(s.cacheKey, client);
  return client;
}

async function tokenFor(s: SignIn): Promise<KeystoneToken> {
  const cached = tokens.get(s.cacheKey);
  if (cached) {
    const t = await cached.catch(() => undefined);
    if (t && t.expires - Date.now() > 5 * 60_000) return t;
  }
  const fresh = s.issue().then((t) => (registerSecret(t.id), t));
  tokens.set(s.cacheKey, fresh);
  fresh.catch(() => tokens.delete(s.cacheKey));
  return fresh;
}

/** The catalog endpoint of a region (case-insensitive), else the first one. */
export function endpointForRegion<E extends { region?: string; region_id?: string }>(
  endpoints: readonly E[],
  region: string | undefined,
): E | undefined {
  const regionOf = (e: E) => e.region_id ?? e.region;
  return endpoints.find((e) => !region || !regionOf(e) || regionOf(e)!.toUpperCase() === region.toUpperCase()) ?? endpoints[0];
}
