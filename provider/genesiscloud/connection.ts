import { quote } from "../core/cut";
import { createHttpClient, HttpClient } from "../core/http";
import { SecgroupsError } from "../core/errors";
import { howToSet, readSettings, settingSources, SettingSpec } from "../core/settings";
import { parseGenesisError } from "./errors";
import { GENESIS_REGIONS } from "./inputs";

/** Genesis Cloud settings: the variables of Genesis's own Terraform provider, or `secgroups:*` stack config. */
export const GENESIS_SETTINGS = {
  token: { key: "genesiscloudToken", env: ["GENESISCLOUD_TOKEN"], secret: true },
  endpoint: { key: "genesiscloudEndpoint", env: ["GENESISCLOUD_ENDPOINT"], default: "https://api.genesiscloud.com" },
  region: { key: "genesiscloudRegion", env: ["GENESISCLOUD_REGION"] },
  settleTimeoutMs: { key: "genesiscloudSettleTimeoutMs", env: ["GENESISCLOUD_SETTLE_TIMEOUT_MS"], default: "600000" },
  pollIntervalMs: { key: "genesiscloudPollIntervalMs", env: ["GENESISCLOUD_POLL_INTERVAL_MS"], default: "1000" },
} satisfies Record<string, SettingSpec>;

/** An API client plus the settings that shape waiting and defaults. */
export interface Connection {
  client: HttpClient;
  region?: string;
  settleTimeoutMs: number;
  pollIntervalMs: number;
}

const clients = new Map<string, HttpClient>();

/** The compute API client for the configured token; one per endpoint and token per process. */
export function connect(): Connection {
  const s = readSettings("Genesis Cloud", GENESIS_SETTINGS, ["token"]);
  if (s.region !== undefined && !(GENESIS_REGIONS as readonly string[]).includes(s.region)) {
    throw new SecgroupsError(
      "Configuration",
      { operation: "Genesis Cloud configuration" },
      `${howToSet(GENESIS_SETTINGS.region)} must be one of the regions the API lists (${GENESIS_REGIONS.join(", ")}), not ${quote(s.region)}; it comes from ${settingSources([GENESIS_SETTINGS.region])}`,
    );
  }
  const key = JSON.stringify([s.endpoint, s.token]);
  let client = clients.get(key);
  if (!client) {
    client = createHttpClient({
      cloud: "Genesis Cloud",
      baseUrl: s.endpoint!,
      parseError: parseGenesisError,
      authorize: () => ({ authorization: `Bearer ${s.token}` }),
      credentialsFrom: settingSources([GENESIS_SETTINGS.token]),
      endpointFrom: settingSources([GENESIS_SETTINGS.endpoint]),
    });
    clients.set(key, client);
  }
  return { client, region: s.region, settleTimeoutMs: Number(s.settleTimeoutMs), pollIntervalMs: Number(s.pollIntervalMs) };
}
