import { splitToken } from "./creation-token";

/**
 * Creates the engine has announced, within one provider process. The engine checks every new resource before
 * creating it, so the check of a new resource (no old inputs) whose inputs carry a creation token announces a
 * create, unless it fails; the create with the same token arrives later. A writer that groups a burst of changes
 * (Genesis rewrites a group's whole rule list) watches its kind, and asks whether a create was announced and
 * how many announced creates for the same key (its group) are still to come: when none are, it waits for no
 * more. An announcement the engine never follows up on (a preview, an aborted run) only makes such a writer
 * wait as it would without announcements; it is forgotten after ANNOUNCEMENT_TTL_MS.
 */
export const ANNOUNCEMENT_TTL_MS = 10_000;

type Bag = Record<string, unknown>;

interface Announcement {
  /** What the writer groups by (e.g. the group id), from the checked inputs. */
  key: string | undefined;
  at: number;
  arrived: boolean;
}

interface Watched {
  keyOf: (inputs: Bag) => string | undefined;
  /** By creation token, oldest first (an announcement made again moves to the end). */
  byToken: Map<string, Announcement>;
  /** Announcements not arrived yet, by key. */
  pending: Map<string | undefined, number>;
}

const watched = new Map<string, Watched>();

const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);

/** Starts recording the creates of `kind` the engine announces, each under `keyOf(its checked inputs)`. */
export function watchAnnouncedCreates(kind: string, keyOf: (inputs: Bag) => string | undefined): void {
  if (!watched.has(kind)) watched.set(kind, { keyOf, byToken: new Map(), pending: new Map() });
}

/**
 * Records the create that the check of a new resource announces (`olds` empty, inputs with a token), as the
 * check starts: a create that arrives while the check of the next resource is still running sees it coming.
 */
export function noteChecking(kind: string, olds: unknown, news: unknown, now = Date.now()): void {
  const w = watched.get(kind);
  if (!w || (isBag(olds) && Object.keys(olds).length > 0) || !isBag(news)) return;
  const [inputs, token] = splitToken(news);
  if (!token) return;
  forgetExpired(w, now);
  drop(w, token);
  const key = w.keyOf(inputs);
  w.byToken.set(token, { key, at: now, arrived: false });
  w.pending.set(key, (w.pending.get(key) ?? 0) + 1);
}

/** Withdraws the announcement when the check failed (failures, no inputs, or it threw: `result` undefined). */
export function noteChecked(kind: string, news: unknown, result: unknown): void {
  const w = watched.get(kind);
  const token = isBag(news) ? splitToken(news)[1] : undefined;
  if (!w || !token) return;
  const ok = isBag(result) && isBag(result.inputs) && !(Array.isArray(result.failures) && result.failures.length > 0);
  if (!ok) drop(w, token);
}

/** Marks the announced create of the resource with these inputs (its token) as arrived. */
export function noteCreating(kind: string, inputs: unknown): void {
  const token = isBag(inputs) ? splitToken(inputs)[1] : undefined;
  const w = watched.get(kind);
  const a = token ? w?.byToken.get(token) : undefined;
  if (!w || !a || a.arrived) return;
  a.arrived = true;
  settle(w, a.key);
}

/** Whether the create carrying this creation token was announced by a check and has arrived. */
export function wasAnnounced(kind: string, token: string | undefined, now = Date.now()): boolean {
  const a = token ? watched.get(kind)?.byToken.get(token) : undefined;
  return a !== undefined && a.arrived && now - a.at <= ANNOUNCEMENT_TTL_MS;
}

/** Announced creates of `kind` under `key` that have not arrived yet. */
export function pendingCreates(kind: string, key: string, now = Date.now()): number {
  const w = watched.get(kind);
  if (!w) return 0;
  forgetExpired(w, now);
  return w.pending.get(key) ?? 0;
}

function forgetExpired(w: Watched, now: number): void {
  for (const [token, a] of w.byToken) {
    if (now - a.at <= ANNOUNCEMENT_TTL_MS) return;
    drop(w, token);
  }
}

function drop(w: Watched, token: string): void {
  const a = w.byToken.get(token);
  if (!a) return;
  w.byToken.delete(token);
  if (!a.arrived) settle(w, a.key);
}

/** One announcement under `key` is no longer to come. */
function settle(w: Watched, key: string | undefined): void {
  const n = (w.pending.get(key) ?? 0) - 1;
  if (n > 0) w.pending.set(key, n);
  else w.pending.delete(key);
}

/** Forgets every announcement (tests); the kinds stay watched. */
export function forgetAnnouncedCreates(): void {
  for (const w of watched.values()) {
    w.byToken.clear();
    w.pending.clear();
  }
}
