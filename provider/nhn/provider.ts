import { neutronProviders } from "../neutron/provider";
import { groupUsers } from "./ports";
import { connect } from "./connection";
import { NHN_IPV6 } from "./ipv6";
import { NHN_KINDS } from "./kinds";

/** NHN Cloud as a Neutron profile: Keystone v2.0 sign-in, its `security-group-ports` look-up for "in use", IPv4 rules unless allowed. */
export const providers = neutronProviders(NHN_KINDS, { connect, groupUsers, groupsHaveCreatedAt: false, ipv6: NHN_IPV6 });
export const securityGroupProvider = providers.SecurityGroup;
export const securityGroupRuleProvider = providers.SecurityGroupRule;
