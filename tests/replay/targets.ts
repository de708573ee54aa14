import type { TestEmulator } from "../helpers/emulator";
import { signedFetch, HwEndpoint } from "../huaweicloud/signed-fetch";
import type { Fixture, Target } from "./engine";

/** How each cloud's recordings are sent to the emulator: its sign-in, its id keys, its volatile fields. */
export type TargetFactory = (emu: TestEmulator, fixture: Fixture) => Promise<Target>;

async function send(url: string, method: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: compared as absent
  }
  return { status: res.status, body: parsed };
}

/** The one project the Scaleway replay key owns; the recordings' project (= organization) ids map to it. */
export const SCW_REPLAY_PROJECT = "1e5c0000-0000-4000-8000-00000000beef";
export const SCW_REPLAY_SETTINGS = {
  "scaleway.keys": `SCWREPLAY00000000001:5ca1e000-0000-4000-8000-00000000beef:${SCW_REPLAY_PROJECT}:${SCW_REPLAY_PROJECT}`,
};

const scaleway: TargetFactory = async (emu, fixture) => {
  const projects = new Set<string>();
  for (const p of fixture.pairs) {
    const text = JSON.stringify(p.body ?? {}) + p.path;
    for (const m of text.matchAll(/"?(?:project|organization)"?[:=]"?([0-9a-f-]{36})/g)) projects.add(m[1]);
  }
  return {
    send: (method, path, body) =>
      send(`${emu.url("scaleway")}${path}`, method, { "x-auth-token": "5ca1e000-0000-4000-8000-00000000beef" }, body),
    ids: Object.fromEntries([...projects].map((p) => [p, SCW_REPLAY_PROJECT])),
    volatile: new Set(["creation_date", "modification_date"]),
    idKeys: new Set(["id", "resource_id"]),
    // 17 of the 140 recorded group answers say `syncing` for at most ~200 ms after a change, at random; the others `available`.
    transient: { state: ["available", "syncing"] },
  };
};

async function keystoneV2Token(url: string): Promise<string> {
  const res = await fetch(`${url}/v2.0/tokens`, {
    method: "POST",
    body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } } }),
  });
  return ((await res.json()) as { access: { token: { id: string } } }).access.token.id;
}

async function keystoneV3Token(d: Record<string, string>): Promise<string> {
  const auth = {
    identity: {
      methods: ["application_credential"],
      application_credential: { id: d.applicationCredentialId, secret: d.applicationCredentialSecret },
    },
  };
  const res = await fetch(`${d.authUrl}/auth/tokens`, { method: "POST", body: JSON.stringify({ auth }) });
  return res.headers.get("x-subject-token")!;
}

const NEUTRON_VOLATILE = new Set(["created_at", "updated_at", "revision_number"]);
const NEUTRON_IDS = new Set(["id", "security_group_id", "remote_group_id", "tenant_id", "project_id"]);

const nhn: TargetFactory = async (emu) => {
  const token = await keystoneV2Token(emu.url("nhn"));
  return {
    send: (m, p, b) => send(`${emu.url("nhn")}${p}`, m, { "x-auth-token": token }, b),
    volatile: NEUTRON_VOLATILE,
    idKeys: NEUTRON_IDS,
  };
};

const openstack: TargetFactory = async (emu) => {
  const token = await keystoneV3Token(emu.describe().openstack as Record<string, string>);
  return {
    send: (m, p, b) => send(`${emu.url("openstack")}${p}`, m, { "x-auth-token": token }, b),
    volatile: NEUTRON_VOLATILE,
    idKeys: NEUTRON_IDS,
  };
};

type Obj = Record<string, any>;

/**
 * The cloud-custodian recordings start from groups and rules that already exist: they are created first, with the
 * recorded names and rule fields, and their default rules removed, so the emulator holds what the recording's
 * first answers show (rules the recording itself creates are left to the replay).
 */
