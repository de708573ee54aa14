import type { HttpClient } from "../core/http";
import { isAmbiguous, isConflict, isNotFound } from "../core/errors";
import { log } from "../core/log";
import { planRuleSet } from "../core/rule-set";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { collisionKey, LiveRule, ruleFromWire, ruleKey, ruleToWire } from "./marshal";

/**
 * Makes the group's rules exactly `desired`, starting from `live`: rules colliding with a new one are
 * deleted first, then one batch-create per 200 rules, then the other deletes. If the cloud disagrees
 * with `live` (a conflict or an unanswered POST), the rules are re-read and re-planned once.
 */
export async function syncRules(c: HttpClient, project: string, groupId: string, desired: InlineRule[], live: LiveRule[], retried = false): Promise<LiveRule[]> {
  const plan = planRuleSet(desired, live, ruleKey, ruleKey);
  if (plan.create.length === 0 && plan.remove.length === 0) return live;
  log(`security group ${groupId}: ${plan.create.length} rule(s) to create, ${plan.remove.length} to delete`);
  const creating = new Set(plan.create.map(collisionKey));
  const first = plan.remove.filter((r) => creating.has(collisionKey(r)));
  const later = plan.remove.filter((r) => !creating.has(collisionKey(r)));
  let created: LiveRule[];
  try {
    await deleteRules(c, project, first);
    created = (await api.batchCreateRules(c, project, groupId, plan.create.map((r) => ruleToWire(r)))).map(ruleFromWire);
  } catch (error) {
    if (retried || !(isConflict(error) || isAmbiguous(error))) throw error;
    log(`security group ${groupId}: live rules differ from what was expected; re-reading them`);
    const fresh = (await api.listRules(c, project, groupId)).map(ruleFromWire);
    return syncRules(c, project, groupId, desired, fresh, true);
  }
  await deleteRules(c, project, later);
  return [...plan.keep, ...created];
}

export async function deleteRules(c: HttpClient, project: string, rules: LiveRule[]): Promise<void> {
  await Promise.all(rules.map((r) => api.deleteRule(c, project, r.id).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)))));
}
