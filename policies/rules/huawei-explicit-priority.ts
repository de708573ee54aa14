import { resourcePolicy } from "../engine/policy-kit";

export const huaweiExplicitPriority = resourcePolicy({
  name: "huawei-explicit-priority",
  description:
    "Checks that Huawei Cloud rules set their priority, because the default differs between the API (100) and the Terraform-bridged provider (1).",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps:
    "Set priority (1 = highest, 100 = lowest) on every rule; give deny rules a priority number no greater than the allow rules they must override.",
  configKeys: [],
  needs: ["rules"],
  clouds: ["huaweicloud"],
  summary: "Huawei rules rely on the default priority",
  judge: (res) => (res.cloud !== "huaweicloud" ? [] : res.rules.filter((r) => r.priorityOmitted).map((r) => `${r.label} (${r.action})`)),
});
