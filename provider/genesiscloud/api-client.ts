import type { HttpClient } from "../core/http";
import { GroupEnvelope, GroupPage, WireGroup, WireRuleBody } from "./wire-schemas";
import { segment } from "../core/api-path";

/** One function per compute API call used; each takes the client and returns parsed wire objects. */

const GROUPS = "/compute/v1/security-groups";
const PER_PAGE = 100;

export interface CreateGroupBody {
  name: string;
  description: string;
  region?: string;
  rules: WireRuleBody[];
}

export async function createGroup(c: HttpClient, body: CreateGroupBody): Promise<WireGroup> {
  return (await c.request({ operation: `create security group ${body.name}`, method: "POST", path: GROUPS, body, response: GroupEnvelope }))
    .body.security_group;
}

export async function getGroup(c: HttpClient, id: string): Promise<WireGroup> {
  return (
    await c.request({ operation: `read security group ${id}`, method: "GET", path: `${GROUPS}/${segment(id)}`, response: GroupEnvelope })
  ).body.security_group;
}

/** Every group of the project, following `page` until `total_count` is reached. */
export async function listGroups(c: HttpClient): Promise<WireGroup[]> {
  const all: WireGroup[] = [];
  for (let page = 1; ; page++) {
    const res = await c.request({
      operation: "list security groups",
      method: "GET",
      path: GROUPS,
      query: { page, per_page: PER_PAGE },
      response: GroupPage,
    });
    all.push(...res.body.security_groups);
    const total = res.body.total_count;
    const batch = res.body.security_groups.length;
    // A server may answer fewer than asked per page: the total (or, without one, a short page) ends the list.
    if (batch === 0 || (total !== undefined ? all.length >= total : batch < PER_PAGE)) return all;
  }
}

/** PATCH replaces the given fields; `rules` replaces the whole list. Safe to repeat, so it is retried like a PUT. */
export async function updateGroup(
  c: HttpClient,
  id: string,
  body: { name?: string; description?: string; rules?: WireRuleBody[] },
): Promise<WireGroup> {
  return (
    await c.request({
      operation: `update security group ${id}`,
      method: "PATCH",
      path: `${GROUPS}/${segment(id)}`,
      body,
      response: GroupEnvelope,
      idempotent: true,
    })
  ).body.security_group;
}

export async function deleteGroup(c: HttpClient, id: string): Promise<void> {
  await c.request({ operation: `delete security group ${id}`, method: "DELETE", path: `${GROUPS}/${segment(id)}` });
}
