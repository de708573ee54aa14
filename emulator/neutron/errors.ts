import { EmulatedError } from "../types";

/** Neutron's error body: `{"NeutronError": {type, message, detail: ""}}`. */
export function neutronError(status: number, type: string, message: string): EmulatedError {
  return new EmulatedError(status, { NeutronError: { type, message, detail: "" } });
}

/** Neutron (webob) names the HTTP error in `type`; no published body limit, so the emulator default applies. */
export function neutronRefusal(status: 400 | 413 | 500, message: string) {
  const type = { 400: "HTTPBadRequest", 413: "HTTPRequestEntityTooLarge", 500: "HTTPInternalServerError" }[status];
  return { status, body: { NeutronError: { type, message, detail: "" } } };
}

/** The emulator's 501 for a request no route matches, in Neutron's body. */
export function neutronUnrouted(method: string, path: string) {
  return {
    status: 501,
    body: { NeutronError: { type: "HTTPNotImplemented", message: `emulator: no route for ${method} ${path}`, detail: "" } },
  };
}

export const errors = {
  /** keystonemiddleware's answer (keystonemiddleware@39ae6caf auth_token/__init__.py), before Neutron sees the request. */
  unauthorized: (identityUri?: string) =>
    new EmulatedError(
      401,
      { error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } },
      identityUri ? { "www-authenticate": `Keystone uri="${identityUri}"` } : {},
    ),
  badRequest: (message: string, type = "HTTPBadRequest") => neutronError(400, type, message),
  invalidInput: (attr: string, reason: string) => neutronError(400, "InvalidInput", `Invalid input for ${attr}. Reason: ${reason}.`),
  groupNotFound: (id: string) => neutronError(404, "SecurityGroupNotFound", `Security group ${id} does not exist`),
  ruleNotFound: (id: string) => neutronError(404, "SecurityGroupRuleNotFound", `Security group rule ${id} does not exist`),
  groupInUse: (id: string) => neutronError(409, "SecurityGroupInUse", `Security Group ${id} in use.`),
  ruleExists: (id: string) => neutronError(409, "SecurityGroupRuleExists", `Security group rule already exists. Rule id is ${id}.`),
  duplicateInPost: () => neutronError(409, "DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST."),
  defaultExists: () => neutronError(409, "SecurityGroupDefaultAlreadyExists", "Default security group already exists."),
  cannotUpdateDefault: () => neutronError(409, "SecurityGroupCannotUpdateDefault", "Updating default security group not allowed."),
  cannotRemoveDefault: () =>
    neutronError(409, "SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group."),
  overQuota: (resource: string) => neutronError(409, "OverQuota", `Quota exceeded for resources: ['${resource}'].`),
  invalidProtocol: (p: unknown) =>
    neutronError(
      400,
      "SecurityGroupRuleInvalidProtocol",
      `Security group rule protocol ${p} not supported. Only protocol values [None, 'ah', 'dccp', 'egp', 'esp', 'gre', 'icmp', 'igmp', 'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp'] and integer representations [0 to 255] are supported.`,
    ),
  invalidEthertype: (e: unknown, allowed = ["IPv4", "IPv6"]) =>
    neutronError(
      400,
      "SecurityGroupRuleInvalidEtherType",
      `Security group rule for ethertype '${e}' not supported. Allowed values are [${allowed.map((a) => `'${a}'`).join(", ")}].`,
    ),
  notFound: () => neutronError(404, "HTTPNotFound", "The resource could not be found."),
};
