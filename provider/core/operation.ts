import { AsyncLocalStorage } from "node:async_hooks";
import { SecgroupsError } from "./errors";
import { log } from "./log";
import { CORE_SETTINGS, readSettings } from "./settings";

/**
 * How much one provider operation (create, read, update or delete) may try, per cloud: the one table every
 * layer consults (HTTP retries, re-authentication, lookups after an ambiguous create, re-plans, conflict
 * retries, settle waits), so that attempts never multiply past the operation's deadline.
 */
export interface OperationLimits {
  /** The whole operation's budget, every call and wait included. */
  operationTimeoutMs: number;
  /** One HTTP attempt's timeout (bounded again by what is left of the operation). */
  requestTimeoutMs: number;
  /** Lookups after a create whose answer was lost, before giving up or posting again. */
  lookupTries: number;
  /** First wait between those lookups; each further wait doubles. */
  lookupDelayMs: number;
  /** Writes repeated after a conflict (the object changed since it was read). */
  conflictRetries: number;
  /** Re-reads and re-plans after the cloud disagreed with what state remembered. */
  replans: number;
  /** Sign-ins repeated after the cloud refused a token it issued (401). */
  reauthentications: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  operationTimeoutMs: 20 * 60_000,
  requestTimeoutMs: 30_000,
  lookupTries: 4,
  lookupDelayMs: 250,
  conflictRetries: 3,
  replans: 1,
  reauthentications: 1,
};

/** Settings that override every cloud's table (the clouds' own settings, e.g. Genesis's settle timeout, stay theirs). */
const OPERATION_SETTINGS = {
  operationTimeoutMs: CORE_SETTINGS.operationTimeoutMs,
  requestTimeoutMs: CORE_SETTINGS.requestTimeoutMs,
  lookupTries: CORE_SETTINGS.lookupTries,
};

/** One running provider operation: what it is, when it must end, its limits and the creation token of the object it makes. */
export interface Operation {
  what: string;
  startedAt: number;
  deadline: number;
  limits: OperationLimits;
  /** Deterministic identity of the object a create makes (see creation-token.ts), when the program gave one. */
  token?: string;
}

const running = new AsyncLocalStorage<Operation>();

/** The cloud's table with the `secgroups:*` / SECGROUPS_* overrides applied. */
export function effectiveLimits(cloud: Partial<OperationLimits> = {}): OperationLimits {
  const limits = { ...DEFAULT_LIMITS, ...cloud };
  const set = readSettings("pulumi-secgroups", OPERATION_SETTINGS, []);
  for (const [name, value] of Object.entries(set) as [keyof typeof OPERATION_SETTINGS, string | undefined][]) {
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < (name === "lookupTries" ? 1 : 1000)) {
      throw new SecgroupsError(
        "Configuration",
        { operation: "pulumi-secgroups configuration" },
        `${name} must be a whole number${name === "lookupTries" ? " of at least 1" : " of milliseconds, at least 1000"}, not "${value}"`,
      );
    }
    limits[name] = n;
  }
  return limits;
}

/** Runs `fn` as one operation with its own deadline; a nested call joins the operation already running. */
export function runOperation<T>(
  what: string,
  fn: () => Promise<T>,
  options: { limits?: Partial<OperationLimits>; token?: string } = {},
): Promise<T> {
  const outer = running.getStore();
  if (outer) return fn();
  const limits = effectiveLimits(options.limits);
  const startedAt = Date.now();
  return running.run({ what, startedAt, deadline: startedAt + limits.operationTimeoutMs, limits, token: options.token }, fn);
}

/** The operation running now, if any (tests may call lower layers without one). */
export function currentOperation(): Operation | undefined {
  return running.getStore();
}

/** The limits in force: the running operation's, else the defaults. */
export function limits(): OperationLimits {
  return running.getStore()?.limits ?? DEFAULT_LIMITS;
}

/** Milliseconds left before the running operation's deadline (Infinity outside an operation). */
export function remainingMs(now = Date.now()): number {
  const op = running.getStore();
  return op ? op.deadline - now : Infinity;
}

/** Whether a wait of `delayMs` starting now would end past the deadline. */
export function wouldPassDeadline(delayMs: number): boolean {
  return delayMs >= remainingMs();
}

/** The error of a step that was not scheduled (or was cut short) because the operation's deadline came. */
export function deadlineError(what: string, doing: string): SecgroupsError {
  const op = running.getStore();
  const budget = op ? ` (${op.limits.operationTimeoutMs} ms, SECGROUPS_OPERATION_TIMEOUT_MS or secgroups:operationTimeoutMs)` : "";
  return new SecgroupsError("Timeout", { operation: what }, `${doing}: the operation's deadline${budget} was reached`);
}

/** Sleeps `ms`, or throws the deadline error at once when the wait would end past the deadline. */
export async function pause(ms: number, what: string, doing: string): Promise<void> {
  if (wouldPassDeadline(ms)) throw deadlineError(what, doing);
  await new Promise((r) => setTimeout(r, ms));
}

/** The things above HTTP that may be tried again, each with its count in OperationLimits. */
export type RetryReason = "conflictRetries" | "replans" | "reauthentications";

/**
 * Runs `attempt`; when it fails with an error `retryable` accepts, runs `before` (re-read, wait, sign in again)
 * and tries again, at most `limits()[reason]` more times and never past the deadline.
 */
export async function retrying<T>(
  reason: RetryReason,
  what: string,
  attempt: (n: number) => Promise<T>,
  retryable: (error: unknown) => boolean,
  before: (error: unknown) => unknown = () => undefined,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= limits()[reason] || !retryable(error)) throw error;
      if (remainingMs() <= 0) throw deadlineError(what, `${reason === "replans" ? "re-planning" : "retrying"} after ${String(error)}`);
      log(`${what}: ${describe(reason)} (${n + 1} of ${limits()[reason]})`);
      await before(error);
    }
  }
}

function describe(reason: RetryReason): string {
  if (reason === "conflictRetries") return "changed meanwhile; reading it again";
  if (reason === "replans") return "live state differs from what was expected; re-reading and planning again";
  return "the token was refused; signing in again";
}

/** Polls until `probe` returns a value, with backoff; fails at `timeoutMs` or at the operation's deadline, whichever comes first. */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { timeoutMs: number; initialDelayMs?: number; maxDelayMs?: number },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let delay = opts.initialDelayMs ?? 200;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + delay > deadline) {
      throw new SecgroupsError("Timeout", { operation: what }, `still not done after ${opts.timeoutMs} ms`);
    }
    await pause(delay, what, "still not done");
    delay = Math.min(delay * 2, opts.maxDelayMs ?? 5000);
  }
}
