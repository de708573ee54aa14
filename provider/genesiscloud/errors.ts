import { PartialCreateError } from "../core/errors";
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

/**
 * An update the cloud accepted but that ended with the group in `error`. Like a partial create, the
 * dynamic-provider host sends the `id` and `properties` to the engine, which records them (status "error").
 */
export class PartialUpdateError extends PartialCreateError {
  constructor(id: string, properties: Record<string, unknown>, reasons: string[]) {
    super(id, properties, reasons);
    this.name = "PartialUpdateError";
    this.message = `updated ${id} but could not finish: ${reasons.join("; ")}`;
  }
}
