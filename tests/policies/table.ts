// it.each over every resource type that can express a case.
import { Policy } from "@pulumi/policy/policy";
import { Intent, Variant, variantsFor } from "./fixtures";
import { runResource } from "./harness";

export interface Case {
  title: string;
  intents: Intent[];
  config?: Record<string, unknown>;
  /** Expected messages, or [] for "does not report". */
  expected: (v: Variant) => string[];
  /** Restrict the case to some variants (e.g. one cloud). */
  only?: (v: Variant) => boolean;
}

export function table(policy: Policy, cases: Case[]): void {
  const rows = cases.flatMap((c) => variantsFor(c.intents).filter((v) => !c.only || c.only(v)).map((v) => [`${c.title} on ${v.id}`, c, v] as const));
  it.each(rows)("%s", async (_t, c, v) => {
    const out = await runResource(policy, v.type, v.build(c.intents), c.config);
    expect(out).toEqual({ violations: c.expected(v) });
  });
}
