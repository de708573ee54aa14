import { EmulatedError } from "../types";

/**
 * Genesis Cloud's error body for every non-2xx answer: `{"code": "<string>", "message": "<text>"}`.
 * Only `02001` ("Invalid route") is sourced (the OpenAPI example); the public code catalogue could not be
 * retrieved, so the other codes are descriptive names chosen by the emulator. Clients must branch on the
 * HTTP status, never on these codes.
 */
export function genesisError(status: number, code: string, message: string, headers: Record<string, string> = {}): EmulatedError {
  return new EmulatedError(status, { code, message }, headers);
}

export const errors = {
  unauthorized: () =>
    genesisError(
      401,
      "Unauthorized",
      "invalid or missing API token: send Authorization: Bearer <token> (or the legacy X-Auth-Token header)",
    ),
  invalidRoute: () => genesisError(404, "02001", "Invalid route"),
  badRequest: (message: string) => genesisError(400, "InvalidRequest", message),
  reservedName: (name: string) =>
    genesisError(400, "InvalidRequest", `the security group name "${name}" is reserved; "default" and "standard" are not allowed`),
  notFound: (id: string) => genesisError(404, "NotFound", `security group ${id} not found`),
  notSettled: (id: string, status: string) =>
    genesisError(409, "Conflict", `security group ${id} is ${status}; wait until its status is created or error before changing it`),
  inUse: (id: string, instances: string[]) =>
    genesisError(409, "ResourceInUse", `security group ${id} is attached to instance(s) ${instances.join(", ")}; detach it first`),
  nameTaken: (name: string) => genesisError(409, "Conflict", `a security group named "${name}" already exists`),
  internalGroup: (id: string) =>
    genesisError(403, "Forbidden", `security group ${id} is an internal group and cannot be changed or deleted`),
};
