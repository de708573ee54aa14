import type { ArgsOf, OutputsOf } from "../../core/kind";
import { resourceClass } from "../../core/resource-class";
import { GROUP, RULE, SERVER_GROUP } from "./kinds";

/** One ingress rule as Nova defines it; omitted ports mean all ports (ICMP: every type and code). */
export type RuleArgs = Omit<ArgsOf<typeof RULE>, "parentGroupId">;
export type SecurityGroupArgs = ArgsOf<typeof GROUP>;
export type SecurityGroupRuleArgs = ArgsOf<typeof RULE>;
export type ServerSecurityGroupArgs = ArgsOf<typeof SERVER_GROUP>;
/** A live rule as the group outputs it: canonical, with its id. */
export type LiveRuleOutput = OutputsOf<typeof GROUP>["securityGroupRules"][number];

/**
 * A security group through Huawei ECS's native OpenStack (Nova) API.
 * @example
 * const app = new huaweicloud.nova.SecurityGroup("app", { name: "app", description: "", rules: [{ ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidr: "10.0.0.0/8" }] });
 */
export const SecurityGroup = resourceClass(GROUP);
export type SecurityGroup = InstanceType<typeof SecurityGroup>;

/** One ingress rule of a Nova security group; any change replaces it. */
export const SecurityGroupRule = resourceClass(RULE);
export type SecurityGroupRule = InstanceType<typeof SecurityGroupRule>;

/** A security group attached to a server (every port of it); deleting the resource detaches it. */
export const ServerSecurityGroup = resourceClass(SERVER_GROUP);
export type ServerSecurityGroup = InstanceType<typeof ServerSecurityGroup>;
