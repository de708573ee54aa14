import { kindProvider } from "../limits";
import { isInUse, isNotFound, SecgroupsError } from "../../core/errors";
import { changedKeys, replacedKeys } from "../../core/kind";
import { hasInlineRules, storedOnce } from "../../core/inline-rules";
import { deleteIfExists, finishCreate, readIfExists } from "../../core/lifecycle";
import { reconcileCreate } from "../../core/reconcile";
import { firstCandidate, GroupSummary, UnconfirmedLookup } from "../../core/unconfirmed-create";
import { stableKey } from "../../core/rule-set";
import { at, connect } from "../connection";
import * as api from "./api-client";
import type { InlineRule } from "./inputs";
import { GROUP, RULE, SERVER_GROUP } from "./kinds";
import { groupOutputs, LiveRule, ruleKey } from "./marshal";
import { createRule, liveRules, syncRules } from "./rule-sync";
import type { WireGroup } from "./wire-schemas";

const summary = (g: WireGroup): GroupSummary => ({ id: g.id, name: g.name, description: g.description ?? "" });

/** `huaweicloud.nova.SecurityGroup`: name and description update in place (both sent, as Nova needs); `rules` own the ingress rule set. */
export const securityGroupProvider = kindProvider(GROUP, {
  async diff(_id, olds, news) {
    const changed = changedKeys(["name", "description"], olds, news);
    const rulesChanged =
      news.rules !== undefined && stableKey(sorted(news.rules)) !== stableKey(sorted(olds.rules ?? olds.securityGroupRules ?? []));
    return { changes: changed.length > 0 || rulesChanged, replaces: [] };
  },

  async create(inputs) {
    const { client: c, projectId: p } = connect("ecs");
    // Nova has no created_at: the same-named groups that existed before the create tell ours apart after a lost answer.
    const lookup: UnconfirmedLookup = { name: inputs.name, description: inputs.description, notAmong: [] };
    const group = await reconcileCreate({
      what: `security group ${inputs.name}`,
      create: async () => {
        lookup.notAmong = (await api.listGroups(c, p)).filter((g) => g.name === inputs.name).map((g) => g.id);
        return api.createGroup(c, p, { name: inputs.name, description: inputs.description });
      },
      find: async () => firstCandidate(lookup, await api.listGroups(c, p), summary),
      unconfirmed: () => lookup,
    });
    let live: LiveRule[] = [];
    const outs = () => storedOnce({ ...inputs, ...groupOutputs(group, live) }, inputs.rules !== undefined);
    const o = await finishCreate(group.id, outs, async () => {
      live = inputs.rules ? await syncRules(c, p, group.id, inputs.rules, await liveRules(c, p, group)) : await liveRules(c, p, group);
      return outs();
    });
    return { id: group.id, outs: o };
  },

  async read(id, props) {
    const { client: c, projectId: p } = connect("ecs");
    const group = await readIfExists(() => api.getGroup(c, p, id));
    if (!group) return undefined;
    const live = await liveRules(c, p, group);
    const outs = storedOnce({ ...props, ...groupOutputs(group, live) }, hasInlineRules(props));
    const inputs = props.securityGroupRules === undefined ? { name: group.name, description: group.description ?? "" } : undefined;
    return { props: outs, ...(inputs ? { inputs } : {}) };
  },
  async update(id, olds, inputs) {
    const { client: c, projectId: p } = connect("ecs");
    let group: WireGroup = { id, name: inputs.name, description: inputs.description, tenant_id: olds.tenantId, rules: [] };
    if (olds.name !== inputs.name || (olds.description ?? "") !== inputs.description)
      group = await api.updateGroup(c, p, id, { name: inputs.name, description: inputs.description });
    let live: LiveRule[] = olds.securityGroupRules ?? [];
    if (inputs.rules) live = await syncRules(c, p, id, inputs.rules, live);
    return storedOnce({ ...inputs, ...groupOutputs(group, live) }, inputs.rules !== undefined);
  },

  async groupsNamed(name) {
    return (await api.listGroups(...at(connect("ecs")))).filter((g) => g.name === name).map(summary);
  },

  async delete(id) {
    try {
      await deleteIfExists(() => api.deleteGroup(...at(connect("ecs")), id));
    } catch (error) {
      if (!isInUse(error)) throw error;
      const detail = `security group ${id} is in use by a server; remove it (huaweicloud.nova.ServerSecurityGroup or the ECS console), then run the command again`;
      throw new SecgroupsError("InUse", (error as SecgroupsError).context, detail, {
        cause: error,
        cloudMessage: (error as SecgroupsError).cloudMessage,
      });
    }
  },
});

