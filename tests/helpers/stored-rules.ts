import { rulesOutput } from "../../provider/core/inline-rules";
import type { KindDefinition } from "../../provider/core/kind";

/** A group's `rules` output as a program reads it (`group.rules`), from outputs that may store each rule once. */
export function rulesOf(kind: KindDefinition, outs: Record<string, any> | undefined): any[] | undefined {
  return outs ? rulesOutput(kind, outs) : undefined;
}
