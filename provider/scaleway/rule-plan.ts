import type { InlineRule } from "./inputs";
import { LiveRule, ruleKey, ruleToWire } from "./marshal";

/** What one PUT `/rules` will do to the live editable rules, and its body. */
export interface RulePlan {
  /** The PUT body: the desired rules in order, with the id of the live rule each one keeps or rewrites. */
  body: Record<string, unknown>[];
  kept: number;
  /** Live rules rewritten in place (same id, new content). */
  updated: number;
  created: number;
  deleted: number;
  /** Kept rules whose position changes (their content does not). */
  moved: number;
}

/**
 * Matches desired rules to live ones so identities survive: an identical live rule is kept wherever it
 * is; the remaining desired rules take over the remaining live rules in order (an in-place update), and
 * only what is left over is created or deleted. Inserting one rule in the middle therefore creates one
 * rule and keeps every other, instead of rewriting every rule after it.
 */
export function planRules(desired: readonly InlineRule[], live: readonly LiveRule[]): RulePlan {
  const byKey = new Map<string, LiveRule[]>();
  for (const l of live) byKey.set(ruleKey(l), [...(byKey.get(ruleKey(l)) ?? []), l]);
  const assigned: (LiveRule | undefined)[] = desired.map((d) => byKey.get(ruleKey(d))?.shift());
  const kept = assigned.filter((a) => a !== undefined).length;
  const spare = [...byKey.values()].flat().sort((a, b) => a.position - b.position);
  let updated = 0;
  desired.forEach((_, i) => {
    if (assigned[i] === undefined && spare.length) {
      assigned[i] = spare.shift();
      updated++;
    }
  });
  const moved = assigned.filter((a, i) => a !== undefined && a.position !== i + 1 && ruleKey(a) === ruleKey(desired[i])).length;
  return {
    body: desired.map((d, i) => ruleToWire(d, { id: assigned[i]?.id, position: i + 1 })),
    kept,
    updated,
    created: desired.length - kept - updated,
    deleted: spare.length,
    moved,
  };
}

/** True when the PUT would change nothing: same rules, same ids, same order. */
export function isNoop(plan: RulePlan): boolean {
  return plan.updated === 0 && plan.created === 0 && plan.deleted === 0 && plan.moved === 0;
}
