import type { ArgsOf, OutputsOf } from "../core/kind";
import { resourceClass } from "../core/resource-class";
import { GROUP, RULE } from "./kinds";

/** One Scaleway rule; a rule without ports covers every port, ICMP and ANY never carry ports. */
export type RuleArgs = Omit<ArgsOf<typeof RULE>, "zone" | "securityGroupId" | "position">;
export type SecurityGroupArgs = ArgsOf<typeof GROUP>;
export type SecurityGroupRuleArgs = ArgsOf<typeof RULE>;
/** A live editable rule as the group outputs it. */
export type LiveRuleOutput = OutputsOf<typeof GROUP>["securityGroupRules"][number];

/**
 * A Scaleway Instance security group.
 * @example
 * const web = new scaleway.SecurityGroup("web", { name: "web", inboundDefaultPolicy: "drop", rules: [{ protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 443 }] });
 */
export const SecurityGroup = resourceClass(GROUP);
export type SecurityGroup = InstanceType<typeof SecurityGroup>;

/** One editable rule in an existing Scaleway security group; changes are applied in place. */
export const SecurityGroupRule = resourceClass(RULE);
export type SecurityGroupRule = InstanceType<typeof SecurityGroupRule>;
