import { isNotFound, PartialCreateError } from "./errors";

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
