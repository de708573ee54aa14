import { z } from "zod";
import { SecgroupsError } from "../core/errors";
import { createHttpClient } from "../core/http";
import { readSettings, SettingSpec } from "../core/settings";
import { parseNeutronError } from "../neutron/errors";
import { endpointForRegion, KeystoneToken, neutronClient, NeutronConnection } from "../neutron/session";

/** OpenStack settings: the OS_* variables of the OpenStack CLI and SDKs (an openrc file), or `secgroups:openstack*` stack config. */
export const OPENSTACK_SETTINGS = {
  authUrl: { key: "openstackAuthUrl", env: ["OS_AUTH_URL"] },
  username: { key: "openstackUsername", env: ["OS_USERNAME"] },
  password: { key: "openstackPassword", env: ["OS_PASSWORD"], secret: true },
  projectName: { key: "openstackProjectName", env: ["OS_PROJECT_NAME", "OS_TENANT_NAME"] },
  projectId: { key: "openstackProjectId", env: ["OS_PROJECT_ID", "OS_TENANT_ID"] },
  userDomainName: { key: "openstackUserDomainName", env: ["OS_USER_DOMAIN_NAME"], default: "Default" },
  projectDomainName: { key: "openstackProjectDomainName", env: ["OS_PROJECT_DOMAIN_NAME"], default: "Default" },
  region: { key: "openstackRegion", env: ["OS_REGION_NAME"] },
  interface: { key: "openstackInterface", env: ["OS_INTERFACE"], default: "public" },
  applicationCredentialId: { key: "openstackApplicationCredentialId", env: ["OS_APPLICATION_CREDENTIAL_ID"] },
  applicationCredentialSecret: { key: "openstackApplicationCredentialSecret", env: ["OS_APPLICATION_CREDENTIAL_SECRET"], secret: true },
  networkEndpoint: { key: "openstackNetworkEndpoint", env: ["OPENSTACK_NETWORK_ENDPOINT"] },
} satisfies Record<string, SettingSpec>;

type Settings = Record<keyof typeof OPENSTACK_SETTINGS, string | undefined>;

const TokenResponse = () =>
  z.looseObject({
    token: z.looseObject({
      expires_at: z.string(),
      catalog: z
        .array(
          z.looseObject({
            type: z.string(),
            endpoints: z.array(
              z.looseObject({
                interface: z.string().optional(),
                region: z.string().nullable().optional(),
                region_id: z.string().nullable().optional(),
                url: z.string(),
              }),
            ),
          }),
        )
        .default([]),
    }),
  });

/** The network API client, signed in with Keystone v3: password scoped to a project, or an application credential. */
export async function connect(): Promise<NeutronConnection> {
  const s = settings();
  const client = await neutronClient({
    cloud: "OpenStack",
    cacheKey: JSON.stringify([
      "openstack",
      s.authUrl,
      s.username,
      s.userDomainName,
      s.projectId,
      s.projectName,
      s.projectDomainName,
      s.applicationCredentialId,
      s.region,
      s.interface,
      s.networkEndpoint,
    ]),
    networkEndpoint: s.networkEndpoint,
    region: s.region,
    endpointHint: "OS_REGION_NAME or OPENSTACK_NETWORK_ENDPOINT",
    issue: () => issueToken(s),
  });
  return { client };
}

function settings(): Settings {
  const s = readSettings("OpenStack", OPENSTACK_SETTINGS, ["authUrl"]);
  const fail = (detail: string) => new SecgroupsError("Configuration", { operation: "OpenStack configuration" }, detail);
  if (s.applicationCredentialId !== undefined || s.applicationCredentialSecret !== undefined) {
    if (s.applicationCredentialId === undefined || s.applicationCredentialSecret === undefined) {
      throw fail(
        "set both OS_APPLICATION_CREDENTIAL_ID and OS_APPLICATION_CREDENTIAL_SECRET (or secgroups:openstackApplicationCredentialId and secgroups:openstackApplicationCredentialSecret)",
      );
    }
    return s;
  }
  if (s.username === undefined || s.password === undefined) {
    throw fail(
      "missing credentials: set OS_USERNAME and OS_PASSWORD (with OS_PROJECT_NAME or OS_PROJECT_ID), or OS_APPLICATION_CREDENTIAL_ID and OS_APPLICATION_CREDENTIAL_SECRET",
    );
  }
  if (s.projectId === undefined && s.projectName === undefined)
    throw fail("missing project: set OS_PROJECT_NAME or OS_PROJECT_ID (or secgroups:openstackProjectName / secgroups:openstackProjectId)");
  return s;
}

/** The Keystone v3 sign-in body: an application credential, or a password scoped to the project. */
export function authBody(s: Settings): Record<string, unknown> {
  if (s.applicationCredentialId !== undefined) {
    return {
      auth: {
        identity: {
          methods: ["application_credential"],
          application_credential: { id: s.applicationCredentialId, secret: s.applicationCredentialSecret },
        },
      },
    };
  }
  const project = s.projectId !== undefined ? { id: s.projectId } : { name: s.projectName, domain: { name: s.projectDomainName } };
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: s.username, domain: { name: s.userDomainName }, password: s.password } },
      },
      scope: { project },
    },
  };
}

/** `POST /v3/auth/tokens`: the token is in `X-Subject-Token`; the catalog names the network endpoint. */
async function issueToken(s: Settings): Promise<KeystoneToken> {
  const base = s
    .authUrl!.replace(/\/+$/, "")
    .replace(/\/auth\/tokens$/, "")
    .replace(/\/v3$/, "");
  const identity = createHttpClient({ cloud: "OpenStack identity", baseUrl: base, parseError: parseNeutronError });
  const res = await identity.request({
    operation: "OpenStack sign-in",
    method: "POST",
    path: "/v3/auth/tokens",
    body: authBody(s),
    response: TokenResponse(),
    idempotent: true,
  });
  const id = res.headers["x-subject-token"];
  if (typeof id !== "string" || !id)
    throw new SecgroupsError(
      "ResponseValidation",
      { operation: "OpenStack sign-in" },
      "Keystone answered without an X-Subject-Token header",
    );
  const network = res.body.token.catalog.find((c) => c.type === "network");
  const endpoints = (network?.endpoints ?? []).filter((e) => (e.interface ?? "public") === s.interface);
  const url = endpointForRegion(
    endpoints.map((e) => ({ ...e, region: e.region ?? undefined, region_id: e.region_id ?? undefined })),
    s.region,
  )?.url;
  return { id, expires: Date.parse(res.body.token.expires_at), networkUrl: url?.replace(/\/v2\.0\/?$/, "") };
}
