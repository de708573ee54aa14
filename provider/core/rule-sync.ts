import { isAmbiguous, isConflict, isNotFound } from "./errors";
import { log } from "./log";
import { retrying } from "./operation";
import { planRuleSet } from "./rule-set";

/** How one cloud creates, deletes and lists the rules of one group, for `syncRuleSet`. */
export interface RuleSetCalls<R, L extends { id: string }> {
  /** e.g. `security group 4f1c…`, for progress lines. */
  what: string;
  /** Identity of a rule in the set (everything but the id). */
  key(rule: R | L): string;
  /** The cloud's duplicate tuple: two rules with the same one cannot coexist (Neutron ignores descriptions). */
  collisionKey(rule: R | L): string;
  /** Creates rules in as few calls as the API allows (bulk or batch create). */
  create(rules: R[]): Promise<L[]>;
  remove(rule: L): Promise<void>;
  list(): Promise<L[]>;
}

/**
 * Makes a group's rules exactly `desired` for clouds whose rules are immutable, starting from `live`
 * (what state or the last answer says): rules that collide with a new one are deleted first, then one
 * bulk create, then the other deletes (so traffic never has a gap). If the cloud disagrees with `live`
 * (a conflict or an unanswered POST), the rules are re-read and re-planned (the operation's `replans`).
 * `fresh` (a group just created, whose only rules are the cloud's defaults) runs those deletes alongside the create.
 */
export async function syncRuleSet<R, L extends { id: string }>(
  calls: RuleSetCalls<R, L>,
  desired: R[],
  live: L[],
  options: { fresh?: boolean } = {},
): Promise<(L | R)[]> {
  let known = live;
  return retrying(
    "replans",
    calls.what,
    (n) => applyPlan(calls, desired, known, { fresh: options.fresh && n === 0 }),
    (error) => isConflict(error) || isAmbiguous(error),
    async () => {
      known = await calls.list();
    },
  );
}

async function applyPlan<R, L extends { id: string }>(
  calls: RuleSetCalls<R, L>,
  desired: R[],
  live: L[],
  options: { fresh?: boolean },
): Promise<(L | R)[]> {
  const plan = planRuleSet<R, L>(desired, live, calls.key, calls.key);
  if (plan.create.length === 0 && plan.remove.length === 0) return live;
  log(`${calls.what}: ${plan.create.length} rule(s) to create, ${plan.remove.length} to delete`);
  const creating = new Set(plan.create.map(calls.collisionKey));
  const first = plan.remove.filter((r) => creating.has(calls.collisionKey(r)));
  const later = plan.remove.filter((r) => !creating.has(calls.collisionKey(r)));
  const removeAll = (rules: L[]) =>
    Promise.all(rules.map((r) => calls.remove(r).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)))));
  const alongside = options.fresh ? removeAll(later) : Promise.resolve([]);
  let created: L[];
  try {
    await removeAll(first);
    created = plan.create.length ? await calls.create(plan.create) : [];
  } catch (error) {
    await alongside.catch(() => undefined);
    throw error;
  }
  await (options.fresh ? alongside : removeAll(later));
  return [...plan.keep, ...created];
}
