import { log } from "./log";

/**
 * Ids this provider process adopted during the current run (a create that met "already exists" and took
 * the existing object). One process serves a whole `pulumi up`, so a replacement whose new resource adopted
 * the very object its old resource names must not delete it: the engine's delete of the old id would
 * remove what the new resource now owns.
 */
const adopted = new Map<string, string>();

/** Records that `what` adopted the object `id` in this run. */
export function noteAdopted(id: string, what: string): void {
  adopted.set(id, what);
}

/** Whether a delete of `id` must be skipped because a create in this run adopted it; logs why when so. */
export function skipDeleteOfAdopted(kind: string, id: string): boolean {
  const by = adopted.get(id);
  if (by === undefined) return false;
  log(`${kind} ${id}: not deleted, ${by} adopted it in this run (a replacement that found the object already there)`);
  return true;
}

/** Forgets every adoption and claim (tests that simulate a new run, a new process, in one process). */
export function forgetAdoptions(): void {
  adopted.clear();
  claimedIds.clear();
}

/** Ids (of groups and rules) some resource of this process created or adopted: a lookup never hands one to a second resource. */
const claimedIds = new Set<string>();

/** Records that a resource of this process owns `id`. */
export function claim(id: string): void {
  claimedIds.add(id);
}

/** Whether a resource of this process owns `id`. */
export function isClaimed(id: string): boolean {
  return claimedIds.has(id);
}

/** Forgets an id (the rule was deleted). */
export function release(id: string): void {
  claimedIds.delete(id);
}
