/** pulumi-secgroups: security groups and rules as Pulumi resources, one namespace per cloud API. */
export * as nhn from "./nhn";
export * as openstack from "./openstack";
export * as scaleway from "./scaleway";
export * as huaweicloud from "./huaweicloud";
export * as genesiscloud from "./genesiscloud";
export { SecgroupsError, PartialCreateError } from "./core/errors";
export type { ErrorCode } from "./core/errors";
export { TOKENS, MODULES } from "./core/type-tokens";
