import { isNotFound } from "../core/errors";
import type { HttpClient } from "../core/http";
import { log } from "../core/log";
import { retrying } from "../core/operation";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { editableRules, LiveRule } from "./marshal";
import { isNoop, planRules } from "./rule-plan";

/**
 * Makes the group's editable rules exactly `desired`, in order, with one PUT `/rules` that keeps the ids of
 * rules that stay. If the cloud no longer has a rule state remembers (deleted out of band), the live rules are
 * re-read and the PUT planned again (the operation's `replans`).
 */
export async function applyRules(
  c: HttpClient,
  zone: string,
  groupId: string,
  desired: InlineRule[],
  live: LiveRule[],
): Promise<LiveRule[]> {
  let known = live;
  let stale = false;
  return retrying(
    "replans",
    `security group ${groupId}`,
    () => putPlan(c, zone, groupId, desired, known, (s) => (stale = s)),
    (error) => stale && isNotFound(error),
    async () => {
      known = editableRules(await api.listRules(c, zone, groupId));
    },
  );
}

async function putPlan(
  c: HttpClient,
  zone: string,
  groupId: string,
  desired: InlineRule[],
  live: LiveRule[],
  mayBeStale: (s: boolean) => void,
): Promise<LiveRule[]> {
  const plan = planRules(desired, live);
  mayBeStale(plan.kept + plan.updated > 0);
  if (isNoop(plan)) return live;
  log(
    `security group ${groupId}: ${plan.created} rule(s) to create, ${plan.updated} to update in place, ${plan.deleted} to delete, ${plan.kept} kept (${plan.moved} moved)`,
  );
  return editableRules(await api.setRules(c, zone, groupId, plan.body));
}
