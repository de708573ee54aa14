import { EmulatedError } from "../../types";

const FAULT_NAMES: Record<number, string> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  409: "conflictingRequest",
  413: "overLimit",
  415: "badMediaType",
  429: "overLimit",
  501: "notImplemented",
  503: "serviceUnavailable",
};

/** Nova's fault body: `{"<faultName>": {"code", "message"}}`, the name chosen by status. */
export function novaFault(status: number, message: string): EmulatedError {
  return new EmulatedError(status, { [FAULT_NAMES[status] ?? "computeFault"]: { code: status, message } });
}

export const faults = {
  bad: (message: string) => novaFault(400, message),
  groupNotFound: (id: string) => novaFault(404, `Security group ${id} not found.`),
  // Upstream Nova's add_to_instance/remove_from_instance wording.
  groupNotFoundForProject: (name: string, project: string) => novaFault(404, `Security group ${name} is not found for project ${project}`),
  // Upstream Nova proxies rules to Neutron and passes its message on (nova@00a03040 network/security_group_api.py get_rule).
  ruleNotFound: (id: string) => novaFault(404, `Security group rule ${id} does not exist`),
  serverNotFound: (id: string) => novaFault(404, `Instance ${id} could not be found.`),
  notFound: () => novaFault(404, "The resource could not be found."),
  inUse: (id: string) => novaFault(400, `Security Group ${id} in use.`),
  ruleExists: (parent: string) => novaFault(400, `This rule already exists in group ${parent}`),
  notAssociated: (name: string, server: string) => novaFault(404, `Security group ${name} not associated with the instance ${server}`),
  ambiguous: (name: string) => novaFault(409, `Multiple security groups found matching '${name}'. Use an ID to be more specific.`),
  // SecurityGroupLimitExceeded(str(neutron_error)): 403 with Neutron's OverQuota message (same file, create/add_rules).
  groupQuota: () => novaFault(403, "Quota exceeded for resources: ['security_group']."),
  ruleQuota: () => novaFault(403, "Quota exceeded for resources: ['security_group_rule']."),
  denied: (action: string) => novaFault(403, `Policy doesn't allow ${action} to be performed.`),
  projectMismatch: (inUrl: string, caller: string) =>
    novaFault(400, `Malformed request URL: URL's project_id '${inUrl}' doesn't match Context's project_id '${caller}'`),
};
