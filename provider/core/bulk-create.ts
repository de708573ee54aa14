import { isAmbiguous } from "./errors";
import { log } from "./log";
import { noteAdopted } from "./adopted-ids";
import type { BatchOutcome } from "./rule-batcher";
import { matchByTuple } from "./tuple-match";

/**
 * One all-or-nothing bulk create of rules, matched to what was asked by rule tuple. When the call got no answer
 * (timeout, dropped connection, 5xx after sending), the group's rules are listed and each rule asked for is looked
 * up by its exact tuple: found ones are the create's, the others come back undefined (to be sent on their own).
 * A refusal (4xx) is thrown as is.
 */
export async function bulkCreateByTuple<Op, L>(steps: {
  what: string;
  ops: readonly Op[];
  send: () => Promise<L[]>;
  list: () => Promise<L[]>;
  opKey: (op: Op) => string;
  liveKey: (l: L) => string;
}): Promise<BatchOutcome<L>[]> {
  let answered: L[];
  try {
    answered = await steps.send();
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    log(`${steps.what}: no answer to the bulk create of ${steps.ops.length}; looking the rules up by tuple`);
    const found = matchByTuple(steps.ops, await steps.list(), steps.opKey, steps.liveKey);
    // Found after a lost answer: possibly the old rule of a resource being replaced, which the engine deletes next.
    for (const f of found) {
      const id = f && (f.result as { id?: unknown }).id;
      if (typeof id === "string") noteAdopted(id, steps.what);
    }
    return found;
  }
  return matchByTuple(steps.ops, answered, steps.opKey, steps.liveKey);
}