/** `huaweicloud.nova.SecurityGroupRule`: an ingress rule; Nova has no rule update, so every change replaces. */
export const securityGroupRuleProvider = kindProvider(RULE, {
  async diff(_id, olds, news) {
    const replaces = replacedKeys(RULE, olds, news);
    // The whole rule is Nova's duplicate tuple, so a replacement never collides with the old rule.
    return replaces.length ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: false };
  },

  async create(inputs) {
    const { parentGroupId, ...rule } = inputs;
    const live = await createRule(...at(connect("ecs")), parentGroupId, rule);
    const { id, ...outs } = live;
    return { id, outs: { parentGroupId, ...outs } };
  },
  async read(id, props) {
    const { client: c, projectId: p } = connect("ecs");
    const parent = props.parentGroupId;
    const group = parent ? await readIfExists(() => api.getGroup(c, p, parent)) : undefined;
    const live = group ? (await liveRules(c, p, group)).find((r) => r.id === id) : undefined;
    if (!live) return undefined;
    const { id: _id, ...rule } = live;
    return { props: { ...props, parentGroupId: parent, ...rule } };
  },

  async delete(id) {
    await deleteIfExists(() => api.deleteRule(...at(connect("ecs")), id));
  },
});

/** `huaweicloud.nova.ServerSecurityGroup`: attaches a group to every port of a server; detaches on delete. */
export const serverSecurityGroupProvider = kindProvider(SERVER_GROUP, {
  async diff(_id, olds, news) {
    const replaces = replacedKeys(SERVER_GROUP, olds, news);
    return replaces.length ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: false };
  },

  async create(inputs) {
    const { serverId, securityGroupName } = inputs;
    const { client: c, projectId: p } = connect("ecs");
    const attached = async () =>
      (await api.listServerGroups(c, p, serverId)).find((g) => g.name === securityGroupName || g.id === securityGroupName);
    const group =
      (await attached()) ??
      (await reconcileCreate({
        what: `security group ${securityGroupName} on server ${serverId}`,
        create: async () => {
          await api.serverAction(c, p, serverId, "addSecurityGroup", securityGroupName);
          return (await attached())!;
        },
        find: attached,
      }));
    return { id: `${serverId}/${group.id}`, outs: { serverId, securityGroupName, securityGroupId: group.id } };
  },

  async read(id, props) {
    const [serverId, groupId] = id.split("/");
    const groups = await readIfExists(() => api.listServerGroups(...at(connect("ecs")), serverId));
    const group = groups?.find((g) => g.id === groupId);
    if (!group) return undefined;
    const outs = { serverId, securityGroupName: props.securityGroupName ?? group.name, securityGroupId: group.id };
    return { props: outs, inputs: { serverId, securityGroupName: outs.securityGroupName } };
  },

  async delete(id) {
    const [serverId, groupId] = id.split("/");
    try {
      await api.serverAction(...at(connect("ecs")), serverId, "removeSecurityGroup", groupId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  },
});

function sorted(rules: (InlineRule & { id?: string })[]): string[] {
  return rules.map((r) => ruleKey(r)).sort();
}

export const providers = {
  SecurityGroup: securityGroupProvider,
  SecurityGroupRule: securityGroupRuleProvider,
  ServerSecurityGroup: serverSecurityGroupProvider,
};
