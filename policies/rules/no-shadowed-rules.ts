import { resourcePolicy } from "../engine/policy-kit";
import { evaluate, orderedRules } from "../engine/exposure";

export const noShadowedRules = resourcePolicy({
  name: "no-shadowed-rules",
  description:
    "Checks that no Huawei or Scaleway rule is dead: disabled, or shadowed by higher-priority (Huawei) or earlier (Scaleway) rules that already decide all of its traffic.",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps:
    "Delete the dead rule, or change its priority/position so that it takes effect (on Huawei a deny needs a priority number at most equal to the allow it should override).",
  configKeys: [],
  needs: ["ingress", "egress"],
  clouds: ["huaweicloud", "scaleway"],
  summary: "Rules never take effect",
  judge: (res) => {
    if (res.semantics === "union") return [];
    const out = res.rules.filter((r) => !r.enabled).map((r) => `${r.label} is disabled`);
    for (const direction of ["ingress", "egress"] as const) {
      const { effective } = evaluate(res, direction);
      for (const r of orderedRules(res, direction)) {
        const hasPeer = (r.peers.v4?.length ?? 0) + (r.peers.v6?.length ?? 0) > 0;
        if (hasPeer && !effective.has(r)) out.push(`${r.label} (${r.action}) is shadowed by rules evaluated before it`);
      }
    }
    return out;
  },
});
