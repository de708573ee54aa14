import { MODULES } from "../core/type-tokens";
import { neutronGroupKind, neutronRuleKind } from "../neutron/kinds";

/** Any OpenStack cloud: the Neutron definitions under module `openstack`. */
export const OPENSTACK_KINDS = { group: neutronGroupKind(MODULES.openstack), rule: neutronRuleKind(MODULES.openstack) };
