import type { CloudErrorInfo } from "../core/http";
import { SecgroupsError } from "../core/errors";
import { grantHint, Permission } from "./permissions";

type Code = CloudErrorInfo["code"];

/** VPC v3, IAM and API gateway error codes (VPC's table vpc_api_0003, the gateway's APIGW/APIG codes). */
const VPC_CODES: Record<string, Code> = {
  "VPC.9904": "NotFound",
  "VPC.9905": "QuotaExceeded",
  "VPC.2201": "Forbidden",
  "APIGW.0301": "Unauthorized",
  "APIG.0301": "Unauthorized",
  "APIGW.0308": "RateLimited",
  "APIG.0308": "RateLimited",
};

/** The rule id VPC v3 and Neutron name in a duplicate-rule answer. */
const EXISTING_RULE = /Rule id is ([\w-]+)/;

/**
 * Reads a Huawei error body into our code, by the cloud's error code: VPC v3 and the gateway
 * `{error_code, error_msg}`, v1 `{code, message}`, and Nova faults `{"itemNotFound": {code, message}}`.
 */
export function parseHuaweiError(status: number, body: unknown): CloudErrorInfo {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const fault = Object.entries(b).find(([, v]) => v && typeof v === "object" && typeof (v as { message?: unknown }).message === "string");
  if (fault && b.error_code === undefined) return novaError(status, fault[0], (fault[1] as { message: string }).message);
  const cloudCode = typeof b.error_code === "string" ? b.error_code : typeof b.code === "string" ? b.code : undefined;
  const text = b.error_msg ?? b.message;
  const message = typeof text === "string" ? text : typeof body === "string" && body ? body.slice(0, 300) : `HTTP ${status}`;
  const existingId = EXISTING_RULE.exec(message)?.[1];
  return { code: vpcCode(status, cloudCode, existingId), cloudCode, message, existingId };
}

function vpcCode(status: number, cloudCode: string | undefined, existingId: string | undefined): Code {
  if (cloudCode && VPC_CODES[cloudCode]) return VPC_CODES[cloudCode];
  // VPC.9902 at 409 is both "rule already exists" and "group in use": only the first names a rule id.
  if (cloudCode === "VPC.9902" && status === 409) return existingId ? "Conflict" : "InUse";
  return status === 401 ? "Unauthorized" : undefined;
}

/**
 * Nova's faults carry no code of their own (the fault name follows the HTTP status), so "in use",
 * "already exists" and quota are told apart by Nova's fixed sentences, as upstream Nova words them.
 */
const NOVA_SENTENCES: [RegExp, Code][] = [
  [/ in use\.?$/, "InUse"],
  [/already exists/, "Conflict"],
  [/^Quota exceeded/, "QuotaExceeded"],
];

function novaError(status: number, faultName: string, message: string): CloudErrorInfo {
  const code = NOVA_SENTENCES.find(([pattern]) => pattern.test(message))?.[1] ?? (status === 401 ? "Unauthorized" : undefined);
  return { code, cloudCode: faultName, message };
}

/** Runs a call; a 403 becomes an error naming the operation and the IAM actions to grant. */
export async function withPermission<T>(permission: Permission, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SecgroupsError && error.code === "Forbidden") {
      const cloudSaid = error.cloudMessage ?? "";
      throw new SecgroupsError("Forbidden", error.context, `${cloudSaid}; ${grantHint(permission)}`, {
        cause: error,
        cloudMessage: error.cloudMessage,
      });
    }
    throw error;
  }
}
