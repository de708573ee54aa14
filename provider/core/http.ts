import got, { HTTPError, RequestError, type Got } from "got";
import { z } from "zod";
import { endpointLimiter } from "./concurrency";
import { codeForStatus, ErrorContext, SecgroupsError } from "./errors";
import { DEFAULT_RETRY, RETRY_ERROR_CODES, RETRY_STATUS_CODES, RetryPolicy, retryDelay } from "./retry-policy";
import { log, redact } from "./log";
import { deadlineError, limits, remainingMs } from "./operation";
import { CORE_SETTINGS, readSettings } from "./settings";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One API call: the operation name appears in every error and log line about it. */
export interface ApiRequest<T> {
  operation: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  /** Loose schema the response body is parsed with; omit for empty answers. */
  response?: z.ZodType<T>;
  /** A PATCH or POST the caller knows to be safe to repeat. */
  idempotent?: boolean;
  /** Statuses that are not errors for this call (e.g. 404 on a delete). */
  okStatuses?: number[];
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** What a cloud's error body says, mapped to our stable codes. */
export interface CloudErrorInfo {
  code?: SecgroupsError["code"];
  cloudCode?: string;
  message: string;
  existingId?: string;
}

/** The outgoing request a signer sees: final URL and the exact body bytes. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface HttpClientOptions {
  cloud: string;
  baseUrl: string;
  /** Headers to add to every attempt (auth tokens), or a signer computing them from the request. */
  authorize?: (req: OutgoingRequest) => Promise<Record<string, string>> | Record<string, string>;
  /** Reads the cloud's own error body. */
  parseError: (status: number, body: unknown) => CloudErrorInfo;
  /** Where the credentials came from (`settingSources`), named when the cloud refuses them. */
  credentialsFrom?: string;
  /** Where the endpoint came from, named when it cannot be reached. */
  endpointFrom?: string;
  /** One attempt's timeout; by default the running operation's `requestTimeoutMs`. Never past the operation's deadline. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
}

export interface HttpClient {
  readonly baseUrl: string;
  request<T>(req: ApiRequest<T>): Promise<ApiResponse<T>>;
}

/** Builds the one HTTP client a cloud uses: timeouts, bounded retries, per-endpoint concurrency, typed errors. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const limiter = endpointLimiter(options.baseUrl, options.concurrency ?? maxConcurrentRequests());
  const base = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
  const client: Got = got.extend({
    throwHttpErrors: true,
    retry: {
      limit: policy.limit,
      methods: ["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH"],
      statusCodes: RETRY_STATUS_CODES,
      errorCodes: RETRY_ERROR_CODES,
      calculateDelay: ({ attemptCount, error, retryAfter }) => {
        const ctx = error.options.context as unknown as AttemptContext;
        const delay = retryDelay(policy, {
          method: String(error.options.method),
          attempt: attemptCount,
          status: error.response?.statusCode,
          errorCode: error.response ? undefined : error.code,
          retryAfterMs: retryAfter,
          elapsedMs: Date.now() - ctx.startedAt,
          idempotent: ctx.idempotent,
        });
        // A retry that would start past the operation's deadline is not scheduled.
        if (delay > 0 && Date.now() + delay >= ctx.deadlineAt) {
          ctx.outcome.deadlineReached = true;
          return 0;
        }
        if (delay > 0)
          log(
            `${ctx.operation}: ${error.response ? `HTTP ${error.response.statusCode}` : error.code}, retry ${attemptCount} in ${delay} ms`,
          );
        return delay;
      },
    },
    hooks: {
      beforeRequest: [
        async (opts) => {
          if (!options.authorize) return;
          const headers = await options.authorize({
            method: String(opts.method),
            url: new URL(String(opts.url)),
            headers: Object.fromEntries(Object.entries(opts.headers).map(([k, v]) => [k, String(v)])),
            body: typeof opts.body === "string" ? opts.body : "",
          });
          for (const [k, v] of Object.entries(headers)) opts.headers[k.toLowerCase()] = v;
        },
      ],
    },
  });

  return {
    baseUrl: options.baseUrl,
    async request<T>(req: ApiRequest<T>): Promise<ApiResponse<T>> {
      // Ids reach paths through api-path's segment(); a query, fragment or dot segment here is a bug, never sent.
      if (/[?#]|(^|\/)\.{1,2}(\/|$)/.test(req.path))
        throw new SecgroupsError(
          "Validation",
          { operation: req.operation },
          `refusing to send a request to the unsafe path ${JSON.stringify(req.path.slice(0, 200))}`,
        );
      const url = new URL(req.path.replace(/^\//, ""), base);
      for (const [k, v] of Object.entries(req.query ?? {})) {
        if (v === undefined) continue;
        for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
      }
      const context: ErrorContext = { operation: req.operation, method: req.method, path: url.pathname };
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      return limiter.run(async () => {
        const left = remainingMs();
        if (left <= 0) throw deadlineError(req.operation, `${req.method} ${url.pathname} not sent`);
        const requestTimeout = options.timeoutMs ?? limits().requestTimeoutMs;
        const timeout = Math.min(requestTimeout, left);
        const attempt: AttemptContext = {
          startedAt: Date.now(),
          idempotent: req.idempotent,
          operation: req.operation,
          deadlineAt: Date.now() + left,
          cutByDeadline: timeout === left,
          outcome: {},
        };
        let status: number;
        let text: string;
        let headers: ApiResponse<T>["headers"];
        try {
          const res = await client(url, {
            method: req.method,
            body,
            headers: { accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
            responseType: "text",
            timeout: { request: Math.max(1, Math.round(timeout)) },
            // got refuses a Retry-After longer than this; the deadline is checked in calculateDelay.
            retry: { maxRetryAfter: requestTimeout },
            context: attempt as unknown as Record<string, unknown>,
          });
          ({ statusCode: status, body: text, headers } = res);
        } catch (error) {
          if (error instanceof HTTPError && req.okStatuses?.includes(error.response.statusCode)) {
            return { status: error.response.statusCode, body: undefined as T, headers: error.response.headers };
          }
          throw toSecgroupsError(error, context, options, deadlineNote(error, attempt), policy.budgetMs);
        }
        const parsed = text.length ? parseJson(text, { ...context, status }) : undefined;
        if (!req.response) return { status, body: parsed as T, headers };
        const result = req.response.safeParse(parsed);
        if (!result.success) {
          throw new SecgroupsError(
            "ResponseValidation",
            { ...context, status },
            `${options.cloud} answered with a body this client does not understand:\n${z.prettifyError(result.error)}`,
          );
        }
        return { status, body: result.data, headers };
      });
    },
  };
}

/** Requests in flight per endpoint: `secgroups:maxConcurrentRequests` or SECGROUPS_MAX_CONCURRENT_REQUESTS, default 8. */
export function maxConcurrentRequests(): number {
  const { maxConcurrentRequests: max } = readSettings("pulumi-secgroups", CORE_SETTINGS, []);
  const n = Number(max);
  if (!Number.isInteger(n) || n < 1) {
    throw new SecgroupsError(
      "Configuration",
      { operation: "pulumi-secgroups configuration" },
      `maxConcurrentRequests must be a whole number of at least 1, not "${max}"`,
    );
  }
  return n;
}

function parseJson(text: string, context: ErrorContext): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SecgroupsError("ResponseValidation", context, `response is not JSON: ${redact(text).slice(0, 200)}`, { cause });
  }
}

