import { isAmbiguous, isConflict, isNotFound, PartialCreateError, SecgroupsError } from "./errors";
import { log } from "./log";

/**
 * Creates an object idempotently: a conflict naming an identical existing object adopts it, and an
 * ambiguous failure (no answer after sending) is resolved by looking the object up before trying again.
 */
export async function createIdempotent<T>(steps: {
  what: string;
  create: () => Promise<T>;
  /** Finds the object the create would have made (by name or by rule tuple). */
  find: () => Promise<T | undefined>;
  /** Fetches the object a conflict named, when the cloud names one. */
  adopt?: (existingId: string) => Promise<T | undefined>;
}): Promise<T> {
  try {
    return await steps.create();
  } catch (error) {
    if (isConflict(error) && steps.adopt && (error as SecgroupsError).existingId) {
      const existing = await steps.adopt((error as SecgroupsError).existingId!);
      if (existing !== undefined) {
        log(`${steps.what}: already exists as ${(error as SecgroupsError).existingId}, adopting it`);
        return existing;
      }
    }
    if (!isAmbiguous(error)) throw error;
    log(`${steps.what}: no answer from the cloud; checking whether it was created`);
    const found = await steps.find();
    if (found !== undefined) return found;
    log(`${steps.what}: not created; trying once more`);
    return steps.create();
  }
}

/** Runs a delete, treating "already gone" as success. */
export async function deleteIfExists(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Runs a read, turning "gone" into undefined. */
export async function readIfExists<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Finishes a create whose object already exists in the cloud; a failure in `finish` becomes a partial
 * failure carrying the id, so the engine keeps the object in state instead of leaking it.
 */
export async function finishCreate<T extends Record<string, unknown>>(
  id: string,
  partialOutputs: () => Promise<T> | T,
  finish: () => Promise<T>,
): Promise<T> {
  try {
    return await finish();
  } catch (error) {
    let outs: T | Record<string, unknown>;
    try {
      outs = await partialOutputs();
    } catch {
      outs = {};
    }
    throw new PartialCreateError(id, outs, [error instanceof Error ? error.message : String(error)], { cause: error });
  }
}

/** Polls until `done` returns a value, with backoff, or fails after the deadline. */
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
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, opts.maxDelayMs ?? 5000);
  }
}
