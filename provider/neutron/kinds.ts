import { z } from "zod";
import { defineKind } from "../core/kind";
import type { ModuleName } from "../core/type-tokens";
import { LiveRuleOutput, SecurityGroupInputs, SecurityGroupRuleInputs } from "./inputs";
import { rulesWithoutIds } from "./marshal";

/** The SecurityGroup kind of a Neutron profile (same arguments in every profile). */
export function neutronGroupKind<M extends ModuleName>(module: M) {
  return defineKind({
    module,
    type: "SecurityGroup",
    inputs: SecurityGroupInputs,
    computed: {
      /** The project (tenant) owning the group. */
      tenantId: z.string(),
      /** Every live rule of the group, with ids, in canonical form (inline or from SecurityGroupRule resources). */
      securityGroupRules: LiveRuleOutput,
    },
    inlineRules: { live: "securityGroupRules", derive: rulesWithoutIds },
  });
}

/** The SecurityGroupRule kind of a Neutron profile: rules are immutable, so every argument replaces. */
export function neutronRuleKind<M extends ModuleName>(module: M) {
  return defineKind({
    module,
    type: "SecurityGroupRule",
    inputs: SecurityGroupRuleInputs,
    replaceOnChange: [
      "securityGroupId",
      "direction",
      "ethertype",
      "protocol",
      "portRangeMin",
      "portRangeMax",
      "remoteIpPrefix",
      "remoteGroupId",
      "description",
    ],
    computed: {},
  });
}

export type NeutronGroupKind = ReturnType<typeof neutronGroupKind>;
export type NeutronRuleKind = ReturnType<typeof neutronRuleKind>;