/** Why a 429 ended the request: the wait the cloud asked for exceeds the retry budget, or the retries ran out. */
function rateLimitHint(retryAfter: string | string[] | undefined, budgetMs: number): string {
  const text = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  const waitMs = text === undefined ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) * 1000 : Date.parse(text) - Date.now();
  if (waitMs !== undefined && Number.isFinite(waitMs) && waitMs > budgetMs) {
    return ` (rate limited: the cloud asks to wait ${Math.ceil(waitMs / 1000)} s (Retry-After), longer than the retry budget of ${Math.round(budgetMs / 1000)} s, so no retry was made; run the command again after that wait)`;
  }
  return " (rate limited; retries exhausted)";
}

/** What one request's attempts share with the retry hook. */
interface AttemptContext {
  startedAt: number;
  idempotent?: boolean;
  operation: string;
  /** The operation's deadline, ms since the epoch. */
  deadlineAt: number;
  /** The attempt's timeout is what was left of the operation. */
  cutByDeadline: boolean;
  /** Shared by reference (got copies the context object itself). */
  outcome: { deadlineReached?: boolean };
}

/** "; the operation's deadline was reached" when the deadline, not the retry policy, ended the request. */
function deadlineNote(error: unknown, attempt: AttemptContext): string {
  const timedOut = error instanceof RequestError && error.code === "ETIMEDOUT" && attempt.cutByDeadline;
  return attempt.outcome.deadlineReached || timedOut ? "; not retried: the operation's deadline was reached" : "";
}

function toSecgroupsError(
  error: unknown,
  context: ErrorContext,
  options: HttpClientOptions,
  note = "",
  budgetMs = DEFAULT_RETRY.budgetMs,
): SecgroupsError {
  if (error instanceof HTTPError) {
    const status = error.response.statusCode;
    // Redacted before anything reads it, so a secret the cloud echoed cannot survive a cut (e.g. a 300-character excerpt).
    let body: unknown = redact(String(error.response.body));
    try {
      body = JSON.parse(body as string);
    } catch {
      /* keep the raw text */
    }
    const info = options.parseError(status, body);
    const retryHint = note ? note : status === 429 ? rateLimitHint(error.response.headers["retry-after"], budgetMs) : "";
    // A server error on a POST may come after the server acted: callers must look before creating again.
    const ambiguous = context.method === "POST" && status >= 500 && status !== 501;
    const code = ambiguous ? "Ambiguous" : (info.code ?? codeForStatus(status));
    const credentialsHint =
      code === "Unauthorized" && options.credentialsFrom ? `; the credentials in use come from ${options.credentialsFrom}: check them` : "";
    return new SecgroupsError(
      code,
      { ...context, status, cloudCode: info.cloudCode },
      `${info.message}${retryHint}${ambiguous ? "; the request may or may not have been applied" : ""}${credentialsHint}`,
      {
        cause: error,
        existingId: info.existingId,
        cloudMessage: info.message,
      },
    );
  }
  const code = error instanceof RequestError ? error.code : undefined;
  const neverSent = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
  if (context.method === "POST" && !neverSent) {
    return new SecgroupsError(
      "Ambiguous",
      context,
      `no answer from ${options.cloud} (${code ?? String(error)}); the request may or may not have been applied${note}`,
      { cause: error },
    );
  }
  const where = new URL(options.baseUrl).origin;
  const endpointHint = options.endpointFrom ? `; the address comes from ${options.endpointFrom}` : "";
  return new SecgroupsError(
    code === "ETIMEDOUT" ? "Timeout" : "CloudApiError",
    context,
    `cannot reach ${options.cloud} at ${where} (${code ?? String(error)})${endpointHint}${note}`,
    { cause: error },
  );
}
