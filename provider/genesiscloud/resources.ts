import type { ArgsOf, OutputsOf } from "../core/kind";
import { resourceClass } from "../core/resource-class";
import { GROUP, RULE } from "./kinds";

/**
 * One Genesis Cloud rule. Genesis rules cannot restrict the source (or destination) address: every rule
 * allows the protocol and ports from and to anywhere, IPv4 and IPv6. Omitted ports on tcp/udp mean all ports;
 * icmp and `all` take no ports.
 */
export type RuleArgs = Omit<ArgsOf<typeof RULE>, "securityGroupId">;
export type SecurityGroupArgs = ArgsOf<typeof GROUP>;
export type SecurityGroupRuleArgs = ArgsOf<typeof RULE>;
/** A live rule as the group outputs it (Genesis rules have no id). */
export type LiveRuleOutput = OutputsOf<typeof GROUP>["liveRules"][number];

/**
 * A security group on Genesis Cloud (compute API v1). Its rules cannot restrict the source address: every
 * ingress rule is open to the whole internet. The live rules are `securityGroupRules` (as on every cloud)
 * and, under their former name, `liveRules`.
 * @example
 * const web = new genesiscloud.SecurityGroup("web", { name: "web", rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 443, portRangeMax: 443 }] });
 */
export const SecurityGroup = resourceClass(GROUP);
export type SecurityGroup = InstanceType<typeof SecurityGroup>;

/**
 * One rule in a Genesis Cloud security group declared without inline `rules`. Genesis has no rule API, so the
 * provider rewrites the group's rule list, one write at a time per group; any change replaces the rule.
 * The rule applies to every source address (Genesis cannot restrict it).
 */
export const SecurityGroupRule = resourceClass(RULE);
export type SecurityGroupRule = InstanceType<typeof SecurityGroupRule>;
