import type { CloudErrorInfo } from "../core/http";

/**
 * Reads Genesis Cloud's `{"code", "message"}` error body. The code catalogue is not public, so the stable
 * error code comes from the HTTP status; the cloud's own code is kept for the message.
 */
export function parseGenesisError(status: number, body: unknown): CloudErrorInfo {
  const b = body as { code?: unknown; message?: unknown } | undefined;
  if (b && typeof b === "object" && typeof b.message === "string") {
    return { cloudCode: b.code === undefined ? undefined : String(b.code), message: b.message };
  }
  return { message: typeof body === "string" && body ? body.slice(0, 300) : `HTTP ${status}` };
}

/** Kept here for callers that import it from this module; defined once in core/errors. */
export { PartialUpdateError } from "../core/errors";
