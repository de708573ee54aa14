import type { CloudEmulator, EmulatorOptions } from "../types";
import { initialNeutronState, NeutronState } from "../neutron/model";
import { neutronRefusal, neutronUnrouted } from "../neutron/errors";
import { neutronRoutes } from "../neutron/routes";
import { issueToken, keystoneUsers, versionDocument } from "./auth";

const regionOf = (options: EmulatorOptions) => options.settings?.["openstack.region"] ?? "RegionOne";

/** Any OpenStack cloud: Keystone v3 tokens and upstream Neutron v2.0 (every field, IPv6 included) on one listener. */
export const openstackEmulator: CloudEmulator<NeutronState> = {
  name: "openstack",
  initialState: (options) =>
    initialNeutronState({ cloud: "openstack", region: "RegionOne", ...keystoneUsers(options.settings), allowIpv6: true }, options.settings),
  routes: neutronRoutes({
    cloud: "openstack",
    identityRoutes: [
      { method: "GET", path: "/v3", handler: versionDocument },
      { method: "POST", path: "/v3/auth/tokens", handler: issueToken },
    ],
    groupWire: (g) => g,
    ruleWire: (r) => r,
    portWire: (p) => p,
  }),
  normalizePath: (p) => (p.startsWith("/v2.0/") ? p.replace(/\.json$/, "") : p),
  refusal: neutronRefusal,
  unrouted: neutronUnrouted,
  demoConfig: (url, options) => {
    const demo = keystoneUsers(options.settings).users[0];
    return {
      "secgroups:openstackAuthUrl": `${url}/v3`,
      "secgroups:openstackUsername": demo.username,
      "secgroups:openstackPassword": demo.password,
      "secgroups:openstackProjectId": demo.tenantId,
      "secgroups:openstackUserDomainName": demo.domain ?? "Default",
      "secgroups:openstackRegion": regionOf(options),
    };
  },
  describe: (url, options) => {
    const { users, applicationCredentials } = keystoneUsers(options.settings);
    const demo = users[0];
    const app = applicationCredentials[0];
    return {
      url,
      authUrl: `${url}/v3`,
      region: regionOf(options),
      username: demo.username,
      password: demo.password,
      userDomainName: demo.domain,
      projectName: demo.projectName,
      projectDomainName: demo.projectDomain,
      projectId: demo.tenantId,
      applicationCredentialId: app.id,
      applicationCredentialSecret: app.secret,
    };
  },
};
