import { neutronProviders } from "../neutron/provider";
import { groupUsers } from "./ports";
import { connect } from "./connection";
import { NHN_KINDS } from "./kinds";

/** NHN Cloud as a Neutron profile: Keystone v2.0 sign-in, and its `security-group-ports` look-up for "in use". */
export const providers = neutronProviders(NHN_KINDS, { connect, groupUsers, groupsHaveCreatedAt: false });
export const securityGroupProvider = providers.SecurityGroup;
export const securityGroupRuleProvider = providers.SecurityGroupRule;
