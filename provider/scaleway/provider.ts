/** The dynamic ResourceProvider objects the registry hands to the shims in state. */
export { securityGroupProvider } from "./group-provider";
export { securityGroupRuleProvider } from "./rule-provider";
