import { isConflict, SecgroupsError } from "../core/errors";
import { pendingCreates, wasAnnounced, watchAnnouncedCreates } from "../core/expected-creates";
import { withGroupLock } from "../core/group-lock";
import { log } from "../core/log";
import { currentOperation, retrying } from "../core/operation";
import * as api from "./api-client";
import type { Connection } from "./connection";
import type { InlineRule } from "./inputs";
import { RULE } from "./kinds";
import { BASELINE_RULE, liveRules, ruleKey, ruleToWire, sameRules } from "./marshal";
import { settledGroup, waitSettled } from "./settle";
import type { WireGroup } from "./wire-schemas";

/**
 * Genesis has no rule endpoint: a rule is added or removed by rewriting the group's whole list. Inside one
 * provider process (one `pulumi up`), writes to a group run one at a time; each write re-reads the group
 * first and carries every change queued while the previous write was under way.
 */

interface Change {
  kind: "add" | "remove";
  rule: InlineRule;
  /** The add of a rule resource whose create the engine announced by checking it (see core/expected-creates.ts). */
  announced?: boolean;
  resolve: (g: WireGroup | undefined) => void;
  reject: (e: unknown) => void;
}

const queues = new Map<string, Change[]>();
/** A burst of rule resources reaches the provider over some milliseconds: wait until it has been quiet this long... */
export const QUIET_MS = 50;
/** ...but no longer than this after the first change of the write (a write costs a settle wait of seconds anyway). */
export const MAX_WAIT_MS = 1000;
/**
 * Only announced adds queued and no announced create of a rule of the group still to come (see
 * core/expected-creates.ts): the engine is not sending more, so the write waits only for what is on its way.
 */
export const GRACE_MS = 5;

interface PendingWrite {
  timer: NodeJS.Timeout;
  /** When the first change of this write was queued. */
  first: number;
}
const timers = new Map<string, PendingWrite>();

/** Adds or removes one rule; resolves with the settled group after the write, or undefined if the group is gone. */
export function changeRule(conn: Connection, groupId: string, kind: Change["kind"], rule: InlineRule): Promise<WireGroup | undefined> {
  return new Promise((resolve, reject) => {
    const queue = queues.get(groupId) ?? [];
    queues.set(groupId, queue);
    const announced = kind === "add" && wasAnnounced(RULE.kind, currentOperation()?.token);
    queue.push({ kind, rule, announced, resolve, reject });
    scheduleWrite(conn, groupId);
  });
}

watchAnnouncedCreates(RULE.kind, (inputs) => (typeof inputs.securityGroupId === "string" ? inputs.securityGroupId : undefined));

/** Rule resources of the group the engine has checked as new and not yet sent to create. */
function announcedRules(groupId: string): number {
  return pendingCreates(RULE.kind, groupId);
}

/**
 * How long the next write of a group waits: a short grace when every queued change is an announced add and no
 * other announced rule of the group is still to come, else until changes have been quiet QUIET_MS (deletes and
 * calls from outside the engine come unannounced); never past MAX_WAIT_MS after the first change.
 */
export function writeDelayMs(changes: readonly Pick<Change, "announced">[], stillToCome: number, first: number, now: number): number {
  const wait = stillToCome === 0 && changes.every((c) => c.announced) ? GRACE_MS : QUIET_MS;
  return Math.max(0, Math.min(wait, first + MAX_WAIT_MS - now));
}

/** Starts (or pushes back) the group's next write, so that one write carries the whole burst. */
function scheduleWrite(conn: Connection, groupId: string, first = timers.get(groupId)?.first ?? Date.now()): void {
  const pending = timers.get(groupId);
  if (pending) clearTimeout(pending.timer);
  const delay = writeDelayMs(queues.get(groupId) ?? [], announcedRules(groupId), first, Date.now());
  // setImmediate: requests already received are handled (and queued here) before the write starts.
  const entry: PendingWrite = { first, timer: setTimeout(() => setImmediate(() => due(conn, groupId, entry)), delay) };
  timers.set(groupId, entry);
}

/** The write's wait is over: keep waiting while announced creates of the group are still to come, else write. */
function due(conn: Connection, groupId: string, entry: PendingWrite): void {
  if (timers.get(groupId) !== entry) return;
  if (announcedRules(groupId) > 0 && Date.now() < entry.first + MAX_WAIT_MS) return scheduleWrite(conn, groupId, entry.first);
  timers.delete(groupId);
  void withGroupLock(groupId, () => flush(conn, groupId)).catch(() => undefined);
}

async function flush(conn: Connection, groupId: string): Promise<void> {
  const batch = queues.get(groupId);
  queues.delete(groupId);
  if (!batch?.length) return;
  try {
    const group = await writeBatch(conn, groupId, batch);
    for (const c of batch) c.resolve(group);
  } catch (error) {
    for (const c of batch) c.reject(error);
  }
}

async function writeBatch(conn: Connection, groupId: string, batch: Change[]): Promise<WireGroup | undefined> {
  const what = `${batch.length} rule change(s) in security group ${groupId}`;
  // A conflict means the group changed outside this process since the read: read again and re-apply.
  return retrying("conflictRetries", what, () => writeOnce(conn, groupId, batch, what), isConflict);
}

async function writeOnce(conn: Connection, groupId: string, batch: Change[], what: string): Promise<WireGroup | undefined> {
  const group = await settledGroup(conn, groupId, what);
  if (!group) {
    if (batch.some((c) => c.kind === "add"))
      throw new SecgroupsError("NotFound", { operation: what }, `security group ${groupId} does not exist (or is being deleted)`);
    return undefined;
  }
  const live = liveRules(group);
  const next = applyChanges(live, batch);
  if (sameRules(next, live)) return group;
  log(`${what}: writing ${next.length} rule(s)`);
  await api.updateGroup(conn.client, groupId, { rules: next.map(ruleToWire) });
  return waitSettled(conn, groupId, what);
}

/**
 * The list after the changes, in order (a rule added after being removed goes last); a list left empty falls back to
 * the baseline egress rule (Genesis needs one). Linear in the rules and changes.
 */
export function applyChanges(live: readonly InlineRule[], changes: readonly Pick<Change, "kind" | "rule">[]): InlineRule[] {
  const next: (InlineRule | undefined)[] = [...live];
  const at = new Map<string, number[]>();
  next.forEach((r, i) => {
    const key = ruleKey(r!);
    const where = at.get(key);
    if (where) where.push(i);
    else at.set(key, [i]);
  });
  for (const c of changes) {
    const key = ruleKey(c.rule);
    if (c.kind === "add" && !at.get(key)?.length) {
      at.set(key, [next.length]);
      next.push(c.rule);
    }
    if (c.kind === "remove") {
      for (const i of at.get(key) ?? []) next[i] = undefined;
      at.delete(key);
    }
  }
  const kept = next.filter((r): r is InlineRule => r !== undefined);
  return kept.length ? kept : [BASELINE_RULE];
}
