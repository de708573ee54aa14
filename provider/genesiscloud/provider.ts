import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, CheckFailure } from "../core/check";
import { isConflict, isNotFound, PartialCreateError, SecgroupsError } from "../core/errors";
import { createIdempotent, finishCreate, readIfExists } from "../core/lifecycle";
import { withoutUndefined, strip } from "../core/outputs";
import { stableKey } from "../core/rule-set";
import * as api from "./api-client";
import { connect, Connection } from "./connection";
import { PartialUpdateError } from "./errors";
import { InlineRule, NO_SOURCE_REASON, SecurityGroupInputs, SecurityGroupRuleInputs, SOURCE_ARGUMENTS } from "./inputs";
import { BASELINE_RULE, groupOutputs, liveRules, parseRuleId, ruleId, ruleKey, ruleToWire, sameRules, statusOf } from "./marshal";
import { changeRule, withGroupLock } from "./rule-writer";
import { fightError, hasInlineRules, noteGroupMode } from "./rule-modes";
import { groupInErrorState, SETTLED, waitGone, waitSettled } from "./settle";
import type { WireGroup } from "./wire-schemas";

type Props = Record<string, any>;

/** `genesiscloud.SecurityGroup`: name, description and rules update in place (one PATCH); region replaces. */
export const securityGroupProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news: Props) {
    const rules = Array.isArray(news.rules) ? news.rules : [];
    const source = rules.flatMap((r: unknown, i: number) => sourceFailures(r, `rules.${i}.`));
    if (!source.length) return checkInputs(SecurityGroupInputs, news);
    const checked = checkInputs(SecurityGroupInputs, { ...news, rules: rules.map(withoutSource) });
    return { inputs: news, failures: [...source, ...checked.failures] };
  },

  async diff(id, olds: Props, news: Props) {
    if (news.rules !== undefined) noteGroupMode(id, true);
    const replaces = news.region !== undefined && olds.region !== undefined && news.region !== olds.region ? ["region"] : [];
    const changed = ["name", "description"].filter((f) => (olds[f] ?? "") !== (news[f] ?? ""));
    const rulesChanged = news.rules !== undefined && (!Array.isArray(news.rules) || !sameRules(news.rules, olds.rules ?? olds.liveRules ?? []));
    const modeChanged = (news.rules === undefined) !== (olds.rules === undefined);
    const failed = olds.status === "error";
    return { changes: replaces.length > 0 || changed.length > 0 || rulesChanged || modeChanged || failed, replaces, deleteBeforeReplace: false };
  },

  async create(raw: Props) {
    const inputs = SecurityGroupInputs.parse(strip(raw));
    const conn = connect();
    const what = `create security group ${inputs.name}`;
    const body = { name: inputs.name, description: inputs.description ?? "", region: inputs.region ?? conn.region, rules: (inputs.rules ?? [BASELINE_RULE]).map(ruleToWire) };
    const startedAt = Date.now();
    const identical = (g: WireGroup) => g.name === body.name && (g.description ?? "") === body.description && sameRules(liveRules(g), inputs.rules ?? [BASELINE_RULE]) && (!body.region || g.region === body.region);
    const group = await createIdempotent({
      what: `security group ${inputs.name}`,
      create: async () => {
        try {
          return await api.createGroup(conn.client, body);
        } catch (error) {
          if (!isConflict(error)) throw error;
          const same = (await api.listGroups(conn.client)).find(identical);
          if (same) return same;
          throw new SecgroupsError("Conflict", { operation: what }, `a security group named "${inputs.name}" already exists with other settings; import it or choose another name`, { cause: error });
        }
      },
      find: async () => (await api.listGroups(conn.client)).find((g) => identical(g) && Date.parse(g.created_at ?? "0") >= startedAt - 60_000),
    });
    noteGroupMode(group.id, inputs.rules !== undefined);
    let latest = group;
    const outs = () => groupProps(inputs, latest);
    const finished = await finishCreate(group.id, outs, async () => {
      latest = await waitSettled(conn, group.id, what);
      if (statusOf(latest) === "error") throw groupInErrorState(group.id, what);
      return outs();
    });
    return { id: group.id, outs: finished };
  },

  async read(id, props: Props) {
    const conn = connect();
    const group = await readIfExists(() => api.getGroup(conn.client, id));
    if (!group || statusOf(group) === "deleting") return {} as pulumi.dynamic.ReadResult;
    const inline = props.rules !== undefined;
    noteGroupMode(id, inline);
    const outs = withoutUndefined({ ...strip(props), ...groupOutputs(group), ...(inline ? { rules: liveRules(group) } : {}) });
    const importing = props.liveRules === undefined;
    const inputs = importing ? withoutUndefined({ name: group.name, description: group.description ?? "", region: group.region ?? undefined }) : undefined;
    return { id, props: outs, ...(inputs ? { inputs } : {}) };
  },

  async update(id, olds: Props, news: Props) {
    const inputs = SecurityGroupInputs.parse(strip(news));
    noteGroupMode(id, inputs.rules !== undefined);
    const conn = connect();
    const what = `update security group ${id}`;
    // Without inline rules the list is left alone (PATCH keeps it), so rule resources' writes are never undone.
    const body = { name: inputs.name, description: inputs.description ?? "", ...(inputs.rules ? { rules: inputs.rules.map(ruleToWire) } : {}) };
    const group = await withGroupLock(id, async () => {
      await patchWhenSettled(conn, id, body, what);
      return waitSettled(conn, id, what);
    });
    const outs = groupProps(inputs, group);
    if (statusOf(group) === "error") throw new PartialUpdateError(id, outs, [groupInErrorState(id, what).message]);
    return { outs };
  },

  async delete(id) {
    const conn = connect();
    const what = `delete security group ${id}`;
    await withGroupLock(id, async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await api.deleteGroup(conn.client, id);
          break;
        } catch (error) {
          if (isNotFound(error)) return;
          if (!isConflict(error)) throw error;
          const g = await readIfExists(() => api.getGroup(conn.client, id));
          if (!g) return;
          if (statusOf(g) === "deleting") break;
          if (SETTLED.has(statusOf(g)) || attempt >= 2) {
            throw new SecgroupsError("InUse", (error as SecgroupsError).context, `security group ${id} is in use: ${(error as Error).message.replace(/^.*?\): /, "")}; then run the command again`, { cause: error });
          }
          await waitSettled(conn, id, what);
        }
      }
      await waitGone(conn, id, what);
    });
    noteGroupMode(id, false);
  },
};

