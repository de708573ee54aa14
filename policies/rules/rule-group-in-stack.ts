// Huawei and Scaleway rule resources are judged with their group (no-world-exposure-across-rules); when
// the group is not in the stack, their exposure cannot be judged here, and this policy says so once.
import { StackValidationPolicy } from "@pulumi/policy";
import { configSchemaFor, resolveConfig } from "../engine/config";
import { expiredNote, findExemption } from "../engine/exemptions";
import { normalise, RULE_GROUP_FIELD } from "../engine/normalise";
import { Props } from "../engine/fields";
import { Semantics } from "../engine/model";
import { GROUP_TYPES, joinRulesToGroups } from "../engine/stack-join";

const NAME = "rule-group-in-stack";

const WHY: Partial<Record<Semantics, string>> = {
  priority: "Huawei Cloud applies a group's rules by priority, a deny winning ties, so a deny elsewhere in the group may override it",
  position:
    "Scaleway applies a group's rules by position, first match, then the group's default policy, so an earlier drop may override it",
};

export const ruleGroupInStack: StackValidationPolicy = {
  name: NAME,
  description:
    "Checks that Huawei Cloud and Scaleway rule resources are in the same stack as their security group, without which their exposure cannot be judged.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Declare the security group in the same stack as its rule resources (or import it), or give the group its rules inline; until then judge the group's exposure in the stack that owns it.",
  configSchema: configSchemaFor(["exemptions"]),
  validateStack: (args, report) => {
    const cfg = resolveConfig(args.getConfig(), NAME, ["exemptions"]);
    const groups = args.resources.filter((r) => GROUP_TYPES.has(r.type));
    const rules = args.resources.filter((r) => RULE_GROUP_FIELD[r.type] !== undefined);
    for (const r of joinRulesToGroups(groups, rules).orphans) {
      const why = WHY[normalise(r.type, r.props as Props)!.semantics];
      if (!why) continue;
      const ex = findExemption(cfg.exemptions, NAME, r.name, r.urn);
      if (ex.active) continue;
      const field = RULE_GROUP_FIELD[r.type];
      report(
        `Rule resource ${r.name}: its security group (${field} ${String(r.props[field])}) is not in this stack, so whether it opens ports to the world cannot be judged here: ${why}.${expiredNote(ex.expired)}`,
        r.urn,
      );
    }
  },
};
