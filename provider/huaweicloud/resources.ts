import type { ArgsOf, OutputsOf } from "../core/kind";
import { resourceClass } from "../core/resource-class";
import { GROUP, RULE } from "./kinds";

/** One rule as VPC v3 defines it; omitted protocol, multiport or remote mean "any". */
export type RuleArgs = Omit<ArgsOf<typeof RULE>, "securityGroupId">;
export type SecurityGroupArgs = ArgsOf<typeof GROUP>;
export type SecurityGroupRuleArgs = ArgsOf<typeof RULE>;
/** A live rule as the group outputs it: canonical, with its id. */
export type LiveRuleOutput = OutputsOf<typeof GROUP>["securityGroupRules"][number];

/**
 * A Huawei Cloud VPC security group (VPC API v3).
 * @example
 * const web = new huaweicloud.SecurityGroup("web", { name: "web", rules: [{ direction: "ingress", protocol: "tcp", multiport: "443" }] });
 */
export const SecurityGroup = resourceClass(GROUP);
export type SecurityGroup = InstanceType<typeof SecurityGroup>;

/** One rule in an existing VPC v3 security group; any change replaces it (VPC has no rule update). */
export const SecurityGroupRule = resourceClass(RULE);
export type SecurityGroupRule = InstanceType<typeof SecurityGroupRule>;
