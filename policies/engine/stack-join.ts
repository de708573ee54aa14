// Joining standalone rule resources to their security group in a stack policy: through the
// propertyDependencies of the rule's group field, or its value matched against a group's `id` output.
import { PolicyResource } from "@pulumi/policy";
import { COVERED_TYPES, RULE_GROUP_FIELD } from "./normalise";

/** Every covered security-group type (ours and the community providers'): the covered types that are not rule resources. */
export const GROUP_TYPES: ReadonlySet<string> = new Set(COVERED_TYPES.filter((t) => RULE_GROUP_FIELD[t] === undefined));

/** Presence of a key without reading its value, so an unknown value at preview does not stop the check. */
export const hasKey = (r: PolicyResource, key: string): boolean => Object.keys(r.props).includes(key);

export interface Join {
  /** Every group, with the rule resources that target it (possibly none). */
  byGroup: Map<PolicyResource, PolicyResource[]>;
  /** Rule resources whose group reference is unknown at preview and that no dependency links to a group of the stack. */
  unresolved: { rule: PolicyResource; error: unknown }[];
  /** Rule resources whose (known) group is not in the stack. */
  orphans: PolicyResource[];
}

export function joinRulesToGroups(groups: PolicyResource[], rules: PolicyResource[]): Join {
  const byGroup = new Map<PolicyResource, PolicyResource[]>(groups.map((g) => [g, []]));
  const byId = new Map<unknown, PolicyResource>();
  for (const g of groups) {
    if (!hasKey(g, "id")) continue;
    try {
      byId.set(g.props["id"], g);
    } catch {
      /* unknown id at preview: only dependencies can link it */
    }
  }
  const unresolved: Join["unresolved"] = [];
  const orphans: PolicyResource[] = [];
  for (const r of rules) {
    const field = RULE_GROUP_FIELD[r.type];
    const targets = new Set((r.propertyDependencies[field] ?? []).filter((g) => byGroup.has(g)));
    let error: unknown;
    try {
      const g = byId.get(r.props[field]);
      if (g) targets.add(g);
    } catch (e) {
      error = e; // unknown group reference at preview: the dependency, if any, still links it
    }
    if (!targets.size) {
      if (error !== undefined) unresolved.push({ rule: r, error });
      else orphans.push(r);
    }
    for (const g of targets) byGroup.get(g)!.push(r);
  }
  return { byGroup, unresolved, orphans };
}
