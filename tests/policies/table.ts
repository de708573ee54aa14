// it.each over every resource type that can express a case.
import { Policy } from "@pulumi/policy/policy";
import { Intent, Variant, variantsFor } from "./fixtures";
import { runResource } from "./harness";
import { DEFERRED_EXACT } from "../../policies/engine/policy-kit";

/** The exposure policies that leave Huawei and Scaleway rule resources to no-world-exposure-across-rules. */
export const defersToGroup = (policy: Policy): boolean => "judgeStandaloneRulesWithGroup" in (policy.configSchema?.properties ?? {});

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
  const rows = cases.flatMap((c) =>
    variantsFor(c.intents)
      .filter((v) => !c.only || c.only(v))
      .map((v) => [`${c.title} on ${v.id}`, c, v] as const),
  );
  it.each(rows)("%s", async (_t, c, v) => {
    const out = await runResource(policy, v.type, v.build(c.intents), c.config);
    expect(out).toEqual(
      defersToGroup(policy) && v.withGroup ? { violations: [], notApplicable: DEFERRED_EXACT } : { violations: c.expected(v) },
    );
  });
}
