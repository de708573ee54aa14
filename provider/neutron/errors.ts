import type { CloudErrorInfo } from "../core/http";

const CODES: Record<string, CloudErrorInfo["code"]> = {
  SecurityGroupInUse: "InUse",
  SecurityGroupRuleExists: "Conflict",
  DuplicateSecurityGroupRuleInPost: "Conflict",
  SecurityGroupDefaultAlreadyExists: "Conflict",
  OverQuota: "Conflict",
  SecurityGroupNotFound: "NotFound",
  SecurityGroupRuleNotFound: "NotFound",
  HTTPNotFound: "NotFound",
  PolicyNotAuthorized: "Forbidden",
};

/** Reads a `NeutronError` body (or Keystone's `{"error": ...}`) into our error code and the cloud's own type. */
export function parseNeutronError(status: number, body: unknown): CloudErrorInfo {
  const neutron = (body as { NeutronError?: { type?: string; message?: string } })?.NeutronError;
  if (neutron) {
    const existingId = neutron.type === "SecurityGroupRuleExists" ? /Rule id is ([\w-]+)/.exec(neutron.message ?? "")?.[1] : undefined;
    return { code: CODES[neutron.type ?? ""], cloudCode: neutron.type, message: neutron.message ?? `HTTP ${status}`, existingId };
  }
  const keystone = (body as { error?: { title?: string; message?: string } })?.error;
  if (keystone) return { cloudCode: keystone.title, message: keystone.message ?? `HTTP ${status}` };
  return { message: typeof body === "string" && body ? body.slice(0, 300) : `HTTP ${status}` };
}