async function seedHuawei(send: Target["send"], fixture: Fixture, projectId: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const groups = new Map<string, Obj>();
  const rules = new Map<string, Obj>();
  const madeByReplay = new Set<string>();
  for (const p of fixture.pairs) {
    const r = p.response as Obj | undefined;
    if (!r || typeof r !== "object") continue;
    for (const x of [...(r.security_groups ?? []), ...(r.security_group_rules ?? []), r.security_group, r.security_group_rule]) {
      if (!x?.project_id) continue;
      ids[x.project_id] = projectId;
      if (p.method !== "GET") madeByReplay.add(x.id);
    }
    for (const g of r.security_groups ?? []) groups.set(g.id, g);
    if (p.method === "GET") for (const x of r.security_group_rules ?? []) if (!madeByReplay.has(x.id)) rules.set(x.id, x);
  }
  for (const x of rules.values())
    if (!groups.has(x.security_group_id))
      groups.set(x.security_group_id, { id: x.security_group_id, name: `replay-${x.security_group_id.slice(0, 8)}`, description: "" });
  for (const g of groups.values()) {
    const made = await send("POST", "/v3/{project_id}/vpc/security-groups", {
      security_group: { name: g.name, description: g.description ?? "", ...(g.tags?.length ? { tags: g.tags } : {}) },
    });
    const id = (made.body as Obj).security_group.id;
    ids[g.id] = id;
    for (const d of (made.body as Obj).security_group.security_group_rules ?? [])
      await send("DELETE", `/v3/{project_id}/vpc/security-group-rules/${d.id}`, undefined);
  }
  for (const x of rules.values()) {
    const fields = ["direction", "ethertype", "protocol", "multiport", "remote_ip_prefix", "action", "priority", "description"];
    const rule = Object.fromEntries(fields.filter((f) => x[f] !== null && x[f] !== undefined).map((f) => [f, x[f]]));
    const made = await send("POST", "/v3/{project_id}/vpc/security-group-rules", {
      security_group_rule: {
        ...rule,
        security_group_id: ids[x.security_group_id],
        ...(x.remote_group_id ? { remote_group_id: ids[x.remote_group_id] } : {}),
      },
    });
    if (made.status !== 201) throw new Error(`seeding rule ${x.id}: ${made.status} ${JSON.stringify(made.body)}`);
    ids[x.id] = (made.body as Obj).security_group_rule.id;
  }
  return ids;
}

const huaweicloud: TargetFactory = async (emu, fixture) => {
  const ep = emu.describe().huaweicloud as HwEndpoint;
  const send: Target["send"] = async (m, p, b) => {
    const [pathname, search = ""] = p.split("?");
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(v);
    const res = await signedFetch(ep, m, pathname, b, { query });
    return { status: res.status, body: res.body };
  };
  return {
    send,
    ids: await seedHuawei(send, fixture, ep.projectId),
    volatile: new Set(["created_at", "updated_at", "request_id"]),
    idKeys: new Set(["id", "security_group_id", "remote_group_id", "project_id"]),
  };
};

const huaweicloudNova: TargetFactory = async (emu) => {
  const ep = { ...(emu.describe().huaweicloud as HwEndpoint), url: emu.url("huaweicloudNova") };
  const server = await send(
    `${emu.url("huaweicloudNova")}/_emulator/huaweicloudNova/servers`,
    "POST",
    {},
    { projectId: ep.projectId, name: "replay" },
  );
  return {
    send: async (m, p, b) => {
      const res = await signedFetch(ep, m, p, b);
      return { status: res.status, body: res.body };
    },
    placeholders: { server: (server.body as { id: string }).id },
    volatile: new Set(),
    idKeys: new Set(["id", "parent_group_id", "tenant_id"]),
  };
};

const genesiscloud: TargetFactory = async (emu) => ({
  send: (m, p, b) => send(`${emu.url("genesiscloud")}${p}`, m, { authorization: "Bearer demo-token" }, b),
  volatile: new Set(["created_at", "updated_at"]),
  idKeys: new Set(["id"]),
});

export const TARGETS: Record<string, { clouds: string[]; settings?: Record<string, string>; target: TargetFactory }> = {
  scaleway: { clouds: ["scaleway"], settings: SCW_REPLAY_SETTINGS, target: scaleway },
  nhn: { clouds: ["nhn"], target: nhn },
  openstack: { clouds: ["openstack"], target: openstack },
  huaweicloud: { clouds: ["huaweicloud"], target: huaweicloud },
  huaweicloudNova: { clouds: ["huaweicloud", "huaweicloudNova"], target: huaweicloudNova },
  genesiscloud: { clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "0" }, target: genesiscloud },
};
