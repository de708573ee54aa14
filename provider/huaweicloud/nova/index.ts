export { SecurityGroup, SecurityGroupRule, ServerSecurityGroup } from "./resources";
export type { SecurityGroupArgs, SecurityGroupRuleArgs, ServerSecurityGroupArgs, RuleArgs, LiveRuleOutput } from "./resources";
