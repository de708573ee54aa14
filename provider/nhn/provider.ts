import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../core/check";
import { SecgroupsError, isInUse } from "../core/errors";
import { createIdempotent, deleteIfExists, finishCreate, readIfExists } from "../core/lifecycle";
import { stableKey } from "../core/rule-set";
import { withoutUndefined, strip } from "../core/outputs";
import type { HttpClient } from "../core/http";
import * as api from "./api-client";
import { networkClient } from "./connection";
import { InlineRule, SecurityGroupInputs, SecurityGroupRuleInputs } from "./inputs";
import { collisionKey, groupOutputs, LiveRule, ruleFromWire, ruleKey, ruleToWire, rulesWithoutIds } from "./marshal";
import { isDefaultEgress, syncRules } from "./rule-sync";

type Props = Record<string, any>;

/** `nhn.SecurityGroup`: name and description update in place; inline `rules`, when given, own the whole rule set. */
export const securityGroupProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return checkInputs(SecurityGroupInputs, news);
  },

  async diff(_id, olds: Props, news: Props) {
    const fields = ["name", "description", "deleteDefaultRules"] as const;
    const changed = fields.filter((f) => (olds[f] ?? null) !== (news[f] ?? null));
    const rulesChanged = news.rules !== undefined && stableKey(sortedRules(news.rules)) !== stableKey(sortedRules(olds.rules ?? olds.securityGroupRules ?? []));
    return { changes: changed.length > 0 || rulesChanged, replaces: [] };
  },

  async create(raw: Props) {
    const inputs = SecurityGroupInputs.parse(strip(raw));
    const c = await networkClient();
    const description = inputs.description ?? "";
    // NHN's guide shows no creation time, so a group this create made is one that was not there before it.
    const before = new Set((await api.listGroupsByName(c, inputs.name)).map((g) => g.id));
    const group = await createIdempotent({
      what: `security group ${inputs.name}`,
      create: () => api.createGroup(c, { name: inputs.name, description }),
      find: async () => (await api.listGroupsByName(c, inputs.name)).find((g) => (g.description ?? "") === description && !before.has(g.id)),
    });
    let live = group.security_group_rules.map(ruleFromWire);
    const outs = () => withoutUndefined({ ...inputs, ...groupOutputs(group, live), ...(inputs.rules ? { rules: rulesWithoutIds(live) } : {}) });
    return finishCreate(group.id, outs, async () => {
      live = await applyDesiredRules(c, group.id, inputs, live, { fresh: true });
      return outs();
    }).then((o) => ({ id: group.id, outs: o }));
  },

  async read(id, props: Props) {
    const c = await networkClient();
    const group = await readIfExists(() => api.getGroup(c, id));
    if (!group) return {} as pulumi.dynamic.ReadResult;
    const live = group.security_group_rules.map(ruleFromWire);
    const managed = props.rules !== undefined;
    const outs = withoutUndefined({ ...strip(props), ...groupOutputs(group, live), ...(managed ? { rules: rulesWithoutIds(live) } : {}) });
    const importing = props.securityGroupRules === undefined;
    const inputs = importing ? withoutUndefined({ name: group.name, description: group.description ?? "", ...(managed ? { rules: rulesWithoutIds(live) } : {}) }) : undefined;
    return { id, props: outs, ...(inputs ? { inputs } : {}) };
  },

  async update(id, olds: Props, news: Props) {
    const inputs = SecurityGroupInputs.parse(strip(news));
    const c = await networkClient();
    let group = undefined;
    if ((olds.name ?? null) !== inputs.name || (olds.description ?? "") !== (inputs.description ?? "")) {
      group = await api.updateGroup(c, id, { name: inputs.name, description: inputs.description ?? "" });
    }
    const known: LiveRule[] = group ? group.security_group_rules.map(ruleFromWire) : (olds.securityGroupRules ?? []);
    const live = await applyDesiredRules(c, id, inputs, known, { defaultsAlreadyRemoved: olds.deleteDefaultRules === true });
    const base = group ?? { id, name: inputs.name, description: inputs.description ?? "", tenant_id: olds.tenantId, security_group_rules: [] };
    return { outs: withoutUndefined({ ...inputs, ...groupOutputs(base, live), ...(inputs.rules ? { rules: rulesWithoutIds(live) } : {}) }) };
  },

  async delete(id) {
    const c = await networkClient();
    try {
      await deleteIfExists(() => api.deleteGroup(c, id));
    } catch (error) {
      if (!isInUse(error)) throw error;
      const ports = await api.listGroupPorts(c, id).catch(() => []);
      const by = ports.length ? ` by ${ports.length} port(s): ${ports.map((p) => `${p.id}${p.device_id ? ` (device ${p.device_id})` : ""}`).join(", ")}` : "";
      throw new SecgroupsError("InUse", (error as SecgroupsError).context, `security group ${id} is in use${by}; detach it from those servers or ports, then run the command again`, { cause: error });
    }
  },
};

