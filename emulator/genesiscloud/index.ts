import type { CloudEmulator } from "../types";
import { controlRoutes } from "./control";
import { errors, genesisError } from "./errors";
import { initialGenesisState, GenesisState } from "./model";
import { apiRoutes } from "./routes";

/** Genesis Cloud compute API v1 security groups (asynchronous, rules embedded in the group). */
export const genesiscloudEmulator: CloudEmulator<GenesisState> = {
  name: "genesiscloud",
  initialState: (options) => initialGenesisState(options.settings),
  routes: [...apiRoutes, ...controlRoutes],
  refusal: (status, message) => {
    const { body } = genesisError(
      status,
      status === 500 ? "InternalError" : status === 413 ? "PayloadTooLarge" : "InvalidRequest",
      message,
    );
    return { status, body };
  },
  unrouted: () => ({ status: 501, body: errors.invalidRoute().body }),
  demoConfig: (url, options) => ({
    "secgroups:genesiscloudEndpoint": url,
    "secgroups:genesiscloudToken": Object.keys(initialGenesisState(options.settings).tokens)[0],
    "secgroups:genesiscloudPollIntervalMs": "100",
  }),
  describe: (url, options) => ({ url, token: Object.keys(initialGenesisState(options.settings).tokens)[0] }),
};
