import { z } from "zod";
import { defineKind } from "../core/kind";
import { MODULES } from "../core/type-tokens";
import { SecurityGroupInputs, SecurityGroupRuleInputs } from "./inputs";
import { LiveRule, rulesWithoutIds } from "./marshal";

/** `huaweicloud:SecurityGroup`: name and description update in place; the enterprise project replaces. */
export const GROUP = defineKind({
  module: MODULES.huaweicloud,
  type: "SecurityGroup",
  inputs: SecurityGroupInputs,
  replaceOnChange: ["enterpriseProjectId"],
  computed: {
    /** The project the group lives in. */
    projectId: z.string(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    /** Every live rule of the group, with ids, in canonical form. */
    securityGroupRules: z.array(z.custom<LiveRule>()),
  },
  inlineRules: { live: "securityGroupRules", derive: rulesWithoutIds },
});

/** `huaweicloud:SecurityGroupRule`: VPC v3 has no rule update, so every argument replaces. */
export const RULE = defineKind({
  module: MODULES.huaweicloud,
  type: "SecurityGroupRule",
  inputs: SecurityGroupRuleInputs,
  replaceOnChange: [
    "securityGroupId",
    "direction",
    "ethertype",
    "protocol",
    "multiport",
    "action",
    "priority",
    "remoteIpPrefix",
    "remoteGroupId",
    "remoteAddressGroupId",
    "description",
  ],
  computed: {},
});
