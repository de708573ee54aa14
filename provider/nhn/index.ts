export { SecurityGroup, SecurityGroupRule } from "./resources";
export type { SecurityGroupArgs, SecurityGroupRuleArgs, RuleArgs, LiveRuleOutput } from "./resources";
