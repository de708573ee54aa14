import { neutronProviders } from "../neutron/provider";
import { OPENSTACK_KINDS } from "./kinds";
import { groupUsers } from "./ports";
import { connect } from "./connection";

/** OpenStack as a Neutron profile: Keystone v3 sign-in, and upstream Neutron's port filter for "in use". */
export const providers = neutronProviders(OPENSTACK_KINDS, { connect, groupUsers, groupsHaveCreatedAt: true });
