/**
 * Rules by group, for the Neutron and Huawei stores, which keep every rule in one record keyed by rule id (the
 * shape of their state files). Showing one group would otherwise scan every rule of every project: a per-group
 * GET on a store of 20,000 rules took ~20 ms of CPU. The index is rebuilt on first use after any change.
 */
let version = 0;
const indexes = new WeakMap<object, { version: number; byGroup: Map<string, unknown[]> }>();

/** Every change to a store's rules calls this (the model's writes, and each non-GET request as a safety net). */
export function rulesChanged(): void {
  version++;
}

/** The rules of `groupId` in `rules` (a fresh array). */
export function rulesOfGroup<R extends { security_group_id: string }>(rules: Record<string, R>, groupId: string): R[] {
  let index = indexes.get(rules);
  if (index?.version !== version) {
    const byGroup = new Map<string, R[]>();
    for (const r of Object.values(rules)) {
      const same = byGroup.get(r.security_group_id);
      if (same) same.push(r);
      else byGroup.set(r.security_group_id, [r]);
    }
    index = { version, byGroup };
    indexes.set(rules, index);
  }
  return [...((index.byGroup.get(groupId) as R[] | undefined) ?? [])];
}
