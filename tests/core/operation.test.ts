import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { SecgroupsError } from "../../provider/core/errors";
import { createHttpClient } from "../../provider/core/http";
import { effectiveLimits, pollUntil, retrying, runOperation } from "../../provider/core/operation";
import { claim } from "../../provider/core/adopted-ids";
import { reconcileCreate } from "../../provider/core/reconcile";
import { matchCreatedRules } from "../../provider/core/tuple-match";
import { setEnv } from "../helpers/emulator";

// One deadline per operation, the limits table, and the reconciliation of a create whose answer was lost.

const TOKEN = "sgt-0123456789abcdef01234567";
const noAnswer = () => new SecgroupsError("Ambiguous", { operation: "create x", method: "POST", path: "/x" }, "no answer");
const answered500 = () => new SecgroupsError("Ambiguous", { operation: "create x", method: "POST", path: "/x", status: 500 }, "500");
const fast = { lookupDelayMs: 5 };

describe("reconcileCreate", () => {
  it("adopts the object an earlier run made (found by its creation token) without posting", async () => {
    const create = jest.fn(async () => "new");
    const made = await runOperation(
      "create x",
      () => reconcileCreate({ what: "x", create, find: async () => undefined, findEarlier: async () => "earlier" }),
      {
        token: TOKEN,
      },
    );
    expect(made).toBe("earlier");
    expect(create).not.toHaveBeenCalled();
  });

  it("looks up several times after a lost answer and adopts what shows up late", async () => {
    const create = jest.fn(async (): Promise<string> => Promise.reject(noAnswer()));
    let lookups = 0;
    const find = async () => (++lookups === 3 ? "landed" : undefined);
    const made = await runOperation("create x", () => reconcileCreate({ what: "x", create, find }), { limits: fast });
    expect(made).toBe("landed");
    expect(lookups).toBe(3);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("fails without posting again when every lookup fails, saying the object may exist", async () => {
    const create = jest.fn(async (): Promise<string> => Promise.reject(noAnswer()));
    const find = jest.fn(async (): Promise<string | undefined> => Promise.reject(new Error("lookup refused")));
    const error = await runOperation("create x", () => reconcileCreate({ what: "x", create, find }), { limits: fast }).catch((e) => e);
    expect(error).toBeInstanceOf(SecgroupsError);
    expect(error.code).toBe("Ambiguous");
    expect(error.message).toContain("4 lookup(s) failed (lookup refused); the object may exist: not posting again");
    expect(create).toHaveBeenCalledTimes(1);
    expect(find).toHaveBeenCalledTimes(4);
  });

  it("with a creation token, a lost answer not found yet fails without a second POST and names the token", async () => {
    const create = jest.fn(async (): Promise<string> => Promise.reject(noAnswer()));
    const error = await runOperation(
      "create x",
      () => reconcileCreate({ what: "x", create, find: async () => undefined, findEarlier: async () => undefined }),
      { limits: fast, token: TOKEN },
    ).catch((e) => e);
    expect(error.message).toContain(`the next run finds it by its creation token ${TOKEN} and adopts it instead of creating another`);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("posts once more after a 5xx answer (the request is over) when one lookup does not find it", async () => {
    const create = jest.fn(async () => "second").mockImplementationOnce(() => Promise.reject(answered500()));
    const find = jest.fn(async () => undefined);
    const made = await runOperation("create x", () => reconcileCreate({ what: "x", create, find }), { limits: fast, token: TOKEN });
    expect(made).toBe("second");
    expect(find).toHaveBeenCalledTimes(1);
  });
});

describe("matchCreatedRules", () => {
  const key = (r: { t: string }) => r.t;
  it("matches the exact tuple, newest first, never a rule another resource owns, never by position", () => {
    const live = [
      { id: "r1", t: "tcp/22" },
      { id: "r2", t: "tcp/22" },
      { id: "r3", t: "tcp/443" },
    ];
    claim("r2");
    expect(matchCreatedRules([{ t: "tcp/22" }, { t: "tcp/22" }, { t: "tcp/80" }], live, key).map((r) => r?.id)).toEqual([
      "r1",
      undefined,
      undefined,
    ]);
  });
});

describe("limits and retries above HTTP", () => {
  it("reads the operation-wide overrides from the environment and refuses bad ones", () => {
    const restore = setEnv({ SECGROUPS_OPERATION_TIMEOUT_MS: "5000", SECGROUPS_LOOKUP_TRIES: "2" });
    try {
      expect(effectiveLimits({ operationTimeoutMs: 60_000, lookupTries: 4 })).toMatchObject({ operationTimeoutMs: 5000, lookupTries: 2 });
    } finally {
      restore();
    }
    const bad = setEnv({ SECGROUPS_OPERATION_TIMEOUT_MS: "soon" });
    try {
      expect(() => effectiveLimits()).toThrow('operationTimeoutMs must be a whole number of milliseconds, at least 1000, not "soon"');
    } finally {
      bad();
    }
  });

  it("retries as many times as the table says, then gives the last error", async () => {
    let calls = 0;
    const fail = () =>
      runOperation(
        "x",
        () =>
          retrying(
            "conflictRetries",
            "x",
            async () => Promise.reject(new Error(`conflict ${++calls}`)),
            () => true,
          ),
        { limits: { conflictRetries: 2 } },
      );
    await expect(fail()).rejects.toThrow("conflict 3");
    expect(calls).toBe(3);
  });

  it("a poll stops at the operation's deadline, not at its own longer timeout", async () => {
    const started = Date.now();
    const error = await runOperation(
      "wait",
      () => pollUntil("wait for x", async () => undefined, { timeoutMs: 60_000, initialDelayMs: 400 }),
      {
        limits: { operationTimeoutMs: 1000 },
      },
    ).catch((e) => e);
    expect(error.message).toContain(
      "the operation's deadline (1000 ms, SECGROUPS_OPERATION_TIMEOUT_MS or secgroups:operationTimeoutMs) was reached",
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("the HTTP client under an operation's deadline", () => {
  let server: http.Server;
  let base: string;
  let seen = 0;
  let reply: (res: http.ServerResponse) => void = () => undefined;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      seen++;
      reply(res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => (seen = 0));
  const client = () =>
    createHttpClient({
      cloud: "Test Cloud",
      baseUrl: base,
      parseError: (s) => ({ message: `HTTP ${s}` }),
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });

  it("does not schedule a retry that would pass the deadline, and says so", async () => {
    reply = (res) => {
      res.writeHead(429, { "retry-after": "5" });
      res.end("{}");
    };
    const started = Date.now();
    const error = await runOperation("read", () => client().request({ operation: "read thing", method: "GET", path: "/t" }), {
      limits: { operationTimeoutMs: 2000 },
    }).catch((e) => e);
    expect(seen).toBe(1);
    expect(error.message).toContain("not retried: the operation's deadline was reached");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("cuts one attempt's timeout to what is left of the operation", async () => {
    reply = () => undefined; // never answers
    const started = Date.now();
    const error = await runOperation("read", () => client().request({ operation: "read thing", method: "GET", path: "/t" }), {
      limits: { operationTimeoutMs: 1000, requestTimeoutMs: 30_000 },
    }).catch((e) => e);
    expect(error.message).toContain("the operation's deadline was reached");
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