/** Applies `rules` (authoritative) or `deleteDefaultRules`; returns the live rules afterwards. */
async function applyDesiredRules(c: HttpClient, groupId: string, inputs: SecurityGroupInputs, live: LiveRule[], options: { fresh?: boolean; defaultsAlreadyRemoved?: boolean }): Promise<LiveRule[]> {
  if (inputs.rules) return syncRules(c, groupId, inputs.rules, live, { fresh: options.fresh });
  if (inputs.deleteDefaultRules && !options.defaultsAlreadyRemoved) {
    const defaults = live.filter(isDefaultEgress);
    await Promise.all(defaults.map((r) => deleteIfExists(() => api.deleteRule(c, r.id))));
    return live.filter((r) => !defaults.includes(r));
  }
  return live;
}

/** `nhn.SecurityGroupRule`: rules are immutable in Neutron, so every change replaces. */
export const securityGroupRuleProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return checkInputs(SecurityGroupRuleInputs, news);
  },

  async diff(_id, olds: Props, news: Props) {
    const keys = ["securityGroupId", "direction", "ethertype", "protocol", "portRangeMin", "portRangeMax", "remoteIpPrefix", "remoteGroupId", "description"];
    const replaces = keys.filter((k) => stableKey(olds[k] ?? null) !== stableKey(news[k] ?? null));
    if (replaces.length === 0) return { changes: false };
    const collide = olds.securityGroupId === news.securityGroupId && collisionKey(asRule(olds)) === collisionKey(asRule(news));
    return { changes: true, replaces, deleteBeforeReplace: collide };
  },

  async create(raw: Props) {
    const inputs = SecurityGroupRuleInputs.parse(strip(raw));
    const c = await networkClient();
    const { securityGroupId, ...rule } = inputs;
    const wire = await createIdempotent({
      what: `rule in security group ${securityGroupId}`,
      create: () => api.createRule(c, ruleToWire(securityGroupId, rule)),
      adopt: (existingId) => api.getRule(c, existingId),
      find: async () => (await api.listRules(c, securityGroupId)).find((w) => ruleKey(stripId(ruleFromWire(w))) === ruleKey(rule)),
    });
    const live = ruleFromWire(wire);
    return { id: wire.id, outs: withoutUndefined({ ...inputs, ...stripId(live), securityGroupId }) };
  },

  async read(id, props: Props) {
    const c = await networkClient();
    const wire = await readIfExists(() => api.getRule(c, id));
    if (!wire) return {} as pulumi.dynamic.ReadResult;
    const live = stripId(ruleFromWire(wire));
    const outs = withoutUndefined({ ...strip(props), ...live, securityGroupId: wire.security_group_id });
    return { id, props: outs, inputs: withoutUndefined({ ...live, securityGroupId: wire.security_group_id }) };
  },

  async delete(id) {
    const c = await networkClient();
    await deleteIfExists(() => api.deleteRule(c, id));
  },
};

function stripId(r: LiveRule): InlineRule {
  const { id: _id, ...rest } = r;
  return rest;
}

function asRule(p: Props): InlineRule {
  return { direction: p.direction, ethertype: p.ethertype, protocol: p.protocol ?? null, portRangeMin: p.portRangeMin ?? null, portRangeMax: p.portRangeMax ?? null, remoteIpPrefix: p.remoteIpPrefix ?? null, remoteGroupId: p.remoteGroupId ?? null, description: p.description ?? "" };
}

function sortedRules(rules: InlineRule[]): string[] {
  return rules.map((r) => ruleKey(stripId(r as LiveRule))).sort();
}
