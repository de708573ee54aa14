import { kindProvider } from "./limits";
import type { CheckFailure } from "../core/check";
import { isConflict, isNotFound, PartialCreateError, PartialUpdateError, SecgroupsError } from "../core/errors";
import { changedKeys, InputsOf, OutputsOf, replacedKeys } from "../core/kind";
import { hasInlineRules as storesInlineRules, storedOnce } from "../core/inline-rules";
import { finishCreate, readIfExists } from "../core/lifecycle";
import { reconcileCreate } from "../core/reconcile";
import { firstCandidate, GroupSummary, UnconfirmedLookup } from "../core/unconfirmed-create";
import { limits, retrying } from "../core/operation";
import { withoutUndefined } from "../core/outputs";
import * as api from "./api-client";
import { connect, Connection } from "./connection";
import { InlineRule, NO_SOURCE_REASON, SOURCE_ARGUMENTS } from "./inputs";
import { GROUP, RULE } from "./kinds";
import { BASELINE_RULE, groupOutputs, liveRules, parseRuleId, ruleId, ruleKey, ruleToWire, sameRules, statusOf } from "./marshal";
import { withGroupLock } from "../core/group-lock";
import { changeRule } from "./rule-sync";
import { fightError, hasInlineRules, noteGroupMode } from "./rule-modes";
import { groupInErrorState, SETTLED, waitGone, waitSettled } from "./settle";
import type { WireGroup } from "./wire-schemas";

type GroupInputs = InputsOf<typeof GROUP>;
type GroupOutputs = OutputsOf<typeof GROUP>;

