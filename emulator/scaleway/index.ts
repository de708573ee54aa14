import type { CloudEmulator } from "../types";
import { DEMO_KEYS, initialScalewayState, ScwState } from "./model";
import { routes } from "./routes";

/** Scaleway Instance API v1: security groups and their rules under `/instance/v1/zones/{zone}/`. */
export const scalewayEmulator: CloudEmulator<ScwState> = {
  name: "scaleway",
  initialState: (options) => initialScalewayState(options.settings),
  routes,
  refusal: (status, message) => ({ status, body: { type: status === 500 ? "internal_error" : "invalid_request_error", message } }),
  unrouted: (method, path) => ({ status: 501, body: { type: "not_implemented", message: `emulator: no route for ${method} ${path}` } }),
  demoConfig: (url, options) => {
    const key = initialScalewayState(options.settings).keys[0] ?? DEMO_KEYS[0];
    return {
      "secgroups:scalewayApiUrl": url,
      "secgroups:scalewayAccessKey": key.accessKey,
      "secgroups:scalewaySecretKey": key.secretKey,
      "secgroups:scalewayProjectId": key.projects[0],
      "secgroups:scalewayZone": "fr-par-1",
    };
  },
  describe: (url, options) => {
    const key = initialScalewayState(options.settings).keys[0] ?? DEMO_KEYS[0];
    return { url, accessKey: key.accessKey, secretKey: key.secretKey, projectId: key.projects[0], zone: "fr-par-1" };
  },
};
