import { randomUUID } from "node:crypto";
import { EmulatedError } from "../types";

/** VPC v3's error body `{request_id, error_msg, error_code}`, with the request id also in `X-Request-Id`. */
export function vpcError(status: number, code: string, message: string): EmulatedError {
  const requestId = randomUUID().replace(/-/g, "");
  return new EmulatedError(status, { request_id: requestId, error_msg: message, error_code: code }, { "x-request-id": requestId });
}

export const errors = {
  invalid: (message: string) => vpcError(400, "VPC.9901", message),
  badRule: (message: string) => vpcError(400, "VPC.9902", message),
  groupNotFound: (id: string) => vpcError(404, "VPC.9904", `Security group ${id} does not exist.`),
  groupNotFoundOnUpdate: (id: string) => vpcError(404, "VPC.9904", `Security group ${id} could not be found.`),
  groupNotFoundOnDelete: (id: string) => vpcError(404, "VPC.9904", `Security_group ${id} could not be found.`),
  parentNotFound: (id: string) => vpcError(404, "VPC.9904", `security_group_id ${id} could not be found.`),
  remoteGroupNotFound: (id: string) => vpcError(404, "VPC.9904", `remote security group ${id} could not be found.`),
  addressGroupNotFound: (id: string) => vpcError(404, "VPC.9904", `Address group ${id} does not exist.`),
  ruleNotFound: (id: string) => vpcError(404, "VPC.9904", `Security_group_rule ${id} could not be found.`),
  groupInUse: (id: string) => vpcError(409, "VPC.9902", `Security group ${id} is in use.`),
  ruleExists: (id: string) => vpcError(409, "VPC.9902", `Security group rule already exists. Rule id is ${id}.`),
  groupQuota: () => vpcError(409, "VPC.9905", "Quota exceeded for resources: security_group."),
  ruleQuota: () => vpcError(409, "VPC.9905", "Quota exceeded for resources: ['security_group_rule']."),
  // VPC's error code table (vpc_api_0003): 400 VPC.0007 "urlTenantId is not equal tokenTenantId",
  // 403 VPC.2201 "Policy doesn't allow <x:x:x> to be performed".
  projectMismatch: () => vpcError(400, "VPC.0007", "urlTenantId is not equal tokenTenantId"),
  denied: (action: string) => vpcError(403, "VPC.2201", `Policy doesn't allow ${action} to be performed`),
  dryRunPassed: () => vpcError(202, "SYS.0202", "Request validation has been passed with dry run..."),
};
