import { useEmulatorWithEnv } from "../helpers/emulator";
import seed from "./fixtures/seed-payloads.json";
import { failNextSettle, genesisCaller, genesisSettings, sleep } from "./wire";

const SG = "/compute/v1/security-groups";
const tcp22 = { protocol: "tcp", direction: "ingress", port_range_min: 22, port_range_max: 22 };
const egressAll = { protocol: "all", direction: "egress", port_range_min: null, port_range_max: null };

const emulator = useEmulatorWithEnv({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "0" } });
let call: ReturnType<typeof genesisCaller>;

beforeAll(() => {
  call = genesisCaller(emulator());
});

async function createSettled(name: string, rules: unknown[] = [tcp22]): Promise<string> {
  const res = await call("POST", SG, { name, rules });
  expect(res.status).toBe(201);
  return res.body.security_group.id;
}

describe("genesiscloud emulator: the seed's examples", () => {
  it("answers the seed's create request with 201 and the seed's response shape", async () => {
    const res = await call("POST", SG, seed.createRequest);
    expect(res.status).toBe(201);
    const expected = seed.createResponse.security_group;
    expect(Object.keys(res.body.security_group)).toEqual(expect.arrayContaining(Object.keys(expected)));
    expect(res.body.security_group).toMatchObject({
      name: expected.name,
      description: expected.description,
      status: "creating",
      rules: expected.rules,
    });
    expect(res.body.security_group.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it.each([["updateRequest"], ["curlUpdateRequest"]] as const)("accepts the seed's %s with PUT and replaces the rules", async (key) => {
    const id = await createSettled("web");
    const res = await call("PUT", `${SG}/${id}`, seed[key]);
    expect(res.status).toBe(200);
    // The seed lists `updating`; the 2025 SDK's enum (genesiscloud-go@163ad0bb types.gen.go) has no such status.
    expect(res.body.security_group).toMatchObject({ id, name: seed[key].name, status: "creating", rules: seed[key].rules });
  });

  it("lists with the seed's keys: security_groups, total_count, page, per_page", async () => {
    await call("POST", SG, seed.createRequest);
    const res = await call("GET", `${SG}?per_page=10`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(seed.listResponse).sort());
    expect(res.body).toMatchObject({ total_count: 2, page: 1, per_page: 10 });
    expect(res.body.security_groups.map((g: any) => g.name)).toEqual(["standard", "<security group name>"]);
  });
});

describe("genesiscloud emulator: asynchronous lifecycle", () => {
  it("moves creating -> created (also after a change), deleting -> 404 after the settle delay", async () => {
    await genesisSettings(emulator(), { settleMs: 150 });
    const created = await call("POST", SG, { name: "web", rules: [tcp22] });
    const id = created.body.security_group.id;
    expect(created.body.security_group.status).toBe("creating");
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("creating");
    await sleep(200);
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("created");

    expect((await call("PATCH", `${SG}/${id}`, { rules: [egressAll] })).body.security_group.status).toBe("creating");
    await sleep(200);
    expect((await call("GET", `${SG}/${id}`)).body.security_group).toMatchObject({ status: "created", rules: [egressAll] });

    expect((await call("DELETE", `${SG}/${id}`)).status).toBe(204);
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("deleting");
    await sleep(200);
    expect(await call("GET", `${SG}/${id}`)).toMatchObject({
      status: 404,
      body: { code: "NotFound", message: `security group ${id} not found` },
    });
  });

  it("shows the seed's updating status only with updatingStatus set", async () => {
    await genesisSettings(emulator(), { settleMs: 100, updatingStatus: true });
    const id = (await call("POST", SG, { name: "u", rules: [tcp22] })).body.security_group.id;
    await sleep(150);
    expect((await call("PATCH", `${SG}/${id}`, { rules: [egressAll] })).body.security_group.status).toBe("updating");
  });

  it("uses only the 2025 SDK's status values by default", async () => {
    await genesisSettings(emulator(), { settleMs: 100 });
    const id = (await call("POST", SG, { name: "s", rules: [tcp22] })).body.security_group.id;
    const seen = new Set<string>([(await call("GET", `${SG}/${id}`)).body.security_group.status]);
    await sleep(150);
    seen.add((await call("PATCH", `${SG}/${id}`, { rules: [egressAll] })).body.security_group.status);
    seen.add((await call("GET", `${SG}/${id}`)).body.security_group.status);
    await sleep(150);
    seen.add((await call("GET", `${SG}/${id}`)).body.security_group.status);
    await call("DELETE", `${SG}/${id}`);
    seen.add((await call("GET", `${SG}/${id}`)).body.security_group.status);
    expect([...seen].filter((s) => !["created", "creating", "deleting", "error"].includes(s))).toEqual([]);
  });

  it("shows enqueued before creating when enqueuedMs is set", async () => {
    await genesisSettings(emulator(), { settleMs: 300, enqueuedMs: 100 });
    const id = (await call("POST", SG, { name: "q", rules: [tcp22] })).body.security_group.id;
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("enqueued");
    await sleep(150);
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("creating");
  });

  it.each([
    ["PUT", { name: "x", rules: [tcp22] }],
    ["PATCH", { rules: [tcp22] }],
    ["DELETE", undefined],
  ])("answers %s on an unsettled group with 409 {code, message}", async (method, body) => {
    await genesisSettings(emulator(), { settleMs: 5000 });
    const id = (await call("POST", SG, { name: "busy", rules: [tcp22] })).body.security_group.id;
    const res = await call(method, `${SG}/${id}`, body);
    expect(res).toMatchObject({
      status: 409,
      body: { code: "Conflict", message: `security group ${id} is creating; wait until its status is created or error before changing it` },
    });
  });

  it("ends a change in `error` on demand, and a group in error can be changed again", async () => {
    await failNextSettle(emulator(), "update");
    const id = await createSettled("flaky");
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("created");
    await call("PATCH", `${SG}/${id}`, { description: "v2" });
    expect((await call("GET", `${SG}/${id}`)).body.security_group.status).toBe("error");
    await call("PATCH", `${SG}/${id}`, { description: "v3" });
    expect((await call("GET", `${SG}/${id}`)).body.security_group).toMatchObject({ status: "created", description: "v3" });
  });
});

describe("genesiscloud emulator: updates", () => {
  it("PATCH with rules replaces the whole list; PATCH without rules keeps it", async () => {
    const id = await createSettled("web", [tcp22, egressAll]);
    await call("GET", `${SG}/${id}`);
    const udp = { protocol: "udp", direction: "ingress", port_range_min: 53, port_range_max: 53 };
    expect((await call("PATCH", `${SG}/${id}`, { rules: [udp] })).body.security_group.rules).toEqual([udp]);
    await call("GET", `${SG}/${id}`);
    const renamed = await call("PATCH", `${SG}/${id}`, { name: "web2" });
    expect(renamed.body.security_group).toMatchObject({ name: "web2", rules: [udp] });
  });

  it("PUT requires name and rules", async () => {
    const id = await createSettled("web");
    expect(await call("PUT", `${SG}/${id}`, { rules: [tcp22] })).toMatchObject({
      status: 400,
      body: { code: "InvalidRequest", message: "name is required and must be a non-empty string" },
    });
  });
});

describe("genesiscloud emulator: validation", () => {
  it.each([
    [{ rules: [tcp22] }, "name is required and must be a non-empty string"],
    [{ name: "default", rules: [tcp22] }, 'the security group name "default" is reserved; "default" and "standard" are not allowed'],
    [{ name: "Standard", rules: [tcp22] }, 'the security group name "Standard" is reserved; "default" and "standard" are not allowed'],
    [{ name: "a" }, "rules is required and must be an array"],
    [{ name: "a", rules: [] }, "rules must contain at least 1 rule(s)"],
    [
      { name: "a", rules: [{ ...tcp22, protocol: "sctp" }] },
      'rules[0].protocol "sctp" is invalid; possible values are icmp, tcp, udp and all',
    ],
    [{ name: "a", rules: [{ ...tcp22, direction: "in" }] }, 'rules[0].direction "in" is invalid; possible values are ingress and egress'],
    [{ name: "a", rules: [{ ...tcp22, port_range_min: 0 }] }, "rules[0].port_range_min 0 must be an integer between 1 and 65535 or null"],
    [
      { name: "a", rules: [{ ...tcp22, port_range_max: 65536 }] },
      "rules[0].port_range_max 65536 must be an integer between 1 and 65535 or null",
    ],
    [
      { name: "a", rules: [{ ...tcp22, port_range_min: 30, port_range_max: 20 }] },
      "rules[0]: port_range_min 30 is greater than port_range_max 20",
    ],
    [
      { name: "a", rules: [{ ...tcp22, port_range_max: null }] },
      "rules[0]: port_range_min and port_range_max must both be set or both be null",
    ],
    [
      { name: "a", rules: [{ ...egressAll, port_range_min: 1, port_range_max: 2 }] },
      "rules[0]: port ranges are only supported for tcp and udp, not all",
    ],
    [
      { name: "a", rules: [tcp22], region: "MARS-1" },
      'region "MARS-1" is not one of ARC-IS-HAF-1, EUC-DE-MUC-1, EUW-GB-MNC-1, EUW-NL-AMS-1, NA-CA-FTS-1, NA-CA-MNZ-1, NA-CA-PRG-1, NORD-NO-KRS-1',
    ],
    ["{not json", "request body is not valid JSON"],
  ])("rejects %j with 400: %s", async (body, message) => {
    expect(await call("POST", SG, body)).toMatchObject({ status: 400, body: { code: "InvalidRequest", message } });
  });

  it("accepts null tcp ports as all ports, and rejects them when configured to", async () => {
    const all = { protocol: "tcp", direction: "ingress", port_range_min: null, port_range_max: null };
    expect((await call("POST", SG, { name: "a", rules: [all] })).status).toBe(201);
    await genesisSettings(emulator(), { nullPortsMeanAll: false });
    expect((await call("POST", SG, { name: "b", rules: [all] })).body.message).toBe(
      "rules[0]: port_range_min and port_range_max are required for protocol tcp",
    );
  });

  it("accepts an empty rule list when minRules is 0; requires region when configured to", async () => {
    await genesisSettings(emulator(), { minRules: 0, requireRegion: true });
    expect((await call("POST", SG, { name: "a", rules: [] })).body.message).toMatch(/^region is required/);
    const ok = await call("POST", SG, { name: "a", rules: [], region: "NORD-NO-KRS-1" });
    expect(ok.body.security_group).toMatchObject({ rules: [], region: "NORD-NO-KRS-1" });
  });

  it("answers a second group of the same name with 409 only when names are configured unique", async () => {
    await createSettled("dup");
    await createSettled("dup");
    await genesisSettings(emulator(), { uniqueNames: true });
    expect(await call("POST", SG, { name: "dup", rules: [tcp22] })).toMatchObject({
      status: 409,
      body: { message: 'a security group named "dup" already exists' },
    });
  });
});

describe("genesiscloud emulator: auth, projects, paging, in use", () => {
  it("accepts Authorization: Bearer and the legacy X-Auth-Token; anything else is 401", async () => {
    expect((await call("GET", SG, undefined, { bearer: "demo-token" })).status).toBe(200);
    expect((await call("GET", SG, undefined, { xAuthToken: "demo-token" })).status).toBe(200);
    for (const auth of ["none", { bearer: "wrong" }, { xAuthToken: "wrong" }] as const) {
      expect(await call("GET", SG, undefined, auth)).toMatchObject({ status: 401, body: { code: "Unauthorized" } });
    }
  });

  it("isolates projects: another project's group is 404 and absent from its list", async () => {
    const id = await createSettled("mine");
    const other = { bearer: "other-token" };
    expect((await call("GET", `${SG}/${id}`, undefined, other)).status).toBe(404);
    expect((await call("DELETE", `${SG}/${id}`, undefined, other)).status).toBe(404);
    expect((await call("PATCH", `${SG}/${id}`, { name: "x" }, other)).status).toBe(404);
    expect((await call("GET", SG, undefined, other)).body.security_groups.map((g: any) => g.name)).toEqual(["standard"]);
  });

  it("pages with page/per_page and reports total_count; bad paging is 400", async () => {
    for (const n of ["a", "b", "c", "d", "e"]) await createSettled(n);
    const page2 = await call("GET", `${SG}?page=2&per_page=2`);
    expect(page2.body).toMatchObject({ total_count: 6, page: 2, per_page: 2 });
    expect(page2.body.security_groups.map((g: any) => g.name)).toEqual(["b", "c"]);
    expect((await call("GET", `${SG}?page=4&per_page=2`)).body.security_groups).toEqual([]);
    expect((await call("GET", SG)).body.per_page).toBe(50);
    expect((await call("GET", `${SG}?per_page=101`)).body.message).toBe("per_page must be a positive integer lower than or equal to 100");
    expect((await call("GET", `${SG}?page=0`)).body.message).toBe("page must be a positive integer");
  });

  it("refuses to change or delete the internal standard group", async () => {
    const standard = (await call("GET", SG)).body.security_groups[0];
    expect(standard).toMatchObject({ name: "standard", is_internal: true });
    expect((await call("DELETE", `${SG}/${standard.id}`)).status).toBe(403);
  });

  it("answers 409 ResourceInUse when deleting a group attached to an instance", async () => {
    const id = await createSettled("attached");
    const res = await fetch(`${emulator().url("genesiscloud")}/_emulator/genesiscloud/instances`, {
      method: "POST",
      body: JSON.stringify({ project: "demo-project", securityGroupIds: [id] }),
    });
    const { id: instance } = await res.json();
    await call("GET", `${SG}/${id}`);
    expect(await call("DELETE", `${SG}/${id}`)).toMatchObject({
      status: 409,
      body: { code: "ResourceInUse", message: `security group ${id} is attached to instance(s) ${instance}; detach it first` },
    });
  });

  it("injects 429 with Retry-After through the fault controls, then serves normally", async () => {
    await emulator().fault("genesiscloud", {
      method: "GET",
      path: "^/compute/v1/security-groups$",
      status: 429,
      retryAfter: 2,
      body: { code: "TooManyRequests", message: "rate limited" },
    });
    const limited = await call("GET", SG);
    expect(limited).toMatchObject({ status: 429, body: { code: "TooManyRequests" } });
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await call("GET", SG)).status).toBe(200);
  });

  it("answers unknown routes with 501 and Genesis's Invalid route body; describe() names the demo token", async () => {
    expect(await call("GET", "/compute/v1/nothing")).toMatchObject({ status: 501, body: { code: "02001", message: "Invalid route" } });
    expect(emulator().describe().genesiscloud).toEqual({ url: emulator().url("genesiscloud"), token: "demo-token" });
  });
});
