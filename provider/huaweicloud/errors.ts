import type { CloudErrorInfo } from "../core/http";
import { SecgroupsError } from "../core/errors";
import { grantHint, Permission } from "./permissions";

/**
 * Reads a Huawei error body: VPC v3 and the gateway `{error_code, error_msg}`, v1 `{code, message}`,
 * and Nova faults `{"itemNotFound": {code, message}}`.
 */
export function parseHuaweiError(status: number, body: unknown): CloudErrorInfo {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, any>;
  const nova = Object.values(b).find((v) => v && typeof v === "object" && typeof v.message === "string");
  const cloudCode: string | undefined = b.error_code ?? b.code ?? (nova ? Object.keys(b).find((k) => b[k] === nova) : undefined);
  const message: string = b.error_msg ?? b.message ?? nova?.message ?? (typeof body === "string" && body ? body.slice(0, 300) : `HTTP ${status}`);
  return { code: codeFor(status, cloudCode, message), cloudCode, message, existingId: /Rule id is ([\w-]+)/.exec(message)?.[1] };
}

function codeFor(status: number, cloudCode: string | undefined, message: string): CloudErrorInfo["code"] {
  if (/ in use\.?$/.test(message)) return "InUse";
  if (cloudCode === "VPC.9905" || /^Quota exceeded/.test(message)) return "CloudApiError";
  if (/already exists/.test(message)) return "Conflict";
  if (status === 401 || cloudCode === "APIGW.0301" || cloudCode === "APIG.0301") return "Unauthorized";
  return undefined;
}

/** Runs a call; a 403 becomes an error naming the operation and the IAM actions to grant. */
export async function withPermission<T>(permission: Permission, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SecgroupsError && error.code === "Forbidden") {
      const cloudSaid = error.message.slice(error.message.indexOf(": ") + 2);
      throw new SecgroupsError("Forbidden", error.context, `${cloudSaid}; ${grantHint(permission)}`, { cause: error });
    }
    throw error;
  }
}
