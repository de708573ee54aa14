import { bulkCreateByTuple } from "../core/bulk-create";
import type { HttpClient } from "../core/http";
import { reconcileCreate } from "../core/reconcile";
import { RuleBatcher } from "../core/rule-batcher";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { ruleFromWire, ruleKey, ruleToWire } from "./marshal";
import type { WireRule } from "./wire-schemas";

/**
 * Rule resources created (and dry-run in `check`) at the same time on one group go out as VPC v3 batch-creates of
 * at most 200 rules, the chunks of one burst in parallel; a refused batch falls back to one call per rule, so a bad
 * rule fails only its own resource.
 */
const creates = new RuleBatcher<InlineRule, WireRule>();
const dryRuns = new RuleBatcher<InlineRule, void>(0, Number.POSITIVE_INFINITY);

const liveKey = (w: WireRule) => ruleKey(ruleFromWire(w));

/** Creates one rule of a `SecurityGroupRule` resource, batched with the others created on the group at the same time. */
export function createRuleBatched(c: HttpClient, p: string, groupId: string, rule: InlineRule): Promise<WireRule> {
  return creates.submit(`${c.baseUrl} ${p} ${groupId}`, rule, {
    what: `rule creates in security group ${groupId}`,
    maxBatch: api.BATCH_LIMIT,
    sendBatch: (ops) =>
      bulkCreateByTuple({
        what: `security group ${groupId}`,
        ops,
        send: () =>
          api.batchCreateChunk(
            c,
            p,
            groupId,
            ops.map((r) => ruleToWire(r)),
          ),
        list: () => api.listRules(c, p, groupId),
        opKey: ruleKey,
        liveKey,
      }),
    sendOne: (r) => createOne(c, p, groupId, r),
  });
}

/** The cloud's dry run of one rule's create, batched with the other rules of the group checked at the same time. */
export function dryRunRuleBatched(c: HttpClient, p: string, groupId: string, rule: InlineRule): Promise<void> {
  return dryRuns.submit(`${c.baseUrl} ${p} ${groupId}`, rule, {
    what: `rule dry runs in security group ${groupId}`,
    maxBatch: api.BATCH_LIMIT,
    sendBatch: async (ops) => {
      await api.batchCreateChunk(
        c,
        p,
        groupId,
        ops.map((r) => ruleToWire(r)),
        true,
      );
      return ops.map(() => ({ result: undefined }));
    },
    sendOne: async (r) => {
      await api.createRule(c, p, ruleToWire(r, groupId), true);
    },
  });
}

/** One rule on its own: a duplicate adopts the existing rule, an unanswered POST is looked up before trying again. */
function createOne(c: HttpClient, p: string, groupId: string, rule: InlineRule): Promise<WireRule> {
  const same = (w: WireRule) => liveKey(w) === ruleKey(rule);
  return reconcileCreate({
    what: `rule in security group ${groupId}`,
    create: async () => (await api.createRule(c, p, ruleToWire(rule, groupId)))!,
    adopt: async (existingId) => {
      const w = await api.getRule(c, p, existingId);
      return same(w) ? w : undefined;
    },
    find: async () => (await api.listRules(c, p, groupId)).find(same),
    idOf: (w) => w.id,
  });
}
