import { claim, isClaimed } from "./adopted-ids";
import type { BatchOutcome } from "./rule-batcher";

/**
 * Pairs each wanted rule (in order) with a distinct rule of `found` that has the same tuple and that no other
 * resource of this process owns, taking same-tuple rules in the order of `found`; never by position alone.
 * Matches are claimed. The one rule matcher: bulk answers and lookups after a lost create both use it.
 */
export function matchByTuple<Op, L>(
  ops: readonly Op[],
  found: readonly L[],
  opKey: (op: Op) => string,
  foundKey: (l: L) => string,
): BatchOutcome<L>[] {
  const byKey = new Map<string, L[]>();
  const idOf = (l: L) => (l as { id?: unknown }).id;
  for (const l of found) {
    const id = idOf(l);
    // A rule another resource of this process owns is not this create's, whatever its tuple.
    if (typeof id === "string" && isClaimed(id)) continue;
    const k = foundKey(l);
    const same = byKey.get(k);
    if (same) same.push(l);
    else byKey.set(k, [l]);
  }
  return ops.map((op) => {
    const l = byKey.get(opKey(op))?.shift();
    if (l === undefined) return undefined;
    const id = idOf(l);
    if (typeof id === "string") claim(id);
    return { result: l };
  });
}

/**
 * For each wanted rule, the live rule a lost create made: `matchByTuple` over the live list newest first (a
 * create appends), so an older identical rule that another resource may own is taken last.
 */
export function matchCreatedRules<W, L extends { id: string }>(
  wanted: readonly W[],
  live: readonly L[],
  key: (rule: W | L) => string,
): (L | undefined)[] {
  return matchByTuple(wanted, [...live].reverse(), key, key).map((outcome) => outcome?.result);
}
