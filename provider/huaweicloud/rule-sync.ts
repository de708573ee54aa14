import type { HttpClient } from "../core/http";
import { isNotFound } from "../core/errors";
import { syncRuleSet } from "../core/rule-sync";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { collisionKey, LiveRule, ruleFromWire, ruleKey, ruleToWire } from "./marshal";

/** Makes the group's rules exactly `desired` with VPC v3 batch-create (see `syncRuleSet`). */
export async function syncRules(
  c: HttpClient,
  project: string,
  groupId: string,
  desired: InlineRule[],
  live: LiveRule[],
  options: { fresh?: boolean } = {},
): Promise<LiveRule[]> {
  const result = await syncRuleSet<InlineRule, LiveRule>(
    {
      what: `security group ${groupId}`,
      key: ruleKey,
      collisionKey,
      create: async (rules) =>
        (
          await api.batchCreateRules(
            c,
            project,
            groupId,
            rules.map((r) => ruleToWire(r)),
          )
        ).map(ruleFromWire),
      remove: (rule) => api.deleteRule(c, project, rule.id),
      list: async () => (await api.listRules(c, project, groupId)).map(ruleFromWire),
    },
    desired,
    live,
    options,
  );
  return result as LiveRule[];
}

export async function deleteRules(c: HttpClient, project: string, rules: LiveRule[]): Promise<void> {
  await Promise.all(rules.map((r) => api.deleteRule(c, project, r.id).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)))));
}
