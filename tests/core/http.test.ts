import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { createHttpClient } from "../../provider/core/http";
import { SecgroupsError } from "../../provider/core/errors";
import { setEnv } from "../helpers/emulator";

// The one HTTP layer every cloud uses, against a scripted local server: what is retried, what is not,
// how errors read, and how many requests run at once.

type Reply = { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number } | "reset";
let script: Reply[] = [];
let seen: { method: string; at: number }[] = [];
let inFlight = 0;
let maxInFlight = 0;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    seen.push({ method: req.method!, at: Date.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const reply = script.shift() ?? { status: 200, body: { ok: true } };
    if (reply === "reset") {
      inFlight--;
      return void req.socket.destroy();
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    inFlight--;
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  script = [];
  seen = [];
  maxInFlight = 0;
});

const parseError = (status: number, body: unknown) => ({
  cloudCode: (body as { code?: string })?.code,
  message: (body as { message?: string })?.message ?? `HTTP ${status}`,
});
const client = (extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) =>
  createHttpClient({ cloud: "Test Cloud", baseUrl: `${base}/api/`, parseError, retry: { baseDelayMs: 10, maxDelayMs: 50 }, ...extra });
const Ok = z.looseObject({ ok: z.boolean() });

describe("core http", () => {
  it("retries an idempotent call on 503 and honours Retry-After on 429", async () => {
    script = [{ status: 503 }, { status: 429, headers: { "retry-after": "1" } }, { status: 200, body: { ok: true } }];
    const res = await client().request({ operation: "read thing", method: "GET", path: "things/1", response: Ok });
    expect(res.body).toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    expect(seen[2].at - seen[1].at).toBeGreaterThanOrEqual(990);
  });

  it("never repeats a POST answered with 500: the error says it may have been applied", async () => {
    script = [{ status: 500, body: { code: "Boom", message: "internal" } }];
    const error = await client()
      .request({ operation: "create thing", method: "POST", path: "things", body: { a: 1 } })
      .catch((e) => e);
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(SecgroupsError);
    expect(error.code).toBe("Ambiguous");
    expect(error.message).toBe(
      "create thing failed (POST /api/things -> 500 Boom): internal; the request may or may not have been applied",
    );
  });

  it("retries a POST refused with 429, which says nothing was done", async () => {
    script = [
      { status: 429, headers: { "retry-after": "0" } },
      { status: 201, body: { ok: true } },
    ];
    await client().request({ operation: "create thing", method: "POST", path: "things", body: {}, response: Ok });
    expect(seen.map((s) => s.method)).toEqual(["POST", "POST"]);
  });

  it("says when a 429's Retry-After exceeds the retry budget, instead of 'retries exhausted' (issue 11 item 5)", async () => {
    script = [{ status: 429, headers: { "retry-after": "3600" }, body: { code: "Throttled", message: "slow down" } }];
    const error = await client({ retry: { baseDelayMs: 10, maxDelayMs: 50, budgetMs: 60_000 } })
      .request({ operation: "read thing", method: "GET", path: "things/1" })
      .catch((e) => e);
    expect(seen).toHaveLength(1);
    expect(error.message).toBe(
      "read thing failed (GET /api/things/1 -> 429 Throttled): slow down (rate limited: the cloud asks to wait 3600 s (Retry-After), longer than the retry budget of 60 s, so no retry was made; run the command again after that wait)",
    );
    script = [429, 429, 429].map((status) => ({
      status,
      headers: { "retry-after": "0" },
      body: { code: "Throttled", message: "slow down" },
    }));
    const exhausted = await client({ retry: { baseDelayMs: 1, maxDelayMs: 1, limit: 2 } })
      .request({ operation: "read thing", method: "GET", path: "things/1" })
      .catch((e) => e);
    expect(exhausted.message).toMatch(/slow down \(rate limited; retries exhausted\)$/);
  });

  it("turns a POST whose connection dropped into an ambiguous error, and retries a GET", async () => {
    script = ["reset"];
    const error = await client()
      .request({ operation: "create thing", method: "POST", path: "things", body: {} })
      .catch((e) => e);
    expect(error.code).toBe("Ambiguous");
    expect(seen).toHaveLength(1);
    script = ["reset", { status: 200, body: { ok: true } }];
    seen = [];
    await client().request({ operation: "read thing", method: "GET", path: "things/1", response: Ok });
    expect(seen).toHaveLength(2);
  });

  it("maps statuses to stable codes and names the call, never a credential", async () => {
    script = [{ status: 404, body: { code: "NotThere", message: "no such thing" } }];
    const error = await client({ authorize: () => ({ "x-auth-token": "s3cr3t-token" }) })
      .request({ operation: "read thing 7", method: "GET", path: "things/7" })
      .catch((e) => e);
    expect([error.code, error.message]).toEqual(["NotFound", "read thing 7 failed (GET /api/things/7 -> 404 NotThere): no such thing"]);
    expect(JSON.stringify({ message: error.message, context: error.context })).not.toContain("s3cr3t");
  });

  it("reports a body that does not match the schema as ResponseValidation", async () => {
    script = [{ status: 200, body: { ok: "yes" } }];
    const error = await client()
      .request({ operation: "read thing", method: "GET", path: "things/1", response: Ok })
      .catch((e) => e);
    expect(error.code).toBe("ResponseValidation");
    expect(error.message).toContain(
      "read thing failed (GET /api/things/1 -> 200): Test Cloud answered with a body this client does not understand:",
    );
  });

  it("gives up after the attempt limit", async () => {
    script = Array.from({ length: 10 }, () => ({ status: 502 }));
    const error = await client({ retry: { baseDelayMs: 1, maxDelayMs: 2, limit: 3 } })
      .request({ operation: "read thing", method: "GET", path: "things/1" })
      .catch((e) => e);
    expect(seen).toHaveLength(4);
    expect(error.code).toBe("CloudApiError");
  });

  it("limits requests in flight per endpoint, settable with SECGROUPS_MAX_CONCURRENT_REQUESTS", async () => {
    const restore = setEnv({ SECGROUPS_MAX_CONCURRENT_REQUESTS: "3" });
    try {
      script = Array.from({ length: 12 }, () => ({ status: 200, body: { ok: true }, delayMs: 30 }));
      // the limiter is per endpoint and per process: `localhost` is a new endpoint for this test
      const c = createHttpClient({
        cloud: "Test Cloud",
        baseUrl: `http://localhost:${(server.address() as AddressInfo).port}/`,
        parseError,
      });
      await Promise.all(Array.from({ length: 12 }, (_, i) => c.request({ operation: `read ${i}`, method: "GET", path: `things/${i}` })));
      expect(maxInFlight).toBe(3);
    } finally {
      restore();
    }
  });

  it("refuses a bad concurrency setting with a message naming it", () => {
    const restore = setEnv({ SECGROUPS_MAX_CONCURRENT_REQUESTS: "zero" });
    try {
      expect(() => createHttpClient({ cloud: "Test Cloud", baseUrl: "http://127.0.0.2:9/", parseError })).toThrow(
        'maxConcurrentRequests must be a whole number of at least 1, not "zero"',
      );
    } finally {
      restore();
    }
  });
});
