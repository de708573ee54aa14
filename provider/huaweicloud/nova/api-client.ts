import type { ApiRequest, HttpClient } from "../../core/http";
import { withPermission } from "../errors";
import { NOVA_PERMISSIONS, NovaOperation } from "../permissions";
import { GroupEnvelope, GroupList, RuleEnvelope, WireGroup, WireRule } from "./wire-schemas";
import { segment } from "../../core/api-path";

/** One function per Nova call used, on `/v2.1/{project_id}`. */

const base = (p: string) => `/v2.1/${segment(p)}`;
const call = <T>(c: HttpClient, op: NovaOperation, req: ApiRequest<T>) => withPermission(NOVA_PERMISSIONS[op], () => c.request(req));

export async function createGroup(c: HttpClient, p: string, group: { name: string; description: string }): Promise<WireGroup> {
  return (
    await call(c, "createGroup", {
      operation: `create security group ${group.name}`,
      method: "POST",
      path: `${base(p)}/os-security-groups`,
      body: { security_group: group },
      response: GroupEnvelope,
    })
  ).body.security_group;
}

export async function listGroups(c: HttpClient, p: string): Promise<WireGroup[]> {
  return (
    await call(c, "listGroups", {
      operation: "list security groups",
      method: "GET",
      path: `${base(p)}/os-security-groups`,
      response: GroupList,
    })
  ).body.security_groups;
}

export async function getGroup(c: HttpClient, p: string, id: string): Promise<WireGroup> {
  return (
    await call(c, "showGroup", {
      operation: `read security group ${id}`,
      method: "GET",
      path: `${base(p)}/os-security-groups/${segment(id)}`,
      response: GroupEnvelope,
    })
  ).body.security_group;
}

export async function updateGroup(c: HttpClient, p: string, id: string, group: { name: string; description: string }): Promise<WireGroup> {
  return (
    await call(c, "updateGroup", {
      operation: `update security group ${id}`,
      method: "PUT",
      path: `${base(p)}/os-security-groups/${segment(id)}`,
      body: { security_group: group },
      response: GroupEnvelope,
    })
  ).body.security_group;
}

export async function deleteGroup(c: HttpClient, p: string, id: string): Promise<void> {
  await call(c, "deleteGroup", {
    operation: `delete security group ${id}`,
    method: "DELETE",
    path: `${base(p)}/os-security-groups/${segment(id)}`,
  });
}

export async function createRule(c: HttpClient, p: string, rule: Record<string, unknown>): Promise<WireRule> {
  return (
    await call(c, "createRule", {
      operation: `create rule in security group ${rule.parent_group_id}`,
      method: "POST",
      path: `${base(p)}/os-security-group-rules`,
      body: { security_group_rule: rule },
      response: RuleEnvelope,
    })
  ).body.security_group_rule;
}

export async function deleteRule(c: HttpClient, p: string, id: string): Promise<void> {
  await call(c, "deleteRule", {
    operation: `delete security group rule ${id}`,
    method: "DELETE",
    path: `${base(p)}/os-security-group-rules/${segment(id)}`,
  });
}

export async function listServerGroups(c: HttpClient, p: string, serverId: string): Promise<WireGroup[]> {
  return (
    await call(c, "listServerGroups", {
      operation: `list security groups of server ${serverId}`,
      method: "GET",
      path: `${base(p)}/servers/${segment(serverId)}/os-security-groups`,
      response: GroupList,
    })
  ).body.security_groups;
}

/** `addSecurityGroup` / `removeSecurityGroup` server action (202, no body). */
export async function serverAction(
  c: HttpClient,
  p: string,
  serverId: string,
  action: "addSecurityGroup" | "removeSecurityGroup",
  name: string,
): Promise<void> {
  const op = action === "addSecurityGroup" ? "addServerGroup" : "removeServerGroup";
  await call(c, op, {
    operation: `${action} ${name} on server ${serverId}`,
    method: "POST",
    path: `${base(p)}/servers/${segment(serverId)}/action`,
    body: { [action]: { name } },
  });
}
