import type { CloudErrorInfo } from "../core/http";

const CODES: Record<string, CloudErrorInfo["code"]> = {
  not_found: "NotFound",
  unknown_resource: "NotFound",
  denied_authentication: "Unauthorized",
  permissions_denied: "Forbidden",
  invalid_arguments: "Validation",
  quotas_exceeded: "Forbidden",
  transient_state: "Conflict",
  already_exists: "Conflict",
  too_many_requests: "RateLimited",
};

interface ScalewayBody {
  type?: string;
  message?: string;
  resource?: string;
  resource_id?: string;
  fields?: Record<string, string[]>;
  details?: { argument_name?: string; help_message?: string; reason?: string; resource?: string; action?: string }[];
}

/** Reads Scaleway's `{type, message, ...}` body (legacy Instance and standard forms) into our code and a readable message. */
export function parseScalewayError(status: number, body: unknown): CloudErrorInfo {
  if (!body || typeof body !== "object") return { message: typeof body === "string" && body ? body.slice(0, 300) : `HTTP ${status}` };
  const b = body as ScalewayBody;
  const parts = [b.message ?? `HTTP ${status}`];
  if (b.fields)
    parts.push(
      Object.entries(b.fields)
        .map(([k, reasons]) => `${k}: ${reasons.join(", ")}`)
        .join("; "),
    );
  for (const d of b.details ?? []) {
    if (d.argument_name) parts.push(`${d.argument_name}: ${d.help_message ?? d.reason ?? "invalid"}`);
    else if (d.action && d.resource) parts.push(`${d.action} ${d.resource}`);
  }
  if (b.resource && b.resource_id) parts.push(`${b.resource} ${b.resource_id}`);
  let code = CODES[b.type ?? ""];
  if (b.type === "conflict" && /in use/i.test(b.message ?? "")) code = "InUse";
  else if (b.type === "conflict") code = "Conflict";
  else if (b.type === "invalid_request_error" && status === 400) code = "Validation";
  return { code, cloudCode: b.type, message: parts.join(": ") };
}
