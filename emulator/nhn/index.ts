import type { CloudEmulator } from "../types";
import { initialNhnState, NhnState } from "./model";
import { routes } from "./routes";

/** NHN Cloud: Keystone v2.0 tokens and the Neutron v2.0 security-group API on one listener. */
export const nhnEmulator: CloudEmulator<NhnState> = {
  name: "nhn",
  initialState: (options) => initialNhnState(options.settings),
  routes,
  normalizePath: (p) => p.replace(/\.json$/, ""),
  // Neutron (webob) names the HTTP error in `type`; no published body limit, so the emulator default applies.
  refusal: (status, message) => {
    const type = { 400: "HTTPBadRequest", 413: "HTTPRequestEntityTooLarge", 500: "HTTPInternalServerError" }[status];
    return { status, body: { NeutronError: { type, message, detail: "" } } };
  },
  unrouted: (method, path) => ({ status: 501, body: { NeutronError: { type: "HTTPNotImplemented", message: `emulator: no route for ${method} ${path}`, detail: "" } } }),
  demoConfig: (url) => ({ "secgroups:nhnAuthUrl": `${url}/v2.0`, "secgroups:nhnTenantId": "demo-tenant", "secgroups:nhnUsername": "demo", "secgroups:nhnPassword": "demo-password" }),
  describe: (url) => ({ url, authUrl: `${url}/v2.0`, tenantId: "demo-tenant", username: "demo", password: "demo-password" }),
};
