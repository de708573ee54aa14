import type { HttpClient } from "../core/http";
import { syncRuleSet } from "../core/rule-sync";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { collisionKey, LiveRule, ruleFromWire, ruleKey, ruleToWire } from "./marshal";

/** Makes the group's rules exactly `desired` with Neutron's bulk create (see `syncRuleSet`). */
export async function syncRules(
  c: HttpClient,
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
          await api.createRules(
            c,
            rules.map((r) => ruleToWire(groupId, r)),
          )
        ).map(ruleFromWire),
      remove: (rule) => api.deleteRule(c, rule.id),
      list: async () => (await api.listRules(c, groupId)).map(ruleFromWire),
    },
    desired,
    live,
    options,
  );
  return result as LiveRule[];
}

/** The two rules Neutron adds to every new group: egress to anywhere, IPv4 and IPv6. */
export function isDefaultEgress(r: InlineRule): boolean {
  return (
    r.direction === "egress" &&
    r.protocol === null &&
    r.remoteGroupId === null &&
    r.remoteIpPrefix?.endsWith("/0") === true &&
    r.portRangeMin === null
  );
}
