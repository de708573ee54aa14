// What a group's outputs in state look like, shared by the provider and the policy pack (published alone).

/**
 * The output set to `true` on a group whose inline `rules` own its rule set. Such a group stores each rule once:
 * `rules` is left out of its outputs, because it is the live list (`securityGroupRules`; Genesis: `liveRules`)
 * without ids. Outputs written by 0.1.0 store `rules` as well, and no marker.
 */
export const INLINE_RULES_OUTPUT = "rulesInline";
