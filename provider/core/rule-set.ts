/** What to do to turn the live rule set into the desired one, matching rules by a canonical key. */
export interface RuleSetPlan<D, L> {
  keep: L[];
  create: D[];
  remove: L[];
}

/** Plans a set reconciliation: live rules equal (by key) to a desired one are kept, the rest removed. */
export function planRuleSet<D, L>(
  desired: readonly D[],
  live: readonly L[],
  desiredKey: (d: D) => string,
  liveKey: (l: L) => string,
): RuleSetPlan<D, L> {
  const liveByKey = new Map<string, L[]>();
  for (const l of live) {
    const k = liveKey(l);
    liveByKey.set(k, [...(liveByKey.get(k) ?? []), l]);
  }
  const keep: L[] = [];
  const create: D[] = [];
  for (const d of desired) {
    const match = liveByKey.get(desiredKey(d));
    if (match && match.length) keep.push(match.shift()!);
    else create.push(d);
  }
  const remove = [...liveByKey.values()].flat();
  return { keep, create, remove };
}

/** A stable key for a plain object: JSON with sorted keys, undefined treated as null. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k] === undefined ? null : v[k]]),
        )
      : v,
  );
}
