import { INLINE_RULES_OUTPUT } from "../../policies/stored-outputs";
import type { KindDefinition } from "./kind";

/** Whether a group's stored outputs say its inline `rules` own its rule set (0.1.0 outputs: `rules` is stored). */
export function hasInlineRules(outs: Record<string, unknown>): boolean {
  return outs[INLINE_RULES_OUTPUT] === true || outs.rules !== undefined;
}

/**
 * A group's outputs with each rule stored once: `rules` (the live list without ids, which the resource class
 * derives again) is left out, and a group whose inline rules own its rule set is marked as such.
 */
export function storedOnce<T extends { rules?: unknown }>(outs: T, inline: boolean): Omit<T, "rules"> {
  const { rules: _rules, ...rest } = outs as T & Record<string, unknown>;
  delete rest[INLINE_RULES_OUTPUT];
  return (inline ? { ...rest, [INLINE_RULES_OUTPUT]: true } : rest) as Omit<T, "rules">;
}

/** A group's `rules` as a program reads it (`group.rules`), from its stored outputs: stored by 0.1.0, else derived. */
export function rulesOutput(def: KindDefinition, outs: Record<string, unknown>): unknown[] | undefined {
  if (outs.rules !== undefined) return outs.rules as unknown[];
  if (outs[INLINE_RULES_OUTPUT] !== true || !def.inlineRules) return undefined;
  const live = outs[def.inlineRules.live];
  return Array.isArray(live) ? def.inlineRules.derive(live as never[]) : undefined;
}
