import { isNotFound } from "../core/errors";
import type { HttpClient } from "../core/http";
import { log } from "../core/log";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { editableRules, LiveRule } from "./marshal";
import { isNoop, planRules } from "./rule-plan";

/**
 * Makes the group's editable rules exactly `desired`, in order, with one PUT `/rules` that keeps the ids of
 * rules that stay. If the cloud no longer has a rule state remembers (deleted out of band), the live rules are
 * re-read and the PUT planned again, once.
 */
export async function applyRules(
  c: HttpClient,
  zone: string,
  groupId: string,
  desired: InlineRule[],
  live: LiveRule[],
  retried = false,
): Promise<LiveRule[]> {
  const plan = planRules(desired, live);
  if (isNoop(plan)) return live;
  log(
    `security group ${groupId}: ${plan.created} rule(s) to create, ${plan.updated} to update in place, ${plan.deleted} to delete, ${plan.kept} kept (${plan.moved} moved)`,
  );
  try {
    return editableRules(await api.setRules(c, zone, groupId, plan.body));
  } catch (error) {
    if (retried || !isNotFound(error) || plan.kept + plan.updated === 0) throw error;
    log(`security group ${groupId}: a rule known to state is gone; re-reading the rules`);
    return applyRules(c, zone, groupId, desired, editableRules(await api.listRules(c, zone, groupId)), true);
  }
}
