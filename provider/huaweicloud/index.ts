export { SecurityGroup, SecurityGroupRule } from "./resources";
export type { SecurityGroupArgs, SecurityGroupRuleArgs, RuleArgs } from "./resources";
export * as nova from "./nova";
