import { isAmbiguous } from "./errors";
import { log } from "./log";
import { noteAdopted } from "./adopted-ids";
import { claim, isClaimed } from "./adopted-ids";
import type { BatchOutcome } from "./rule-batcher";

/** Pairs each wanted rule with a distinct rule of `found` that has the same tuple (never by position) and no other resource of this process owns; matches are claimed. */
export function matchByTuple<Op, L>(
  ops: readonly Op[],
  found: readonly L[],
  opKey: (op: Op) => string,
  foundKey: (l: L) => string,
): BatchOutcome<L>[] {
  const byKey = new Map<string, L[]>();
  const idOf = (l: L) => (l as { id?: unknown }).id;
  for (const l of found) {
    const id = idOf(l);
    // A rule another resource of this process owns is not this create's, whatever its tuple.
    if (typeof id === "string" && isClaimed(id)) continue;
    const k = foundKey(l);
    const same = byKey.get(k);
    if (same) same.push(l);
    else byKey.set(k, [l]);
  }
  return ops.map((op) => {
    const l = byKey.get(opKey(op))?.shift();
    if (l === undefined) return undefined;
    const id = idOf(l);
    if (typeof id === "string") claim(id);
    return { result: l };
  });
}

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
