/** How a cloud client retries: bounded in attempts and in total time, jittered exponential backoff. */
export interface RetryPolicy {
  /** Attempts after the first. */
  limit: number;
  /** First backoff step; each further step doubles. */
  baseDelayMs: number;
  /** Cap of one backoff step (Retry-After may ask for longer, up to the budget). */
  maxDelayMs: number;
  /** No retry is scheduled once this much time has passed since the first attempt. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 5, baseDelayMs: 250, maxDelayMs: 8000, budgetMs: 60_000 };

export const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];
export const RETRY_ERROR_CODES = [
  "ETIMEDOUT",
  "ECONNRESET",
  "EADDRINUSE",
  "ECONNREFUSED",
  "EPIPE",
  "ENOTFOUND",
  "ENETUNREACH",
  "EAI_AGAIN",
];
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

export interface RetryDecisionInput {
  method: string;
  attempt: number;
  status?: number;
  errorCode?: string;
  retryAfterMs?: number;
  elapsedMs: number;
  /** PATCH that replaces fields with given values is idempotent; the caller says so. */
  idempotent?: boolean;
}

/**
 * The delay before the next attempt, or 0 for "do not retry". A POST is retried only on 429, which
 * says the server did not act; anything else on a POST may have been applied and must be reconciled.
 */
export function retryDelay(policy: RetryPolicy, input: RetryDecisionInput, random: () => number = Math.random): number {
  if (input.attempt > policy.limit) return 0;
  const retriableStatus = input.status !== undefined && RETRY_STATUS_CODES.includes(input.status);
  const retriableError = input.status === undefined && input.errorCode !== undefined && RETRY_ERROR_CODES.includes(input.errorCode);
  if (!retriableStatus && !retriableError) return 0;
  const idempotent = input.idempotent ?? IDEMPOTENT.has(input.method.toUpperCase());
  if (!idempotent && !(input.status === 429 || (input.errorCode === "ECONNREFUSED" && input.status === undefined))) return 0;
  const step = Math.min(policy.baseDelayMs * 2 ** (input.attempt - 1), policy.maxDelayMs);
  const delay = input.retryAfterMs !== undefined ? Math.max(input.retryAfterMs, 1) : Math.max(1, Math.round(step * (0.5 + random() / 2)));
  if (input.elapsedMs + delay > policy.budgetMs) return 0;
  return delay;
}
