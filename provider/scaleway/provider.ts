/** The dynamic ResourceProvider objects the registry hands to the shims in state. */
export { securityGroupProvider } from "./group-provider";
export { securityGroupRuleProvider } from "./rule-provider";
import { securityGroupProvider } from "./group-provider";
import { securityGroupRuleProvider } from "./rule-provider";
export const providers = { SecurityGroup: securityGroupProvider, SecurityGroupRule: securityGroupRuleProvider };
