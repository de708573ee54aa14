import type { z } from "zod";
import type { HttpClient } from "../core/http";
import { GroupEnvelope, GroupList, RuleEnvelope, RuleList, WireGroup, WireRule } from "./wire-schemas";
import { segment } from "../core/api-path";

/** One function per Neutron call used; each takes the client and returns parsed wire objects. */

const GROUPS = "/v2.0/security-groups";
const RULES = "/v2.0/security-group-rules";

export async function createGroup(c: HttpClient, body: { name: string; description: string }): Promise<WireGroup> {
  const res = await c.request({
    operation: `create security group ${body.name}`,
    method: "POST",
    path: GROUPS,
    body: { security_group: body },
    response: GroupEnvelope,
  });
  return res.body.security_group;
}

export async function getGroup(c: HttpClient, id: string): Promise<WireGroup> {
  return (
    await c.request({ operation: `read security group ${id}`, method: "GET", path: `${GROUPS}/${segment(id)}`, response: GroupEnvelope })
  ).body.security_group;
}

export async function listGroupsByName(c: HttpClient, name: string): Promise<WireGroup[]> {
  return listAll(c, `find security group ${name}`, GROUPS, { name }, GroupList, "security_groups");
}

export async function updateGroup(c: HttpClient, id: string, body: { name?: string; description?: string }): Promise<WireGroup> {
  return (
    await c.request({
      operation: `update security group ${id}`,
      method: "PUT",
      path: `${GROUPS}/${segment(id)}`,
      body: { security_group: body },
      response: GroupEnvelope,
    })
  ).body.security_group;
}

export async function deleteGroup(c: HttpClient, id: string): Promise<void> {
  await c.request({ operation: `delete security group ${id}`, method: "DELETE", path: `${GROUPS}/${segment(id)}` });
}

export async function createRule(c: HttpClient, rule: Record<string, unknown>): Promise<WireRule> {
  return (
    await c.request({
      operation: `create rule in security group ${rule.security_group_id}`,
      method: "POST",
      path: RULES,
      body: { security_group_rule: rule },
      response: RuleEnvelope,
    })
  ).body.security_group_rule;
}

/** Neutron's bulk create: all rules in one atomic POST. */
export async function createRules(c: HttpClient, rules: Record<string, unknown>[]): Promise<WireRule[]> {
  if (rules.length === 0) return [];
  if (rules.length === 1) return [await createRule(c, rules[0])];
  const res = await c.request({
    operation: `create ${rules.length} rules in security group ${rules[0].security_group_id}`,
    method: "POST",
    path: RULES,
    body: { security_group_rules: rules },
    response: RuleList,
  });
  return res.body.security_group_rules;
}

export async function getRule(c: HttpClient, id: string): Promise<WireRule> {
  return (
    await c.request({ operation: `read security group rule ${id}`, method: "GET", path: `${RULES}/${segment(id)}`, response: RuleEnvelope })
  ).body.security_group_rule;
}

export async function listRules(c: HttpClient, securityGroupId: string): Promise<WireRule[]> {
  return listAll(
    c,
    `list rules of security group ${securityGroupId}`,
    RULES,
    { security_group_id: securityGroupId },
    RuleList,
    "security_group_rules",
  );
}

/**
 * Every page of a Neutron list: a server with `pagination_max_limit` answers one page and a `<collection>_links`
 * `next` link; its marker is asked of our own endpoint (the link's host may be the server's internal name).
 * Stops at a page without a next link, an empty page, or a marker seen before.
 */
async function listAll<T>(
  c: HttpClient,
  operation: string,
  path: string,
  query: Record<string, string>,
  schema: z.ZodType<Record<string, unknown>>,
  collection: string,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const body = (await c.request({ operation, method: "GET", path, query: { ...query, ...(marker ? { marker } : {}) }, response: schema }))
      .body;
    const items = body[collection] as T[];
    all.push(...items);
    const next = (body[`${collection}_links`] as { rel?: string; href?: string }[] | undefined)?.find((l) => l.rel === "next")?.href;
    marker = next ? (new URL(next, "http://x").searchParams.get("marker") ?? undefined) : undefined;
    if (!marker || items.length === 0 || seen.has(marker)) return all;
    seen.add(marker);
  }
}

export async function deleteRule(c: HttpClient, id: string): Promise<void> {
  await c.request({ operation: `delete security group rule ${id}`, method: "DELETE", path: `${RULES}/${segment(id)}` });
}
