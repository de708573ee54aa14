import { EmulatedError } from "../types";

/** Scaleway's error bodies: `{type, message, ...extra}`, legacy Instance forms and standard forms mixed as the real API does. */
export const errors = {
  /** 401, standard form: the SDK maps it to DeniedAuthenticationError. */
  deniedAuthentication: (reason: "invalid_argument" | "not_found") =>
    new EmulatedError(401, { type: "denied_authentication", method: "api_key", reason, message: "authentication is denied" }),
  permissionsDenied: (resource: string, action: "read" | "write") =>
    new EmulatedError(403, { type: "permissions_denied", message: "insufficient permissions", details: [{ resource, action }] }),
  /** Legacy Instance validation error, one list of reasons per field. */
  validation: (fields: Record<string, string[]>) =>
    new EmulatedError(400, { type: "invalid_request_error", message: "Validation Error", fields }),
  badRequest: (message: string) => new EmulatedError(400, { type: "invalid_request_error", message }),
  invalidZone: (zone: string, zones: readonly string[]) =>
    new EmulatedError(400, {
      type: "invalid_arguments",
      message: "invalid argument(s)",
      details: [{ argument_name: "zone", reason: "constraint", help_message: `zone "${zone}" is not one of ${zones.join(", ")}` }],
    }),
  groupNotFound: (id: string) =>
    new EmulatedError(404, { type: "not_found", message: "resource is not found", resource: "instance_security_group", resource_id: id }),
  ruleNotFound: (id: string) =>
    new EmulatedError(404, {
      type: "not_found",
      message: "resource is not found",
      resource: "instance_security_group_rule",
      resource_id: id,
    }),
  groupInUse: () => new EmulatedError(409, { type: "conflict", message: "Group is in use. You cannot delete it." }),
  ruleNotEditable: (id: string) => new EmulatedError(400, { type: "invalid_request_error", message: `Rule ${id} is not editable.` }),
  quota: (resource: string) =>
    new EmulatedError(403, { type: "invalid_request_error", message: "Quota exceeded for this resource.", resource }),
  invalidJson: () => new EmulatedError(400, { type: "invalid_request_error", message: "The request body is not valid JSON." }),
};
