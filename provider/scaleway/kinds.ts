import { z } from "zod";
import { defineKind } from "../core/kind";
import { MODULES } from "../core/type-tokens";
import { SecurityGroupInputs, SecurityGroupRuleInputs } from "./inputs";
import { LiveRule, withoutIdentity } from "./marshal";

/** `scaleway:SecurityGroup`: every field but zone and project updates in place. */
export const GROUP = defineKind({
  module: MODULES.scaleway,
  type: "SecurityGroup",
  inputs: SecurityGroupInputs,
  replaceOnChange: ["zone", "projectId"],
  computed: {
    /** The organization owning the project. */
    organizationId: z.string(),
    /** The servers using the group. */
    servers: z.array(z.object({ id: z.string(), name: z.string() })),
    /** Every live editable rule, in position order, with ids (non-editable system rules are left out). */
    securityGroupRules: z.array(z.custom<LiveRule>()),
  },
  inlineRules: { live: "securityGroupRules", derive: (live: LiveRule[]) => live.map(withoutIdentity) },
});

/** `scaleway:SecurityGroupRule`: updated in place by PATCH; only a move to another group or zone replaces it. */
export const RULE = defineKind({
  module: MODULES.scaleway,
  type: "SecurityGroupRule",
  inputs: SecurityGroupRuleInputs,
  replaceOnChange: ["zone", "securityGroupId"],
  computed: {},
});
