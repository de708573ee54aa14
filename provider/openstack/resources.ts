import { neutronResources } from "../neutron/resources";
import { OPENSTACK_KINDS } from "./kinds";

export type { RuleArgs, SecurityGroupArgs, SecurityGroupRuleArgs, LiveRuleOutput } from "../neutron/resources";

const classes = neutronResources(OPENSTACK_KINDS);

/**
 * A security group on any OpenStack cloud (Neutron v2.0, Keystone v3), IPv4 and IPv6.
 * @example
 * const web = new openstack.SecurityGroup("web", { name: "web", rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 443, remoteIpPrefix: "::/0" }] });
 */
export const SecurityGroup = classes.SecurityGroup;
export type SecurityGroup = InstanceType<typeof SecurityGroup>;

/** One rule in an existing OpenStack security group; any change replaces it (Neutron rules are immutable). */
export const SecurityGroupRule = classes.SecurityGroupRule;
export type SecurityGroupRule = InstanceType<typeof SecurityGroupRule>;
