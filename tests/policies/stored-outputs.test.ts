import * as fs from "node:fs";
import * as path from "node:path";
import { normalise } from "../../policies/engine/normalise";
import { INLINE_RULES_OUTPUT } from "../../policies/stored-outputs";
import { typeToken } from "../../policies/type-tokens";

// A stack policy reads a group's outputs. Outputs written by 0.1.0 store `rules` next to the live list; newer
// outputs store each rule once (the live list) and mark the group. Both must normalise to the same rules.

const stored: { kind: string; inputs: Record<string, any>; outputs: Record<string, any> }[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../fixtures/state-0.1.0/resources.json"), "utf8"),
);

const tokenOf = (kind: string) => typeToken(...(kind.split(":") as [any, any]));
const summary = (props: Record<string, any>, kind: string) => {
  const n = normalise(tokenOf(kind), props)!;
  return {
    inline: n.inlineRulesField,
    rules: n.rules.map(({ label: _l, order: _o, ...r }) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v))).sort(),
  };
};

describe("group outputs that store each rule once", () => {
  it.each(stored.map((r) => [`${r.kind} ${r.inputs.rules ? "inline" : "plain"}`, r] as const))(
    "%s: the same rules as 0.1.0 outputs",
    (_n, r) => {
      const { __provider: _p, rules: _r, ...rest } = r.outputs;
      const once = r.inputs.rules ? { ...rest, [INLINE_RULES_OUTPUT]: true } : rest;
      const before = summary(r.outputs, r.kind);
      expect(summary(once, r.kind)).toEqual(before);
      expect(before.inline).toBe(r.inputs.rules ? "rules" : undefined);
      if (r.inputs.rules) expect(before.rules.length).toBeGreaterThanOrEqual(3);
    },
  );

  it("a live list without the marker is not taken for inline rules (rule resources own that group)", () => {
    const r = stored.find((x) => x.kind === "nhn:SecurityGroup" && x.inputs.rules)!;
    const { __provider: _p, rules: _r, ...rest } = r.outputs;
    expect(summary(rest, r.kind).inline).toBeUndefined();
  });
});
