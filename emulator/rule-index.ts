/**
 * Rules by group and rule counts by owner, for the Neutron and Huawei stores, which keep every rule in one record
 * keyed by rule id (the shape of their state files). Without it, each rule POST scanned every rule of every project
 * (duplicates, quota): a burst of 500 single-rule POSTs (Nova) spent most of its time in the emulator.
 *
 * Every write to such a record goes through `store` and `drop`, which keep the index in step; a record's index is
 * built on first use, so a store loaded from a file or reset needs nothing else.
 */
export interface IndexedRule {
  id: string;
  security_group_id: string;
}

interface Built<R> {
  byGroup: Map<string, Map<string, R>>;
  byOwner: Map<string, number>;
}

export class RuleIndex<R extends IndexedRule> {
  private readonly built = new WeakMap<Record<string, R>, Built<R>>();

  /** `ownerOf`: the project or tenant a rule counts against (quotas). */
  constructor(private readonly ownerOf: (r: R) => string) {}

  store(rules: Record<string, R>, rule: R): void {
    rules[rule.id] = rule;
    const index = this.built.get(rules);
    if (index) this.add(index, rule);
  }

  drop(rules: Record<string, R>, id: string): void {
    const rule = Object.hasOwn(rules, id) ? rules[id] : undefined;
    if (!rule) return;
    delete rules[id];
    const index = this.built.get(rules);
    if (!index) return;
    index.byGroup.get(rule.security_group_id)?.delete(id);
    this.count(index, rule, -1);
  }

  /** The rules of `groupId`, in the order they were stored (a fresh array). */
  ofGroup(rules: Record<string, R>, groupId: string): R[] {
    return [...(this.indexOf(rules).byGroup.get(groupId)?.values() ?? [])];
  }

  ownedBy(rules: Record<string, R>, owner: string): number {
    return this.indexOf(rules).byOwner.get(owner) ?? 0;
  }

  private indexOf(rules: Record<string, R>): Built<R> {
    let index = this.built.get(rules);
    if (!index) {
      index = { byGroup: new Map(), byOwner: new Map() };
      for (const r of Object.values(rules)) this.add(index, r);
      this.built.set(rules, index);
    }
    return index;
  }

  private add(index: Built<R>, rule: R): void {
    const same = index.byGroup.get(rule.security_group_id);
    if (same) same.set(rule.id, rule);
    else index.byGroup.set(rule.security_group_id, new Map([[rule.id, rule]]));
    this.count(index, rule, 1);
  }

  private count(index: Built<R>, rule: R, delta: number): void {
    const owner = this.ownerOf(rule);
    index.byOwner.set(owner, (index.byOwner.get(owner) ?? 0) + delta);
  }
}

/** A function of a stored rule, computed once per rule object (stored rules never change). */
export function perRule<R extends object, T>(compute: (r: R) => T): (r: R) => T {
  const cache = new WeakMap<R, T>();
  return (r) => {
    if (cache.has(r)) return cache.get(r)!;
    const value = compute(r);
    cache.set(r, value);
    return value;
  };
}
