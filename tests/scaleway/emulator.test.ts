import type { Emulator } from "../../emulator";
import { call, ScwDescription, startScaleway } from "./wire";
import { startTestEmulator } from "../helpers/emulator";

const OTHER_SECRET = "5ca1e000-0000-4000-8000-000000000002";
const OTHER_PROJECT = "1e5c0000-0000-4000-8000-0000000000f1";
const smtpIds = [1, 2, 3, 4, 5, 6].map((n) => `11111111-2222-4333-8444-00000000000${n}`);

let emulator: Emulator;
let scw: ScwDescription;
beforeAll(async () => ({ emulator, scw } = await startScaleway()));
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function group(fields: Record<string, unknown> = {}): Promise<any> {
  const res = await call(scw, "POST", "/security_groups", { name: "web", project: scw.projectId, stateful: true, ...fields });
  expect(res.status).toBe(201);
  return res.body.security_group;
}

const rule = (over: Record<string, unknown> = {}) => ({
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ip_range: "0.0.0.0/0",
  dest_port_from: 22,
  ...over,
});

describe("Scaleway emulator: security groups", () => {
  it("creates a group with the real key order, defaults, Location and the demo project", async () => {
    const res = await call(scw, "POST", "/security_groups", {
      name: "web",
      project: scw.projectId,
      stateful: true,
      inbound_default_policy: "drop",
    });
    expect(res.status).toBe(201);
    const g = res.body.security_group;
    expect(Object.keys(g)).toEqual([
      "id",
      "creation_date",
      "modification_date",
      "name",
      "description",
      "organization",
      "project",
      "servers",
      "stateful",
      "inbound_default_policy",
      "outbound_default_policy",
      "organization_default",
      "project_default",
      "enable_default_security",
      "state",
      "tags",
      "zone",
    ]);
    expect(g).toMatchObject({
      name: "web",
      description: null,
      project: scw.projectId,
      servers: [],
      stateful: true,
      inbound_default_policy: "drop",
      outbound_default_policy: "accept",
      project_default: false,
      enable_default_security: true,
      state: "available",
      tags: [],
      zone: "fr-par-1",
    });
    expect(g.creation_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(res.headers.get("location")).toBe(`${scw.url}/instance/v1/zones/fr-par-1/security_groups/${g.id}`);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 401 denied_authentication without or with an unknown X-Auth-Token", async () => {
    expect(await call(scw, "GET", "/security_groups", undefined, { token: null })).toMatchObject({
      status: 401,
      body: { type: "denied_authentication", method: "api_key", reason: "invalid_argument", message: "authentication is denied" },
    });
    expect(await call(scw, "GET", "/security_groups", undefined, { token: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      status: 401,
      body: { type: "denied_authentication", reason: "not_found" },
    });
  });

  it("rejects an unknown zone with the standard invalid_arguments body", async () => {
    const res = await call(scw, "GET", "/security_groups", undefined, { zone: "xx-yyy-9" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: "invalid_arguments",
      message: "invalid argument(s)",
      details: [
        { argument_name: "zone", reason: "constraint", help_message: expect.stringMatching(/^zone "xx-yyy-9" is not one of fr-par-1, /) },
      ],
    });
  });

  it("keeps groups in their zone", async () => {
    const g = await group();
    expect((await call(scw, "GET", `/security_groups/${g.id}`, undefined, { zone: "nl-ams-1" })).status).toBe(404);
  });

  it("isolates projects: another key neither sees nor changes the group, and cannot create in a project it does not own", async () => {
    const g = await group();
    const other = { token: OTHER_SECRET };
    expect(await call(scw, "GET", `/security_groups/${g.id}`, undefined, other)).toMatchObject({
      status: 404,
      body: { type: "not_found", message: "resource is not found", resource: "instance_security_group", resource_id: g.id },
    });
    expect((await call(scw, "DELETE", `/security_groups/${g.id}`, undefined, other)).status).toBe(404);
    expect((await call(scw, "GET", "/security_groups", undefined, other)).body.security_groups).toEqual([]);
    const denied = await call(scw, "POST", "/security_groups", { name: "x", project: scw.projectId, stateful: true }, other);
    expect(denied).toMatchObject({
      status: 403,
      body: {
        type: "permissions_denied",
        message: "insufficient permissions",
        details: [{ resource: "instance_security_group", action: "write" }],
      },
    });
    expect((await call(scw, "POST", "/security_groups", { name: "x", project: OTHER_PROJECT, stateful: true }, other)).status).toBe(201);
  });

  it("PATCH changes fields in place and shows the transient syncing state", async () => {
    const slow = await startScaleway({ "scaleway.syncMs": "150" });
    try {
      const created = await call(slow.scw, "POST", "/security_groups", { name: "a", project: slow.scw.projectId, stateful: true });
      const id = created.body.security_group.id;
      const patched = await call(slow.scw, "PATCH", `/security_groups/${id}`, {
        description: "d",
        outbound_default_policy: "drop",
        tags: ["x"],
      });
      expect(patched.body.security_group).toMatchObject({
        id,
        description: "d",
        outbound_default_policy: "drop",
        tags: ["x"],
        state: "syncing",
      });
      await new Promise((r) => setTimeout(r, 200));
      expect((await call(slow.scw, "GET", `/security_groups/${id}`)).body.security_group.state).toBe("available");
    } finally {
      await slow.emulator.close();
    }
  });

  it("PUT replaces all properties, requires a name and refuses to move the group to another project", async () => {
    const g = await group({ description: "old", tags: ["a"] });
    const res = await call(scw, "PUT", `/security_groups/${g.id}`, { name: "new", stateful: false, project: scw.projectId });
    expect(res.body.security_group).toMatchObject({ name: "new", description: null, tags: [], stateful: false });
    expect(await call(scw, "PUT", `/security_groups/${g.id}`, { stateful: true })).toMatchObject({
      status: 400,
      body: { type: "invalid_request_error", message: "Validation Error", fields: { name: ["Missing data for required field."] } },
    });
    expect((await call(scw, "PUT", `/security_groups/${g.id}`, { name: "n", project: OTHER_PROJECT })).body).toEqual({
      type: "invalid_request_error",
      message: "project cannot be changed.",
    });
  });

  it("keeps at most one project default group per project and zone", async () => {
    const a = await group({ project_default: true });
    const b = await group({ name: "b" });
    await call(scw, "PATCH", `/security_groups/${b.id}`, { project_default: true });
    expect((await call(scw, "GET", `/security_groups/${a.id}`)).body.security_group.project_default).toBe(false);
    const defaults = await call(scw, "GET", "/security_groups?project_default=true");
    expect(defaults.body.security_groups.map((g: any) => g.id)).toEqual([b.id]);
  });

  it("lists with page/per_page, X-Total-Count and Link, and filters by name, project and tags", async () => {
    for (const [name, tags] of [
      ["web-1", ["prod", "web"]],
      ["web-2", ["web"]],
      ["db", ["prod"]],
    ] as const)
      await group({ name, tags });
    const first = await call(scw, "GET", "/security_groups?per_page=2");
    expect(first.body.security_groups.map((g: any) => g.name)).toEqual(["web-1", "web-2"]);
    expect(first.headers.get("x-total-count")).toBe("3");
    expect(first.headers.get("link")).toBe(
      '</security_groups?per_page=2&page=2>; rel="next", </security_groups?per_page=2&page=2>; rel="last"',
    );
    const second = await call(scw, "GET", "/security_groups?per_page=2&page=2");
    expect(second.body.security_groups.map((g: any) => g.name)).toEqual(["db"]);
    expect((await call(scw, "GET", "/security_groups?name=web")).body.security_groups).toHaveLength(2);
    expect((await call(scw, "GET", "/security_groups?tags=prod,web")).body.security_groups.map((g: any) => g.name)).toEqual(["web-1"]);
    expect((await call(scw, "GET", `/security_groups?project=${OTHER_PROJECT}`)).body.security_groups).toEqual([]);
    expect(await call(scw, "GET", "/security_groups?per_page=101")).toMatchObject({
      status: 400,
      body: { fields: { per_page: ["Must be between 1 and 100."] } },
    });
  });

  it("refuses to delete a group in use (409 conflict), deletes it once free, then answers not_found", async () => {
    const g = await group();
    const server = await fetch(`${scw.url}/_emulator/scaleway/servers`, {
      method: "POST",
      body: JSON.stringify({ groupId: g.id, name: "vm" }),
    }).then((r) => r.json());
    expect((await call(scw, "GET", `/security_groups/${g.id}`)).body.security_group.servers).toEqual([{ id: server.id, name: "vm" }]);
    expect(await call(scw, "DELETE", `/security_groups/${g.id}`)).toMatchObject({
      status: 409,
      body: { type: "conflict", message: "Group is in use. You cannot delete it." },
    });
    await fetch(`${scw.url}/_emulator/scaleway/servers/${server.id}`, { method: "DELETE" });
    const deleted = await call(scw, "DELETE", `/security_groups/${g.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get("content-type")).toBe("application/json");
    expect((await call(scw, "GET", `/security_groups/${g.id}`)).status).toBe(404);
  });

  it("answers quota exceeded with the legacy 403 body", async () => {
    const small = await startScaleway({ "scaleway.quota.groups": "1" });
    try {
      await call(small.scw, "POST", "/security_groups", { name: "a", project: small.scw.projectId, stateful: true });
      const res = await call(small.scw, "POST", "/security_groups", { name: "b", project: small.scw.projectId, stateful: true });
      expect(res).toMatchObject({
        status: 403,
        body: { type: "invalid_request_error", message: "Quota exceeded for this resource.", resource: "security_groups" },
      });
    } finally {
      await small.emulator.close();
    }
  });
});

describe("Scaleway emulator: rules", () => {
  it("lists the six non-editable SMTP rules first when enable_default_security is on, none when off", async () => {
    const g = await group();
    const res = await call(scw, "GET", `/security_groups/${g.id}/rules`);
    expect(res.body.rules.map((r: any) => r.id)).toEqual(smtpIds);
    expect(res.body.rules[3]).toEqual({
      id: smtpIds[3],
      protocol: "TCP",
      direction: "outbound",
      ip_range: "::/0",
      dest_ip_range: null,
      dest_port_from: 25,
      dest_port_to: null,
      position: 4,
      editable: false,
      action: "drop",
      zone: "fr-par-1",
    });
    expect(res.headers.get("x-total-count")).toBe("6");
    const plain = await group({ enable_default_security: false });
    expect((await call(scw, "GET", `/security_groups/${plain.id}/rules`)).body.rules).toEqual([]);
    expect((await call(scw, "GET", "/security_groups/default/rules")).body.rules.map((r: any) => r.id)).toEqual(smtpIds);
  });

  it("returns /32 as a bare IP and dest_port_to null when equal to dest_port_from", async () => {
    const g = await group({ enable_default_security: false });
    const res = await call(
      scw,
      "POST",
      `/security_groups/${g.id}/rules`,
      rule({ ip_range: "8.8.8.8/32", dest_port_from: 22, dest_port_to: 22, position: 1 }),
    );
    expect(res.status).toBe(201);
    expect(res.body.rule).toEqual({
      id: expect.any(String),
      protocol: "TCP",
      direction: "inbound",
      ip_range: "8.8.8.8",
      dest_ip_range: null,
      dest_port_from: 22,
      dest_port_to: null,
      position: 1,
      editable: true,
      action: "accept",
      zone: "fr-par-1",
    });
    expect(res.headers.get("location")).toBe(`${scw.url}/instance/v1/zones/fr-par-1/security_groups/${g.id}/rules/${res.body.rule.id}`);
    const v6 = await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ ip_range: "2001:db8::1/128" }));
    expect(v6.body.rule.ip_range).toBe("2001:db8::1");
    const icmp = await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ protocol: "ICMP", dest_port_from: 8, dest_port_to: 9 }));
    expect(icmp.body.rule).toMatchObject({ dest_port_from: null, dest_port_to: null });
  });

  it("validates rules with the legacy field-by-field body", async () => {
    const g = await group();
    const res = await call(scw, "POST", `/security_groups/${g.id}/rules`, {
      protocol: "tcp",
      direction: "in",
      action: "accept",
      ip_range: "10.0.0.1/8",
      dest_port_from: 70000,
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: "invalid_request_error",
      message: "Validation Error",
      fields: {
        protocol: ["Must be one of: TCP, UDP, ICMP, ANY."],
        direction: ["Must be one of: inbound, outbound."],
        ip_range: ["10.0.0.1/8 has host bits set"],
        dest_port_from: ["Must be between 0 and 65535."],
      },
    });
  });

  it("inserts at a position and renumbers, and PATCH moves a rule", async () => {
    const g = await group({ enable_default_security: false });
    const ids: string[] = [];
    for (const p of [22, 80, 443])
      ids.push((await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ dest_port_from: p }))).body.rule.id);
    const mid = (await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ dest_port_from: 8080, position: 2 }))).body.rule;
    expect(mid.position).toBe(2);
    let list = (await call(scw, "GET", `/security_groups/${g.id}/rules`)).body.rules;
    expect(list.map((r: any) => [r.dest_port_from, r.position])).toEqual([
      [22, 1],
      [8080, 2],
      [80, 3],
      [443, 4],
    ]);
    await call(scw, "PATCH", `/security_groups/${g.id}/rules/${ids[2]}`, { position: 1, dest_port_to: 444 });
    list = (await call(scw, "GET", `/security_groups/${g.id}/rules`)).body.rules;
    expect(list.map((r: any) => [r.dest_port_from, r.dest_port_to, r.position])).toEqual([
      [443, 444, 1],
      [22, null, 2],
      [8080, null, 3],
      [80, null, 4],
    ]);
    await call(scw, "PATCH", `/security_groups/${g.id}/rules/${ids[2]}`, { dest_port_to: 0 });
    expect((await call(scw, "GET", `/security_groups/${g.id}/rules/${ids[2]}`)).body.rule.dest_port_to).toBeNull();
  });

  it("PUT /rules replaces the whole set: sent ids keep their identity, new rules are created, missing ones deleted", async () => {
    const g = await group();
    const keep = (await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ dest_port_from: 22 }))).body.rule;
    const drop = (await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ dest_port_from: 80 }))).body.rule;
    const res = await call(scw, "PUT", `/security_groups/${g.id}/rules`, {
      rules: [
        { id: null, ...rule({ dest_port_from: 443 }), position: 0, editable: null, zone: "fr-par-1" },
        { id: keep.id, ...rule({ dest_port_from: 2222, ip_range: "1.1.1.1/32" }), position: 0 },
        { id: smtpIds[0], ...rule({ dest_port_from: 1 }), editable: false },
      ],
    });
    expect(res.status).toBe(200);
    const editable = res.body.rules.filter((r: any) => r.editable);
    expect(res.body.rules.slice(0, 6).map((r: any) => r.id)).toEqual(smtpIds);
    expect(editable.map((r: any) => [r.dest_port_from, r.ip_range, r.position])).toEqual([
      [443, "0.0.0.0/0", 1],
      [2222, "1.1.1.1", 2],
    ]);
    expect(editable[1].id).toBe(keep.id);
    expect((await call(scw, "GET", `/security_groups/${g.id}/rules/${drop.id}`)).status).toBe(404);
    const ordered = await call(scw, "PUT", `/security_groups/${g.id}/rules`, {
      rules: [
        { id: keep.id, ...rule(), position: 2 },
        { ...rule({ dest_port_from: 1 }), position: 1 },
      ],
    });
    expect(ordered.body.rules.filter((r: any) => r.editable).map((r: any) => [r.dest_port_from, r.position, r.id === keep.id])).toEqual([
      [1, 1, false],
      [22, 2, true],
    ]);
    expect((await call(scw, "PUT", `/security_groups/${g.id}/rules`, { rules: [] })).body.rules.map((r: any) => r.id)).toEqual(smtpIds);
  });

  it("PUT /rules is atomic: an unknown id or a bad rule changes nothing", async () => {
    const g = await group({ enable_default_security: false });
    const kept = (await call(scw, "POST", `/security_groups/${g.id}/rules`, rule())).body.rule;
    const unknown = "00000000-0000-4000-8000-00000000dead";
    expect(
      await call(scw, "PUT", `/security_groups/${g.id}/rules`, { rules: [{ ...rule({ dest_port_from: 1 }) }, { id: unknown, ...rule() }] }),
    ).toMatchObject({ status: 404, body: { type: "not_found", resource: "instance_security_group_rule", resource_id: unknown } });
    expect((await call(scw, "PUT", `/security_groups/${g.id}/rules`, { rules: [rule({ protocol: "XTP" })] })).status).toBe(400);
    expect((await call(scw, "GET", `/security_groups/${g.id}/rules`)).body.rules).toEqual([kept]);
  });

  it("PUT /rules refuses port 0, which PATCH reads as 'no port' (answer recorded from the real API, issue 15)", async () => {
    const g = await group({ enable_default_security: false });
    const rules = [rule(), rule({ dest_port_from: 80 }), rule({ dest_port_from: 443, dest_port_to: 0 })];
    expect(await call(scw, "PUT", `/security_groups/${g.id}/rules`, { rules })).toMatchObject({
      status: 400,
      body: {
        type: "invalid_request_error",
        message: "Validation Error",
        fields: { "rules.2.dest_port_to": ["value must be at least 1"] },
      },
    });
    expect((await call(scw, "GET", `/security_groups/${g.id}/rules`)).body.rules).toEqual([]);
  });

  it("answers 'available' right after a change by default, as the 2025-26 recordings do (syncing is opt-in: scaleway.syncMs)", async () => {
    const plain = await startTestEmulator({ clouds: ["scaleway"] });
    try {
      const d = plain.describe().scaleway as ScwDescription;
      const created = await call(d, "POST", "/security_groups", { name: "a", project: d.projectId, stateful: true });
      const id = created.body.security_group.id;
      expect((await call(d, "PATCH", `/security_groups/${id}`, { description: "d" })).body.security_group.state).toBe("available");
      await call(d, "PUT", `/security_groups/${id}/rules`, { rules: [rule()] });
      expect((await call(d, "GET", `/security_groups/${id}`)).body.security_group.state).toBe("available");
    } finally {
      await plain.close();
    }
  });

  it("never lets a non-editable rule be changed or deleted", async () => {
    const g = await group();
    const path = `/security_groups/${g.id}/rules/${smtpIds[0]}`;
    expect(await call(scw, "PATCH", path, { action: "accept" })).toMatchObject({
      status: 400,
      body: { type: "invalid_request_error", message: `Rule ${smtpIds[0]} is not editable.` },
    });
    expect((await call(scw, "DELETE", path)).status).toBe(400);
    expect((await call(scw, "GET", path)).body.rule).toMatchObject({ action: "drop", editable: false });
  });

  it("PUT on one rule replaces all its properties; DELETE removes it and renumbers", async () => {
    const g = await group({ enable_default_security: false });
    const a = (await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ dest_port_from: 1, dest_port_to: 100 }))).body.rule;
    const b = (await call(scw, "POST", `/security_groups/${g.id}/rules`, rule({ dest_port_from: 200 }))).body.rule;
    const put = await call(scw, "PUT", `/security_groups/${g.id}/rules/${a.id}`, {
      id: a.id,
      protocol: "UDP",
      direction: "outbound",
      action: "drop",
      ip_range: "10.0.0.0/8",
      position: 1,
      editable: true,
    });
    expect(put.body.rule).toMatchObject({ id: a.id, protocol: "UDP", dest_port_from: null, dest_port_to: null, ip_range: "10.0.0.0/8" });
    expect((await call(scw, "DELETE", `/security_groups/${g.id}/rules/${a.id}`)).status).toBe(204);
    expect((await call(scw, "GET", `/security_groups/${g.id}/rules/${b.id}`)).body.rule.position).toBe(1);
  });
});
