import { bulkCreateByTuple } from "../core/bulk-create";
import type { HttpClient } from "../core/http";
import { reconcileCreate } from "../core/reconcile";
import { RuleBatcher } from "../core/rule-batcher";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { ruleFromWire, ruleKey, ruleToWire, withoutId } from "./marshal";
import type { WireRule } from "./wire-schemas";

/**
 * Rule resources created at the same time on one group go out as Neutron bulk POSTs
 * (`{"security_group_rules": [...]}`, one atomic call); a refused bulk POST falls back to one POST per rule.
 */
const creates = new RuleBatcher<InlineRule, WireRule>();

const liveKey = (w: WireRule) => ruleKey(withoutId(ruleFromWire(w)));

/** Creates one rule of a `SecurityGroupRule` resource, batched with the others created on the group at the same time. */
export function createRuleBatched(c: HttpClient, groupId: string, rule: InlineRule): Promise<WireRule> {
  return creates.submit(`${c.baseUrl} ${groupId}`, rule, {
    what: `rule creates in security group ${groupId}`,
    maxBatch: Number.POSITIVE_INFINITY,
    sendBatch: (ops) =>
      bulkCreateByTuple({
        what: `security group ${groupId}`,
        ops,
        send: () =>
          api.createRules(
            c,
            ops.map((r) => ruleToWire(groupId, r)),
          ),
        list: () => api.listRules(c, groupId),
        opKey: ruleKey,
        liveKey,
      }),
    sendOne: (r) => createOne(c, groupId, r),
  });
}

/** One rule on its own: a duplicate adopts the existing rule, an unanswered POST is looked up before trying again. */
function createOne(c: HttpClient, groupId: string, rule: InlineRule): Promise<WireRule> {
  return reconcileCreate({
    what: `rule in security group ${groupId}`,
    create: () => api.createRule(c, ruleToWire(groupId, rule)),
    adopt: (existingId) => api.getRule(c, existingId),
    find: async () => (await api.listRules(c, groupId)).find((w) => liveKey(w) === ruleKey(rule)),
    idOf: (w) => w.id,
  });
}
