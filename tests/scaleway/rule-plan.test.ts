import type { InlineRule } from "../../provider/scaleway/inputs";
import type { LiveRule } from "../../provider/scaleway/marshal";
import { isNoop, planRules } from "../../provider/scaleway/rule-plan";

const rule = (port: number): InlineRule => ({
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ipRange: "0.0.0.0/0",
  destPortFrom: port,
  destPortTo: port,
});
const live = (ports: number[]): LiveRule[] => ports.map((p, i) => ({ ...rule(p), id: `id-${p}-${i}`, position: i + 1 }));

describe("planRules: one PUT /rules that keeps identities", () => {
  it.each([
    [
      "identical set: nothing to do",
      [22, 80, 443],
      [22, 80, 443],
      { kept: 3, updated: 0, created: 0, deleted: 0, moved: 0 },
      ["id-22-0", "id-80-1", "id-443-2"],
    ],
    [
      "insert in the middle: one create, every other rule kept",
      [22, 80, 443],
      [22, 8080, 80, 443],
      { kept: 3, updated: 0, created: 1, deleted: 0, moved: 2 },
      ["id-22-0", undefined, "id-80-1", "id-443-2"],
    ],
    [
      "change one rule: rewritten in place under its id",
      [22, 80, 443],
      [22, 81, 443],
      { kept: 2, updated: 1, created: 0, deleted: 0, moved: 0 },
      ["id-22-0", "id-80-1", "id-443-2"],
    ],
    [
      "remove one rule: one delete",
      [22, 80, 443],
      [22, 443],
      { kept: 2, updated: 0, created: 0, deleted: 1, moved: 1 },
      ["id-22-0", "id-443-2"],
    ],
    [
      "reorder: ids follow their rules",
      [22, 80],
      [80, 22],
      { kept: 2, updated: 0, created: 0, deleted: 0, moved: 2 },
      ["id-80-1", "id-22-0"],
    ],
    [
      "duplicates are matched one to one",
      [22, 22],
      [22, 22, 22],
      { kept: 2, updated: 0, created: 1, deleted: 0, moved: 0 },
      ["id-22-0", "id-22-1", undefined],
    ],
    ["empty desired set: every editable rule deleted", [22, 80], [], { kept: 0, updated: 0, created: 0, deleted: 2, moved: 0 }, []],
  ])("%s", (_name, before, after, counts, ids) => {
    const plan = planRules(after.map(rule), live(before));
    expect({ kept: plan.kept, updated: plan.updated, created: plan.created, deleted: plan.deleted, moved: plan.moved }).toEqual(counts);
    expect(plan.body.map((b) => b.id)).toEqual(ids);
    expect(plan.body.map((b) => b.position)).toEqual(after.map((_, i) => i + 1));
    expect(plan.body.map((b) => b.dest_port_from)).toEqual(after);
    expect(isNoop(plan)).toBe(counts.created + counts.updated + counts.deleted + counts.moved === 0);
  });
});