/** PATCHes the group; a 409 because a change is still under way waits for it to settle and tries once more. */
async function patchWhenSettled(conn: Connection, id: string, body: Parameters<typeof api.updateGroup>[2], what: string): Promise<void> {
  try {
    await api.updateGroup(conn.client, id, body);
  } catch (error) {
    if (!isConflict(error)) throw error;
    await waitSettled(conn, id, what);
    await api.updateGroup(conn.client, id, body);
  }
}

/** Outputs of a group: canonical inputs, the cloud's fields, and `rules` (live, so drift shows) when inline. */
function groupProps(inputs: { rules?: unknown }, g: WireGroup): Record<string, unknown> {
  return withoutUndefined({ ...inputs, ...groupOutputs(g), ...(inputs.rules !== undefined ? { rules: liveRules(g) } : {}) });
}

/** `genesiscloud.SecurityGroupRule`: one entry of the group's rule list; any change replaces it. */
export const securityGroupRuleProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news: Props) {
    const source = sourceFailures(news, "");
    if (!source.length) return checkInputs(SecurityGroupRuleInputs, news);
    return { inputs: news, failures: [...source, ...checkInputs(SecurityGroupRuleInputs, withoutSource(news)).failures] };
  },

  async diff(_id, olds: Props, news: Props) {
    if (typeof news.securityGroupId === "string" && hasInlineRules(news.securityGroupId)) throw fightError(news.securityGroupId, "diff security group rule");
    const keys = ["securityGroupId", "protocol", "direction", "portRangeMin", "portRangeMax"];
    const replaces = keys.filter((k) => stableKey(olds[k] ?? null) !== stableKey(news[k] ?? null));
    return replaces.length ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: false };
  },

  async create(raw: Props) {
    const inputs = SecurityGroupRuleInputs.parse(strip(raw));
    const { securityGroupId, ...rule } = inputs;
    if (hasInlineRules(securityGroupId)) throw fightError(securityGroupId, "create security group rule");
    const group = await changeRule(connect(), securityGroupId, "add", rule);
    const id = ruleId(securityGroupId, rule);
    const outs = withoutUndefined({ ...inputs, groupStatus: group ? statusOf(group) : undefined });
    if (group && statusOf(group) === "error") throw new PartialCreateError(id, outs, [groupInErrorState(securityGroupId, `add rule ${id}`).message]);
    return { id, outs };
  },

  async read(id, props: Props) {
    const target = ruleTarget(id, props);
    if (!target) return {} as pulumi.dynamic.ReadResult;
    const group = await readIfExists(() => api.getGroup(connect().client, target.securityGroupId));
    if (!group || statusOf(group) === "deleting" || !liveRules(group).some((r) => ruleKey(r) === ruleKey(target.rule))) return {} as pulumi.dynamic.ReadResult;
    const canonical = { securityGroupId: target.securityGroupId, ...target.rule };
    return { id, props: withoutUndefined({ ...strip(props), ...canonical, groupStatus: statusOf(group) }), inputs: canonical };
  },

  async delete(id, props: Props) {
    const target = ruleTarget(id, props);
    if (!target) return;
    // The group's inline list owns its rules: leave it to the group.
    if (hasInlineRules(target.securityGroupId)) return;
    const group = await changeRule(connect(), target.securityGroupId, "remove", target.rule);
    if (group && statusOf(group) === "error") throw groupInErrorState(target.securityGroupId, `remove rule ${id}`);
  },
};

/** The group and canonical rule a rule resource stands for: from its outputs, or from its id (import). */
function ruleTarget(id: string, props: Props): { securityGroupId: string; rule: InlineRule } | undefined {
  if (typeof props.securityGroupId === "string" && typeof props.protocol === "string" && typeof props.direction === "string") {
    return { securityGroupId: props.securityGroupId, rule: { protocol: props.protocol, direction: props.direction, portRangeMin: props.portRangeMin ?? null, portRangeMax: props.portRangeMax ?? null } as InlineRule };
  }
  return parseRuleId(id);
}

/** One failure per argument Genesis cannot honour (a source or destination address), named specifically. */
function sourceFailures(value: unknown, prefix: string): CheckFailure[] {
  if (!value || typeof value !== "object") return [];
  return SOURCE_ARGUMENTS.filter((k) => k in value).map((k) => ({ property: `${prefix}${k}`, reason: NO_SOURCE_REASON }));
}

function withoutSource(value: any): any {
  return value && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([k]) => !SOURCE_ARGUMENTS.includes(k))) : value;
}
