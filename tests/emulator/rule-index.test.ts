import fc from "fast-check";
import { RuleIndex } from "../../emulator/rule-index";

// The index must always answer what a scan of the record would: rules by group in stored order, counts by owner.

interface R {
  id: string;
  security_group_id: string;
  project_id: string;
}

const scanGroup = (rules: Record<string, R>, group: string) => Object.values(rules).filter((r) => r.security_group_id === group);
const scanOwner = (rules: Record<string, R>, owner: string) => Object.values(rules).filter((r) => r.project_id === owner).length;

const GROUPS = ["g1", "g2", "g3"];
const OWNERS = ["p1", "p2"];

const op = fc.oneof(
  fc.record({
    kind: fc.constant("store" as const),
    id: fc.integer({ min: 0, max: 20 }),
    group: fc.constantFrom(...GROUPS),
    owner: fc.constantFrom(...OWNERS),
  }),
  fc.record({ kind: fc.constant("drop" as const), id: fc.integer({ min: 0, max: 25 }) }),
  fc.record({ kind: fc.constant("read" as const) }),
);

describe("emulator rule index", () => {
  it("agrees with a scan of the record after any sequence of stores, drops and reads", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 0, max: 5 }), (ops, preloaded) => {
        const index = new RuleIndex<R>((r) => r.project_id);
        // A record that already holds rules before the index first sees it (a store loaded from a file).
        const rules: Record<string, R> = {};
        for (let i = 0; i < preloaded; i++) rules[`pre-${i}`] = { id: `pre-${i}`, security_group_id: GROUPS[i % 3], project_id: "p1" };
        for (const o of ops) {
          if (o.kind === "store" && !(`r${o.id}` in rules))
            index.store(rules, { id: `r${o.id}`, security_group_id: o.group, project_id: o.owner });
          if (o.kind === "drop") index.drop(rules, `r${o.id}`);
          if (o.kind === "read") index.ofGroup(rules, "g1");
        }
        for (const g of [...GROUPS, "none"]) expect(index.ofGroup(rules, g)).toEqual(scanGroup(rules, g));
        for (const p of [...OWNERS, "none"]) expect(index.ownedBy(rules, p)).toBe(scanOwner(rules, p));
      }),
    );
  });

  it("keeps one index per record: a reset store (a new record) is not answered from the old one", () => {
    const index = new RuleIndex<R>((r) => r.project_id);
    const before: Record<string, R> = {};
    index.store(before, { id: "a", security_group_id: "g1", project_id: "p1" });
    expect(index.ofGroup(before, "g1")).toHaveLength(1);
    const after: Record<string, R> = {};
    expect(index.ofGroup(after, "g1")).toEqual([]);
    expect(index.ownedBy(after, "p1")).toBe(0);
  });

  it("returns a fresh array: callers may sort or filter it without changing the index", () => {
    const index = new RuleIndex<R>((r) => r.project_id);
    const rules: Record<string, R> = {};
    index.store(rules, { id: "a", security_group_id: "g1", project_id: "p1" });
    index.ofGroup(rules, "g1").pop();
    expect(index.ofGroup(rules, "g1")).toHaveLength(1);
  });
});
