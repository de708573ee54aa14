import type { HttpClient } from "../core/http";
import { isConflict, isAmbiguous, isNotFound } from "../core/errors";
import { planRuleSet } from "../core/rule-set";
import { log } from "../core/log";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { collisionKey, LiveRule, ruleFromWire, ruleKey, ruleToWire } from "./marshal";

/**
 * Makes the group's rules exactly `desired`, starting from `live` (what state or the last answer says):
 * rules that collide with a new one are deleted first, then one bulk create, then the other deletes.
 * If the cloud disagrees with `live` (a conflict or an unanswered POST), the rules are re-read and re-planned once.
 * `fresh` (a group just created, whose only rules are Neutron's defaults) runs the deletes alongside the create.
 */
export async function syncRules(c: HttpClient, groupId: string, desired: InlineRule[], live: LiveRule[], options: { fresh?: boolean; retried?: boolean } = {}): Promise<LiveRule[]> {
  const plan = planRuleSet(desired, live, ruleKey, ruleKey);
  if (plan.create.length === 0 && plan.remove.length === 0) return live;
  log(`security group ${groupId}: ${plan.create.length} rule(s) to create, ${plan.remove.length} to delete`);
  const creating = new Set(plan.create.map(collisionKey));
  const first = plan.remove.filter((r) => creating.has(collisionKey(r)));
  const later = plan.remove.filter((r) => !creating.has(collisionKey(r)));
  let created: LiveRule[];
  const alongside = options.fresh ? deleteRules(c, later) : Promise.resolve();
  try {
    await deleteRules(c, first);
    created = (await api.createRules(c, plan.create.map((r) => ruleToWire(groupId, r)))).map(ruleFromWire);
  } catch (error) {
    await alongside.catch(() => undefined);
    if (options.retried || !(isConflict(error) || isAmbiguous(error))) throw error;
    log(`security group ${groupId}: live rules differ from what was expected; re-reading them`);
    const reread = (await api.listRules(c, groupId)).map(ruleFromWire);
    return syncRules(c, groupId, desired, reread, { retried: true });
  }
  await (options.fresh ? alongside : deleteRules(c, later));
  return [...plan.keep, ...created];
}

async function deleteRules(c: HttpClient, rules: LiveRule[]): Promise<void> {
  await Promise.all(
    rules.map((r) =>
      api.deleteRule(c, r.id).catch((e) => {
        if (!isNotFound(e)) throw e;
      }),
    ),
  );
}

/** The two rules Neutron adds to every new group: egress to anywhere, IPv4 and IPv6. */
export function isDefaultEgress(r: InlineRule): boolean {
  return r.direction === "egress" && r.protocol === null && r.remoteGroupId === null && r.remoteIpPrefix?.endsWith("/0") === true && r.portRangeMin === null;
}
