import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../../core/check";
import { isConflict, isInUse, isNotFound, SecgroupsError } from "../../core/errors";
import type { HttpClient } from "../../core/http";
import { createIdempotent, deleteIfExists, finishCreate, readIfExists } from "../../core/lifecycle";
import { log } from "../../core/log";
import { withoutUndefined, strip } from "../../core/outputs";
import { planRuleSet, stableKey } from "../../core/rule-set";
import { apiClient, projectId } from "../connection";
import * as api from "./api-client";
import { InlineRule, SecurityGroupInputs, SecurityGroupRuleInputs, ServerSecurityGroupInputs } from "./inputs";
import { groupOutputs, LiveRule, ruleFromWire, ruleKey, rulesWithoutIds, ruleToWire } from "./marshal";
import type { WireGroup, WireRule } from "./wire-schemas";

type Props = Record<string, any>;

/** Live rules of a group; group rules are resolved to ids with one list call, only when there are any. */
async function liveRules(c: HttpClient, p: string, g: WireGroup): Promise<LiveRule[]> {
  const groups = g.rules.some((r) => r.group?.name !== undefined) ? await api.listGroups(c, p) : [];
  return g.rules.map((r) => ruleFromWire(r, groups));
}

/** Creates a rule; a duplicate (400 "already exists") or an unanswered POST adopts the identical live rule. */
async function createRule(c: HttpClient, p: string, parent: string, rule: InlineRule): Promise<LiveRule> {
  const find = async () => (await liveRules(c, p, await api.getGroup(c, p, parent))).find((r) => ruleKey(r) === ruleKey(rule));
  const wire: WireRule | LiveRule = await createIdempotent({
    what: `rule in security group ${parent}`,
    create: () =>
      api.createRule(c, p, ruleToWire(parent, rule)).catch(async (error) => {
        const existing = isConflict(error) ? await find() : undefined;
        if (existing) return existing;
        throw error;
      }),
    find,
  });
  return "parent_group_id" in wire ? ruleFromWire(wire, rule.groupId ? [{ id: rule.groupId, name: wire.group?.name ?? "", tenant_id: wire.group?.tenant_id, rules: [] }] : []) : wire;
}

async function syncRules(c: HttpClient, p: string, groupId: string, desired: InlineRule[], live: LiveRule[]): Promise<LiveRule[]> {
  const plan = planRuleSet(desired, live, ruleKey, ruleKey);
  if (plan.create.length) log(`security group ${groupId}: ${plan.create.length} rule(s) to create, ${plan.remove.length} to delete`);
  const created = await Promise.all(plan.create.map((r) => createRule(c, p, groupId, r)));
  await Promise.all(plan.remove.map((r) => deleteIfExists(() => api.deleteRule(c, p, r.id))));
  return [...plan.keep, ...created];
}

/** `huaweicloud.nova.SecurityGroup`: name and description update in place (both sent, as Nova needs); `rules` own the ingress rule set. */
export const securityGroupProvider: pulumi.dynamic.ResourceProvider = {
  check: async (_olds, news) => checkInputs(SecurityGroupInputs, news),

  async diff(_id, olds: Props, news: Props) {
    const changed = (["name", "description"] as const).filter((f) => (olds[f] ?? null) !== (news[f] ?? null));
    const rulesChanged = news.rules !== undefined && stableKey(sorted(news.rules)) !== stableKey(sorted(olds.rules ?? olds.securityGroupRules ?? []));
    return { changes: changed.length > 0 || rulesChanged, replaces: [] };
  },

  async create(raw: Props) {
    const inputs = SecurityGroupInputs.parse(strip(raw));
    const c = apiClient("ecs");
    const p = projectId();
    const before = new Set<string>();
    const group = await createIdempotent({
      what: `security group ${inputs.name}`,
      create: async () => {
        // Nova has no created_at: remember which same-named groups existed, to recognise ours after a lost answer.
        for (const g of await api.listGroups(c, p)) if (g.name === inputs.name) before.add(g.id);
        return api.createGroup(c, p, { name: inputs.name, description: inputs.description });
      },
      find: async () => (await api.listGroups(c, p)).find((g) => g.name === inputs.name && (g.description ?? "") === inputs.description && !before.has(g.id)),
    });
    let live: LiveRule[] = [];
    const outs = () => withoutUndefined({ ...inputs, ...groupOutputs(group, live), ...(inputs.rules ? { rules: rulesWithoutIds(live) } : {}) });
    const o = await finishCreate(group.id, outs, async () => {
      live = inputs.rules ? await syncRules(c, p, group.id, inputs.rules, await liveRules(c, p, group)) : await liveRules(c, p, group);
      return outs();
    });
    return { id: group.id, outs: o };
  },

  async read(id, props: Props) {
    const c = apiClient("ecs");
    const p = projectId();
    const group = await readIfExists(() => api.getGroup(c, p, id));
    if (!group) return {} as pulumi.dynamic.ReadResult;
    const live = await liveRules(c, p, group);
    const managed = props.rules !== undefined;
    const outs = withoutUndefined({ ...strip(props), ...groupOutputs(group, live), ...(managed ? { rules: rulesWithoutIds(live) } : {}) });
    const inputs = props.securityGroupRules === undefined ? { name: group.name, description: group.description ?? "" } : undefined;
    return { id, props: outs, ...(inputs ? { inputs } : {}) };
  },

  async update(id, olds: Props, news: Props) {
    const inputs = SecurityGroupInputs.parse(strip(news));
    const c = apiClient("ecs");
    const p = projectId();
    let group: WireGroup = { id, name: inputs.name, description: inputs.description, tenant_id: olds.tenantId, rules: [] };
    if (olds.name !== inputs.name || (olds.description ?? "") !== inputs.description) group = await api.updateGroup(c, p, id, { name: inputs.name, description: inputs.description });
    let live: LiveRule[] = olds.securityGroupRules ?? [];
    if (inputs.rules) live = await syncRules(c, p, id, inputs.rules, live);
    return { outs: withoutUndefined({ ...inputs, ...groupOutputs(group, live), ...(inputs.rules ? { rules: rulesWithoutIds(live) } : {}) }) };
  },

  async delete(id) {
    try {
      await deleteIfExists(() => api.deleteGroup(apiClient("ecs"), projectId(), id));
    } catch (error) {
      if (!isInUse(error)) throw error;
      throw new SecgroupsError("InUse", (error as SecgroupsError).context, `security group ${id} is in use by a server; remove it (huaweicloud.nova.ServerSecurityGroup or the ECS console), then run the command again`, { cause: error });
    }
  },
};

