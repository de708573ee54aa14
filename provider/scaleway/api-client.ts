import type { z } from "zod";
import type { HttpClient } from "../core/http";
import { GroupEnvelope, GroupList, RuleEnvelope, RuleList, WireGroup, WireRule } from "./wire-schemas";
import { segment } from "../core/api-path";

/** One function per Instance API call used; each takes the client and the zone and returns parsed wire objects. */

const groups = (zone: string) => `/instance/v1/zones/${segment(zone)}/security_groups`;
const rulesOf = (zone: string, groupId: string) => `${groups(zone)}/${segment(groupId)}/rules`;
const PER_PAGE = 100;

/** Every page of a legacy list: `X-Total-Count` says when to stop. */
async function listAll<T>(
  c: HttpClient,
  operation: string,
  path: string,
  query: Record<string, string | undefined>,
  schema: z.ZodType<Record<string, unknown>>,
  key: string,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const res = await c.request({
      operation,
      method: "GET",
      path,
      query: { ...query, page: String(page), per_page: String(PER_PAGE) },
      response: schema,
    });
    const batch = res.body[key] as T[];
    items.push(...batch);
    const total = Number(res.headers["x-total-count"] ?? items.length);
    if (batch.length === 0 || items.length >= total) return items;
  }
}

export interface GroupBody {
  name?: string;
  description?: string;
  project?: string;
  stateful?: boolean;
  inbound_default_policy?: string;
  outbound_default_policy?: string;
  project_default?: boolean;
  enable_default_security?: boolean;
  tags?: string[];
}

export async function createGroup(c: HttpClient, zone: string, body: GroupBody): Promise<WireGroup> {
  return (
    await c.request({ operation: `create security group ${body.name}`, method: "POST", path: groups(zone), body, response: GroupEnvelope })
  ).body.security_group;
}

export async function getGroup(c: HttpClient, zone: string, id: string): Promise<WireGroup> {
  return (
    await c.request({
      operation: `read security group ${id}`,
      method: "GET",
      path: `${groups(zone)}/${segment(id)}`,
      response: GroupEnvelope,
    })
  ).body.security_group;
}

export async function findGroupsByName(c: HttpClient, zone: string, name: string, project: string): Promise<WireGroup[]> {
  const found = await listAll<WireGroup>(c, `find security group ${name}`, groups(zone), { name, project }, GroupList, "security_groups");
  return found.filter((g) => g.name === name);
}

/** The groups carrying one tag exactly (Scaleway filters by tag server-side), all pages. */
export async function findGroupsByTag(c: HttpClient, zone: string, tag: string, project: string): Promise<WireGroup[]> {
  const found = await listAll<WireGroup>(
    c,
    `find security group tagged ${tag}`,
    groups(zone),
    { tags: tag, project },
    GroupList,
    "security_groups",
  );
  return found.filter((g) => g.tags.includes(tag));
}

/** Every group of the zone the key sees (all projects), all pages. */
export async function listGroups(c: HttpClient, zone: string): Promise<WireGroup[]> {
  return listAll<WireGroup>(c, "list security groups", groups(zone), {}, GroupList, "security_groups");
}

/** PATCH with the given values: repeating it gives the same result, so it is retried like a PUT. */
export async function updateGroup(c: HttpClient, zone: string, id: string, body: GroupBody): Promise<WireGroup> {
  return (
    await c.request({
      operation: `update security group ${id}`,
      method: "PATCH",
      path: `${groups(zone)}/${segment(id)}`,
      body,
      response: GroupEnvelope,
      idempotent: true,
    })
  ).body.security_group;
}

export async function deleteGroup(c: HttpClient, zone: string, id: string): Promise<void> {
  await c.request({ operation: `delete security group ${id}`, method: "DELETE", path: `${groups(zone)}/${segment(id)}` });
}

export async function listRules(c: HttpClient, zone: string, groupId: string): Promise<WireRule[]> {
  return listAll<WireRule>(c, `list rules of security group ${groupId}`, rulesOf(zone, groupId), {}, RuleList, "rules");
}

/** PUT `/rules`: the whole editable rule set in one call; items carrying an id keep that rule's identity. */
export async function setRules(c: HttpClient, zone: string, groupId: string, rules: Record<string, unknown>[]): Promise<WireRule[]> {
  const res = await c.request({
    operation: `set the ${rules.length} rules of security group ${groupId}`,
    method: "PUT",
    path: rulesOf(zone, groupId),
    body: { rules },
    response: RuleList,
  });
  return res.body.rules;
}

export async function createRule(c: HttpClient, zone: string, groupId: string, body: Record<string, unknown>): Promise<WireRule> {
  return (
    await c.request({
      operation: `create rule in security group ${groupId}`,
      method: "POST",
      path: rulesOf(zone, groupId),
      body,
      response: RuleEnvelope,
    })
  ).body.rule;
}

export async function getRule(c: HttpClient, zone: string, groupId: string, id: string): Promise<WireRule> {
  return (
    await c.request({
      operation: `read rule ${id} of security group ${groupId}`,
      method: "GET",
      path: `${rulesOf(zone, groupId)}/${segment(id)}`,
      response: RuleEnvelope,
    })
  ).body.rule;
}

export async function updateRule(
  c: HttpClient,
  zone: string,
  groupId: string,
  id: string,
  body: Record<string, unknown>,
): Promise<WireRule> {
  return (
    await c.request({
      operation: `update rule ${id} of security group ${groupId}`,
      method: "PATCH",
      path: `${rulesOf(zone, groupId)}/${segment(id)}`,
      body,
      response: RuleEnvelope,
      idempotent: true,
    })
  ).body.rule;
}

export async function deleteRule(c: HttpClient, zone: string, groupId: string, id: string): Promise<void> {
  await c.request({
    operation: `delete rule ${id} of security group ${groupId}`,
    method: "DELETE",
    path: `${rulesOf(zone, groupId)}/${segment(id)}`,
  });
}
