import { z } from "zod";
import { defineKind } from "../core/kind";
import { MODULES } from "../core/type-tokens";
import { InlineRule, SecurityGroupInputs, SecurityGroupRuleInputs } from "./inputs";

const LiveRules = z.array(z.custom<InlineRule>());

/** `genesiscloud:SecurityGroup`: name, description and rules update in place (one PATCH); region replaces. */
export const GROUP = defineKind({
  module: MODULES.genesiscloud,
  type: "SecurityGroup",
  inputs: SecurityGroupInputs,
  replaceOnChange: ["region"],
  computed: {
    /** `created`, or `error` when Genesis failed to apply the last change. */
    status: z.string(),
    /** When the group was created. */
    createdAt: z.string(),
    /** Every rule the group has in the cloud, in canonical form (inline or from SecurityGroupRule resources). */
    liveRules: LiveRules,
  },
  /** The name the other clouds give the live rules; the state keeps `liveRules`. */
  outputAliases: { securityGroupRules: "liveRules" },
  /** Genesis rules have no ids: `rules` is the live list itself. */
  inlineRules: { live: "liveRules", derive: (live: InlineRule[]) => live },
});

/** `genesiscloud:SecurityGroupRule`: one entry of the group's rule list; any change replaces it. */
export const RULE = defineKind({
  module: MODULES.genesiscloud,
  type: "SecurityGroupRule",
  inputs: SecurityGroupRuleInputs,
  replaceOnChange: ["securityGroupId", "protocol", "direction", "portRangeMin", "portRangeMax"],
  computed: {
    /** The group's status after the rule was written. */
    groupStatus: z.string().optional(),
  },
});
