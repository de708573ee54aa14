import { isConflict } from "../../core/errors";
import type { HttpClient } from "../../core/http";
import { deleteIfExists } from "../../core/lifecycle";
import { reconcileCreate } from "../../core/reconcile";
import { log } from "../../core/log";
import { planRuleSet } from "../../core/rule-set";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { LiveRule, ruleFromWire, ruleKey, ruleToWire } from "./marshal";
import type { WireGroup, WireRule } from "./wire-schemas";

/** Live rules of a group; group rules are resolved to ids with one list call, only when there are any. */
export async function liveRules(c: HttpClient, p: string, g: WireGroup): Promise<LiveRule[]> {
  const groups = g.rules.some((r) => r.group?.name !== undefined) ? await api.listGroups(c, p) : [];
  return g.rules.map((r) => ruleFromWire(r, groups));
}

/** Creates a rule; a duplicate (400 "already exists") or an unanswered POST adopts the identical live rule. */
export async function createRule(c: HttpClient, p: string, parent: string, rule: InlineRule): Promise<LiveRule> {
  const find = async () => (await liveRules(c, p, await api.getGroup(c, p, parent))).find((r) => ruleKey(r) === ruleKey(rule));
  const wire: WireRule | LiveRule = await reconcileCreate({
    what: `rule in security group ${parent}`,
    create: () =>
      api.createRule(c, p, ruleToWire(parent, rule)).catch(async (error) => {
        const existing = isConflict(error) ? await find() : undefined;
        if (existing) return existing;
        throw error;
      }),
    find,
  });
  return "parent_group_id" in wire
    ? ruleFromWire(
        wire,
        rule.groupId ? [{ id: rule.groupId, name: wire.group?.name ?? "", tenant_id: wire.group?.tenant_id, rules: [] }] : [],
      )
    : wire;
}

export async function syncRules(c: HttpClient, p: string, groupId: string, desired: InlineRule[], live: LiveRule[]): Promise<LiveRule[]> {
  const plan = planRuleSet(desired, live, ruleKey, ruleKey);
  if (plan.create.length) log(`security group ${groupId}: ${plan.create.length} rule(s) to create, ${plan.remove.length} to delete`);
  const created = await Promise.all(plan.create.map((r) => createRule(c, p, groupId, r)));
  await Promise.all(plan.remove.map((r) => deleteIfExists(() => api.deleteRule(c, p, r.id))));
  return [...plan.keep, ...created];
}
