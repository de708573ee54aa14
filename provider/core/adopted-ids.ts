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

/** Forgets every adoption (tests that simulate a new run in one process). */
export function forgetAdoptions(): void {
  adopted.clear();
}
