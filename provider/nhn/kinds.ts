import { MODULES } from "../core/type-tokens";
import { neutronGroupKind, neutronRuleKind } from "../neutron/kinds";

/** NHN Cloud's kinds: the Neutron definitions under module `nhn` (kind strings `nhn:SecurityGroup`, `nhn:SecurityGroupRule`). */
export const NHN_KINDS = { group: neutronGroupKind(MODULES.nhn), rule: neutronRuleKind(MODULES.nhn) };
