export { MODULES, TOKENS, typeToken } from "../../policies/type-tokens";
export type { ModuleName, ResourceTypeName } from "../../policies/type-tokens";
