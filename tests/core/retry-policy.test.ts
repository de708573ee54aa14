import { DEFAULT_RETRY, retryDelay } from "../../provider/core/retry-policy";

const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000, limit: 4, budgetMs: 5000 };
const half = () => 0; // the low end of the jitter window: 0.5 x the step

describe("retry policy", () => {
  it.each([
    ["GET", 503, undefined, 1, 50],
    ["GET", 503, undefined, 3, 200],
    ["DELETE", 500, undefined, 1, 50],
    ["PUT", 408, undefined, 2, 100],
    ["GET", 429, 2000, 1, 2000],
    ["POST", 429, 1000, 1, 1000],
    ["GET", undefined, undefined, 1, 50],
  ] as const)("%s status %p retry-after %p attempt %p waits %p ms", (method, status, retryAfterMs, attempt, expected) => {
    expect(
      retryDelay(policy, { method, status, retryAfterMs, attempt, elapsedMs: 0, errorCode: status ? undefined : "ECONNRESET" }, half),
    ).toBe(expected);
  });

  it.each([
    ["a POST that failed with 500 (it may have been applied)", { method: "POST", status: 500 }],
    ["a POST whose connection was reset after sending", { method: "POST", errorCode: "ECONNRESET" }],
    ["a 400", { method: "GET", status: 400 }],
    ["a 404", { method: "DELETE", status: 404 }],
    ["past the attempt limit", { method: "GET", status: 503, attempt: 5 }],
    ["past the time budget", { method: "GET", status: 503, elapsedMs: 4990 }],
    ["a Retry-After beyond the budget", { method: "GET", status: 429, retryAfterMs: 10_000 }],
  ])("does not retry %s", (_what, input) => {
    expect(retryDelay(policy, { attempt: 1, elapsedMs: 0, ...input } as never)).toBe(0);
  });

  it("jitters within half to all of the exponential step, capped", () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const step = Math.min(100 * 2 ** (attempt - 1), 1000);
      for (let i = 0; i < 50; i++) {
        const d = retryDelay(policy, { method: "GET", status: 503, attempt, elapsedMs: 0 });
        expect(d).toBeGreaterThanOrEqual(step / 2);
        expect(d).toBeLessThanOrEqual(step);
      }
    }
  });
});
