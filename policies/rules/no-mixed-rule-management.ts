import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configSchemaFor, resolveConfig } from "../engine/config";
import { expiredNote, findExemption } from "../engine/exemptions";
import { COMMUNITY_TOKENS, RULE_GROUP_FIELD } from "../engine/normalise";
import { TOKENS } from "../type-tokens";
import { hasKey, joinRulesToGroups } from "../engine/stack-join";

const NAME = "no-mixed-rule-management";
const OUR_GROUPS = new Set<string>([
  TOKENS.nhnSecurityGroup,
  TOKENS.openstackSecurityGroup,
  TOKENS.huaweicloudSecurityGroup,
  TOKENS.huaweicloudNovaSecurityGroup,
  TOKENS.scalewaySecurityGroup,
  TOKENS.genesiscloudSecurityGroup,
]);
const SCW_GROUPS = new Set<string>([COMMUNITY_TOKENS.scalewaySecurityGroup, COMMUNITY_TOKENS.scalewayInstanceSecurityGroup]);
const SCW_RULE_LISTS = new Set<string>([COMMUNITY_TOKENS.scalewaySecurityGroupRules, COMMUNITY_TOKENS.scalewayInstanceSecurityGroupRules]);

const nonEmptyList = (r: PolicyResource, key: string): boolean => {
  if (!hasKey(r, key)) return false;
  try {
    const v = r.props[key];
    return !Array.isArray(v) || v.length > 0;
  } catch {
    return true; // unknown at preview: the list is declared
  }
};

/** Why the group's own rule set conflicts with separate rule resources, or undefined when it does not. */
function inlineField(r: PolicyResource): string | undefined {
  if (OUR_GROUPS.has(r.type)) return hasKey(r, "rules") ? "rules" : undefined;
  if (SCW_GROUPS.has(r.type)) {
    if (nonEmptyList(r, "inboundRules")) return "inboundRules";
    if (nonEmptyList(r, "outboundRules")) return "outboundRules";
    try {
      return r.props["externalRules"] === true ? undefined : "externalRules unset";
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export const noMixedRuleManagement: StackValidationPolicy = {
  name: NAME,
  description:
    "Checks that no security group is managed both by its own rule list and by separate rule resources, which overwrite each other on every update.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Manage each group's rules in one place: either the group's inline rules, or separate rule resources (on Scaleway: one SecurityGroupRules per group, with externalRules: true on the group).",
  configSchema: configSchemaFor(["exemptions"]),
  validateStack: (args, report) => {
    const cfg = resolveConfig(args.getConfig(), NAME, ["exemptions"]);
    const groups = args.resources.filter((r) => OUR_GROUPS.has(r.type) || SCW_GROUPS.has(r.type));
    const rules = args.resources.filter((r) => RULE_GROUP_FIELD[r.type] !== undefined);
    for (const [g, mine] of joinRulesToGroups(groups, rules).byGroup) {
      if (!mine.length) continue;
      const ex = findExemption(cfg.exemptions, NAME, g.name, g.urn);
      if (ex.active) continue;
      const problems: string[] = [];
      const field = inlineField(g);
      if (field === "externalRules unset") {
        problems.push(`it is targeted by ${mine.map((r) => r.name).join(", ")} but does not set externalRules: true`);
      } else if (field) {
        problems.push(`it declares ${field} and is also targeted by separate rule resources ${mine.map((r) => r.name).join(", ")}`);
      }
      const lists = mine.filter((r) => SCW_RULE_LISTS.has(r.type));
      if (lists.length > 1)
        problems.push(
          `it is targeted by ${lists.length} SecurityGroupRules resources (${lists.map((r) => r.name).join(", ")}), which reorder each other's rules`,
        );
      if (problems.length) report(`Security group ${g.name}: ${problems.join("; ")}.${expiredNote(ex.expired)}`, g.urn);
    }
  },
};