/** `genesiscloud.SecurityGroup`: name, description and rules update in place (one PATCH); region replaces. */
export const securityGroupProvider = kindProvider(GROUP, {
  async check(_olds, news, validate) {
    const rules: unknown[] = Array.isArray(news.rules) ? news.rules : [];
    const source = rules.flatMap((r, i) => sourceFailures(r, `rules.${i}.`));
    if (!source.length) return validate(news);
    const checked = validate({ ...news, rules: rules.map(withoutSource) });
    return { inputs: news, failures: [...source, ...checked.failures] };
  },

  async diff(_id, olds, news) {
    const replaces = replacedKeys(GROUP, olds, news);
    const changed = changedKeys(
      ["name", "description"],
      { name: olds.name, description: olds.description ?? "" },
      { name: news.name, description: news.description ?? "" },
    );
    const rulesChanged =
      news.rules !== undefined && (!Array.isArray(news.rules) || !sameRules(news.rules, olds.rules ?? olds.liveRules ?? []));
    const modeChanged = (news.rules === undefined) === storesInlineRules(olds);
    const failed = olds.status === "error";
    return {
      changes: replaces.length > 0 || changed.length > 0 || rulesChanged || modeChanged || failed,
      replaces,
      deleteBeforeReplace: false,
    };
  },

  async create(inputs) {
    const conn = connect();
    const what = `create security group ${inputs.name}`;
    const body = {
      name: inputs.name,
      description: inputs.description ?? "",
      region: inputs.region ?? conn.region,
      rules: (inputs.rules ?? [BASELINE_RULE]).map(ruleToWire),
    };
    const lookup: UnconfirmedLookup = {
      name: body.name,
      description: body.description,
      ...(body.region ? { region: body.region } : {}),
      createdSince: Date.now(),
    };
    const identical = (g: WireGroup) =>
      g.name === body.name &&
      (g.description ?? "") === body.description &&
      sameRules(liveRules(g), inputs.rules ?? [BASELINE_RULE]) &&
      (!body.region || g.region === body.region);
    const group = await reconcileCreate({
      what: `security group ${inputs.name}`,
      create: async () => {
        try {
          return await api.createGroup(conn.client, body);
        } catch (error) {
          if (!isConflict(error)) throw error;
          const same = (await api.listGroups(conn.client)).find(identical);
          if (same) return same;
          throw new SecgroupsError(
            "Conflict",
            { operation: what },
            `a security group named "${inputs.name}" already exists with other settings; import it or choose another name`,
            { cause: error },
          );
        }
      },
      find: async () => firstCandidate(lookup, (await api.listGroups(conn.client)).filter(identical), summary),
      unconfirmed: () => lookup,
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

  async read(id, props) {
    const conn = connect();
    const group = await readIfExists(() => api.getGroup(conn.client, id));
    if (!group || statusOf(group) === "deleting") return undefined;
    const inline = storesInlineRules(props);
    noteGroupMode(id, inline);
    const outs = storedOnce({ ...props, ...groupOutputs(group) }, inline);
    const importing = props.liveRules === undefined;
    const inputs = importing ? { name: group.name, description: group.description ?? "", region: group.region ?? undefined } : undefined;
    return { props: outs, ...(inputs ? { inputs } : {}) };
  },

  async update(id, _olds, inputs) {
    noteGroupMode(id, inputs.rules !== undefined);
    const conn = connect();
    const what = `update security group ${id}`;
    // Without inline rules the list is left alone (PATCH keeps it), so rule resources' writes are never undone.
    const body = {
      name: inputs.name,
      description: inputs.description ?? "",
      ...(inputs.rules ? { rules: inputs.rules.map(ruleToWire) } : {}),
    };
    const group = await withGroupLock(id, async () => {
      await patchWhenSettled(conn, id, body, what);
      return waitSettled(conn, id, what);
    });
    const outs = groupProps(inputs, group);
    if (statusOf(group) === "error") throw new PartialUpdateError(id, outs, [groupInErrorState(id, what).message]);
    return outs;
  },

  async groupsNamed(name) {
    return (await api.listGroups(connect().client)).filter((g) => g.name === name).map(summary);
  },

  async delete(id) {
    const conn = connect();
    const what = `delete security group ${id}`;
    await withGroupLock(id, async () => {
      if ((await deleteWhenSettled(conn, id, what)) === "deleting") await waitGone(conn, id, what);
    });
    noteGroupMode(id, false);
  },
});

/** PATCHes the group; a 409 because a change is still under way waits for it to settle and tries again (the operation's `conflictRetries`). */
async function patchWhenSettled(conn: Connection, id: string, body: Parameters<typeof api.updateGroup>[2], what: string): Promise<void> {
  await retrying(
    "conflictRetries",
    what,
    () => api.updateGroup(conn.client, id, body),
    isConflict,
    () => waitSettled(conn, id, what),
  );
}

/** A 409 on delete while the group is still changing: wait for it to settle and delete again. */
class StillChanging extends Error {}

/**
 * Deletes the group: "gone" when it already is, "deleting" when Genesis took the delete. A 409 while a change is
 * under way waits for the group to settle and tries again (the operation's `conflictRetries`); a 409 on a settled
 * group, or on the last try, means it is in use.
 */
async function deleteWhenSettled(conn: Connection, id: string, what: string): Promise<"gone" | "deleting"> {
  return retrying(
    "conflictRetries",
    what,
    async (n) => {
      try {
        await api.deleteGroup(conn.client, id);
        return "deleting";
      } catch (error) {
        if (isNotFound(error)) return "gone";
        if (!isConflict(error)) throw error;
        const g = await readIfExists(() => api.getGroup(conn.client, id));
        if (!g) return "gone";
        if (statusOf(g) === "deleting") return "deleting";
        if (SETTLED.has(statusOf(g)) || n >= limits().conflictRetries - 1) {
          const cloudSaid = (error as SecgroupsError).cloudMessage;
          throw new SecgroupsError(
            "InUse",
            (error as SecgroupsError).context,
            `security group ${id} is in use: ${cloudSaid}; then run the command again`,
            {
              cause: error,
              cloudMessage: cloudSaid,
            },
          );
        }
        throw new StillChanging(what, { cause: error });
      }
    },
    (error) => error instanceof StillChanging,
    () => waitSettled(conn, id, what),
  );
}

/** Outputs of a group: canonical inputs and the cloud's fields; `liveRules` (so drift shows) is the only copy of the rules. */
const summary = (g: WireGroup): GroupSummary => ({
  id: g.id,
  name: g.name,
  description: g.description ?? "",
  region: g.region ?? undefined,
  createdAt: g.created_at ?? undefined,
});

function groupProps(inputs: GroupInputs, g: WireGroup): GroupOutputs {
  return withoutUndefined(storedOnce({ ...inputs, ...groupOutputs(g) }, inputs.rules !== undefined)) as GroupOutputs;
}

/** `genesiscloud.SecurityGroupRule`: one entry of the group's rule list; any change replaces it. */
export const securityGroupRuleProvider = kindProvider(RULE, {
  async check(_olds, news, validate) {
    const source = sourceFailures(news, "");
    if (!source.length) return validate(news);
    return { inputs: news, failures: [...source, ...validate(withoutSource(news) as Record<string, unknown>).failures] };
  },

  async diff(_id, olds, news) {
    if (typeof news.securityGroupId === "string" && hasInlineRules(news.securityGroupId))
      throw fightError(news.securityGroupId, "diff security group rule");
    const replaces = replacedKeys(RULE, olds, news);
    return replaces.length ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: false };
  },

  async create(inputs) {
    const { securityGroupId, ...rule } = inputs;
    if (hasInlineRules(securityGroupId)) throw fightError(securityGroupId, "create security group rule");
    const group = await changeRule(connect(), securityGroupId, "add", rule);
    const id = ruleId(securityGroupId, rule);
    const outs = { ...inputs, groupStatus: group ? statusOf(group) : undefined };
    if (group && statusOf(group) === "error")
      throw new PartialCreateError(id, outs, [groupInErrorState(securityGroupId, `add rule ${id}`).message]);
    return { id, outs };
  },

  async read(id, props) {
    const target = ruleTarget(id, props);
    if (!target) return undefined;
    const group = await readIfExists(() => api.getGroup(connect().client, target.securityGroupId));
    if (!group || statusOf(group) === "deleting" || !liveRules(group).some((r) => ruleKey(r) === ruleKey(target.rule))) return undefined;
    const canonical = { securityGroupId: target.securityGroupId, ...target.rule };
    return { props: { ...props, ...canonical, groupStatus: statusOf(group) }, inputs: canonical };
  },

  async delete(id, props) {
    const target = ruleTarget(id, props);
    if (!target) return;
    // The group's inline list owns its rules: leave it to the group.
    if (hasInlineRules(target.securityGroupId)) return;
    const group = await changeRule(connect(), target.securityGroupId, "remove", target.rule);
    if (group && statusOf(group) === "error") throw groupInErrorState(target.securityGroupId, `remove rule ${id}`);
  },
});

/** The group and canonical rule a rule resource stands for: from its outputs, or from its id (import). */
function ruleTarget(id: string, props: Partial<OutputsOf<typeof RULE>>): { securityGroupId: string; rule: InlineRule } | undefined {
  if (typeof props.securityGroupId === "string" && typeof props.protocol === "string" && typeof props.direction === "string") {
    return {
      securityGroupId: props.securityGroupId,
      rule: {
        protocol: props.protocol,
        direction: props.direction,
        portRangeMin: props.portRangeMin ?? null,
        portRangeMax: props.portRangeMax ?? null,
      },
    };
  }
  return parseRuleId(id);
}

/** One failure per argument Genesis cannot honour (a source or destination address), named specifically. */
function sourceFailures(value: unknown, prefix: string): CheckFailure[] {
  if (!value || typeof value !== "object") return [];
  return SOURCE_ARGUMENTS.filter((k) => k in value).map((k) => ({ property: `${prefix}${k}`, reason: NO_SOURCE_REASON }));
}

function withoutSource(value: unknown): unknown {
  return value && typeof value === "object"
    ? Object.fromEntries(Object.entries(value).filter(([k]) => !SOURCE_ARGUMENTS.includes(k)))
    : value;
}

export const providers = { SecurityGroup: securityGroupProvider, SecurityGroupRule: securityGroupRuleProvider };
