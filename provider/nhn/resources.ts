import { neutronResources } from "../neutron/resources";
import { NHN_KINDS } from "./kinds";

export type { RuleArgs, SecurityGroupArgs, SecurityGroupRuleArgs, LiveRuleOutput } from "../neutron/resources";

const classes = neutronResources(NHN_KINDS);

/**
 * A security group on NHN Cloud (network API = OpenStack Neutron v2.0).
 * @example
 * const web = new nhn.SecurityGroup("web", { name: "web", rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443 }] });
 */
export const SecurityGroup = classes.SecurityGroup;
export type SecurityGroup = InstanceType<typeof SecurityGroup>;

/** One rule in an existing NHN Cloud security group; any change replaces it (Neutron rules are immutable). */
export const SecurityGroupRule = classes.SecurityGroupRule;
export type SecurityGroupRule = InstanceType<typeof SecurityGroupRule>;
