import { bulkCreateByTuple } from "../core/bulk-create";
import { maxConcurrentRequests, type HttpClient } from "../core/http";
import { deleteIfExists } from "../core/lifecycle";
import { claim, release } from "../core/adopted-ids";
import { reconcileCreate } from "../core/reconcile";
import { matchCreatedRules } from "../core/tuple-match";
import { BatchOutcome, RuleBatcher } from "../core/rule-batcher";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { editableRules, LiveRule, ruleFromWire, ruleKey, ruleToWire, withoutIdentity } from "./marshal";

/** One operation of a `SecurityGroupRule` resource on its group. */
export type RuleOp =
  | { kind: "create"; rule: InlineRule; position?: number }
  | { kind: "delete"; id: string }
  | { kind: "update"; id: string; body: Record<string, unknown> };

/**
 * Scaleway has no bulk rule create, but PUT `/rules` sets the whole editable list (ids kept) in 2 round trips with
 * the read before it, where N POSTs or DELETEs take ceil(N / requests in flight) round trips. Every rule operation of
 * a group in this process goes through one queue, so no POST, PATCH or DELETE of ours runs between that read and the
 * PUT; a burst that POSTs would send in more than 2 round trips goes as one PUT, a smaller one call by call.
 */
const queue = new RuleBatcher<RuleOp, LiveRule | undefined>();
const PUT_ROUND_TRIPS = 2;

/** Runs one rule operation, batched with the others on the group at the same time; resolves with the rule (undefined for a delete). */
export function ruleOp(c: HttpClient, zone: string, groupId: string, op: RuleOp): Promise<LiveRule | undefined> {
  return queue.submit(`${c.baseUrl} ${zone} ${groupId}`, op, {
    what: `rule changes in security group ${groupId}`,
    maxBatch: Number.POSITIVE_INFINITY,
    sendBatch: (ops) => sendAsOnePut(c, zone, groupId, ops),
    sendOne: (o) => sendOne(c, zone, groupId, o),
  });
}

/** Appended creates (no position asked) and deletes: the operations one PUT can carry. */
const bulkable = (o: RuleOp) => o.kind === "delete" || (o.kind === "create" && o.position === undefined);

async function sendAsOnePut(c: HttpClient, zone: string, groupId: string, ops: RuleOp[]): Promise<BatchOutcome<LiveRule | undefined>[]> {
  const carried = ops.filter(bulkable);
  if (Math.ceil(carried.length / maxConcurrentRequests()) <= PUT_ROUND_TRIPS) return ops.map(() => undefined);
  const before = editableRules(await api.listRules(c, zone, groupId));
  const known = new Set(before.map((r) => r.id));
  const deleting = new Set(carried.flatMap((o) => (o.kind === "delete" ? [o.id] : [])));
  const creates = carried.flatMap((o) => (o.kind === "create" ? [o] : []));
  const kept = before.filter((r) => !deleting.has(r.id));
  const body = [
    ...kept.map((r, i) => ruleToWire(withoutIdentity(r), { id: r.id, position: i + 1 })),
    ...creates.map((o, i) => ruleToWire(o.rule, { position: kept.length + i + 1 })),
  ];
  const fresh = (wire: Parameters<typeof editableRules>[0]) => editableRules(wire).filter((r) => !known.has(r.id));
  let answered = false;
  const made = await bulkCreateByTuple({
    what: `security group ${groupId}`,
    ops: creates,
    send: async () => {
      const wire = await api.setRules(c, zone, groupId, body);
      answered = true;
      return fresh(wire);
    },
    list: async () => fresh(await api.listRules(c, zone, groupId)),
    opKey: (o) => ruleKey(o.rule),
    liveKey: ruleKey,
  });
  const byOp = new Map<RuleOp, BatchOutcome<LiveRule | undefined>>(creates.map((o, i) => [o, made[i]]));
  if (answered) for (const id of deleting) release(id);
  // After an unanswered PUT the deletes are sent on their own (a delete of a rule already gone is done).
  return ops.map((o) => (o.kind === "delete" && answered ? { result: undefined } : byOp.get(o)));
}

async function sendOne(c: HttpClient, zone: string, groupId: string, op: RuleOp): Promise<LiveRule | undefined> {
  if (op.kind === "delete") {
    await deleteIfExists(() => api.deleteRule(c, zone, groupId, op.id));
    return void release(op.id);
  }
  if (op.kind === "update") return ruleFromWire(await api.updateRule(c, zone, groupId, op.id, op.body));
  return reconcileCreate({
    what: `rule in security group ${groupId}`,
    create: async () => {
      const made = ruleFromWire(await api.createRule(c, zone, groupId, ruleToWire(op.rule, { position: op.position ?? 0 })));
      claim(made.id);
      return made;
    },
    find: async () => ourRule(editableRules(await api.listRules(c, zone, groupId)), op.rule, op.position),
    idOf: (r) => r.id,
  });
}

/**
 * The rule our POST made, after the answer was lost: the newest editable rule with exactly this tuple (at the
 * position asked for, when one was) that no other rule resource of this process owns. Scaleway allows identical
 * rules, and siblings created in parallel append theirs, so the last rule of the list is not evidence.
 */
function ourRule(live: LiveRule[], rule: InlineRule, position: number | undefined): LiveRule | undefined {
  const candidates = position !== undefined ? live.filter((l) => l.position === position) : live;
  return matchCreatedRules([rule], candidates, (r) => ruleKey(r as InlineRule))[0];
}
