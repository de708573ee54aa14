import { resourcePolicy } from "../engine/policy-kit";
import { ingressAllowRules, isWorldRule } from "../engine/queries";

const WITH_DESCRIPTIONS = new Set(["nhn", "openstack", "huaweicloud"]);

export const worldRuleJustification = resourcePolicy({
  name: "world-rule-justification",
  description:
    "Checks that every ingress rule open to the whole internet carries a justification (matching justificationPattern) in its description.",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps: "Write why the rule must be public in its description (e.g. the ticket id of the approval), or restrict its source.",
  configKeys: ["justificationPattern", "trustedSourceCidrs"],
  needs: ["ingress", "description"],
  clouds: ["nhn", "openstack", "huaweicloud"],
  summary: "World-open rules lack a justification in their description",
  judge: (res, cfg) => {
    if (!WITH_DESCRIPTIONS.has(res.cloud)) return [];
    const pattern = new RegExp(cfg.justificationPattern);
    return ingressAllowRules(res)
      .filter((r) => isWorldRule(r, cfg) && !pattern.test(r.description ?? ""))
      .map((r) => `${r.label} (${r.peerText})`);
  },
});
