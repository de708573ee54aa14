import { INLINE_RULES_OUTPUT } from "../../policies/stored-outputs";
import type { KindDefinition } from "../../provider/core/kind";

/**
 * A group's `rules` output as a program reads it (`group.rules`): stored in outputs written by 0.1.0, else
 * derived by the resource class from the live list, the one copy of each rule in state.
 */
export function rulesOf(kind: KindDefinition, outs: Record<string, any> | undefined): any[] | undefined {
  if (!outs) return undefined;
  if (outs.rules !== undefined) return outs.rules;
  if (outs[INLINE_RULES_OUTPUT] !== true) return undefined;
  return kind.inlineRules!.derive(outs[kind.inlineRules!.live]);
}
