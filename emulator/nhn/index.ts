import type { CloudEmulator } from "../types";
import { initialNeutronState, NeutronState, NeutronUser } from "../neutron/model";
import { pick } from "../neutron/profile";
import { neutronRefusal, neutronUnrouted } from "../neutron/errors";
import { neutronRoutes } from "../neutron/routes";
import { issueToken } from "./auth";

// The fields NHN's Security Groups and VPC guides show (seed 000, NHN-SG); upstream Neutron's others are left out.
const GROUP_FIELDS = ["id", "name", "description", "tenant_id", "security_group_rules"];
const RULE_FIELDS = [
  "id",
  "security_group_id",
  "direction",
  "ethertype",
  "protocol",
  "port_range_min",
  "port_range_max",
  "remote_ip_prefix",
  "remote_group_id",
  "description",
  "tenant_id",
];
const PORT_FIELDS = [
  "id",
  "name",
  "status",
  "admin_state_up",
  "network_id",
  "tenant_id",
  "project_id",
  "device_owner",
  "device_id",
  "mac_address",
  "fixed_ips",
  "security_groups",
];

/** `nhn.users=name:password:tenant,...` (default: the demo and other tenants). */
function nhnUsers(settings: Record<string, string> = {}): NeutronUser[] {
  return (settings["nhn.users"] ?? "demo:demo-password:demo-tenant,other:other-password:other-tenant")
    .split(",")
    .map((u) => u.split(":"))
    .map(([username, password, tenantId]) => ({ username, password, tenantId }));
}

/**
 * NHN Cloud: Keystone v2.0 tokens and the Neutron v2.0 security-group API on one listener. IPv4 rules only, as
 * the guide says (`nhn.ipv6=accept` for Neutron's behaviour); answers carry the fields the guide shows.
 */
export const nhnEmulator: CloudEmulator<NeutronState> = {
  name: "nhn",
  initialState: (options) =>
    initialNeutronState({ cloud: "nhn", region: "KR1", users: nhnUsers(options.settings), allowIpv6: false }, options.settings),
  routes: neutronRoutes({
    cloud: "nhn",
    identityRoutes: [{ method: "POST", path: "/v2.0/tokens", handler: issueToken }],
    groupWire: pick(GROUP_FIELDS),
    ruleWire: pick(RULE_FIELDS),
    portWire: pick(PORT_FIELDS),
    securityGroupPorts: true,
  }),
  normalizePath: (p) => p.replace(/\.json$/, ""),
  refusal: neutronRefusal,
  unrouted: neutronUnrouted,
  demoConfig: (url) => ({
    "secgroups:nhnAuthUrl": `${url}/v2.0`,
    "secgroups:nhnTenantId": "demo-tenant",
    "secgroups:nhnUsername": "demo",
    "secgroups:nhnPassword": "demo-password",
  }),
  describe: (url) => ({ url, authUrl: `${url}/v2.0`, tenantId: "demo-tenant", username: "demo", password: "demo-password" }),
};
