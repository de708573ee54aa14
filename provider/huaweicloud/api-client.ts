import type { ApiRequest, HttpClient } from "../core/http";
import { withPermission } from "./errors";
import { VPC_PERMISSIONS, VpcOperation } from "./permissions";
import { GroupEnvelope, GroupPage, RuleEnvelope, RuleList, RulePage, WireGroup, WireRule } from "./wire-schemas";
import { segment } from "../core/api-path";

/** One function per VPC v3 call used; each takes the client and the project and returns parsed wire objects. */

const groups = (p: string) => `/v3/${segment(p)}/vpc/security-groups`;
const rules = (p: string) => `/v3/${segment(p)}/vpc/security-group-rules`;
/** Most rules one batch-create accepts. */
export const BATCH_LIMIT = 200;

const call = <T>(c: HttpClient, op: VpcOperation, req: ApiRequest<T>) => withPermission(VPC_PERMISSIONS[op], () => c.request(req));

export async function createGroup(
  c: HttpClient,
  p: string,
  group: { name: string; description: string; enterprise_project_id?: string; tags?: { key: string; value: string }[] },
  dryRun = false,
): Promise<WireGroup | undefined> {
  const res = await call(c, "createGroup", {
    operation: `${dryRun ? "dry-run " : ""}create security group ${group.name}`,
    method: "POST",
    path: groups(p),
    body: { ...(dryRun ? { dry_run: true } : {}), security_group: group },
    response: dryRun ? undefined : GroupEnvelope,
  });
  return dryRun ? undefined : (res.body as { security_group: WireGroup }).security_group;
}

export async function getGroup(c: HttpClient, p: string, id: string): Promise<WireGroup> {
  return (
    await call(c, "showGroup", {
      operation: `read security group ${id}`,
      method: "GET",
      path: `${groups(p)}/${segment(id)}`,
      response: GroupEnvelope,
    })
  ).body.security_group;
}

export async function listGroupsByName(c: HttpClient, p: string, name: string): Promise<WireGroup[]> {
  return listAll((marker) =>
    call(c, "listGroups", {
      operation: `find security group ${name}`,
      method: "GET",
      path: groups(p),
      query: { name, limit: 2000, marker },
      response: GroupPage,
    }).then((r) => ({ items: r.body.security_groups, next: r.body.page_info?.next_marker })),
  );
}

/** Every group of the project, all pages. */
export async function listGroups(c: HttpClient, p: string): Promise<WireGroup[]> {
  return listAll((marker) =>
    call(c, "listGroups", {
      operation: "list security groups",
      method: "GET",
      path: groups(p),
      query: { limit: 2000, marker },
      response: GroupPage,
    }).then((r) => ({ items: r.body.security_groups, next: r.body.page_info?.next_marker })),
  );
}

export async function updateGroup(c: HttpClient, p: string, id: string, group: { name: string; description: string }): Promise<WireGroup> {
  return (
    await call(c, "updateGroup", {
      operation: `update security group ${id}`,
      method: "PUT",
      path: `${groups(p)}/${segment(id)}`,
      body: { security_group: group },
      response: GroupEnvelope,
    })
  ).body.security_group;
}

export async function deleteGroup(c: HttpClient, p: string, id: string): Promise<void> {
  await call(c, "deleteGroup", { operation: `delete security group ${id}`, method: "DELETE", path: `${groups(p)}/${segment(id)}` });
}

export async function createRule(c: HttpClient, p: string, rule: Record<string, unknown>, dryRun = false): Promise<WireRule | undefined> {
  const res = await call(c, "createRule", {
    operation: `${dryRun ? "dry-run " : ""}create rule in security group ${rule.security_group_id}`,
    method: "POST",
    path: rules(p),
    body: { ...(dryRun ? { dry_run: true } : {}), security_group_rule: rule },
    response: dryRun ? undefined : RuleEnvelope,
  });
  return dryRun ? undefined : (res.body as { security_group_rule: WireRule }).security_group_rule;
}

/**
 * Batch-create: up to 200 rules of one group per atomic POST; longer lists go out in chunks of 200, all at once.
 * When a chunk fails, the others are still waited for (what they made is in the cloud) and the first failure is thrown.
 */
export async function batchCreateRules(c: HttpClient, p: string, groupId: string, list: Record<string, unknown>[]): Promise<WireRule[]> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < list.length; i += BATCH_LIMIT) chunks.push(list.slice(i, i + BATCH_LIMIT));
  const settled = await Promise.allSettled(chunks.map((chunk) => batchCreateChunk(c, p, groupId, chunk)));
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.flatMap((s) => (s.status === "fulfilled" ? s.value : []));
}

/** One batch-create POST of at most 200 rules; with `dryRun`, the cloud only validates them (202) and nothing is returned. */
export async function batchCreateChunk(
  c: HttpClient,
  p: string,
  groupId: string,
  chunk: Record<string, unknown>[],
  dryRun = false,
): Promise<WireRule[]> {
  const res = await call(c, "batchCreateRules", {
    operation: `${dryRun ? "dry-run " : ""}batch-create ${chunk.length} rules in security group ${groupId}`,
    method: "POST",
    path: `${groups(p)}/${segment(groupId)}/security-group-rules/batch-create`,
    body: { ...(dryRun ? { dry_run: true } : {}), security_group_rules: chunk, ignore_duplicate: false },
    response: dryRun ? undefined : RuleList,
  });
  return dryRun ? [] : (res.body as { security_group_rules: WireRule[] }).security_group_rules;
}

export async function getRule(c: HttpClient, p: string, id: string): Promise<WireRule> {
  return (
    await call(c, "showRule", {
      operation: `read security group rule ${id}`,
      method: "GET",
      path: `${rules(p)}/${segment(id)}`,
      response: RuleEnvelope,
    })
  ).body.security_group_rule;
}

export async function listRules(c: HttpClient, p: string, groupId: string): Promise<WireRule[]> {
  return listAll((marker) =>
    call(c, "listRules", {
      operation: `list rules of security group ${groupId}`,
      method: "GET",
      path: rules(p),
      query: { security_group_id: groupId, limit: 2000, marker },
      response: RulePage,
    }).then((r) => ({ items: r.body.security_group_rules, next: r.body.page_info?.next_marker })),
  );
}

export async function deleteRule(c: HttpClient, p: string, id: string): Promise<void> {
  await call(c, "deleteRule", { operation: `delete security group rule ${id}`, method: "DELETE", path: `${rules(p)}/${segment(id)}` });
}

/** Follows `page_info.next_marker` until a page has none (or is empty). */
async function listAll<T>(page: (marker: string | undefined) => Promise<{ items: T[]; next?: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  for (;;) {
    const { items, next } = await page(marker);
    all.push(...items);
    if (!next || items.length === 0) return all;
    marker = next;
  }
}
