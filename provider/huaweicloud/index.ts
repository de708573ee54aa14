export { SecurityGroup, SecurityGroupRule } from "./resources";
export type { SecurityGroupArgs, SecurityGroupRuleArgs, RuleArgs, LiveRuleOutput } from "./resources";
export * as nova from "./nova";
