import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startCloudServer } from "../../emulator/cloud-server";
import { startEmulator } from "../../emulator";
import { appendBounded, LoggedRequest, MAX_LOGGED_PATH, MAX_LOGGED_REQUESTS } from "../../emulator/request-log";
import { EmulatedError } from "../../emulator/types";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { signedFetch } from "../huaweicloud/signed-fetch";

// The emulator as users run it (like LocalStack): one listener per cloud that must survive any request.

const ALL = ["nhn", "genesiscloud", "scaleway", "huaweicloud", "huaweicloudNova"];
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ALL });
});
afterAll(() => emu.close());
beforeEach(() => emu.resetAll());

/** Sends raw bytes on a socket and returns everything the server answered until it closed or `ms` passed. */
function raw(url: string, head: string, body?: (socket: net.Socket) => void, ms = 5000): Promise<{ answer: string; closed: boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    let answer = "";
    let closed = false;
    const timer = setTimeout(() => finish(), ms);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, closed });
    };
    socket.on("data", (d) => (answer += d));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      closed = true;
      finish();
    });
    socket.write(head, () => body?.(socket));
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));

describe("request bodies are capped at the size the real API accepts, with 413 in the cloud's own form", () => {
  it.each([
    ["nhn", "/v2.0/security-groups", 1024 * 1024, (b: any) => b.NeutronError.type === "HTTPRequestEntityTooLarge"],
    ["huaweicloud", "/v3/p/vpc/security-groups", 12 * 1024 * 1024, (b: any) => b.error_code === "APIGW.0201"],
    ["scaleway", "/instance/v1/zones/fr-par-1/security_groups", 1024 * 1024, (b: any) => b.type === "invalid_request_error"],
    ["genesiscloud", "/compute/v1/security-groups", 1024 * 1024, (b: any) => b.code === "PayloadTooLarge"],
  ])("%s: a declared Content-Length over the limit is refused before anything is read", async (cloud, route, limit, ownForm) => {
    const { answer } = await raw(
      emu.url(cloud),
      `POST ${route} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${560 * 1024 * 1024}\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(413);
    expect(ownForm(bodyOf(answer))).toBe(true);
    expect(bodyOf(answer)).toEqual(expect.anything());
    expect(JSON.stringify(bodyOf(answer))).toContain(String(limit));
  });

  it("a chunked body is refused once it passes the limit, and the server stops reading", async () => {
    let written = 0;
    const chunk = Buffer.alloc(256 * 1024, "a");
    const { answer, closed } = await raw(
      emu.url("nhn"),
      "POST /v2.0/security-groups HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n",
      (socket) => {
        const pump = () => {
          while (!socket.destroyed && written < 200 * 1024 * 1024) {
            written += chunk.length;
            if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once("drain", pump);
          }
        };
        pump();
      },
    );
    expect(statusOf(answer)).toBe(413);
    expect(closed).toBe(true);
    expect(written).toBeLessThan(100 * 1024 * 1024);
  });

  it("a client that goes away mid-body is not an internal error", async () => {
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await raw(
        emu.url("nhn"),
        "POST /v2.0/security-groups HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n",
        (socket) => socket.end("{}"),
        300,
      );
      await new Promise((r) => setTimeout(r, 100));
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it("a body under the limit still works", async () => {
    const res = await fetch(`${emu.url("nhn")}/v2.0/tokens`, {
      method: "POST",
      body: JSON.stringify({
        auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } },
        pad: "x".repeat(900_000),
      }),
    });
    expect(res.status).toBe(200);
  });

  it("the limit can be set per cloud with --set <cloud>.maxBodyBytes", async () => {
    const small = await startTestEmulator({ clouds: ["nhn"], settings: { "nhn.maxBodyBytes": "100" } });
    try {
      const res = await fetch(`${small.url("nhn")}/v2.0/tokens`, { method: "POST", body: "x".repeat(101) });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe("fault paths cannot stall the server", () => {
  const post = (spec: unknown) => fetch(`${emu.url("nhn")}/_emulator/faults`, { method: "POST", body: JSON.stringify(spec) });

  it("refuses patterns outside the backtracking-free subset with 400 naming the field", async () => {
    for (const pattern of ["^/(a+)+$", "(a|aa)*", "a{1,100}", "\\1", "(?=a)"]) {
      const res = await post({ path: pattern, status: 500 });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field: "path" });
    }
    expect(await emu.pendingFaults("nhn")).toEqual([]);
  });

  it("matches an accepted pattern against a long path in linear time", async () => {
    // With RegExp this pattern backtracks O(n^5) on a path of a's without an x: minutes for 8,000 characters.
    expect((await post({ path: ".*.*.*.*.*x", status: 503 })).status).toBe(204);
    const started = Date.now();
    const res = await fetch(`${emu.url("nhn")}/${"a".repeat(8000)}`);
    expect(res.status).toBe(501);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await fetch(`${emu.url("nhn")}/v2.0/x`)).status).toBe(503);
  });
});

describe("built-in property names are never credentials or ids", () => {
  const NAMES = [
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "__defineGetter__",
    "__lookupGetter__",
    "__defineSetter__",
    "__lookupSetter__",
  ];

  it.each(NAMES)("%s is not an NHN or Genesis token (list and create answer 401)", async (name) => {
    const probes = [
      fetch(`${emu.url("nhn")}/v2.0/security-groups`, { headers: { "x-auth-token": name } }),
      fetch(`${emu.url("nhn")}/v2.0/security-groups`, {
        method: "POST",
        headers: { "x-auth-token": name },
        body: JSON.stringify({ security_group: { name: "x" } }),
      }),
      fetch(`${emu.url("genesiscloud")}/compute/v1/security-groups`, { headers: { authorization: `Bearer ${name}` } }),
      fetch(`${emu.url("genesiscloud")}/compute/v1/security-groups`, {
        method: "POST",
        headers: { "x-auth-token": name },
        body: JSON.stringify({ name: "x", rules: [] }),
      }),
    ];
    expect((await Promise.all(probes)).map((r) => r.status)).toEqual([401, 401, 401, 401]);
  });

  it.each(NAMES)("%s is not a group id on any cloud (404)", async (name) => {
    const nhnToken = (
      (await (
        await fetch(`${emu.url("nhn")}/v2.0/tokens`, {
          method: "POST",
          body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } } }),
        })
      ).json()) as any
    ).access.token.id;
    const scw = emu.describe().scaleway as { secretKey: string };
    const hw = emu.describe().huaweicloud as { url: string; accessKey: string; secretKey: string; projectId: string };
    const id = encodeURIComponent(name);
    const statuses = [
      (await fetch(`${emu.url("nhn")}/v2.0/security-groups/${id}`, { headers: { "x-auth-token": nhnToken } })).status,
      (await fetch(`${emu.url("nhn")}/v2.0/security-group-rules/${id}`, { method: "DELETE", headers: { "x-auth-token": nhnToken } }))
        .status,
      (await fetch(`${emu.url("genesiscloud")}/compute/v1/security-groups/${id}`, { headers: { authorization: "Bearer demo-token" } }))
        .status,
      (
        await fetch(`${emu.url("scaleway")}/instance/v1/zones/fr-par-1/security_groups/${id}`, {
          headers: { "x-auth-token": scw.secretKey },
        })
      ).status,
      (await signedFetch(hw, "GET", `/v3/{project_id}/vpc/security-groups/${id}`)).status,
      (await signedFetch(hw, "DELETE", `/v3/{project_id}/vpc/security-group-rules/${id}`)).status,
      (await signedFetch({ ...hw, url: emu.url("huaweicloudNova") }, "GET", `/v2.1/{project_id}/os-security-groups/${id}`)).status,
    ];
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 404]);
  });
});

describe("no answer carries a stack trace", () => {
  it.each([
    ["nhn", "/v2.0/security-groups/%E0%A4%A", (b: any) => b.NeutronError.type === "HTTPBadRequest"],
    ["genesiscloud", "/compute/v1/security-groups/%zz", (b: any) => b.code === "InvalidRequest"],
    ["scaleway", "/instance/v1/zones/fr-par-1/security_groups/%", (b: any) => b.type === "invalid_request_error"],
    ["huaweicloud", "/v3/p/vpc/security-groups/%E0", (b: any) => b.error_code === "APIGW.0201"],
  ])("%s: malformed percent-encoding answers 400 in the cloud's own form", async (cloud, route, ownForm) => {
    const res = await fetch(`${emu.url(cloud)}${route}`, { headers: { authorization: "Bearer demo-token" } });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(ownForm(JSON.parse(text))).toBe(true);
    expect(text).not.toMatch(/\bat \S+ \(|\/work\/|node:internal|\.ts:\d+/);
  });

  it("an error inside a route answers a generic 500 in the cloud's form, the detail going to the console only", async () => {
    const cloud = {
      name: "broken",
      initialState: () => ({}),
      routes: [
        {
          method: "GET",
          path: "/boom",
          handler: () => {
            throw new TypeError(`cannot read ${__filename}`);
          },
        },
        {
          method: "GET",
          path: "/fine",
          handler: () => {
            throw new EmulatedError(418, { own: true });
          },
        },
      ],
      refusal: (status: number, message: string) => ({ status, body: { fault: { message } } }),
    };
    const server = await startCloudServer(cloud, {});
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const res = await fetch(`${server.url}/boom`);
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual({ fault: { message: "internal error in the emulator; see its console" } });
      expect(text).not.toContain(__filename);
      expect(spy).toHaveBeenCalled();
      expect((await fetch(`${server.url}/fine`)).status).toBe(418);
    } finally {
      spy.mockRestore();
      await server.close();
    }
  });
});

describe("--state is checked before any listener starts", () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));

  it("refuses a file in a missing directory", async () => {
    const file = path.join(dir(), "missing", "state.json");
    await expect(startEmulator({ clouds: ["nhn"], statePath: file })).rejects.toThrow(
      `--state ${file}: the directory ${path.dirname(file)} does not exist; create it first`,
    );
  });

  it.each([
    ["not JSON", "{", /is not JSON/],
    ["an array", "[]", /should hold an object of stores, found an array/],
    ["a store of the wrong kind", '{"nhn": 5}', /"nhn" should be an object, found a number/],
    ["a collection of the wrong kind", '{"nhn": {"groups": [], "rules": {}}}', /"nhn\.groups" should be an object, found an array/],
  ])("refuses %s", async (_what, text, message) => {
    const file = path.join(dir(), "state.json");
    fs.writeFileSync(file, text);
    await expect(startEmulator({ clouds: ["nhn"], statePath: file })).rejects.toThrow(message);
  });

  it("keeps the stores of clouds not running this time", async () => {
    const file = path.join(dir(), "state.json");
    const first = await startEmulator({ clouds: ["nhn", "scaleway"], statePath: file });
    await first.close();
    const second = await startEmulator({ clouds: ["nhn"], statePath: file });
    await second.close();
    expect(Object.keys(JSON.parse(fs.readFileSync(file, "utf8"))).sort()).toEqual(["nhn", "scaleway"]);
  });
});

describe("the request log is bounded", () => {
  it("keeps at most MAX_LOGGED_REQUESTS entries, dropping the oldest", () => {
    const log: LoggedRequest[] = [];
    for (let i = 0; i < MAX_LOGGED_REQUESTS + 5; i++)
      appendBounded(log, { method: "GET", path: `/${i}`, route: "GET /x", status: 200, at: i });
    expect(log.length).toBeLessThanOrEqual(MAX_LOGGED_REQUESTS);
    expect(log[log.length - 1].path).toBe(`/${MAX_LOGGED_REQUESTS + 4}`);
  });

  it("cuts long paths in entries and in the route of unrouted requests", async () => {
    await fetch(`${emu.url("nhn")}/${"p".repeat(10_000)}`);
    const [entry] = (await (await fetch(`${emu.url("nhn")}/_emulator/requests`)).json()) as LoggedRequest[];
    expect(entry.path.length).toBeLessThan(MAX_LOGGED_PATH + 40);
    expect(entry.path).toContain("more characters");
    expect(entry.route.length).toBeLessThan(MAX_LOGGED_PATH + 50);
  });
});

describe("control endpoints validate their input", () => {
  const post = (spec: unknown) => fetch(`${emu.url("nhn")}/_emulator/faults`, { method: "POST", body: JSON.stringify(spec) });

  it.each([
    [{ count: "abc", status: 500 }, "count"],
    [{ count: 0, status: 500 }, "count"],
    [{ status: 42 }, "status"],
    [{ status: "500" }, "status"],
    [{ status: 429, retryAfter: -1 }, "retryAfter"],
    [{ status: 429, retryAfter: "soon" }, "retryAfter"],
    [{ after: 1.5, status: 500 }, "after"],
    [{ stauts: 500 }, "stauts"],
    [[{ status: 500 }, { count: "x" }], "[1].count"],
  ])("POST /_emulator/faults %j answers 400 naming %s, and adds nothing", async (spec, field) => {
    const res = await post(spec);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { field: string; message: string };
    expect(body.field).toBe(field);
    expect(body.message.startsWith(`${field}: `)).toBe(true);
    expect(await emu.pendingFaults("nhn")).toEqual([]);
  });

  it("PUT /_emulator/latency refuses a non-number", async () => {
    const res = await fetch(`${emu.url("nhn")}/_emulator/latency`, { method: "PUT", body: JSON.stringify({ ms: "abc" }) });
    expect([res.status, ((await res.json()) as any).field]).toEqual([400, "ms"]);
  });

  it("a body that is not JSON answers 400", async () => {
    expect((await fetch(`${emu.url("nhn")}/_emulator/faults`, { method: "POST", body: "{" })).status).toBe(400);
  });
});

describe("the fault table's `after`", () => {
  it("faults the k-th matching request: after 2, the third GET fails and the others pass", async () => {
    await emu.fault("genesiscloud", { method: "GET", path: "^/compute/v1/security-groups$", after: 2, status: 503 });
    const list = () =>
      fetch(`${emu.url("genesiscloud")}/compute/v1/security-groups`, { headers: { authorization: "Bearer demo-token" } }).then(
        (r) => r.status,
      );
    expect(await emu.pendingFaults("genesiscloud")).toEqual([expect.objectContaining({ after: 2, skipping: 2, remaining: 1 })]);
    const statuses = [await list(), await list(), await list(), await list()];
    expect(statuses).toEqual([200, 200, 503, 200]);
    expect(await emu.pendingFaults("genesiscloud")).toEqual([]);
  });

  it("counts matching requests that another fault struck", async () => {
    await emu.fault("genesiscloud", [
      { method: "GET", path: "security-groups$", status: 500 },
      { method: "GET", path: "security-groups$", after: 1, status: 503 },
    ]);
    const list = () =>
      fetch(`${emu.url("genesiscloud")}/compute/v1/security-groups`, { headers: { authorization: "Bearer demo-token" } }).then(
        (r) => r.status,
      );
    expect([await list(), await list(), await list()]).toEqual([500, 503, 200]);
  });
});

describe("Huawei signed requests: replays within the gateway's 15 minutes", () => {
  // API Gateway checks only that X-Sdk-Date is within 15 minutes of its clock (APIG FAQ, APIGW.0303 "signature
  // expired"); the SDK-HMAC-SHA256 scheme has no nonce and the docs describe no replay cache, so an exact
  // replay inside the window is accepted by the real gateway, and by the emulator.
  it("accepts an exact replay inside the window and refuses one signed more than 15 minutes ago", async () => {
    const hw = emu.describe().huaweicloud as { url: string; accessKey: string; secretKey: string; projectId: string };
    const date = new Date(Date.now() - 14 * 60_000);
    const first = await signedFetch(hw, "GET", "/v3/{project_id}/vpc/security-groups", undefined, { date });
    const replay = await signedFetch(hw, "GET", "/v3/{project_id}/vpc/security-groups", undefined, { date });
    expect([first.status, replay.status]).toEqual([200, 200]);
    const stale = await signedFetch(hw, "GET", "/v3/{project_id}/vpc/security-groups", undefined, {
      date: new Date(Date.now() - 16 * 60_000),
    });
    expect([stale.status, stale.body.error_code]).toEqual([401, "APIGW.0301"]);
  });
});