/** `huaweicloud.nova.SecurityGroupRule`: an ingress rule; Nova has no rule update, so every change replaces. */
export const securityGroupRuleProvider: pulumi.dynamic.ResourceProvider = {
  check: async (_olds, news) => checkInputs(SecurityGroupRuleInputs, news),

  async diff(_id, olds: Props, news: Props) {
    const replaces = ["parentGroupId", "ipProtocol", "fromPort", "toPort", "cidr", "groupId"].filter((k) => stableKey(olds[k] ?? null) !== stableKey(news[k] ?? null));
    // The whole rule is Nova's duplicate tuple, so a replacement never collides with the old rule.
    return replaces.length ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: false };
  },

  async create(raw: Props) {
    const { parentGroupId, ...rule } = SecurityGroupRuleInputs.parse(strip(raw));
    const live = await createRule(apiClient("ecs"), projectId(), parentGroupId, rule);
    const { id, ...outs } = live;
    return { id, outs: withoutUndefined({ parentGroupId, ...outs }) };
  },

  async read(id, props: Props) {
    const c = apiClient("ecs");
    const p = projectId();
    const group = props.parentGroupId ? await readIfExists(() => api.getGroup(c, p, props.parentGroupId)) : undefined;
    const live = group ? (await liveRules(c, p, group)).find((r) => r.id === id) : undefined;
    if (!live) return {} as pulumi.dynamic.ReadResult;
    const { id: _id, ...rule } = live;
    return { id, props: withoutUndefined({ ...strip(props), parentGroupId: props.parentGroupId, ...rule }) };
  },

  async delete(id) {
    await deleteIfExists(() => api.deleteRule(apiClient("ecs"), projectId(), id));
  },
};

/** `huaweicloud.nova.ServerSecurityGroup`: attaches a group to every port of a server; detaches on delete. */
export const serverSecurityGroupProvider: pulumi.dynamic.ResourceProvider = {
  check: async (_olds, news) => checkInputs(ServerSecurityGroupInputs, news),

  async diff(_id, olds: Props, news: Props) {
    const replaces = ["serverId", "securityGroupName"].filter((k) => olds[k] !== news[k]);
    return replaces.length ? { changes: true, replaces, deleteBeforeReplace: false } : { changes: false };
  },

  async create(raw: Props) {
    const { serverId, securityGroupName } = ServerSecurityGroupInputs.parse(strip(raw));
    const c = apiClient("ecs");
    const p = projectId();
    const attached = async () => (await api.listServerGroups(c, p, serverId)).find((g) => g.name === securityGroupName || g.id === securityGroupName);
    const group =
      (await attached()) ??
      (await createIdempotent({
        what: `security group ${securityGroupName} on server ${serverId}`,
        create: async () => {
          await api.serverAction(c, p, serverId, "addSecurityGroup", securityGroupName);
          return (await attached())!;
        },
        find: attached,
      }));
    return { id: `${serverId}/${group.id}`, outs: { serverId, securityGroupName, securityGroupId: group.id } };
  },

  async read(id, props: Props) {
    const [serverId, groupId] = id.split("/");
    const groups = await readIfExists(() => api.listServerGroups(apiClient("ecs"), projectId(), serverId));
    const group = groups?.find((g) => g.id === groupId);
    if (!group) return {} as pulumi.dynamic.ReadResult;
    const outs = { serverId, securityGroupName: props.securityGroupName ?? group.name, securityGroupId: group.id };
    return { id, props: outs, inputs: { serverId, securityGroupName: outs.securityGroupName } };
  },

  async delete(id) {
    const [serverId, groupId] = id.split("/");
    try {
      await api.serverAction(apiClient("ecs"), projectId(), serverId, "removeSecurityGroup", groupId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  },
};

function sorted(rules: (InlineRule & { id?: string })[]): string[] {
  return rules.map((r) => ruleKey(r)).sort();
}
