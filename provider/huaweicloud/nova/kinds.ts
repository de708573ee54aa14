import { z } from "zod";
import { defineKind } from "../../core/kind";
import { MODULES } from "../../core/type-tokens";
import { SecurityGroupInputs, SecurityGroupRuleInputs, ServerSecurityGroupInputs } from "./inputs";
import { LiveRule, rulesWithoutIds } from "./marshal";

/** `huaweicloud/nova:SecurityGroup`: name and description update in place; `rules` own the ingress rule set. */
export const GROUP = defineKind({
  module: MODULES.huaweicloudNova,
  type: "SecurityGroup",
  inputs: SecurityGroupInputs,
  computed: {
    /** The project (tenant) owning the group. */
    tenantId: z.string(),
    /** Every live ingress rule of the group, with ids, in canonical form. */
    securityGroupRules: z.array(z.custom<LiveRule>()),
  },
  inlineRules: { live: "securityGroupRules", derive: rulesWithoutIds },
});

/** `huaweicloud/nova:SecurityGroupRule`: Nova has no rule update, so every argument replaces. */
export const RULE = defineKind({
  module: MODULES.huaweicloudNova,
  type: "SecurityGroupRule",
  inputs: SecurityGroupRuleInputs,
  replaceOnChange: ["parentGroupId", "ipProtocol", "fromPort", "toPort", "cidr", "groupId"],
  computed: {},
});

/** `huaweicloud/nova:ServerSecurityGroup`: an attachment; any change replaces it. */
export const SERVER_GROUP = defineKind({
  module: MODULES.huaweicloudNova,
  type: "ServerSecurityGroup",
  inputs: ServerSecurityGroupInputs,
  replaceOnChange: ["serverId", "securityGroupName"],
  computed: {
    /** The id of the attached group. */
    securityGroupId: z.string(),
  },
});
