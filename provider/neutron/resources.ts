import type { ArgsOf, InputsOf, OutputsOf } from "../core/kind";
import { resourceClass } from "../core/resource-class";
import type { NeutronGroupKind, NeutronRuleKind } from "./kinds";

/** A rule as a program writes it (inline in `rules`, or as a SecurityGroupRule without the group id). */
export type RuleArgs = Omit<ArgsOf<NeutronRuleKind>, "securityGroupId">;
export type SecurityGroupArgs = ArgsOf<NeutronGroupKind>;
export type SecurityGroupRuleArgs = ArgsOf<NeutronRuleKind>;
/** A live rule as the group outputs it: canonical, with its id. */
export type LiveRuleOutput = OutputsOf<NeutronGroupKind>["securityGroupRules"][number];
export type SecurityGroupOutputs = OutputsOf<NeutronGroupKind>;
export type SecurityGroupRuleOutputs = OutputsOf<NeutronRuleKind>;
export type SecurityGroupRuleInputs = InputsOf<NeutronRuleKind>;

/** The resource classes of one Neutron profile. */
export function neutronResources(kinds: { group: NeutronGroupKind; rule: NeutronRuleKind }) {
  return { SecurityGroup: resourceClass(kinds.group), SecurityGroupRule: resourceClass(kinds.rule) };
}
